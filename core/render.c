/*
 * render.c - text to audio: engine, assembler, sink.
 *
 * Unit by unit: each span of the unit is synthesized, its own leading and
 * trailing silence cut, spans joined with a short gap; the assembler then
 * trims the unit and writes the exact pause before it.  Only one unit of
 * audio is held at a time.
 */
#include <string.h>
#include <time.h>

#include "aud.h"
#include "core.h"

#define SPAN_GAP_MS 40   /* between a Mandarin and a Latin span */

struct render {
	struct bobao *b;
	struct aud_sink sink;
	struct aud_assembler as;
	struct bb_buf pcm;        /* the current unit, int16 samples */
	struct bb_buf span;       /* the current span's text */
	bobao_code pcm_rc;        /* why collect() stopped the engine */
	unsigned long units;
	struct timespec t0;
};

static double since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static int collect(void *ctx, const int16_t *pcm, size_t n)
{
	struct render *r = ctx;

	if (r->b->stop) {
		r->pcm_rc = BOBAO_E_INTERRUPTED;
		return 1;
	}
	if ((r->pcm_rc = bb_buf_add(&r->pcm, pcm, n * sizeof(*pcm))) != BOBAO_OK)
		return 1;
	return 0;
}

static int pause_of(const struct bobao_options *o, enum bobao_break brk)
{
	switch (brk) {
	case BOBAO_BREAK_NONE:      return o->lead_in;
	case BOBAO_BREAK_BREATH:    return o->pause_breath;
	case BOBAO_BREAK_SENTENCE:  return o->pause_sentence;
	case BOBAO_BREAK_PARAGRAPH: return o->pause_paragraph;
	case BOBAO_BREAK_ARTICLE:   return o->pause_article;
	}
	return o->pause_sentence;
}

/* Synthesize one span onto the end of r->pcm, trimmed, after a gap. */
static bobao_code span(struct render *r, const struct seg_speech *s, size_t i)
{
	const struct seg_span *sp = seg_speech_span(s, i);
	size_t start = r->pcm.len, first, last, gap;
	int16_t *base;
	bobao_code rc;

	bb_buf_reset(&r->span);
	if ((rc = bb_buf_add(&r->span, s->text.ptr + sp->off, sp->len)) != BOBAO_OK)
		return rc;
	r->pcm_rc = BOBAO_OK;
	rc = tts_synth(&r->b->engine, bb_buf_str(&r->span),
	               sp->lang == SEG_LANG_LATIN ? TTS_LATIN : TTS_MANDARIN,
	               collect, r, &r->b->err);
	if (r->pcm_rc == BOBAO_E_TOOLONG)
		return bb_err_set(&r->b->err, BOBAO_E_TOOLONG,
		                  "a sentence gives more than %d s of audio", UNIT_AUDIO_MAX_S);
	if (r->pcm_rc != BOBAO_OK)
		return r->pcm_rc;
	if (rc != BOBAO_OK)
		return rc;
	base = (int16_t *)(void *)(r->pcm.ptr + start);
	if (!aud_audible(base, (r->pcm.len - start) / 2, &first, &last)) {
		r->pcm.len = start;
		return BOBAO_OK;
	}
	gap = start ? (size_t)r->b->engine.sample_rate * SPAN_GAP_MS / 1000 : 0;
	/* keep [first, last] and put the gap before it, in place */
	if ((rc = bb_buf_grow(&r->pcm, gap * 2)) != BOBAO_OK)
		return rc;
	base = (int16_t *)(void *)(r->pcm.ptr + start);
	memmove(base + gap, base + first, (last + 1 - first) * 2);
	memset(base, 0, gap * 2);
	r->pcm.len = start + (gap + last + 1 - first) * 2;
	return BOBAO_OK;
}

static bobao_code unit(void *ctx, const struct walk_item *w)
{
	struct render *r = ctx;
	const struct bobao_options *o = &r->b->opt;
	struct bobao_progress p;
	bobao_code rc = BOBAO_OK;
	size_t i;

	bb_buf_reset(&r->pcm);
	for (i = 0; i < seg_speech_count(w->speech) && rc == BOBAO_OK; i++)
		rc = span(r, w->speech, i);
	if (rc != BOBAO_OK)
		return rc;
	rc = aud_assembler_unit(&r->as, (const int16_t *)(const void *)r->pcm.ptr,
	                        r->pcm.len / 2, pause_of(o, w->brk), &r->b->err);
	if (rc != BOBAO_OK)
		return rc;
	r->units++;
	r->b->stats.units++;
	r->b->stats.sentences += w->brk != BOBAO_BREAK_BREATH;
	r->b->stats.paragraphs += w->brk >= BOBAO_BREAK_PARAGRAPH || w->brk == BOBAO_BREAK_NONE;
	r->b->stats.articles += w->brk == BOBAO_BREAK_ARTICLE || w->brk == BOBAO_BREAK_NONE;
	if (o->progress) {
		p.units = r->units;
		p.audio_seconds = (double)r->sink.frames / r->sink.fmt.rate;
		p.elapsed = since(&r->t0);
		p.fraction = w->fraction;
		if (o->progress(o->progress_ctx, &p))
			return BOBAO_E_INTERRUPTED;
	}
	return r->b->stop ? BOBAO_E_INTERRUPTED : BOBAO_OK;
}

static bobao_code check_output(struct bobao *b, const struct bobao_output *out)
{
	if (!out)
		return bb_err_set(&b->err, BOBAO_E_ARG, "no output given");
	if (out->kind == BOBAO_OUTPUT_FILE) {
		if (!out->path || !*out->path)
			return bb_err_set(&b->err, BOBAO_E_ARG, "no output file given");
		if (out->format && !aud_file_format_known(out->format))
			return bb_err_set(&b->err, BOBAO_E_FORMAT,
			                  "unknown format '%s' (formats: wav, ogg, flac)", out->format);
	} else if (out->kind != BOBAO_OUTPUT_PLAYER) {
		return bb_err_set(&b->err, BOBAO_E_ARG, "unknown output kind");
	}
	return BOBAO_OK;
}

static void params_of(const struct bobao_output *out, struct aud_params *p)
{
	memset(p, 0, sizeof(*p));
	p->path = out->path;
	p->format = out->format;
	p->title = out->title;
	p->artist = out->artist;
	p->date = out->date;
	p->driver = out->driver;
	p->driver_options = out->driver_options;
}

bobao_code bobao_render(bobao *b, const char *const *inputs, size_t n,
                        const struct bobao_output *out)
{
	struct render r;
	struct aud_params ap;
	struct aud_format fmt;
	bobao_code rc;

	bb_err_clear(&b->err);
	b->stop = 0;
	memset(&b->stats, 0, sizeof(b->stats));
	memset(&r, 0, sizeof(r));
	r.b = b;
	r.sink = (struct aud_sink)AUD_SINK_INIT;
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	if ((rc = check_output(b, out)) != BOBAO_OK ||
	    (rc = core_check(b, inputs, n)) != BOBAO_OK ||
	    (rc = core_engine(b)) != BOBAO_OK)
		goto out;
	bb_buf_init(&r.pcm, (size_t)UNIT_AUDIO_MAX_S * (size_t)b->engine.sample_rate * 2);
	bb_buf_init(&r.span, 16 * WALK_LINE_MAX);
	params_of(out, &ap);
	fmt.rate = b->engine.sample_rate;
	fmt.channels = 1;
	if ((rc = aud_sink_open(&r.sink, out->kind == BOBAO_OUTPUT_FILE ? "file" : "player",
	                        &fmt, &ap, &b->err)) != BOBAO_OK)
		goto out;
	aud_assembler_init(&r.as, &r.sink, fmt.rate);
	if ((rc = core_walk(b, inputs, n, 0, unit, &r)) != BOBAO_OK)
		goto out;
	if (!r.units) {
		rc = bb_err_set(&b->err, BOBAO_E_EMPTY, "no text to read");
		goto out;
	}
	rc = aud_assembler_finish(&r.as, b->opt.lead_out, &b->err);
out:
	{
		bobao_code crc = aud_sink_close(&r.sink, rc == BOBAO_OK, &b->err);

		if (rc == BOBAO_OK)
			rc = crc;
	}
	bb_buf_release(&r.pcm);
	bb_buf_release(&r.span);
	if (r.sink.fmt.rate)
		b->stats.audio_seconds = (double)r.sink.frames / r.sink.fmt.rate;
	b->stats.elapsed = since(&r.t0);
	if (rc == BOBAO_E_INTERRUPTED)
		bb_err_set(&b->err, rc, "interrupted; no output written");
	return core_fail(b, rc);
}

void bobao_get_stats(const bobao *b, struct bobao_stats *out)
{
	memcpy(out, &b->stats, sizeof(*out));
}

struct play {
	struct bobao *b;
	struct aud_sink sink;
	struct aud_params ap;
};

static bobao_code play_chunk(void *ctx, const struct aud_format *fmt,
                             const int16_t *pcm, size_t frames)
{
	struct play *p = ctx;
	bobao_code rc;

	if (p->b->stop)
		return BOBAO_E_INTERRUPTED;
	if (!p->sink.h &&
	    (rc = aud_sink_open(&p->sink, "player", fmt, &p->ap, &p->b->err)) != BOBAO_OK)
		return rc;
	return aud_sink_write(&p->sink, pcm, frames, &p->b->err);
}

bobao_code bobao_play_file(bobao *b, const char *path, const struct bobao_output *out)
{
	struct play p;
	bobao_code rc, crc;

	bb_err_clear(&b->err);
	b->stop = 0;
	memset(&p, 0, sizeof(p));
	p.b = b;
	p.sink = (struct aud_sink)AUD_SINK_INIT;
	if (!out || out->kind != BOBAO_OUTPUT_PLAYER)
		return core_fail(b, bb_err_set(&b->err, BOBAO_E_ARG, "no player given"));
	params_of(out, &p.ap);
	rc = aud_file_read(path, play_chunk, &p, &b->err);
	crc = aud_sink_close(&p.sink, rc == BOBAO_OK, &b->err);
	if (rc == BOBAO_OK)
		rc = crc;
	return core_fail(b, rc);
}
