/*
 * input.h - reading lines from a named file or standard input, plain or
 * gzip-compressed, with no fixed line length.
 *
 * Compression is detected from the magic bytes, never from the name;
 * concatenated gzip members are read through (that is what `cat a.gz b.gz`
 * and pigz produce).  A truncated or corrupt gzip stream, or garbage after
 * a member, is an error reported after every complete line before it has
 * been returned, so a filter writes all the good data first.
 *
 * Lines are returned without their "\n" (and without a "\r" before it:
 * input_line_end says which it was); a last line without a newline is
 * still a line.  A UTF-8 byte order mark at the start of a line is
 * skipped: at the start of the input, and where a file or a gzip member
 * that begins with one was concatenated to another (`cat a.jsonl
 * b.jsonl`, `cat a.gz b.gz`).  (U+FEFF as a character is deprecated;
 * only the mark of a file's start comes there.)
 *
 * bzip2, xz and zstd data (known by their magic bytes) is refused with a
 * message that says so, rather than read as text.
 */
#ifndef ARTKIT_INPUT_H
#define ARTKIT_INPUT_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "base/buf.h"

struct input;

/* Default for --max-record: long enough for any real article. */
#define INPUT_MAX_RECORD_DEFAULT	((size_t)256 << 20)

enum {
	INPUT_EOF = 0,
	INPUT_LINE = 1,
	INPUT_ERROR = -1,	/* read or decompression error: see input_error */
	INPUT_TOOLONG = -2	/* line longer than the limit: see input_spill */
};

/*
 * Open path ("-" or NULL for standard input) for reading lines of at most
 * maxlen bytes.  Returns NULL with errno set when the file cannot be opened
 * or is a directory.  Data in a compressed format that is not read (bzip2,
 * xz, zstd) gives an input whose first read is INPUT_ERROR, input_error
 * saying which.  The name shown in messages is "stdin" for "-".
 */
struct input *input_open(const char *path, size_t maxlen);

/*
 * Read the next line into *line and *len (valid until the next call).  Returns
 * INPUT_LINE, INPUT_EOF, INPUT_ERROR, or INPUT_TOOLONG when the line
 * exceeds the limit; then the caller must call input_spill before reading
 * on.
 */
int	input_getline(struct input *, const char **line, size_t *len);

/*
 * The buffer the line last returned lies in when it was assembled from
 * several chunks of input (a line longer than about 256 KB), else NULL
 * (it lies in a chunk, which the input keeps).  The caller may take the
 * buffer's memory, swapping it with an empty buffer of its own, so that
 * a long line is not copied: the input empties it before the next line.
 */
struct buf *input_line_buf(struct input *);

/*
 * After INPUT_TOOLONG: skip the over-long line without holding it in
 * memory, handing its first max bytes to put(arg, bytes, n), in pieces,
 * and then its line end ("\n" when it was cut).  put may be NULL.
 * Returns 0, or -1 on a read error.
 */
int	input_spill(struct input *, size_t max,
	    void (*put)(void *arg, const void *, size_t), void *arg);

/*
 * The line end of the line last returned: "\r\n" or "\n" (also for a last
 * line that had none): what a copy of the line byte for byte needs.
 */
const char *input_line_end(const struct input *);

/*
 * The bytes not read yet that are already in memory (decompressed, after
 * any BOM), without consuming them: at least what the first read returned
 * at the start of the input, so a caller can tell a format by its first
 * bytes.  *n is 0 at the end of the input.  Returns 0, or -1 on a read
 * error (input_getline then reports it).
 */
int	input_peek(struct input *, const char **p, size_t *n);

/*
 * Read up to n bytes of the (decompressed) data, for formats that are not
 * lines (a zip): the bytes input_peek showed come first.  Returns the
 * number read, 0 at the end of the input, -1 on an error (input_error).
 */
ssize_t	input_read(struct input *, void *buf, size_t n);

/*
 * Lines end at eol instead of '\n' from now on: '\r' reads the files of
 * old Mac programs (then a "\r" before the line end is not dropped).
 */
void	input_set_eol(struct input *, char eol);

/*
 * Name for messages ("stdin" for standard input) and the current line
 * number: of the file, or after input_resync, of the data from the member
 * it read on from (input_line_base).
 */
const char *input_name(const struct input *);
unsigned long input_lineno(const struct input *);
/*
 * 0 while line numbers are the (decompressed) file's; after input_resync,
 * the offset in the compressed file of the gzip member they count from.
 * After a gap no count of lines can be found in the file again, but an
 * offset can: line N is `tail -c +$((BASE + 1)) FILE | gzip -dc | sed -n
 * Np`.  Messages then name both (run.c).
 */
unsigned long long input_line_base(const struct input *);
/*
 * For a plain regular file opened by name, which can be read again: its
 * descriptor (the input's: dup it to keep it), and where the line last
 * returned by input_getline lies in it: from *off (after a byte order
 * mark), *len bytes (without its line end).  -1 for the rest: gzip data,
 * standard input, pipes, devices.
 */
int	input_line_at(const struct input *, unsigned long long *off,
	    size_t *len);
/*
 * A number no other input the process opened has, from 1: which input a
 * line came from, where a pointer to a closed one could be taken again.
 */
unsigned long long input_serial(const struct input *);
/* Bytes of (decompressed) input consumed so far. */
unsigned long long input_bytes(const struct input *);
/*
 * What went wrong after INPUT_ERROR (a static or errno string); after
 * INPUT_EOF, non-NULL when garbage followed the last gzip member (the lines
 * before it were complete and have been returned); NULL when all is well.
 */
const char *input_error(const struct input *);

/*
 * Read n bytes, appending them to out, for formats whose records say
 * their length (WARC).  Returns the number read: fewer than n only at the
 * end of the input or after an error (then input_error() says which).
 * Lines and bytes may be read in any mix.
 */
size_t	input_take(struct input *, struct buf *out, size_t n);
/* Skip up to n bytes without keeping them; returns how many were skipped. */
unsigned long long input_skip(struct input *, unsigned long long n);

/*
 * After a gzip error (INPUT_ERROR, or garbage after a member): drop it and
 * read on from the next gzip member whose data starts with magic (at most
 * 16 bytes; "WARC/" for an archive written one member a record), found by
 * its header (1f 8b 08) and tried on the side.  *at is set to where the
 * error left the compressed input.  Returns the offset of that member in
 * the (compressed) file; -1 when none follows, or after a read error
 * (input_error says so): the input is then at its end; -2 when the input
 * is not gzip, and nothing changed.  The data of the damaged member that
 * was not handed out is lost.  On success line numbers start again from
 * that member, whose offset input_line_base gives from then on.
 */
long long input_resync(struct input *, const char *magic,
	    unsigned long long *at);
/* Close the input (not closing standard input); input_close(NULL) is a no-op. */
/*
 * The message for a file whose first bytes p[0..n) are UTF-16 text, which
 * no tool reads (convert it with iconv), or NULL.  With a byte order mark
 * (FF FE, FE FF) it is sure; without one, the first two characters are
 * ASCII with their NUL bytes on one side (a NUL is never in a line the
 * tools read), and the message names the byte order.
 */
const char *input_utf16(const char *p, size_t n);

void	input_close(struct input *);

#endif
