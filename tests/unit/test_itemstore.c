/*
 * test_itemstore.c - items written to the store come back as they went in,
 * two at once, from the groups compressed and from the one still being
 * gathered, in any order; items kept as where their lines lie in a file
 * come back alike, and a file that changed stops the run.
 */
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "io/input.h"
#include "io/record.h"
#include "sim/itemreader.h"
#include "sim/itemstore.h"

static void
test_store(void)
{
	struct itemstore *st = itemstore_new();
	struct sent s = { 0, 2, 1 };
	size_t cs = 1000000000;
	struct item in = { "a", 1, "Hi.", 3, NULL, 0, NULL };
	const struct item *x, *y;

	CHECK(itemstore_add(st, &in) == 0);
	in.id = "bb";
	in.idlen = 2;
	in.sent = &s;
	in.nsent = 1;
	in.cstart = &cs;
	CHECK(itemstore_add(st, &in) == 1);
	x = itemstore_get(st, 0, 0);
	y = itemstore_get(st, 1, 1);
	CHECK_MEM(x->id, x->idlen, "a");
	CHECK_MEM(x->text, x->len, "Hi.");
	CHECK(x->sent == NULL);
	CHECK_MEM(y->id, y->idlen, "bb");
	CHECK(y->nsent == 1 && y->sent[0].end == 2);
	CHECK(x->cstart == NULL);
	CHECK(y->cstart != NULL && y->cstart[0] == 1000000000);
	itemstore_free(st);
}

/*
 * Items of a few KB, enough for several compressed groups, each with a
 * text of its own: read back out of order, from both slots, while more
 * are added, then all again once the last is in.
 */
static void
test_groups(void)
{
	struct itemstore *st = itemstore_new();
	struct item in = { NULL, 0, NULL, 0, NULL, 0, NULL };
	const struct item *x, *y;
	char id[32], text[5000];
	uint32_t i, j, k, n = 300;
	size_t len;

	for (i = 0; i < n; i++) {
		in.idlen = (size_t)snprintf(id, sizeof(id), "id%u", i);
		len = 1000 + (i * 7919) % 3900;
		for (k = 0; k < len; k++)
			text[k] = (char)('a' + (i + k * k) % 26);
		in.id = id;
		in.text = text;
		in.len = len;
		CHECK(itemstore_add(st, &in) == i);
		j = (i * 37) % (i + 1);
		x = itemstore_get(st, j, i % 2);
		in.idlen = (size_t)snprintf(id, sizeof(id), "id%u", j);
		CHECK_MEM(x->id, x->idlen, id);
		CHECK(x->len == 1000 + (j * 7919) % 3900);
		CHECK(x->text[x->len - 1] == (char)('a' + (j + (x->len - 1) *
		    (x->len - 1)) % 26));
	}
	for (i = 0; i < n; i++) {
		j = n - 1 - i;
		x = itemstore_get(st, i, 0);
		y = itemstore_get(st, j, 1);
		snprintf(id, sizeof(id), "id%u", i);
		CHECK_MEM(x->id, x->idlen, id);
		snprintf(id, sizeof(id), "id%u", j);
		CHECK_MEM(y->id, y->idlen, id);
		for (k = 0; k < x->len && x->text[k] == (char)('a' + (i + k * k) % 26);
		    k++)
			;
		CHECK(k == x->len && x->len == 1000 + (i * 7919) % 3900);
		CHECK(y->len == 1000 + (j * 7919) % 3900);
	}
	itemstore_free(st);
}

/* Write the bytes of s to path. */
static void
write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");

	CHECK(f != NULL && fwrite(s, 1, n, f) == n && fclose(f) == 0);
}

/*
 * Read path's lines as the driver reads them, make an item of each as an
 * item reader with flags does, and add it to st with itemstore_add_line
 * (every third with itemstore_add, so the two kinds mix) as items
 * first, first + 1, ...; texts[i] gets the text of the i-th.  Returns
 * the number of lines; *again counts those input_line_at could place.
 */
static uint32_t
add_lines(struct itemstore *st, uint32_t first, const char *path,
    int flags, struct buf *texts, int *again)
{
	struct input *in = input_open(path, 0);
	struct record rec = RECORD_INIT;
	struct item it = { NULL, 0, NULL, 0, NULL, 0, NULL };
	unsigned long long off;
	const char *line, *msg;
	char id[16];
	size_t len, pos;
	uint32_t n = 0;

	CHECK(in != NULL);
	*again = 0;
	while (input_getline(in, &line, &len) == INPUT_LINE) {
		CHECK(record_read(&rec, line, len, false, &msg, &pos) == 0);
		itemreader_text(flags, &rec, &texts[n]);
		it.idlen = (size_t)snprintf(id, sizeof(id), "L%u", n);
		it.id = id;
		it.text = texts[n].s;
		it.len = texts[n].len;
		*again += input_line_at(in, &off, &len) >= 0;
		CHECK((n % 3 == 2 ? itemstore_add(st, &it) :
		    itemstore_add_line(st, &it, in)) == first + n);
		n++;
	}
	input_close(in);
	record_free(&rec);
	return n;
}

/* In a child: f(st), then exit 0; the child's exit status. */
static int
in_child(void (*f)(struct itemstore *), struct itemstore *st)
{
	pid_t pid;
	int status, fd;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) >= 0)
			dup2(fd, STDERR_FILENO);
		f(st);
		_exit(0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void
get_first(struct itemstore *st)
{
	(void)itemstore_get(st, 0, 0);
}

/*
 * Lines of a file (a byte order mark, "\r\n", escapes, a title, a plain
 * line, blanks before a record): the items come back as they were made,
 * in any order; a gzip file's are copied.  A file that grows afterwards
 * fails itemstore_check; one cut short fails the read.
 */
static void
test_lines(void)
{
	static const char lines[] =
	    "\xEF\xBB\xBF{\"id\":\"x\",\"title\":\"T\",\"text\":\"A \\u00e9 b.\"}\r\n"
	    "{\"text\":\"Line\\ntwo\",\"title\":\"Head\"}\n"
	    "  {\"text\":\"third\"}\n"
	    "a plain line\n"
	    "{\"title\":\"only a title\"}\n"
	    "{\"text\":\"last, no line end\"}";
	static const char *want[] = { "T\n\nA \xC3\xA9 b.", "Head\n\nLine\ntwo",
	    "third", "a plain line", "only a title\n\n", "last, no line end" };
	static const char *untitled[] = { "A \xC3\xA9 b.", "Line\ntwo",
	    "third", "a plain line", "", "last, no line end" };
	char dir[] = "/tmp/test_itemstore.XXXXXX", path[64], gz[80], cmd[200];
	struct buf texts[6];
	struct itemstore *st;
	const struct item *x, *y;
	uint32_t i, n;
	int again;

	memset(texts, 0, sizeof(texts));
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/in.jsonl", dir);
	write_file(path, lines, sizeof(lines) - 1);

	st = itemstore_new();
	itemstore_reread(st, false, ITEMREADER_TITLE);
	n = add_lines(st, 0, path, ITEMREADER_TITLE, texts, &again);
	CHECK(n == 6 && again == 6);
	for (i = 0; i < n; i++) {
		x = itemstore_get(st, i, 0);
		y = itemstore_get(st, n - 1 - i, 1);
		CHECK_MEM(x->text, x->len, want[i]);
		CHECK_MEM(y->text, y->len, want[n - 1 - i]);
		CHECK(x->text[x->len] == '\0' && x->sent == NULL);
		CHECK(x->idlen == 2 && x->id[0] == 'L' &&
		    x->id[1] == (char)('0' + i));
	}
	itemstore_check(st);
	CHECK(in_child(get_first, st) == 0);

	/* Grown: the check fails, the reads still find their lines. */
	snprintf(cmd, sizeof(cmd), "echo more >> %s", path);
	CHECK(system(cmd) == 0);
	CHECK(in_child(itemstore_check, st) == 1);
	CHECK(in_child(get_first, st) == 0);
	/* Cut short: the first line is not there to read. */
	CHECK(truncate(path, 10) == 0);
	CHECK(in_child(get_first, st) == 1);
	itemstore_free(st);

	/* Without itemstore_reread, and for gzip data, the texts are kept. */
	write_file(path, lines, sizeof(lines) - 1);
	snprintf(gz, sizeof(gz), "%s.gz", path);
	snprintf(cmd, sizeof(cmd), "gzip -c %s > %s", path, gz);
	CHECK(system(cmd) == 0);
	st = itemstore_new();
	n = add_lines(st, 0, path, 0, texts, &again);
	CHECK(n == 6 && again == 6);
	itemstore_reread(st, false, 0);
	n = add_lines(st, 6, gz, 0, texts, &again);
	CHECK(n == 6 && again == 0);
	CHECK(truncate(path, 0) == 0);
	for (i = 0; i < 12; i++) {
		x = itemstore_get(st, i, i % 2);
		CHECK_MEM(x->text, x->len, untitled[i % 6]);
	}
	itemstore_check(st);
	itemstore_free(st);
	for (i = 0; i < 6; i++)
		buf_free(&texts[i]);
	unlink(gz);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	test_store();
	test_groups();
	test_lines();
	UNIT_END();
}
