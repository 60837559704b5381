/*
 * context.c - readings of polyphones by their neighbours: a log-linear
 * model learnt from the CPP benchmark's dev split by scripts/gen-context
 * (context_data.c).
 *
 * For a character the model knows, each candidate reading scores the sum
 * of the weights its features give it (seg_context_features: the reading
 * bobao chose and how, the characters around it), plus seg_context_agree
 * for the reading already chosen; the best reading wins.  Only readings of
 * the phrase lexicon and characters' defaults are open to it: annotations,
 * numerals, the user's words, bobao's lexicon and what a rule changed stay,
 * and neither is a phrase's neutral tone traded for a full one of the same
 * syllable or back: CPP does not mark the neutral tone consistently (衣服
 * fu2, 收拾 shi2), and the lexicon's is the standard.
 */
#include <stdio.h>
#include <string.h>

#include "seg.h"

#define MAX_CANDIDATES 8

static const struct seg_context_char *known(uint32_t c)
{
	size_t lo = 0, hi = seg_n_context_chars;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (seg_context_chars[mid].cp == c)
			return &seg_context_chars[mid];
		if (seg_context_chars[mid].cp < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Append c to key at len as UTF-8, '|' when it is no Han character. */
static size_t put(char *key, size_t len, uint32_t c)
{
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

static uint32_t at(const uint32_t *s, size_t n, long k)
{
	return k < 0 || (size_t)k >= n ? 0 : s[k];
}

size_t seg_context_features(const uint32_t *s, const seg_reading_t *r,
                            const unsigned char *how, size_t n, size_t i,
                            char key[][SEG_CONTEXT_KEY])
{
	static const struct {
		char kind;
		long from, to;     /* the characters of the feature, around i */
	} kinds[] = {
		{ 'L', -1, 0 }, { 'R', 0, 1 }, { 'P', -2, 0 }, { 'N', 0, 2 }, { 'T', -1, 1 },
	};
	size_t k = 0, m, len, syl = SEG_READING_SYL(r[i]);
	long j;

	strcpy(key[k++], how[i] == SEG_HOW_WORD ? "0w" : "0c");
	if (r[i] && syl < seg_n_syllables && strlen(seg_syllables[syl]) < SEG_CONTEXT_KEY - 4)
		sprintf(key[k++], "B%c%s%u", how[i] == SEG_HOW_WORD ? 'w' : 'c',
		        seg_syllables[syl], SEG_READING_TONE(r[i]));
	for (m = 0; m < BB_ARRAY_SIZE(kinds); m++) {
		key[k][0] = kinds[m].kind;
		len = 1;
		for (j = kinds[m].from; j <= kinds[m].to; j++)
			len = put(key[k], len, at(s, n, (long)i + j));
		k++;
	}
	return k;
}

/* The first entry of ch's with key, or NULL. */
static const struct seg_context *lookup(const struct seg_context_char *ch, const char *key)
{
	size_t lo = ch->first, hi = ch->first + ch->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(seg_contexts[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ch->first + ch->count && !strcmp(seg_contexts[lo].key, key) ?
	       &seg_contexts[lo] : NULL;
}

/* Do a and b differ in a neutral tone only? */
static int tone_only(seg_reading_t a, seg_reading_t b)
{
	return SEG_READING_SYL(a) == SEG_READING_SYL(b) &&
	       (SEG_READING_TONE(a) == 5 || SEG_READING_TONE(b) == 5);
}

static void decide(const struct seg_context_char *ch, seg_reading_t *r, unsigned char how,
                   char key[][SEG_CONTEXT_KEY], size_t nkeys)
{
	seg_reading_t cand[MAX_CANDIDATES];
	long score[MAX_CANDIDATES];
	size_t nc = 1, k, c, best = 0;
	const struct seg_context *e;

	cand[0] = *r;
	score[0] = seg_context_agree[how == SEG_HOW_WORD ? 0 : 1];
	for (k = 0; k < nkeys; k++) {
		const struct seg_context *end = seg_contexts + ch->first + ch->count;

		for (e = lookup(ch, key[k]); e && e < end && !strcmp(e->key, key[k]); e++) {
			for (c = 0; c < nc && cand[c] != e->reading; c++)
				;
			if (c == nc) {
				if (nc == MAX_CANDIDATES)
					continue;
				cand[nc] = e->reading;
				score[nc++] = 0;
			}
			score[c] += e->weight;
		}
	}
	for (c = 1; c < nc; c++)
		if (score[c] > score[best] && (how == SEG_HOW_CHAR || !tone_only(cand[c], *r)))
			best = c;
	*r = cand[best];
}

void seg_context(const uint32_t *s, seg_reading_t *r, const unsigned char *how, size_t n,
                 seg_context_trace_fn *trace, void *arg)
{
	char key[SEG_CONTEXT_FEATURES][SEG_CONTEXT_KEY];
	size_t i, nkeys;

	for (i = 0; i < n; i++) {
		int open = how[i] == SEG_HOW_WORD || how[i] == SEG_HOW_CHAR;
		const struct seg_context_char *ch = open ? known(s[i]) : NULL;

		if (!seg_is_han(s[i]) || (!ch && !trace))
			continue;
		nkeys = open ? seg_context_features(s, r, how, n, i, key) : 0;
		if (trace)
			trace(arg, s[i], r[i], key, nkeys);
		if (ch)
			decide(ch, &r[i], how[i], key, nkeys);
	}
}

int seg_context_reading(uint32_t c, seg_reading_t reading)
{
	const struct seg_context_char *ch = known(c);
	size_t k;

	for (k = 0; ch && k < ch->count; k++)
		if (seg_contexts[ch->first + k].reading == reading)
			return 1;
	return 0;
}
