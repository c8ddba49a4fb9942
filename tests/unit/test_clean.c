/*
 * Unit tests for lib/text/clean.c: the pipeline in its fixed order, switching
 * steps off, paragraph de-duplication, titles, --explain, learning, and the
 * default rules file (share/artclean/boilerplate.rules) on invented stories
 * with the kinds of furniture real news pages carry.
 */
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"
#include "text/clean.h"
#include "text/echo.h"
#include "text/para.h"
#include "text/weigh.h"
#include "base/util.h"

static struct buf out = BUF_INIT;

static struct cleaner *
cleaner(unsigned steps)
{
	struct clean_opts o = { steps, 0, 0, NULL, 0, 0, NULL, NULL, NULL };
	struct buf err = BUF_INIT;
	struct cleaner *c;

	c = cleaner_new(&o, &err);
	if (c == NULL)
		fprintf(stderr, "cleaner_new: %s\n", buf_cstr(&err));
	CHECK(c != NULL);
	buf_free(&err);
	return c;
}

static const char *
clean(struct cleaner *c, const char *s)
{
	buf_reset(&out);
	clean_text(c, NULL, s, strlen(s), &out, NULL);
	return buf_cstr(&out);
}

/* An invented story; every paragraph not marked FURNITURE is reporting. */
static const char story[] =
    "<p>Leeds City Council has approved a &pound;12m budget for new "
    "cycle lanes, its leader said on Tuesday.</p>\n"
    "Cyclists on the A65 near Kirkstall. Credit: Jo Bloggs/Leeds Post\n\n"
    "The money will pay for 40 miles of protected lanes by 2027, "
    "according to the council\xe2\x80\x99s transport plan.\n\n"
    "Sign up to our Morning Briefing newsletter\n\n"
    "\xe2\x80\x9cSomething went wrong with the old scheme, and we have "
    "learned from it,\xe2\x80\x9d the council leader said.\n\n"
    "Something went wrong - please try again later.\n\n"
    "Share on Facebook\nShare on Twitter\nShare via Email\n\n"
    "Residents who signed up to the council newsletter in March were "
    "told the lanes would open in stages, starting with the ring road.\n\n"
    "A cyclist rides past the town hall (Photo: Sam Smith/Getty Images)"
    "\n\n"
    "Read more: Council tax to rise for a third year\n\n"
    "Advertisement\n\n"
    "Opposition councillors said the plan had been rushed.\n\n"
    "Opposition councillors said the plan had been rushed.\n\n"
    "We use cookies to improve your experience on our site.\n\n"
    "Tags: Leeds, cycling, council\n\n"
    "A message from the editor:\n\n"
    "Thank you for reading. Please support local journalism.\n\n"
    "\xc2\xa9 2024 Leeds Post Ltd. All rights reserved.";

static const char story_clean[] =
    "Leeds City Council has approved a \xc2\xa3" "12m budget for new "
    "cycle lanes, its leader said on Tuesday.\n\n"
    "The money will pay for 40 miles of protected lanes by 2027, "
    "according to the council\xe2\x80\x99s transport plan.\n\n"
    "\xe2\x80\x9cSomething went wrong with the old scheme, and we have "
    "learned from it,\xe2\x80\x9d the council leader said.\n\n"
    "Residents who signed up to the council newsletter in March were "
    "told the lanes would open in stages, starting with the ring road.\n\n"
    "Opposition councillors said the plan had been rushed.";

static void
test_story(void)
{
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	size_t n, i;
	static const char *want[][2] = {
		{"credit", "Cyclists on the A65"},
		{"newsletter", "Sign up to our Morning Briefing"},
		{"error", "Something went wrong - please"},
		{"share", "Share on Facebook"},
		{"share", "Share on Twitter"},
		{"share", "Share via Email"},
		{"credit", "A cyclist rides past"},
		{"related", "Read more: Council tax"},
		{"advert", "Advertisement"},
		{"duplicate", "Opposition councillors"},
		{"consent", "We use cookies"},
		{"tags", "Tags: Leeds"},
		{"appeal", "A message from the editor:\n\nThank you"},
	};

	buf_reset(&out);
	n = clean_text(c, NULL, story, sizeof(story) - 1, &out, &rm);
	CHECK_STR(buf_cstr(&out), story_clean);
	CHECK(n == NELEM(want));
	for (i = 0; i < n && i < NELEM(want); i++) {
		CHECK_STR(rm[i].category, want[i][0]);
		CHECK(rm[i].len >= strlen(want[i][1]) &&
		    memcmp(rm[i].text, want[i][1], strlen(want[i][1])) == 0);
	}
	/* the cut at the appeal takes everything after it, copyright too */
	CHECK(n > 0 && memmem(rm[n - 1].text, rm[n - 1].len, "reserved.",
	    9) != NULL);
	CHECK(n > 0 && strcmp(rm[n - 1].rule, "appeal.editor") == 0);
	cleaner_free(c);
}

/* One invented example of each category of the default rules. */
static void
test_categories(void)
{
	static const char *cases[][2] = {
		{"newsletter", "Get the best of the Courier delivered to your "
		    "inbox every morning"},
		{"newsletter", "Jetzt zum kostenlosen Newsletter anmelden"},
		/* a blog's prompt to follow it by feed or by e-mail */
		{"newsletter", "If you liked this post, subscribe to Harbour "
		    "Notes via e-mail or RSS."},
		{"newsletter", "Get weekly e-mail updates from the Courier"},
		{"newsletter", "RSS feed for council press releases"},
		{"paywall", "To read the full article, subscribe today"},
		{"credit", "Photo: Anna Berg"},
		{"credit", "The harbour at dawn (Image: Lars Holm/AFP)"},
		{"credit", "Firefighters at the scene.Credit: Tom Reed"},
		{"caption", "In this handout photo, the ship leaves port."},
		{"share", "Click to share on Pinterest (Opens in new window)"},
		{"share", "Follow us on Twitter and Instagram"},
		{"comments", "You must be logged in to post a comment."},
		{"comments", "12 Comments"},
		/* a comment's header, a post line's count of comments */
		{"comments", "Mark Ellis at 9:41 pm"},
		{"comments", "Jane Rowe 3 days ago"},
		{"comments", "Tom Reyes \xe2\x80\xa2 3 years ago"},
		{"comments", "Posted in Gardening | 4 Comments"},
		{"comments", "Comments (7)"},
		/* who wrote a post, when, where it is filed */
		{"byline", "This entry was posted in Gardening."},
		{"byline", "Posted by Ruth Amis on 3 March"},
		{"byline", "By Petra Lind | Coast Weekly"},
		{"byline", "Filed under Gardening"},
		/* a byline's sentence, then a sentence about the author */
		{"byline", "This post was written by Ruth Amis. You can read "
		    "her other posts in the archive."},
		{"byline", "This entry was written by ruth, posted on "
		    "3/3/2024 at 9:15 am."},
		{"tags", "Tagged: harbour, ferries, storms"},
		{"caption", "embed(http://video.example.org/v/x7Qa?rel=0)"},
		{"nav", "\xc2\xab The spring planting guide for small gardens and "
		    "balconies | Why bees matter to all of us \xc2\xbb"},
		{"related", "Related: Ten things to know about the budget"},
		{"related", "You may also like"},
		{"advert", "ADVERTISEMENT"},
		{"advert", "We may earn a commission if you buy through "
		    "links on this page."},
		{"consent", "By using this site you agree to our use of "
		    "cookies."},
		{"error", "Please enable JavaScript to watch this video."},
		{"copyright", "Copyright 2023 The Valley Times"},
		{"timestamp", "Last updated: 10:42, 3 March 2024"},
		{"timestamp", "5 min read"},
		{"tags", "Topics: Elections, Parliament"},
		{"byline", "Additional reporting by Ola Nordmann"},
		{"nav", "Back to top"},
		{"nav", "Dieses Dossier als PDF herunterladen"},
		{"comments", "Posted in Local news | Permalink | 3 Comments"},
		/* social bookmarking rows, blog platforms' trackback and
		 * comment-feed lines */
		{"share", "Tweet Pin It"},
		{"share", "Bookmarks: del.icio.us, StumbleUpon"},
		{"share", "digg this | reddit"},
		{"comments", "TrackBack URL for this entry:"},
		{"comments", "Trackbacks are closed, but you can post a comment."},
		{"comments", "Follow any comments here with the RSS feed for "
		    "this post."},
		{"comments", "\xe2\x80\xa2 rss Subscribe to the comments on this "
		    "post"},
		{"comments", "RSS Comments feed for this article"},
		/* an author's note, under a picture or labelled */
		{"byline", "[photo] Max Hale is a college journalist and "
		    "comedy writer in Leeds. He writes for his blog."},
		{"byline", "About the author: Kim Lee is the founder and "
		    "editor of this site."},
		{"caption", "Valley Courier logo"},
		{"related", "World news\nSport\nWeather\nBusiness"},
		{"byline", "Priya Natarajan is the Senior Health Reporter "
		    "for the Courier."},
		{"comments", "There are 4 comments. Add yours."},
		{"comments", "Join our community to keep talking about local "
		    "news!"},
		{"related", "The bridge will reopen in spring. Read more"},
		{"nav", "Previous article: Council tax to rise"},
		{"related", "Lee tambi\xc3\xa9n:"},
		{"related", "Mehr zu diesem Thema"},
		{"related", "Also: Ten pictures of the flood"},
		{"related", "More Local Sport News"},
		{"credit", "Crowds gathered at the harbour on Sunday. Reuters"},
		{"credit", "Jane Doe/Valley Courier"},
		{"consent", "[ ] I agree to receive the morning briefing"},
		{"share", "Udost\xc4\x99pnij na Facebooku"},
		{"newsletter", "Watch the whole interview on our channel. "
		    "Click to subscribe!"},
		{"tags", "Tags\n\nFlooding\n\nHarbour"},
		{"tags", "\xe2\x80\xa2 Categories:"},
		/* a blog's label list; tags after a byline or date */
		{"tags", "Labels: harbour, ferries"},
		{"tags", "Jane Rowe | Tags: Harbour, Ferries, Storms"},
		{"tags", "March 3rd, 2012 | Tags: ferries, storms"},
		/* the label inside a byline or a share row */
		{"tags", "Ann Berg | Harbour Town, UK Category: Ferries and "
		    "Storms"},
		{"tags", "by Courier Staff , Filed under: Harbour,Ferries,"
		    "Council,Storms , trackback"},
		{"tags", "ShareTags: Harbour Town, Ferries"},
		{"tags", "See other posts tagged:"},
		/* a prompt to like or join the outlet on a network */
		{"share", "You should like Harbour Notes on Facebook here."},
		{"share", "Visit the Courier on Facebook and Twitter"},
		{"share", "Join Harbour Notes at Google+ to comment and share."},
		/* a count in braces that invites to the comments */
		{"comments", "{ 12 comments\xE2\x80\xA6 read them below or add "
		    "one }"},
		{"comments", "{ 1 comment }"},
		/* a count of one spelled out, the line alone */
		{"comments", "One Comment"},
		/* the heading over a blog's comments: count and title */
		{"comments", "6 responses to Harbour Tales"},
		{"comments", "15 comments to A Long Night on the Harbour Wall "
		    "with the Ferry Crew"},
		{"comments", "12 Responses to \xE2\x80\x9CHarbour Tales\xE2\x80"
		    "\x9D | Leave a Comment!"},
		{"comments", "One thought on \xE2\x80\x9CHarbour Tales\xE2\x80"
		    "\x9D"},
		/* a copyright sign after a caption: its credit */
		{"credit", "Boats at the harbour wall \xC2\xA9 Jo Lee - "
		    "stock.example.com"},
		{"credit", "Foto \xC2\xA9 Anna Berg"},
		{"credit", "Harbour at nightphoto: (c) 2012 Jo Lee"},
		/* ... but a site's own notice is a copyright line (a foot) */
		{"copyright", "Copyright \xC2\xA9 2024 Harbour Notes Ltd"},
		{"paywall", "INGRESAR"},
		{"credit", "\xc5\xb9r\xc3\xb3" "d\xc5\x82o: Archiwum"},
		{"related", "WEITERE BEITR\xc3\x84GE"},
		/* CJK characters count as words: a heading of 14 of them */
		{"related", "\xe3\x81\x93\xe3\x81\xa1\xe3\x82\x89\xe3\x81\xae"
		    "\xe8\xa8\x98\xe4\xba\x8b\xe3\x82\x82\xe5\x90\x88"
		    "\xe3\x82\x8f\xe3\x81\x9b\xe3\x81\xa6\xe3\x81\xa9"
		    "\xe3\x81\x86\xe3\x81\x9e"},
		{"newsletter", "Escr\xc3\xad" "banos o suscr\xc3\xad" "base "
		    "aqu\xc3\xad a nuestra newsletter."},
		{"byline", "Ola Nordmann (ola@example.org) is the editor of "
		    "the Valley Courier and writes on farming."},
		{"byline", "About Jane Doe"},
		{"comments", "\xd0\x94\xd0\xbe\xd0\xb1\xd0\xb0\xd0\xb2"
		    "\xd0\xb8\xd1\x82\xd1\x8c \xd0\xba\xd0\xbe\xd0\xbc"
		    "\xd0\xbc\xd0\xb5\xd0\xbd\xd1\x82\xd0\xb0\xd1\x80"
		    "\xd0\xb8\xd0\xb9"},
		{"related", "VEA TAMBI\xc3\x89N: La presa del valle, a medio "
		    "llenar"},
		{"related", "SEE MORE: Ten years of the harbour festival"},
		{"related", "Relacionados"},
		{"share", "Print this article"},
		/* a page's count of its readers, votes or reactions */
		{"share", "This post was viewed 2,418 times"},
		{"share", "Hits: 5120"},
		{"share", "Your rating: None Average: 3.5 (14 votes)"},
		{"share", "What's Your Reaction? 1 0 0 2 Reactions"},
		/* a page's offer of its own space to advertisers */
		{"advert", "Advertise Here"},
		{"advert", "Your Ad Here"},
		/* the software behind the page or one of its boxes */
		{"credit", "Blog powered by Harbourpress"},
		{"credit", "Related Posts Plugin for Harbourpress, Blogger..."},
		{"credit", "This jQuery slider was created with the free Slidey "
		    "plugin from example.com."},
		/* a form's own messages */
		{"error", "Please enter a valid email address."},
		{"error", "Thank you. Your comment has been submitted and will "
		    "appear shortly."},
		{"error", "You have successfully subscribed. Thank you!"},
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	size_t i, n;

	for (i = 0; i < NELEM(cases); i++) {
		buf_reset(&out);
		n = clean_text(c, NULL, cases[i][1], strlen(cases[i][1]),
		    &out, &rm);
		if (n < 1 || strcmp(rm[0].category, cases[i][0]) != 0)
			fprintf(stderr, "case %zu: %s\n", i, cases[i][1]);
		CHECK(n >= 1 && strcmp(rm[0].category, cases[i][0]) == 0);
		CHECK(out.len == 0);
	}
	cleaner_free(c);
}

/* A box of other stories goes up to where the reporting resumes. */
static void
test_block(void)
{
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	const char *in = "The ferry service will resume on Monday after "
	    "repairs, the operator said.\n\n"
	    "Most Popular\n\n"
	    "\xe2\x80\xa2 Storm closes coastal road\n"
	    "\xe2\x80\xa2 Council tax to rise again\n\n"
	    "Harbour fees\n\n"
	    "Passengers with tickets for cancelled sailings will be offered "
	    "refunds, a spokesman added.";
	const char *quoted = "Most read\n\n"
	    "Harbour master admits 'we got the weather forecast badly "
	    "wrong'\n\n"
	    "Crews will inspect both vessels before sailings resume, which "
	    "could take until Wednesday.";

	buf_reset(&out);
	CHECK(clean_text(c, NULL, in, strlen(in), &out, &rm) == 4);
	CHECK_STR(buf_cstr(&out), "The ferry service will resume on Monday "
	    "after repairs, the operator said.\n\nPassengers with tickets "
	    "for cancelled sailings will be offered refunds, a spokesman "
	    "added.");
	CHECK_STR(rm[0].rule, "related.zone");
	CHECK_STR(rm[3].text, "Harbour fees");
	/* a headline ending in a quotation is not where reporting resumes */
	buf_reset(&out);
	CHECK(clean_text(c, NULL, quoted, strlen(quoted), &out, &rm) == 2);
	CHECK(strstr(buf_cstr(&out), "we got") == NULL);
	cleaner_free(c);
}

/*
 * Steps 10 and 11: what ends no sentence after the last paragraph of prose
 * (headlines of other stories, a name, a menu) and short labels before
 * the first go; a closing sentence and a long standfirst stay.
 */
static const char edged[] =
    "Local News\n\n"
    "Transport\n\n"
    "Island ferries face a week of delays after the storm\n\n"
    "Ferries to the islands were cancelled for a third day on Sunday, "
    "the operator said.\n\n"
    "Crews will inspect both vessels before sailings resume, which could "
    "take until Wednesday.\n\n"
    "Timetables will follow.\n\n"
    "Mary Jones\n\n"
    "Town centre car park to close for resurfacing\n"
    "School run chaos as bridge shuts without warning\n\n"
    "* * *";

static void
test_edges(void)
{
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	static const char *want[][2] = {
		{"head", "Local News"},
		{"head", "Transport"},
		{"tail", "Mary Jones"},
		{"tail", "Town centre car park to close for resurfacing\n"
		    "School run chaos as bridge shuts without warning"},
	};
	const char *noprose = "Ferry timetable\n\nMonday to Friday";
	const char *quoted = "\xe2\x80\x9cThe ferries are the lifeline of "
	    "these islands, and a week without them hurts,\xe2\x80\x9d she "
	    "wrote.\n\n\xe2\x80\x94 Jane Doe (@jdoe) May 1, 2020";
	size_t i, n;

	buf_reset(&out);
	n = clean_text(c, NULL, edged, sizeof(edged) - 1, &out, &rm);
	CHECK_STR(buf_cstr(&out), "Island ferries face a week of delays "
	    "after the storm\n\n"
	    "Ferries to the islands were cancelled for a third day on "
	    "Sunday, the operator said.\n\n"
	    "Crews will inspect both vessels before sailings resume, which "
	    "could take until Wednesday.\n\n"
	    "Timetables will follow.\n\n* * *");
	CHECK(n == NELEM(want));
	for (i = 0; i < n && i < NELEM(want); i++) {
		CHECK_STR(rm[i].rule, want[i][0]);
		CHECK_STR(rm[i].category, "heuristic");
		CHECK(rm[i].len == strlen(want[i][1]) &&
		    memcmp(rm[i].text, want[i][1], rm[i].len) == 0);
	}
	/* an item with no prose has nothing to measure against */
	CHECK_STR(clean(c, noprose), noprose);
	/* the attribution of a quotation closing the item is not furniture */
	CHECK_STR(clean(c, quoted), quoted);
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_TAIL);
	CHECK(strstr(clean(c, edged), "Mary Jones") != NULL);
	CHECK(strstr(buf_cstr(&out), "Local News") == NULL);
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_HEAD);
	CHECK(strncmp(clean(c, edged), "Local News\n\nTransport\n\n",
	    23) == 0);
	CHECK(strstr(buf_cstr(&out), "Mary Jones") == NULL);
	cleaner_free(c);
}

/*
 * Lists and tables that are the story, at its edges, paragraph a line
 * (as a web page converted to text gives them): tail and head leave them,
 * told from furniture by what they hold (numbers, " v ", brackets, commas
 * in most of their lines), by a lead-in that announces them, or by the
 * list they end.  All invented.
 */
static const char prose[] =
    "The county council met on Tuesday evening to decide the matter, "
    "and members voted by a large majority after a long debate.\n\n"
    "Officials said the figures would be published in full, as the law "
    "requires, before the end of the month.";

static void
content_after(struct cleaner *c, const char *list)
{
	char item[2048];

	snprintf(item, sizeof(item), "%s\n\n%s", prose, list);
	CHECK_STR(clean(c, item), item);
}

static void
test_content_lists(void)
{
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048];

	/* a fixture list, announced and shaped */
	content_after(c, "The draw for the sixth round is as follows:\n\n"
	    "Harbour Town v Millbrook Rovers\n\nStonebridge or Kelham v "
	    "Ashford United\n\nCraigmoor v Lower Dene");
	/* results and a scorers' line, a crowd, a referee */
	content_after(c, "Scorers: Hale 12, Brant 40.\n\nBrant 51, Hale 77"
	    "\n\n4,210\n\nP Marsh");
	/* an earnings table, a line a paragraph */
	content_after(c, "Shr 41 cts vs 38 cts\n\nNet 3,120,000 vs "
	    "2,870,000\n\nRevs 51.2 mln vs 47.9 mln\n\n12 mths\n\n"
	    "Shr 1.62 dlrs vs 1.47 dlrs");
	/* an election table */
	content_after(c, "Green Party 12,840 (41.2%)\n\nLabour 9,311 "
	    "(29.9%)\n\nLiberal Democrats 5,002 (16.1%)");
	/* a box score */
	content_after(c, "Okafor 7-12, 18 pts\n\nReyes 5-9, 14 pts\n\n"
	    "Lindqvist 3-8, 9 pts");
	/* TV listings */
	content_after(c, "18:00 Evening News\n\n18:30 Regional Weather\n\n"
	    "19:00 The Garden Hour");
	/* ingredients */
	content_after(c, "200g plain flour\n\n2 eggs, beaten\n\n"
	    "1 tsp baking powder\n\n300ml milk");
	/* nominees ending a list, the last without its bracket */
	content_after(c, "Best drama (Channel Nine)\n\nHarbour Lights "
	    "(Northlight, BBC Two)\n\nThe Long Field");
	/* a match's venue, date and kick-off before the report */
	snprintf(item, sizeof(item), "Kelham Park\n\nSaturday, 4 March\n\n"
	    "1500 GMT\n\n%s", prose);
	CHECK_STR(clean(c, item), item);
	/*
	 * blocks of lines holding figures, a box each, as a web page sets
	 * them with line breaks: an event's prices, then its venue
	 */
	content_after(c, "Stalls: 40 euros\nCircle: 30 euros\nStanding: 15 "
	    "euros\n\nFestival Hall\n12 Quay Street\nHarbourtown 4021");
	/* but a block of lines mostly without figures goes */
	snprintf(item, sizeof(item), "%s\n\nPrinter-friendly version\n"
	    "Posted 9 August 2012 in Local News", prose);
	CHECK_STR(clean(c, item), prose);
	/* a sentence that lost its stop at the end stays */
	content_after(c, "The new edition of the game is out on 9 May in "
	    "Europe and the US");
	/* while related headlines, a name and a menu go */
	snprintf(item, sizeof(item), "Home\n\nLocal\n\n%s\n\nAnna Berg\n\n"
	    "Council Approves Plan For New Bypass\n\nMayor Opens Harbour "
	    "Festival In The Rain\n\nWhy Ferry Fares Rise Again This "
	    "Spring", prose);
	CHECK_STR(clean(c, item), prose);
	cleaner_free(c);
}

/*
 * Newswire hard-wrapped at a fixed width, every line made a paragraph (a
 * text converted line by line): the story's first line and the pieces
 * of its last sentence are short and end no sentence, but each runs on
 * into the line after it, so head and tail leave them.  An address over
 * a link is no such line, and goes.  Invented.
 */
static void
test_wrapped_edges(void)
{
	struct cleaner *c = cleaner(CLEAN_ALL);
	const char wire[] = "Harbour Ferries Ltd is not under\n\n"
	    "pressure to sell its two oldest boats, the company's chairman "
	    "told reporters on Tuesday.\n\n"
	    "The company said its results for the year would be published "
	    "in full in March, and that the\n\n"
	    "board had met twice.";
	char item[2048];

	CHECK_STR(clean(c, wire), wire);
	/* the last sentence in two lines after the prose */
	snprintf(item, sizeof(item), "%s\n\nHarbour Ferries, which runs "
	    "the two boats\n\nto the island, was not asked.", prose);
	CHECK_STR(clean(c, item), item);
	snprintf(item, sizeof(item), "%s\n\njo.roe@example.com\n\n"
	    "twitter.com/joroe", prose);
	CHECK_STR(clean(c, item), prose);
	cleaner_free(c);
}

/*
 * Steps 12 and 13: a run of other stories' headlines between the article
 * and the comments (which are prose, so tail never reaches it), and an
 * image's file name left as its alternative text, go wherever they are;
 * the item's own headline and deck, a list that holds data, a single
 * subheading, and words that only look like file names stay.
 */
static void
test_headlines_filenames(void)
{
	static const char comment[] =
	    "I have lived here for twenty years and the traffic has never "
	    "been this bad, so I hope they get on with it.";
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[2048], want[2048];

	/* related headlines between the story and a reader's comment */
	snprintf(item, sizeof(item), "%s\n\nCouncil Approves Plan For New "
	    "Bypass\n\nMayor Opens Harbour Festival In The Rain\n\nWhy Ferry "
	    "Fares Rise Again This Spring\n\n%s", prose, comment);
	snprintf(want, sizeof(want), "%s\n\n%s", prose, comment);
	buf_reset(&out);
	CHECK(clean_text(c, NULL, item, strlen(item), &out, &rm) == 3);
	CHECK_STR(buf_cstr(&out), want);
	CHECK_STR(rm[0].rule, "headlines");
	CHECK_STR(rm[0].category, "heuristic");
	/* two are a run too, but for the item's own headline and deck */
	snprintf(item, sizeof(item), "%s\n\nBest Walks On The North Coast"
	    "\n\nTen Cafes Worth The Detour\n\n%s", prose, comment);
	CHECK_STR(clean(c, item), want);
	snprintf(item, sizeof(item), "Council Approves The New Bypass "
	    "After Years Of Delay\n\nA Decade Of Delays Ends At Last\n\n%s", prose);
	CHECK_STR(clean(c, item), item);
	/* a single subheading between paragraphs of prose stays */
	snprintf(item, sizeof(item), "%s\n\nWhat Happens Next\n\n%s", prose,
	    comment);
	CHECK_STR(clean(c, item), item);
	/*
	 * a subheading over a table's column heads and its rows of figures
	 * (issue 14) stays; other stories' headlines over a date go
	 */
	snprintf(item, sizeof(item), "%s\n\nThe Harbour Race\n\nBoat Crew "
	    "Miles Place\n\nKelham Belle 8 crew 12.4 miles 1st, 41 min\n\n"
	    "Stonebridge Star 6 crew 11.9 miles 2nd, 44 min\n\n%s", prose,
	    comment);
	CHECK_STR(clean(c, item), item);
	snprintf(item, sizeof(item), "%s\n\nBest Walks On The North Coast"
	    "\n\nTen Cafes Worth The Detour\n\nKelham, May 6, 2019 10:12 am"
	    "\n\n%s", prose, comment);
	buf_reset(&out);
	CHECK(clean_text(c, NULL, item, strlen(item), &out, &rm) >= 2);
	CHECK_STR(rm[0].rule, "headlines");
	CHECK_STR(rm[1].rule, "headlines");
	/* prose broken into lines, a line a paragraph, is no headline */
	snprintf(item, sizeof(item), "%s\n\nAnalyst Jane Roe of Hale and "
	    "Marsh said\n\nServiceWorks Ltd or Brant Inc were\n\n%s", prose,
	    comment);
	CHECK_STR(clean(c, item), item);
	/* fixtures, venue and date, nominees: lists that hold data stay */
	snprintf(item, sizeof(item), "%s\n\nHarbour Town v Millbrook Rovers"
	    "\n\nStonebridge v Ashford United\n\nCraigmoor v Lower Dene\n\n%s",
	    prose, comment);
	CHECK_STR(clean(c, item), item);
	snprintf(item, sizeof(item), "%s\n\nKelham Park\n\nSaturday, 4 "
	    "March\n\n%s", prose, comment);
	CHECK_STR(clean(c, item), item);
	snprintf(item, sizeof(item), "%s\n\nBest Drama (Channel Nine)\n\n"
	    "Harbour Lights (Northlight)\n\nThe Long Field (Greyhound)\n\n%s",
	    prose, comment);
	CHECK_STR(clean(c, item), item);
	/* file names left by images and downloads go */
	snprintf(item, sizeof(item), "%s\n\nIMG_4410 IMG_4412\n\n"
	    "harbour-view-12\n\nDownload: council_meeting_may.mp3\n\n%s",
	    prose, comment);
	buf_reset(&out);
	CHECK(clean_text(c, NULL, item, strlen(item), &out, &rm) == 3);
	CHECK_STR(buf_cstr(&out), want);
	CHECK_STR(rm[0].rule, "filenames");
	cleaner_free(c);
	/*
	 * a compound, a date, a sentence naming a file: not file names (the
	 * date alone between paragraphs is a dateline, another step's)
	 */
	c = cleaner(CLEAN_ALL & ~CLEAN_DATELINES);
	snprintf(item, sizeof(item), "%s\n\nOn-Off-Mechanismus\n\n2012-10-30"
	    "\n\nThe report is in budget_2024.pdf.\n\n%s", prose, comment);
	CHECK_STR(clean(c, item), item);
	cleaner_free(c);
	/* each switchable */
	snprintf(item, sizeof(item), "%s\n\nBest Walks On The North Coast"
	    "\n\nTen Cafes Worth The Detour\n\nIMG_4410\n\n%s", prose,
	    comment);
	c = cleaner(CLEAN_ALL & ~CLEAN_HEADLINES & ~CLEAN_FILENAMES);
	CHECK_STR(clean(c, item), item);
	cleaner_free(c);
}

/* Clean item, which must come out as want; its removals in *rm. */
static size_t
clean_to(struct cleaner *c, const char *item, const char *want,
    const struct removal **rm)
{
	size_t n;

	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, rm);
	CHECK_STR(buf_cstr(&out), want);
	return n;
}

/*
 * Is the text of removal rule name, text, among the n of rm?
 */
static int
removed(const struct removal *rm, size_t n, const char *name,
    const char *text)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(rm[i].rule, name) == 0 && rm[i].len == strlen(text) &&
		    memcmp(rm[i].text, text, rm[i].len) == 0)
			return 1;
	return 0;
}

/*
 * Each of the n pieces of keep, between before (NULL: none) and after,
 * stays.
 */
static void
stay_around(struct cleaner *c, const char *before,
    const char *const *keep, size_t n, const char *after)
{
	char item[2048];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(item, sizeof(item), "%s%s%s\n\n%s",
		    before != NULL ? before : "", before != NULL ? "\n\n" : "",
		    keep[i], after);
		CHECK_STR(clean(c, item), item);
	}
}

/* Each of the n pieces of keep, between prose and after, stays. */
static void
stay_between(struct cleaner *c, const char *const *keep, size_t n,
    const char *after)
{
	stay_around(c, prose, keep, n, after);
}

/* With step off, mid between prose and after stays. */
static void
stay_without(unsigned step, const char *mid, const char *after)
{
	struct cleaner *c = cleaner(CLEAN_ALL & ~step);
	char item[2048];

	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", prose, mid, after);
	CHECK_STR(clean(c, item), item);
	cleaner_free(c);
}

/*
 * Cleaning item with c gives want (NULL: not checked), and piece went
 * as the step or rule called name.
 */
static void
goes(struct cleaner *c, const char *item, const char *want,
    const char *name, const char *piece)
{
	const struct removal *rm;
	size_t n;

	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, &rm);
	if (want != NULL)
		CHECK_STR(buf_cstr(&out), want);
	CHECK(removed(rm, n, name, piece));
}

/* A paragraph of reporting that the pieces under test come before. */
static const char after[] =
    "The ferry leaves at dawn for the island, and the crossing takes an "
    "hour in good weather.";

/* Between prose and after, piece goes as the step or rule called name. */
static void
goes_between(struct cleaner *c, const char *name, const char *piece)
{
	char item[2048], want[2048];

	snprintf(want, sizeof(want), "%s\n\n%s", prose, after);
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", prose, piece, after);
	goes(c, item, want, name, piece);
}

/*
 * Step 12, titlecase: a caption set in title case between paragraphs and
 * another story's headline cut short go; a subheading that asks, a
 * sentence with its small words small, a line in capitals and a team's
 * line-up (initials and names, a list) stay.
 */
static void
test_titlecase(void)
{
	static const char *const keep[] = {
		"What Can The Council Do About It?",
		"The Ferry leaves at dawn for the island.",
		"HARBOUR TO CLOSE FOR A WEEK.",
		"A Lee, S Byrne, T Marsh, O Smith, K Dale.",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048], want[2048];

	snprintf(want, sizeof(want), "%s\n\n%s", prose, after);
	snprintf(item, sizeof(item), "%s\n\nA Quiet Morning On The Harbour "
	    "Wall.\n\n%s", prose, after);
	goes(c, item, want, "titlecase", "A Quiet Morning On The Harbour "
	    "Wall.");
	snprintf(item, sizeof(item), "%s\n\n%s\n\nWhy The Ferry Fares Went "
	    "Up Again This...", prose, after);
	goes(c, item, want, "titlecase", "Why The Ferry Fares Went Up Again "
	    "This...");
	stay_between(c, keep, NELEM(keep), after);
	cleaner_free(c);
}

/*
 * Step 11, boxes: a page's box of links or labels before the article,
 * set as one paragraph of short lines, goes as a whole however many
 * words it holds, and is not taken for the first prose (a menu of
 * twenty words would otherwise be it, and shield the labels above it).
 * A box of other stories' headlines goes anywhere (step 12).  Code, a
 * table set in lines, a list of names with their places and prose
 * wrapped at a narrow width, shaped the same, stay.  All invented.
 */
static void
test_link_box(void)
{
	static const char box[] =
	    "Go!\nSections\nharbour\nCouncil Approves Budget, Delays "
	    "Ferry Vote\nWeather Alerts For The Coast And The Islands\n"
	    "Three Things To Do This Weekend In Kelham";
	static const char headbox[] =
	    "Ring, Ring: Why Ferry Fares Rise\nCouncil Delays Ferry Vote "
	    "Again\nTen Walks Along The Kelham Coast\nWhere To Eat In "
	    "Millbrook Tonight";
	static const char names[] =
	    "\xe2\x80\xa2 Harbour Marine, Kelham, Northshire\n\xe2\x80\xa2 "
	    "Coastline Robotics, Millbrook, Westshire\n\xe2\x80\xa2 "
	    "Tidewater Engines, Ashford, Dene";
	static const char comment[] =
	    "I have lived here for twenty years and the ferry has never "
	    "been this late, so I hope they get on with it.";
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[2048];
	size_t i, n;
	static const char *const stay[] = {
		/* code before the article's first sentence */
		"FROM debian:stable\nCOPY . /srv/harbour\nRUN make "
		    "install\nexec harbourd --quiet --log /var/log/harbour",
		/* a table set in lines, half of them figures */
		"Average waiting time tomorrow\nNorth End: 25 hrs 11 "
		    "hrs\nSouth End: 24 hrs 31 hrs\nLarge vessels only at "
		    "the outer berths",
		/* a lede wrapped at a narrow width */
		"The harbour board said on\nTuesday that the outer wall\n"
		    "would be rebuilt over two\nsummers at a cost the\n"
		    "council will share",
	};

	snprintf(item, sizeof(item), "Harbour Times\n\n%s\n\n%s", box,
	    prose);
	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, &rm);
	CHECK_STR(buf_cstr(&out), prose);
	CHECK(removed(rm, n, "head", box));
	CHECK(removed(rm, n, "head", "Harbour Times"));
	for (i = 0; i < NELEM(stay); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s", stay[i], prose);
		CHECK_STR(clean(c, item), item);
	}
	/*
	 * a box counts as several paragraphs of its run: a label and a box
	 * are no one or two lines ending the list that a refresh note, short
	 * and closed with a figure in brackets, would make them
	 */
	snprintf(item, sizeof(item), "Refresh (3600 sec)\n\nHarbour Times"
	    "\n\n%s\n\n%s", box, prose);
	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, &rm);
	CHECK(removed(rm, n, "head", box));
	CHECK(removed(rm, n, "head", "Harbour Times"));
	/*
	 * anywhere, a box of other stories' headlines goes as headlines; a
	 * box of names with their places, commas in most lines, stays
	 */
	snprintf(item, sizeof(item), "Ferry Vote Delayed Again After A Row "
	    "Over Fares\n\n%s\n\n%s\n\n%s", prose, headbox, comment);
	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, &rm);
	CHECK(removed(rm, n, "headlines", headbox));
	snprintf(item, sizeof(item), "Ferry Vote Delayed Again After A Row "
	    "Over Fares\n\n%s\n\n%s\n\n%s", prose, names, comment);
	CHECK_STR(clean(c, item), item);
	cleaner_free(c);
	/* with head off, the box stays */
	c = cleaner(CLEAN_ALL & ~CLEAN_HEAD);
	snprintf(item, sizeof(item), "%s\n\n%s", box, prose);
	CHECK_STR(clean(c, item), item);
	cleaner_free(c);
}

/*
 * First lines of news set as a box just over the prose: a dateline, a
 * deck under a headline, a short intro.  They stay.
 */
static const char *const head_firsts[] = {
	"KELHAM, Northshire\nMay 6 (Harbour Wire)",
	"Ferry fares to rise again\nThe council blames the cost of fuel",
	"It was cold.\nIt was dark.",
};

/* Before a headline's box, shaped as head boxes, these stay. */
static const char *const head_stays[] = {
	/* a box of sentences */
	"Key points\n\xe2\x80\xa2 The ferry will stop for a month "
	    "from the first of June.\n\xe2\x80\xa2 The council says "
	    "the repairs will cost two million pounds.",
	/* a timetable */
	"Ferry times\nMon 0800 1200 1600\nTue 0900 1300 1700",
	/* verse that runs on */
	"Salt on the wind and a lamp on the quay,\nthe boats come "
	    "home to Kelham\nand nobody sleeps",
};

/*
 * Step 11, the head's boxes of lines (clean29): before the first prose,
 * a paragraph of two lines or more, none a sentence of prose, goes as a
 * whole, closed or not (a list of other stories with their comment
 * counts, set as a mark over a headline), and is not taken for the
 * first prose however many words it holds (the labels and tags around
 * a headline: a line of tags in small letters reads as a sentence that
 * lost its stop, which makes link_box keep the box), so the labels
 * under it go too.  The box nearest the prose stays if a line of it
 * may be a headline (three words or more): it may be the item's own
 * headline with a label over it.  A box of sentences ("Key
 * points"), a timetable, verse that runs on, and everything with head
 * off, stay.  All invented.
 */
static void
test_head_boxes(void)
{
	static const char own[] =
	    "Council Delays Ferry Vote Again After A Row\nThe harbour "
	    "board wants another month";
	static const char other1[] =
	    "\xc2\xbb\nThe Quiet Fall Of The Kelham Ferry [14]";
	static const char other2[] =
	    "\xc2\xbb\nTen Walks Along The Northshire Coast [3]";
	static const char tags[] =
	    "continue to story\nThis story will load in ...\nHarbour "
	    "Board Sells The Old Lighthouse To A Trust\nharbour lighthouse "
	    "trust sale kelham council jo lee opinion\nHarbour Desk | "
	    "Opinion";
	static const char again[] =
	    "Please check your inbox.\nHarbour Board Sells The Old "
	    "Lighthouse To A Trust";
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[2048], want[2048], under[2048];
	size_t n;

	/* other stories' boxes go; the headline's own, nearest, stays */
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\n%s", other1,
	    other2, own, prose);
	snprintf(want, sizeof(want), "%s\n\n%s", own, prose);
	goes(c, item, want, "head", other1);
	goes(c, item, want, "head", other2);
	snprintf(item, sizeof(item), "%s\n\n%s", own, prose);
	CHECK_STR(clean(c, item), item);
	/*
	 * nearest the prose, a short headline stays (its kicker, a label,
	 * goes: clean34) ...
	 */
	snprintf(item, sizeof(item), "%s\n\nTunisia\nBig Tasks for the New "
	    "Government\n\n%s", other1, prose);
	snprintf(want, sizeof(want), "Big Tasks for the New "
	    "Government\n\n%s", prose);
	goes(c, item, want, "head", other1);
	goes(c, item, want, "head", "Tunisia");
	/* ... but a box of labels, with no line a headline's length, goes */
	snprintf(item, sizeof(item), "Shares\nPrint.\n\n%s", prose);
	goes(c, item, prose, "head", "Shares\nPrint.");
	/* a box of many words is no prose: the byline under it goes too */
	snprintf(item, sizeof(item), "%s\n\n%s\n\n[a] Jo Lee\n\n%s",
	    tags, again, prose);
	snprintf(want, sizeof(want), "%s\n\n%s", again, prose);
	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, &rm);
	CHECK_STR(buf_cstr(&out), want);
	CHECK(removed(rm, n, "head", tags));
	CHECK(removed(rm, n, "head", "[a] Jo Lee"));
	stay_around(c, NULL, head_firsts, NELEM(head_firsts), prose);
	snprintf(under, sizeof(under), "%s\n\n%s", own, prose);
	stay_around(c, NULL, head_stays, NELEM(head_stays), under);
	cleaner_free(c);
	/* with head off, the boxes stay */
	c = cleaner(CLEAN_ALL & ~CLEAN_HEAD);
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\n%s", other1,
	    tags, own, prose);
	CHECK_STR(clean(c, item), item);
	cleaner_free(c);
}

/*
 * The item's own headline shown again (clean32): what sits between the
 * page's title at the top and the headline over the story goes.
 */
static void
test_head_retitle(void)
{
	static const char menu[] = "Ferries | Buses | Trains | Contact";
	static const char promo[] =
	    "Sign in and read every story from the harbour for a whole month "
	    "without paying a penny.";
	static const char other[] =
	    "Why the Kelham Library Now Opens on Sundays Again";
	static const char ask[] =
	    "Do Ferry Users Have a Right to Be Angry at the Council?";
	static const char more[] =
	    "Harbour pilots said the crossing had been losing money for "
	    "years, and that the new timetable would not save it.";
	static const char *const ends[] = {".", "\xe2\x80\xa6"};
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048], want[2048];
	size_t i;

	/*
	 * The title with the site's name, a menu and a promotion, then the
	 * headline (which head takes, being short, as before: the title
	 * stays).
	 */
	snprintf(item, sizeof(item), "Ferry Fares Rise Again | Harbour "
	    "Times\n\n%s\n\n%s\n\nFerry Fares Rise Again\n\n%s", menu, promo,
	    prose);
	snprintf(want, sizeof(want), "Ferry Fares Rise Again | Harbour "
	    "Times\n\n%s", prose);
	goes(c, item, want, "head", promo);
	goes(c, item, want, "head", menu);
	/* a tagline first; another story's headline, a label; case, quotes */
	snprintf(item, sizeof(item), "Your daily dose of the harbour\n\n"
	    "The Ferry\xe2\x80\x99s Last Crossing \xe2\x80\x93 Harbour Times"
	    "\n\n%s\n\nTravel\n\nThe ferry's last crossing\n\n%s", ask,
	    prose);
	snprintf(want, sizeof(want), "The Ferry\xe2\x80\x99s Last Crossing "
	    "\xe2\x80\x93 Harbour Times\n\n%s", prose);
	goes(c, item, want, "head", ask);
	/* a breadcrumb that ends in the headline */
	snprintf(item, sizeof(item), "You are reading: Harbour \xc2\xbb The "
	    "Ferry's Last Crossing On Friday\n\n%s\n\n%s\n\nThe Ferry's Last "
	    "Crossing On Friday\n\n%s", other, promo, prose);
	CHECK(strstr(clean(c, item), other) == NULL);
	CHECK(strstr(clean(c, item), prose) != NULL);
	/* a sub-heading that repeats the title, after the story began */
	snprintf(item, sizeof(item), "Ferry Fares \xe2\x80\x93 Will They "
	    "Rise?\n\n%s\n\nFerry fares will rise\n\n%s", prose, more);
	CHECK(strstr(clean(c, item), prose) != NULL);
	/* a sentence that repeats the title is no headline, nor a cut line */
	for (i = 0; i < NELEM(ends); i++) {
		snprintf(item, sizeof(item), "Ferry Fares Rise Again Next "
		    "Year\n\n%s\n\n%s\n\nFerry Fares Rise Again Next Year%s"
		    "\n\n%s", other, promo, ends[i], prose);
		CHECK(strstr(clean(c, item), promo) != NULL);
	}
	cleaner_free(c);
	/* with head off, all stays */
	c = cleaner(CLEAN_ALL & ~CLEAN_HEAD);
	snprintf(item, sizeof(item), "Ferry Fares Rise Again | Harbour "
	    "Times\n\n%s\n\n%s\n\nFerry Fares Rise Again\n\n%s", menu, promo,
	    prose);
	CHECK(strstr(clean(c, item), promo) != NULL);
	cleaner_free(c);
}

/* A headline of one line, over what the head tests put under it. */
static const char titled[] =
    "Harbour Council Votes to Close the Old Ferry Berth";

/*
 * Under a headline of one line, the box nearest the prose is its byline,
 * date and buttons, not a headline with its kicker: it goes.
 */
static const char *const titled_boxes[][2] = {
	/* the box, and what the head takes of it (the rules take a date) */
	{"Jo Lee - Harbour Times\nMay 6, 2024\nListen to this article",
	    "Jo Lee - Harbour Times\nListen to this article"},
	{"Von Jo Lee und Sam Roe\n1.2K shares",
	    "Von Jo Lee und Sam Roe\n1.2K shares"},
};

/*
 * Each v[i][0] (of n), between above and below, goes to name as the piece
 * v[i][1], and no more: above and below stay.
 */
static void
goes_each(struct cleaner *c, const char *above,
    const char *const (*v)[2], size_t n, const char *name,
    const char *below)
{
	char item[2048], want[2048];
	size_t i;

	snprintf(want, sizeof(want), "%s\n\n%s", above, below);
	for (i = 0; i < n; i++) {
		snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", above, v[i][0],
		    below);
		goes(c, item, want, name, v[i][1]);
	}
}

static void
test_head_box_titled(void)
{
	static const char *const points =
	    "\xe2\x80\xa2 Harbour pilots warn of higher fares on the crossing\n"
	    "\xe2\x80\xa2 The council will vote again before the end of May\n"
	    "\xe2\x80\xa2 Residents plan a march to the old berth on Saturday";
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048];

	goes_each(c, titled, titled_boxes, NELEM(titled_boxes), "head",
	    prose);
	/*
	 * with no headline above, a headline under a kicker stays (the
	 * kicker, a label, goes: clean34)
	 */
	snprintf(item, sizeof(item), "News\nCouncil Delays Ferry Vote Again "
	    "After A Row\n\n%s", prose);
	CHECK(strstr(clean(c, item), "Council Delays Ferry Vote Again After "
	    "A Row\n\nThe county") != NULL);
	cleaner_free(c);
	/*
	 * Under a headline, its key points set without stops stay (the
	 * rules, off here, take bulleted lines as related links).
	 */
	c = cleaner(CLEAN_ALL & ~CLEAN_BOILER);
	stay_around(c, titled, &points, 1, prose);
	cleaner_free(c);
}

/*
 * Boxes of other stories over the headline's own box that hold one
 * question or one line read as code by a colon or a slash (clean34):
 * they go, and are not taken for the first prose.
 */
static const char *const odd_boxes[] = {
	"Harbour Blogs\n2 days ago in Tide Tables\nShould Ferries Be Free "
	    "for Pensioners Who Live on the Island?\n4 days ago in Kelham Notes\nA Week on the "
	    "Lighthouse Rota",
	"Harbour Notes\nHarbour re:Union Sold Out - Book Now\nNew Ferry Route "
	    "to the Island Opens\nTen Walks Along The Northshire Coast (12 "
	    "Photos)",
};

/*
 * Boxes that stay: three lines with a question (a headline, a byline and
 * a question may open a post), a line ending in a full stop, real code.
 */
static const char *const odd_stays[] = {
	"Ferry Fares\nJo Lee\nWill the council ever listen to what the harbour "
	    "has been saying?",
	"Ferry Fares\nJo Lee\nHarbour Desk\nThe council voted on Tuesday "
	    "to close the old berth for good.",
	"fares = load(\"kelham\")\nprint(fares)\nplot(fares, "
	    "by: \"month\")\nshow()",
};

static void
test_head_box_odd(void)
{
	static const char own[] =
	    "Council Delays Ferry Vote Again After A Row\nThe harbour "
	    "board wants another month";
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048], want[2048], under[2048];
	size_t i;

	snprintf(want, sizeof(want), "%s\n\n%s", own, prose);
	for (i = 0; i < NELEM(odd_boxes); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", odd_boxes[i],
		    own, prose);
		goes(c, item, want, "head", odd_boxes[i]);
	}
	snprintf(under, sizeof(under), "%s\n\n%s", own, prose);
	stay_around(c, NULL, odd_stays, NELEM(odd_stays), under);
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_HEAD);
	stay_around(c, NULL, odd_boxes, NELEM(odd_boxes), under);
	cleaner_free(c);
}

/*
 * Under a headline, a count alone over a caption that holds a figure
 * (clean34): it is no row of a table, and goes; a match's score over
 * its venue or its attendance stays.
 */
static const char *const counted_goes[][2] = {
	{"0\nThe old ferry berth at Kelham before its 2nd winter closed",
	    "0\nThe old ferry berth at Kelham before its 2nd winter closed"},
	{"The old ferry berth at Kelham before its 2nd winter closed\n14",
	    "The old ferry berth at Kelham before its 2nd winter closed\n14"},
};
static const char *const counted_stays[] = {
	"Kelham 3 Ashby 1\nHarbour Park, kick-off 3pm, attendance 8,661",
	"Kelham 3 Ashby 1\n8,661",
};

/*
 * With head off, each of the n pieces v[0], v[stride], v[2 * stride]...
 * stays between above (NULL: none) and the prose.
 */
static void
head_off_stays(const char *above, const char *const *v, size_t n,
    size_t stride)
{
	struct cleaner *c = cleaner(CLEAN_ALL & ~CLEAN_HEAD);
	size_t i;

	for (i = 0; i < n; i++)
		stay_around(c, above, v + i * stride, 1, prose);
	cleaner_free(c);
}

static void
test_head_counted(void)
{
	struct cleaner *c = cleaner(CLEAN_ALL);

	goes_each(c, titled, counted_goes, NELEM(counted_goes), "head",
	    prose);
	stay_around(c, titled, counted_stays, NELEM(counted_stays), prose);
	cleaner_free(c);
	head_off_stays(titled, counted_goes[0], NELEM(counted_goes), 2);
}

/*
 * The box nearest the prose, spared as it may hold the item's headline
 * (clean34): only that line stays when every other line is a label (a
 * word or two, no figure, no comma) or a headline cut short.  A note in
 * brackets after a headline ("(Updated)") leaves it open.
 */
static const char *const spared_goes[][3] = {
	/* the box, what stays of it, one line that goes */
	{"LATEST STORY\nCouncil Delays Ferry Vote Again After A Row",
	    "Council Delays Ferry Vote Again After A Row", "LATEST STORY"},
	{"Ten Walks Along The Northshire...\nCouncil Delays Ferry Vote Again "
	    "After A Row", "Council Delays Ferry Vote Again After A Row",
	    "Ten Walks Along The Northshire..."},
	{"\xe2\x80\xa2 Ten Walks Along The Northshire...\nTen Walks Along "
	    "The Northshire Coast (Updated)", "Ten Walks Along The Northshire "
	    "Coast (Updated)", "\xe2\x80\xa2 Ten Walks Along The "
	    "Northshire..."},
};

/*
 * A headline with its deck, a place with a comma, a part with its
 * number: all stay.
 */
static const char *const spared_stays[] = {
	"Council Delays Ferry Vote\nThe harbour board wants another month",
	"Kelham, Northshire\nCouncil Delays Ferry Vote Again After A Row",
	"Part 2\nCouncil Delays Ferry Vote Again After A Row",
};

static void
test_head_spare_line(void)
{
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048], want[2048];
	size_t i;

	for (i = 0; i < NELEM(spared_goes); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s", spared_goes[i][0],
		    prose);
		snprintf(want, sizeof(want), "%s\n\n%s", spared_goes[i][1],
		    prose);
		goes(c, item, want, "head", spared_goes[i][2]);
	}
	stay_around(c, NULL, spared_stays, NELEM(spared_stays), prose);
	cleaner_free(c);
	head_off_stays(NULL, spared_goes[0], NELEM(spared_goes), 3);
}

/* A credit in brackets under the headline goes; asides and notes stay. */
static const char *const bracket_goes[][2] = {
	{"(Associated Press)", "(Associated Press)"},
	{"(Jo Lee/Harbour Times)", "(Jo Lee/Harbour Times)"},
	{"(Kelham Ferry Company)", "(Kelham Ferry Company)"},
	{"(Reuters)", "(Reuters)"},
};
static const char *const bracket_stays[] = {
	"(tickets go up on Friday)", "(SEE PAGE 4 FOR TABLES)",
	"(Part 2 of 3)", "(Updated (twice))", "(Jo Lee, Kelham Ferry Co.)",
};

static void
test_head_bracketed(void)
{
	struct cleaner *c = cleaner(CLEAN_ALL);
	size_t i;

	goes_each(c, titled, bracket_goes, NELEM(bracket_goes), "head",
	    prose);
	stay_around(c, titled, bracket_stays, NELEM(bracket_stays), prose);
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_HEAD);
	for (i = 0; i < NELEM(bracket_goes); i++)
		stay_around(c, titled, bracket_goes[i], 1, prose);
	cleaner_free(c);
}

/* Under a headline, a sentence with a date and rows of a table stay. */
static const char *const dated_stays[] = {
	"On May 6, 2024 the council voted to close the old berth",
	"Kelham | May 6, 2024 | 3-1\n\nAshford | May 13, 2024 | "
	    "0-2\n\nMillbrook | May 20, 2024 | 1-1",
};

/*
 * Step 14, datelines, at the head (clean29): a byline set in segments
 * ("Jo Lee • May 6, 2024 • 4 min read") goes though its small
 * words make it read as a sentence that lost its stop, and so does a
 * dated box whose line is a post's stamp; a box of lines over the
 * headline is no prose, so a byline under a headline holding a number
 * is no row of a table.  A sentence with a date, and rows of a table
 * set in segments, stay.  All invented.
 */
static void
test_head_datelines(void)
{
	static const char head[] = "Council Votes To Close The Old Berth";
	static const char *const goes_[] = {
		"Jo Lee \xe2\x80\xa2 May 6, 2024 \xe2\x80\xa2 4 min read",
		"Jo Lee \xc2\xb7 Harbour Times \xc2\xb7 May 6, 2024 \xc2\xb7 4 min read",
		"\xe2\x80\xa2 May 6, 2019 at 9:24 pm ET \xe2\x80\xa2 2 min read\n\xe2\x80\xa2",
	};
	static const char box[] =
	    "continue to story\nThis story will load in ...\nHarbour "
	    "Board Sells The Old Lighthouse To A Trust\nharbour lighthouse "
	    "trust sale kelham council jo lee opinion";
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[2048], want[2048];
	size_t i, n;

	snprintf(want, sizeof(want), "%s\n\n%s", head, prose);
	for (i = 0; i < NELEM(goes_); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", head, goes_[i],
		    prose);
		goes(c, item, want, "datelines", goes_[i]);
	}
	snprintf(item, sizeof(item), "%s\n\nHarbour Tales, Part 2 of 3 Tonight"
	    "\n\nby Jo Lee on 05/06/2024\n\n%s", box, prose);
	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, &rm);
	CHECK(removed(rm, n, "datelines", "by Jo Lee on 05/06/2024"));
	stay_around(c, head, dated_stays, NELEM(dated_stays), prose);
	cleaner_free(c);
}

/*
 * Step 11, the tail: a bulleted box of other stories' headlines after the
 * item's last prose goes, though its headlines, in sentence case, read
 * like sentences that lost their stop and would make link_box keep it.
 * A how-to's own bulleted steps of the same shape stay: between its
 * paragraphs of prose, or at its end under a lead-in with a colon; so do
 * a list of names with their places and one of fixtures.  All invented.
 */
static void
test_bullet_box(void)
{
#define B "\xe2\x80\xa2 "
	static const char related[] =
	    B "Harbour board agrees new fares, users angry | Video\n"
	    B "Keeper used the winter to rebuild the lamp room, steps\n"
	    B "Ferry Blog: Millbrook wins the opener, 3-1";
	static const char bang[] =
	    "- Lifeboat crew named for the summer season\n"
	    "- Kelham ferry timetable: the whole story\n"
	    "- Harbour wall repairs finish early this year!";
	static const char steps[] =
	    B "Open the settings page, then choose the ferry you use\n"
	    B "Tap the bell next to the sailing you want, then wait\n"
	    B "Pick how early, in minutes, the alert should reach you";
	static const char steps_lead[] =
	    "Here is how to set up the alerts on your phone:";
	static const char more[] =
	    "The alerts cost nothing, the harbour board said, and will "
	    "run for the whole of the summer timetable.";
	static const char names[] =
	    B "Harbour Marine Services, Kelham, Northshire\n"
	    B "Coastline Robotics Limited, Millbrook, Westshire\n"
	    B "Tidewater Engines and Pumps, Ashford, Dene\n"
	    B "Northshire Rope and Sail Makers, Kelham, Northshire";
	static const char fixtures[] =
	    "- Kelham Rovers v Millbrook Town (3pm)\n"
	    "- Ashford United v Harbour Athletic (3pm)\n"
	    "- Dene Wanderers v Northshire City (7.45pm)\n"
	    "- Millbrook Rangers v Ashford Borough (7.45pm)";
	/* bulleted: the rule related.bullets (nodata) leaves them too */
	static const char bfixtures[] =
	    B "Kelham Rovers v Millbrook Town (3pm)\n"
	    B "Ashford United v Harbour Athletic (3pm)\n"
	    B "Dene Wanderers v Northshire City (7.45pm)";
	static const char bscorers[] =
	    B "Jo Lee (Kelham Rovers) 14\n"
	    B "Sam Byrne (Harbour Athletic) 12\n"
	    B "Ola Marsh (Dene Wanderers) 9";
	static const char *const stay[] = { names, fixtures, bfixtures,
	    bscorers };
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[2048];
	size_t i, n;

	snprintf(item, sizeof(item), "%s\n\n%s\n\nShare this story!",
	    prose, related);
	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, &rm);
	CHECK(removed(rm, n, "tail", related));
	snprintf(item, sizeof(item), "%s\n\nMORE HEADLINES\n\n%s", prose,
	    bang);
	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, &rm);
	CHECK_STR(buf_cstr(&out), prose);
	CHECK(removed(rm, n, "tail", bang));
	/* a how-to's steps between its prose, or announced at its end */
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", prose, steps,
	    more);
	CHECK_STR(clean(c, item), item);
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", prose, steps_lead,
	    steps);
	CHECK_STR(clean(c, item), item);
	for (i = 0; i < NELEM(stay); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s", prose, stay[i]);
		CHECK_STR(clean(c, item), item);
	}
	cleaner_free(c);
	/* with tail off, the box stays */
	c = cleaner(CLEAN_ALL & ~CLEAN_TAIL);
	snprintf(item, sizeof(item), "%s\n\n%s", prose, related);
	CHECK_STR(clean(c, item), item);
	cleaner_free(c);
#undef B
}

/* With steps, piece after the prose stays. */
static void
stays_after(unsigned steps, const char *piece)
{
	struct cleaner *c = cleaner(steps);
	char item[2048];

	snprintf(item, sizeof(item), "%s\n\n%s", prose, piece);
	CHECK_STR(clean(c, item), item);
	cleaner_free(c);
}

/*
 * Step 11, the tail: a box of short lines after the item's last prose (a
 * reader's comment with its name, date and buttons, the titles of a
 * gallery) goes as a whole, though it holds more words than prose needs
 * and would otherwise be taken for the last prose itself.  A poll's
 * results (bullets alone over counts of votes), a list of firms with
 * their places (test_bullet_box), fixtures set as a box (with their
 * lead-in or without), and a box under the last prose when tail is off
 * stay.  All invented.
 */
static void
test_tail_lines(void)
{
	static const char comment[] =
	    "Kim Lee\n12 May 2024 at 9:15 am\nprofile image\nGreat piece, "
	    "thanks\nLogin to Reply or Like\nReply | Like";
	static const char gallery[] =
	    "Crew photo 1\nCrew photo 2\nThe new lifeboat station\nThe "
	    "outer berth in winter\nGulls over the old slipway\nThe ferry "
	    "leaving Kelham at dawn";
	/* fixtures set as a box: no headlines (related.linklist, nodata) */
	static const char draw[] =
	    "The draw for the fifth round:\n\nKelham Rovers v Millbrook "
	    "Town\nAshford United v Dene Wanderers\nNorth End v Harbour "
	    "Athletic\nWestshire City v Kelham Belle";
	/* a bullet alone over each count, as a poll's widget leaves it */
	static const char poll[] =
	    "\xe2\x80\xa2\n412 votes\n\xe2\x80\xa2\n230 votes\n"
	    "\xe2\x80\xa2\n18 votes\n\xe2\x80\xa2\nPoll closed.";
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048];

	snprintf(item, sizeof(item), "%s\n\n%s", prose, comment);
	goes(c, item, prose, "tail", comment);
	/* under the box, a label that starts small is no wrapped line */
	snprintf(item, sizeof(item), "%s\n\n%s\n\nnext page", prose,
	    gallery);
	goes(c, item, prose, "tail", gallery);
	cleaner_free(c);
	stays_after(CLEAN_ALL, poll);
	stays_after(CLEAN_ALL, draw);
	stays_after(CLEAN_ALL, strchr(draw, 'K'));
	stays_after(CLEAN_ALL & ~CLEAN_TAIL, comment);
}

/* Cleaning item with c keeps piece. */
static void
keeps(struct cleaner *c, const char *item, const char *piece)
{
	CHECK(strstr(clean(c, item), piece) != NULL);
}

/*
 * Step 11, the tail's islands: a short sentence after the article that
 * stands alone among furniture (three pieces or more before it: a
 * printer's line, a form's sentence, a teaser) is no last prose, and
 * goes with the furniture around it.  A closing sentence under a
 * sub-head, a letter signed with a name and a place, a how-to's steps
 * under their lead-in, a recipe's ingredients, and the island when tail
 * is off stay.  All invented.
 */
static void
test_tail_islands(void)
{
	static const char furniture[] =
	    "Kelham Gazette\n\nHarbour and boats\n\nWeather and tides";
	static const char island[] =
	    "The Kelham Gazette is printed every Friday by Coast Media in "
	    "Kelham.";
	static const char closing[] =
	    "The council will meet again on Monday to decide, a spokesman "
	    "said.";
	static const char letter[] =
	    "I agree with every word of last week's letter about the ferry "
	    "timetable.";
	static const char shed[] =
	    "Then it is an afternoon's work, and the shed will stand for "
	    "years.";
	static const char bake[] =
	    "Mix it all and bake it for twenty minutes in a hot oven, then "
	    "let it cool.";
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048];

	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\nLetters to the "
	    "editor", prose, furniture, island);
	goes(c, item, prose, "tail", island);
	goes(c, item, NULL, "tail", "Harbour and boats");
	/* one after another */
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\nPuzzles and "
	    "games\n\nOur readers' walks\n\nLetters to the editor\n\n%s\n\n"
	    "About the newsroom", prose, furniture, island, closing);
	goes(c, item, prose, "tail", closing);
	goes(c, item, NULL, "tail", island);
	/* a sub-head, a signature, a lead-in, data: no island */
	snprintf(item, sizeof(item), "%s\n\nWhat happens next\n\n%s", prose,
	    closing);
	CHECK_STR(clean(c, item), item);
	snprintf(item, sizeof(item), "%s\n\nJo Roe\n\nKelham\n\n%s\n\n"
	    "Sam Smith\n\nAshford", prose, letter);
	keeps(c, item, letter);
	keeps(c, item, "Kelham");
	snprintf(item, sizeof(item), "%s\n\nYou will need three things for "
	    "it:\n\nA ladder\n\nA hammer\n\nA tin of nails\n\n%s", prose,
	    shed);
	CHECK_STR(clean(c, item), item);
	snprintf(item, sizeof(item), "%s\n\nIngredients\n\n200g flour\n\n"
	    "2 eggs\n\n100g sugar\n\n%s", prose, bake);
	CHECK_STR(clean(c, item), item);
	cleaner_free(c);
	snprintf(item, sizeof(item), "%s\n\n%s\n\nLetters to the editor",
	    furniture, island);
	stays_after(CLEAN_ALL & ~CLEAN_TAIL, item);
}

/*
 * Step 11, the tail's boxes with a sentence in them: after the article,
 * a box of short lines one of which is a sentence (a reader's comment
 * under its name and date), and a box of two short lines that ends
 * closed (a name over its slogan), go whole.  A box half of whose lines
 * hold figures, a box of two sentences, lines of verse that run on, and
 * the boxes when tail is off stay.  All invented.
 */
static void
test_tail_mixed(void)
{
	static const char comment[] =
	    "Kim Lee\n12 May 2024 at 9:15 am\nprofile image\nThanks for this "
	    "piece, it made my whole week a lot better.\nLogin to Reply or "
	    "Like";
	static const char slogan[] = "Kim's Kitchen\nGood food, every day!";
	static const char *const stay[] = {
	    "Kick-off\n3pm\nTickets 10 pounds\nThe ground opens an hour "
	    "before the match, and the bar stays open.\nParking 2 hours",
	    "Kim Lee\nThanks for this piece, it made my whole week a lot "
	    "better.\nI have sent it to my sister, who lives on the island "
	    "herself.\nprofile image",
	    "And so the ferry sails at dawn,\nthe harbour quiet, the gulls "
	    "gone.",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048];
	size_t i;

	snprintf(item, sizeof(item), "%s\n\n%s", prose, comment);
	goes(c, item, prose, "tail", comment);
	snprintf(item, sizeof(item), "%s\n\n%s", prose, slogan);
	goes(c, item, prose, "tail", slogan);
	cleaner_free(c);
	for (i = 0; i < sizeof(stay) / sizeof(stay[0]); i++)
		stays_after(CLEAN_ALL, stay[i]);
	stays_after(CLEAN_ALL & ~CLEAN_TAIL, comment);
	stays_after(CLEAN_ALL & ~CLEAN_TAIL, slogan);
}

/*
 * Part of step 12: a list of other stories' teasers, each a headline
 * (perhaps over its picture's label) and an excerpt cut short by an
 * ellipsis, goes.  Readers' comments that trail off under no headline, a
 * single teaser, a quotation that leaves out its end after a full stop,
 * and the list when headlines is off stay.
 */
static void
test_teasers(void)
{
	static const char cut1[] =
	    "The keepers who left the lighthouse at Harrow Point in the "
	    "spring came back on Tuesday to find the lamp room much as "
	    "they had left it, with the [...]";
	static const char cut2[] =
	    "Engineers finished the repairs to the harbour ramp a week "
	    "before the date the council had set, and the first ferry "
	    "is expected to use it on\xE2\x80\xA6";
	static const char trail[] =
	    "My father worked on the ferries for thirty years and he "
	    "always said the old boats were the best ones, we will "
	    "see...";
	static const char trail2[] =
	    "We took the ferry every summer when the children were small "
	    "and they still talk about the dolphins in the bay, and the "
	    "storms\xE2\x80\xA6";
	static const char quoted[] =
	    "The council said the ramp would be finished before the "
	    "summer, and that the cost would be met from reserves. [...]";
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[2048];
	size_t n;

	snprintf(item, sizeof(item), "%s\n\nKeepers Return To Harrow "
	    "Point\n\n%s\n\nHarbour Ramp Repairs Finished Early\n\n"
	    "ramp works\n\n%s", prose, cut1, cut2);
	n = clean_to(c, item, prose, &rm);
	CHECK(n == 5);
	CHECK(removed(rm, n, "teasers", "Keepers Return To Harrow Point"));
	CHECK(removed(rm, n, "teasers", "ramp works"));
	CHECK(removed(rm, n, "teasers", cut1));
	CHECK(removed(rm, n, "teasers", cut2));
	/* comments that trail off: no headline over them */
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", prose, trail,
	    trail2);
	CHECK_STR(clean(c, item), item);
	/* one teaser is no list; a quotation ends its sentence first */
	snprintf(item, sizeof(item), "%s\n\nKeepers Return To Harrow "
	    "Point\n\n%s\n\n%s", prose, cut1, prose);
	CHECK(strstr(clean(c, item), cut1) != NULL);
	snprintf(item, sizeof(item), "%s\n\nKeepers Return To Harrow "
	    "Point\n\n%s\n\nHarbour Ramp Repairs Finished Early\n\n%s",
	    prose, quoted, quoted);
	CHECK(strstr(clean(c, item), quoted) != NULL);
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_HEADLINES);
	snprintf(item, sizeof(item), "%s\n\nKeepers Return To Harrow "
	    "Point\n\n%s\n\nHarbour Ramp Repairs Finished Early\n\n%s",
	    prose, cut1, cut2);
	CHECK(strstr(clean(c, item), cut2) != NULL);
	cleaner_free(c);
}

/*
 * Two teasers after lead, the headlines h1 and h2 over the excerpts cut1
 * and cut2: all four go as "teasers", and lead is left.
 */
static void
teaser_pairs(struct cleaner *c, const char *lead, const char *h1,
    const char *cut1, const char *h2, const char *cut2)
{
	const struct removal *rm;
	char item[2048];
	size_t n;

	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\n%s\n\n%s", lead,
	    h1, cut1, h2, cut2);
	n = clean_to(c, item, lead, &rm);
	CHECK(n == 4);
	CHECK(removed(rm, n, "teasers", h1));
	CHECK(removed(rm, n, "teasers", cut1));
	CHECK(removed(rm, n, "teasers", h2));
	CHECK(removed(rm, n, "teasers", cut2));
}

/*
 * Part of step 12: teasers on pages not in English.  German capitalises
 * every noun and French or Portuguese only the first word and names, so
 * an excerpt's headline is not in title case: two pairs of a headline
 * and an excerpt cut short by an ellipsis go all the same.  What stays: a
 * single pair, a story's own sections (subheadings over whole paragraphs,
 * or a list of them), a list of results.  All invented.
 */
static void
test_teasers_any_case(void)
{
	static const char de[] =
	    "Der Stadtrat hat am Dienstag zw\xC3\xB6lf Millionen Euro f\xC3\xBCr "
	    "neue Radwege beschlossen, wie die B\xC3\xBCrgermeisterin "
	    "mitteilte. Die Arbeiten sollen im Fr\xC3\xBChjahr beginnen.";
	static const char de_after[] =
	    "Die F\xC3\xA4hre legt im Morgengrauen zur Insel ab, und die "
	    "\xC3\x9C" "berfahrt dauert bei gutem Wetter eine Stunde.";
	static const char de_cut1[] =
	    "Die W\xC3\xA4rter, die den Leuchtturm am Harrow Point im "
	    "Fr\xC3\xBChjahr verlassen hatten, kamen am Dienstag zur\xC3\xBC"
	    "ck und fanden den Lampenraum so vor, wie sie ihn \xE2\x80\xA6";
	static const char de_cut2[] =
	    "Die Ingenieure beendeten die Arbeiten an der Rampe im Hafen "
	    "eine Woche vor dem Termin, den der Stadtrat gesetzt hatte, und "
	    "die erste F\xC3\xA4hre soll sie schon am\xE2\x80\xA6";
	static const char fr[] =
	    "Le conseil municipal a vot\xC3\xA9 mardi douze millions d'euros "
	    "pour de nouvelles pistes cyclables, a indiqu\xC3\xA9 la maire. "
	    "Les travaux doivent commencer au printemps.";
	static const char fr_cut1[] =
	    "Les gardiens qui avaient quitt\xC3\xA9 le phare de Harrow Point "
	    "au printemps sont revenus mardi et ont trouv\xC3\xA9 la salle de "
	    "la lampe telle qu'ils l'avaient...";
	static const char fr_cut2[] =
	    "Les ing\xC3\xA9nieurs ont termin\xC3\xA9 les travaux de la rampe "
	    "du port une semaine avant la date fix\xC3\xA9" "e par le conseil, "
	    "et le premier ferry devrait l'utiliser d\xC3\xA8s...";
	static const char *const de_stay[] = {
		/* a story's sections, a subheading over each paragraph */
		"Wie es zur Sperrung kam\n\nDie Rampe ist seit dem Sturm im "
		"Januar gesperrt, weil ein Pfeiler nachgegeben hat.\n\n"
		"Was die Stadt jetzt plant\n\nDie Stadt will die Rampe bis "
		"zum Sommer erneuern lassen.",
		/* the story's sections listed, a paragraph each */
		"Wie es zur Sperrung der Rampe kam\n\nWas die Stadt jetzt "
		"plant\n\nWas die Anwohner dazu sagen",
		/* results, announced, and without a lead-in */
		"Die Ergebnisse des 12. Spieltags:\n\nFC Musterstadt - SV "
		"Beispiel 2:1\n\nTSV Hafenau - Eintracht Kelham 0:0\n\nSC "
		"Leuchtenberg - VfB Inseldorf 3:2",
		"FC Musterstadt - SV Beispiel 2:1\n\nTSV Hafenau - Eintracht "
		"Kelham 0:0\n\nSC Leuchtenberg - VfB Inseldorf 3:2",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048];
	size_t i;

	teaser_pairs(c, de, "Die W\xC3\xA4rter kehren zum Leuchtturm "
	    "zur\xC3\xBC" "ck", de_cut1, "Rampe im Hafen fr\xC3\xBC" "her "
	    "fertig als geplant", de_cut2);
	teaser_pairs(c, fr, "Les gardiens retournent au phare de Harrow "
	    "Point", fr_cut1, "La rampe du port termin\xC3\xA9" "e avant la "
	    "date pr\xC3\xA9vue", fr_cut2);
	/* one pair is no list */
	snprintf(item, sizeof(item), "%s\n\nDie W\xC3\xA4rter kehren zum "
	    "Leuchtturm zur\xC3\xBC" "ck\n\n%s\n\n%s", de, de_cut1, de_after);
	CHECK_STR(clean(c, item), item);
	for (i = 0; i < NELEM(de_stay); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", de, de_stay[i],
		    de_after);
		CHECK_STR(clean(c, item), item);
		if (i < 2)
			continue;	/* results end a story, sections not */
		snprintf(item, sizeof(item), "%s\n\n%s", de, de_stay[i]);
		CHECK_STR(clean(c, item), item);
	}
	cleaner_free(c);
}

/*
 * Part of step 12: a list of other posts, each a headline with its date
 * after a dash or a bar ("dated").  A bulleted item goes alone, others
 * when a line or paragraph next to them is one too; headlines with a
 * comma, which the rules leave, go as well.  What stays: one line
 * without a bullet, a list of fixtures (" v "), an item whose number
 * is no date, one whose words after the dash are more than a date, and
 * the list when headlines is off.
 */
static void
test_dated(void)
{
	static const char *const keep[] = {
	    "Harbour Master Reports, In Full - 2012",
	    "\xE2\x80\xA2 Harbour Town v Kirkby Rovers, The Quay - Aug 9\n"
	    "\xE2\x80\xA2 Kirkby Rovers v Port Vale, Vale Park - Aug 16",
	    "\xE2\x80\xA2 Chapter Two, The Lamp Room - 45",
	    "\xE2\x80\xA2 The ferry sailed again, as promised - it was "
	    "full on Monday 12",
	};
	static const char more[] =
	    "The harbour board said the new timetable would start in the "
	    "spring, once the repairs to the ramp were finished.";
	const struct removal *rm;
	struct cleaner *c;
	char item[2048];
	size_t n;

	/* bulleted, or next to another; an en dash, a bar */
	c = cleaner(CLEAN_ALL);
	snprintf(item, sizeof(item), "%s\n\n\xE2\x80\xA2 Ferry Times, "
	    "Winter Edition - November 5, 2012\n\xE2\x80\xA2 Ramp Works, "
	    "Phase Two - 12/29/2011\n\nKeepers Return, Again \xE2\x80\x93 "
	    "Aug 9\n\nCouncil Budget, Line By Line | Nov 2012\n\n"
	    "\xE2\x80\xA2 Essays, Letters and Notes - 2006", prose);
	n = clean_to(c, item, prose, &rm);
	CHECK(n == 5);
	CHECK(removed(rm, n, "dated", "\xE2\x80\xA2 Ferry Times, Winter "
	    "Edition - November 5, 2012"));
	CHECK(removed(rm, n, "dated", "\xE2\x80\xA2 Ramp Works, Phase Two - "
	    "12/29/2011"));
	CHECK(removed(rm, n, "dated", "Keepers Return, Again \xE2\x80\x93 "
	    "Aug 9"));
	CHECK(removed(rm, n, "dated", "Council Budget, Line By Line | "
	    "Nov 2012"));
	CHECK(removed(rm, n, "dated", "\xE2\x80\xA2 Essays, Letters and "
	    "Notes - 2006"));
	stay_between(c, keep, NELEM(keep), more);
	cleaner_free(c);
	stay_without(CLEAN_HEADLINES, "Keepers Return, Again - Aug 9\n\n"
	    "Council Budget, Line By Line - Aug 2", more);
}

/*
 * Author boxes (clean25): the box about the author, a paragraph that
 * opens with the name a byline or a heading just above it gives.  What
 * stays: reporting that opens as a post line does ("Posted on Monday,
 * the video..."), a date in a sentence, a profile under a heading that is
 * not the story's first or last prose, and a list of profiles under
 * their names.
 */
static void
test_postlines(void)
{
	static const char *const keep[] = {
		"Posted to YouTube on Monday, the video was seen more than "
		    "a million times by the next morning.",
		"Posted on Monday, the video was seen by thousands of "
		    "people before it was taken down.",
		"Three days ago in Leeds, the council voted to close the "
		    "library.",
		"The ferry left on Nov 9, 2012 at 6:10 PM, an hour late.",
		"Readers sent 40 comments (2 of them by post) to the paper.",
	};
	static const char bio[] =
	    "Ruth Amis is a harbour pilot and a keen sailor who lives in "
	    "Whitby. She has sailed this coast since 2009 and is working on "
	    "a book about lighthouses.";
	static const char more[] =
	    "The harbour board said the new timetable would start in the "
	    "spring, once the repairs to the ramp were finished.";
	const struct removal *rm;
	struct cleaner *c;
	char item[2048], want[2048];
	size_t n;

	c = cleaner(CLEAN_ALL);
	stay_between(c, keep, NELEM(keep), more);

	/* the author box, under the byline's name, after the story */
	snprintf(item, sizeof(item), "%s\n\n%s\n\nAbout Ruth Amis\n\n%s",
	    prose, more, bio);
	snprintf(want, sizeof(want), "%s\n\n%s", prose, more);
	goes(c, item, want, "bio", bio);
	snprintf(item, sizeof(item), "%s\n\n%s\n\nRuth Amis\n\n%s",
	    prose, more, bio);
	goes(c, item, want, "bio", bio);
	/* before the story, under "By": a picture's placeholder first */
	snprintf(item, sizeof(item), "Ferry Fares Rise Again\n\nBy Ruth "
	    "Amis\n\n[a1b2c3]%s\n\n%s\n\n%s", bio, prose, more);
	snprintf(want, sizeof(want), "[a1b2c3]%s", bio);
	goes(c, item, NULL, "bio", want);
	/* by the first name alone, a line of links between */
	snprintf(item, sizeof(item), "[a1] Ruth Amis\n\nView Staff Page "
	    "Follow me on Twitter\n\nRuth currently works as a writer for "
	    "the Coast Review, after six years as a harbour pilot in "
	    "Whitby.\n\n%s\n\n%s", prose, more);
	goes(c, item, NULL, "bio", "Ruth currently works as a writer for "
	    "the Coast Review, after six years as a harbour pilot in "
	    "Whitby.");
	/* a subheading over a paragraph that opens with its first word */
	snprintf(item, sizeof(item), "%s\n\n%s\n\nHarbour Trust\n\n"
	    "Harbour pilots say the new ramp will make the winter crossings "
	    "safer for the smaller boats.", prose, more);
	CHECK_STR(clean(c, item), item);
	/* a profile amid the story stays, and so do profiles in a list */
	snprintf(item, sizeof(item), "%s\n\nRuth Amis\n\n%s\n\n%s", prose,
	    bio, more);
	CHECK_STR(clean(c, item), item);
	snprintf(item, sizeof(item), "%s\n\nRuth Amis\n\n%s\n\nTom Dale\n\n"
	    "Tom Dale is a ferry captain who lives in Hull, where he has "
	    "worked on the boats since 1998.", prose, bio);
	CHECK_STR(clean(c, item), item);
	/* a name that is not the one above: not an author box */
	snprintf(item, sizeof(item), "%s\n\n%s\n\nTom Dale\n\n%s",
	    prose, more, bio);
	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, &rm);
	CHECK(!removed(rm, n, "bio", bio));
	cleaner_free(c);
	stay_without(CLEAN_DATELINES, "Ruth Amis", bio);
}

/*
 * Step 14: datelines.  A byline with its date between the headline and
 * the story, a post's time stamp, the header of each reader's comment
 * go, in any language's dates; the comments themselves stay (prose).
 * What stays: a sentence that quotes a reader and gives a date, an
 * interview in questions and answers, a list of dated events (dates on
 * lines of their own, or each with its event), letters to the editor
 * with their signatures, a hard-wrapped sentence, the rows of a table,
 * a venue with its date and kick-off.
 */
static void
test_datelines(void)
{
	static const char comment[] =
	    "I have lived here for twenty years and the traffic has never "
	    "been this bad, so I hope they get on with it.";
	static const char reply[] =
	    "We moved away from the ring road last spring and the noise "
	    "at night was the reason, not the traffic.";
	static const char *const keep[] = {
	    /* a reader quoted, with a date, in a sentence */
	    "Writing to the council on 3 March 2019, one resident of the "
	    "estate put it plainly:",
	    /* an interview */
	    "Q: When did you open the shop on Bridge Street?\n\n"
	    "A: In 1998, with my brother, on 4 May 1998 at 9:00 sharp.",
	    /* dated events, on lines of their own */
	    "Key dates for the bypass:\n\n6 May 2019: plans published\n\n"
	    "3 June 2019: consultation opens\n\n1 March 2020: work starts",
	    /* dated events, each with its event */
	    "Saturday 4 May 2019\n\nThe town band plays on the green, with "
	    "stalls and a raffle for the hospice.\n\nSunday 5 May 2019\n\n"
	    "A charity run around the reservoir starts at the boathouse.",
	    /* letters to the editor */
	    "Sir, the bypass will ruin the valley and nobody asked those of "
	    "us who live in it.\n\nJohn Hale, Kirkstall, Leeds\n\nSir, at "
	    "last the council has listened to the people of this city.\n\n"
	    "Mary Dunn, Headingley",
	    /* a sentence hard-wrapped, a line a paragraph */
	    "For the year ended December 31, 1986, the company\n\n"
	    "reported a net loss of 4.5 mln dlrs",
	    /* the rows of a table */
	    "Year to September 30, 1986\n\nShr 1.20 dlrs vs 95 cts\n\n"
	    "Net 4.5 mln vs 3.1 mln",
	    /* a venue, its date, its kick-off */
	    "Kelham Park\n\nSaturday, 4 March 2017\n\nKick-off: 15:00",
	    /* the same with the venue and the date on one line */
	    "Kelham Park, Saturday 4 March 2017\n\nKick-off: 15:00",
	    /* the same set in lines of one paragraph */
	    "Kelham Park\nSaturday, 4 March 2017\nKick-off: 15:00",
	    /* a sentence that lost its stop, its day and hour inside */
	    "The meeting was moved to November 6, 2012 at 2:00 pm in the "
	    "old town hall",
	    /* a venue with its day and hour, in a timetable's rows */
	    "Kelham Park, Saturday 4 March 2017, 15:00\n\n"
	    "Tickets: 12 pounds\n\nParking: 3 pounds",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[2048], want[2048];
	size_t n;

	/* a byline with its date, a date alone, figures in German */
	snprintf(item, sizeof(item), "by Jane Doe on May 6, 2019\n\n%s\n\n"
	    "Thursday, August 9, 2012\n\n%s\n\nPubliziert von Anna Roth: 03.04.2020, "
	    "12:35\n\n%s", prose, comment, reply);
	snprintf(want, sizeof(want), "%s\n\n%s\n\n%s", prose, comment,
	    reply);
	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, &rm);
	CHECK_STR(buf_cstr(&out), want);
	CHECK(n == 3);
	CHECK(removed(rm, n, "datelines", "by Jane Doe on May 6, 2019"));
	CHECK(removed(rm, n, "datelines", "Thursday, August 9, 2012"));
	CHECK(removed(rm, n, "datelines",
	    "Publiziert von Anna Roth: 03.04.2020, 12:35"));
	CHECK_STR(rm[0].category, "heuristic");
	/*
	 * Before the first prose, a byline beside one short line with a
	 * figure (a reading time, a headline holding a number; one past
	 * the prose is no row of its list) goes; a timetable there (two
	 * such lines in a row by the dateline) stays.
	 */
	snprintf(item, sizeof(item), "Tina Marsh, Harbour Desk, 12/04/2019 "
	    "in Local News\n\n4 photos\n\n%s", prose);
	goes(c, item, prose, "datelines",
	    "Tina Marsh, Harbour Desk, 12/04/2019 in Local News");
	snprintf(item, sizeof(item), "Harbour Tales, Part 2\n\n"
	    "Tina Marsh, 12 April 2019 in Features\n\n%s\n\nPart 3 next "
	    "week\n\n%s", comment, prose);
	goes(c, item, NULL, "datelines",
	    "Tina Marsh, 12 April 2019 in Features");
	snprintf(item, sizeof(item), "Kelham Park, Saturday 4 March 2017\n\n"
	    "Kick-off: 15:00\n\nTickets: 12 pounds at the gate\n\n%s",
	    prose);
	CHECK_STR(clean(c, item), item);
	/*
	 * Before the first prose, a box of a few lines setting a dateline
	 * with labels or counts goes whole; a timetable set in lines stays.
	 */
	snprintf(item, sizeof(item), "Harbour Tales\n\n18:34 06.05.2019\n"
	    "Free to read until 19:34\n\nJo Lee \xE2\x80\x94 6. Mai 2019\n"
	    "168 0 0\n\n%s", prose);
	goes(c, item, prose, "datelines",
	    "18:34 06.05.2019\nFree to read until 19:34");
	goes(c, item, prose, "datelines",
	    "Jo Lee \xE2\x80\x94 6. Mai 2019\n168 0 0");
	snprintf(item, sizeof(item), "Saturday 4 May 2019\n10:00 Parade on "
	    "the green\n14:00 Raffle for the hospice\n\n%s", prose);
	CHECK_STR(clean(c, item), item);
	/*
	 * Fixtures are the story: venues with a day and a kick-off in a
	 * 24-hour clock (no comment's stamp), in a list or announced alone
	 * by a lead-in.
	 */
	snprintf(item, sizeof(item), "%s\n\nThe opening fixtures:\n\n"
	    "Kelham Park, Saturday 4 March 2017 at 15:00\n\nRiverside "
	    "Ground, Saturday 4 March 2017 at 17:30\n\nHarbour Road, "
	    "Sunday 5 March 2017 at 14:00", prose);
	CHECK_STR(clean(c, item), item);
	snprintf(item, sizeof(item), "%s\n\nThe opening fixture:\n\n"
	    "Kelham Park, Saturday 4 March 2017 at 15:00", prose);
	CHECK_STR(clean(c, item), item);
	/*
	 * A post's stamp, a day's date and a time of day at an end of a
	 * short line, goes though its small words ("at", "pm", "by") would
	 * make it a sentence that lost its stop, and though a headline
	 * holding a number stands by it past a paragraph of prose (a
	 * site's welcome over the post).
	 */
	snprintf(item, sizeof(item), "Harbour Tales\n\nMay 6, 2019 at "
	    "2:00 pm by Jo Lee\n\n%s", prose);
	goes(c, item, prose, "datelines", "May 6, 2019 at 2:00 pm by Jo Lee");
	snprintf(item, sizeof(item), "%s\n\nHarbour Tales (3/10)\n\n"
	    "May 6, 2019 @ 2:00 pm - Written by Jo\n\n%s", comment, prose);
	snprintf(want, sizeof(want), "%s\n\nHarbour Tales (3/10)\n\n%s",
	    comment, prose);
	goes(c, item, want, "datelines",
	    "May 6, 2019 @ 2:00 pm - Written by Jo");
	/* the headers of readers' comments go, their comments stay */
	snprintf(item, sizeof(item), "%s\n\nKim Lee | 07/05/2019 22:31\n\n"
	    "%s\n\nSam Roe - 8 May 2019 8:02\n\n%s", prose, comment, reply);
	snprintf(want, sizeof(want), "%s\n\n%s\n\n%s", prose, comment,
	    reply);
	CHECK_STR(clean(c, item), want);
	/* news stays */
	stay_between(c, keep, NELEM(keep), comment);
	cleaner_free(c);
	/* switchable */
	stay_without(CLEAN_DATELINES, "Kim Lee | 07/05/2019 22:31", comment);
}

/*
 * The heading over a blog's comments (their count and the post's title)
 * closes the article: it and the comments under it go.  A sentence that
 * counts responses to something stays.
 */
static void
test_comment_heading(void)
{
	static const char *const keep[] = {
	    "12 responses to the survey were received by the council.",
	    "Five thoughts on the harbour plan",
	    "One comment from a reader said it all",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048];

	snprintf(item, sizeof(item), "%s\n\n6 responses to Harbour Tales"
	    "\n\nJo Lee\n\nLovely story, thanks for writing it up.", prose);
	goes(c, item, prose, "comments.heading",
	    "6 responses to Harbour Tales");
	stay_between(c, keep, NELEM(keep), "Most of those who wrote in "
	    "backed the plan, though many asked for a later start.");
	cleaner_free(c);
}

/*
 * Step 14, datelines, also takes readers' comments: two or more comment
 * headers after the prose ("1. Max Hart says:", "[a1b2] Ann Roe wrote:",
 * "On May 6, 2019 at 10:12 am Jo Lee said:") take everything from the
 * first one on.  One "said:" line in a report, headers without a number,
 * bullet, bracket or time, and headers before any prose stay.
 */
static void
test_comments(void)
{
	static const char quote[] =
	    "\"We will not rest until the road is finished on time and on "
	    "budget,\" she told the council on Tuesday evening.";
	static const char answer[] =
	    "\"The money was never there and the council knew it from the "
	    "start,\" he replied in a statement on Wednesday.";
	static const char *const keep[] = {
	    /* a report quoting one speaker, then another */
	    "The minister said:\n\n%s\n\nThe opposition leader said:\n\n%s",
	    /* one numbered speaker only */
	    "1. The council leader said:\n\n%s\n\n%s",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[2048], body[1024];
	size_t i, n;

	snprintf(item, sizeof(item), "%s\n\n1. Max Hart says:\n\n%s\n\n"
	    "[a1b2] Ann Roe wrote:\n\n%s\n\nOn May 6, 2019 at 10:12 am Jo "
	    "Lee said:\n\n%s", prose, quote, quote, quote);
	n = clean_to(c, item, prose, &rm);
	CHECK(n == 6);
	CHECK(removed(rm, n, "comments", "1. Max Hart says:"));
	CHECK(removed(rm, n, "comments", "[a1b2] Ann Roe wrote:"));
	CHECK(removed(rm, n, "comments", quote));
	for (i = 0; i < NELEM(keep); i++) {
		snprintf(body, sizeof(body), keep[i], quote, answer);
		snprintf(item, sizeof(item), "%s\n\n%s", prose, body);
		CHECK_STR(clean(c, item), item);
	}
	/* before any prose: not the comments under an article */
	snprintf(item, sizeof(item), "1. Max Hart says:\n\n%s\n\n2. Ann "
	    "Roe says:\n\n%s", quote, answer);
	CHECK_STR(clean(c, item), item);
	/* a writer's initials are no sentence's end ("J.K. Lee wrote:") */
	snprintf(item, sizeof(item), "%s\n\n1. Max Hart wrote:\n\n%s\n\n"
	    "2. J.K. Lee wrote:\n\n%s", prose, quote, answer);
	n = clean_to(c, item, prose, &rm);
	CHECK(removed(rm, n, "comments", "2. J.K. Lee wrote:"));
	/* ... but a sentence's end before a verb of saying is one */
	snprintf(item, sizeof(item), "%s\n\n1. Max Hart wrote:\n\n%s\n\n"
	    "2. It was late. Lee wrote:\n\n%s", prose, quote, answer);
	CHECK_STR(clean(c, item), item);
	cleaner_free(c);
	/* switchable with datelines */
	c = cleaner(CLEAN_ALL & ~CLEAN_DATELINES);
	snprintf(item, sizeof(item), "%s\n\n1. Max Hart says:\n\n%s\n\n"
	    "2. Ann Roe says:\n\n%s", prose, quote, answer);
	CHECK_STR(clean(c, item), item);
	cleaner_free(c);
}

/*
 * Step 14, datelines, also takes a thread of comments whose headers name
 * the writer and the date: three or more after the prose, each over its
 * comment, most of them short, take everything from the first one on,
 * as paragraphs or as the lines of one.  Letters signed with a date, a
 * live report's entries, dated events announced by a lead-in, a digest
 * of articles under their sources and headers over a name stay.
 */
static void
test_comment_thread(void)
{
	static const char *const body[] = {
	    "I have lived here for twenty years and never seen it this bad.",
	    "Great news for the valley :-)",
	    "The lanes on the ring road took three years, so do not hold "
	    "your breath!",
	};
	static const char *const keep[] = {
	    /* letters to the editor, signed with a date under each */
	    "Sir, %s\n\nJohn Hale, Leeds, 3 March 2019\n\nSir, %s\n\n"
	    "Mary Dunn, Headingley, 4 March 2019\n\nSir, %s\n\nAnn Roe, "
	    "Otley, 5 March 2019",
	    /* a live report: times of day, no date */
	    "10:32 GMT Jane Roe in Leeds\n\n%s\n\n10:45 GMT Jane Roe in "
	    "Otley\n\n%s\n\n11:02 GMT Jane Roe in Hull\n\n%s",
	    /* dated events, announced */
	    "What is on over the holiday weekend:\n\nKim Lee Band, 19:30, 6 "
	    "May 2019\n\n%s\n\nSam Roe Trio, 20:00, 7 May 2019\n\n%s\n\n"
	    "Ann Hale Choir, 18:00, 8 May 2019\n\n%s",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[8192], mid[4096], text[2048];
	size_t i, n;

	/* a paragraph each */
	snprintf(item, sizeof(item), "%s\n\n1. Kim Lee - May 6, 2019\n\n%s"
	    "\n\n2. Sam Roe - May 6, 2019\n\n%s\n\n3. Ann Hale - May 7, "
	    "2019\n\n%s", prose, body[0], body[1], body[2]);
	n = clean_to(c, item, prose, &rm);
	CHECK(n == 6);
	CHECK(removed(rm, n, "comments", "1. Kim Lee - May 6, 2019"));
	CHECK(removed(rm, n, "comments", body[1]));
	/* the lines of one paragraph, a title over each comment */
	snprintf(item, sizeof(item), "%s\n\nNo way\nwritten by lynn, "
	    "06.05.19\n%s\nHooray\nwritten by Belfor Hale, 06.05.19\n%s\n"
	    "Patience\nwritten by jo, 07.05.19\n%s", prose, body[0], body[1],
	    body[2]);
	n = clean_to(c, item, prose, &rm);
	CHECK(n == 1);
	CHECK(rm[0].len > 0 && strncmp(rm[0].text, "No way\n", 7) == 0);
	/* what stays: each comment's text, though datelines takes a date */
	for (i = 0; i < NELEM(keep); i++) {
		snprintf(mid, sizeof(mid), keep[i], body[0], body[1],
		    body[2]);
		snprintf(item, sizeof(item), "%s\n\n%s", prose, mid);
		clean(c, item);
		CHECK(strstr(buf_cstr(&out), body[0]) != NULL);
		CHECK(strstr(buf_cstr(&out), body[2]) != NULL);
	}
	/* a digest: other papers' articles under their source and date */
	for (i = n = 0; i < 30; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%sThe "
		    "council said road %zu would open in %zu weeks.",
		    i > 0 ? " " : "", i + 1, 30 - i);
	snprintf(item, sizeof(item), "%s\n\nLeeds Post, 6 May 2019\n\nIn Leeds: %s"
	    "\n\nOtley Times, 7 May 2019\n\nIn Otley: %s\n\nHull Daily, 8 May 2019"
	    "\n\nIn Hull: %s", prose, text, text, text);
	clean(c, item);
	CHECK(strstr(buf_cstr(&out), "In Hull: The council said") != NULL);
	/* headers over a name, not a reader's text */
	snprintf(item, sizeof(item), "%s\n\n1. Kim Lee - May 6, 2019\n\n"
	    "Leeds West\n\n2. Sam Roe - May 6, 2019\n\nOtley North\n\n3. "
	    "Ann Hale - May 7, 2019\n\nHull East\n\n%s", prose, body[0]);
	clean(c, item);
	CHECK(strstr(buf_cstr(&out), body[0]) != NULL);
	cleaner_free(c);
}


/*
 * Step 14, datelines, also takes a thread of comments whose stamps hold
 * a date and a time of day, as three blog engines set them (a name over
 * its stamp and "Antworten" under the text; "name | date time"; a vote
 * count, a number and a name before an ISO stamp, "Quote" under it),
 * and headers ending in a verb of saying in other languages ("1. Léa
 * dit :").  What stays: a timeline of one day (no names), one over
 * months (the month is no name), fixtures at their grounds (times on
 * the hour and the half), a story's two embedded posts of one account
 * with the story going on under them, a Q&A interview, letters signed
 * with a date.  All invented.
 */
static void
test_comment_stamps(void)
{
	static const char *const body[] = {
	    "Endlich! Wir warten seit Jahren auf diese Reparatur.",
	    "And who pays for it in the end, the harbour dues again?",
	    "The slipway matters more than the pier for the small boats.",
	};
	static const char *const goes[] = {
	    /* a name over its stamp, a reply link under the text */
	    "Anna Berg\n12. M\xc3\xa4rz 2021 um 14:05\n\n%s\n\nAntworten\n\n"
	    "Jonas K.\n12. M\xc3\xa4rz 2021 um 15:40\n\n%s\n\nAntworten\n\n"
	    "Mia\n13. M\xc3\xa4rz 2021 um 09:12\n\n%s\n\nAntworten",
	    /* "name | date time" */
	    "Paul Dufour | 2021-03-12 14:05\n\n%s\n\nL\xc3\xa9""a | "
	    "2021-03-12 16:21\n\n%s\n\nMarc | 2021-03-13 08:02\n\n%s",
	    /* votes, a number and a name before an ISO stamp */
	    "+4 #1 kw1970 2021-03-12 13:28\n%s\nQuote\n\n+1 #2 Sam Roe "
	    "2021-03-14 13:14\n%s\nQuote\n\n0 #3 harbourwatch 2021-03-15 "
	    "20:40\n%s\nQuote",
	    /* verbs of saying as engines' translations write them */
	    "1. L\xc3\xa9""a dit :\n\n%s\n\n2. Marc dit :\n\n%s\n\n3. Ana "
	    "dice:\n\n%s",
	};
	/*
	 * A name set apart over a stamp that names no one, alone or as the
	 * last line of a paragraph under the last comment's "Reply": the
	 * comment rule takes the stamp, and with the name above it, marks
	 * the foot that cuts the thread (the name is what a timeline lacks).
	 */
	static const char named[] =
	    "Anna Berg\n\nMarch 12, 2021 at 2:05 pm\n\n%s\n\nReply\n"
	    "Tom Reyes\n\nMarch 12, 2021 at 4:41 pm\n\n%s\n\nReply\n"
	    "Mia Lund\n\nMarch 13, 2021 at 9:12 am\n\n%s\n\nReply";
	static const char *const stays[] = {
	    /* a timeline of one day: no names */
	    "12 March 2021, 14:07\n\n%s\n\n12 March 2021, 14:19\n\n%s\n\n"
	    "12 March 2021, 15:02\n\n%s",
	    /* a timeline over months: the month is no writer */
	    "4 January 2021, 09:12\n\n%s\n\n17 February 2021, 16:41\n\n%s"
	    "\n\n2 March 2021, 11:08\n\n%s",
	    /*
	     * a timeline in US style: its stamps name no one ("am" and
	     * "pm" are no writers), and the comment rule that takes each
	     * stamp marks no foot to cut the entries under them
	     */
	    "January 4, 2021 at 9:12 am\n\n%s\n\nJanuary 4, 2021 at "
	    "11:47 am\n\n%s\n\nJanuary 4, 2021 at 3:05 pm\n\n%s",
	    /* fixtures at their grounds: times on the hour and the half */
	    "Kelham Park, Saturday 4 March 2017 at 15:00\n\n%s\n\nMill "
	    "Lane, Tuesday 7 March 2017 at 19:45\n\n%s\n\nOtley Road, "
	    "Saturday 11 March 2017 at 15:00\n\n%s",
	    /* a Q&A interview */
	    "Q: When did the pier last close?\n\nA: %s\n\nQ: Who pays?\n\n"
	    "A: %s\n\nQ: And the boats?\n\nA: %s",
	};
	static const char coda[] =
	    "The board will meet the fishermen again next week.";
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[4096], mid[2048];
	size_t i, n;

	for (i = 0; i < NELEM(goes); i++) {
		snprintf(mid, sizeof(mid), goes[i], body[0], body[1],
		    body[2]);
		snprintf(item, sizeof(item), "%s\n\n%s", prose, mid);
		n = clean_to(c, item, prose, &rm);
		CHECK(n > 0 && strcmp(rm[n - 1].rule, "comments") == 0);
	}
	snprintf(mid, sizeof(mid), named, body[0], body[1], body[2]);
	snprintf(item, sizeof(item), "%s\n\n%s", prose, mid);
	CHECK(clean_to(c, item, prose, &rm) > 0);
	for (i = 0; i < NELEM(stays); i++) {
		snprintf(mid, sizeof(mid), stays[i], body[0], body[1],
		    body[2]);
		snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", prose, mid,
		    coda);
		clean(c, item);
		CHECK(strstr(buf_cstr(&out), body[1]) != NULL);
		CHECK(strstr(buf_cstr(&out), coda) != NULL);
	}
	/* a story's two embedded posts of one account, then the story */
	snprintf(item, sizeof(item), "%s\n\n%s\n[bird] March 12, 2021 "
	    "22:07 via web\n@harbourwatch\n\n%s\n[bird] March 12, 2021 22:05 "
	    "via web\n@harbourwatch\n\n%s\n\n1. Kim Lee\n2021-03-13 09:11\n\n"
	    "%s\n\n2. Sam Roe\n2021-03-13 10:32\n\n%s\n\n3. Jo Hale\n"
	    "2021-03-13 11:03\n\n%s", prose, body[1], body[2], coda,
	    body[0], body[1], body[2]);
	clean(c, item);
	CHECK(strstr(buf_cstr(&out), coda) != NULL);
	CHECK(strstr(buf_cstr(&out), "@harbourwatch") != NULL);
	CHECK(strstr(buf_cstr(&out), "1. Kim Lee") == NULL);
	cleaner_free(c);
	/* switchable with datelines */
	c = cleaner(CLEAN_ALL & ~CLEAN_DATELINES);
	snprintf(mid, sizeof(mid), goes[1], body[0], body[1], body[2]);
	snprintf(item, sizeof(item), "%s\n\n%s", prose, mid);
	CHECK(strstr(clean(c, item), body[1]) != NULL);
	cleaner_free(c);
}

/*
 * Step 15, the rest of a box: a paragraph of lines whose other lines went
 * to rules leaves one open line, which goes too (another story's headline
 * over its "Read more", a caption's title over its credited caption or
 * over its credit).  A sentence, a bullet (an item of a list a list rule
 * weighed), a line beside a picture's placeholder (caption.next's), a
 * headline before the first prose
 * (the item's own, over a share button) and the rest when amid is off
 * stay.  All invented.
 */
static const char *const rest_goes[][2] = {
	{"Harbour Board Names New Chair After Long Search\nRead more",
	    "Harbour Board Names New Chair After Long Search"},
	{"Kelham lifeboat\nThe new lifeboat at the outer berth. Photo: Jo Lee",
	    "Kelham lifeboat"},
	{"Gulls over the old slipway\nImage: Jo Lee",
	    "Gulls over the old slipway"},
};
static const char *const rest_stays[] = {
	"The crew trained all week.\nRead more",
	"\xe2\x80\xa2 Fares rise on the northern route, but not on the "
	    "island run\nRead more",
	/* beside a picture's placeholder: caption_next judges it */
	"Gulls over the old slipway\n[slipway-gulls-2024]",
};

static void
test_amid_rest(void)
{
	static const char head[] =
	    "Harbour Board Names New Chair After a Long Search\nRead more";
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048], want[2048];
	size_t i;

	for (i = 0; i < NELEM(rest_goes); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", prose,
		    rest_goes[i][0], after);
		snprintf(want, sizeof(want), "%s\n\n%s", prose, after);
		goes(c, item, want, "amid", rest_goes[i][1]);
	}
	for (i = 0; i < NELEM(rest_stays); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", prose,
		    rest_stays[i], after);
		snprintf(want, sizeof(want), "%s\n\n%.*s\n\n%s", prose,
		    (int)(strchr(rest_stays[i], '\n') - rest_stays[i]),
		    rest_stays[i], after);
		CHECK_STR(clean(c, item), want);
	}
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", head, prose, after);
	CHECK(strstr(clean(c, item), "After a Long Search") != NULL);
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_AMID);
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", prose,
	    rest_goes[0][0], after);
	snprintf(want, sizeof(want), "%s\n\n%s\n\n%s", prose,
	    rest_goes[0][1], after);
	CHECK_STR(clean(c, item), want);
	cleaner_free(c);
}

/*
 * Step 15, a box's headline: a line of a headline's length between two
 * paragraphs that went to rules, after the first prose, goes when it is
 * open and holds no figure, or asks or exclaims (another story's
 * headline, an appeal).  A sentence (a short paragraph of the story
 * between two adverts), a lead-in, a score (a figure, and it asks
 * nothing), an item of a list, such a line before the first prose and
 * all of them when amid is off stay.  All invented.
 */
static const char *const box_goes[] = {
	"Seven Things the Harbour Board Still Has Not Told Ferry Users",
	"Why Do the Gulls on Kelham Pier Steal Chips?",
	"Is the 2025 Ferry Timetable Worth the Wait?",
	"Help us keep local news free for everyone!",
};
static const char *const box_stays[] = {
	"The board meets again on Monday.",
	"The timetable in numbers:",
	"Kelham Rovers 2 Otley Town 1 after extra time at Mill Lane",
	"\xe2\x80\xa2 Why do the gulls on Kelham pier steal chips?",
};

static void
test_amid_box(void)
{
	static const char before[] =
	    "Sign up to our Morning Briefing newsletter";
	static const char share[] = "Share on Facebook";
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048], want[2048];
	size_t i;

	for (i = 0; i < NELEM(box_goes); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\n%s\n\n%s",
		    prose, before, box_goes[i], share, after);
		snprintf(want, sizeof(want), "%s\n\n%s", prose, after);
		goes(c, item, want, "amid", box_goes[i]);
	}
	for (i = 0; i < NELEM(box_stays); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\n%s\n\n%s",
		    prose, before, box_stays[i], share, after);
		snprintf(want, sizeof(want), "%s\n\n%s\n\n%s", prose,
		    box_stays[i], after);
		CHECK_STR(clean(c, item), want);
	}
	/* before the first prose: the item's own headline, for head */
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\n%s\n\n%s", before,
	    box_goes[1], share, prose, after);
	CHECK(strstr(clean(c, item), box_goes[1]) != NULL);
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_AMID);
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\n%s\n\n%s", prose,
	    before, box_goes[1], share, after);
	snprintf(want, sizeof(want), "%s\n\n%s\n\n%s", prose, box_goes[1],
	    after);
	CHECK_STR(clean(c, item), want);
	cleaner_free(c);
}

/*
 * Step 8: a line shown two or three times in a row inside a paragraph of
 * lines (another story's headline, a teaser's) goes even when the long
 * open copies make the paragraph look hard-wrapped; lines of wrapped
 * prose are never the same bytes.  All invented.
 */
static void
test_twice_same_lines(void)
{
	static const char head[] =
	    "Harbour traders say the new ferry timetable will cost them dear";
	static const char para[] =
	    "Shops on the quay have lost custom since the spring, the "
	    "traders said on Monday.\n%s\n%s\n%s\n\"We need the late "
	    "boat back,\" said one owner.\nThe board will meet them on "
	    "Friday.";
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048], want[2048], body[1024];

	snprintf(body, sizeof(body), para, head, head, head);
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", prose, body, after);
	snprintf(want, sizeof(want), "%s\n\nShops on the quay have lost "
	    "custom since the spring, the traders said on Monday.\n\"We "
	    "need the late boat back,\" said one owner.\nThe board will "
	    "meet them on Friday.\n\n%s", prose, after);
	goes(c, item, want, "twice", head);
	cleaner_free(c);
}

/*
 * Step 15, a caption's twin: a paragraph of one line beside one that
 * went to a rule and is it with a credit after it is the same caption
 * shown twice (step 8 takes both when both are kept), even when it is a
 * sentence.  Before the first prose, or with twice off, it stays.  All
 * invented.
 */
static void
test_amid_twin(void)
{
	static const char cap[] =
	    "Lifeboat crews at the outer berth during the storm on Sunday.";
	static const char credited[] =
	    "Lifeboat crews at the outer berth during the storm on Sunday. "
	    "Photo: Jo Lee";
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048], want[2048];

	snprintf(want, sizeof(want), "%s\n\n%s", prose, after);
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\n%s", prose, cap,
	    credited, after);
	goes(c, item, want, "amid", cap);
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\n%s", prose,
	    credited, cap, after);
	goes(c, item, want, "amid", cap);
	/* not its copy: the story goes on */
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\n%s", prose,
	    "The crews stayed at the outer berth until Monday.", credited,
	    after);
	CHECK(strstr(clean(c, item), "until Monday.") != NULL);
	/* before the first prose */
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\n%s", cap,
	    credited, prose, after);
	CHECK(strstr(clean(c, item), cap) != NULL);
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_TWICE);
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s\n\n%s", prose, cap,
	    credited, after);
	CHECK(strstr(clean(c, item), cap) != NULL);
	cleaner_free(c);
}

/*
 * Step 15: a short line between two paragraphs that went to rules is
 * furniture too (a site's name between a newsletter prompt and a share
 * bar); a subheading between prose and furniture, a line with a
 * figure, and a short line when amid is off stay.
 */
static void
test_amid(void)
{
	static const char comment[] =
	    "I have lived here for twenty years and the traffic has never "
	    "been this bad, so I hope they get on with it.";
	static const char *const keep[] = {
	    "What Happens Next\n\nShare on Facebook",
	    "Share on Facebook\n\nWhat Happens Next",
	    "Sign up to our Morning Briefing newsletter\n\nPlan B for 2025"
	    "\n\nShare on Facebook",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[2048], want[2048], kept[512];
	size_t i, n;

	snprintf(item, sizeof(item), "%s\n\nSign up to our Morning Briefing "
	    "newsletter\n\nfollow the courier\n\nShare on Facebook\n\n%s",
	    prose, comment);
	snprintf(want, sizeof(want), "%s\n\n%s", prose, comment);
	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, &rm);
	CHECK_STR(buf_cstr(&out), want);
	CHECK(removed(rm, n, "amid", "follow the courier"));
	for (i = 0; i < NELEM(keep); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", prose, keep[i],
		    comment);
		/* what stays: the lines between the rules' removals */
		strlcpy(kept, strstr(keep[i], "What") != NULL ?
		    "What Happens Next" : "Plan B for 2025", sizeof(kept));
		snprintf(want, sizeof(want), "%s\n\n%s\n\n%s", prose, kept,
		    comment);
		CHECK_STR(clean(c, item), want);
	}
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_AMID);
	snprintf(item, sizeof(item), "%s\n\nSign up to our Morning Briefing "
	    "newsletter\n\nfollow the courier\n\nShare on Facebook\n\n%s",
	    prose, comment);
	snprintf(want, sizeof(want), "%s\n\nfollow the courier\n\n%s",
	    prose, comment);
	CHECK_STR(clean(c, item), want);
	cleaner_free(c);
}

/*
 * Step 6 removes a paragraph the item has kept before, byte for byte:
 * paragraphs that share their length and first and last bytes (its
 * table's key) but differ inside stay, and an item never sees the
 * paragraphs of the one before.  Random items over one cleaner, one in
 * ten long enough to grow the table, checked against a plain search of
 * the paragraphs kept so far.
 */
static void
test_dedup_random(void)
{
	static const char *votes[] = { "aye", "nay", "yes", "no.", "abs" };
	struct cleaner *c = cleaner(CLEAN_DEDUP);
	struct buf in = BUF_INIT, want = BUF_INIT;
	char para[128];
	size_t keptoff[600], keptlen[600];
	size_t nkept, k, len, np, i;
	int round, dup;

	for (round = 0; round < 400; round++) {
		buf_reset(&in);
		buf_reset(&want);
		nkept = 0;
		np = round % 10 == 9 ? 300 + unit_rnd(300) : 1 + unit_rnd(30);
		for (i = 0; i < np; i++) {
			if (np > 100 && unit_rnd(2))
				len = (size_t)snprintf(para, sizeof(para),
				    "The council met and voted %zu to keep "
				    "the library open.", i);
			else
				len = (size_t)snprintf(para, sizeof(para),
				    "The council met and voted %s to keep "
				    "the library open.", votes[unit_rnd(5)]);
			if (in.len > 0)
				buf_add(&in, "\n\n", 2);
			buf_add(&in, para, len);
			for (dup = 0, k = 0; k < nkept && !dup; k++)
				dup = keptlen[k] == len && memcmp(want.s +
				    keptoff[k], para, len) == 0;
			if (dup)
				continue;
			if (want.len > 0)
				buf_add(&want, "\n\n", 2);
			keptoff[nkept] = want.len;
			keptlen[nkept++] = len;
			buf_add(&want, para, len);
		}
		buf_addc(&in, '\0');
		CHECK(strcmp(clean(c, in.s), buf_cstr(&want)) == 0);
	}
	cleaner_free(c);
	buf_free(&in);
	buf_free(&want);
}

/*
 * Step 9 looks each line up among the removed captions and credits in a
 * sorted table; a line goes when it begins one of them.  Random lines and
 * removals drawn from a few words, so that prefixes and equal texts are
 * common, checked against the plain scan of every removal.
 */
static void
test_echo_random(void)
{
	static const char *words[] = { "mill", "fire" };
	static const char *cats[] = { "caption", "credit", "menu" };
	struct removal_list rm = { 0 };
	struct paras ps = { 0 };
	struct buf in = BUF_INIT, want = BUF_INIT, tmp = BUF_INIT, w = BUF_INIT;
	char line[256];
	size_t k, nrm, nlines, i, nw, len, echoes, wantechoes;
	int round, gone;

	for (round = 0; round < 300; round++) {
		removal_reset(&rm);
		nrm = unit_rnd(12);
		for (k = 0; k < nrm; k++) {
			buf_reset(&w);
			nw = 1 + unit_rnd(9);
			for (i = 0; i < nw; i++) {
				if (i > 0)
					buf_addc(&w, ' ');
				buf_add(&w, words[unit_rnd(2)], 4);
			}
			removal_add(&rm, "r", cats[unit_rnd(3)], w.s, w.len);
		}
		buf_reset(&in);
		buf_reset(&want);
		wantechoes = 0;
		nlines = 1 + unit_rnd(10);
		for (i = 0; i < nlines; i++) {
			nw = 5 + unit_rnd(3);
			len = 0;
			for (k = 0; k < nw; k++)
				len += (size_t)snprintf(line + len,
				    sizeof(line) - len, "%s%s", k ? " " : "",
				    words[unit_rnd(2)]);
			for (gone = 0, k = 0; k < nrm && !gone; k++)
				gone = strcmp(rm.v[k].category, "menu") != 0 &&
				    rm.v[k].len >= len &&
				    memcmp(removal_text(&rm, k), line, len) == 0;
			if (in.len > 0)
				buf_add(&in, "\n\n", 2);
			buf_add(&in, line, len);
			if (gone) {
				wantechoes++;
				continue;
			}
			if (want.len > 0)
				buf_add(&want, "\n\n", 2);
			buf_add(&want, line, len);
		}
		paras_find(&ps, in.s, in.len);
		echo_cut(&in, 0, &ps, &rm, &tmp);
		for (echoes = 0, k = nrm; k < rm.n; k++)
			echoes += strcmp(rm.v[k].rule, "echo") == 0;
		CHECK(in.len == want.len &&
		    memcmp(in.s, want.s, in.len) == 0);
		CHECK(echoes == wantechoes);
	}
	removal_free(&rm);
	paras_free(&ps);
	buf_free(&in);
	buf_free(&want);
	buf_free(&tmp);
	buf_free(&w);
}

/*
 * Step 9: a caption shown twice, once with its credit: the rules take
 * that one and the echo heuristic the other, with its picture number; a
 * sentence of reporting the caption repeats ends in a full stop and
 * stays.
 */
static void
test_echo(void)
{
	const char *in = "Crews fought the fire at the mill for six hours "
	    "before it was under control, the fire service said.\n\n"
	    "Firefighters at the old mill on Tuesday night\n3\n\n"
	    "Firefighters at the old mill on Tuesday night.\n\n"
	    "Nobody was hurt, and the cause of the fire is not yet known, "
	    "a spokeswoman said.\n\n"
	    "Firefighters at the old mill on Tuesday nightCredit: Tom Reed";
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	size_t n;

	buf_reset(&out);
	n = clean_text(c, NULL, in, strlen(in), &out, &rm);
	CHECK_STR(buf_cstr(&out), "Crews fought the fire at the mill for six "
	    "hours before it was under control, the fire service said.\n\n"
	    "Firefighters at the old mill on Tuesday night.\n\n"
	    "Nobody was hurt, and the cause of the fire is not yet known, "
	    "a spokeswoman said.");
	CHECK(n == 3);
	CHECK(n == 3 && strcmp(rm[0].rule, "credit.word") == 0);
	CHECK(n == 3 && strcmp(rm[1].rule, "echo") == 0 &&
	    strcmp(rm[1].category, "heuristic") == 0);
	CHECK(n == 3 && strcmp(rm[2].rule, "echo") == 0 &&
	    rm[2].len == 1 && rm[2].text[0] == '3');
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_ECHO);
	CHECK(strstr(clean(c, in), "night\n3") != NULL);
	cleaner_free(c);
}

/*
 * Step 7: furniture that closes an article, late in the item, takes the
 * rest of the page with it (a teaser and an author's profile that read as
 * prose); the same furniture early takes only itself, and so does a late
 * one followed by nothing but sentences (the article's last paragraph).
 */
#define P1 "The island ferry service will resume on Monday after three " \
	"weeks of repairs to both vessels, the operator said.\n\n"
#define P2 "Passengers with tickets for cancelled sailings will be " \
	"offered refunds or new dates, a spokesman added on Friday.\n\n"
#define P3 "Crews will inspect the harbour ramp again before the first " \
	"sailing, which leaves the mainland at seven in the morning.\n\n"
#define P4 "The operator has promised a full timetable for the summer " \
	"by the end of the month, with extra sailings at weekends.\n\n"
#define P5 "Islanders had been taking the long way round by the bridge, " \
	"a drive of two hours each way for many of them.\n\n"
#define TEASER "Why the town's bus station is closing after fifty " \
	"years, and what comes next for the people who rely on it."

static void
test_foot(void)
{
	const char *late = P1 P2 P4 P5 P3 "Share this article\n\n"
	    "Bus station to close\n\n" TEASER "\n\n"
	    "Jane Doe has covered transport for the Courier since 2015 and "
	    "lives in the valley with her family.";
	const char *early = P1 "Share this article\n\n" P2 P3 TEASER;
	const char *inpara = P1 P2 P4 P5 P3 "Timetables follow next week.\n"
	    "Share this article\nBus station to close\n" TEASER;
	const char *last = P1 P2 P4 P5 P3 "Share this article\n\n" TEASER;
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	size_t n;

	buf_reset(&out);
	n = clean_text(c, NULL, late, strlen(late), &out, &rm);
	CHECK_STR(buf_cstr(&out), P1 P2 P4 P5 "Crews will inspect the harbour "
	    "ramp again before the first sailing, which leaves the mainland "
	    "at seven in the morning.");
	CHECK(n == 2);
	CHECK(n == 2 && strcmp(rm[0].rule, "share.button") == 0);
	CHECK(n == 2 && strcmp(rm[1].rule, "foot") == 0 &&
	    strcmp(rm[1].category, "heuristic") == 0 &&
	    strncmp(rm[1].text, "Bus station to close\n\nWhy", 25) == 0 &&
	    memmem(rm[1].text, rm[1].len, "her family.", 11) != NULL);
	/* early, a share bar says nothing of where the article ends */
	buf_reset(&out);
	CHECK(clean_text(c, NULL, early, strlen(early), &out, &rm) == 1);
	CHECK(strstr(buf_cstr(&out), TEASER) != NULL);
	/* a foot line inside a paragraph: the lines before it stay */
	buf_reset(&out);
	n = clean_text(c, NULL, inpara, strlen(inpara), &out, &rm);
	CHECK(n == 2 && strcmp(rm[1].rule, "foot") == 0);
	CHECK(strstr(buf_cstr(&out), "morning.\n\nTimetables follow next "
	    "week.") != NULL);
	CHECK(strstr(buf_cstr(&out), "bus station") == NULL);
	buf_reset(&out);
	CHECK(clean_text(c, NULL, last, strlen(last), &out, &rm) == 1);
	CHECK(strstr(buf_cstr(&out), TEASER) != NULL);
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_FOOT);
	CHECK(strstr(clean(c, late), TEASER) != NULL);
	cleaner_free(c);
}

/*
 * Step 7, a thread: readers' comments, each under a stamp that a comment
 * rule takes ("Mara Quill at 9:14 am"), go from the first stamp on, even
 * when they hold over 30% of the item's prose and end every line closed
 * (no share of the prose, no line that is no sentence, tells their
 * start).  A count of comments under the lede, the article under it, is
 * no thread: the article is longer than what the count stands over.
 * One stamp after the article is no thread either.
 */
#define REPLY1 "I took that ferry every week for years, and the old " \
	"vessels were always breaking down in the winter, so none of this " \
	"surprises me at all. The operator should have replaced them long " \
	"ago, and the council should have made it do so.\n\n" \
	"Still, good to see the sailings back before the school term.\n\n"
#define REPLY2 "The bridge is no answer for anyone without a car. My " \
	"mother waited two hours for a bus in the rain last Tuesday, and " \
	"she is not the only one on the island who had to.\n\n"

static void
test_foot_thread(void)
{
	const char *thread = P1 P2 P4 P5 P3 "Mara Quill at 9:14 am\n\n"
	    REPLY2 "Tom Reddle at 11:02 am\n\n" REPLY1
	    "Ann Okafor at 1:40 pm\n\nThanks, both of you.";
	const char *counted = P1 "4 comments\n\n" P2 P4 P5 P3
	    "Mara Quill at 9:14 am\n\n" REPLY2;
	const char *one = P1 P2 P4 P5 P3 "Mara Quill at 9:14 am\n\n" REPLY2;
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[2048];
	size_t i, n;
	int foot;

	goes(c, thread, P1 P2 P4 P5 "Crews will inspect the harbour ramp "
	    "again before the first sailing, which leaves the mainland at "
	    "seven in the morning.", "foot", REPLY2 REPLY1
	    "Thanks, both of you.");
	n = clean_text(c, NULL, thread, strlen(thread), &out, &rm);
	CHECK(removed(rm, n, "comments.stamp", "Tom Reddle at 11:02 am"));
	/* a count under the lede: the article stays */
	buf_reset(&out);
	n = clean_text(c, NULL, counted, strlen(counted), &out, &rm);
	CHECK(strstr(buf_cstr(&out), "leaves the mainland at seven") != NULL);
	CHECK(strstr(buf_cstr(&out), "by the end of the month") != NULL);
	for (foot = 0, i = 0; i < n; i++)
		foot |= strcmp(rm[i].rule, "foot") == 0;
	CHECK(!foot);
	/* one comment between its stamp and the prompt for the next is one */
	snprintf(item, sizeof(item), "%sLeave a reply", one);
	goes(c, item, NULL, "foot", "The bridge is no answer for anyone "
	    "without a car. My mother waited two hours for a bus in the rain "
	    "last Tuesday, and she is not the only one on the island who had "
	    "to.");
	/* a share bar over the comments ends the article no sooner */
	snprintf(item, sizeof(item), P1 P2 P4 P5 P3 "Share this article\n\n"
	    "Mara Quill at 9:14 am\n\n" REPLY2 "Leave a reply");
	goes(c, item, NULL, "foot", "The bridge is no answer for anyone "
	    "without a car. My mother waited two hours for a bus in the rain "
	    "last Tuesday, and she is not the only one on the island who had "
	    "to.");
	/* one stamp and its comment: no thread (nor anything else here) */
	buf_reset(&out);
	n = clean_text(c, NULL, one, strlen(one), &out, &rm);
	CHECK(strstr(buf_cstr(&out), "My mother waited") != NULL);
	cleaner_free(c);
}

/*
 * The rule form.field: a form's field, a label and an empty box, goes
 * (and, a foot, takes what follows the form late in an item); code's
 * empty list, a checklist's box and a bracketed road number stay.
 */
static void
test_form_field(void)
{
	static const char *const fields[] = {
		"Name * [ ]", "Your name: [ ]", "Email[ ]", "Postleitzahl [ ]",
		"Имя * [ ]"
	};
	static const char *const stays[] = {
		"result = [ ]", "- [ ] buy milk", "Road [A]", "return []"
	};
	const char *late = P1 P2 P4 P5 P3 "Name * [ ]\n\nEmail * [ ]\n\n"
	    "Ferry timetables and fares";
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[512];
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s", prose, fields[i]);
		goes(c, item, prose, "form.field", fields[i]);
	}
	for (i = 0; i < sizeof(stays) / sizeof(stays[0]); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s", prose, stays[i]);
		CHECK_STR(clean(c, item), item);
	}
	goes(c, late, NULL, "foot", "Ferry timetables and fares");
	cleaner_free(c);
}

/*
 * Step 8 takes want pieces of in, all as "twice", the one at index at
 * len bytes long, and leaves P1 P2 and the sailing sentence; it leaves
 * keep whole; without it, gone stays in in.
 */
static void
check_twice(const char *in, const char *keep, size_t want, size_t at,
    size_t len, const char *gone)
{
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	size_t n, i;

	buf_reset(&out);
	n = clean_text(c, NULL, in, strlen(in), &out, &rm);
	CHECK_STR(buf_cstr(&out), P1 P2 "Crews will inspect the harbour ramp "
	    "again before the first sailing, which leaves the mainland at "
	    "seven in the morning.");
	CHECK(n == want);
	for (i = 0; i < n; i++)
		CHECK_STR(rm[i].rule, "twice");
	CHECK(n == want && rm[at].len == len);
	CHECK_STR(clean(c, keep), keep);
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_TWICE);
	CHECK(strstr(clean(c, in), gone) != NULL);
	cleaner_free(c);
}

/*
 * Step 8: a picture's alternative text beside its caption, as two lines,
 * two paragraphs or one line doubled, goes; reporting that merely starts
 * the same way, or is too short to tell, stays.
 */
static void
test_twice(void)
{
	const char *in = P1
	    "Crowds on the harbour wall on Sunday morning\n"
	    "Crowds on the harbour wall on Sunday morning Tom Reed\n\n"
	    P2
	    "The first ferry leaves port at dawn\n\n"
	    "The first ferry leaves port at dawn.\n\n"
	    "The old mill by the riverThe old mill by the river\n\n"
	    "Crews will inspect the harbour ramp again before the first "
	    "sailing, which leaves the mainland at seven in the morning.";
	const char *keep = "The council met on Monday.\n"
	    "The council met on Monday. It approved the budget after a "
	    "long debate about the cost of the new ferry.\n\n"
	    "Yes, she said\n\nYes, she said.\n\n" P1
	    /* hard-wrapped copy, and a table in capitals */
	    "Analysts expect the company to report a loss for the year\n"
	    "Analysts expect the company to report a loss for the year "
	    "again, as in\n2019 and 2020, traders said.\n\n"
	    "DARK NORTHERN SPRING 0 0 0\nNORTHERN SPRING 0 0 0\n\n"
	    "For the year to date, Acme Motors said\nAcme Motors said.\n\n"
	    P2 "Crews will inspect the ramp.";
	check_twice(in, keep, 5, 4, 50, "Tom Reed");
}

/*
 * Step 8, the line doubled: a link's text beside its picture's
 * alternative text, with a blank between, after a list's bullet, or with
 * the second copy cut short, goes; a line whose halves are too short to
 * tell (a place's name), or that only starts again with the same word,
 * stays.
 */
static void
test_twice_spaced(void)
{
	const char *in = P1
	    "Ferry Timetable Changes Ferry Timetable Changes\n"
	    "\xE2\x80\xA2 Storm Hits Coast, Ferries Halted Storm Hits Coast, "
	    "Ferries Halted\n"
	    "Coastal Path Reopens After Winter Storms Coastal Path Reo...\n"
	    "Island School Wins Award Island School Wins Award\xE2\x80\xA6"
	    "\n\n" P2 P3;
	const char *keep = P1 "Bora Bora Bora Bora\n\n" P2
	    "HIGH LOW HIGH LOW HIGH LOW HIGH LOW\n\n" P3
	    "Then the ferry came back to the quay Then the ferry left...\n\n"
	    P4 "Harbour News Harbour News Daily\n\n"
	    "Islanders said they would wait for the summer timetable before "
	    "booking.";
	check_twice(in, keep, 4, 2, 60, "Ferry Timetable Changes Ferry");
}

/*
 * Step 8: a line of verse that ends in a comma or a semicolon runs on into
 * the next, so a refrain sung twice in a row is no caption shown twice:
 * a story that quotes a song keeps both copies, and so does one that
 * quotes a clause twice before a semicolon.  All invented.
 */
static void
test_twice_refrain(void)
{
	static const char *const verse[] = {
	    "Oh the harbour lights are calling me home,\n"
	    "Oh the harbour lights are calling me home,\n"
	    "And the sea is wide and the night is long.",
	    "Down by the quay where the ferries sleep;\n"
	    "Down by the quay where the ferries sleep;\n"
	    "The gulls keep watch and the tide runs deep.",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048];
	size_t i;

	for (i = 0; i < sizeof(verse) / sizeof(verse[0]); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", prose,
		    verse[i], after);
		CHECK_STR(clean(c, item), item);
	}
	cleaner_free(c);
}

/*
 * Steps 6 and 8: a caption or a headline shown twice as two paragraphs
 * in a row goes whole, both copies; a sentence a page repeats, and a
 * deck too long for a caption, keep one copy, as with step 8 off.
 */
static void
test_twice_repeat(void)
{
	static const char cap[] = "Harbour lights at dusk from the pier";
	static const char said[] = "The ferry will sail again on Monday.";
	static const char deck[] = "Islanders who waited three weeks "
	    "for the ferry say the repairs took longer than the operator "
	    "had promised";
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[2048], want[2048];
	size_t n;

	snprintf(item, sizeof(item), P1 "%s\n\n%s\n\n" P2 P3, cap, cap);
	n = clean_to(c, item, P1 P2 "Crews will inspect the harbour ramp "
	    "again before the first sailing, which leaves the mainland at "
	    "seven in the morning.", &rm);
	CHECK(n == 2 && strcmp(rm[0].rule, "twice") == 0 &&
	    strcmp(rm[1].rule, "twice") == 0);
	snprintf(item, sizeof(item), P1 "%s\n\n%s\n\n" P2 "%s\n\n%s\n\n"
	    P4, said, said, deck, deck);
	snprintf(want, sizeof(want), P1 "%s\n\n" P2 "%s\n\n%s", said, deck,
	    "The operator has promised a full timetable for the summer by "
	    "the end of the month, with extra sailings at weekends.");
	n = clean_to(c, item, want, &rm);
	CHECK(n == 2 && strcmp(rm[0].rule, "duplicate") == 0);
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_TWICE);
	snprintf(item, sizeof(item), P1 "%s\n\n%s\n\n" P2 P3, cap, cap);
	CHECK(strstr(clean(c, item), cap) != NULL);
	cleaner_free(c);
}

/*
 * Prompts, offers and tag lists (rules "share.prompt", "subscribe.offer",
 * "newsletter.pitch", "tags.list"): a line that asks the reader to share
 * the page and says nothing else, a subscription's offer or its
 * paywall's word to subscribers, a newsletter's pitch, and a label over a
 * list of short terms of any length go; reporting that quotes a prompt or
 * an offer, or lists topics in a sentence, stays.  All invented.
 */
static void
test_prompts(void)
{
	static const struct {
		const char *rule, *line;
	} go[] = {
		{ "share.prompt", "Enjoyed It? Share It!" },
		{ "share.prompt", "Share and Print:" },
		{ "share.prompt", "Bookmark, Share or E-mail This Story" },
		{ "share.prompt", "[reddit] Linking Blogs | [digg] Digg This |" },
		{ "subscribe.offer", "Already a subscriber? You can log in for "
		    "full access to this report." },
		{ "subscribe.offer", "Unlimited digital access to every issue "
		    "since 2015." },
		{ "subscribe.offer", "Your subscription will auto-renew each "
		    "year." },
		{ "subscribe.offer", "The Harbour Post's evening briefing by "
		    "email every day Free Sign Up" },
		{ "newsletter.pitch", "The morning briefing by email, and never "
		    "miss a story from the coast." },
		{ "newsletter.pitch", "Wir informieren Sie regelm\xc3\xa4\xc3\x9f"
		    "ig \xc3\xbc" "ber die Arbeit des Hafenamts." },
		{ "newsletter.pitch", "Newsletter-Abonnenten erhalten zudem "
		    "einen Stadtplan." },
		{ "tags.listafter", "Jo Lee | Tags: harbour, ferry fares, Kelham "
		    "council, Millbrook Town, weather, tides, fishing fleet, "
		    "lifeboat crew, coastguard, sea wall, storm damage, "
		    "parking, bus routes, schools, budget, elections, Ann "
		    "Marsh, Tom Dale, Kelham Rovers, Millbrook Harbour Trust, "
		    "North Coast Railway, Dene Valley" },
		{ "tags.list", "Tags ferry fares 2024, ferry timetable, ferry "
		    "harbour, ferry Kelham, ferry Millbrook, ferry Dene" },
		{ "tags.list", "More stuff like this: ferries, harbour: "
		    "old pier, kelham, weather" },
		{ "tags.list", "You might also like ferries, day trips, "
		    "harbour walks, Coast Guides" },
		{ "follow.us", "Follow Me on Pinterest [icon]" },
		{ "prompt.us", "Send us a tip or a photo." },
		{ "prompt.us", "Read our Blog: Harbour Notes" },
		{ "prompt.us", "[button link=\"/tips/\" size=\"big\"] Tell us "
		    "YOUR story[/button]" },
		{ "newsletter.pitch", "Nie mehr die wichtigsten Nachrichten "
		    "vom Hafen verpassen?" },
		{ "prompt.donate", "Jetzt unterst\xc3\xbctzen!" },
		{ "prompt.donate", "Donate now" },
		{ "prompt.donate", "PayPal - The safer, easier way to pay "
		    "online!" },
	};
	static const char *const keep[] = {
		"He urged readers to subscribe to the newsletter, which he "
		    "said would never miss a council meeting.",
		"Like it or not, readers will share the cost, the editor said.",
		"Readers who like it can share it with friends, the editor "
		    "said.",
		"Immediate access to the full report was promised to members "
		    "in 2019, the club said.",
		"Patients will get immediate access to the new drug, the "
		    "health board said.",
		"Members who are already subscribers can log in at the "
		    "library, which opens at nine.",
		"Topics included housing, transport, schools and the harbour, "
		    "the mayor said.",
		"Tags on the cattle show the farm, the herd and the year, the "
		    "inspector said.",
		"Send us a tip, the police urged residents after the fire.",
		"Support our lifeboat crews, the mayor said on Monday.",
		"arrow_left = ferry_dock + 2",
		"Spenden",
		"Donate now, the charity urged, before the appeal closes.",
		"Share it, the council urged residents.",
		"Tweet this, the mayor told them.",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	size_t i;

	for (i = 0; i < NELEM(go); i++)
		goes_between(c, go[i].rule, go[i].line);
	stay_between(c, keep, NELEM(keep), after);
	cleaner_free(c);
}

/*
 * The line under an image's placeholder in the same paragraph is its
 * caption or credit when short and no sentence; a numbered item the
 * image illustrates, a sentence and a long line stay.
 */
static void
test_caption_next(void)
{
	static const char *stays[] = {
		"1) The Islander, built in 1998 for the northern route",
		"The ramp was rebuilt in nine days by a crew of twelve.",
		"Crews from three boatyards on the mainland worked through "
		    "the night to finish the new ramp before the deadline",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	char item[2048], want[2048];
	size_t i, n;

	snprintf(item, sizeof(item), P1 "[kettle_bay_ramp][kettle_bay_ramp]"
	    "\nThe new ramp at Kettle Bay Submitted photo\n\n" P2 P3);
	n = clean_to(c, item, P1 P2 "Crews will inspect the harbour ramp "
	    "again before the first sailing, which leaves the mainland at "
	    "seven in the morning.", &rm);
	CHECK(n == 2 && strcmp(rm[0].rule, "caption.imgalt") == 0 &&
	    strcmp(rm[1].rule, "caption.next") == 0 &&
	    rm[1].len == strlen("The new ramp at Kettle Bay Submitted photo") &&
	    memcmp(rm[1].text, "The new ramp at Kettle Bay Submitted photo",
	    rm[1].len) == 0);
	for (i = 0; i < sizeof(stays) / sizeof(stays[0]); i++) {
		snprintf(item, sizeof(item), P1 "[ferry][ferry]\n%s\n\n" P2
		    P3, stays[i]);
		CHECK(strstr(clean(c, item), stays[i]) != NULL);
	}
	/* only the line just under the placeholder */
	snprintf(item, sizeof(item), P1 "[ferry]\nBy the pier\nHarbour "
	    "Lights At Dusk\n\n" P2 P3);
	snprintf(want, sizeof(want), "%s", clean(c, item));
	CHECK(strstr(want, "By the pier") == NULL &&
	    strstr(want, "Harbour Lights At Dusk") != NULL);
	cleaner_free(c);
}

/*
 * A rest rule (an appeal, "Support independent journalism") takes the
 * rest of the item, unless the story goes on after it: a page may set its
 * appeal inside the story.  Then the appeal's paragraph goes from the
 * rule's line, and its button after it ("Donate now"), and the story's
 * prose stays, a subhead among it too.  An appeal with the rest of the
 * page after it (one paragraph of text, then headlines; a box's own text
 * under its heading, or under a heading that ends in a colon) still takes
 * it all.
 */
static void
test_rest_story(void)
{
	struct cleaner *c = cleaner(CLEAN_ALL);
	const struct removal *rm;
	size_t n;

	/* heading, text and button in one paragraph, the story after it */
	n = clean_to(c, P1 "Support independent journalism!\nOur reporters "
	    "answer to readers alone. Donate now!\n\n" P3 P4,
	    P1 P3 "The operator has promised a full timetable for the summer "
	    "by the end of the month, with extra sailings at weekends.", &rm);
	CHECK(n == 1 && strcmp(rm[0].rule, "appeal.support") == 0);
	/* the heading alone, its button over the story's next lines */
	n = clean_to(c, P1 "Jede kleine Spende hilft den Menschen am Hafen!"
	    "\n\nJetzt spenden!\n" P3 "Timetables\n\n" P4 P5, P1 P3
	    "Timetables\n\n" P4 "Islanders had been taking the long way "
	    "round by the bridge, a drive of two hours each way for many of "
	    "them.", &rm);
	CHECK(n == 2 && removed(rm, n, "appeal.support", "Jetzt spenden!"));
	/* one paragraph of text, then headlines: the rest of the page */
	n = clean_to(c, P1 P2 "Support our journalism\n\n" P3
	    "Storm closes coastal road\n\nCouncil tax to rise again\n\n" P4,
	    "The island ferry service will resume on Monday after three "
	    "weeks of repairs to both vessels, the operator said.\n\n"
	    "Passengers with tickets for cancelled sailings will be offered "
	    "refunds or new dates, a spokesman added on Friday.", &rm);
	CHECK(n == 1 && strcmp(rm[0].rule, "appeal.support") == 0);
	/* a heading that announces what follows: all of it is the appeal */
	n = clean_to(c, P1 P2 "A message from the editor:\n\n" P3 P4 P5,
	    "The island ferry service will resume on Monday after three "
	    "weeks of repairs to both vessels, the operator said.\n\n"
	    "Passengers with tickets for cancelled sailings will be offered "
	    "refunds or new dates, a spokesman added on Friday.", &rm);
	CHECK(n == 1 && strcmp(rm[0].rule, "appeal.editor") == 0);
	/* a heading alone: the prose under it may be the appeal's own */
	n = clean_to(c, P1 P2 "Support our journalism\n\n" P3 P4,
	    "The island ferry service will resume on Monday after three "
	    "weeks of repairs to both vessels, the operator said.\n\n"
	    "Passengers with tickets for cancelled sailings will be offered "
	    "refunds or new dates, a spokesman added on Friday.", &rm);
	CHECK(n == 1 && strcmp(rm[0].rule, "appeal.support") == 0);
	cleaner_free(c);
}

/*
 * Captions and photo credits (the rules' section of that name), all
 * invented: a credit's label alone on its line with the credit on the
 * next ("Photo:" then "Harbour Trust archive"), a credit that names a
 * social account ("(@kettlebay/Twitter)", "Instagram: @ferrywatch"), a
 * credit run into its caption by the text dump ("at duskphoto: Jo Lee",
 * ". Imagen: Agencia Sur"), and a caption that says where a person
 * stands ("Jo Lee (left)", "(l.)").  Reporting that names a photo, an
 * account or a source, opens with a column's name ("Astrophoto:"),
 * marks a trade mark "(R)" or a party "(R.)", or goes on as a sentence
 * after the mark, stays.
 */
static void
test_credits(void)
{
	static const char *const gone[][3] = {
		{ "\xd0\xa4\xd0\xbe\xd1\x82\xd0\xbe:\nHarbour Trust archive",
		    "caption.next", "Harbour Trust archive" },
		{ "Photo\n@kettlebayferries", "caption.next",
		    "@kettlebayferries" },
		{ "(@kettlebay/Twitter)", "credit.handle",
		    "(@kettlebay/Twitter)" },
		{ "(ferry_watcher/Instagram)", "credit.handle",
		    "(ferry_watcher/Instagram)" },
		{ "Instagram: @ferrywatch", "credit.handle",
		    "Instagram: @ferrywatch" },
		{ "The old pier at duskphoto: Flickr user Jo Lee",
		    "credit.glued", "The old pier at duskphoto: Flickr user Jo "
		    "Lee" },
		{ ". Imagen: Agencia Sur", "credit.word",
		    ". Imagen: Agencia Sur" },
		{ "Harbour master Jo Lee (left) and skipper Sam Marsh (right) "
		    "on the new ramp at Kettle Bay.", "caption.position",
		    "Harbour master Jo Lee (left) and skipper Sam Marsh (right) "
		    "on the new ramp at Kettle Bay." },
		{ "Hafenmeisterin Jo Lee (l.) mit Kapit\xc3\xa4n Sam Marsh.",
		    "caption.position", "Hafenmeisterin Jo Lee (l.) mit "
		    "Kapit\xc3\xa4n Sam Marsh." },
	};
	static const char *const keep[] = {
		"She posted the photo to her followers as @kettlebay and the "
		    "council replied within the hour.",
		"The council posted its photo: a crowd on the quay, and the "
		    "first ferry of the summer behind it.",
		"Source\nThe harbour master, who has kept the figures since "
		    "1998, said the count was the highest yet.",
		"Astrophoto: the moon rose over Kettle Bay as the last ferry "
		    "came in.",
		"The new terminal (right of the old ramp, where the cafe stood) "
		    "will open in June, the council said.",
		"Kettle Bay Software (R) sells its tide tables to 40 ports.",
		"Senator Jo Lee (R.) said the harbour bill would pass the "
		    "chamber easily and reach the governor next week.",
		"Harbour master Jo Lee (left) said the new ramp would open to "
		    "ferries in June.",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048], want[2048];
	size_t i;

	snprintf(want, sizeof(want), "%s\n\n%s", prose, after);
	for (i = 0; i < NELEM(gone); i++) {
		snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", prose,
		    gone[i][0], after);
		goes(c, item, want, gone[i][1], gone[i][2]);
	}
	stay_between(c, keep, NELEM(keep), after);
	cleaner_free(c);
}

/*
 * Step 10, filenames, on the lines of a paragraph: a gallery's image
 * file names on a line of their own above a caption go, the caption
 * stays; code that joins its names by '_' and a line of names in prose
 * stay.  Invented.
 */
static void
test_file_lines(void)
{
	static const char *const keep[] = {
		"Install the tide tables first:\nimport harbour_tides\n"
		    "harbour_tides.load(\"kettle\")",
		"The timetable is posted at the council's kettle_bay page\n"
		    "and on the board by the ticket office every week.",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	char item[2048], want[2048];

	snprintf(item, sizeof(item), "%s\n\nIMG_2041 Kettle_ramp\nThe new "
	    "ramp at Kettle Bay, seen from the breakwater at dawn on Monday."
	    "\n\n%s", prose, after);
	snprintf(want, sizeof(want), "%s\n\nThe new ramp at Kettle Bay, seen "
	    "from the breakwater at dawn on Monday.\n\n%s", prose, after);
	goes(c, item, want, "filenames", "IMG_2041 Kettle_ramp");
	snprintf(item, sizeof(item), "%s\n\nHarbour Wall.jpg\nThe harbour "
	    "wall at dusk\n\n%s", prose, after);
	snprintf(want, sizeof(want), "%s\n\nThe harbour wall at dusk\n\n%s",
	    prose, after);
	goes(c, item, want, "filenames", "Harbour Wall.jpg");
	stay_between(c, keep, NELEM(keep), after);
	cleaner_free(c);
}

/* Reporting that shares words with furniture must stay. */
static void
test_reporting_stays(void)
{
	static const char *keep[] = {
		"The photo agency said its images were used without "
		    "permission by three newspapers last year.",
		"Shares in the company fell 4% after the results.",
		"Subscribers to the service will pay more from June, the "
		    "firm said in a letter to customers.",
		"Related companies in the group also reported losses.",
		"Comments made by the minister on Monday caused anger among "
		    "farmers, who have protested for weeks.",
		"Copyright lawyers say the ruling could affect musicians.",
		"Updated figures show inflation fell to 3.2% in March.",
		"Photographers gathered outside the court.",
		"The advert was banned by the watchdog.",
		"Prices rose 2% in May, according to Reuters.",
		"Israel/Gaza ceasefire talks resume",
		"The company is a major employer, and its chief executive "
		    "was a journalist before joining it.",
		"Join the queue early if you want a seat, the organisers "
		    "said.",
		/* service names, feeds and trackbacks in reporting */
		"Shares in Facebook, Twitter and Snap fell on Monday.",
		"RSS leaders made comments on the plan on Tuesday, and the "
		    "party said it would respond.",
		"Trackback links were once a feature of most blogs, the "
		    "researcher said.",
		/* signing up, feeds and e-mail in reporting */
		"Farmers who sign up for the scheme will get cheaper feed "
		    "grain, the ministry said.",
		"Customers who subscribe can get e-mail receipts, the bank "
		    "said.",
		/* labels and tags in reporting, a column's | */
		"Labels on the bottles will change next year, the brewer "
		    "said.",
		"Food labels: what the new rules mean for shoppers",
		"Revs 337.3 mln | Tags 12 mln",
		"The comment feed of the forum was cut, the company said.",
		"The play won in the category: best new drama, the judges "
		    "said.",
		"Hashtags: what the new rules mean for charities",
		/* a credit's or a reporting line's words opening a sentence */
		"Universal Credit: the government has said claimants will be "
		    "moved by March.",
		"Writing by candlelight, the monks copied the gospels over "
		    "three winters.",
		"Reporting by the Courier has shown the council was warned "
		    "twice.",
		"Fans who like the band on Facebook were told first, its "
		    "manager said.",
		"Visitors to the harbour can join a tour on Saturday.",
		/* counts of readers and votes in reporting */
		"The video was viewed 2 million times in its first day, the "
		    "company said.",
		"Hits: the songs that defined the decade",
		"Ann Lee (Labour) 12,041 votes",
		"Reactions to the ruling were mixed.",
		/* software and advertisers in reporting */
		"planes powered by CF6-80C2 GE engines.",
		"The ferry is powered by batteries charged overnight, the "
		    "operator said.",
		"Shops that advertise here will pay less from June, the "
		    "council said.",
		/* a sentence that opens as a post's byline line does */
		"Posted on the door of the town hall, the notice says the "
		    "market will close in June.",
		"Published in 1998, the guide was reprinted twice, its "
		    "author said.",
		"Filed under the new rules, each claim is checked by two "
		    "officers.",
		/* a form's words in reporting */
		"Please enter the building by the side door, the police "
		    "said.",
		"Your message was received by the council on Monday, the "
		    "mayor wrote to residents.",
		/* hard-wrapped newswire: no line is a line of its own */
		"Analysts said the figures were weaker than expected and\n"
		    "comments by the company at an analysts' meeting did not\n"
		    "help, traders said.",
		/* lists whose items hold a comma are content: places, an
		 * ingredient list */
		"Harbour Lane, Kirkstall\nMill Street, Headingley\n"
		    "Station Road, Horsforth",
		"\xe2\x80\xa2 2 ripe pears, peeled\n"
		    "\xe2\x80\xa2 1 lemon, juiced",
		/* a results table is data, not a list of links */
		"Shr 1.10 dlrs vs 95 cts\nNet 12.6 mln vs 10.1 mln\n"
		    "Revs 337.3 mln vs 315.2 mln",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	size_t i;

	for (i = 0; i < NELEM(keep); i++)
		CHECK_STR(clean(c, keep[i]), keep[i]);
	cleaner_free(c);
}

/* The steps that work on the kept paragraphs (7 to 15). */
#define HEURISTICS	(CLEAN_FOOT | CLEAN_TWICE | CLEAN_ECHO | CLEAN_TAIL | \
	CLEAN_HEAD | CLEAN_HEADLINES | CLEAN_FILENAMES | CLEAN_DATELINES | \
	CLEAN_AMID | CLEAN_WEIGH)

/*
 * The paragraphs clean_text records as step 6 keeps them are those
 * paras_find finds in its output: on random items of prose, furniture
 * that line, paragraph and rest rules take (some in paragraphs of
 * several lines), repeats, empty lines, joined by runs of newlines and
 * perhaps ending in one, with the whitespace step on and off (it leaves
 * "\n\n\n") and with the rules or de-duplication off.
 */
static void
test_kept_paras(void)
{
	static const char *const pool[] = {
		"The island ferry service will resume on Monday after "
		"three weeks of repairs.",
		"Crews will inspect the harbour ramp again before the first "
		"sailing.",
		"Share this article",
		"Advertisement",
		"Support our journalism",
		"Tom Reed",
		"",
		" ",
	};
	static const char *const seps[] = { "\n", "\n\n", "\n\n\n" };
	static const unsigned steps[] = {
		CLEAN_ALL & ~HEURISTICS,
		CLEAN_ALL & ~HEURISTICS & ~CLEAN_SPACE,
		CLEAN_ALL & ~HEURISTICS & ~CLEAN_SPACE & ~CLEAN_BOILER,
		CLEAN_ALL & ~HEURISTICS & ~CLEAN_DEDUP,
	};
	struct paras ps = {NULL, 0, 0};
	const struct paras *got;
	struct cleaner *c;
	struct buf in = BUF_INIT;
	size_t i, k, nlines;
	unsigned si;
	int round, bad = 0, several = 0;

	for (si = 0; si < NELEM(steps); si++) {
		c = cleaner(steps[si]);
		for (round = 0; round < 3000; round++) {
			buf_reset(&in);
			nlines = unit_rnd(9);
			for (i = 0; i < nlines; i++) {
				if (i > 0 || unit_rnd(8) == 0)
					buf_adds(&in, seps[unit_rnd(3)]);
				buf_adds(&in, pool[unit_rnd(NELEM(pool))]);
			}
			if (unit_rnd(4) == 0)
				buf_addc(&in, '\n');
			buf_reset(&out);
			buf_adds(&out, "x");	/* the text starts after this */
			clean_text(c, NULL, in.s != NULL ? in.s : "", in.len,
			    &out, NULL);
			paras_find(&ps, out.s + 1, out.len - 1);
			got = clean_paras(c);
			if (got->n != ps.n) {
				bad++;
				continue;
			}
			for (k = 0; k < ps.n; k++) {
				bad += got->v[k].off != ps.v[k].off ||
				    got->v[k].len != ps.v[k].len ||
				    got->v[k].lines != ps.v[k].lines;
				several += ps.v[k].lines;
			}
		}
		cleaner_free(c);
	}
	CHECK(bad == 0);
	CHECK(several > 500);	/* paragraphs of several lines were kept */
	paras_free(&ps);
	buf_free(&in);
}

static void
test_steps(void)
{
	struct cleaner *c;
	unsigned steps;

	c = cleaner(CLEAN_ALL & ~CLEAN_HTML);
	CHECK_STR(clean(c, "a &amp; <b>b</b>"), "a &amp; <b>b</b>");
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_UNICODE);
	CHECK_STR(clean(c, "zero\xe2\x80\x8bwidth"), "zero\xe2\x80\x8bwidth");
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_SPACE);
	CHECK_STR(clean(c, "a  b"), "a  b");
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_BOILER);
	CHECK_STR(clean(c, "Advertisement\n\nText."), "Advertisement\n\n"
	    "Text.");
	CHECK_STR(clean(c, "Same.\n\nSame."), "Same.");
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_DEDUP);
	CHECK_STR(clean(c, "Same.\n\nSame."), "Same.\n\nSame.");
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_MOJIBAKE);
	CHECK_STR(clean(c, "it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s"),
	    "it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s");
	cleaner_free(c);
	/* html runs before space: a tag's breaks are tidied */
	c = cleaner(CLEAN_HTML | CLEAN_SPACE);
	CHECK_STR(clean(c, "<p>One</p>  <p>Two</p>"), "One\n\nTwo");
	cleaner_free(c);
	CHECK(clean_steps("html,space", &steps) == 0 &&
	    steps == (CLEAN_HTML | CLEAN_SPACE));
	CHECK(clean_steps("all", &steps) == 0 && steps == CLEAN_ALL);
	CHECK(clean_steps("echo,tail,head", &steps) == 0 &&
	    steps == (CLEAN_ECHO | CLEAN_TAIL | CLEAN_HEAD));
	CHECK(clean_steps("foot,twice", &steps) == 0 &&
	    steps == (CLEAN_FOOT | CLEAN_TWICE));
	CHECK(clean_steps("html,nope", &steps) == -1);
}

/*
 * Step 16, weigh: what it removes after a story of several paragraphs,
 * what it leaves, its weights file and --skip.  The weights are the
 * shipped ones (share/artclean/weigh.weights); the tests read what the
 * step does with them, never their values.  All invented.
 */
static const char weigh_story[] =
    "The county council met on Tuesday evening to decide the matter, "
    "and members voted by a large majority after a long debate.\n\n"
    "Officials said the figures would be published in full, as the law "
    "requires, before the end of the month.\n\n"
    "The harbour board had asked for the vote to be delayed until the "
    "summer, when the new timetable is due to start.\n\n"
    "A spokesman for the ferry company said it would study the decision "
    "before saying anything more.";

/*
 * A page's box after the story: its name, a prompt, a closing line.  The
 * rules and the tail leave "Contact the newsroom" (a sentence follows
 * it, so it is no tail); weigh takes it.
 */
static const char weigh_box[] =
    "Kelham Post\n\nContact the newsroom\n\nSend us your photos\n\n"
    "The board will meet again in March to set the fares for the coming "
    "year, a spokesman said.";

/*
 * A subheading and the story's last paragraph, to follow weigh_story:
 * inside the core, never weighed by the step (the training's dump holds
 * it, as "inside").
 */
static const char weigh_subhead[] =
    "What comes next\n\n"
    "The new fares would take effect in the spring, the council said, "
    "once the harbour board has agreed to them.";

/* Does c leave every paragraph of item to the other steps? */
static int
weighs_nothing(struct cleaner *c, const char *item)
{
	const struct removal *rm;
	size_t i, n;

	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, &rm);
	for (i = 0; i < n; i++)
		if (strcmp(rm[i].rule, "weigh") == 0)
			return 0;
	return 1;
}

static void
test_weigh(void)
{
	struct cleaner *c = cleaner(CLEAN_ALL), *off;
	const struct removal *rm;
	char item[2048];
	size_t i, n;
	unsigned steps;

	snprintf(item, sizeof(item), "%s\n\n%s", weigh_story, weigh_box);
	off = cleaner(CLEAN_ALL & ~CLEAN_WEIGH);
	CHECK(strstr(clean(off, item), "Contact the newsroom") != NULL);
	buf_reset(&out);
	n = clean_text(c, NULL, item, strlen(item), &out, &rm);
	CHECK(strstr(buf_cstr(&out), "Contact the newsroom") == NULL);
	CHECK(removed(rm, n, "weigh", "Contact the newsroom"));
	CHECK(strncmp(buf_cstr(&out), weigh_story, strlen(weigh_story)) == 0);
	for (i = 0; i < n; i++)
		CHECK(strcmp(rm[i].rule, "weigh") != 0 ||
		    strstr(weigh_story, rm[i].text) == NULL);
	/* a subheading inside the story is never weighed */
	snprintf(item, sizeof(item), "%s\n\n%s\n\n%s", weigh_story,
	    weigh_subhead, weigh_box);
	CHECK(strstr(clean(c, item), "What comes next") != NULL);
	CHECK(strstr(clean(c, item), "Contact the newsroom") == NULL);
	/* --skip weigh is the bit clean_steps gives for "weigh" */
	CHECK(clean_steps("weigh", &steps) == 0 && steps == CLEAN_WEIGH);
	cleaner_free(off);

	/* a clean story with its results after it: nothing goes */
	snprintf(item, sizeof(item), "%s\n\nResults\n\nHarbour Town 2 "
	    "Millbrook 1\n\nStonebridge 0 Kelham 3\n\nCraigmoor 1 Lower Dene 1",
	    weigh_story);
	CHECK_STR(clean(c, item), item);
	/* ... nor the terms of a sentence, announced, one a paragraph */
	snprintf(item, sizeof(item), "%s\n\nThe court ordered him to:\n\n"
	    "- Spend two years on probation\n\n- Pay a fine to the harbour "
	    "board\n\n- Attend a course\n\nHe will appeal, his lawyer said "
	    "outside the court on Friday.", weigh_story);
	CHECK(weighs_nothing(c, item));
	/* ... nor a story of one paragraph, too little to tell its page */
	snprintf(item, sizeof(item), "%s\n\n%s", prose, weigh_box);
	CHECK(weighs_nothing(c, item));
	cleaner_free(c);
}

/*
 * Clean text with o and the training's dump on: nothing removed (kept
 * stays), the dump's lines into got.
 */
static void
weigh_dump(struct clean_opts *o, const char *text, const char *kept,
    struct buf *got)
{
	struct buf err = BUF_INIT;
	char path[] = "/tmp/test_weigh.XXXXXX";
	struct cleaner *c;
	FILE *fp;
	int fd;

	fd = mkstemp(path);
	CHECK(fd >= 0 && (fp = fdopen(fd, "w+")) != NULL);
	o->weigh_dump = fp;
	c = cleaner_new(o, &err);
	CHECK(c != NULL);
	CHECK(strstr(clean(c, text), kept) != NULL);
	cleaner_free(c);
	buf_reset(got);
	rewind(fp);
	while ((fd = fgetc(fp)) != EOF)
		buf_addc(got, (char)fd);
	CHECK(fclose(fp) == 0);
	unlink(path);
	o->weigh_dump = NULL;
	buf_free(&err);
}

/* A weights file that is not right is an error naming file and line. */
static void
weights_bad(const char *text, const char *want)
{
	struct clean_opts o = { CLEAN_ALL, 0, 0, NULL, 0, 0, NULL, NULL,
	    NULL };
	struct buf err = BUF_INIT;
	char path[] = "/tmp/test_weigh.XXXXXX";
	struct cleaner *c;
	FILE *fp;
	int fd;

	fd = mkstemp(path);
	CHECK(fd >= 0 && (fp = fdopen(fd, "w")) != NULL);
	fputs(text, fp);
	CHECK(fclose(fp) == 0);
	o.weights_file = path;
	c = cleaner_new(&o, &err);
	CHECK(c == NULL);
	if (strncmp(buf_cstr(&err), path, strlen(path)) != 0 ||
	    strstr(buf_cstr(&err), want) == NULL)
		fprintf(stderr, "weights: got \"%s\", want \"%s\"\n",
		    buf_cstr(&err), want);
	CHECK(strncmp(buf_cstr(&err), path, strlen(path)) == 0 &&
	    strstr(buf_cstr(&err), want) != NULL);
	cleaner_free(c);
	buf_free(&err);
	unlink(path);
}

static void
test_weights_file(void)
{
	struct clean_opts o = { CLEAN_ALL, 0, 0, NULL, 0, 0, NULL, NULL,
	    NULL };
	struct buf err = BUF_INIT, good = BUF_INIT, text = BUF_INIT;
	const char *const *names = weigh_names();
	char path[] = "/tmp/test_weigh.XXXXXX";
	struct cleaner *c;
	FILE *fp;
	size_t i;
	int fd;

	weights_bad("# nothing\n", ": words not given");
	weights_bad("bias 1\ncut 2\nwords x\n", ":3: bad number");
	weights_bad("bias 1\nbias 2\n", ":2: bias given twice");
	weights_bad("bias 1\nfurniture 2\n", ":2: no signal called furniture");
	weights_bad("bias\n", ":1: want \"name number\"");
	/* every signal given, and "cut" high enough that nothing goes */
	buf_adds(&good, "# invented\nbias 0\ncut 1000\n");
	for (i = 0; names[i] != NULL; i++)
		buf_printf(&good, "%s 1\n", names[i]);
	fd = mkstemp(path);
	CHECK(fd >= 0 && (fp = fdopen(fd, "w")) != NULL);
	fputs(buf_cstr(&good), fp);
	CHECK(fclose(fp) == 0);
	o.weights_file = path;
	c = cleaner_new(&o, &err);
	CHECK(c != NULL);
	snprintf(path, sizeof(path), "%s", o.weights_file);
	buf_printf(&text, "%s\n\n%s", weigh_story, weigh_box);
	CHECK(strstr(clean(c, buf_cstr(&text)), "Contact the newsroom") !=
	    NULL);
	cleaner_free(c);
	unlink(path);
	/*
	 * The training's dump: nothing removed, one JSON line for each
	 * paragraph weighed, with a value for every signal.
	 */
	o.weights_file = NULL;
	weigh_dump(&o, buf_cstr(&text), "Contact the newsroom", &good);
	CHECK(strstr(buf_cstr(&good), "\"at\":\"after\",\"text\":\"Contact "
	    "the newsroom\"") != NULL);
	CHECK(strstr(buf_cstr(&good), weigh_story + strlen(weigh_story) -
	    20) == NULL);	/* the story is not weighed */
	CHECK(strstr(buf_cstr(&good), "\"inside\"") == NULL);
	/*
	 * The dump holds the units inside the core (and before it) too, for
	 * the training to learn from, each saying where it stands; the step
	 * itself weighs only what follows the core (test_weigh).
	 */
	buf_reset(&text);
	buf_printf(&text, "%s\n\n%s\n\n%s", weigh_story, weigh_subhead,
	    weigh_box);
	weigh_dump(&o, buf_cstr(&text), "What comes next", &good);
	CHECK(strstr(buf_cstr(&good), "\"at\":\"inside\",\"text\":\"What "
	    "comes next\"") != NULL);
	CHECK(strstr(buf_cstr(&good), "\"at\":\"after\",\"text\":\"Contact "
	    "the newsroom\"") != NULL);
	buf_free(&err);
	buf_free(&good);
	buf_free(&text);
}

/*
 * A title loses a trailing site name only when the tail names the
 * record's source or is a domain: "Man United 2 - 1 Chelsea" and "Bill
 * Clinton | Hillary Clinton" are headlines whole.
 */
static void
test_title(void)
{
	struct cleaner *c = cleaner(CLEAN_ALL);
	static const char *cases[][3] = {
		{"Bridge to close for repairs | The Valley Times",
		    "The Valley Times", "Bridge to close for repairs"},
		{"Bridge to close for repairs | The Valley Times",
		    "valley times", "Bridge to close for repairs"},
		{"Bridge to close for repairs - Valley News",
		    "https://www.valleynews.co.uk/local/", "Bridge to close "
		    "for repairs"},
		{"Bridge to close for repairs | valleynews.co.uk", NULL,
		    "Bridge to close for repairs"},
		{"Bridge to close for repairs | The Valley Times", NULL,
		    "Bridge to close for repairs | The Valley Times"},
		{"Man United 2 - 1 Chelsea", "Valley Times",
		    "Man United 2 - 1 Chelsea"},
		{"Bill Clinton | Hillary Clinton", "Valley Times",
		    "Bill Clinton | Hillary Clinton"},
		{"Bridge to close \xe2\x80\x93 and what it means for you",
		    "Valley Times", "Bridge to close \xe2\x80\x93 and what "
		    "it means for you"},
		{"<b>Ferry</b> &amp; bus strike\n\ncalled off", NULL,
		    "Ferry & bus strike called off"},
		{"Valley Times", "Valley Times", "Valley Times"},
	};
	const struct removal *rm;
	size_t i, k;

	for (i = 0; i < NELEM(cases); i++) {
		buf_reset(&out);
		k = clean_title(c, cases[i][1], cases[i][0],
		    strlen(cases[i][0]), &out, &rm);
		CHECK_STR(buf_cstr(&out), cases[i][2]);
		CHECK(k == (strcmp(cases[i][0], cases[i][2]) != 0 &&
		    i != 8));
	}
	
/* --explain names it; --skip title keeps it */
	buf_reset(&out);
	CHECK(clean_title(c, "Valley Times", cases[0][0],
	    strlen(cases[0][0]), &out, &rm) == 1);
	CHECK_STR(rm[0].rule, "title.site");
	CHECK_MEM(rm[0].text, rm[0].len, " | The Valley Times");
	cleaner_free(c);
	c = cleaner(CLEAN_ALL & ~CLEAN_TITLE);
	buf_reset(&out);
	CHECK(clean_title(c, "Valley Times", cases[0][0],
	    strlen(cases[0][0]), &out, NULL) == 0);
	CHECK_STR(buf_cstr(&out), cases[0][0]);
	cleaner_free(c);
}

static void
to_file(void *arg, const void *p, size_t n)
{
	CHECK(fwrite(p, 1, n, arg) == n);
}

static void
test_learn_and_model(void)
{
	struct learner *l = learner_new(3);
	struct cleaner *c = cleaner(CLEAN_ALL);
	struct clean_opts o = { CLEAN_ALL, 0, 0, NULL, 0, 1, NULL, NULL, NULL };
	struct buf err = BUF_INIT;
	char path[] = "/tmp/test_clean.XXXXXX", item[128];
	const struct removal *rm;
	FILE *fp;
	int fd, i;

	for (i = 0; i < 4; i++) {
		snprintf(item, sizeof(item), "Story number %d.\n\n"
		    "<p>Tip-offs to  the Gazette desk</p>", i);
		clean_learn(c, l, "gazette", item, strlen(item));
	}
	clean_learn(c, l, "herald", item, strlen(item));
	fd = mkstemp(path);
	CHECK(fd >= 0 && (fp = fdopen(fd, "w")) != NULL);
	CHECK(learner_write(l, to_file, fp) == 1);
	CHECK(fclose(fp) == 0);
	cleaner_free(c);
	o.model_file = path;
	c = cleaner_new(&o, &err);
	CHECK(c != NULL);
	buf_reset(&out);
	CHECK(clean_text(c, "gazette", item, strlen(item), &out, &rm) == 1);
	CHECK_STR(rm[0].rule, "learned");
	CHECK_STR(buf_cstr(&out), "Story number 3.");
	buf_reset(&out);
	CHECK(clean_text(c, "herald", item, strlen(item), &out, &rm) == 0);
	cleaner_free(c);
	unlink(path);
	/* a bad rules file is an error naming file and line */
	o.model_file = NULL;
	fp = fopen(path, "w");
	fputs("# fine\nfine misc para /x/\nbad misc para /(/\n", fp);
	fclose(fp);
	o.rule_files = (const char *const[]){ path };
	o.nrule_files = 1;
	CHECK(cleaner_new(&o, &err) == NULL);
	CHECK(strstr(buf_cstr(&err), ":3: bad regex /(/") != NULL &&
	    strncmp(buf_cstr(&err), path, strlen(path)) == 0);
	unlink(path);
	buf_free(&err);
	learner_free(l);
}

/*
 * clean_text_inplace moves what it keeps down in the text it reads: the
 * same text and removals as clean_text, and changed set exactly when the
 * text changed, on random items of prose, repeats, furniture (whole
 * paragraphs, lines inside one, a rule that takes the rest), blank runs
 * and text that steps 1-4 rewrite.
 */
static void
test_inplace(void)
{
	static const char *piece[] = {
		"The council voted on Tuesday to close the library.",
		"It will reopen in May, the mayor said.",
		"Advertisement",
		"Share this article",
		"Residents said the decision\nShare on Facebook\nwas rushed.",
		"Line one of a list\nline two of it\nline three",
		"Comments",
		"Read more: Council budget row",
		"Fish &amp; chips were served.",
		"Caf\xc3\x83\xc2\xa9 owners objected.",
		"",
		"\n",
		"Photo: Jane Doe",
		"In ward 7 the council voted on Tuesday to close the library.",
	};
	struct cleaner *c = cleaner(CLEAN_ALL);
	struct buf in = BUF_INIT, text = BUF_INIT, want = BUF_INIT;
	struct buf wantrm = BUF_INIT;
	const struct removal *rm;
	const char *p;
	size_t n, m, i, np;
	int round, changed, same = 0;

	for (round = 0; round < 2000; round++) {
		buf_reset(&in);
		np = 1 + unit_rnd(round % 10 == 9 ? 200 : 12);
		for (i = 0; i < np; i++) {
			if (i > 0)
				buf_add(&in, "\n\n", 2);
			p = piece[unit_rnd(NELEM(piece))];
			buf_add(&in, p, strlen(p));
		}
		buf_reset(&want);
		n = clean_text(c, NULL, buf_cstr(&in), in.len, &want, &rm);
		buf_reset(&wantrm);
		for (i = 0; i < n; i++) {
			buf_add(&wantrm, rm[i].rule, strlen(rm[i].rule) + 1);
			buf_add(&wantrm, rm[i].text, rm[i].len);
			buf_addc(&wantrm, '\0');
		}
		buf_reset(&text);
		buf_add(&text, buf_cstr(&in), in.len);
		m = clean_text_inplace(c, NULL, &text, &rm, &changed);
		CHECK(m == n);
		CHECK(text.len == want.len &&
		    memcmp(buf_cstr(&text), buf_cstr(&want), want.len) == 0);
		CHECK(text.s == NULL || text.s[text.len] == '\0');
		CHECK(changed == (in.len != want.len ||
		    memcmp(buf_cstr(&in), buf_cstr(&want), in.len) != 0));
		same += !changed;
		for (i = 0, p = wantrm.s; i < m && i < n; i++) {
			CHECK(strcmp(rm[i].rule, p) == 0);
			p += strlen(p) + 1;
			CHECK(rm[i].len == strlen(p) &&
			    memcmp(rm[i].text, p, rm[i].len) == 0);
			p += strlen(p) + 1;
		}
	}
	CHECK(same > 0);	/* some items were kept whole */
	cleaner_free(c);
	buf_free(&in);
	buf_free(&text);
	buf_free(&want);
	buf_free(&wantrm);
}

int
main(void)
{
	setenv("ARTKIT_SHARE", "share", 0);
	test_story();
	test_categories();
	test_block();
	test_edges();
	test_content_lists();
	test_wrapped_edges();
	test_link_box();
	test_bullet_box();
	test_headlines_filenames();
	test_titlecase();
	test_head_boxes();
	test_head_retitle();
	test_head_bracketed();
	test_head_box_titled();
	test_head_box_odd();
	test_head_counted();
	test_head_spare_line();
	test_head_datelines();
	test_tail_lines();
	test_tail_islands();
	test_tail_mixed();
	test_teasers();
	test_teasers_any_case();
	test_dated();
	test_postlines();
	test_datelines();
	test_comment_heading();
	test_comments();
	test_comment_thread();
	test_comment_stamps();
	test_amid();
	test_amid_rest();
	test_rest_story();
	test_amid_box();
	test_amid_twin();
	test_twice_same_lines();
	test_echo();
	test_echo_random();
	test_dedup_random();
	test_foot();
	test_foot_thread();
	test_form_field();
	test_twice();
	test_twice_spaced();
	test_twice_repeat();
	test_twice_refrain();
	test_caption_next();
	test_credits();
	test_file_lines();
	test_prompts();
	test_reporting_stays();
	test_kept_paras();
	test_inplace();
	test_steps();
	test_title();
	test_learn_and_model();
	test_weigh();
	test_weights_file();
	buf_free(&out);
	UNIT_END();
}
