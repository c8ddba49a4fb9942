/*
 * gencorpus.c - a deterministic generator of synthetic news, the corpus
 * `make bench` measures the tools on (tools/bench.sh) and the scale tests
 * feed them.
 *
 *	gencorpus [-f jsonl|text] [-d RATE] [-n ITEMSIZE] [-S SEED] [-s SIZE]
 *
 * The text is built from sentence templates filled from fixed word lists, so
 * it looks enough like news for every tool to do real work on it: capitalised
 * sentences, British titles without a stop (Mr, Dr), "U.S." and "a.m."
 * inside sentences, numbers, decimals and money, curly quotes, questions,
 * paragraphs separated by blank lines, some non-ASCII (é, –, ’), and scraped
 * page furniture ("Sign up to our newsletter", "Credit: PA") at a low rate.
 * The lists are large enough that unrelated items share few five-word
 * sequences, and a share of the items (-d) are near-duplicates of an earlier
 * item, the way outlets republish a wire story, so artsim has pairs to find.
 *
 * Everything comes from splitmix64 streams seeded by -S: the same options
 * give the same bytes on every machine.  Item i has its own stream, derived
 * from the seed and i, so a near-duplicate of item j is made by replaying
 * j's stream with a few words swapped, a paragraph dropped or one added;
 * nothing is kept in memory between items, and the output of a small -s is
 * a prefix of the output of a larger one with the same seed.
 */
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/util.h"

enum format { FMT_JSONL, FMT_TEXT };

struct opts {
	unsigned long long	 size;		/* stop at the first item end past this */
	uint64_t		 seed;
	enum format		 format;
	unsigned int		 duprate;	/* percent of items that are near-dups */
	unsigned int		 itemsize;	/* average body size in bytes */
};

/* A splitmix64 stream (Steele, Lea and Flood 2014): fast, tiny, good enough. */
struct rng {
	uint64_t	s;
};

/*
 * The state of one item being written: the stream its content comes from,
 * the stream that swaps words in a near-duplicate (NULL in an original), and
 * how long the body would be without the swaps, which decides when the body
 * ends, so a near-duplicate has the same paragraphs as its original.
 */
struct gen {
	struct rng	 base;
	struct rng	*mut;
	size_t		 baselen;
	struct buf	*out;
	int		 cap;		/* capitalise the next letter written */
};

/* The pieces of one record, reused from item to item. */
struct item {
	struct buf	title;
	struct buf	text;
	char		date[11];	/* YYYY-MM-DD */
	const char	*source;
};

/* How far back a near-duplicate looks for its original, in items. */
#define DUP_WINDOW	1000
/* One word slot in this many is swapped in a near-duplicate. */
#define MUT_RATE	40
/* One paragraph in this many is page furniture. */
#define BOILER_RATE	20
/* Bytes gathered before a write. */
#define OUT_CHUNK	(1 << 20)

static const char *adjs[] = {
	"local", "national", "regional", "former", "new", "senior", "junior",
	"independent", "public", "private", "controversial", "popular",
	"historic", "major", "minor", "urgent", "annual", "quarterly", "rural",
	"coastal", "northern", "southern", "eastern", "western", "central",
	"rising", "falling", "temporary", "permanent", "emergency", "proposed",
	"disputed", "delayed", "cancelled", "expanded", "reduced", "ambitious",
	"modest", "record", "unexpected", "routine", "serious", "severe",
	"mild", "busy", "quiet", "crowded", "empty", "damaged", "restored",
	"abandoned", "derelict", "flooded", "frozen", "listed", "protected",
	"rare", "common", "young", "elderly", "veteran", "volunteer", "unpaid",
	"striking", "furloughed", "retired", "qualified", "trainee", "digital",
	"online", "electric", "diesel", "solar", "wind-powered", "low-cost",
	"high-speed", "long-awaited", "much-loved", "little-known", "so-called",
	"overnight", "weekend", "seasonal", "sudden", "gradual", "sharp",
	"steady", "fragile", "robust", "costly", "cheap", "affordable",
	"luxury", "green", "toxic", "clean", "crumbling", "brand-new",
	"second-hand", "part-time", "full-time", "cross-party", "all-party",
	"grassroots", "municipal", "parliamentary", "judicial", "medical",
	"clinical", "academic", "agricultural", "industrial", "upland",
	"maritime", "military", "civilian", "diplomatic", "financial",
	"fiscal", "legal", "illegal", "unlicensed", "anonymous", "detailed",
	"leaked", "draft", "final", "interim", "preliminary", "landmark",
};

/* Countable nouns; plural() makes their plurals. */
static const char *nouns[] = {
	"council", "plan", "report", "school", "road", "bridge", "hospital",
	"officer", "worker", "nurse", "teacher", "farmer", "driver", "resident",
	"tenant", "landlord", "shop", "market", "harbour", "station", "train",
	"bus", "ferry", "airport", "runway", "tower", "lighthouse", "museum",
	"library", "park", "garden", "river", "canal", "reservoir", "dam",
	"factory", "warehouse", "office", "bank", "loan", "grant", "budget",
	"deficit", "surplus", "tax", "fee", "fare", "ticket", "price", "wage",
	"pension", "benefit", "contract", "tender", "bid", "deal", "merger",
	"strike", "protest", "march", "petition", "vote", "ballot", "poll",
	"election", "candidate", "councillor", "minister", "secretary",
	"spokesman", "spokeswoman", "director", "manager", "chairman",
	"trustee", "volunteer", "pupil", "student", "graduate", "patient",
	"doctor", "surgeon", "paramedic", "ambulance", "ward", "clinic",
	"vaccine", "drug", "trial", "study", "survey", "inquiry", "review",
	"audit", "investigation", "court", "judge", "jury", "verdict",
	"sentence", "appeal", "lawyer", "witness", "suspect", "victim",
	"crash", "fire", "flood", "storm", "drought", "heatwave", "landslide",
	"outbreak", "closure", "delay", "shortage", "surge", "decline",
	"increase", "cut", "rise", "fall", "warning", "alert", "ban", "fine",
	"licence", "permit", "scheme", "project", "programme", "campaign",
	"charity", "trust", "foundation", "club", "team", "league", "match",
	"festival", "concert", "exhibition", "gallery", "theatre", "cinema",
	"restaurant", "pub", "hotel", "café", "bakery", "brewery", "farm",
	"field", "forest", "beach", "cliff", "island", "village", "town",
	"city", "county", "region", "district", "estate", "street", "lane",
	"junction", "roundabout", "tunnel", "pier", "quay", "dock", "ship",
	"trawler", "yacht", "lorry", "van", "tractor", "bicycle", "scooter",
	"pedestrian", "cyclist", "passenger", "commuter", "visitor", "tourist",
	"shopper", "customer", "supplier", "retailer", "company", "firm",
	"startup", "investor", "shareholder", "union", "employer", "employee",
	"apprentice", "engineer", "scientist", "researcher", "professor",
	"lecturer", "archive", "record", "document", "letter", "email",
	"website", "app", "network", "mast", "cable", "pipeline", "turbine",
	"panel", "battery", "charger", "meter", "bill", "payment", "debt",
	"donation", "fundraiser", "auction", "sale", "lease", "rent",
	"mortgage", "house", "flat", "cottage", "barn", "chapel", "church",
	"mosque", "temple", "cemetery", "monument", "statue", "memorial",
	"plaque", "anniversary", "ceremony", "award", "prize", "medal",
	"target", "deadline", "timetable", "route", "service",
	"shift", "rota", "queue", "waiting list", "helpline", "hotline",
	"signal", "camera", "sensor", "drone", "robot", "satellite",
	"telescope", "laboratory", "sample", "specimen", "nest",
	"colony", "herd", "flock", "hedge", "orchard", "vineyard", "allotment",
};

/* Regular past tenses, each also a past participle. */
static const char *verbs[] = {
	"approved", "rejected", "announced", "criticised", "welcomed",
	"delayed", "cancelled", "postponed", "launched", "opened", "closed",
	"reopened", "restored", "repaired", "demolished", "replaced",
	"expanded", "reduced", "increased", "doubled", "halved", "funded",
	"backed", "blocked", "challenged", "questioned", "defended",
	"praised", "condemned", "investigated", "examined", "reviewed",
	"published", "leaked", "released", "revealed", "confirmed", "denied",
	"disputed", "ignored", "accepted", "signed", "scrapped", "shelved",
	"revived", "extended", "shortened", "privatised", "nationalised",
	"sold", "bought", "leased", "rented", "built", "rebuilt", "designed",
	"planned", "proposed", "debated", "discussed", "agreed", "finalised",
	"completed", "abandoned", "suspended", "resumed", "inspected",
	"audited", "fined", "banned", "licensed", "registered", "recorded",
	"counted", "measured", "tested", "trialled", "piloted", "monitored",
	"tracked", "mapped", "surveyed", "protected", "threatened", "damaged",
	"flooded", "evacuated", "rescued", "recovered", "found", "lost",
	"discovered", "identified", "named", "honoured", "celebrated",
	"marked", "remembered", "commissioned", "appointed", "dismissed",
	"demoted", "promoted", "hired", "trained", "supported", "helped",
	"warned", "urged", "asked", "told", "advised", "reassured",
	"surprised", "shocked", "angered", "divided", "united", "reached",
	"missed", "met", "exceeded", "matched", "beaten", "overtaken",
	"reported", "estimated", "forecast", "predicted", "calculated",
	"valued", "priced", "charged", "refunded", "compensated", "paid",
	"owed", "borrowed", "raised", "donated", "awarded", "granted",
	"transferred", "moved", "relocated", "merged", "split", "restructured",
};

static const char *firsts[] = {
	"Helen", "Tom", "Sarah", "James", "Priya", "Ahmed", "Chloe", "Daniel",
	"Fatima", "George", "Hannah", "Isaac", "Joanna", "Kwame", "Laura",
	"Marcus", "Nadia", "Oliver", "Paula", "Rajesh", "Sofia", "Tariq",
	"Uma", "Victor", "Wendy", "Xavier", "Yasmin", "Zoë", "Aled", "Bronwen",
	"Ciarán", "Deirdre", "Eilidh", "Fergus", "Gráinne", "Hamish", "Ifan",
	"José", "Kirsty", "Lowri", "Mairead", "Niamh", "Owain", "Pádraig",
	"Rhian", "Seren", "Siân", "Tomasz", "Agnieszka", "Renée", "André",
	"Chidi", "Amara", "Ravi", "Mei", "Hiroshi", "Ingrid", "Lars", "Aoife",
	"Callum", "Declan", "Emma", "Finn", "Grace", "Harry", "Isla", "Jack",
	"Katie", "Liam", "Megan", "Noah", "Olivia", "Ryan", "Sophie",
};

static const char *surnames[] = {
	"Marsh", "Okafor", "Rowe", "Doe", "Raman", "Hughes", "Menon", "Obi",
	"Penhale", "O’Sullivan", "O’Neill", "McCallum", "MacLeod", "Pérez",
	"Núñez", "Müller", "Kowalski", "Nowak", "Singh", "Patel", "Khan",
	"Begum", "Ahmed", "Chen", "Wong", "Tanaka", "Nakamura", "Andersen",
	"Larsen", "Smith", "Jones", "Williams", "Taylor", "Davies", "Evans",
	"Thomas", "Roberts", "Walker", "Wright", "Robinson", "Thompson",
	"White", "Green", "Hall", "Wood", "Clarke", "Jackson", "Harris",
	"Lewis", "Cooper", "King", "Baker", "Morgan", "Price", "Bell",
	"Murphy", "Kelly", "Byrne", "Ryan", "Walsh", "Doherty", "Gallagher",
	"Fitzgerald", "Campbell", "Stewart", "Fraser", "Kerr", "Ferguson",
	"Maguire", "Nolan", "Quinn", "Lynch", "Brennan", "Hussain", "Ali",
	"Mensah", "Boateng", "Adeyemi", "Nwosu", "Da Silva", "Ferreira",
	"Rossi", "Bianchi", "Moreau", "Lefèvre", "Dubois", "García",
	"Fernández", "Ivanova", "Novák", "Horvat", "Papadopoulos",
};

static const char *honorifics[] = {
	"Mr", "Mr", "Mr", "Mrs", "Ms", "Ms", "Dr", "Dr", "Prof", "Dr.",
	"Cllr", "Insp", "Det Sgt", "Rev", "Capt",
};

static const char *places[] = {
	"Harrow Point", "Elmbridge", "Westford", "Skerra Island", "Hollins Park",
	"Northmoor", "Kingsbridge", "Ashcombe", "Brackenfield", "Calderbank",
	"Dunmore", "Eastleigh Vale", "Fairhaven", "Glenrothay", "Highcliffe",
	"Inverkeld", "Juniper Hill", "Kilbrannan", "Longmere", "Millbrook",
	"Newhaven Quay", "Oakhampton", "Pennford", "Queensferry Road",
	"Redbank", "Stonebridge", "Thornby", "Upper Wyke", "Valley Road",
	"Whitmore", "Yarrow", "Leeds", "Bristol", "Cardiff", "Belfast",
	"Glasgow", "Aberdeen", "Swansea", "Norwich", "Plymouth", "Cork",
	"Galway", "Dublin", "the U.S.", "the U.K.", "Washington", "New York",
	"Montréal", "Québec", "São Paulo", "Zürich", "Kraków", "Brussels",
	"Lisbon", "Reykjavík", "Malmö", "Tromsø", "Lagos", "Accra", "Nairobi",
	"Mumbai", "Dhaka", "Karachi", "Osaka", "the Highlands", "the Midlands",
	"the north-east", "the south-west", "the Lake District", "the Fens",
	"the Outer Hebrides", "the Channel Islands", "the Isle of Wight",
};

static const char *orgs[] = {
	"the council", "the county council", "the Environment Agency",
	"the Department for Transport", "the Home Office", "the Treasury",
	"the NHS trust", "the health board", "the police", "the fire service",
	"the coastguard", "the RNLI", "the Met Office", "the Office for "
	"National Statistics", "the Bank of England", "the U.S. Federal "
	"Reserve", "the European Commission", "the United Nations",
	"the World Health Organization", "the Harrow Point Light Trust",
	"Western Isles Shipping Co.", "Calder Water Ltd", "Brackenfield "
	"Holdings plc", "the National Trust", "the Wildlife Trust",
	"the Ramblers", "the Federation of Small Businesses", "the CBI",
	"the TUC", "the Unite union", "the Royal College of Nursing",
	"the British Medical Association", "the National Farmers’ Union",
	"the Football Association", "the Arts Council", "the Heritage Fund",
	"the university", "the college", "the academy trust", "the diocese",
	"the port authority", "the airport operator", "the rail operator",
	"Network Rail", "the bus company", "the water company",
	"the energy regulator", "Ofgem", "Ofcom", "Ofsted",
	"the Care Quality Commission", "the Electoral Commission",
	"the High Court", "the Court of Appeal", "the Supreme Court",
	"the select committee", "the opposition", "the government",
	"the Scottish government", "the Welsh government", "Stormont",
};

static const char *roles[] = {
	"chief executive", "spokesman", "spokeswoman", "chairman", "chairwoman",
	"director", "head of policy", "operations manager", "press officer",
	"senior engineer", "lead researcher", "finance director", "treasurer",
	"secretary", "volunteer co-ordinator", "project manager", "consultant",
	"head teacher", "ward sister", "station manager", "harbour master",
	"general secretary", "regional organiser", "councillor", "backbench MP",
	"cabinet member for transport", "shadow minister", "economist",
	"meteorologist", "historian", "archivist", "curator", "ecologist",
	"professor of public health", "former minister", "campaigner",
	"landlord", "shop owner", "parish clerk", "chief constable",
};

static const char *outlets[] = {
	"Coastline News Agency", "Northern Wire", "Harbour Gazette",
	"Elmbridge Echo", "Daily Meridian", "Westford Post", "Valley Herald",
	"Morning Ledger", "Evening Courier", "Channel Times", "Northern Echo",
	"Pennford Advertiser", "Skerra Islander", "Metro Daily", "Weekly Clarion",
	"Calder Valley News", "Observer-Dispatch", "Kingsbridge Chronicle",
};

static const char *times[] = {
	"on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
	"on Saturday", "on Sunday", "last week", "last month", "last year",
	"earlier this month", "earlier this year", "at the weekend",
	"this morning", "on Monday night", "overnight", "in January",
	"in March", "in the spring", "in the summer", "in the autumn",
	"before Christmas", "after Easter", "since the pandemic",
	"over the past decade", "within weeks", "by the end of the year",
	"in the coming months", "for the first time", "again",
};

static const char *connectors[] = {
	"However", "Meanwhile", "In a statement", "Last year", "Since then",
	"At the time", "By contrast", "In response", "Separately",
	"According to the report", "Earlier", "Despite this", "As a result",
	"Under the plans", "In the meantime", "On Friday",
};

static const char *boilerplate[] = {
	"Sign up to our newsletter for the latest news, delivered to your "
	"inbox every morning.",
	"Credit: PA",
	"(Photo: Getty Images)",
	"Read more: The stories you may have missed this week",
	"Share this article",
	"Something went wrong - please try again later.",
	"We use cookies to improve your experience. By clicking \"Accept\" "
	"you agree to our cookie policy.",
	"A message from the editor: Thank you for reading. Please support "
	"local journalism by taking out a subscription.",
	"Follow us on Twitter @newsdesk and on Facebook",
	"Advertisement",
	"Sign up to our free politics newsletter",
	"Credit: Coastline News Agency",
};

/*
 * Templates.  Letters after '%' name a slot: a adjective, n noun, p plural
 * noun, v past tense, N titled name, F full name, O organisation, P place,
 * R role, T time phrase, U outlet, j connector, M money, D count, X decimal,
 * K percentage, C clock time, Y year, y range of years, c a clause.  '^'
 * capitalises the next letter; anything else is copied.
 */
static const char *clauses[] = {
	"the %a %n %v %D %p in %P %T",
	"%O %v a %M %n for %P",
	"%F, %R at %O, said the %n had been %v %T",
	"%N said %D %p had %v the %a %n since %Y",
	"police were called at %C to reports of a %a %n near %P",
	"the %n is expected to cost %M, according to %O",
	"%K of %p surveyed by %O said the %n had been %v",
	"it comes after %O %v the %a %n %T",
	"about %D %p from %P %v the %a %n",
	"figures from %O showed the number of %p in %P rose by %K %T",
	"the %a %n in %P was %v %T after a %a %n",
	"%N, a %R, said the %n would be %v by %Y",
	"in %Y, %O %v %D %p across %P and %P",
	"a %n from the U.S. %v %M in %p %T",
	"the %n’s %a %n was %v at %C %T",
	"%O said it had %v %D %a %p, a rise of %K on %Y",
	"the %n, which is %X metres long, was %v by %p from %P",
	"between %D and %D %p are %v each year, %O estimates",
	"the %a %n has %v %p in %P for %D years",
	"%F, who %v the %n in %Y, was %v %T",
	"%p will be %v from %C, with the %n open until %C",
	"the %n was %v for %M, well above its %a estimate of %M",
	"shares in %O fell %X%% after the %n was %v",
	"the %y %n was %v by %p and %p alike",
};

static const char *sentences[] = {
	"^%c.", "^%c.", "^%c.", "^%c.", "^%c.", "^%c.",
	"^%j, %c.", "^%j, %c.",
	"“^%c,” said %N.",
	"^%N said: “^%c. ^%c.”",
	"“^%c,” %N told the %U. “^%c.”",
	"^%N said the %n had been “%a and %a”.",
	"“Why was the %n %v?” asked %N.",
	"^%c, %N said.",
	"^%c … and %c.",
	"^%c (%D %p were %v).",
};

static const char *headlines[] = {
	"^%O %v %M %n in %P",
	"^%a %n %v in %P",
	"^%p %v after %a %n",
	"^%N: %n %v %T",
	"^%P %n: %D %p %v",
	"^%n to cost %M, says %O",
	"^%a %n in %P %v as %p %v",
	"“^%a and %a”: %p %v over %n",
};

static void	usage(int) __attribute__((noreturn));

static uint64_t
rng_next(struct rng *r)
{
	uint64_t z;

	z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n), by Lemire's multiply-shift (bias below 2^-32). */
static uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

/* The stream for item i, purpose k: independent for every (seed, i, k). */
static struct rng
rng_for(uint64_t seed, uint64_t i, uint64_t k)
{
	struct rng r;

	r.s = seed ^ 0x6a09e667f3bcc909ULL;
	r.s = rng_next(&r) ^ i;
	r.s = rng_next(&r) ^ k;
	r.s = rng_next(&r);
	return r;
}

/*
 * Append s[0..n) to the item, capitalising its first letter if asked.  The
 * common case (room in the buffer) is done here rather than by buf_add: the
 * generator spends most of its time appending words of a few bytes.
 */
static void
put(struct gen *g, const char *s, size_t n)
{
	struct buf *b = g->out;

	if (n == 0)
		return;
	if (b->len + n >= b->cap)
		buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	if (g->cap) {
		if (s[0] >= 'a' && s[0] <= 'z')
			b->s[b->len] = s[0] - 'a' + 'A';
		g->cap = 0;
	}
	b->len += n;
	b->s[b->len] = '\0';
	g->baselen += n;
}

static void
puts_(struct gen *g, const char *s)
{
	put(g, s, strlen(s));
}

/*
 * The plural of a noun from the list: s[0..*keep) followed by the suffix
 * returned (councils, buses, charities, spokeswomen).
 */
static const char *
plural(const char *s, size_t *keep)
{
	size_t n = strlen(s);

	*keep = n;
	if (n >= 3 && strcmp(s + n - 3, "man") == 0) {
		*keep = n - 3;
		return "men";
	}
	if (n >= 2 && s[n - 1] == 'y' && strchr("aeiou", s[n - 2]) == NULL) {
		*keep = n - 1;
		return "ies";
	}
	if (s[n - 1] == 's' || s[n - 1] == 'x' ||
	    (n >= 2 && s[n - 1] == 'h' && (s[n - 2] == 'c' || s[n - 2] == 's')))
		return "es";
	return "s";
}

/* Length of w, or of its plural when pl is set. */
static size_t
word_len(const char *w, int pl)
{
	const char *suffix;
	size_t keep;

	if (!pl)
		return strlen(w);
	suffix = plural(w, &keep);
	return keep + strlen(suffix);
}

/* Does the item end with the article "a "? */
static int
after_a(const struct buf *b)
{
	const unsigned char *s = (const unsigned char *)b->s;
	size_t n = b->len;

	if (n < 2 || s[n - 1] != ' ' || (s[n - 2] != 'a' && s[n - 2] != 'A'))
		return 0;
	/* Start of text, a space, an opening bracket or the end of “. */
	return n == 2 || s[n - 3] == ' ' || s[n - 3] == '(' ||
	    s[n - 3] == '\n' || s[n - 3] == 0x9c;
}

/* Does w take "an" (an annual report, a union, a U.S. firm)? */
static int
takes_an(const char *w)
{
	return w[0] != '\0' && strchr("aeiouAEIO", w[0]) != NULL &&
	    strncmp(w, "uni", 3) != 0;
}

/*
 * Append w, or its plural when pl is set; when it follows the article "a"
 * and starts with a vowel, the article becomes "an".
 */
static void
put_word(struct gen *g, const char *w, int pl, int an)
{
	const char *suffix;
	size_t keep;

	if (an && takes_an(w)) {
		buf_truncate(g->out, g->out->len - 1);
		g->baselen--;
		put(g, "n ", 2);
	}
	if (!pl) {
		put(g, w, strlen(w));
		return;
	}
	suffix = plural(w, &keep);
	put(g, w, keep);
	put(g, suffix, strlen(suffix));
}

/*
 * Append a word from a list (made plural when pl is set).  The choice always
 * comes from the base stream; in a near-duplicate the mutation stream
 * sometimes overrides it, but the base stream is read just the same and the
 * length counted is that of the original word, so the rest of the item stays
 * in step with the original.
 */
static void
word(struct gen *g, const char **list, size_t n, int pl)
{
	const char *w, *alt;
	size_t before, len;
	int an;

	w = list[rng_below(&g->base, (uint32_t)n)];
	alt = w;
	if (g->mut != NULL && rng_below(g->mut, MUT_RATE) == 0)
		alt = list[rng_below(g->mut, (uint32_t)n)];
	an = after_a(g->out);
	before = g->out->len;
	put_word(g, alt, pl, an);
	if (alt != w) {
		len = word_len(w, pl) + (an && takes_an(w));
		g->baselen += len - (g->out->len - before);
	}
}

#define WORD(g, list)	word((g), (list), NELEM(list), 0)

/* Append n in decimal, with thousands separated by commas when grouped. */
static void
number(struct gen *g, uint64_t n, int grouped)
{
	char tmp[32], *p;
	int digits;

	p = tmp + sizeof(tmp);
	digits = 0;
	do {
		if (grouped && digits > 0 && digits % 3 == 0)
			*--p = ',';
		*--p = (char)('0' + n % 10);
		n /= 10;
		digits++;
	} while (n > 0);
	put(g, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* A count: mostly small, sometimes in the thousands. */
static void
count(struct gen *g)
{
	uint32_t r = rng_below(&g->base, 8);

	if (r < 5)
		number(g, 2 + rng_below(&g->base, 98), 1);
	else if (r < 7)
		number(g, 100 + rng_below(&g->base, 900), 1);
	else
		number(g, 1000 + rng_below(&g->base, 99000), 1);
}

/* A number with one decimal, such as 37.5. */
static void
decimal(struct gen *g)
{
	number(g, 1 + rng_below(&g->base, 99), 0);
	put(g, ".", 1);
	number(g, rng_below(&g->base, 10), 0);
}

/* An amount of money: £6.50, $250,000, €1.8m, £12bn. */
static void
money(struct gen *g)
{
	static const char *sym[] = { "£", "£", "$", "€" };

	puts_(g, sym[rng_below(&g->base, NELEM(sym))]);
	switch (rng_below(&g->base, 4)) {
	case 0:
		number(g, 1 + rng_below(&g->base, 49), 0);
		put(g, ".", 1);
		number(g, 10 + rng_below(&g->base, 90), 0);
		break;
	case 1:
		number(g, 1000 * (1 + rng_below(&g->base, 999)), 1);
		break;
	case 2:
		decimal(g);
		put(g, "m", 1);
		break;
	default:
		number(g, 1 + rng_below(&g->base, 40), 0);
		put(g, "bn", 2);
		break;
	}
}

/* A clock time: 9.30 a.m., 10 p.m. */
static void
clock_time(struct gen *g)
{
	uint32_t m;

	number(g, 1 + rng_below(&g->base, 12), 0);
	m = rng_below(&g->base, 4) * 15;
	if (m != 0) {
		put(g, ".", 1);
		if (m < 10)
			put(g, "0", 1);
		number(g, m, 0);
	}
	puts_(g, rng_below(&g->base, 2) ? " a.m." : " p.m.");
}

static void	expand(struct gen *, const char *);

/* Fill one slot of a template. */
static void
slot(struct gen *g, char c)
{
	uint32_t year;

	switch (c) {
	case 'a': WORD(g, adjs); break;
	case 'n': WORD(g, nouns); break;
	case 'p': word(g, nouns, NELEM(nouns), 1); break;
	case 'v': WORD(g, verbs); break;
	case 'N':
		WORD(g, honorifics);
		put(g, " ", 1);
		WORD(g, surnames);
		break;
	case 'F':
		WORD(g, firsts);
		put(g, " ", 1);
		WORD(g, surnames);
		break;
	case 'O': WORD(g, orgs); break;
	case 'P': WORD(g, places); break;
	case 'R': WORD(g, roles); break;
	case 'T': WORD(g, times); break;
	case 'U': WORD(g, outlets); break;
	case 'j': WORD(g, connectors); break;
	case 'M': money(g); break;
	case 'D': count(g); break;
	case 'X': decimal(g); break;
	case 'K':
		if (rng_below(&g->base, 2)) {
			number(g, 1 + rng_below(&g->base, 99), 0);
			put(g, "%", 1);
		} else {
			decimal(g);
			puts_(g, " per cent");
		}
		break;
	case 'C': clock_time(g); break;
	case 'Y': number(g, 1950 + rng_below(&g->base, 75), 0); break;
	case 'y':
		year = 1950 + rng_below(&g->base, 70);
		number(g, year, 0);
		puts_(g, "–");
		number(g, year + 1 + rng_below(&g->base, 9), 0);
		break;
	case 'c': expand(g, clauses[rng_below(&g->base, NELEM(clauses))]); break;
	case '%': put(g, "%", 1); break;
	default:
		errx(1, "template slot %%%c unknown", c);
	}
}

/* Append a template with its slots filled. */
static void
expand(struct gen *g, const char *t)
{
	const char *p;

	for (;;) {
		for (p = t; *p != '\0' && *p != '%' && *p != '^'; p++)
			continue;
		put(g, t, (size_t)(p - t));
		if (*p == '\0')
			return;
		if (*p == '^') {
			g->cap = 1;
			t = p + 1;
		} else {
			slot(g, p[1]);
			t = p + 2;
		}
	}
}

/* A paragraph of one to four sentences. */
static void
paragraph(struct gen *g)
{
	uint32_t i, n;

	n = 1 + rng_below(&g->base, 4);
	for (i = 0; i < n; i++) {
		if (i > 0)
			put(g, " ", 1);
		expand(g, sentences[rng_below(&g->base, NELEM(sentences))]);
	}
}

/*
 * The body: paragraphs from g's base stream until the original would reach
 * target bytes.  meta is the item's own stream: it places page furniture,
 * and in a near-duplicate (g->mut set) drops one paragraph or adds one of
 * its own, without touching the base stream.
 */
static void
body(struct gen *g, size_t target, struct rng *meta)
{
	struct buf *out = g->out;
	struct rng extra, saved;
	size_t start, savedlen;
	uint32_t par, drop, add;

	drop = add = UINT32_MAX;
	if (g->mut != NULL) {
		if (rng_below(meta, 3) == 0)
			drop = rng_below(meta, 6);
		if (rng_below(meta, 3) == 0)
			add = rng_below(meta, 6);
	}
	g->baselen = 0;
	for (par = 0; par < 2 || g->baselen < target; par++) {
		if (rng_below(meta, BOILER_RATE) == 0) {
			if (out->len > 0)
				buf_add(out, "\n\n", 2);
			buf_adds(out,
			    boilerplate[rng_below(meta, NELEM(boilerplate))]);
		}
		if (par == add) {
			/* A paragraph of the outlet's own, not counted. */
			saved = g->base;
			savedlen = g->baselen;
			extra = rng_for(rng_next(meta), 0, 0);
			g->base = extra;
			if (out->len > 0)
				buf_add(out, "\n\n", 2);
			paragraph(g);
			g->base = saved;
			g->baselen = savedlen;
		}
		start = out->len;
		if (out->len > 0)
			buf_add(out, "\n\n", 2);
		paragraph(g);
		if (par == drop)
			buf_truncate(out, start);
	}
}

/* Days since 1970-01-01 to YYYY-MM-DD (Hinnant's civil_from_days). */
static void
iso_date(char out[11], long days)
{
	long era, doe, yoe, y, doy, mp, d, m;

	days += 719468;
	era = days / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	/* By hand: the compiler cannot prove snprintf's fields fit. */
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/*
 * Which item item i copies: i itself for an original, an earlier item for a
 * near-duplicate.  Leaves *meta just past the draws that decided it.
 */
static uint64_t
item_origin(const struct opts *o, uint64_t i, struct rng *meta)
{
	uint64_t back;

	*meta = rng_for(o->seed, i, 1);
	if (i == 0 || rng_below(meta, 100) >= o->duprate)
		return i;
	back = i < DUP_WINDOW ? i : DUP_WINDOW;
	return i - 1 - rng_below(meta, (uint32_t)back);
}

/* Make item i (0-based) into it. */
static void
make_item(const struct opts *o, uint64_t i, struct item *it)
{
	struct rng meta, m, mut;
	struct gen g;
	uint64_t orig, j;
	size_t target;
	long day;

	orig = item_origin(o, i, &meta);
	/* A copy of a copy copies the first original. */
	if (orig != i)
		while ((j = item_origin(o, orig, &m)) != orig)
			orig = j;

	memset(&g, 0, sizeof(g));
	g.base = rng_for(o->seed, orig, 0);
	day = 16436 + (long)rng_below(&g.base, 3653);	/* 2015 to 2024 */
	it->source = outlets[rng_below(&g.base, NELEM(outlets))];
	target = o->itemsize / 2 + rng_below(&g.base, o->itemsize);
	if (orig != i) {
		mut = rng_for(o->seed, i, 2);
		g.mut = &mut;
		day += (long)rng_below(&meta, 3);
		it->source = outlets[rng_below(&meta, NELEM(outlets))];
	}
	iso_date(it->date, day);

	buf_reset(&it->title);
	g.out = &it->title;
	expand(&g, headlines[rng_below(&g.base, NELEM(headlines))]);

	buf_reset(&it->text);
	g.out = &it->text;
	body(&g, target, &meta);
}

/* Append item number i (0-based) to out in the chosen format. */
static void
format_item(const struct opts *o, uint64_t i, const struct item *it,
    struct buf *out)
{
	if (o->format == FMT_TEXT) {
		if (i > 0)
			buf_add(out, "\f\n", 2);
		buf_add(out, it->title.s, it->title.len);
		buf_printf(out, "\nPublished: %s\nSource: %s\n\n", it->date,
		    it->source);
		buf_add(out, it->text.s, it->text.len);
		buf_addc(out, '\n');
		return;
	}
	buf_printf(out, "{\"id\":\"gen-%06llu\",\"title\":",
	    (unsigned long long)i + 1);
	json_encode_string(out, it->title.s, it->title.len);
	buf_printf(out, ",\"date\":\"%s\",\"source\":", it->date);
	json_encode_string(out, it->source, strlen(it->source));
	buf_adds(out, ",\"text\":");
	json_encode_string(out, it->text.s, it->text.len);
	buf_adds(out, "}\n");
}

static void
flush(struct buf *out)
{
	if (out->len > 0 && fwrite(out->s, 1, out->len, stdout) != out->len)
		err(1, "stdout");
	buf_reset(out);
}

static void
generate(const struct opts *o)
{
	struct item it;
	struct buf out = BUF_INIT;
	unsigned long long total;
	uint64_t i;
	size_t before;

	memset(&it, 0, sizeof(it));
	total = 0;
	for (i = 0; total < o->size; i++) {
		make_item(o, i, &it);
		before = out.len;
		format_item(o, i, &it, &out);
		total += out.len - before;
		if (out.len >= OUT_CHUNK)
			flush(&out);
	}
	flush(&out);
	buf_free(&out);
	buf_free(&it.title);
	buf_free(&it.text);
}

/* A size such as 3000, 64K, 200M or 1G (powers of 1024). */
static unsigned long long
parse_size(const char *arg)
{
	const char *errstr;
	char *num, *end;
	unsigned long long mult, n;
	size_t len;

	num = xstrdup(arg);
	len = strlen(num);
	mult = 1;
	end = len > 0 ? num + len - 1 : num;
	switch (*end) {
	case 'k': case 'K': mult = 1ULL << 10; *end = '\0'; break;
	case 'm': case 'M': mult = 1ULL << 20; *end = '\0'; break;
	case 'g': case 'G': mult = 1ULL << 30; *end = '\0'; break;
	}
	n = (unsigned long long)strtonum(num, 0, (1LL << 50), &errstr);
	if (errstr != NULL)
		errx(2, "size is %s: %s", errstr, arg);
	free(num);
	if (n > (1ULL << 50) / mult)
		errx(2, "size is too large: %s", arg);
	return n * mult;
}

/* The synopsis, on stderr with status 2; the whole help on stdout with 0. */
static void
usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;

	fprintf(f, "usage: %s [-hV] [-d rate] [-f jsonl | text] [-n itemsize] "
	    "[-S seed] [-s size]\n", getprogname());
	if (status == 0)
		fputs("  -d rate      percent of items that are near-duplicates "
		    "of an earlier one (10)\n"
		    "  -f format    jsonl: one JSON record per line (default); "
		    "text: articles\n"
		    "               separated by form feeds, headline first\n"
		    "  -h           print this help and exit\n"
		    "  -n itemsize  average size of an article's text in bytes "
		    "(3000)\n"
		    "  -S seed      seed of the generator (1); the same seed "
		    "gives the same bytes\n"
		    "  -s size      bytes to write, with K, M or G for powers "
		    "of 1024 (1M);\n"
		    "               the last article is finished, so a little "
		    "more comes out\n"
		    "  -V           print the version and exit\n", f);
	exit(status);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o;
	const char *errstr;
	int ch;

	o.size = 1ULL << 20;
	o.seed = 1;
	o.format = FMT_JSONL;
	o.duprate = 10;
	o.itemsize = 3000;

	while ((ch = getopt_long(argc, argv, "d:f:hn:S:s:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			o.duprate = (unsigned int)strtonum(optarg, 0, 100,
			    &errstr);
			if (errstr != NULL)
				errx(2, "rate is %s: %s", errstr, optarg);
			break;
		case 'f':
			if (strcmp(optarg, "jsonl") == 0)
				o.format = FMT_JSONL;
			else if (strcmp(optarg, "text") == 0)
				o.format = FMT_TEXT;
			else
				errx(2, "format is not jsonl or text: %s",
				    optarg);
			break;
		case 'h':
			usage(0);
		case 'n':
			o.itemsize = (unsigned int)strtonum(optarg, 100,
			    100000000, &errstr);
			if (errstr != NULL)
				errx(2, "item size is %s: %s", errstr, optarg);
			break;
		case 'S':
			o.seed = (uint64_t)strtonum(optarg, 0, LLONG_MAX,
			    &errstr);
			if (errstr != NULL)
				errx(2, "seed is %s: %s", errstr, optarg);
			break;
		case 's':
			o.size = parse_size(optarg);
			break;
		case 'V':
			printf("gencorpus (artkit) %s\n", ARTKIT_VERSION);
			return 0;
		default:
			usage(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 0)
		usage(2);

	generate(&o);
	if (fflush(stdout) == EOF || ferror(stdout))
		err(1, "stdout");
	if (fclose(stdout) == EOF)
		err(1, "stdout");
	return 0;
}
