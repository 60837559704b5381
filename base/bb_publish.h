/*
 * bb_publish.h - the files of one run go in place together or not at all
 * (internal).
 *
 * A run writes a bulletin and the files that go with it (subtitles,
 * chapters, report, page; what a file driver captured).  Each is written
 * to a bb_out (bb_out.h) by its own stage, which hands it here, complete,
 * instead of committing it: it is staged.  The conductor then commits the
 * whole set, or discards it:
 *
 *     struct bb_publish pub;
 *     bb_publish_init(&pub);
 *     ... stages call bb_publish_stage(&pub, &their_out, flags, err) ...
 *     rc = rc == BOBAO_OK ? bb_publish_commit(&pub, err) : BOBAO_OK;
 *     bb_publish_release(&pub);    (always: drops whatever was not committed)
 *
 * bb_publish_commit() finishes every file first (size check, fsync: what
 * can fail for lack of space fails before anything is in place), then puts
 * the others in place in the order they were staged and the BB_PUBLISH_LAST
 * one (the bulletin) last.  Should any of them fail, the ones already in
 * place are taken back: a file that was new is removed, a file that was
 * replaced is written back from a descriptor kept open on it since before
 * it was replaced.  So a failure leaves the old bulletin and its old
 * sidecars as they were; a stream (standard output, a FIFO) cannot be taken
 * back and is only closed.
 */
#ifndef BB_PUBLISH_H
#define BB_PUBLISH_H

#include "bb_out.h"

#define BB_PUBLISH_MAX 8   /* a bulletin, five sidecars, a capture, one spare */

enum bb_publish_flags {
	BB_PUBLISH_LAST = 1 << 0   /* put in place after all the others */
};

struct bb_publish {
	struct bb_out out[BB_PUBLISH_MAX];   /* staged: owned here */
	unsigned flags[BB_PUBLISH_MAX];
	int kept[BB_PUBLISH_MAX];            /* the file replaced, open; -1: none */
	int created[BB_PUBLISH_MAX];         /* put in place where there was none */
	size_t n;
};

void bb_publish_init(struct bb_publish *p);
/* Take *o (open, written; finished or not) into p: p owns it from now on,
 * and *o is left closed (fd -1).  Returns the staged copy, which stays
 * valid until bb_publish_drop() or bb_publish_release() (to read it back:
 * bb_out_name(), bb_out_read()); NULL with BOBAO_E_INTERNAL in err when p
 * is full, *o then discarded. */
struct bb_out *bb_publish_stage(struct bb_publish *p, struct bb_out *o, unsigned flags,
                                struct bb_err *err);
/* Discard one staged file (a try that was refused). */
void bb_publish_drop(struct bb_publish *p, struct bb_out *o);
/* Put every staged file in place as described above; on failure none is
 * (what was put in place is taken back) and err says why. */
bobao_code bb_publish_commit(struct bb_publish *p, struct bb_err *err);
/* Discard what is still staged, close what was kept open.  Safe twice. */
void bb_publish_release(struct bb_publish *p);

#endif /* BB_PUBLISH_H */
