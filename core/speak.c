/*
 * speak.c - text in memory to audio handed out as it is made: the path of
 * screen readers (bobao_speak).
 *
 * The same front end as a render (core_walk_mem) and the same engine, but
 * resident in this process and streamed: each engine chunk is trimmed on
 * the fly and handed out at once, so the first samples leave while the
 * engine is still speaking and a callback can stop the call between chunks.
 * Trimming matches tts_synth_blob(): a span keeps its first to its last audible
 * sample, spans of a unit are joined by SPAN_GAP_MS, units by the pauses of
 * the options; quiet inside a span is held back until louder samples show
 * that it is not the span's tail.
 */
#include <string.h>

#include "aud.h"
#include "core.h"

#define SPAN_GAP_MS 40          /* as in synth.c */
#define HELD_MAX_S 10           /* quiet held back inside a span */
#define ZERO_CHUNK 2048

struct speak {
	struct bobao *b;
	const struct bobao_speak_cb *cb;
	int rate;
	int started;          /* samples were handed out in this call */
	int owed_ms;          /* pause owed before the next audible sample */
	int unit_audible;     /* this unit has handed out speech */
	int span_audible;     /* this span is past its leading quiet */
	int last_end;         /* the text before this piece ends a sentence */
	struct bb_buf held;   /* int16: quiet since the span's last audible sample */
	struct bb_buf text;   /* the span, NUL-terminated */
	bobao_code rc;
};

static const short zeros[ZERO_CHUNK];

static int out(struct speak *s, const int16_t *pcm, size_t n)
{
	if (!n)
		return 0;
	if (s->b->stop || s->cb->audio(s->cb->ctx, (const short *)pcm, n, s->rate)) {
		s->rc = BOBAO_E_INTERRUPTED;
		return 1;
	}
	s->started = 1;
	return 0;
}

static int out_quiet(struct speak *s, size_t n)
{
	size_t k;

	for (; n; n -= k) {
		k = n < ZERO_CHUNK ? n : ZERO_CHUNK;
		if (out(s, zeros, k))
			return 1;
	}
	return 0;
}

static int audible(int16_t v)
{
	return v > AUD_SILENCE_THRESHOLD || v < -AUD_SILENCE_THRESHOLD;
}

/* An engine chunk: leading quiet dropped, inner quiet passed on once
 * speech follows it, the tail held back. */
static int chunk(void *ctx, const int16_t *pcm, size_t n)
{
	struct speak *s = ctx;
	size_t first = 0, last;

	if (s->b->stop) {
		s->rc = BOBAO_E_INTERRUPTED;
		return 1;
	}
	if (!s->span_audible) {
		while (first < n && !audible(pcm[first]))
			first++;
		if (first == n)
			return 0;
	}
	for (last = n; last > first && !audible(pcm[last - 1]); last--)
		;
	if (last == first) {   /* all quiet, inside the span: hold it */
		if (bb_buf_add(&s->held, pcm, n * sizeof(*pcm)) == BOBAO_OK)
			return 0;
		/* a long quiet stretch is speech's own pause: let it out */
		if (out(s, (const int16_t *)(void *)s->held.ptr, s->held.len / 2))
			return 1;
		bb_buf_reset(&s->held);
		return out(s, pcm, n);
	}
	if (!s->span_audible) {
		int gap = s->unit_audible ? s->rate * SPAN_GAP_MS / 1000 : 0;
		int pause = s->started ? s->rate * s->owed_ms / 1000 : 0;

		if (out_quiet(s, (size_t)(s->unit_audible ? gap : pause)))
			return 1;
		s->owed_ms = 0;
		s->span_audible = s->unit_audible = 1;
	}
	/* the held quiet and the speech after it in one piece */
	if (s->held.len && bb_buf_add(&s->held, pcm + first, (last - first) * 2) == BOBAO_OK) {
		if (out(s, (const int16_t *)(void *)s->held.ptr, s->held.len / 2))
			return 1;
	} else if (out(s, (const int16_t *)(void *)s->held.ptr, s->held.len / 2) ||
	           out(s, pcm + first, last - first)) {
		return 1;
	}
	bb_buf_reset(&s->held);
	if (bb_buf_add(&s->held, pcm + last, (n - last) * sizeof(*pcm)) != BOBAO_OK) {
		s->rc = BOBAO_E_NOMEM;
		return 1;
	}
	return 0;
}

static int pause_of(const struct bobao_options *o, enum bobao_break brk, int after_end)
{
	switch (brk) {
	case BOBAO_BREAK_BREATH:    return o->pause_breath;
	case BOBAO_BREAK_SENTENCE:  return o->pause_sentence;
	case BOBAO_BREAK_PARAGRAPH:
	case BOBAO_BREAK_ARTICLE:   return o->pause_paragraph;
	case BOBAO_BREAK_NONE:      break;
	}
	/* the first unit after a mark goes on from the text before it */
	return after_end ? o->pause_sentence : 0;
}

static bobao_code unit(void *ctx, const struct core_walk_item *w)
{
	struct speak *s = ctx;
	struct bobao *b = s->b;
	bobao_code rc = BOBAO_OK;
	size_t i;
	int pause = pause_of(&b->opt, w->brk, s->last_end);

	if (w->ev != CORE_WALK_UNIT)
		return BOBAO_OK;
	if (pause > s->owed_ms)
		s->owed_ms = pause;
	s->unit_audible = 0;
	for (i = 0; i < seg_speech_count(w->speech) && rc == BOBAO_OK; i++) {
		const struct seg_span *sp = seg_speech_span(w->speech, i);

		bb_buf_reset(&s->text);
		bb_buf_reset(&s->held);
		s->span_audible = 0;
		if ((rc = bb_buf_add(&s->text, w->speech->text.ptr + sp->off, sp->len)) != BOBAO_OK)
			break;
		s->rc = BOBAO_OK;
		rc = tts_synth(&b->engine, bb_buf_str(&s->text),
		               sp->lang == SEG_LANG_LATIN ? TTS_LATIN : TTS_MANDARIN, chunk, s,
		               &b->err);
		if (s->rc != BOBAO_OK)
			rc = s->rc;
	}
	return rc;
}

/* Does text end a sentence (。！？；… . ! ? ; or a line), so that what
 * follows a mark there starts after a sentence's pause? */
static int ends_sentence(const char *text, size_t n)
{
	static const uint32_t ends[] = { 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x2026, '.', '!', '?',
	                                 ';', '\n' };
	uint32_t c, last = 0;
	size_t i = 0, k, j;

	while (i < n) {
		if (!(k = bb_utf8_decode((const unsigned char *)text + i, n - i, &c))) {
			i++;
			continue;
		}
		i += k;
		/* 。” ends a sentence too */
		if (c == '\n' || (!seg_is_space(c) && !seg_is_close_bracket(c)))
			last = c;
	}
	for (j = 0; j < BB_ARRAY_SIZE(ends); j++)
		if (last == ends[j])
			return 1;
	return 0;
}

static bobao_code check_marks(struct bobao *b, const char *utf8, size_t n,
                              const struct bobao_mark *marks, size_t n_marks)
{
	size_t i, prev = 0;

	if (n_marks && !marks)
		return bb_err_set(&b->err, BOBAO_E_ARG, "no marks given");
	for (i = 0; i < n_marks; i++) {
		size_t o = marks[i].offset;

		if (o < prev || o > n || (o < n && ((unsigned char)utf8[o] & 0xC0) == 0x80))
			return bb_err_set(&b->err, BOBAO_E_ARG,
			                  "mark %zu at byte %zu is out of order or inside a character",
			                  i + 1, o);
		prev = o;
	}
	return BOBAO_OK;
}

bobao_code bobao_speak(bobao *b, const char *utf8, size_t n,
                       const struct bobao_mark *marks, size_t n_marks,
                       const struct bobao_speak_cb *cb)
{
	struct speak s;
	size_t i, pos = 0, end;
	bobao_code rc;

	bb_err_clear(&b->err);
	b->stop = 0;
	memset(&s, 0, sizeof(s));
	bb_buf_init(&s.held, 0);
	bb_buf_init(&s.text, 16 * CORE_WALK_LINE_MAX);
	if (!cb || !cb->audio || (n && !utf8)) {
		rc = bb_err_set(&b->err, BOBAO_E_ARG, "no text or no audio callback given");
		goto out;
	}
	if ((rc = check_marks(b, utf8, n, marks, n_marks)) != BOBAO_OK ||
	    (rc = core_reader(b)) != BOBAO_OK || (rc = core_engine(b)) != BOBAO_OK)
		goto out;
	s.b = b;
	s.cb = cb;
	s.rate = b->engine.sample_rate;
	s.held.cap = (size_t)s.rate * HELD_MAX_S * 2;
	for (i = 0; i <= n_marks; i++) {
		end = i < n_marks ? marks[i].offset : n;
		if (end > pos) {
			rc = core_walk_mem(b, utf8 + pos, end - pos, "<speech>", unit, &s);
			if (rc != BOBAO_OK)
				goto out;
			s.last_end = ends_sentence(utf8 + pos, end - pos);
			pos = end;
		}
		if (i < n_marks && cb->mark && (b->stop || cb->mark(cb->ctx, marks[i].name))) {
			rc = BOBAO_E_INTERRUPTED;
			goto out;
		}
	}
out:
	bb_buf_release(&s.held);
	bb_buf_release(&s.text);
	return core_fail(b, rc);
}
