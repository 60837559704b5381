/*
 * normalize.c - the spoken form of a unit.
 *
 * Turns a unit of cleaned text into what is to be said: Han characters
 * (with reading hints), Latin runs, and the pause marks ',' '.' '?'.
 * Numbers become Han numerals here:
 *
 *   2024年     二〇二四年 read digit by digit   (a 4-digit year)
 *   1,280      一千二百八十                     (thousands separators)
 *   3.5        三点五
 *   5.6%       百分之五点六
 *   -5         负五
 *   0101       零一零一                         (leading zero: digits)
 *
 * Broader text normalization (dates, units, money, phone numbers, 两)
 * belongs here too.
 */
#include <string.h>

#include "seg.h"

#define NUM_MAX 16   /* digits read as a cardinal; longer: digit by digit */

static const uint32_t digit_han[10] = {
	0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
};
#define HAN_TEN 0x5341
#define HAN_HUNDRED 0x767E
#define HAN_THOUSAND 0x5343
#define HAN_WAN 0x4E07
#define HAN_YI 0x4EBF
#define HAN_POINT 0x70B9
#define HAN_NEGATIVE 0x8D1F
#define HAN_PERCENT_ZHI 0x4E4B
#define HAN_FEN 0x5206
#define HAN_YEAR 0x5E74

/* Push a Han character with its reading fixed, so that later rules (tone
 * sandhi, polyphones) leave numerals alone. */
static bobao_code han(struct seg_text *out, uint32_t c)
{
	return seg_text_push(out, c, seg_lookup(c));
}

static bobao_code digits(struct seg_text *out, const char *d, size_t n)
{
	bobao_code rc = BOBAO_OK;
	size_t i;

	for (i = 0; i < n && rc == BOBAO_OK; i++)
		rc = han(out, digit_han[d[i] - '0']);
	return rc;
}

/* Cardinal reading of n <= NUM_MAX digits without leading zeros. */
static bobao_code cardinal(struct seg_text *out, const char *d, size_t n)
{
	static const uint32_t unit[4] = { 0, HAN_TEN, HAN_HUNDRED, HAN_THOUSAND };
	bobao_code rc = BOBAO_OK;
	int zero = 0, said = 0, group_said;
	size_t i, pos, group;

	if (n == 1 || (n > 0 && d[0] == '0'))
		return digits(out, d, n);
	for (i = 0; i < n && rc == BOBAO_OK; ) {
		pos = n - 1 - i;          /* power of ten of d[i] */
		group = pos / 4;
		group_said = 0;
		do {
			int dig = d[i] - '0';
			size_t p = (n - 1 - i) % 4;

			if (dig == 0) {
				zero = said;
			} else {
				if (zero)
					rc = han(out, digit_han[0]);
				/* 十二 not 一十二 at the start of a number */
				if (rc == BOBAO_OK && !(dig == 1 && p == 1 && !said))
					rc = han(out, digit_han[dig]);
				if (rc == BOBAO_OK && unit[p])
					rc = han(out, unit[p]);
				zero = 0;
				said = group_said = 1;
			}
			i++;
		} while (i < n && (n - 1 - i) % 4 != 3 && rc == BOBAO_OK);
		if (group_said && group > 0 && rc == BOBAO_OK) {
			if (group == 1 || group == 3)
				rc = han(out, HAN_WAN);
			if (rc == BOBAO_OK && group >= 2)
				rc = han(out, HAN_YI);
		}
	}
	return rc;
}

struct number {
	char integer[64];
	size_t n_int;
	char fraction[64];
	size_t n_frac;
	size_t end;        /* index after the number and its suffix */
	int negative, percent;
};

/* Parse the number starting at t[i] (a digit, or '-' before one). */
static void parse(const struct seg_text *t, size_t i, size_t end, struct number *num)
{
	const uint32_t *c = t->cp.v;

	memset(num, 0, sizeof(*num));
	if (c[i] == '-' || c[i] == 0x2212) {
		num->negative = 1;
		i++;
	}
	while (i < end && num->n_int < sizeof(num->integer)) {
		if (seg_is_digit(c[i])) {
			num->integer[num->n_int++] = (char)c[i++];
		} else if (c[i] == ',' && num->n_int && i + 3 < end &&
		           seg_is_digit(c[i + 1]) && seg_is_digit(c[i + 2]) &&
		           seg_is_digit(c[i + 3]) &&
		           (i + 4 >= end || !seg_is_digit(c[i + 4]))) {
			i++;   /* thousands separator */
		} else {
			break;
		}
	}
	if (i + 1 < end && c[i] == '.' && seg_is_digit(c[i + 1])) {
		for (i++; i < end && seg_is_digit(c[i]) &&
		     num->n_frac < sizeof(num->fraction); i++)
			num->fraction[num->n_frac++] = (char)c[i];
	}
	while (i < end && seg_is_digit(c[i]))   /* absurdly long: drop the rest */
		i++;
	if (i < end && (c[i] == '%' || c[i] == 0xFF05)) {
		num->percent = 1;
		i++;
	}
	num->end = i;
}

static bobao_code number(const struct seg_text *t, size_t i, size_t end,
                         struct seg_text *out, size_t *next)
{
	struct number num;
	bobao_code rc = BOBAO_OK;
	int year;

	parse(t, i, end, &num);
	*next = num.end;
	year = num.n_int == 4 && !num.n_frac && !num.percent && num.end < end &&
	       t->cp.v[num.end] == HAN_YEAR;
	if (num.negative)
		rc = han(out, HAN_NEGATIVE);
	if (num.percent && rc == BOBAO_OK) {
		if ((rc = han(out, HAN_HUNDRED)) == BOBAO_OK &&
		    (rc = han(out, HAN_FEN)) == BOBAO_OK)
			rc = han(out, HAN_PERCENT_ZHI);
	}
	if (rc != BOBAO_OK)
		return rc;
	if (year || num.n_int > NUM_MAX)
		rc = digits(out, num.integer, num.n_int);
	else
		rc = cardinal(out, num.integer, num.n_int);
	if (rc == BOBAO_OK && num.n_frac) {
		if ((rc = han(out, HAN_POINT)) == BOBAO_OK)
			rc = digits(out, num.fraction, num.n_frac);
	}
	return rc;
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
			rc = seg_text_push(out, x, (seg_reading_t)t->hint.v[i]);
			i++;
		} else if (seg_is_digit(x) ||
		           ((x == '-' || x == 0x2212) && i + 1 < end && seg_is_digit(c[i + 1]) &&
		            !seg_is_digit(prev) && !seg_is_latin(prev))) {
			rc = number(t, i, end, out, &next);
			i = next;
		} else if (seg_is_latin(x)) {
			/* a Latin run: letters, with ' - . inside words, digits after */
			if (out->cp.len && seg_is_latin(out->cp.v[out->cp.len - 1]) &&
			    prev == ' ')
				rc = seg_text_push(out, ' ', 0);
			for (; i < end && rc == BOBAO_OK; i++) {
				if (seg_is_latin(c[i]) || seg_is_digit(c[i]) ||
				    ((c[i] == '\'' || c[i] == '-' || c[i] == '.') &&
				     i + 1 < end && seg_is_latin(c[i + 1])))
					rc = seg_text_push(out, c[i], 0);
				else
					break;
			}
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
