/*
 * fuzz_split.c - artsplit's parsers (lib/split/split.c, article.c, date.c) in
 * every format, driven through a run as the tool drives them.
 *
 * The first two bytes pick the options (format, -p, --no-title, encoding,
 * -d, --rejects, --max-record, --id-prefix, --columns, the file given
 * twice), the rest is the file.  The output goes to a pipe and the rejects
 * to a memory file.  Properties: every output line is a record with
 * well-typed known fields and a string id; ids are unique unless -p; and
 * for JSON Lines with --rejects, nothing is lost: records written plus
 * lines rejected equal the non-blank input lines.
 */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdint.h>

#include "fuzz.h"
#include "io/record.h"
#include "split/split.h"
#include "base/strset.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAXIN	(16 * 1024)	/* keeps the output inside the pipe */

static struct memfile infile, rejfile;
static int outpipe[2] = { -1, -1 };
static char outpath[64];
static regex_t delim;

static void
setup(void)
{
	memfile_open(&infile, "fuzz_split_in");
	memfile_open(&rejfile, "fuzz_split_rej");
	if (pipe(outpipe) < 0)
		err(1, "pipe");
	if (fcntl(outpipe[0], F_SETPIPE_SZ, 1024 * 1024) < 0 ||
	    fcntl(outpipe[0], F_SETFL, O_NONBLOCK) < 0)
		err(1, "fcntl");
	snprintf(outpath, sizeof(outpath), "/proc/self/fd/%d", outpipe[1]);
	if (regcomp(&delim, "^(=+|-- ?[0-9]+ --)$", REG_EXTENDED |
	    REG_NOSUB) != 0)
		errx(1, "regcomp");
}

static void
drain(struct buf *out)
{
	char tmp[65536];
	ssize_t r;

	buf_reset(out);
	while ((r = read(outpipe[0], tmp, sizeof(tmp))) > 0)
		buf_add(out, tmp, (size_t)r);
	if (r < 0 && errno != EAGAIN)
		err(1, "read");
}

static bool
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t maxrec[4] = { 0, 8, 64, 1024 };
	static struct buf out = BUF_INIT, rej = BUF_INIT;
	static struct record r = RECORD_INIT;
	struct split_opts so;
	struct toolopt to;
	struct splitter *sp;
	struct run *run;
	struct strset *ids;
	const char *s, *msg, *id, *line;
	size_t n, pos, idlen, len;
	unsigned long records = 0, rejected = 0, want = 0;
	int status, added, twice, i;

	if (size < 2 || size > MAXIN + 2)
		return 0;
	if (outpath[0] == '\0')
		setup();
	memset(&so, 0, sizeof(so));
	toolopt_init(&to);
	so.format = data[0] & 3;
	so.paragraphs = data[0] & 4;
	so.no_title = data[0] & 8;
	so.encoding = (data[0] >> 4) & 3;
	if ((data[0] & 64) && so.format == SPLIT_TEXT)
		so.delim = &delim;
	if (data[0] & 128)
		to.rejects = rejfile.path;
	if (maxrec[data[1] & 3] != 0)
		to.max_record = maxrec[data[1] & 3];
	twice = data[1] & 4;
	if (data[1] & 8)
		so.id_prefix = "p/";
	if ((data[1] & 16) && so.format == SPLIT_CSV)
		so.columns = "story=text,when=date,headline=title";
	to.output = outpath;
	s = (const char *)data + 2;
	n = size - 2;
	memfile_set(&infile, s, n);
	memfile_set(&rejfile, "", 0);

	sp = splitter_new(&so);
	run = run_begin(&to, 1, (char *[]){ infile.path });
	for (i = 0; i < (twice ? 2 : 1) && !run_stopped(run); i++)
		splitter_file(sp, run, infile.path);
	splitter_free(sp);
	status = run_end(run);
	drain(&out);
	memfile_get(&rejfile, &rej);

	/* Every line written is a record with a string id. */
	ids = strset_new();
	FUZZ_ASSERT(out.len == 0 || out.s[out.len - 1] == '\n');
	for (pos = 0; model_next(buf_cstr(&out), out.len, &pos, &line,
	    &len); records++) {
		FUZZ_ASSERT(record_parse(&r, line, len, &msg, &idlen) == 0);
		FUZZ_ASSERT(record_check_types(&r, &msg) == 0);
		FUZZ_ASSERT(record_get(&r, "id", &id, &idlen) == 1);
		strset_add(ids, id, idlen, &added);
		FUZZ_ASSERT(added || so.paragraphs);
	}
	strset_free(ids);
	for (pos = 0; pos < rej.len; pos++)
		rejected += rej.s[pos] == '\n';
	FUZZ_ASSERT(rej.len == 0 || rej.s[rej.len - 1] == '\n');
	if (rejected > 0)
		FUZZ_ASSERT(status == 1);

	/* JSON Lines with --rejects: each non-blank line is in one place. */
	if (so.format == SPLIT_JSONL && to.rejects != NULL &&
	    !so.paragraphs && memchr(s, '\0', n) == NULL &&
	    !model_refused(s, n)) {
		for (pos = 0; model_next(s, n, &pos, &line, &len); ) {
			if (len > to.max_record) {
				want++;
				continue;
			}
			model_bom(&line, &len);
			if (!blank(line, len))
				want++;
		}
		FUZZ_ASSERT(records + rejected == want * (twice ? 2 : 1));
	}
	return 0;
}
