/*
 * normalize.c - the spoken form of a unit.
 *
 * Turns a unit of cleaned text into what is to be said: Han characters
 * (with reading hints), Latin runs, and the pause marks ',' '.' '?'.
 * Numbers, dates, units and money become Han words in numbers.c, web and
 * e-mail addresses in web.c, symbols and Latin runs in symbols.c.
 */
#include <string.h>

#include "seg.h"

/* What may stand right before the digits of a number: - + ¥ ￥ $ € £ */
static int number_sign(uint32_t c)
{
	return c == '-' || c == 0x2212 || c == '+' || c == 0xA5 || c == 0xFFE5 || c == '$' ||
	       c == 0x20AC || c == 0xA3;
}

static int is_pause(uint32_t c)
{
	return c == ',' || c == '.' || c == '?';
}

/* Add a pause mark: never first, never two in a row (the stronger wins). */
static bobao_code pause(struct seg_text *out, uint32_t mark)
{
	uint32_t *last;

	if (!out->cp.len)
		return BOBAO_OK;
	last = &out->cp.v[out->cp.len - 1];
	if (*last == ' ') {
		out->cp.len--;
		out->hint.len--;
		out->from.len--;
		if (!out->cp.len)
			return BOBAO_OK;
		last = &out->cp.v[out->cp.len - 1];
	}
	if (is_pause(*last)) {
		if (*last == ',')
			*last = mark;
		return BOBAO_OK;
	}
	return seg_text_push(out, mark, 0);
}

/* Pause mark for punctuation c, or 0 when c is silent. */
static uint32_t pause_of(uint32_t c)
{
	switch (c) {
	case 0xFF0C: case 0x3001: case 0xFF1A: case 0xFF1B: case 0x2014:
	case ',': case ':': case ';':
	case '/': case 0xFF0F:   /* not a rate's (symbols.c): 邓丽娟/周娅菲 */
		return ',';
	case 0x3002: case 0xFF01: case 0x2026: case '.': case '!':
		return '.';
	case 0xFF1F: case '?':
		return '?';
	}
	switch (c) {   /* brackets pause; quotes and title marks do not */
	case 0xFF08: case 0xFF09: case '(': case ')': case '[': case ']':
	case 0x3010: case 0x3011: case 0x3014: case 0x3015: case 0x3016: case 0x3017:
		return ',';
	}
	return 0;
}

bobao_code seg_normalize(const struct seg_text *t, size_t start, size_t end,
                         struct seg_text *out)
{
	const uint32_t *c = t->cp.v;
	bobao_code rc = BOBAO_OK;
	size_t i = start, next;

	seg_text_reset(out);
	while (i < end && rc == BOBAO_OK) {
		uint32_t x = c[i];
		uint32_t prev = i > start ? c[i - 1] : 0;

		if (seg_is_han(x)) {
			rc = seg_text_push_from(out, x, (seg_reading_t)t->hint.v[i], i);
			i++;
		} else if (x < 0x80 && (seg_is_latin(x) || seg_is_digit(x)) &&
		           (next = seg_address(t, i, end, out, &rc)) > i) {
			i = next;      /* www.gov.cn, news@xinhua.org */
		} else if ((seg_is_digit(x) || (number_sign(x) && i + 1 < end &&
		            seg_is_digit(c[i + 1]) && !seg_is_digit(prev) && !seg_is_latin(prev))) &&
		           (next = seg_number(t, i, start, end, out, &rc)) > i) {
			i = next;
		} else if ((next = seg_symbol(t, i, start, end, out, &rc)) > i) {
			i = next;      /* 4×400, 互联网+, 元/公斤, 日—, No.1 */
		} else if (seg_is_latin(x)) {
			/* a Latin run (symbols.c): digits after letters are a
			 * number of their own: G1234 */
			if (out->cp.len && seg_is_latin(out->cp.v[out->cp.len - 1]) &&
			    prev == ' ')
				rc = seg_text_push(out, ' ', 0);
			if (rc == BOBAO_OK)
				i = seg_latin(t, i, end, out, &rc);
		} else if (x == ' ') {
			uint32_t next_c = i + 1 < end ? c[i + 1] : 0;

			/* a space between Han characters separates names: pause */
			if (seg_is_han(prev) && seg_is_han(next_c))
				rc = pause(out, ',');
			i++;
		} else {
			uint32_t mark = pause_of(x);

			if (mark)
				rc = pause(out, mark);
			i++;
		}
	}
	return rc;
}
