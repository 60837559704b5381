/*
 * plr.h - the interactive player (internal): what player.c shares with
 * positions.c and the unit tests.
 *
 * The positions file keeps where the listener stopped, a line per text:
 *
 *     HASH<TAB>SENTENCE<TAB>SENTENCES<TAB>UNIX-TIME
 *
 * newest first, at most PLR_POSITIONS_MAX lines; it is rewritten whole
 * under a temporary name beside it and renamed, so a crash leaves the old
 * file or the new one, never half of one.  Lines that do not parse are
 * dropped on the next write.
 */
#ifndef PLR_H
#define PLR_H

#include <stdint.h>

#include "bb.h"

#define PLR_POSITIONS_MAX 100
#define PLR_LINE_MAX 128

/* A 64-bit FNV-1a hash, continued from h (start with PLR_HASH_INIT). */
#define PLR_HASH_INIT 0xcbf29ce484222325ULL
uint64_t plr_hash(uint64_t h, const void *data, size_t n);

/* The sentence kept for hash in the file at path: 1-based, 0 when none
 * (also when the file does not exist or cannot be read). */
unsigned long plr_position_get(const char *path, uint64_t hash, unsigned long *sentences);

/* Keep sentence (of sentences) for hash, newest first; sentence 0 forgets
 * the hash.  Creates the file's folder (mode 0700) when missing. */
bobao_code plr_position_put(const char *path, uint64_t hash, unsigned long sentence,
                            unsigned long sentences, struct bb_err *err);

#endif /* PLR_H */
