/*
 * synth.c - one unit of speech to PCM, in this process or in a worker.
 *
 * A unit travels as a "blob": its spans one after the other, each a
 * language byte, a 32-bit length and the text, so that the same bytes feed
 * the engine here and go down a socket to a worker process.  Each span is
 * synthesized, its own leading and trailing silence cut, and the spans are
 * joined with a short gap.
 */
#include <string.h>

#include "aud.h"
#include "seg.h"
#include "tts.h"

#define SPAN_GAP_MS 40   /* between a Mandarin and a Latin span */
#define SPAN_RATE 'R'    /* not speech: the rate for the spans after it */
#define SPAN_PRESENTER 'P'  /* not speech: whose voices read them */

bobao_code tts_blob(const struct seg_speech *s, struct bb_buf *blob)
{
	bobao_code rc = BOBAO_OK;
	size_t i;

	bb_buf_reset(blob);
	for (i = 0; i < seg_speech_count(s) && rc == BOBAO_OK; i++) {
		const struct seg_span *sp = seg_speech_span(s, i);
		unsigned char lang = sp->lang == SEG_LANG_LATIN ? TTS_LATIN : TTS_MANDARIN;
		uint32_t len = (uint32_t)sp->len;

		if ((rc = bb_buf_add(blob, &lang, 1)) == BOBAO_OK &&
		    (rc = bb_buf_add(blob, &len, sizeof(len))) == BOBAO_OK)
			rc = bb_buf_add(blob, s->text.ptr + sp->off, sp->len);
	}
	return rc;
}

/* A span of one 32-bit value at the start of blob. */
static bobao_code blob_setting(struct bb_buf *blob, unsigned char kind, int32_t v)
{
	unsigned char span[9] = { kind };
	uint32_t len = sizeof(v);
	size_t n = blob->len;
	bobao_code rc;

	memcpy(span + 1, &len, sizeof(len));
	memcpy(span + 5, &v, sizeof(v));
	if ((rc = bb_buf_grow(blob, sizeof(span))) != BOBAO_OK)
		return rc;
	if (n)
		memmove(blob->ptr + sizeof(span), blob->ptr, n);
	memcpy(blob->ptr, span, sizeof(span));
	blob->len = n + sizeof(span);
	blob->ptr[blob->len] = '\0';
	return BOBAO_OK;
}

bobao_code tts_blob_rate(struct bb_buf *blob, int rate)
{
	return blob_setting(blob, SPAN_RATE, rate);
}

bobao_code tts_blob_presenter(struct bb_buf *blob, int presenter)
{
	return blob_setting(blob, SPAN_PRESENTER, presenter);
}

struct collect {
	struct bb_buf *pcm;
	volatile sig_atomic_t *stop;
	bobao_code rc;
};

static int collect(void *ctx, const int16_t *pcm, size_t n)
{
	struct collect *c = ctx;

	if (c->stop && *c->stop) {
		c->rc = BOBAO_E_INTERRUPTED;
		return 1;
	}
	if ((c->rc = bb_buf_add(c->pcm, pcm, n * sizeof(*pcm))) != BOBAO_OK)
		return 1;
	return 0;
}

/* Cut the span at pcm[start..] to its audible part, after a gap. */
static bobao_code trim_span(struct bb_buf *pcm, size_t start, int rate)
{
	int16_t *base = (int16_t *)(void *)(pcm->ptr + start);
	size_t first, last, gap;
	bobao_code rc;

	if (!aud_audible(base, (pcm->len - start) / 2, &first, &last)) {
		pcm->len = start;
		return BOBAO_OK;
	}
	gap = start ? (size_t)rate * SPAN_GAP_MS / 1000 : 0;
	if ((rc = bb_buf_grow(pcm, gap * 2)) != BOBAO_OK)
		return rc;
	base = (int16_t *)(void *)(pcm->ptr + start);
	memmove(base + gap, base + first, (last + 1 - first) * 2);
	memset(base, 0, gap * 2);
	pcm->len = start + (gap + last + 1 - first) * 2;
	return BOBAO_OK;
}

bobao_code tts_synth_blob(struct tts_engine *e, const char *blob, size_t n,
                          struct bb_buf *pcm, struct bb_buf *text,
                          volatile sig_atomic_t *stop, struct bb_err *err)
{
	struct collect c = { pcm, stop, BOBAO_OK };
	size_t i = 0, start;
	bobao_code rc = BOBAO_OK;

	bb_buf_reset(pcm);
	while (i + 5 <= n && rc == BOBAO_OK) {
		unsigned char lang = (unsigned char)blob[i];
		uint32_t len;

		memcpy(&len, blob + i + 1, sizeof(len));
		i += 5;
		if (len > n - i)
			return bb_err_set(err, BOBAO_E_INTERNAL, "malformed unit of speech");
		if (lang == SPAN_RATE || lang == SPAN_PRESENTER) {
			int32_t v;

			if (len != sizeof(v))
				return bb_err_set(err, BOBAO_E_INTERNAL, "malformed unit of speech");
			memcpy(&v, blob + i, sizeof(v));
			i += len;
			if (lang == SPAN_RATE) {
				e->p.rate = v;   /* the engine applies it on its next call */
			} else if (v >= 0 && v < 2 && e->p.presenter[v]) {
				e->p.voice = e->p.presenter[v];
				e->p.latin_voice = e->p.presenter_latin[v];
			}
			continue;
		}
		bb_buf_reset(text);
		if ((rc = bb_buf_add(text, blob + i, len)) != BOBAO_OK)
			break;
		i += len;
		start = pcm->len;
		c.rc = BOBAO_OK;
		rc = tts_synth(e, bb_buf_str(text), lang == TTS_LATIN ? TTS_LATIN : TTS_MANDARIN,
		               collect, &c, err);
		if (c.rc == BOBAO_E_TOOLONG)
			return bb_err_set(err, BOBAO_E_TOOLONG,
			                  "a sentence gives more than %d s of audio", TTS_UNIT_AUDIO_MAX_S);
		if (c.rc != BOBAO_OK)
			return c.rc;
		if (rc == BOBAO_OK)
			rc = trim_span(pcm, start, e->sample_rate);
	}
	return rc;
}
