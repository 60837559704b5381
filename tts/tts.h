/*
 * tts.h - speech engines (internal).
 *
 * An engine is a handler struct (tts_handler) plus its private state.
 * Adding an engine is one new file defining a handler and one line in
 * tts_handlers[] (engine.c).
 *
 *     struct tts_engine e = TTS_ENGINE_INIT;
 *     rc = tts_open(&e, "espeak-ng", &params, &err);
 *     rc = tts_synth(&e, "ni3 hao3.", TTS_MANDARIN, fn, ctx, &err);
 *     tts_close(&e);        // also after a failed tts_open
 *
 * Output is mono signed 16-bit PCM at e.sample_rate, handed to fn in
 * pieces as it is produced.
 */
#ifndef TTS_H
#define TTS_H

#include <stddef.h>
#include <stdint.h>

#include <signal.h>

#include "bb.h"

enum tts_lang {
	TTS_MANDARIN,   /* pinyin with tone digits: "yin2 hang2" */
	TTS_LATIN       /* English words and acronyms */
};

struct tts_params {
	const char *voice;        /* Mandarin voice */
	const char *latin_voice;  /* voice for TTS_LATIN */
	int rate, pitch, volume;
	/* two presenters taking turns, or NULLs: the Mandarin and the Latin
	 * voice of each; a unit names its presenter (synth.c) */
	const char *presenter[2], *presenter_latin[2];
};

/* Return non-zero to stop the synthesis (tts_synth then fails with
 * BOBAO_E_INTERRUPTED). */
typedef int (*tts_pcm_fn)(void *ctx, const int16_t *pcm, size_t n);

typedef int (*tts_voice_fn)(void *ctx, const char *name, const char *language,
                            const char *description, int mandarin);

struct tts_engine;

struct tts_handler {
	const char *name;
	bobao_code (*open)(struct tts_engine *e, struct bb_err *err);
	bobao_code (*synth)(struct tts_engine *e, const char *text, enum tts_lang lang,
	                    tts_pcm_fn fn, void *ctx, struct bb_err *err);
	/* Phoneme mnemonics of text as the engine reads it, appended to out. */
	bobao_code (*phonemes)(struct tts_engine *e, const char *text,
	                       enum tts_lang lang, struct bb_buf *out,
	                       struct bb_err *err);
	/* Works without open. */
	bobao_code (*voices)(int all, tts_voice_fn fn, void *ctx, struct bb_err *err);
	void (*close)(struct tts_engine *e);
};

struct tts_engine {
	const struct tts_handler *h;   /* NULL while closed */
	struct tts_params p;
	int sample_rate;
	void *priv;
};
#define TTS_ENGINE_INIT { NULL, { NULL, NULL, 0, 0, 0, { NULL, NULL }, { NULL, NULL } }, 0, NULL }

extern const struct tts_handler *const tts_handlers[];  /* NULL-terminated */
extern const struct tts_handler tts_espeak;

const struct tts_handler *tts_find(const char *name);
bobao_code tts_open(struct tts_engine *e, const char *name,
                    const struct tts_params *p, struct bb_err *err);
bobao_code tts_synth(struct tts_engine *e, const char *text, enum tts_lang lang,
                     tts_pcm_fn fn, void *ctx, struct bb_err *err);
bobao_code tts_phonemes(struct tts_engine *e, const char *text, enum tts_lang lang,
                        struct bb_buf *out, struct bb_err *err);
void tts_close(struct tts_engine *e);

/* ---- units of speech (synth.c) ---- */

struct seg_speech;

#define TTS_UNIT_AUDIO_MAX_S 300       /* seconds of audio in one unit */

/* A unit of speech as bytes: its spans, each a language byte (enum
 * tts_lang), a 32-bit length and the text (synth.c). */
bobao_code tts_blob(const struct seg_speech *s, struct bb_buf *blob);

/* Put a rate span (words per minute) at the start of a blob: the unit's
 * spans are then spoken at that rate instead of the engine's. */
bobao_code tts_blob_rate(struct bb_buf *blob, int rate);
/* Put a presenter span (0 or 1) at the start of a blob: the unit is read
 * in that presenter's voices (struct tts_params's presenter). */
bobao_code tts_blob_presenter(struct bb_buf *blob, int presenter);

/* Speak a blob into pcm (int16 samples, reset first): spans trimmed of their
 * own silence and joined with a short gap.  text: scratch. */
bobao_code tts_synth_blob(struct tts_engine *e, const char *blob, size_t n,
                          struct bb_buf *pcm, struct bb_buf *text,
                          volatile sig_atomic_t *stop, struct bb_err *err);

/* ---- worker processes (pool.c) ---- */

struct tts_pool;

/* Called with each unit's audio, in the order the units were submitted;
 * tag is what tts_pool_submit() was given.  Non-zero return: stop. */
typedef bobao_code (*tts_pool_out_fn)(void *ctx, const int16_t *pcm, size_t n, long tag);

/* Workers to start for the --jobs option: asked, or one per online CPU. */
int tts_pool_jobs(int asked);
/* Start jobs worker processes, each with its own engine opened with p; the
 * first error of a worker (an unknown voice) is returned with its message. */
bobao_code tts_pool_start(struct tts_pool **out, int jobs, const struct tts_params *p,
                          tts_pool_out_fn fn, void *ctx, volatile sig_atomic_t *stop,
                          struct bb_err *err, int *sample_rate);
/* Queue a unit (a blob); may wait for and deliver earlier units. */
bobao_code tts_pool_submit(struct tts_pool *p, const struct bb_buf *blob, long tag);
/* Deliver everything still in flight. */
bobao_code tts_pool_finish(struct tts_pool *p);
/* Deliver what is ready, waiting at most timeout_ms for answers; for a
 * caller with other things to watch (the interactive player). */
bobao_code tts_pool_poll(struct tts_pool *p, int timeout_ms);
/* Units submitted and not delivered yet. */
size_t tts_pool_pending(const struct tts_pool *p);
/* Stop the workers and free the pool.  NULL is allowed. */
void tts_pool_free(struct tts_pool *p);

#endif /* TTS_H */
