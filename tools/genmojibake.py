#!/usr/bin/env python3
"""genmojibake.py - write lib/text/mojibake_tab.h, the tables of
artclean's mojibake step (lib/text/mojibake.c), to standard output.

Run by `make tables`; a test in make check runs it again and compares, so
the tables and their sources cannot drift apart.

From what:
- the code pages: bytes 0x80-0xFF of each, decoded by Python's own codecs.
  The "sloppy" Windows pages are ftfy's: where Windows leaves a byte
  undefined, it decodes to the C1 control of the same value, so that a
  lossy decoding can be encoded back.
- the character classes of the badness test: ftfy's MOJIBAKE_CATEGORIES
  (python-ftfy 6.3.1, Robyn Speer, Apache-2.0), as CLASSES below.
- the roles a character plays when read back as a byte of UTF-8: ftfy's
  UTF8_CLUES, as ROLES below.
Which code pages hold each character is worked out from the pages.
"""
import sys

# Code pages in the order the repair tries them: (C name, codec, sloppy).
PAGES = [
    ("latin-1", "latin-1", False),
    ("sloppy-windows-1252", "cp1252", True),
    ("sloppy-windows-1251", "cp1251", True),
    ("sloppy-windows-1250", "cp1250", True),
    ("sloppy-windows-1253", "cp1253", True),
    ("sloppy-windows-1254", "cp1254", True),
    ("sloppy-windows-1257", "cp1257", True),
    ("iso-8859-2", "iso8859_2", False),
    ("macroman", "mac_roman", False),
    ("cp437", "cp437", False),
]

# Classes of the badness test, by the K_ names mojibake.c uses.  A
# character may be in two (the kaomoji letters are accented letters too).
CLASSES = {
    "K_C1": "".join(chr(c) for c in range(0x80, 0xA0)),
    "K_COM": "\u00a0\u00ad\u00b4\u00b7\u2013\u2014\u2015\u2019\u2026",
    "K_SP": "¡©«¿΄΅‘‚“„•‹\uf8ff",
    "K_CUR": "¢£¥₧€",
    "K_BAD": "¤¦¨ª¬¯¸ºƒˆˇ˘˛˜†‡‰⌐◊\ufffd",
    "K_LAW": "§¶",
    "K_EP": "®»˝”›™",
    "K_KAO": "°ÒÓÔÕÖÙÚÛÜòóôõöøùúûüŌŐŪŲ",
    "K_NUM": "±²³µ¹¼½¾×÷⁄№∂∆∏∑√∞∩∫≈≠≡≤≥",
    "K_UA": "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑØÜÝĀĂĄĆČĎĐĒĖĘĚĞĢĪİĶĹĻĽŁŃŅŇŒŘŚŞŠŢŤŮŰŸŹŻŽҐ",
    "K_UC": "ÞΆΈΉΊΌΎΏΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡ\u03a2ΣΤΥΦΧΨΩΪΫЁЂЃЄЅІЇЈЉЊЋЌЍЎЏ"
            "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "K_LA": "ßàáâãäåæçèéêëìíîïðñüāăąćčďđēėęěğģīįķĺļľłœŕśşšťźżžґﬁﬂ",
    "K_LC": "άέήίΰαβγδεζηθικλμνξοπρςστυφχψωабвгдежзийклмнопрстуфхцчшщъыьэюя"
            "ѐёђѓєѕіїјљњћќѝўџ",
    "K_BOX": "│┌┐┘├┤┬┼═║╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬▀▄█▌▐░▒▓",
}

# A continuation byte that is no common punctuation: R_STRICT.
_STRICT = (
    "".join(chr(c) for c in range(0x80, 0xA0)) +
    "\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿ÆØæøĄąĽľŁłŒœŖŗŚśŞşŠšŤťŸŹźŻżŽž"
    "ƒˆˇ˘˛˜˝΄΅ΆΈΉΊΌΎΏЁЂЃЄЅІЇЈЉЊЋЌЎЏёђѓєѕіїјљњћќўџҐґ†‡‰‹›€№™")
ROLES = {
    "R_LEAD2": "ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßĀĂĆČĎĐĒĖĘĚĞĢĪİĶĹĻŁŃŅŇŌŐŘŚŞŠŢŪŮŰ"
               "ŲŹŻŽΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΪΫάέήίВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬ"
               "ЭЮЯ",
    "R_LEAD3": "àáâãäåæçèéêëìíîïāăąćčďēėęěģīįķĺļŕźΰαβγδεζηθικλμνξοабвгдежзийклмноп",
    "R_LEAD4": "ðóđğšπσру",
    "R_CONT": _STRICT + "–—―‘’‚“”„•…",
    "R_STRICT": _STRICT,
}


def page(codec, sloppy):
    out = []
    for b in range(0x80, 0x100):
        try:
            out.append(ord(bytes([b]).decode(codec)))
        except UnicodeDecodeError:
            if not sloppy:
                raise
            out.append(b)
    return out


def main():
    pages = [page(codec, sloppy) for _, codec, sloppy in PAGES]
    enc = {}
    for i, p in enumerate(pages):
        for cp in p:
            enc[cp] = enc.get(cp, 0) | 1 << i
    cls = {}
    for name, chars in CLASSES.items():
        for ch in chars:
            cls.setdefault(ord(ch), []).append(name)
    role = {}
    for name, chars in ROLES.items():
        for ch in chars:
            role.setdefault(ord(ch), []).append(name)
    w = sys.stdout.write
    w("/*\n * mojibake_tab.h - tables of lib/text/mojibake.c, written by "
      "tools/genmojibake.py\n * (make tables): do not edit; the generator "
      "says where they come from.\n */\n\n")
    w("/* Bytes 0x80-0xFF of each code page, in the order of the E_ "
      "enum. */\n")
    w("static const uint16_t pages[NENC][128] = {\n")
    for (name, _, _), p in zip(PAGES, pages):
        w("\t{\t/* %s */\n" % name)
        for k in range(0, 128, 8):
            w("\t\t" + " ".join("0x%04X," % c for c in p[k:k + 8]) + "\n")
        w("\t},\n")
    w("};\n\n")
    w("/*\n * Every character of those code pages or of a class, sorted by "
      "cp: the\n * code pages that have it (bit 1 << E_...), its roles as a "
      "byte of UTF-8,\n * its classes.\n */\n")
    w("static const struct mchar mchars[] = {\n")
    for cp in sorted(set(enc) | set(cls)):
        r = " | ".join(n for n in ROLES if n in role.get(cp, [])) or "0"
        c = "|".join(n for n in CLASSES if n in cls.get(cp, [])) or "0"
        w("\t{0x%04X, 0x%03X, %s, %s},\n" % (cp, enc.get(cp, 0), r, c))
    w("};\n")
    # An index of mchars by code point, in two levels: the badness test
    # looks up every character beyond ASCII and the ones around it, and a
    # binary search of mchars was a tenth of artclean's time.
    cps = sorted(set(enc) | set(cls))
    blocks = sorted(set(cp >> 8 for cp in cps))
    w("\n/*\n * mchars by code point: mblock[cp >> 8] is 0 (no character "
      "of that block)\n * or 1 + the row of mindex that gives, for "
      "cp & 0xFF, 0 (none) or\n * 1 + its place in mchars.\n */\n")
    w("static const uint8_t mblock[256] = {\n")
    row = {b: i + 1 for i, b in enumerate(blocks)}
    vals = [row.get(b, 0) for b in range(256)]
    for k in range(0, 256, 16):
        w("\t" + " ".join("%d," % v for v in vals[k:k + 16]) + "\n")
    w("};\n\n")
    w("static const uint16_t mindex[%d][256] = {\n" % len(blocks))
    place = {cp: i + 1 for i, cp in enumerate(cps)}
    for b in blocks:
        w("\t{\t/* U+%02X00 */\n" % b)
        vals = [place.get(b << 8 | k, 0) for k in range(256)]
        for k in range(0, 256, 16):
            w("\t\t" + " ".join("%d," % v for v in vals[k:k + 16]) + "\n")
        w("\t},\n")
    w("};\n")


if __name__ == "__main__":
    main()
