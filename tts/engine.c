/* engine.c - the engine registry and dispatch. */
#include <string.h>

#include "tts.h"

const struct tts_handler *const tts_handlers[] = {
	&tts_espeak,
	NULL
};

const struct tts_handler *tts_find(const char *name)
{
	size_t i;

	for (i = 0; tts_handlers[i]; i++)
		if (!name || !strcmp(tts_handlers[i]->name, name))
			return tts_handlers[i];
	return NULL;
}

bobao_code tts_open(struct tts_engine *e, const char *name,
                    const struct tts_params *p, struct bb_err *err)
{
	const struct tts_handler *h = tts_find(name);
	bobao_code rc;

	if (!h)
		return bb_err_set(err, BOBAO_E_ENGINE, "unknown speech engine '%s'", name);
	e->h = h;
	e->p = *p;
	e->priv = NULL;
	e->sample_rate = 0;
	if ((rc = h->open(e, err)) != BOBAO_OK)
		tts_close(e);
	return rc;
}

bobao_code tts_synth(struct tts_engine *e, const char *text, enum tts_lang lang,
                     tts_pcm_fn fn, void *ctx, struct bb_err *err)
{
	if (!e->h)
		return bb_err_set(err, BOBAO_E_INTERNAL, "speech engine not open");
	return e->h->synth(e, text, lang, fn, ctx, err);
}

bobao_code tts_phonemes(struct tts_engine *e, const char *text, enum tts_lang lang,
                        struct bb_buf *out, struct bb_err *err)
{
	if (!e->h)
		return bb_err_set(err, BOBAO_E_INTERNAL, "speech engine not open");
	return e->h->phonemes(e, text, lang, out, err);
}

void tts_close(struct tts_engine *e)
{
	if (e->h && e->h->close)
		e->h->close(e);
	e->h = NULL;
	e->priv = NULL;
}

void tts_forked(void)
{
	size_t i;

	for (i = 0; tts_handlers[i]; i++)
		if (tts_handlers[i]->forked)
			tts_handlers[i]->forked();
}
