/*
 * context.c - readings of polyphones by their neighbours, a table learnt
 * from the CPP benchmark's dev split by scripts/gen-context
 * (context_data.c).
 *
 * For a polyphone the table knows, the features are tried from the most
 * specific: the characters on both sides (T), two before (P), two after
 * (N), one before (L), one after (R), none (C, for a character read by its
 * default only); the first one in the table gives the reading.  Anything but a Han character is '|'.  Readings fixed by an
 * annotation, a numeral or a user's word are never changed.
 */
#include <string.h>

#include "seg.h"

static int known(uint32_t c)
{
	size_t lo = 0, hi = seg_n_context_chars;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (seg_context_chars[mid] == c)
			return 1;
		if (seg_context_chars[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static const char *lookup(const char *key)
{
	size_t lo = 0, hi = seg_n_contexts;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(seg_contexts[mid].key, key);

		if (!c)
			return seg_contexts[mid].reading;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Append the character at k of s[0..n) to key, '|' when it is no Han. */
static size_t put(char *key, size_t len, const uint32_t *s, size_t n, long k)
{
	uint32_t c = k < 0 || (size_t)k >= n ? 0 : s[k];

	if (!c || !seg_is_han(c)) {
		key[len++] = '|';
	} else if (c < 0x10000) {
		key[len++] = (char)(0xE0 | c >> 12);
		key[len++] = (char)(0x80 | (c >> 6 & 0x3F));
		key[len++] = (char)(0x80 | (c & 0x3F));
	} else {
		key[len++] = (char)(0xF0 | c >> 18);
		key[len++] = (char)(0x80 | (c >> 12 & 0x3F));
		key[len++] = (char)(0x80 | (c >> 6 & 0x3F));
		key[len++] = (char)(0x80 | (c & 0x3F));
	}
	key[len] = '\0';
	return len;
}

void seg_context(const uint32_t *s, seg_reading_t *r, const unsigned char *how, size_t n)
{
	static const struct {
		char kind;
		long from, to;     /* the characters of the feature, around i */
	} kinds[] = {
		{ 'T', -1, 1 }, { 'P', -2, 0 }, { 'N', 0, 2 }, { 'L', -1, 0 }, { 'R', 0, 1 },
		{ 'C', 0, 0 },
	};
	char key[32];
	size_t i, k, len;
	long j;

	for (i = 0; i < n; i++) {
		const char *reading = NULL;
		seg_reading_t one;

		if (how[i] != SEG_HOW_WORD && how[i] != SEG_HOW_CHAR)
			continue;
		if (!known(s[i]))
			continue;
		for (k = 0; k < BB_ARRAY_SIZE(kinds) && !reading; k++) {
			/* the character alone changes no word's reading */
			if (kinds[k].kind == 'C' && how[i] != SEG_HOW_CHAR)
				continue;
			key[0] = kinds[k].kind;
			len = 1;
			for (j = kinds[k].from; j <= kinds[k].to; j++)
				len = put(key, len, s, n, (long)i + j);
			reading = lookup(key);
		}
		if (reading && (one = seg_reading_of(reading)))
			r[i] = one;
	}
}
