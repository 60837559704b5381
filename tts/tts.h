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

#include "bb.h"

enum tts_lang {
	TTS_MANDARIN,   /* pinyin with tone digits: "yin2 hang2" */
	TTS_LATIN       /* English words and acronyms */
};

struct tts_params {
	const char *voice;        /* Mandarin voice */
	const char *latin_voice;  /* voice for TTS_LATIN */
	int rate, pitch, volume;
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
	/* In a child process that leaves the engines it inherited alone (a
	 * synthesis worker): forget them, so that it may open its own.  NULL:
	 * nothing to forget. */
	void (*forked)(void);
};

struct tts_engine {
	const struct tts_handler *h;   /* NULL while closed */
	struct tts_params p;
	int sample_rate;
	void *priv;
};
#define TTS_ENGINE_INIT { NULL, { NULL, NULL, 0, 0, 0 }, 0, NULL }

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
/* Call in a forked child that will not use the parent's open engines:
 * each handler's forked(), so that tts_open() works there (bobao_render()
 * after bobao_speak() forks its workers with the handle's engine open). */
void tts_forked(void);

#endif /* TTS_H */
