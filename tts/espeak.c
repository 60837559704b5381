/*
 * espeak.c - the eSpeak NG engine, through libespeak-ng in synchronous
 * mode.
 *
 * eSpeak NG keeps its state in globals: one open engine per process.  It
 * is initialised once and never terminated: in 1.51 a second
 * espeak_ng_Terminate() after a new espeak_ng_Initialize() deadlocks.
 * Mandarin goes to a pinyin voice (cmn-latn-pinyin), which applies 3-3
 * tone sandhi itself; the plain "cmn" voice reads tone digits as English
 * numbers and is refused.  Latin runs go to the Latin voice ("en").
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include "tts.h"

struct espeak {
	const char *current;  /* voice selected now */
	int rate, pitch, volume;  /* as applied to it */
};

static int is_open;        /* an engine is open in this process */
static int initialised;    /* eSpeak NG is initialised (for good) */

struct call {
	tts_pcm_fn fn;
	void *ctx;
	int stopped;
};

/* Never asks eSpeak NG to abort: after an aborted synthesis
 * espeak_ng_Terminate() deadlocks (1.51).  A stopped call runs to the end
 * of its text, at most one unit of speech, and its samples are dropped. */
static int callback(short *wav, int n, espeak_EVENT *events)
{
	struct call *c = events ? events->user_data : NULL;

	if (c && !c->stopped && wav && n > 0 && c->fn &&
	    c->fn(c->ctx, (const int16_t *)wav, (size_t)n))
		c->stopped = 1;
	return 0;
}

static bobao_code status(struct bb_err *err, espeak_ng_STATUS st, const char *what)
{
	char msg[256];

	espeak_ng_GetStatusCodeMessage(st, msg, sizeof(msg));
	return bb_err_set(err, BOBAO_E_ENGINE, "eSpeak NG: %s: %s", what, msg);
}

/*
 * eSpeak NG 1.51 opens an audio device in espeak_ng_InitializeOutput()
 * whatever the mode (pcaudiolib's create_audio_device_object() probes
 * PulseAudio: it creates ~/.config/pulse and /tmp/pulse-*, and prints
 * "Failed to create secure directory" when HOME is not writable).  bobao
 * only ever takes the samples through the callback, and only `play` may
 * touch a sound system (through libao), so this definition takes the
 * library's place: eSpeak NG gets no device and never uses one in
 * synchronous mode.  Exported, so that it wins in the shared library too.
 */
struct audio_object;
__attribute__((visibility("default"))) struct audio_object *
create_audio_device_object(const char *device, const char *application, const char *description);

__attribute__((visibility("default"))) struct audio_object *
create_audio_device_object(const char *device, const char *application, const char *description)
{
	(void)device;
	(void)application;
	(void)description;
	return NULL;
}

static bobao_code initialise(struct bb_err *err)
{
	espeak_ng_ERROR_CONTEXT ctx = NULL;
	espeak_ng_STATUS st;

	if (initialised)
		return BOBAO_OK;
	espeak_ng_InitializePath(NULL);
	st = espeak_ng_Initialize(&ctx);
	espeak_ng_ClearErrorContext(&ctx);
	if (st != ENS_OK)
		return status(err, st, "cannot initialise");
	st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
	if (st != ENS_OK)
		return status(err, st, "cannot initialise output");
	espeak_SetSynthCallback(callback);
	initialised = 1;
	return BOBAO_OK;
}

/* Does a voice read pinyin?  Its identifier ends in "pinyin", before any
 * +variant: sit/cmn-Latn-pinyin, sit/cmn-Latn-pinyin+f2. */
static int pinyin_voice(const char *id)
{
	size_t n = id ? strcspn(id, "+") : 0;

	return n >= 6 && !strncasecmp(id + n - 6, "pinyin", 6);
}

static bobao_code params(const struct tts_params *p)
{
	if (espeak_ng_SetParameter(espeakRATE, p->rate, 0) != ENS_OK ||
	    espeak_ng_SetParameter(espeakPITCH, p->pitch, 0) != ENS_OK ||
	    espeak_ng_SetParameter(espeakVOLUME, p->volume, 0) != ENS_OK)
		return BOBAO_E_ENGINE;
	return BOBAO_OK;
}

static bobao_code select_voice(struct tts_engine *e, enum tts_lang lang,
                               struct bb_err *err)
{
	struct espeak *s = e->priv;
	const char *want = lang == TTS_LATIN ? e->p.latin_voice : e->p.voice;
	espeak_ng_STATUS st;

	/* the parameters may change between calls (the player's rate keys) */
	if (s->current == want && s->rate == e->p.rate && s->pitch == e->p.pitch &&
	    s->volume == e->p.volume)
		return BOBAO_OK;
	if (s->current != want) {
		st = espeak_ng_SetVoiceByName(want);
		if (st != ENS_OK) {
			s->current = NULL;
			return bb_err_set(err, BOBAO_E_VOICE,
			                  "unknown voice '%s' (see 'bobao voices')", want);
		}
		s->current = want;
	}
	if (params(&e->p) != BOBAO_OK) {
		s->current = NULL;
		return bb_err_set(err, BOBAO_E_ENGINE, "eSpeak NG refused rate, pitch or volume");
	}
	s->rate = e->p.rate;
	s->pitch = e->p.pitch;
	s->volume = e->p.volume;
	return BOBAO_OK;
}

/* Select the Latin, then the Mandarin voice of e->p: both must exist, and
 * the Mandarin one must read pinyin. */
static bobao_code check_voices(struct tts_engine *e, struct bb_err *err)
{
	bobao_code rc;

	if ((rc = select_voice(e, TTS_LATIN, err)) != BOBAO_OK ||
	    (rc = select_voice(e, TTS_MANDARIN, err)) != BOBAO_OK)
		return rc;
	if (!pinyin_voice(espeak_GetCurrentVoice() ? espeak_GetCurrentVoice()->identifier : NULL))
		return bb_err_set(err, BOBAO_E_VOICE,
		                  "voice '%s' does not read pinyin (use cmn-latn-pinyin, see 'bobao voices')",
		                  e->p.voice);
	return BOBAO_OK;
}

static bobao_code es_open(struct tts_engine *e, struct bb_err *err)
{
	struct espeak *s;
	const char *voice = e->p.voice, *latin = e->p.latin_voice;
	bobao_code rc = BOBAO_OK;
	int i;

	if (is_open)
		return bb_err_set(err, BOBAO_E_ENGINE, "eSpeak NG is already in use in this process");
	if ((rc = initialise(err)) != BOBAO_OK)
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return BOBAO_E_NOMEM;
	e->priv = s;
	is_open = 1;
	e->sample_rate = espeak_ng_GetSampleRate();
	/* check the voices now, so that a bad name fails before any audio:
	 * the presenters', then the ones selected between units */
	for (i = 0; i < 2 && rc == BOBAO_OK; i++) {
		if (!e->p.presenter[i])
			continue;
		e->p.voice = e->p.presenter[i];
		e->p.latin_voice = e->p.presenter_latin[i];
		rc = check_voices(e, err);
	}
	e->p.voice = voice;
	e->p.latin_voice = latin;
	return rc == BOBAO_OK ? check_voices(e, err) : rc;
}

static bobao_code es_synth(struct tts_engine *e, const char *text, enum tts_lang lang,
                           tts_pcm_fn fn, void *ctx, struct bb_err *err)
{
	struct call c = { fn, ctx, 0 };
	espeak_ng_STATUS st;
	bobao_code rc;

	if ((rc = select_voice(e, lang, err)) != BOBAO_OK)
		return rc;
	st = espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
	                          espeakCHARS_UTF8, NULL, &c);
	if (c.stopped)
		return BOBAO_E_INTERRUPTED;
	if (st != ENS_OK)
		return status(err, st, "cannot synthesize");
	return BOBAO_OK;
}

static bobao_code es_phonemes(struct tts_engine *e, const char *text, enum tts_lang lang,
                              struct bb_buf *out, struct bb_err *err)
{
	struct call c = { NULL, NULL, 0 };
	char *trace = NULL;
	size_t len = 0, i;
	FILE *fp;
	espeak_ng_STATUS st;
	bobao_code rc;

	if ((rc = select_voice(e, lang, err)) != BOBAO_OK)
		return rc;
	if (!(fp = open_memstream(&trace, &len)))
		return BOBAO_E_NOMEM;
	espeak_SetPhonemeTrace(1, fp);
	st = espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
	                          espeakCHARS_UTF8, NULL, &c);
	espeak_SetPhonemeTrace(0, NULL);
	fclose(fp);
	if (st != ENS_OK) {
		free(trace);
		return status(err, st, "cannot translate to phonemes");
	}
	/* the trace has one line per clause: join them with spaces */
	while (len && isspace((unsigned char)trace[len - 1]))
		len--;
	for (i = 0; i < len && rc == BOBAO_OK; i++)
		rc = bb_buf_addch(out, trace[i] == '\n' ? ' ' : trace[i]);
	free(trace);
	return rc;
}

/* "languages" in espeak_VOICE: a priority byte, a name, NUL; repeated,
 * ended by an empty name.  The first is the main language. */
static const char *language(const espeak_VOICE *v)
{
	return v->languages && v->languages[0] ? v->languages + 1 : "";
}

static bobao_code es_voices(int all, tts_voice_fn fn, void *ctx, struct bb_err *err)
{
	const espeak_VOICE **list;
	int pass, i, mandarin;
	bobao_code rc;

	if ((rc = initialise(err)) != BOBAO_OK)
		return rc;
	list = espeak_ListVoices(NULL);
	for (pass = 0; pass < 2 && rc == BOBAO_OK; pass++) {
		for (i = 0; list && list[i]; i++) {
			const char *lang = language(list[i]);

			mandarin = pinyin_voice(list[i]->identifier);
			if (mandarin != (pass == 0))
				continue;
			if (!all && !mandarin && strncmp(lang, "en", 2))
				continue;
			/* --voice takes the language name: cmn-latn-pinyin */
			if (fn(ctx, lang, lang, list[i]->name, mandarin)) {
				rc = BOBAO_E_INTERRUPTED;
				break;
			}
		}
	}
	return rc;
}

static void es_close(struct tts_engine *e)
{
	if (e->priv)
		is_open = 0;
	free(e->priv);
}

const struct tts_handler tts_espeak = {
	"espeak-ng",
	es_open,
	es_synth,
	es_phonemes,
	es_voices,
	es_close,
};
