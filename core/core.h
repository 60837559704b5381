/*
 * core.h - the pipeline behind the public API (internal).
 *
 * core_walk() streams the inputs through the text front end one line at a
 * time and hands every unit of speech to a walk_fn; render.c feeds those
 * units to the engine and the audio sink, bobao.c to text callbacks.
 * Memory is bounded by the longest paragraph (WALK_LINE_MAX), whatever the
 * length of the input.
 */
#ifndef CORE_H
#define CORE_H

#include <signal.h>
#include <stdio.h>

#include "bb.h"
#include "seg.h"
#include "tts.h"

#define WALK_LINE_MAX (1u << 20)   /* bytes in one paragraph (line) */
#define UNIT_AUDIO_MAX_S 300       /* seconds of audio in one unit */

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

enum walk_event {
	WALK_UNIT,       /* a unit of speech */
	WALK_LINE_END    /* end of an input line (WALK_PER_LINE only) */
};

struct walk_item {
	enum walk_event ev;
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

typedef bobao_code (*walk_fn)(void *ctx, const struct walk_item *w);

enum walk_flags {
	WALK_PER_LINE = 1 << 0,   /* report line ends; empty inputs allowed */
	WALK_FILES = 1 << 1       /* skip standard input (the pre-check) */
};

/* Stream inputs ("-" is standard input) through the front end. */
bobao_code core_walk(struct bobao *b, const char *const *inputs, size_t n,
                     unsigned flags, walk_fn fn, void *ctx);

/* The same over text held in memory (UTF-8), named name in messages; text
 * with nothing to speak is not an error here. */
bobao_code core_walk_mem(struct bobao *b, const char *text, size_t n, const char *name,
                         walk_fn fn, void *ctx);

/* Is name an input encoding: auto, utf-8, gb18030 (gbk, gb2312), big5? */
int core_encoding_known(const char *name);

/* The encoding of a seekable stream as "auto" judges it: "UTF-8",
 * "GB18030" or "BIG5" (iconv names), by validity.  Rewinds fp. */
const char *core_guess_encoding(FILE *fp);

/* Read the regular-file inputs completely once, without the engine, so
 * that bad input fails before any audio is produced. */
bobao_code core_check(struct bobao *b, const char *const *inputs, size_t n);

/* Create the reader (built-in lexicon, OpenCC) if it is not there yet. */
bobao_code core_reader(struct bobao *b);

/* Open the engine if it is not open yet. */
bobao_code core_engine(struct bobao *b);

/* A unit of speech as bytes: its spans, each a language byte (enum
 * tts_lang), a 32-bit length and the text (synth.c). */
bobao_code core_blob(const struct seg_speech *s, struct bb_buf *blob);

/* Put a rate span (words per minute) at the start of a blob: the unit's
 * spans are then spoken at that rate instead of the engine's. */
bobao_code core_blob_rate(struct bb_buf *blob, int rate);

/* Speak a blob into pcm (int16 samples, reset first): spans trimmed of their
 * own silence and joined with a short gap.  text: scratch. */
bobao_code core_synth(struct tts_engine *e, const char *blob, size_t n,
                      struct bb_buf *pcm, struct bb_buf *text,
                      volatile sig_atomic_t *stop, struct bb_err *err);

/* ---- worker processes (pool.c) ---- */

struct pool;

/* Called with each unit's audio, in the order the units were submitted;
 * tag is what pool_submit() was given.  Non-zero return: stop. */
typedef bobao_code (*pool_out_fn)(void *ctx, const int16_t *pcm, size_t n, long tag);

/* Workers to start for the --jobs option: asked, or one per online CPU. */
int pool_jobs(int asked);
/* Start jobs worker processes, each with its own engine opened with p; the
 * first error of a worker (an unknown voice) is returned with its message. */
bobao_code pool_start(struct pool **out, int jobs, const struct tts_params *p,
                      pool_out_fn fn, void *ctx, volatile sig_atomic_t *stop,
                      struct bb_err *err, int *sample_rate);
/* Queue a unit (a blob); may wait for and deliver earlier units. */
bobao_code pool_submit(struct pool *p, const struct bb_buf *blob, long tag);
/* Deliver everything still in flight. */
bobao_code pool_finish(struct pool *p);
/* Deliver what is ready, waiting at most timeout_ms for answers; for a
 * caller with other things to watch (the interactive player). */
bobao_code pool_poll(struct pool *p, int timeout_ms);
/* Units submitted and not delivered yet. */
size_t pool_pending(const struct pool *p);
/* Stop the workers and free the pool.  NULL is allowed. */
void pool_free(struct pool *p);

/* ---- the second pass of files (post.c) ---- */

struct aud_sink;
struct aud_sink_handler;
struct aud_params;

struct post {
	double target;       /* LUFS, when limit */
	double gain_db;      /* applied to every sample (first guess) */
	double ceiling_db;   /* true-peak ceiling, dBTP */
	int limit;           /* limit peaks (loudness correction on) */
	int rate;            /* sample rate of the output */
	int dual_mono;       /* measure as dual mono */
	int player;          /* into the player, not a file */
	int measure;         /* measure what is written (implied by limit) */
	volatile sig_atomic_t *stop;   /* checked at every block: interrupted */
};

struct post_result {
	double loudness, true_peak, seconds;
};

/* Pass 1 writes into this sink: a temporary file, measured. */
extern const struct aud_sink_handler core_capture_sink;
/* Integrated loudness of what the capture received, LUFS. */
double post_loudness(struct aud_sink *capture);
/* Pass 2: from the capture through gain, limiter and resampler into a file
 * sink opened with params; measured into *res. */
bobao_code post_finish(struct aud_sink *capture, const struct post *post,
                       const struct aud_params *params, struct post_result *res,
                       struct bb_err *err);

/* ---- sidecar files: subtitles, chapters, report, page (cues.c) ---- */

struct cues;

/* Open what out asks for (subtitles, chapters, report; each may be NULL),
 * written under temporary names and renamed by cues_close(commit). */
bobao_code cues_open(struct cues **out, const struct bobao_output *o, struct bb_err *err);
/* A unit of speech heard from start to end seconds; text as written;
 * title: its article's, when it starts one (NULL: its first sentence). */
bobao_code cues_unit(struct cues *c, enum bobao_break brk, int sentence_end,
                     const char *text, const char *title, double start, double end);
/* The last cue, the report's figures; write all out and flush them to
 * disk, not yet in place (what can fail for lack of space fails here, before
 * the bulletin is put in place).  st NULL: all but the report, whose
 * figures are not known yet; call again with them.  NULL c is allowed. */
bobao_code cues_finish(struct cues *c, const struct bobao_stats *st,
                       const struct bobao_output *o, struct bb_err *err);
/* Close all and free c: commit (after cues_finish) puts them in place,
 * else they are dropped.  NULL c is allowed. */
bobao_code cues_close(struct cues *c, int commit, struct bb_err *err);
/* The captions written for the page (--html without a .vtt --subtitles),
 * else NULL; owned by c. */
const char *cues_captions(const struct cues *c);
/* The captions o's page needs beside it (--html without a .vtt
 * --subtitles): *path, malloc'd, or NULL when none are written.
 * BOBAO_E_ARG when they would be the page itself (a page named .vtt). */
bobao_code cues_captions_path(const struct bobao_output *o, char **path, struct bb_err *err);
/* Count the Han characters of a unit read, and those of traditional
 * units, for the page's language. */
void cues_script(struct cues *c, const struct walk_item *w);

/* Refuse (BOBAO_E_ARG) outputs of out that would land on an input, a
 * jingle, a lexicon, out->reads, or on each other (outputs.c); positions:
 * the player's positions file, also written, or NULL. */
bobao_code core_check_outputs(struct bobao *b, const char *const *inputs, size_t n,
                              const struct bobao_output *out, const char *positions);

/* The public functions' own checks: BOBAO_E_ARG, with a message on b,
 * unless inputs holds n paths, none NULL (inputs may be NULL when n is 0). */
bobao_code core_check_inputs(struct bobao *b, const char *const *inputs, size_t n);

/* Map a bobao_code from a lower layer to the handle's error message. */
bobao_code core_fail(struct bobao *b, bobao_code rc);

#endif /* CORE_H */
