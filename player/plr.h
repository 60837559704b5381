/*
 * plr.h - the interactive player (internal): what player.c shares with
 * positions.c and the unit tests.
 *
 * The positions file keeps where the listener stopped, a line per text:
 *
 *     HASH<TAB>SENTENCE<TAB>SENTENCES<TAB>UNIX-TIME
 *
 * newest first, at most PLR_POSITIONS_MAX lines.  It is written through
 * base/out.c like any output (replaced whole when complete; a symbolic
 * link followed; a write-protected file refused), and read, changed and
 * written back under an exclusive flock(2) on its folder, so that players
 * quitting at once each keep their line.  A damaged file is refused with
 * its name and line (BOBAO_E_BINARY, BOBAO_E_ENCODING: exit 65), never
 * dropped silently.
 */
#ifndef PLR_H
#define PLR_H

#include <stdint.h>

#include "bb.h"

#define PLR_POSITIONS_MAX 100
#define PLR_LINE_MAX 128
#define PLR_FILE_MAX (64u << 10)   /* bytes: more is not a positions file */

/* A 64-bit FNV-1a hash, continued from h (start with PLR_HASH_INIT). */
#define PLR_HASH_INIT 0xcbf29ce484222325ULL
uint64_t plr_hash(uint64_t h, const void *data, size_t n);

struct plr_position {
	uint64_t hash;
	unsigned long sentence, sentences;   /* 1 <= sentence <= sentences */
	long long when;
};

/* Parse the n bytes of a positions file (name for messages) into out (room
 * for PLR_POSITIONS_MAX; later lines are checked, not kept).  A NUL byte
 * is BOBAO_E_BINARY, a line that is not a position BOBAO_E_ENCODING, with
 * "name:line[:col]: what" in err. */
bobao_code plr_positions_parse(const char *data, size_t n, const char *name,
                               struct plr_position *out, size_t *count, struct bb_err *err);

/* *sentence: the sentence kept for hash in the file at path, 1-based, 0
 * when none (also when the file does not exist).  Errors: the file is
 * damaged (65), unreadable or not a regular file. */
bobao_code plr_position_get(const char *path, uint64_t hash, unsigned long *sentence,
                            unsigned long *sentences, struct bb_err *err);

/* Keep sentence (of sentences) for hash, newest first; sentence 0 forgets
 * the hash.  Creates the file's folder (mode 0700) when missing.  force:
 * replace a write-protected file (play's --force). */
bobao_code plr_position_put(const char *path, uint64_t hash, unsigned long sentence,
                            unsigned long sentences, int force, struct bb_err *err);

/* Could the file at path be written (its folder made, not write-protected,
 * a regular file or none)?  Checked when the player opens, so that a play
 * is not lost to a position that cannot be kept at its end. */
bobao_code plr_position_check(const char *path, int force, struct bb_err *err);

/* ---- bulletin files (bulletin.c) ----
 *
 * An audio file is cut into marks a listener moves between: the cues of a
 * WebVTT file beside it (news.vtt for news.ogg: its sentences), else its
 * Ogg chapters (CHAPTERxxx comments), else steps of PLR_STEP_S seconds.
 * Each file and each chapter starts an article.  A stretch longer than a
 * minute (a long chapter) is decoded a minute at a time: it is cut into
 * marks marked cont, which are not stops of their own (the listener moves
 * by cues or chapters exactly). */
#define PLR_STEP_S 5

struct plr_mark {
	size_t file;            /* index of its input */
	double start;           /* seconds: where its stretch of the file begins */
	double speech;          /* where its speech begins (its cue), >= start */
	unsigned long article;  /* from 1 */
	const char *text;       /* cue text or chapter name; NULL for steps */
	int cont;               /* the next minute of the mark before: no stop */
};

struct plr_bulletin;

/* Open the files (all of one sample rate and channel count) and find their
 * marks.  On success *out is released with plr_bulletin_close(). */
bobao_code plr_bulletin_open(struct plr_bulletin **out, const char *const *paths, size_t n,
                             struct bb_err *err);
size_t plr_bulletin_count(const struct plr_bulletin *b);
const struct plr_mark *plr_bulletin_mark(const struct plr_bulletin *b, size_t k);
void plr_bulletin_format(const struct plr_bulletin *b, int *rate, int *channels);
/* The length of input file in seconds. */
double plr_bulletin_seconds(const struct plr_bulletin *b, size_t file);
/* Decode mark k's stretch (to the next mark of its file, or its end) into
 * pcm (int16, interleaved, reset first); *speech: the frame its speech
 * begins at. */
bobao_code plr_bulletin_read(struct plr_bulletin *b, size_t k, struct bb_buf *pcm,
                             size_t *speech, struct bb_err *err);
void plr_bulletin_close(struct plr_bulletin *b);
/* Does the name end in an audio extension (.wav .ogg .oga .opus .flac
 * .mp3)? */
int plr_is_audio(const char *path);

#endif /* PLR_H */
