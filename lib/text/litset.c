/*
 * litset.c - see litset.h.
 *
 * The literals are kept (bytes, lengths, ids) until the first scan, which
 * compiles them into one Hyperscan database in block mode, each literal
 * with HS_FLAG_SINGLEMATCH so that an id is reported once a scan; the
 * scratch space the scan needs is allocated with it.  Adding a literal
 * afterwards drops the database, and the next scan compiles it again
 * (boiler.c adds every literal while its rules load, then only scans).
 *
 * Compiling costs far more than a short run scans: the rules' three
 * databases took about 50 ms of each artclean run, a twentieth of
 * cleaning 200 MB.  So a compiled database is kept between runs, in
 * serialized form, in a cache directory (cache_dir()), under a name
 * that is the hash of everything the compile depends on: the
 * literals, lengths, ids and flags, Hyperscan's version and the
 * platform it compiled for.  A file that fails any check (owner,
 * size, our checksum, Hyperscan's deserializer) is passed over and
 * the set compiled as without a cache; failing to write one is
 * silent: the cache only ever saves time.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hs.h>
#include <xxhash.h>

#include "text/litset.h"
#include "base/util.h"

#define CHUNK	((size_t)UINT32_MAX)	/* the most hs_scan takes */

/* A cache file: MAGIC, the XXH128 of the database's bytes, the bytes. */
#define MAGIC		"artkit litset 1\n"
#define MAGICLEN	(sizeof(MAGIC) - 1)
#define HEADLEN		(MAGICLEN + 16)
#define MAXFILE		((off_t)64 << 20)	/* larger: not ours */
/* Files not used for this long are removed when one is written. */
#define STALE_DAYS	30
/*
 * Smaller sets are not kept: they compile in a millisecond or two, and
 * the tests and fuzzers that make thousands of them would fill the
 * directory.
 */
#define CACHE_MIN	LITSET_CACHE_MIN

struct litset {
	char		*bytes;		/* the literals, one after the other */
	size_t		 nbytes, capbytes;
	size_t		*off;		/* where each starts in bytes */
	size_t		*len;
	unsigned	*id;
	size_t		 n, capoff, caplen, capid;
	size_t		 maxlen;	/* the longest literal's length */
	hs_database_t	*db;		/* NULL: not compiled (or empty) */
	hs_scratch_t	*scratch;
	int		 cached;	/* db was read from the cache */
};

struct litset *
litset_new(void)
{
	return xcalloc(1, sizeof(struct litset));
}

static void
drop_db(struct litset *ls)
{
	hs_free_scratch(ls->scratch);
	hs_free_database(ls->db);
	ls->scratch = NULL;
	ls->db = NULL;
}

void
litset_free(struct litset *ls)
{
	if (ls == NULL)
		return;
	drop_db(ls);
	free(ls->bytes);
	free(ls->off);
	free(ls->len);
	free(ls->id);
	free(ls);
}

void
litset_add(struct litset *ls, const char *lit, size_t len, unsigned id)
{
	if (len == 0 || len > LITSET_MAXLEN)
		errx(1, "litset: literal of %zu bytes", len);
	drop_db(ls);
	ls->bytes = xroom(ls->bytes, &ls->capbytes, ls->nbytes + len, 1);
	memcpy(ls->bytes + ls->nbytes, lit, len);
	ls->off = xroom(ls->off, &ls->capoff, ls->n + 1, sizeof(*ls->off));
	ls->len = xroom(ls->len, &ls->caplen, ls->n + 1, sizeof(*ls->len));
	ls->id = xroom(ls->id, &ls->capid, ls->n + 1, sizeof(*ls->id));
	ls->off[ls->n] = ls->nbytes;
	ls->len[ls->n] = len;
	ls->id[ls->n] = id;
	ls->nbytes += len;
	ls->n++;
	if (len > ls->maxlen)
		ls->maxlen = len;
}

size_t
litset_count(const struct litset *ls)
{
	return ls->n;
}

int
litset_cached(const struct litset *ls)
{
	return ls->cached;
}

/*
 * The cache directory: $ARTKIT_CACHE (set and empty: no cache), else
 * $XDG_CACHE_HOME/artkit, else $HOME/.cache/artkit; NULL for none.
 * Relative paths are not used: they would depend on where a run starts.
 */
static char *
cache_dir(void)
{
	const char *e;
	char *dir;

	if ((e = getenv("ARTKIT_CACHE")) != NULL)
		return e[0] == '/' ? xstrdup(e) : NULL;
	if ((e = getenv("XDG_CACHE_HOME")) != NULL && e[0] == '/') {
		if (asprintf(&dir, "%s/artkit", e) < 0)
			return NULL;
		return dir;
	}
	if ((e = getenv("HOME")) != NULL && e[0] == '/') {
		if (asprintf(&dir, "%s/.cache/artkit", e) < 0)
			return NULL;
		return dir;
	}
	return NULL;
}

/*
 * The cache file of the set: its name is the hash of all the compile
 * depends on.  NULL when there is no cache directory.
 */
static char *
cache_path(const struct litset *ls, const unsigned *flags, char **dirp)
{
	static const char what[] = "artkit litset block\n";
	hs_platform_info_t plat;
	XXH3_state_t *st;
	XXH128_hash_t h;
	const char *ver;
	uint64_t v[3];
	char *dir, *path;
	size_t i;

	*dirp = NULL;
	if ((dir = cache_dir()) == NULL)
		return NULL;
	memset(&plat, 0, sizeof(plat));
	if (hs_populate_platform(&plat) != HS_SUCCESS ||
	    (st = XXH3_createState()) == NULL) {
		free(dir);
		return NULL;
	}
	XXH3_128bits_reset(st);
	XXH3_128bits_update(st, what, sizeof(what));
	ver = hs_version();
	XXH3_128bits_update(st, ver, strlen(ver) + 1);
	v[0] = plat.tune;
	v[1] = plat.cpu_features;
	v[2] = ls->n;
	XXH3_128bits_update(st, v, sizeof(v));
	for (i = 0; i < ls->n; i++) {
		v[0] = ls->len[i];
		v[1] = ls->id[i];
		v[2] = flags[i];
		XXH3_128bits_update(st, v, sizeof(v));
		XXH3_128bits_update(st, ls->bytes + ls->off[i], ls->len[i]);
	}
	h = XXH3_128bits_digest(st);
	XXH3_freeState(st);
	if (asprintf(&path, "%s/litset-%016llx%016llx.hs", dir,
	    (unsigned long long)h.high64, (unsigned long long)h.low64) < 0) {
		free(dir);
		return NULL;
	}
	*dirp = dir;
	return path;
}

/* Read the database at path into ls; 0 if there is none fit to use. */
static int
cache_load(struct litset *ls, const char *path)
{
	struct stat sb;
	XXH128_hash_t h;
	unsigned char sum[16];
	char *data = NULL;
	ssize_t r;
	size_t len, got;
	int fd, ok = 0;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return 0;
	/* ours alone: a database from another hand is not run */
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != geteuid() || (sb.st_mode & (S_IWGRP | S_IWOTH)) ||
	    sb.st_size <= (off_t)HEADLEN || sb.st_size > MAXFILE)
		goto out;
	len = (size_t)sb.st_size;
	data = xmalloc(len);
	for (got = 0; got < len; got += (size_t)r)
		if ((r = read(fd, data + got, len - got)) <= 0)
			goto out;
	if (memcmp(data, MAGIC, MAGICLEN) != 0)
		goto out;
	h = XXH3_128bits(data + HEADLEN, len - HEADLEN);
	XXH128_canonicalFromHash((XXH128_canonical_t *)sum, h);
	if (memcmp(data + MAGICLEN, sum, 16) != 0)
		goto out;
	if (hs_deserialize_database(data + HEADLEN, len - HEADLEN,
	    &ls->db) != HS_SUCCESS) {
		ls->db = NULL;
		goto out;
	}
	if (hs_alloc_scratch(ls->db, &ls->scratch) != HS_SUCCESS) {
		drop_db(ls);
		goto out;
	}
	(void)futimens(fd, NULL);	/* used: not stale (cache_prune) */
	ls->cached = ok = 1;
out:
	free(data);
	close(fd);
	return ok;
}

/* Remove the cache files of dir not used for STALE_DAYS. */
static void
cache_prune(const char *dir)
{
	struct dirent *de;
	struct stat sb;
	DIR *d;
	time_t old = time(NULL) - (time_t)STALE_DAYS * 24 * 3600;
	int dfd;

	if ((d = opendir(dir)) == NULL)
		return;
	dfd = dirfd(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "litset-", 7) == 0 &&
		    fstatat(dfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(sb.st_mode) && sb.st_mtime < old)
			(void)unlinkat(dfd, de->d_name, 0);
	closedir(d);
}

/*
 * Write ls's database to path, through a temporary name so that a
 * reader sees the whole file or none; the directory (and its parent,
 * ~/.cache) is made when missing.
 */
static void
cache_save(const struct litset *ls, char *dir, const char *path)
{
	XXH128_hash_t h;
	unsigned char sum[16];
	char *bytes = NULL, *tmp = NULL, *slash;
	size_t len;
	int fd = -1, ok = 0;

	if (hs_serialize_database(ls->db, &bytes, &len) != HS_SUCCESS)
		return;
	if (mkdir(dir, 0700) != 0 && errno == ENOENT &&
	    (slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		(void)mkdir(dir, 0700);
		*slash = '/';
		(void)mkdir(dir, 0700);
	}
	if (asprintf(&tmp, "%s.%ld.tmp", path, (long)getpid()) < 0) {
		tmp = NULL;
		goto out;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) < 0)
		goto out;
	h = XXH3_128bits(bytes, len);
	XXH128_canonicalFromHash((XXH128_canonical_t *)sum, h);
	ok = write(fd, MAGIC, MAGICLEN) == (ssize_t)MAGICLEN &&
	    write(fd, sum, 16) == 16 && write(fd, bytes, len) == (ssize_t)len;
	ok = close(fd) == 0 && ok && rename(tmp, path) == 0;
	if (!ok)
		(void)unlink(tmp);
	else
		cache_prune(dir);
out:
	free(tmp);
	free(bytes);
}

static void
compile(struct litset *ls)
{
	hs_compile_error_t *cerr = NULL;
	const char **lits;
	unsigned *flags;
	char *path, *dir;
	size_t i;

	if (ls->n > UINT32_MAX)
		errx(1, "litset: too many literals");
	lits = xreallocarray(NULL, ls->n, sizeof(*lits));
	flags = xreallocarray(NULL, ls->n, sizeof(*flags));
	for (i = 0; i < ls->n; i++) {
		lits[i] = ls->bytes + ls->off[i];
		flags[i] = HS_FLAG_SINGLEMATCH;
	}
	ls->cached = 0;
	dir = NULL;
	path = ls->n >= CACHE_MIN ? cache_path(ls, flags, &dir) : NULL;
	if (path == NULL || !cache_load(ls, path)) {
		if (hs_compile_lit_multi(lits, flags, ls->id, ls->len,
		    (unsigned)ls->n, HS_MODE_BLOCK, NULL, &ls->db, &cerr) !=
		    HS_SUCCESS)
			errx(1, "litset: hyperscan: %s", cerr != NULL &&
			    cerr->message != NULL ? cerr->message :
			    "compile failed");
		if (hs_alloc_scratch(ls->db, &ls->scratch) != HS_SUCCESS)
			errx(1, "litset: hyperscan: cannot allocate scratch");
		if (path != NULL)
			cache_save(ls, dir, path);
	}
	free(path);
	free(dir);
	free(lits);
	free(flags);
}

struct found_ctx {
	void	(*found)(void *, unsigned);
	void	*arg;
};

static int
on_match(unsigned id, unsigned long long from, unsigned long long to,
    unsigned flags, void *ctx)
{
	struct found_ctx *fc = ctx;

	fc->found(fc->arg, id);
	return 0;	/* go on: every id is wanted */
}

static void
scan(struct litset *ls, const char *s, size_t n, struct found_ctx *fc)
{
	if (hs_scan(ls->db, s, (unsigned)n, 0, ls->scratch, on_match,
	    fc) != HS_SUCCESS)
		errx(1, "litset: hyperscan scan failed");
}

void
litset_scan(struct litset *ls, const char *s, size_t n,
    void (*found)(void *, unsigned), void *arg)
{
	struct found_ctx fc;

	if (ls->n == 0 || n == 0)
		return;
	if (ls->db == NULL)
		compile(ls);
	fc.found = found;
	fc.arg = arg;
	/*
	 * Hyperscan takes at most 4 GB at once: a longer text goes in
	 * pieces that overlap by the longest literal.
	 */
	while (n > CHUNK) {
		scan(ls, s, CHUNK, &fc);
		s += CHUNK - ls->maxlen;
		n -= CHUNK - ls->maxlen;
	}
	scan(ls, s, n, &fc);
}
