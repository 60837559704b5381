/*
 * core.h - the pipeline behind the public API (internal).
 *
 * core_walk() streams the inputs through the text front end one line at a
 * time and hands every unit of speech to a core_walk_fn; render.c feeds those
 * units to the engine and the audio sink, bobao.c to text callbacks.
 * Memory is bounded by the longest paragraph (CORE_WALK_LINE_MAX), whatever the
 * length of the input.
 */
#ifndef CORE_H
#define CORE_H

#include <signal.h>
#include <stdio.h>

#include "bb.h"
#include "seg.h"
#include "tts.h"

#define CORE_WALK_LINE_MAX (1u << 20)   /* bytes in one paragraph (line) */

struct bobao {
	struct bobao_options opt;   /* strings point to the copies below */
	char *voice, *latin_voice, *encoding;
	struct bb_err err;
	volatile sig_atomic_t stop;
	struct tts_engine engine;
	struct seg_reader *reader;  /* created by the first call that reads */
	struct bobao_stats stats;   /* of the last render */
	char **lexicons;            /* paths added, for core_check_outputs() */
	size_t n_lexicons;
};

enum core_walk_event {
	CORE_WALK_UNIT,       /* a unit of speech */
	CORE_WALK_LINE_END    /* end of an input line (CORE_WALK_PER_LINE only) */
};

struct core_walk_item {
	enum core_walk_event ev;
	enum bobao_break brk;
	const char *input;
	unsigned long line;
	const struct seg_text *text;    /* the cleaned paragraph */
	const struct seg_unit *unit;    /* range of text */
	const struct seg_text *spoken;  /* its spoken form */
	const struct seg_speech *speech;
	double fraction;                /* of the input consumed, -1 unknown */
	int headline;                   /* from a line marked "# " */
};

typedef bobao_code (*core_walk_fn)(void *ctx, const struct core_walk_item *w);

enum core_walk_flags {
	CORE_WALK_PER_LINE = 1 << 0,   /* report line ends; empty inputs allowed */
	CORE_WALK_FILES = 1 << 1       /* skip standard input (the pre-check) */
};

/* Stream inputs ("-" is standard input) through the front end. */
bobao_code core_walk(struct bobao *b, const char *const *inputs, size_t n,
                     unsigned flags, core_walk_fn fn, void *ctx);

/* The same over text held in memory (UTF-8), named name in messages; text
 * with nothing to speak is not an error here. */
bobao_code core_walk_mem(struct bobao *b, const char *text, size_t n, const char *name,
                         core_walk_fn fn, void *ctx);

/* Read the regular-file inputs completely once, without the engine, so
 * that bad input fails before any audio is produced. */
bobao_code core_check(struct bobao *b, const char *const *inputs, size_t n);

/* Create the reader (built-in lexicon, OpenCC) if it is not there yet. */
bobao_code core_reader(struct bobao *b);

/* The engine's parameters from b's options (no presenters). */
void core_tts_params(const struct bobao *b, struct tts_params *p);

/* Open the engine if it is not open yet. */
bobao_code core_engine(struct bobao *b);

/* Refuse (BOBAO_E_ARG) outputs of out that would land on an input, a
 * jingle, a lexicon, out->reads, or on each other (outputs.c). */
bobao_code core_check_outputs(struct bobao *b, const char *const *inputs, size_t n,
                              const struct bobao_output *out);

/* Map a bobao_code from a lower layer to the handle's error message. */
bobao_code core_fail(struct bobao *b, bobao_code rc);

/* A new file only its owner may read, $TMPDIR/bobao-WHAT.XXXXXX (or
 * /tmp), open for writing in *fp, its path in *path (the caller closes fp,
 * unlinks and frees path); on failure both are NULL (memory.c). */
bobao_code core_temp_file(struct bobao *b, const char *what, char **path, FILE **fp);

#endif /* CORE_H */
