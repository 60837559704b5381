/* pinyin.c - readings: the Unihan table, syllables, pinyin parsing. */
#include <string.h>

#include "seg.h"

seg_reading_t seg_lookup(uint32_t cp)
{
	size_t lo = 0, hi = seg_n_readings;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (seg_readings[mid].cp == cp)
			return seg_readings[mid].reading;
		if (seg_readings[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int seg_syllable_index(const char *s, size_t n)
{
	size_t lo = 0, hi = seg_n_syllables;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = seg_syllables[mid];
		int c = strncmp(m, s, n);

		if (c == 0 && m[n] == '\0')
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

bobao_code seg_reading_append(struct bb_buf *b, seg_reading_t r)
{
	size_t syl = SEG_READING_SYL(r);

	if (syl >= seg_n_syllables)
		return BOBAO_E_INTERNAL;
	return bb_buf_addf(b, "%s%u", seg_syllables[syl], SEG_READING_TONE(r));
}

/* Tone-marked letters: base letter and tone. */
static const struct {
	uint32_t cp;
	char base;
	char tone;
} marked[] = {
	{0x0101, 'a', 1}, {0x00E1, 'a', 2}, {0x01CE, 'a', 3}, {0x00E0, 'a', 4},
	{0x0113, 'e', 1}, {0x00E9, 'e', 2}, {0x011B, 'e', 3}, {0x00E8, 'e', 4},
	{0x012B, 'i', 1}, {0x00ED, 'i', 2}, {0x01D0, 'i', 3}, {0x00EC, 'i', 4},
	{0x014D, 'o', 1}, {0x00F3, 'o', 2}, {0x01D2, 'o', 3}, {0x00F2, 'o', 4},
	{0x016B, 'u', 1}, {0x00FA, 'u', 2}, {0x01D4, 'u', 3}, {0x00F9, 'u', 4},
	{0x01D6, 'v', 1}, {0x01D8, 'v', 2}, {0x01DA, 'v', 3}, {0x01DC, 'v', 4},
	{0x00FC, 'v', 0}, {0x00EA, 'e', 0}, {0x1EBF, 'e', 2}, {0x1EC1, 'e', 4},
	{0x0144, 'n', 2}, {0x0148, 'n', 3}, {0x01F9, 'n', 4}, {0x1E3F, 'm', 2},
};

#define PY_MAX 64      /* letters in one annotation */
#define SYL_MAX 6      /* letters in the longest syllable (zhuang) */

struct py {
	char letter[PY_MAX];
	char tone[PY_MAX];   /* tone mark on this letter, or a digit after it */
	char sep[PY_MAX];    /* a separator or digit ends a syllable here */
	size_t n;
	int any_tone;
};

/* Split letters [i, p->n) into syllables; fills out from k.  Longest match
 * first, backtracking so that "xian" can still become xi + an when needed. */
static int split(const struct py *p, size_t i, seg_reading_t *out, size_t k,
                 size_t max)
{
	size_t len, j;

	if (i == p->n)
		return (int)k;
	if (k == max)
		return -1;
	/* pinyin writes xi'an: a syllable starting with a, o or e follows
	 * another only after an apostrophe, so hǎo is never ha + o */
	if (i > 0 && !p->sep[i - 1] && strchr("aoe", p->letter[i]))
		return -1;
	for (len = SYL_MAX; len >= 1; len--) {
		int syl, tone = 0, r;

		if (i + len > p->n)
			continue;
		for (j = i; j + 1 < i + len; j++)
			if (p->sep[j])
				break;
		if (j + 1 < i + len)
			continue;   /* a forced boundary inside */
		syl = seg_syllable_index(p->letter + i, len);
		if (syl < 0)
			continue;
		for (j = i; j < i + len; j++) {
			if (p->tone[j]) {
				if (tone)
					break;   /* two tones in one syllable */
				tone = p->tone[j];
			}
		}
		if (j < i + len)
			continue;
		out[k] = SEG_READING(syl, tone ? tone : 5);
		r = split(p, i + len, out, k + 1, max);
		if (r >= 0)
			return r;
	}
	return -1;
}

int seg_parse_pinyin(const uint32_t *s, size_t n, seg_reading_t *out, size_t max)
{
	struct py p;
	size_t i, k;

	memset(&p, 0, sizeof(p));
	for (i = 0; i < n; i++) {
		uint32_t c = s[i];

		if (c >= 'a' && c <= 'z') {
			if (p.n + 1 >= PY_MAX)
				return -1;
			p.letter[p.n++] = (char)c;
			continue;
		}
		if (c >= '1' && c <= '5') {
			if (!p.n || p.sep[p.n - 1] || p.tone[p.n - 1])
				return -1;
			p.tone[p.n - 1] = (char)(c - '0');
			p.sep[p.n - 1] = 1;
			p.any_tone = 1;
			continue;
		}
		if (c == ' ' || c == '\'' || c == '-' || c == 0x2019) {
			if (p.n)
				p.sep[p.n - 1] = 1;
			continue;
		}
		if (c >= 0x0300 && c <= 0x030C && p.n) {   /* combining mark */
			static const char tone_of[13] = {4, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 3};

			if (c == 0x0308 && p.letter[p.n - 1] == 'u') {
				p.letter[p.n - 1] = 'v';
			} else if (tone_of[c - 0x0300]) {
				if (p.tone[p.n - 1])
					return -1;
				p.tone[p.n - 1] = tone_of[c - 0x0300];
				p.any_tone = 1;
			} else {
				return -1;
			}
			continue;
		}
		for (k = 0; k < BB_ARRAY_SIZE(marked); k++)
			if (marked[k].cp == c)
				break;
		if (k == BB_ARRAY_SIZE(marked) || p.n + 1 >= PY_MAX)
			return -1;   /* uppercase or anything else: not an annotation */
		p.letter[p.n] = marked[k].base;
		p.tone[p.n] = marked[k].tone;
		p.any_tone |= marked[k].tone != 0;
		p.n++;
	}
	/* Lower-case pinyin with no tone at all is too easily a word ("ai"). */
	if (!p.n || !p.any_tone)
		return -1;
	return split(&p, 0, out, 0, max);
}
