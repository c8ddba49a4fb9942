#!/usr/bin/env python3
"""gendocx.py - make DOCX files for artsplit's tests: plain documents and
Nexis Uni exports, with the odd parts real ones have, and broken ones.

Real exports are copyrighted and never committed; this writes the same
shapes from text and metadata, so a test knows exactly what artsplit must
read back (the round trip).

    gendocx.py plain OUT.docx [IN]      paragraphs from IN (default stdin)
    gendocx.py nexis OUT.docx [IN]      a Nexis Uni export from JSON Lines
    gendocx.py bad KIND OUT.docx        a broken file (see BAD below)

plain: one paragraph a line of IN (blank lines are skipped), with inline
markup for the parts of WordprocessingML a reader must get right:
    {tab}  {br}  {page}                 a tab, a line break, a page break
    {link:TEXT}                         a hyperlink whose text is TEXT
    {field:INSTR|RESULT}                a complex field: only RESULT is text
    {simple:INSTR|RESULT}               a simple field
    {del:TEXT}  {ins:TEXT}              deleted / inserted revisions
    {box:TEXT}                          a text box (with the VML fallback
                                        copy Word writes beside it)
    {note:TEXT}                         a footnote (its text is another part)
    {comment:TEXT}                      a comment (another part)
    {split}                             the run ends here (Word splits runs
                                        anywhere, even inside a word)
and a header and a footer whose text must never come out.

nexis: one document a JSON line: title, source, date (the date line as
written), copyright, fields (an object, e.g. {"Section": "News"}), body
(a list of paragraphs), trailer (an object: Load-Date, Language, ...),
lang ("en", "de" or "fr": the field names and markers of that language).
The export gets a cover page (Date and Time, Job Number, "Documents (N)",
a numbered table of contents with hyperlinks, Client/Matter, Search
Terms), a page break before each document and "End of Document" after
it.  --count N writes N in "Documents (N)" instead of the true count;
--cut drops the last document's end.

BAD kinds: notzip (a zip of other files), nomain ([Content_Types].xml
without a main part), missing (the main part named but absent), damaged
(the zip cut short), encrypted (the main part flagged as encrypted), ole
(an encrypted DOCX as Office writes it: an OLE2 file), bomb (a main part
that inflates to 300 MB), doctype (entities in a DTD), attrs (a paragraph
of 300,000 attributes).
"""
import io
import json
import re
import sys
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MAIN = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
        "document.main+xml")
NS = ('xmlns:w="%s" xmlns:r="%s" xmlns:mc="%s" xmlns:wps="%s" '
      'mc:Ignorable="wps"' % (W, R, MC, WPS))

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/word/document.xml" ContentType="%s"/>\
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>\
<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>\
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>\
<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>\
<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>\
<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>\
<Relationship Id="rIdL" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/>\
</Relationships>"""


def run(text, props=True):
    """A run of text, with run properties (which hold no text)."""
    rpr = '<w:rPr><w:b/><w:lang w:val="en-GB"/></w:rPr>' if props else ""
    return ('<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>'
            % (rpr, escape(text)))


class Doc:
    def __init__(self):
        self.body = []
        self.notes = []
        self.comments = []

    def inline(self, s):
        """Paragraph content from a line with {markup}."""
        out = []
        pos = 0
        for m in re.finditer(r"\{(\w+)(?::([^}]*))?\}", s):
            if m.start() > pos:
                out.append(run(s[pos:m.start()]))
            kind, arg = m.group(1), m.group(2) or ""
            if kind == "tab":
                out.append("<w:r><w:tab/></w:r>")
            elif kind == "br":
                out.append("<w:r><w:br/></w:r>")
            elif kind == "page":
                out.append('<w:r><w:br w:type="page"/></w:r>')
            elif kind == "split":
                pass
            elif kind == "link":
                out.append('<w:hyperlink r:id="rIdL">%s</w:hyperlink>'
                           % run(arg, False))
            elif kind == "field":
                instr, result = arg.split("|", 1)
                out.append('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                           '<w:r><w:instrText xml:space="preserve"> %s '
                           '</w:instrText></w:r>'
                           '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                           '%s<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                           % (escape(instr), run(result)))
            elif kind == "simple":
                instr, result = arg.split("|", 1)
                out.append('<w:fldSimple w:instr=" %s ">%s</w:fldSimple>'
                           % (escape(instr), run(result)))
            elif kind == "del":
                out.append('<w:del w:id="1" w:author="A" w:date="2020-01-01'
                           'T00:00:00Z"><w:r><w:delText>%s</w:delText>'
                           '</w:r></w:del>' % escape(arg))
            elif kind == "ins":
                out.append('<w:ins w:id="2" w:author="A" w:date="2020-01-01'
                           'T00:00:00Z">%s</w:ins>' % run(arg))
            elif kind == "box":
                inner = '<w:p>%s</w:p>' % run(arg)
                out.append(
                    '<w:r><mc:AlternateContent><mc:Choice Requires="wps">'
                    '<w:drawing><wps:wsp><wps:txbx><w:txbxContent>%s'
                    '</w:txbxContent></wps:txbx></wps:wsp></w:drawing>'
                    '</mc:Choice><mc:Fallback><w:pict><w:txbxContent>%s'
                    '</w:txbxContent></w:pict></mc:Fallback>'
                    '</mc:AlternateContent></w:r>' % (inner, inner))
            elif kind == "note":
                self.notes.append(arg)
                out.append('<w:r><w:footnoteReference w:id="%d"/></w:r>'
                           % (len(self.notes) + 1))
            elif kind == "comment":
                self.comments.append(arg)
                k = len(self.comments)
                out.append('<w:commentRangeStart w:id="%d"/>'
                           '<w:commentRangeEnd w:id="%d"/>'
                           '<w:r><w:commentReference w:id="%d"/></w:r>'
                           % (k, k, k))
            else:
                raise SystemExit("gendocx: unknown markup {%s}" % kind)
            pos = m.end()
        if pos < len(s):
            out.append(run(s[pos:]))
        return "".join(out)

    def para(self, s, style=None, page_before=False):
        ppr = ""
        if style or page_before:
            ppr = "<w:pPr>%s%s<w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/>" \
                  "</w:tabs></w:pPr>" % (
                      '<w:pStyle w:val="%s"/>' % style if style else "",
                      "<w:pageBreakBefore/>" if page_before else "")
        self.body.append("<w:p>%s%s</w:p>" % (ppr, self.inline(s)))

    def table(self, rows):
        cells = "".join("<w:tr>%s</w:tr>" % "".join(
            "<w:tc><w:p>%s</w:p></w:tc>" % run(c) for c in r) for r in rows)
        self.body.append("<w:tbl>%s</w:tbl>" % cells)

    def part(self, tag, paras):
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:%s %s>%s</w:%s>' % (tag, NS, "".join(
                    "<w:p>%s</w:p>" % run(p) for p in paras), tag))

    def write(self, path, content_types=None, main=None, drop=()):
        doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<w:document %s><w:body>%s<w:sectPr><w:headerReference '
               'w:type="default" r:id="rIdH"/><w:pgSz w:w="11906" '
               'w:h="16838"/></w:sectPr></w:body></w:document>'
               % (NS, "".join(self.body)))
        notes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<w:footnotes %s>%s</w:footnotes>' % (NS, "".join(
                     '<w:footnote w:id="%d"><w:p>%s</w:p></w:footnote>'
                     % (i + 2, run(t)) for i, t in enumerate(self.notes))))
        comments = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    '\n<w:comments %s>%s</w:comments>' % (NS, "".join(
                        '<w:comment w:id="%d" w:author="A"><w:p>%s</w:p>'
                        '</w:comment>' % (i + 1, run(t))
                        for i, t in enumerate(self.comments))))
        parts = [
            ("[Content_Types].xml", content_types or CONTENT_TYPES % MAIN),
            ("_rels/.rels", RELS),
            ("word/_rels/document.xml.rels", DOC_RELS),
            ("word/document.xml", main if main is not None else doc),
            ("word/header1.xml", self.part("hdr", ["HEADER TEXT"])),
            ("word/footer1.xml", self.part("ftr", ["FOOTER TEXT"])),
            ("word/footnotes.xml", notes),
            ("word/comments.xml", comments),
        ]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts:
                if name not in drop:
                    z.writestr(name, data)


LANG = {
    "en": {"docs": "Documents (%d)", "body": "Body",
           "end": "End of Document", "date": "Date and Time:",
           "job": "Job Number:", "client": "Client/Matter:",
           "terms": "Search Terms:"},
    "de": {"docs": "Dokumente (%d)", "body": "Text",
           "end": "Ende des Dokuments", "date": "Date and Time:",
           "job": "Job Number:", "client": "Client/Matter:",
           "terms": "Search Terms:"},
    "fr": {"docs": "Documents (%d)", "body": "Corps",
           "end": "Fin du document", "date": "Date and Time:",
           "job": "Job Number:", "client": "Client/Matter:",
           "terms": "Search Terms:"},
}


def nexis(out, lines, count=None, cut=False):
    docs = [json.loads(l) for l in lines if l.strip()]
    lang = LANG[docs[0].get("lang", "en")] if docs else LANG["en"]
    d = Doc()
    # The cover page.
    d.para("%s Jul 02, 2019 10:27" % lang["date"])
    d.para("%s 95263456" % lang["job"])
    d.para(lang["docs"] % (count if count is not None else len(docs)))
    for i, doc in enumerate(docs):
        d.para("%d. {link:%s}" % (i + 1, doc.get("title", "")))
    d.para("%s -None-" % lang["client"])
    d.para("%s harbour" % lang["terms"])
    d.para("Search Type: Natural Language")
    d.table([["Content Type", "Narrowed by"], ["News", "Sources: Papers"]])
    for i, doc in enumerate(docs):
        L = LANG[doc.get("lang", "en")]
        if "title" in doc:
            d.para(doc["title"], style="Title", page_before=True)
        d.para(doc.get("source", ""))
        d.para(doc.get("date", ""))
        if doc.get("copyright"):
            d.para(doc["copyright"])
        for k, v in doc.get("fields", {}).items():
            sep = " : " if doc.get("lang") == "fr" else ": "
            d.para("%s%s%s" % (k, sep, v))
        d.para(L["body"])
        for p in doc.get("body", []):
            d.para(p)
        if doc.get("trailer"):
            d.para("Classification")
            for k, v in doc["trailer"].items():
                sep = " : " if doc.get("lang") == "fr" else ": "
                d.para("%s%s%s" % (k, sep, v))
        if not (cut and i == len(docs) - 1):
            d.para(L["end"])
    d.write(out)


def bad(kind, out):
    d = Doc()
    d.para("A title")
    d.para("Some text.")
    if kind == "notzip":
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("readme.txt", "not a document")
            z.writestr("[Content_Types].xml", CONTENT_TYPES.replace(
                '<Override PartName="/word/document.xml" ContentType="%s"/>',
                ""))
    elif kind == "nomain":
        d.write(out, content_types=CONTENT_TYPES % "application/xml")
    elif kind == "missing":
        d.write(out, drop=("word/document.xml",))
    elif kind == "damaged":
        buf = io.BytesIO()
        d.write(buf)
        data = buf.getvalue()
        open(out, "wb").write(data[:len(data) * 2 // 3])
    elif kind == "encrypted":
        d.write(out)
        data = bytearray(open(out, "rb").read())
        # Set bit 0 (encrypted) of the general purpose flags of
        # word/document.xml in its local header and the central directory.
        name = b"word/document.xml"
        for sig, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            i = 0
            while (i := data.find(sig, i)) >= 0:
                nlen_at = 26 if sig == b"PK\x03\x04" else 28
                hdr = 30 if sig == b"PK\x03\x04" else 46
                nlen = int.from_bytes(data[i + nlen_at:i + nlen_at + 2],
                                      "little")
                if data[i + hdr:i + hdr + nlen] == name:
                    data[i + flags] |= 1
                i += 4
        open(out, "wb").write(bytes(data))
    elif kind == "ole":
        # The start of an OLE2 compound file holding an EncryptedPackage
        # stream, as Office writes a password-protected DOCX.
        data = bytearray(4096)
        data[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        data[512:512 + 32] = "EncryptedPackage".encode("utf-16-le")
        open(out, "wb").write(bytes(data))
    elif kind == "bomb":
        body = "<w:p>%s</w:p>" % run("x")
        main = ('<?xml version="1.0" encoding="UTF-8"?>\n<w:document %s>'
                '<w:body>%s%s</w:body></w:document>'
                % (NS, body, " " * (300 << 20)))
        d.write(out, main=main)
    elif kind == "doctype":
        main = ('<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a '
                '"aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                '<w:document %s><w:body><w:p><w:r><w:t>&b;</w:t></w:r>'
                '</w:p></w:body></w:document>' % NS)
        d.write(out, main=main)
    elif kind == "attrs":
        main = ('<?xml version="1.0"?>\n<w:document %s><w:body><w:p %s>%s'
                '</w:p></w:body></w:document>' % (NS, " ".join(
                    'w:a%d="%d"' % (i, i) for i in range(300000)), run("x")))
        d.write(out, main=main)
    else:
        raise SystemExit("gendocx: unknown bad kind %s" % kind)


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    mode = argv[1]
    if mode == "bad":
        bad(argv[2], argv[3])
        return
    out = argv[2]
    rest = argv[3:]
    count, cut = None, False
    while rest and rest[0].startswith("--"):
        if rest[0] == "--count":
            count = int(rest[1])
            rest = rest[2:]
        elif rest[0] == "--cut":
            cut = True
            rest = rest[1:]
        else:
            raise SystemExit("gendocx: unknown option %s" % rest[0])
    src = open(rest[0], encoding="utf-8") if rest else sys.stdin
    lines = src.read().split("\n")
    if mode == "plain":
        d = Doc()
        for l in lines:
            if l.strip():
                d.para(l)
        d.write(out)
    elif mode == "nexis":
        nexis(out, lines, count, cut)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
