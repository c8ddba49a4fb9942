/*
 * Unit tests for lib/text/textnorm.c: step 3 (Unicode) and step 4 (whitespace)
 * of artclean, and the --ascii fold.
 */
#include "unit.h"
#include "base/buf.h"
#include "text/textnorm.h"

static struct buf out = BUF_INIT;

static const char *
uni(const char *s, unsigned flags)
{
	buf_reset(&out);
	textnorm_unicode(s, strlen(s), &out, flags);
	return buf_cstr(&out);
}

static const char *
space(const char *s)
{
	buf_reset(&out);
	textnorm_space(s, strlen(s), &out);
	return buf_cstr(&out);
}

static void
test_normal_forms(void)
{
	/* e + combining acute composes; NFC keeps the fi ligature, NFKC not */
	CHECK_STR(uni("cafe\xcc\x81", 0), "caf\xc3\xa9");
	CHECK_STR(uni("\xef\xac\x81nal", 0), "\xef\xac\x81nal");
	CHECK_STR(uni("\xef\xac\x81nal \xef\xbc\xa1", TN_NFKC), "final A");
	/* Angstrom sign (a singleton) becomes A-ring */
	CHECK_STR(uni("10 \xe2\x84\xab", 0), "10 \xc3\x85");
	/* Hangul jamo compose into a syllable */
	CHECK_STR(uni("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", 0),
	    "\xed\x95\x9c");
}

static void
test_invisible(void)
{
	CHECK_STR(uni("zero\xe2\x80\x8bwidth soft\xc2\xadhyphen "
	    "\xef\xbb\xbf" "bom word\xe2\x81\xa0joiner", 0),
	    "zerowidth softhyphen bom wordjoiner");
	CHECK_STR(uni("bell\x07 esc\x1b del\x7f c1\xc2\x85", 0),
	    "bell esc del c1");
	/* past whole words of plain ASCII, read eight bytes at a time */
	CHECK_STR(uni("sixteen ascii by\x7fte, then\x1b more", 0),
	    "sixteen ascii byte, then more");
	CHECK_STR(uni("twenty four plain bytes\xe2\x80\x8b!", 0),
	    "twenty four plain bytes!");
	/* tabs and newlines are layout, not control noise */
	CHECK_STR(uni("a\tb\nc", 0), "a\tb\nc");
	/* emoji ZWJ sequences and ZWNJ spelling stay */
	CHECK_STR(uni("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", 0),
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb");
	CHECK_STR(uni("bad \xff byte", 0), "bad \xef\xbf\xbd byte");
}

static void
test_spaces_and_breaks(void)
{
	CHECK_STR(uni("no\xc2\xa0" "break thin\xe2\x80\x89space "
	    "ideo\xe3\x80\x80space narrow\xe2\x80\xafnbsp", 0),
	    "no break thin space ideo space narrow nbsp");
	CHECK_STR(uni("line\xe2\x80\xa8" "break para\xe2\x80\xa9" "break", 0),
	    "line\nbreak para\n\nbreak");
	CHECK_STR(uni("dos\r\nmac\rend", 0), "dos\nmac\nend");
}

static void
test_ascii(void)
{
	const char *curly = "\xe2\x80\x9cIt\xe2\x80\x99s\xe2\x80\x9d "
	    "\xe2\x80\x93 1\xe2\x80\x94" "2\xe2\x80\xa6";

	CHECK_STR(uni(curly, TN_ASCII), "\"It's\" - 1-2...");
	/* off by default: curly quotes are the writer's choice */
	CHECK_STR(uni(curly, 0), curly);
	CHECK(!textnorm_maybe("Plain ASCII, tabs\tand\nnewlines.", 31));
	CHECK(textnorm_maybe("caf\xc3\xa9", 5));
	CHECK(textnorm_maybe("long ascii line then a bell \x07", 29));
	CHECK(textnorm_maybe("long ascii line then a del \x7f", 28));
}

/*
 * Runs of plain bytes are read eight at a time, a word holding a tab or
 * newline byte by byte: a special byte is found at every place, before
 * and after such words, and in the eight-byte words that follow them.
 */
static void
test_plain_runs(void)
{
	static const unsigned char special[] = { 0x01, 0x07, '\r', 0x1f,
	    0x7f, 0x80, 0xc3, 0xff };
	char s[41];
	size_t p, k;

	memset(s, 'a', sizeof(s));
	s[3] = '\n';
	s[12] = '\t';
	s[20] = '\n';
	CHECK(!textnorm_maybe(s, sizeof(s)));
	for (p = 0; p < sizeof(s); p++) {
		if (p == 3 || p == 12 || p == 20)
			continue;
		for (k = 0; k < sizeof(special); k++) {
			s[p] = (char)special[k];
			CHECK(textnorm_maybe(s, sizeof(s)));
			s[p] = 'a';
		}
	}
	CHECK_STR(uni("one\ntwo\tthree four five six seven\x07 eight", 0),
	    "one\ntwo\tthree four five six seven eight");
}

static void
test_whitespace(void)
{
	CHECK_STR(space("  Two   spaces\tand tabs  \n  next line  "),
	    "Two spaces and tabs\nnext line");
	CHECK_STR(space("One.\n\n\n\n   \nTwo.\n \t \nThree."),
	    "One.\n\nTwo.\n\nThree.");
	CHECK_STR(space("\n\n  \n"), "");
	CHECK_STR(space("crlf\r\nline\r\n\r\npara"), "crlf\nline\n\npara");
	/* a tidy line is tested eight bytes at a time: pairs across words */
	CHECK_STR(space("seven b  eight by  ninth"), "seven b eight by ninth");
	CHECK_STR(space("abcdefg  hijklmnop"), "abcdefg hijklmnop");
	CHECK_STR(space("abcdefghijklmno\tp q"), "abcdefghijklmno p q");
	CHECK_STR(space("abcdefghijklmnopq r"), "abcdefghijklmnopq r");
}

int
main(void)
{
	test_normal_forms();
	test_invisible();
	test_spaces_and_breaks();
	test_ascii();
	test_plain_runs();
	test_whitespace();
	buf_free(&out);
	UNIT_END();
}
