/*
 * bb_out.h - where and how an output file is written (internal).
 *
 * Every file bobao writes (bulletins, subtitles, chapters, reports, what
 * play captures) is opened here, so that one place decides what its path
 * means:
 *
 *   "-"                 standard output, written as a stream (refused when
 *                       it is a terminal);
 *   a FIFO, a device    written in place, as a stream: never replaced;
 *   a symbolic link     followed: the file it names is replaced;
 *   a regular file      replaced atomically when complete: the data goes to
 *                       a nameless O_TMPFILE in the target's directory
 *                       (Linux), or where that is not supported to
 *                       ".NAME.XXXXXX" there, and is linked or renamed onto
 *                       the name by bb_out_commit();
 *   write-protected     refused (BOBAO_E_CREATE) unless BB_OUT_FORCE.
 *
 * Nothing else in bobao renames a file into place: state files too (the
 * player's positions) come here; scratch files are bb_tmpfile().
 *
 * A hard link to the old file keeps the old contents: replacing gives the
 * name a new inode, as mv, rsync and compilers do.
 *
 *     struct bb_out o;
 *     if ((rc = bb_out_open(&o, path, BB_OUT_STDOUT, &err)) != BOBAO_OK) ...
 *     rc = bb_out_write(&o, data, n, &err);
 *     rc = rc == BOBAO_OK ? bb_out_commit(&o, &err) : (bb_out_discard(&o), rc);
 *
 * Exactly one of bb_out_commit() and bb_out_discard() ends an open bb_out;
 * both release everything and leave no temporary file behind.
 */
#ifndef BB_OUT_H
#define BB_OUT_H

#include <stdint.h>
#include <stdio.h>

#include "bb.h"

enum bb_out_flags {
	BB_OUT_STDOUT = 1 << 0,   /* "-" is standard output */
	BB_OUT_FORCE = 1 << 1,    /* replace a write-protected file */
	BB_OUT_PRIVATE = 1 << 2   /* mode 0600: bobao's own state, not for others */
};

struct bb_out {
	const char *path;   /* as given, for messages (borrowed) */
	char *target;       /* the file replaced: path with symlinks followed */
	char *tmp;          /* the named temporary, or NULL */
	int fd;             /* -1: not open */
	int stream;         /* written in place: stdout, FIFO, device */
	int anon;           /* an O_TMPFILE, nameless until committed */
	uint64_t pos;       /* write position */
	uint64_t size;      /* bytes in the file: the furthest end written */
	int err;            /* errno of the first failed write, or 0 */
	int shared;         /* bb_out_name() was asked: written by others too */
	int finished;       /* bb_out_finish() succeeded */
	int private_;       /* BB_OUT_PRIVATE */
};

/* Open path for writing as described above.  On failure nothing is left
 * open or behind, and err says why: BOBAO_E_CREATE (73), BOBAO_E_ARG (64)
 * for a terminal, BOBAO_E_INTERRUPTED when a signal came while waiting for
 * a FIFO's reader. */
bobao_code bb_out_open(struct bb_out *o, const char *path, unsigned flags,
                       struct bb_err *err);
/* Write all n bytes at the current position (BOBAO_E_IO on failure). */
bobao_code bb_out_write(struct bb_out *o, const void *p, size_t n, struct bb_err *err);
/* Move the write position; -1 with errno set on a stream (or failure). */
int bb_out_seek(struct bb_out *o, uint64_t off);
/* Read from the current position, as read(2); 0 on a stream. */
long bb_out_read(struct bb_out *o, void *p, size_t n);
/* Check the size and flush to disk, without putting the file in place:
 * what can fail for lack of space fails here, so that files that go
 * together (a bulletin and its subtitles) are all finished before any is
 * put in place.  Nothing for a stream. */
bobao_code bb_out_finish(struct bb_out *o, struct bb_err *err);
/* Finish (if not done), put the file in place; then release.
 * A stream is only closed.  BOBAO_E_IO or BOBAO_E_CREATE on failure, when
 * the old file is as it was. */
bobao_code bb_out_commit(struct bb_out *o, struct bb_err *err);
/* Drop what was written and release.  Safe on a closed bb_out. */
void bb_out_discard(struct bb_out *o);
/* A name under which another library can open the same file for writing
 * (libao): the temporary's, /proc/self/fd/N for an O_TMPFILE, the path of
 * a stream ("-" for standard output).  Owned by o. */
const char *bb_out_name(struct bb_out *o);
/* A stdio stream over o, for text (fclose it before commit or discard);
 * NULL when out of memory.  A failed write sets ferror() and o->err. */
FILE *bb_out_fopen(struct bb_out *o);

/* A temporary file for bobao's own use (the first pass of two), in
 * $TMPDIR or /tmp, without a name: gone when closed.  NULL with errno set
 * on failure. */
FILE *bb_tmpfile(void);

/* The message for a failed write to o: "cannot write 'path': reason". */
bobao_code bb_out_fail(struct bb_out *o, struct bb_err *err);

/* Would writing output onto path clobber the file at other?  Both name
 * the same file (device and inode, symlinks followed; for paths that do not
 * exist yet, the same directory entry).  Standard output ("-") clashes
 * only with itself; character devices never clash.  1 yes, 0 no, -1 out
 * of memory. */
int bb_same_file(const char *path, const char *other);

#endif /* BB_OUT_H */
