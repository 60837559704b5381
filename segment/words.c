/*
 * words.c - lookups in the compiled-in word tables (words_data.c).
 *
 * A word of L characters is a fixed-width record of the table for length
 * L, the records sorted by their UTF-8, so a lookup is a binary search
 * over const data: nothing is parsed or built at start-up.  Small numbers
 * (log frequencies, readings) are written in printable ASCII without '"',
 * '?' and '\\'; digit() reverses that.
 */
#include <string.h>

#include "seg.h"

#define PREFIX 89   /* the log frequency of a prefix that is no word */

static unsigned digit(unsigned char c)
{
	return (unsigned)(c - 0x20) - (c > '"') - (c > '?') - (c > '\\');
}

void seg_word_utf8(uint32_t c, char *out)
{
	if (c < 0x800 || c > 0xFFFF) {
		memcpy(out, "\xEF\xBF\xBF", 3);   /* U+FFFF: in no word */
		return;
	}
	out[0] = (char)(0xE0 | c >> 12);
	out[1] = (char)(0x80 | (c >> 6 & 0x3F));
	out[2] = (char)(0x80 | (c & 0x3F));
}

/* memcmp for the few bytes of a word, without the call */
static int cmp(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

/* The record of the word u8 (3L bytes) in t, NULL when it is not there;
 * only records [lo, hi) are searched. */
static const char *find_in(const struct seg_table *t, const char *u8, size_t L,
                           size_t lo, size_t hi)
{
	size_t key = 3 * L;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const unsigned char *rec = (const unsigned char *)t->rec + mid * t->width;
		int c = cmp(rec, (const unsigned char *)u8, key);

		if (!c)
			return (const char *)rec;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static unsigned number(const char *p, size_t width)
{
	unsigned n = 0;

	while (width--)
		n = n * 90 + digit((unsigned char)*p++);
	return n;
}

#define INDEX_FIRST 0x4E00
#define INDEX_SIZE (0xA000 - INDEX_FIRST)

static uint32_t first_char(const char *rec)
{
	const unsigned char *p = (const unsigned char *)rec;

	return (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
}

int seg_word_freq(const char *u8, size_t L, unsigned *cls)
{
	const struct seg_table *first;
	const char *rec, *g;
	size_t lo, hi, at;
	uint32_t c;
	unsigned q;

	if (!L || L > SEG_WORD_MAX)
		return SEG_WORD_NONE;
	c = first_char(u8);
	if (L <= SEG_INDEX_LEVELS && (u8[0] & 0xF0) == 0xE0 && c >= INDEX_FIRST &&
	    c < INDEX_FIRST + INDEX_SIZE) {
		lo = number(seg_words_index[L] + 3 * (c - INDEX_FIRST), 3);
		hi = number(seg_words_index[L] + 3 * (c - INDEX_FIRST + 1), 3);
		goto search;
	}
	/* the group of the first character, then the word in it */
	first = &seg_words_first[L];
	if (!(g = find_in(first, u8, 1, 0, first->n)))
		return SEG_WORD_NONE;
	at = (size_t)(g - first->rec) / first->width;
	lo = number(g + 3, 3);
	hi = at + 1 < first->n ? number(g + first->width + 3, 3) : seg_words[L].n;
search:
	if (!(rec = find_in(&seg_words[L], u8, L, lo, hi)))
		return SEG_WORD_NONE;
	q = digit((unsigned char)rec[3 * L]);
	if (cls)
		*cls = digit((unsigned char)rec[3 * L + 1]);
	return q == PREFIX ? SEG_WORD_PREFIX : (int)q;
}

int seg_phrase(const char *u8, size_t L, seg_reading_t *out)
{
	const char *rec;
	size_t i;

	if (!L || L > SEG_WORD_MAX || !(rec = find_in(&seg_phrases[L], u8, L, 0, seg_phrases[L].n)))
		return 0;
	for (i = 0; i < L; i++)
		out[i] = (seg_reading_t)number(rec + 3 * L + 2 * i, 2);
	return 1;
}
