/* text.c - seg_text, character classes and decoding. */
#include <string.h>

#include "seg.h"

void seg_text_release(struct seg_text *t)
{
	bb_u32_release(&t->cp);
	bb_u32_release(&t->hint);
	bb_u32_release(&t->from);
}

void seg_text_reset(struct seg_text *t)
{
	t->cp.len = 0;
	t->hint.len = 0;
	t->from.len = 0;
}

bobao_code seg_text_push_from(struct seg_text *t, uint32_t cp, seg_reading_t hint,
                              size_t from)
{
	bobao_code rc = bb_u32_push(&t->cp, cp);

	if (rc == BOBAO_OK && (rc = bb_u32_push(&t->hint, hint)) != BOBAO_OK) {
		t->cp.len--;
	} else if (rc == BOBAO_OK &&
	           (rc = bb_u32_push(&t->from, from > SEG_NOWHERE ? SEG_NOWHERE
	                                                           : (uint32_t)from)) != BOBAO_OK) {
		t->cp.len--;
		t->hint.len--;
	}
	return rc;
}

bobao_code seg_text_push(struct seg_text *t, uint32_t cp, seg_reading_t hint)
{
	return seg_text_push_from(t, cp, hint, SEG_NOWHERE);
}

size_t seg_starts_with(const uint32_t *s, size_t n, const char *w)
{
	size_t k = strlen(w), j = 0, i = 0, len;
	uint32_t c;

	while (j < k) {
		len = bb_utf8_decode((const unsigned char *)w + j, k - j, &c);
		if (!len || i >= n || s[i] != c)
			return 0;
		i++;
		j += len;
	}
	return i;
}

int seg_is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) ||
	       cp == 0x3007;
}

int seg_is_latin(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

int seg_is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

int seg_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' ||
	       cp == 0x3000 || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x202F || cp == 0x205F;
}

int seg_is_open_bracket(uint32_t cp)
{
	switch (cp) {
	case 0xFF08: case 0x3008: case 0x300A: case 0x300C: case 0x300E:
	case 0x3010: case 0x3014: case 0x3016: case 0x201C: case 0x2018:
	case '(': case '[':
		return 1;
	}
	return 0;
}

int seg_is_close_bracket(uint32_t cp)
{
	switch (cp) {
	case 0xFF09: case 0x3009: case 0x300B: case 0x300D: case 0x300F:
	case 0x3011: case 0x3015: case 0x3017: case 0x201D: case 0x2019:
	case ')': case ']': case '"': case '\'':
		return 1;
	}
	return 0;
}

int seg_is_sentence_end(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B ||
	       cp == 0x2026 || cp == 0xFF61;
}

int seg_is_cjk_punct(uint32_t cp)
{
	return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
	       (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF5B && cp <= 0xFF65) ||
	       cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 ||
	       cp == 0x2014 || cp == 0x2026 || cp == 0x00B7;
}

bobao_code seg_decode(const char *bytes, size_t n, struct bb_u32 *out,
                      struct seg_pos *where)
{
	const unsigned char *s = (const unsigned char *)bytes;
	unsigned long col = 1;
	size_t i = 0, len;
	uint32_t cp;
	bobao_code rc;

	while (i < n) {
		len = bb_utf8_decode(s + i, n - i, &cp);
		if (!len) {
			where->col = col;
			return BOBAO_E_ENCODING;
		}
		if ((cp < 0x20 && !seg_is_space(cp)) || cp == 0x7F || cp == 0xFFFE ||
		    cp == 0xFFFF) {
			where->col = col;
			return BOBAO_E_BINARY;
		}
		if ((rc = bb_u32_push(out, cp)) != BOBAO_OK)
			return rc;
		i += len;
		col++;
	}
	return BOBAO_OK;
}
