/*
 * split.c - sentences and breath groups.
 *
 * A sentence ends at 。！？；… (and at . ! ? ; in Latin text), taking the
 * closing quotes and brackets and further end marks after it along.  A
 * sentence of more than SEG_SENTENCE_MAX speakable characters is cut into
 * breath groups at ， 、 ： or ',', each about SEG_BREATH_TARGET long and
 * never shorter than SEG_BREATH_MIN.  A stretch with no such mark is cut
 * after SEG_UNIT_HARD_MAX characters between two Han characters, never
 * inside a number or a Latin word.
 */
#include "seg.h"

static int speakable(uint32_t c)
{
	return seg_is_han(c) || seg_is_latin(c) || seg_is_digit(c);
}

static int alnum(uint32_t c)
{
	return seg_is_latin(c) || seg_is_digit(c);
}

static int breath_mark(uint32_t c)
{
	return c == 0xFF0C || c == 0x3001 || c == 0xFF1A || c == ',';
}

/* Does t[i] end a sentence? */
static int ends_sentence(const struct seg_text *t, size_t i)
{
	uint32_t c = t->cp.v[i], next = i + 1 < t->cp.len ? t->cp.v[i + 1] : ' ';

	if (seg_is_sentence_end(c))
		return 1;
	/* ASCII marks stay ASCII only outside Chinese text (see clean.c) */
	return (c == '.' || c == '!' || c == '?' || c == ';') &&
	       (next == ' ' || seg_is_close_bracket(next));
}

static size_t count(const struct seg_text *t, size_t a, size_t b)
{
	size_t n = 0;

	for (; a < b; a++)
		n += speakable(t->cp.v[a]) != 0;
	return n;
}

struct splitter {
	const struct seg_text *t;
	seg_unit_fn fn;
	void *ctx;
};

static bobao_code emit(struct splitter *s, size_t a, size_t b, int breath, int end)
{
	struct seg_unit u;

	while (a < b && s->t->cp.v[a] == ' ')
		a++;
	if (!count(s->t, a, b))
		return BOBAO_OK;
	u.start = a;
	u.end = b;
	u.breath = breath;
	u.sentence_end = end;
	return s->fn(s->ctx, s->t, &u);
}

/* End of the next breath group of [g, e), which holds more than fits. */
static size_t breath_cut(const struct seg_text *t, size_t g, size_t e)
{
	size_t j, n = 0, best = 0, hard = 0;

	for (j = g; j < e; j++) {
		uint32_t c = t->cp.v[j];

		n += speakable(c) != 0;
		if (breath_mark(c) && j + 1 < e) {
			if (n >= SEG_BREATH_MIN && n <= SEG_BREATH_TARGET)
				best = j + 1;
			else if (n > SEG_BREATH_TARGET)
				return best ? best : j + 1;
		}
		if (n > SEG_BREATH_TARGET && best)
			return best;
		if (n >= SEG_UNIT_HARD_MAX) {
			hard = j + 1;
			break;
		}
	}
	if (!hard)
		return e;
	/* no mark in reach: cut where no number or Latin word is split */
	for (j = hard; j > g + 1; j--)
		if (!(alnum(t->cp.v[j - 1]) && j < e && alnum(t->cp.v[j])))
			return j;
	return hard;
}

static bobao_code sentence(struct splitter *s, size_t a, size_t e)
{
	size_t g = a, cut, left = count(s->t, a, e);
	bobao_code rc = BOBAO_OK;
	int breath = 0;

	if (left <= SEG_SENTENCE_MAX)
		return emit(s, a, e, 0, 1);
	while (g < e && rc == BOBAO_OK) {
		if (left <= SEG_BREATH_TARGET + SEG_BREATH_MIN)
			cut = e;
		else
			cut = breath_cut(s->t, g, e);
		rc = emit(s, g, cut, breath, cut == e);
		left -= count(s->t, g, cut);
		breath = 1;
		g = cut;
	}
	return rc;
}

bobao_code seg_split(const struct seg_text *t, seg_unit_fn fn, void *ctx)
{
	struct splitter s = { t, fn, ctx };
	size_t i = 0, a = 0, n = t->cp.len;
	bobao_code rc = BOBAO_OK;

	while (i < n && rc == BOBAO_OK) {
		if (!ends_sentence(t, i)) {
			i++;
			continue;
		}
		for (i++; i < n; i++) {
			uint32_t c = t->cp.v[i];

			if (!seg_is_close_bracket(c) && !ends_sentence(t, i))
				break;
		}
		rc = sentence(&s, a, i);
		a = i;
	}
	if (rc == BOBAO_OK && a < n)
		rc = sentence(&s, a, n);
	return rc;
}
