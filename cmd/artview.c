/*
 * artview - two items side by side as a static HTML page, their shared
 * passages highlighted and linked.
 *
 * The options and one call: lib/view/pairpage.c gathers the pair from
 * artsim --align's records and the items, lib/view/pairview.c writes the
 * page.
 */
#include <err.h>
#include <stdbool.h>
#include <string.h>

#include "io/run.h"
#include "io/toolopt.h"
#include "view/pairpage.h"

static const struct toolopt_spec own[] = {
	{ "item-a", 'a', "ID", "show a pair of item ID, on the left" },
	{ "item-b", 'b', "ID", "show a pair of item ID, on the right" },
	{ NULL, 0, NULL, NULL }
};

static struct toolopt_table options = {
	"usage: artview [-z] [-a id] [-b id] [-o file] [file ...]\n",
	own, 0, NULL, NULL
};

int
main(int argc, char *argv[])
{
	struct toolopt common;
	struct run_mapper m;
	const char *a = NULL, *b = NULL;
	int ch;

	toolopt_init(&common);
	while ((ch = toolopt_getopt(&options, &common, argc, argv)) != -1) {
		switch (ch) {
		case 'a':
			a = optarg;
			break;
		case 'b':
			b = optarg;
			break;
		default:
			toolopt_usage(&options, false);
		}
	}
	toolopt_table_free(&options);
	argc -= optind;
	argv += optind;
	if (a != NULL && b != NULL && strcmp(a, b) == 0)
		errx(2, "-a and -b name one item: a pair is two");

	m = pairpage_mapper(a, b);
	return run_mapper(&common, argc, argv, &m);
}
