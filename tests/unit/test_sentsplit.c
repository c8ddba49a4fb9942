/*
 * Unit tests for lib/sent/sentsplit.c: every phenomenon artsent promises
 * (issue 4), each with sentences written for this file, and on every case
 * the invariant that the slices are in order, do not overlap, hold no
 * white space at their ends, and leave only white space between them.
 * The lists come from share/abbrev/ (tests/run sets ARTKIT_SHARE).
 */
#include <sys/wait.h>

#include <err.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"
#include "sent/sentsplit.h"

static int
is_white(const char *s, size_t n)
{
	const unsigned char *t = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (t[i] == ' ' || (t[i] >= '\t' && t[i] <= '\r'))
			continue;
		if (i + 1 < n && t[i] == 0xC2 && t[i + 1] == 0xA0) {
			i++;
			continue;
		}
		return 0;
	}
	return 1;
}

/*
 * Check the slices of text against the invariant; returns the number of
 * violations (each reported with the caller's line).
 */
static int
invariant(int line, const char *text, size_t len, const struct sent *v,
    size_t n)
{
	size_t i, prev = 0;
	unsigned par = 1;
	int bad = 0;

	for (i = 0; i < n; i++) {
		if (v[i].start < prev || v[i].end <= v[i].start ||
		    v[i].end > len) {
			fprintf(stderr, "line %d: slice %zu out of order\n",
			    line, i);
			return bad + 1;
		}
		if (!is_white(text + prev, v[i].start - prev) ||
		    is_white(text + v[i].start, 1) ||
		    is_white(text + v[i].end - 1, 1)) {
			fprintf(stderr, "line %d: slice %zu: white space "
			    "wrong around it\n", line, i);
			bad++;
		}
		if (v[i].par < par || v[i].par > par + 1 ||
		    (i == 0 && v[i].par != 1)) {
			fprintf(stderr, "line %d: slice %zu: paragraph %u "
			    "after %u\n", line, i, v[i].par, par);
			bad++;
		}
		par = v[i].par;
		prev = v[i].end;
	}
	if (!is_white(text + prev, len - prev)) {
		fprintf(stderr, "line %d: text left after the last slice\n",
		    line);
		bad++;
	}
	return bad;
}

/*
 * Split a copy of text with no NUL after it, so that a read past the end
 * fails under ASan rather than finding the literal's.
 */
static size_t
run_copy(struct sentsplit *ss, const char *text, size_t len, struct sent **v,
    size_t *cap)
{
	char *copy;
	size_t n;

	if ((copy = malloc(len > 0 ? len : 1)) == NULL)
		err(1, NULL);
	memcpy(copy, text, len);
	n = sentsplit_run(ss, copy, len, v, cap);
	free(copy);
	return n;
}

/*
 * Split text with ss and compare with the expected sentences (a NULL
 * terminated list); the invariant is checked on every case.
 */
static void
split_check(int line, struct sentsplit *ss, const char *text, size_t len,
    ...)
{
	struct sent *v = NULL;
	size_t cap = 0, n, i, k;
	const char *w;
	va_list ap;
	int ok;

	n = run_copy(ss, text, len, &v, &cap);
	ok = invariant(line, text, len, v, n) == 0;
	va_start(ap, len);
	for (k = 0; (w = va_arg(ap, const char *)) != NULL; k++)
		if (k >= n || v[k].end - v[k].start != strlen(w) ||
		    memcmp(text + v[k].start, w, strlen(w)) != 0)
			ok = 0;
	va_end(ap);
	if (k != n)
		ok = 0;
	if (ok)
		unit_passed++;
	else {
		unit_failed++;
		fprintf(stderr, "line %d: FAIL, got %zu sentences:\n", line,
		    n);
		for (i = 0; i < n; i++)
			fprintf(stderr, "\t[%.*s] par %u\n",
			    (int)(v[i].end - v[i].start), text + v[i].start,
			    v[i].par);
	}
	free(v);
}

#define SPLIT(ss, text, ...) \
	split_check(__LINE__, ss, text, strlen(text), __VA_ARGS__, NULL)
/* The whole text is one sentence. */
#define ONE(ss, text) SPLIT(ss, text, text)

/*
 * Split text (which may hold NULs) with ss and compare the ends of the
 * slices with the nends offsets in ends; the invariant says where each
 * slice begins.
 */
static void
ends_check(int line, struct sentsplit *ss, const char *text, size_t len,
    const size_t *ends, size_t nends)
{
	struct sent *v = NULL;
	size_t cap = 0, n, i;
	int ok;

	n = run_copy(ss, text, len, &v, &cap);
	ok = invariant(line, text, len, v, n) == 0 && n == nends;
	for (i = 0; ok && i < n; i++)
		ok = v[i].end == ends[i];
	if (ok)
		unit_passed++;
	else {
		unit_failed++;
		fprintf(stderr, "line %d: FAIL, got %zu sentences, ending at",
		    line, n);
		for (i = 0; i < n; i++)
			fprintf(stderr, " %zu", v[i].end);
		fprintf(stderr, "\n");
	}
	free(v);
}

/* A literal text with NULs in it, and where its sentences end. */
#define SPLIT_AT(ss, text, ...) do {					\
	static const size_t ends_[] = { __VA_ARGS__ };			\
	ends_check(__LINE__, ss, text, sizeof(text) - 1, ends_,		\
	    sizeof(ends_) / sizeof(ends_[0]));				\
} while (0)

static void
test_basic(struct sentsplit *en)
{
	SPLIT(en, "The ferry left at dawn. Nobody waved.",
	    "The ferry left at dawn.", "Nobody waved.");
	SPLIT(en, "Was it late? It was! Everyone knew.",
	    "Was it late?", "It was!", "Everyone knew.");
	SPLIT(en, "  \n Leading and trailing space.  \n\n",
	    "Leading and trailing space.");
	SPLIT(en, "No final stop here", "No final stop here");
	SPLIT(en, "", NULL);
	SPLIT(en, " \n\t\n  ", NULL);
	SPLIT(en, "Digits 42. 17 more came.", "Digits 42.", "17 more came.");
	SPLIT(en, "Über alles. Éclair for tea.", "Über alles.",
	    "Éclair for tea.");
}

static void
test_paragraphs(struct sentsplit *en)
{
	struct sent *v = NULL;
	size_t cap = 0, n;
	const char *t = "\n\nFirst one. Second\n\nThird para\r\n\r\nFourth.";

	SPLIT(en, t, "First one.", "Second", "Third para", "Fourth.");
	n = sentsplit_run(en, t, strlen(t), &v, &cap);
	CHECK(n == 4);
	CHECK(n == 4 && v[0].par == 1 && v[1].par == 1 && v[2].par == 2 &&
	    v[3].par == 3);
	free(v);
	/* a line of blanks is a blank line too */
	SPLIT(en, "Rain fell all day\n   \t\nThe river rose.",
	    "Rain fell all day", "The river rose.");
}

static void
test_soft_breaks(struct sentsplit *en)
{
	ONE(en, "The council met on a wet\nevening to argue about parking.");
	ONE(en, "The council met on a wet \n evening to argue.");
	/* hard-wrapped prose: a capital after a long line is no heading */
	ONE(en, "The transport minister told reporters on Tuesday that the\n"
	    "Government would publish its plans for the northern rail\n"
	    "network before the summer recess, despite the delays.");
	/* a heading, then a line that starts with a capital */
	SPLIT(en, "Flood warning\nResidents of the valley were told to leave "
	    "their homes before the river peaked overnight.",
	    "Flood warning", "Residents of the valley were told to leave "
	    "their homes before the river peaked overnight.");
	/* an unpunctuated list, one item a line */
	SPLIT(en, "tickets\nopening hours\ncar parks, buses\n",
	    "tickets", "opening hours", "car parks, buses");
	/* list items on their own lines */
	SPLIT(en, "Bring the following:\n- a torch\n- spare socks\n"
	    "* a map of the hills",
	    "Bring the following:", "- a torch", "- spare socks",
	    "* a map of the hills");
	SPLIT(en, "Steps:\n1. Open the lid\n2. Pour slowly\n3) Stir",
	    "Steps:", "1. Open the lid", "2. Pour slowly", "3) Stir");
	/*
	 * wire copy: the first line is short (its dateline was cut), the
	 * rest is wrapped; an indented line is a new paragraph or table row
	 */
	SPLIT(en, "Harbour Board said its new\n"
	    "terminal would open in the spring after two years of delay and\n"
	    "a dispute over the cost of dredging the outer channel.\n"
	    "    Profit 4.1 mln vs 3.2 mln\n"
	    "    Sales 20 mln vs 18 mln\n",
	    "Harbour Board said its new\n"
	    "terminal would open in the spring after two years of delay and\n"
	    "a dispute over the cost of dredging the outer channel.",
	    "Profit 4.1 mln vs 3.2 mln", "Sales 20 mln vs 18 mln");
	SPLIT(en, "PORT BRIEFS\n"
	    "The harbour board said its new terminal would open in the\n"
	    "spring after two years of delay and a dispute over the cost of\n"
	    "dredging.", "PORT BRIEFS",
	    "The harbour board said its new terminal would open in the\n"
	    "spring after two years of delay and a dispute over the cost of\n"
	    "dredging.");
	/* a short line, then one that opens with a subject pronoun */
	SPLIT(en, "my cat is sick\ni dont know what to do.",
	    "my cat is sick", "i dont know what to do.");
	SPLIT(en, "Loved the view\nwe will be back.", "Loved the view",
	    "we will be back.");
	ONE(en, "The rangers warned that\nwe should stay on the path.");
	ONE(en, "The council met on a wet\nyou would not believe how wet.");
	/* a line that ends in a comma or a function word goes on */
	ONE(en, "Short line and\nAnother capital.");
	/* a greeting ends a unit (test_greetings) */
	SPLIT(en, "Dear Sam,\nThanks for the parcel.", "Dear Sam,",
	    "Thanks for the parcel.");
}

static void
test_closers(struct sentsplit *en)
{
	SPLIT(en, "She shouted \"Run.\" Then they ran.",
	    "She shouted \"Run.\"", "Then they ran.");
	ONE(en, "\"Stop here.\" he said quietly.");
	ONE(en, "'Is it far?' she asked.");
	SPLIT(en, "\xe2\x80\x9cWe are ready.\xe2\x80\x9d The team nodded.",
	    "\xe2\x80\x9cWe are ready.\xe2\x80\x9d", "The team nodded.");
	SPLIT(en, "(The report was late.) It came in May.",
	    "(The report was late.)", "It came in May.");
	ONE(en, "The bridge (closed since 2019.) reopens soon.");
	SPLIT(en, "He asked \xe2\x80\x98Why?\xe2\x80\x99 Nobody knew.",
	    "He asked \xe2\x80\x98Why?\xe2\x80\x99", "Nobody knew.");
	/* a quotation of several sentences is split into them */
	SPLIT(en, "She said: \"We won. We are happy.\" Then she left.",
	    "She said: \"We won.", "We are happy.\"", "Then she left.");
	/* an attribution after a dash stays with the quote */
	ONE(en, "\"Never give up.\" - Ada Byron");
	/* a quote straight after the stop, then a new sentence */
	SPLIT(en, "It was dark...\"Then the lights came on.",
	    "It was dark...\"", "Then the lights came on.");
}

/*
 * A quotation embedded in its sentence: it opens after words of the
 * sentence and closes on a word or a bracket, and the sentence goes on
 * past it on the same line.  A stop inside it ends none of the frame's
 * sentences.  A quotation that closes on its own stop or comma, that
 * closes right before the frame's stop, or that opens the sentence is a
 * run of the speaker's sentences, split as before.
 */
static void
test_embedded_quotes(struct sentsplit *en)
{
	ONE(en, "The minister says \"costs will rise or schools will close. "
	    "Then the state will pay\" (in Italian).");
	ONE(en, "The mayor called the plan \"a mistake. A costly one\" and "
	    "left the hall.");
	ONE(en, "She wrote that \xe2\x80\x9cthe river rose. Nobody slept"
	    "\xe2\x80\x9d in a letter to her sister.");
	ONE(en, "Fares should rise \"despite... Heavy losses\" by next year.");
	ONE(en, "The union said \"talks failed. We will strike\" - a threat "
	    "it had made before.");
	/* the quotation closes on its own stop or comma */
	SPLIT(en, "The minister says \"costs will rise. Then the state will "
	    "pay.\" The vote is today.", "The minister says \"costs will "
	    "rise.", "Then the state will pay.\"", "The vote is today.");
	SPLIT(en, "We need to \"cut costs now. Then we can grow,\" the "
	    "owner said.", "We need to \"cut costs now.", "Then we can "
	    "grow,\" the owner said.");
	/* the frame's stop, or its comma, right after the quotation */
	SPLIT(en, "He said: \"I will not resign. They can sack me\".",
	    "He said: \"I will not resign.", "They can sack me\".");
	SPLIT(en, "He said \"I will stay. They can sack me\", and sat down.",
	    "He said \"I will stay.", "They can sack me\", and sat down.");
	/* a quotation that opens the sentence */
	SPLIT(en, "\"We lost the vote. Nobody came\" (in Dutch).",
	    "\"We lost the vote.", "Nobody came\" (in Dutch).");
	/* a quotation that closes in the next paragraph, or never */
	SPLIT(en, "He said \"we lost. Nobody came\n\nto the hall\" then.",
	    "He said \"we lost.", "Nobody came", "to the hall\" then.");
	SPLIT(en, "He said \"we lost. Nobody came to the hall.",
	    "He said \"we lost.", "Nobody came to the hall.");
	/* a quotation closed before the stop is no longer open */
	SPLIT(en, "He said \"no\" twice. Then \"we left. It rained\" all day.",
	    "He said \"no\" twice.", "Then \"we left. It rained\" all day.");
	SPLIT(en, "She shouted \"Run.\" Then the \"dog ran\" away.",
	    "She shouted \"Run.\"", "Then the \"dog ran\" away.");
	/* inches are no quotation */
	SPLIT(en, "It has a 15\" screen. The price is low\" at most.",
	    "It has a 15\" screen.", "The price is low\" at most.");
}

/* A citation marker after the stop belongs to the sentence it follows. */
static void
test_citations(struct sentsplit *en)
{
	SPLIT(en, "The canal opened in 1822. [4] Barges used it for a century.",
	    "The canal opened in 1822. [4]", "Barges used it for a century.");
	SPLIT(en, "Tolls were high.[2][7] Traders complained.",
	    "Tolls were high.[2][7]", "Traders complained.");
	SPLIT(en, "It froze in winter.\" [1 - 3] Ice boats ran instead.",
	    "It froze in winter.\" [1 - 3]", "Ice boats ran instead.");
	SPLIT(en, "The locks were rebuilt. [5, 9] Trade rose. [12\xe2\x80\x93"
	    "14]", "The locks were rebuilt. [5, 9]", "Trade rose. [12\xe2\x80"
	    "\x93" "14]");
	/* a bracket with words in it is no marker */
	SPLIT(en, "It closed in 1950. [Editor's note] The rest is lost.",
	    "It closed in 1950.", "[Editor's note] The rest is lost.");
	/* nor is one on the next line, or after a blank line */
	SPLIT(en, "It closed in 1950.\n\n[3] A later report.",
	    "It closed in 1950.", "[3] A later report.");
}

/*
 * A footnote number left bare by a copy from a page (its superscript
 * lost) belongs to the sentence before it, when a word that starts
 * sentences follows it; a number before any other word starts one.
 */
static void
test_footnote_numbers(struct sentsplit *en)
{
	SPLIT(en, "Ferries carried most of the trade. 7 By 1900 the bridge "
	    "had taken it over.", "Ferries carried most of the trade. 7",
	    "By 1900 the bridge had taken it over.");
	SPLIT(en, "Wages fell (Table 2.3). 12 However, rents rose.",
	    "Wages fell (Table 2.3). 12", "However, rents rose.");
	SPLIT(en, "\"We were never told.\" 3 The council denied it.",
	    "\"We were never told.\" 3", "The council denied it.");
	/* a number before a name or a noun starts the sentence */
	SPLIT(en, "The album sold well. 50 Cent toured in May.",
	    "The album sold well.", "50 Cent toured in May.");
	SPLIT(en, "Rain fell all week. 12 Villages were cut off.",
	    "Rain fell all week.", "12 Villages were cut off.");
	/* nor after an abbreviation before numbers, nor a year, a decimal */
	ONE(en, "See No. 7 The Parade for details.");
	SPLIT(en, "Trade grew. 1900 The bridge opened.",
	    "Trade grew.", "1900 The bridge opened.");
	SPLIT(en, "Trade grew. 2.5 The rest fell.",
	    "Trade grew.", "2.5 The rest fell.");
	/* nor on the next line */
	SPLIT(en, "Trade grew.\n7 The bridge opened.",
	    "Trade grew.", "7 The bridge opened.");
	/* nor the next item of a list numbered so */
	SPLIT(en, "Steps: 1 Open the box. 2 The lid lifts off. 3 Then pour.",
	    "Steps: 1 Open the box.", "2 The lid lifts off.", "3 Then pour.");
	SPLIT(en, "1 Open the box. 2 The lid lifts off.",
	    "1 Open the box.", "2 The lid lifts off.");
	/* a series of footnotes is not a list */
	SPLIT(en, "Tolls rose. 4 It fell. 5 The canal closed.",
	    "Tolls rose. 4", "It fell. 5", "The canal closed.");
}

/* A full stop set apart by a space, as typed or left by a converter. */
static void
test_detached_stop(struct sentsplit *en)
{
	SPLIT(en, "The pump failed again . We called the plumber.",
	    "The pump failed again .", "We called the plumber.");
	SPLIT(en, "Output rose to 4.2 mln tonnes .\n    The mill reopened.",
	    "Output rose to 4.2 mln tonnes .", "The mill reopened.");
	/* not after an abbreviation or a title */
	ONE(en, "Ask Mr . Jones about it.");
	ONE(en, "We met at 5 p.m . Later that week it rained.");
}

/*
 * A sentence may start in lower case when the stop before it is surely
 * one: after a plain word, in lower case, that is no abbreviation.
 */
static void
test_lower_start(struct sentsplit *en)
{
	SPLIT(en, "we got there late. the shop was shut. i went home.",
	    "we got there late.", "the shop was shut.", "i went home.");
	SPLIT(en, "call me at 555-0175. they know the way",
	    "call me at 555-0175.", "they know the way");
	SPLIT(en, "did the update work for you? is it worth it",
	    "did the update work for you?", "is it worth it");
	SPLIT(en, "the soup was cold! never again", "the soup was cold!",
	    "never again");
	SPLIT(en, "what a view ! you can see the bay",
	    "what a view !", "you can see the bay");
	/* not after an abbreviation, listed or not, or a quote or bracket */
	ONE(en, "We bought pens, paper etc. for the office.");
	ONE(en, "Shares of Frobnix Div. rose slightly.");
	ONE(en, "Sales rose in non-U.S. markets.");
	ONE(en, "The shop on 5th st. near the park.");
	ONE(en, "\"Why not?\" she asked.");
	ONE(en, "He said (twice.) that it was fine.");
	/* a capitalised word before '!' or '?' is a name: "Yahoo!" */
	ONE(en, "Shares of Yippee! and others rose.");
	ONE(en, "He won Quizzy? in 1999.");
	/* a word that joins a clause goes on the sentence after a slip */
	ONE(en, "The plan was approved in May. with both parties agreeing.");
	ONE(en, "What is a comet? and how far away is it?");
}

/* An emoticon closes the sentence it ends, or ends one by itself. */
static void
test_emoticons(struct sentsplit *en)
{
	SPLIT(en, "We loved the hotel. :) The pool was warm.",
	    "We loved the hotel. :)", "The pool was warm.");
	SPLIT(en, "Best pizza in town! :-) try the calzone",
	    "Best pizza in town! :-)", "try the calzone");
	SPLIT(en, "the train was late again :( we missed the show",
	    "the train was late again :(", "we missed the show");
	SPLIT(en, "see you there ;) bring snacks", "see you there ;)",
	    "bring snacks");
	SPLIT(en, "Thanks a lot :P", "Thanks a lot :P");
	/* a colon in a time, a ratio or a label is no emoticon */
	ONE(en, "The score was 2:1 (after extra time) in Leeds.");
	ONE(en, "Note :Please bring ID.");
}

/* A URL is a unit when it follows another, or before a new sentence. */
static void
test_urls(struct sentsplit *en)
{
	SPLIT(en, "Photos: http://pics.example/a/1.jpg "
	    "http://pics.example/a/2.jpg https://pics.example/a/3.jpg",
	    "Photos: http://pics.example/a/1.jpg",
	    "http://pics.example/a/2.jpg", "https://pics.example/a/3.jpg");
	SPLIT(en, "Try this shop http://shop.example/glue It is cheap.",
	    "Try this shop http://shop.example/glue", "It is cheap.");
	SPLIT(en, "nice pictures. http://pics.example/set/4",
	    "nice pictures.", "http://pics.example/set/4");
	/* inside a sentence it stays there */
	ONE(en, "Read http://news.example/story and/or http://b.example/ "
	    "for more.");
	ONE(en, "Go to http://a.example/x Monday morning.");
}

/* 48 letters, the longest key */
#define A48 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

/* Greetings and sign-offs stand alone, even without a line break. */
static void
test_greetings(struct sentsplit *en)
{
	SPLIT(en, "Hi all, Does anyone know a good vet?", "Hi all,",
	    "Does anyone know a good vet?");
	SPLIT(en, "See you there. Kind regards, Ann Lee", "See you there.",
	    "Kind regards,", "Ann Lee");
	SPLIT(en, "Thanks, Tom\n\nP.S. Bring a coat.", "Thanks,", "Tom",
	    "P.S. Bring a coat.");
	SPLIT(en, "dear team, The files are attached.", "dear team,",
	    "The files are attached.");
	/* not when the sentence goes on in lower case, or is long */
	ONE(en, "Thanks, in part, to the rain, the crops grew.");
	ONE(en, "Hello to all the people who came to the fair, Mary said.");
	/*
	 * A word longer than any listed one, its last character crossing
	 * the 48 bytes of a key (one letter, 24 two-byte ones): no greeting,
	 * and never copied as a key.
	 */
	ONE(en, "x\xce\xb1\xce\xb1\xce\xb1\xce\xb1\xce\xb1\xce\xb1\xce\xb1\xce\xb1"
	    "\xce\xb1\xce\xb1\xce\xb1\xce\xb1\xce\xb1\xce\xb1\xce\xb1\xce\xb1"
	    "\xce\xb1\xce\xb1\xce\xb1\xce\xb1\xce\xb1\xce\xb1\xce\xb1\xce\xb1"
	    ", Thanks.");
	/*
	 * The words are plain ASCII letters and one space between each two,
	 * or decoded when a character from 0x80 up is among them; a word of
	 * up to 48 bytes may stand in a greeting.
	 */
	ONE(en, "Dear  Sam, Thanks for coming.");
	ONE(en, "Dear Sam , Thanks for coming.");
	SPLIT(en, "Dear Zo\xc3\xab, Thanks.", "Dear Zo\xc3\xab,", "Thanks.");
	SPLIT(en, "Dear " A48 ", Thanks.", "Dear " A48 ",", "Thanks.");
	ONE(en, "Dear " A48 "a, Thanks.");
	SPLIT(en, "Thanks " A48 " " A48 " " A48 ", Ann",
	    "Thanks " A48 " " A48 " " A48 ",", "Ann");
	ONE(en, "Thanks " A48 " " A48 " " A48 " " A48 ", Ann");
}

/*
 * The name after a sign-off, on the line of the text that follows it, is
 * a unit when a word that starts sentences or the name again (the
 * signature's block) comes next.
 */
static void
test_signed_names(struct sentsplit *en)
{
	SPLIT(en, "Call me soon. Thanks, Maria The forms are attached.",
	    "Call me soon.", "Thanks,", "Maria", "The forms are attached.");
	SPLIT(en, "Best regards, Omar Omar Haddad Field Office, Room 12",
	    "Best regards,", "Omar", "Omar Haddad Field Office, Room 12");
	SPLIT(en, "Cheers, Lou Here is the map.", "Cheers,", "Lou",
	    "Here is the map.");
	/* a surname, or a sentence in lower case, goes on the name */
	SPLIT(en, "Kind regards, Ann Lee", "Kind regards,", "Ann Lee");
	SPLIT(en, "Thanks, Ann Lee The Depot", "Thanks,", "Ann Lee The Depot");
	SPLIT(en, "Yours, Paul A Volcker", "Yours,", "Paul A Volcker");
	SPLIT(en, "Hi all, Here is the map.", "Hi all,", "Here is the map.");
	SPLIT(en, "Dear Jo, Maria says hello.", "Dear Jo,",
	    "Maria says hello.");
}

/*
 * A URL after an ellipsis starts a unit, as it does after a full stop: a
 * link is never the run of the words before it.
 */
static void
test_ellipsis_urls(struct sentsplit *en)
{
	SPLIT(en, "Have a look, they are nice... http://pics.example/1.jpg",
	    "Have a look, they are nice...", "http://pics.example/1.jpg");
	SPLIT(en, "More here \xe2\x80\xa6 www.example.org/list is the list.",
	    "More here \xe2\x80\xa6", "www.example.org/list is the list.");
	SPLIT(en, "They are nice. http://pics.example/1.jpg",
	    "They are nice.", "http://pics.example/1.jpg");
	/* a word in lower case, or a path, still goes on */
	ONE(en, "We waited... and then it rained.");
	ONE(en, "Save it in... docs/old/ for now.");
}

/* A date and time stamp, as mail and forums print them, is a unit. */
static void
test_stamps(struct sentsplit *en)
{
	static const char nul[] = "Jo Park 03/14/2011 09:30 \0m Please.";
	struct sent *v = NULL;
	size_t cap = 0, n;

	SPLIT(en, "Jo Park 03/14/2011 09:30 AM Please send the report.",
	    "Jo Park", "03/14/2011 09:30 AM", "Please send the report.");
	SPLIT(en, "Reply from Sam Roe on 5/2/09 11:04:59 pm I agree.",
	    "Reply from Sam Roe on 5/2/09 11:04:59 pm", "I agree.");
	/* a time alone, or a stamp before lower case, goes on */
	ONE(en, "The bus leaves at 10:15 AM Monday and Friday.");
	ONE(en, "Posted 03/14/2011 09:30 AM by the editor.");
	ONE(en, "The score was 03/14 2:30 at half time.");
	/* a NUL is no "A" or "P" (strchr would find the string's end) */
	n = sentsplit_run(en, nul, sizeof(nul) - 1, &v, &cap);
	CHECK(invariant(__LINE__, nul, sizeof(nul) - 1, v, n) == 0);
	CHECK(n == 1 && v[0].start == 0 && v[0].end == sizeof(nul) - 1);
	free(v);
}

static void
test_qe_runs(struct sentsplit *en)
{
	SPLIT(en, "Really?! Yes, really.", "Really?!", "Yes, really.");
	SPLIT(en, "What??? No way!!! Fine.", "What???", "No way!!!",
	    "Fine.");
	SPLIT(en, "Gone?\xe2\x80\xbd Oh.", "Gone?\xe2\x80\xbd", "Oh.");
	SPLIT(en, "Stop\xe2\x80\xbc Listen.", "Stop\xe2\x80\xbc", "Listen.");
	ONE(en, "The band Wham! played first.");
	ONE(en, "\"Who?\" asked the guard.");
}

static void
test_ellipses(struct sentsplit *en)
{
	SPLIT(en, "We waited... Nothing happened.", "We waited...",
	    "Nothing happened.");
	ONE(en, "We waited... and waited some more.");
	SPLIT(en, "It ended \xe2\x80\xa6 The crowd left.",
	    "It ended \xe2\x80\xa6", "The crowd left.");
	ONE(en, "Well . . . maybe later.");
	ONE(en, "Well . . . I think so.");
	SPLIT(en, "The end is near. . . . Then it came.",
	    "The end is near.", ". . . Then it came.");
	SPLIT(en, "So it goes . . . . Then silence.", "So it goes . . . .",
	    "Then silence.");
	ONE(en, "\"The plan [...] was sound\" (Jones 12).");
	SPLIT(en, "Tired.... Sleep now.", "Tired....", "Sleep now.");
	/* two stops are a full stop typed twice, even before "I" */
	SPLIT(en, "The band played my song.. I was so happy..",
	    "The band played my song..", "I was so happy..");
	ONE(en, "We waited... I think an hour.");
	/* "etc." may end a sentence, as "Co." does */
	SPLIT(en, "Bring tents, stoves etc. The shop opens at nine.",
	    "Bring tents, stoves etc.", "The shop opens at nine.");
	ONE(en, "Bring tents, stoves etc. to the car.");
}

static void
test_abbreviations(struct sentsplit *en)
{
	ONE(en, "Dr. Okafor met Prof. Lind and Gen. Ruiz at noon.");
	ONE(en, "They climbed Mt. Snowdon with Mrs. Hale.");
	ONE(en, "St. Anne's is on Mill St. near the quay.");
	ONE(en, "The U.S. Army and the U.K. Treasury agreed.");
	SPLIT(en, "We flew to the U.S. It was raining.",
	    "We flew to the U.S.", "It was raining.");
	ONE(en, "He has lived in the U.S. since 1990.");
	SPLIT(en, "They hired Bell, Kerr & Co. It paid off.",
	    "They hired Bell, Kerr & Co.", "It paid off.");
	ONE(en, "They hired Bell, Kerr & Co. last spring.");
	SPLIT(en, "Tom and co. We never saw them.", "Tom and co.",
	    "We never saw them.");
	SPLIT(en, "The shop shut at 6 p.m. Mr. Hall went home.",
	    "The shop shut at 6 p.m.", "Mr. Hall went home.");
	ONE(en, "At 7 a.m. Dr. Lee opened the clinic.");
	SPLIT(en, "It opens at 8 A.M. The queue is long.",
	    "It opens at 8 A.M.", "The queue is long.");
	ONE(en, "The author J. R. Hartley wrote it.");
	ONE(en, "Read No. 7 and p. 19 first.");
	ONE(en, "It was built c. 1850 in Bath.");
	ONE(en, "The vote is on Jan. 12 in Leeds.");
	ONE(en, "Bring fruit, e.g. apples, and bread.");
	ONE(en, "Bring fruit, i.e. Apples from Kent.");
	ONE(en, "Leeds vs. York ended level.");
	SPLIT(en, "Pens, ink, etc. The rest is paper.", "Pens, ink, etc.",
	    "The rest is paper.");
	ONE(en, "That is Bob Jr.'s car.");
	ONE(en, "He earned a Ph.D. in Paris.");
	/* a single capital letter: an initial, or the pronoun */
	SPLIT(en, "It was just you and I. Did it matter?",
	    "It was just you and I.", "Did it matter?");
	ONE(en, "We met Anna K. Berg there.");
	/* unknown multi-stop forms count as abbreviations */
	ONE(en, "The N.H.S. Trust paid.");
	SPLIT(en, "She works at the W.H.O. The pay is good.",
	    "She works at the W.H.O.", "The pay is good.");
	ONE(en, "The singer, a.k.a. The Hawk, and his band q.v. The Owls.");
	/* a capitalised or all-capital spelling of a listed one */
	ONE(en, "APPROX. 40 people came.");
	ONE(en, "Approx. 40 people came.");
	/* one that comes before numbers has none after it: the word */
	SPLIT(en, "She studied at the Leith College of Art. \"It was hard,\" "
	    "she said.", "She studied at the Leith College of Art.",
	    "\"It was hard,\" she said.");
	SPLIT(en, "The firm reported it to the SEC. Its shares fell.",
	    "The firm reported it to the SEC.", "Its shares fell.");
	ONE(en, "See Art. 12 and Fig. 3 of the treaty.");
	ONE(en, "Prices rose (approx. U.S. levels) in May.");
	/* a postscript's mark heads its text; initials stay a name */
	SPLIT(en, "See you Friday.\n\nP.S. The keys are under the mat.",
	    "See you Friday.", "P.S. The keys are under the mat.");
	ONE(en, "P.S. I found your scarf.");
	ONE(en, "Analyst P.S. Tam said the yen would rise.");
}

/* "etc." closes a list: any capitalised word after it starts a sentence. */
static void
test_list_end(struct sentsplit *en)
{
	SPLIT(en, "Bring boots, maps, etc. Ann Lee will lead the walk.",
	    "Bring boots, maps, etc.", "Ann Lee will lead the walk.");
	SPLIT(en, "Trains, buses etc. Thanks, Jo", "Trains, buses etc.",
	    "Thanks,", "Jo");
	ONE(en, "Fees, fares etc. are listed below.");
	ONE(en, "Fees, fares etc. (Table 2) are listed below.");
}

static void
test_british(struct sentsplit *en)
{
	ONE(en, "Mr McKenna thanked Mrs Dale and Dr Patel.");
	SPLIT(en, "It ended at 9 p.m. Mr Reid left.", "It ended at 9 p.m.",
	    "Mr Reid left.");
}

static void
test_numbers(struct sentsplit *en)
{
	ONE(en, "She paid $250.75 for the coat.");
	SPLIT(en, "She paid \xc2\xa3" "250.75. It was a bargain.",
	    "She paid \xc2\xa3" "250.75.", "It was a bargain.");
	ONE(en, "Inflation rose 3.5 percent to 4.25 points.");
	SPLIT(en, "Turnout was 1,250. Most were young.", "Turnout was 1,250.",
	    "Most were young.");
	ONE(en, "The train leaves at 10.45 from platform 3.");
	ONE(en, "He came 2nd. in the race, not 1st.");
	SPLIT(en, "The year was 1997. Everything changed.",
	    "The year was 1997.", "Everything changed.");
	/* list markers inside one line */
	SPLIT(en, "1.) Buy milk 2.) Buy bread", "1.) Buy milk",
	    "2.) Buy bread");
	SPLIT(en, "1. Wash the car. 2. Dry the car.", "1. Wash the car.",
	    "2. Dry the car.");
	SPLIT(en, "a) red b) green c) blue", "a) red", "b) green", "c) blue");
	SPLIT(en, "\xe2\x80\xa2 7. Oats \xe2\x80\xa2 8. Rye",
	    "\xe2\x80\xa2 7. Oats", "\xe2\x80\xa2 8. Rye");
	ONE(en, "A. Smith and B. Jones spoke.");
}

static void
test_addresses(struct sentsplit *en)
{
	SPLIT(en, "Write to sam.cole@mail.example.org. She replies fast.",
	    "Write to sam.cole@mail.example.org.", "She replies fast.");
	SPLIT(en, "See https://news.example.net/a/b.html. It explains all.",
	    "See https://news.example.net/a/b.html.", "It explains all.");
	ONE(en, "Visit www.Example.Org for details.");
	ONE(en, "Open budget.final.xlsx before lunch.");
	ONE(en, "Type cd /usr/Local.Bin first.");
	ONE(en, "Follow @bbc.news and @mi6hq on Q&A day.");
	ONE(en, "The Q&A ran long.");
	ONE(en, "Use node.js or ASP.NET here.");
}

/*
 * A separator line (a run of dashes, stars, underscores, or "--" before a
 * signature) is a unit of its own at the start of a sentence, and after a
 * URL or an address; a dash inside a sentence stays in it.
 */
static void
test_separators(struct sentsplit *en)
{
	SPLIT(en, "See you at the match. -- Posted by Kim Lee at 9:14 PM",
	    "See you at the match.", "--", "Posted by Kim Lee at 9:14 PM");
	SPLIT(en, "Bring a coat.\n\n*****IMPORTANT***** This note is for "
	    "the team.", "Bring a coat.", "*****IMPORTANT*****",
	    "This note is for the team.");
	SPLIT(en, "Maps at http://maps.example/harbour ---------\n\n"
	    "The walk starts at ten.", "Maps at http://maps.example/harbour",
	    "---------", "The walk starts at ten.");
	SPLIT(en, "Sold out! ======= Doors open at 7.", "Sold out!",
	    "=======", "Doors open at 7.");
	ONE(en, "The ferry -- the old one -- sailed late.");
	ONE(en, "Fill in the box ____ by Friday.");
	ONE(en, "** Note the new times.");
	/* wire copy's bullets */
	SPLIT(en, "The plan was approved.\n    -- Cheaper fares for pupils.",
	    "The plan was approved.", "-- Cheaper fares for pupils.");
	SPLIT(en, "The plan was approved.\n\xc2\xa0-- Cheaper fares.",
	    "The plan was approved.", "-- Cheaper fares.");
	SPLIT(en, "The plan was approved.\xc2\xa0-- Cheaper fares.",
	    "The plan was approved.", "--", "Cheaper fares.");
	ONE(en, "Read http://news.example/x -- it is short.");
}

/*
 * An e-mail address ends a unit as mail headers and signatures set it: in
 * angle brackets before a capitalised word, bare before a word that
 * starts sentences, and before a separator.
 */
static void
test_mail_addresses(struct sentsplit *en)
{
	SPLIT(en, "From: Jo Roe <jo.roe@mail.example> Tickets go on sale at "
	    "noon.", "From: Jo Roe <jo.roe@mail.example>",
	    "Tickets go on sale at noon.");
	SPLIT(en, "Contact: sam@club.example The club meets on Fridays.",
	    "Contact: sam@club.example", "The club meets on Fridays.");
	SPLIT(en, "Ann Lee ann@mail.example ________ Sent from my phone",
	    "Ann Lee ann@mail.example", "________", "Sent from my phone");
	ONE(en, "Mail sam@club.example Monday or Tuesday.");
	ONE(en, "Jo Roe <jo@mail.example> wrote that the bus was late.");
	ONE(en, "Ask @harbour.news The Harbour Gazette's account.");
}

/* A mail client's attachment note in double angle brackets ends a unit. */
static void
test_attachments(struct sentsplit *en)
{
	SPLIT(en, "Minutes << File: minutes.doc >> - agenda.doc << File: "
	    "agenda.doc >> FYI", "Minutes << File: minutes.doc >>",
	    "- agenda.doc << File: agenda.doc >>", "FYI");
	SPLIT(en, "Here it is. Plan.doc << File: Plan.doc >> I was away.",
	    "Here it is.", "Plan.doc << File: Plan.doc >>", "I was away.");
	ONE(en, "The form << see page 2 >> is due on Monday.");
	ONE(en, "Press >> Next to skip ahead.");
	/* a ">>" before the note does not hide the "<<" after it */
	SPLIT(en, "Mail >> Files << File: plan.doc >> Next week.",
	    "Mail >> Files << File: plan.doc >>", "Next week.");
	SPLIT(en, "A >> b >> c << d >> e >> F g.",
	    "A >> b >> c << d >> e >>", "F g.");
	/*
	 * A list of attachments under a message: each "- name.ext" is a
	 * unit when the list shows (an item after it, a note in angle
	 * brackets, a file name before its dash).
	 */
	SPLIT(en, "Figures attached. - sales.xls - costs.pdf",
	    "Figures attached.", "- sales.xls", "- costs.pdf");
	SPLIT(en, "Thanks. - plan.doc << File: plan.doc >> See you",
	    "Thanks.", "- plan.doc << File: plan.doc >>", "See you");
	SPLIT(en, "Read it (minutes.pdf) - agenda_v2.pdf",
	    "Read it (minutes.pdf)", "- agenda_v2.pdf");
	/* one name alone may be a domain; a name inside a clause stays */
	ONE(en, "Visit our shop - example.com");
	ONE(en, "Prices rose - see prices.xls for more.");
	ONE(en, "The site - example.com - went offline.");
	ONE(en, "The report - q3.pdf, with notes.pdf - is late.");
}

/*
 * A colon, a semicolon or a dash inside a paragraph ends no sentence, even
 * before a capital: the treebanks end a unit there both ways (a colon
 * before a capital is kept far more often than split), so the splitter
 * keeps the one reading that never cuts a clause from its lead-in.  A
 * label listed as such before its colon (test_inline_captions) is the
 * exception.
 */
static void
test_inner_marks(struct sentsplit *en)
{
	ONE(en, "The study looks at one link: ozone rises with the heat.");
	ONE(en, "The rule is simple: Members pay first and vote later.");
	ONE(en, "The old crest copies the county's; the new one is its own.");
	ONE(en, "Group B - Leith and Perth - drew on Sunday.");
	ONE(en, "Two towns \xe2\x80\x94 Leith and Perth \xe2\x80\x94 drew.");
	/* a stop after the colon's clause still ends it */
	SPLIT(en, "She named one cause: the heat. Then she left.",
	    "She named one cause: the heat.", "Then she left.");
}

/*
 * A heading on the line of its text: two or three capitalised words
 * opening a paragraph, then a pronoun and a lower-case word.
 */
static void
test_inline_headings(struct sentsplit *en)
{
	SPLIT(en, "Harbour Cafe it was busy but the soup was good.",
	    "Harbour Cafe", "it was busy but the soup was good.");
	SPLIT(en, "Fine food.\n\nFriendly Staff They always remember us.",
	    "Fine food.", "Friendly Staff", "They always remember us.");
	/* not after listed words, one word, or before a capitalised word */
	ONE(en, "When Harbour Cafe it was called, the soup was good.");
	ONE(en, "Yesterday it rained.");
	ONE(en, "Harbour Cafe It Girl awards were held there.");
	ONE(en, "Prime Minister Jo Roe said it was late.");
	/* capitalised words that run to the end of the text */
	SPLIT(en, "Harbour Cafe ", "Harbour Cafe");
	SPLIT(en, "Jo Roe of WRP ", "Jo Roe of WRP");
}

/*
 * A caption run into the paragraph after it: two to six capitalised words
 * (lower-case "of", "and" between them) opening a paragraph, then a word
 * listed as clause, as written, and a lower-case word.
 */
static void
test_inline_captions(struct sentsplit *en)
{
	SPLIT(en, "Jo Roe of WRP In the north, turnout rose to 60%.",
	    "Jo Roe of WRP", "In the north, turnout rose to 60%.");
	SPLIT(en, "The count.\n\nHarbour Trust's Ann Lee After the storm, "
	    "the pier was shut.", "The count.", "Harbour Trust's Ann Lee",
	    "After the storm, the pier was shut.");
	SPLIT(en, "Ann Lee and Bob Roe of Westport But the vote was close.",
	    "Ann Lee and Bob Roe of Westport", "But the vote was close.");
	/* one word, seven, a capital after, lower case, mid-paragraph */
	ONE(en, "Westport In the north turnout rose.");
	ONE(en, "Ann Bea Cy Di Ed Flo Gus In the end all seven came.");
	ONE(en, "Sleepless Nights In Seattle opened on Friday.");
	ONE(en, "Jo Roe in the north won the seat.");
	SPLIT(en, "Votes were counted. Jo Roe of WRP In the north won.",
	    "Votes were counted.", "Jo Roe of WRP In the north won.");
}

/*
 * A stop left out: a word listed as clause, capitalised, between two
 * lower-case words with one space either side begins a unit.
 */
static void
test_missing_stops(struct sentsplit *en)
{
	SPLIT(en, "The vote was close It took a recount.",
	    "The vote was close", "It took a recount.");
	SPLIT(en, "we had ordered the fish But the chips came cold.",
	    "we had ordered the fish", "But the chips came cold.");
	SPLIT(en, "Fans queued all night. the gates opened late We "
	    "were angry.", "Fans queued all night.", "the gates opened late",
	    "We were angry.");
	/* a capital after it, "The", a name, a stop, a line, two spaces */
	ONE(en, "She starred in Carry It Off and sang.");
	ONE(en, "He read it in The Harbour Gazette on Friday.");
	ONE(en, "Ask for the film It Follows at the desk.");
	ONE(en, "The vote was Ann's It was close.");
	ONE(en, "The sale went ahead, It said nothing more.");
	SPLIT(en, "The vote was close\n\nIt took a recount.",
	    "The vote was close", "It took a recount.");
	ONE(en, "It took a recount  It was close.");
}

static void
test_glued(struct sentsplit *en)
{
	SPLIT(en, "The lights failed.Nobody moved.Mr. Reed laughed.",
	    "The lights failed.", "Nobody moved.", "Mr. Reed laughed.");
	SPLIT(en, "It cost 2,500.Then prices rose.", "It cost 2,500.",
	    "Then prices rose.");
	ONE(en, "The U.S.Army base and Mr.Smith.");
	ONE(en, "Mail jo.Bloggs@example.com now.");
	/* deep inside a long sentence too */
	ONE(en, "The committee, which met on four separate occasions over the "
	    "winter to consider the proposals for the new library, the swimming "
	    "pool and the long-delayed bypass, finally agreed that residents "
	    "who wanted to comment should write to the clerk, whose address "
	    "is Planning.Office@council.example.gov, before the end of March.");
}

static void
test_news(struct sentsplit *en)
{
	SPLIT(en, "Tuesday, March 4, 2025 The storm hit the coast.",
	    "Tuesday, March 4, 2025", "The storm hit the coast.");
	SPLIT(en, "LEEDS (Wire) - The club sacked its manager.",
	    "LEEDS (Wire) -", "The club sacked its manager.");
	SPLIT(en, "Hull, England - Fans queued all night.",
	    "Hull, England -", "Fans queued all night.");
	ONE(en, "Anna Berg - The new mayor spoke.");
	SPLIT(en, "A lifeboat at the harbour Photo: Jo Marsh",
	    "A lifeboat at the harbour", "Photo: Jo Marsh");
	SPLIT(en, "The pier at dusk. Credit: PA", "The pier at dusk.",
	    "Credit: PA");
	ONE(en, "The crowd (Photo: Jo Marsh) cheered.");
	SPLIT(en, "Storm hits coast\n\nFriday, May 2, 2025\n\nThe storm hit.",
	    "Storm hits coast", "Friday, May 2, 2025", "The storm hit.");
}

static void
test_bytes(struct sentsplit *en)
{
	static const char nul[] = "Odd \0 byte. Bad \xff\xfe here.";
	struct sent *v = NULL;
	size_t cap = 0, n;

	/* NUL and invalid UTF-8 are ordinary characters */
	n = sentsplit_run(en, nul, sizeof(nul) - 1, &v, &cap);
	CHECK(invariant(__LINE__, nul, sizeof(nul) - 1, v, n) == 0);
	CHECK(n == 2 && v[0].start == 0 && v[0].end == 11 &&
	    v[1].start == 12 && v[1].end == sizeof(nul) - 1);
	free(v);
	/* a cut multi-byte character at the end */
	split_check(__LINE__, en, "Cut here. \xe2\x80", 12, "Cut here.",
	    "\xe2\x80", NULL);
	/* stops only: never an empty or inverted slice */
	ONE(en, "...");
	ONE(en, ". . . ? !");
	SPLIT(en, "?! Odd. !", "?! Odd.", "!");
	ONE(en, "\xe2\x80\xa6");
	ONE(en, "1.");
	ONE(en, "\xe2\x80\xa2");
}

/*
 * A NUL is in none of the sets of bytes the splitter tests (strchr over a
 * literal would find the literal's end): not an emoticon's mouth, not a
 * separator's character, not a joiner that runs a line on, not the "A" or
 * "P" of a clock time (test_stamps).
 */
static void
test_nul_sets(struct sentsplit *en)
{
	SPLIT_AT(en, "What a view :\0 you can see the bay.", 35);
	SPLIT_AT(en, "Hello there. \0\0\0\0 and more.", 12, 27);
	SPLIT_AT(en, "Shopping list\0\nEggs and milk", 14, 28);
}

static void
test_languages(void)
{
	struct sentsplit *de, *fr, *es;

	de = sentsplit_new("de", NULL, 0);
	ONE(de, "Am 3. Oktober kam Dr. Weber z.B. mit Frau Roth.");
	ONE(de, "Er wurde im 19. Jahrhundert gebaut.");
	ONE(de, "Am 2. und 3. Mai ist zu.");
	SPLIT(de, "wir waren zu sp\xc3\xa4t. es war zu.",
	    "wir waren zu sp\xc3\xa4t.", "es war zu.");
	SPLIT(de, "Es gab Brot, K\xc3\xa4se usw. Die G\xc3\xa4ste waren satt.",
	    "Es gab Brot, K\xc3\xa4se usw.", "Die G\xc3\xa4ste waren satt.");
	ONE(de, "Siehe Nr. 4 und S. 12 bzw. Abs. 3.");
	SPLIT(de, "\xe2\x80\x9e" "Komm mit.\xe2\x80\x9c Er ging.",
	    "\xe2\x80\x9e" "Komm mit.\xe2\x80\x9c", "Er ging.");
	sentsplit_free(de);

	fr = sentsplit_new("fr", NULL, 0);
	ONE(fr, "M. Durand et Mme Roux arrivent env. 8 h.");
	SPLIT(fr, "Il a dit \xc2\xab Non. \xc2\xbb Puis il est parti.",
	    "Il a dit \xc2\xab Non. \xc2\xbb", "Puis il est parti.");
	SPLIT(fr, "Du pain, du vin, etc. Le repas fut long.",
	    "Du pain, du vin, etc.", "Le repas fut long.");
	sentsplit_free(fr);

	es = sentsplit_new("es", NULL, 0);
	SPLIT(es, "\xc2\xbf" "Vienes? \xc2\xa1" "Claro! Vamos ya.",
	    "\xc2\xbf" "Vienes?", "\xc2\xa1" "Claro!", "Vamos ya.");
	ONE(es, "El Sr. Garc\xc3\xad" "a y la Dra. Ruiz viven en EE.UU. desde hoy.");
	SPLIT(es, "Vive en EE.UU. Ella es feliz.", "Vive en EE.UU.",
	    "Ella es feliz.");
	sentsplit_free(es);
}

static char *
write_file(const char *body)
{
	char *path;
	int fd;

	path = strdup("/tmp/test_sentsplit.XXXXXX");
	if (path == NULL || (fd = mkstemp(path)) == -1)
		return NULL;
	if (write(fd, body, strlen(body)) != (ssize_t)strlen(body)) {
		close(fd);
		return NULL;
	}
	close(fd);
	return path;
}

static void
test_extra_list(void)
{
	struct sentsplit *ss;
	const char *extra[1];
	char *path;

	path = write_file("# house style\nGrp. title\n\nZed. end\n");
	CHECK(path != NULL);
	if (path == NULL)
		return;
	extra[0] = path;
	ss = sentsplit_new("en", extra, 1);
	ONE(ss, "The Grp. Captain spoke.");
	SPLIT(ss, "Ask Zed. It knows.", "Ask Zed.", "It knows.");
	sentsplit_free(ss);
	sentsplit_free(NULL);
	unlink(path);
	free(path);
}

/*
 * Run sentsplit_new on a list file with body in a child: it must exit 1
 * with a message that contains want.
 */
static void
bad_list(int line, const char *lang, const char *body, const char *want)
{
	char msg[512], *path = NULL;
	const char *extra[1];
	int fds[2], status;
	size_t len;
	ssize_t got;
	pid_t pid;

	if (body != NULL && (path = write_file(body)) == NULL) {
		CHECK(!"cannot write a list file");
		return;
	}
	extra[0] = path;
	if (pipe(fds) == -1 || (pid = fork()) == -1) {
		CHECK(!"cannot fork");
		return;
	}
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		sentsplit_new(lang, extra, body ? 1 : 0);
		_exit(0);
	}
	close(fds[1]);
	for (len = 0; len < sizeof(msg) - 1; len += got)
		if ((got = read(fds[0], msg + len, sizeof(msg) - 1 - len)) <= 0)
			break;
	msg[len] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 1 &&
	    strstr(msg, want) != NULL)
		unit_passed++;
	else {
		unit_failed++;
		fprintf(stderr, "line %d: FAIL: want exit 1 and \"%s\", "
		    "got \"%s\"\n", line, want, msg);
	}
	if (path != NULL) {
		unlink(path);
		free(path);
	}
}

static void
test_bad_lists(void)
{
	bad_list(__LINE__, "en", "Grp. title\nFoo   # no kind\n",
	    ":2: word without a kind");
	bad_list(__LINE__, "en", "Grp. tittle\n", ":1: unknown kind");
	bad_list(__LINE__, "en", "\nGrp start\nGrp. start\n",
	    ":3: word kind given to an abbreviation");
	bad_list(__LINE__, "en", "Grp title\n",
	    ":1: abbreviation kind given to a word");
	bad_list(__LINE__, "en", "U.S end\n", ":1: abbreviation does not end");
	bad_list(__LINE__, "en", ".\n", ":1: entry is only a stop");
	bad_list(__LINE__, "en", "Caf\xe9. end\n", ":1: entry is not valid");
	bad_list(__LINE__, "xx", NULL, "abbrev/xx.txt: No such file");
	bad_list(__LINE__, "../en", NULL, "not a language name");
}

int
main(void)
{
	struct sentsplit *en;

	en = sentsplit_new("en", NULL, 0);
	test_basic(en);
	test_paragraphs(en);
	test_soft_breaks(en);
	test_closers(en);
	test_embedded_quotes(en);
	test_citations(en);
	test_footnote_numbers(en);
	test_detached_stop(en);
	test_lower_start(en);
	test_emoticons(en);
	test_urls(en);
	test_greetings(en);
	test_signed_names(en);
	test_ellipsis_urls(en);
	test_stamps(en);
	test_qe_runs(en);
	test_ellipses(en);
	test_abbreviations(en);
	test_list_end(en);
	test_british(en);
	test_numbers(en);
	test_addresses(en);
	test_separators(en);
	test_mail_addresses(en);
	test_attachments(en);
	test_inline_headings(en);
	test_inline_captions(en);
	test_inner_marks(en);
	test_missing_stops(en);
	test_glued(en);
	test_news(en);
	test_bytes(en);
	test_nul_sets(en);
	sentsplit_free(en);
	test_languages();
	test_extra_list();
	test_bad_lists();
	UNIT_END();
}
