/*
 * read.c - from the spoken form to what the engine is given.
 *
 * For each unit, in order:
 *   1. traditional characters become simplified (OpenCC t2s), for lookup
 *      only: the text shown stays as it was written.  A unit is converted
 *      only when OpenCC changes a character outside GB2312, that is, when
 *      the unit really is traditional: applied to simplified text t2s would
 *      turn 著有 (zhu4) into 着有;
 *   2. readings fixed earlier stay: annotations (區(qū)) and numerals;
 *   3. words: the longest lexicon entry at each position (银行 yin2 hang2);
 *   4. single characters: the lexicon's default, else Unihan's (kMandarin);
 *   5. context rules for what a list cannot decide (rules.c);
 *   6. tone sandhi of 一 and 不 (rules.c).  3-3 sandhi is eSpeak NG's.
 * Each Han character becomes one syllable with a tone digit (1-5, ü as v);
 * pause marks attach to the syllable before them ("hao3,"); Latin runs
 * become spans of their own, sent as they are to the Latin voice.
 */
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include <opencc/opencc.h>

#include "seg.h"

struct seg_reader {
	struct seg_lexicon *lx;
	opencc_t cc;               /* (opencc_t)-1: no conversion */
	iconv_t gb;                /* UTF-8 to GB2312, to tell simplified text */
	struct bb_buf utf8;        /* scratch: the unit for OpenCC */
	struct bb_u32 simp;        /* scratch: simplified characters */
	struct bb_buf readings;    /* scratch: seg_reading_t per character */
	struct bb_buf how;         /* scratch: enum seg_how per character */
	int traditional;           /* the last unit simplified was traditional */
};

#define SCRATCH_MAX (64u << 20)

bobao_code seg_reader_new(struct seg_reader **out, struct bb_err *err)
{
	struct seg_reader *r = calloc(1, sizeof(*r));
	bobao_code rc;

	*out = NULL;
	if (!r)
		return BOBAO_E_NOMEM;
	bb_buf_init(&r->utf8, SCRATCH_MAX);
	r->simp = (struct bb_u32)BB_U32_INIT(SCRATCH_MAX);
	bb_buf_init(&r->readings, SCRATCH_MAX);
	bb_buf_init(&r->how, SCRATCH_MAX);
	r->cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
	r->gb = iconv_open("GB2312", "UTF-8");
	if ((rc = seg_lexicon_new(&r->lx, err)) != BOBAO_OK) {
		seg_reader_free(r);
		return rc;
	}
	*out = r;
	return BOBAO_OK;
}

void seg_reader_free(struct seg_reader *r)
{
	if (!r)
		return;
	if (r->cc != (opencc_t)-1)
		opencc_close(r->cc);
	if (r->gb != (iconv_t)-1)
		iconv_close(r->gb);
	seg_lexicon_free(r->lx);
	bb_buf_release(&r->utf8);
	bb_u32_release(&r->simp);
	bb_buf_release(&r->readings);
	bb_buf_release(&r->how);
	free(r);
}

bobao_code seg_reader_lexicon(struct seg_reader *r, const char *path, struct bb_err *err)
{
	return seg_lexicon_load(r->lx, path, err);
}

/* Is c one of the 6763 characters of GB2312, the simplified set? */
static int in_gb2312(struct seg_reader *r, uint32_t c)
{
	char in[4], out[8], *ip = in, *op = out;
	size_t il, ol = sizeof(out);
	struct bb_buf b = BB_BUF_INIT(8);

	if (r->gb == (iconv_t)-1)
		return 0;
	bb_buf_addcp(&b, c);
	il = b.len;
	memcpy(in, b.ptr, il);
	bb_buf_release(&b);
	iconv(r->gb, NULL, NULL, NULL, NULL);
	return iconv(r->gb, &ip, &il, &op, &ol) != (size_t)-1;
}

/* Is the conversion of s into t that of traditional text? */
static int traditional(struct seg_reader *r, const uint32_t *s, const uint32_t *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != t[i] && seg_is_han(s[i]) && !in_gb2312(r, s[i]))
			return 1;
	return 0;
}

/* Simplified form of the n characters of s into r->simp; the same length. */
static bobao_code simplify(struct seg_reader *r, const uint32_t *s, size_t n)
{
	struct bb_u32 conv = BB_U32_INIT(SCRATCH_MAX);
	struct seg_pos pos;
	bobao_code rc = BOBAO_OK;
	char *out = NULL;
	size_t i;

	r->simp.len = 0;
	r->traditional = 0;
	for (i = 0; i < n && rc == BOBAO_OK; i++)
		rc = bb_u32_push(&r->simp, s[i]);
	if (rc != BOBAO_OK || r->cc == (opencc_t)-1)
		return rc;
	bb_buf_reset(&r->utf8);
	for (i = 0; i < n && rc == BOBAO_OK; i++)
		rc = bb_buf_addcp(&r->utf8, s[i]);
	if (rc != BOBAO_OK || !r->utf8.len)
		return rc;
	out = opencc_convert_utf8(r->cc, r->utf8.ptr, r->utf8.len);
	if (out && seg_decode(out, strlen(out), &conv, &pos) == BOBAO_OK && conv.len == n) {
		if ((r->traditional = traditional(r, s, conv.v, n)))
			memcpy(r->simp.v, conv.v, n * sizeof(*conv.v));
	} else if (out) {
		/* a phrase changed length: convert character by character */
		for (i = 0; i < n; i++) {
			char one[8];
			char *o;
			uint32_t c;

			if (!seg_is_han(s[i]))
				continue;
			bb_buf_reset(&r->utf8);
			bb_buf_addcp(&r->utf8, s[i]);
			memcpy(one, r->utf8.ptr, r->utf8.len + 1);
			o = opencc_convert_utf8(r->cc, one, strlen(one));
			if (o && bb_utf8_decode((const unsigned char *)o, strlen(o), &c) == strlen(o))
				r->simp.v[i] = c;
			if (o)
				opencc_convert_utf8_free(o);
		}
	}
	if (out)
		opencc_convert_utf8_free(out);
	bb_u32_release(&conv);
	return BOBAO_OK;
}

/* The longest word at i, matched on the text as written and as
 * simplified (a user may write 乾洋 or 干洋); the written form wins a tie. */
static size_t word_at(struct seg_reader *r, const uint32_t *orig, size_t i, size_t run,
                      seg_reading_t *out)
{
	const uint32_t *s = r->simp.v;
	seg_reading_t alt[32];
	size_t m = seg_lexicon_match(r->lx, orig + i, run - i, 2, out), k;

	if (memcmp(orig + i, s + i, (run - i) * sizeof(*s)) &&
	    (k = seg_lexicon_match(r->lx, s + i, run - i, 2, alt)) > m) {
		memcpy(out, alt, k * sizeof(*alt));
		m = k;
	}
	return m;
}

/* Steps 2-6 over the simplified characters: readings and how they came. */
static void choose(struct seg_reader *r, const struct seg_text *spoken,
                   seg_reading_t *rd, unsigned char *how)
{
	const uint32_t *s = r->simp.v, *orig = spoken->cp.v;
	size_t n = spoken->cp.len, i, k, m, run;

	for (i = 0; i < n; i++) {
		rd[i] = (seg_reading_t)spoken->hint.v[i];
		how[i] = rd[i] ? SEG_HOW_FIXED : SEG_HOW_NONE;
	}
	for (i = 0; i < n; ) {
		if (!seg_is_han(s[i])) {
			i++;
			continue;
		}
		for (run = i; run < n && seg_is_han(s[run]); run++)
			;
		m = word_at(r, orig, i, run, rd + n);   /* rd[n..]: scratch */
		if (m) {
			for (k = 0; k < m; k++) {
				if (how[i + k] == SEG_HOW_FIXED)
					continue;
				rd[i + k] = rd[n + k];
				how[i + k] = SEG_HOW_WORD;
			}
			i += m;
			continue;
		}
		if (how[i] != SEG_HOW_FIXED) {
			if (seg_lexicon_match(r->lx, orig + i, 1, 1, rd + n) ||
			    seg_lexicon_match(r->lx, s + i, 1, 1, rd + n))
				rd[i] = rd[n];
			else
				rd[i] = seg_lookup(s[i]) ? seg_lookup(s[i]) : seg_lookup(orig[i]);
			how[i] = SEG_HOW_CHAR;
		}
		i++;
	}
	seg_rules(s, rd, how, n);
}

/* Start a token in a span of lang: a space before it unless first. */
static bobao_code token(struct seg_speech *s, enum seg_lang lang)
{
	struct seg_span *sp = s->spans.len ? (struct seg_span *)(void *)s->spans.ptr +
	                      seg_speech_count(s) - 1 : NULL;
	bobao_code rc;

	if (s->text.len && (rc = bb_buf_addch(&s->text, ' ')) != BOBAO_OK)
		return rc;
	if (!sp || sp->lang != lang) {
		struct seg_span n = { lang, s->text.len, 0 };

		return bb_buf_add(&s->spans, &n, sizeof(n));
	}
	return BOBAO_OK;
}

static void close_span(struct seg_speech *s)
{
	struct seg_span *sp;

	if (!s->spans.len)
		return;
	sp = (struct seg_span *)(void *)s->spans.ptr + seg_speech_count(s) - 1;
	sp->len = s->text.len - sp->off;
}

void seg_speech_init(struct seg_speech *s, size_t cap)
{
	bb_buf_init(&s->text, cap);
	bb_buf_init(&s->spans, cap);
	bb_buf_init(&s->readings, cap);
	s->traditional = 0;
}

void seg_speech_release(struct seg_speech *s)
{
	bb_buf_release(&s->text);
	bb_buf_release(&s->spans);
	bb_buf_release(&s->readings);
}

size_t seg_speech_count(const struct seg_speech *s)
{
	return s->spans.len / sizeof(struct seg_span);
}

const struct seg_span *seg_speech_span(const struct seg_speech *s, size_t i)
{
	return (const struct seg_span *)(const void *)s->spans.ptr + i;
}

bobao_code seg_read(struct seg_reader *r, const struct seg_text *spoken,
                    struct seg_speech *speech)
{
	const uint32_t *c = spoken->cp.v;
	size_t i = 0, n = spoken->cp.len;
	seg_reading_t *rd;
	unsigned char *how;
	bobao_code rc;

	bb_buf_reset(&speech->text);
	bb_buf_reset(&speech->spans);
	bb_buf_reset(&speech->readings);
	if ((rc = simplify(r, c, n)) != BOBAO_OK ||
	    (rc = bb_buf_grow(&r->readings, (2 * n + 32) * sizeof(*rd))) != BOBAO_OK ||
	    (rc = bb_buf_grow(&r->how, n + 1)) != BOBAO_OK)
		return rc;
	rd = (seg_reading_t *)(void *)r->readings.ptr;
	how = (unsigned char *)r->how.ptr;
	choose(r, spoken, rd, how);
	speech->traditional = r->traditional;
	if ((rc = bb_buf_add(&speech->readings, rd, n * sizeof(*rd))) != BOBAO_OK)
		return rc;
	while (i < n && rc == BOBAO_OK) {
		if (seg_is_han(c[i])) {
			if (rd[i] && (rc = token(speech, SEG_LANG_MANDARIN)) == BOBAO_OK)
				rc = seg_reading_append(&speech->text, rd[i]);
			i++;
		} else if (seg_is_latin(c[i]) || seg_is_digit(c[i])) {
			if ((rc = token(speech, SEG_LANG_LATIN)) != BOBAO_OK)
				break;
			for (; i < n && rc == BOBAO_OK && !(c[i] == ',' || c[i] == '.' ||
			       c[i] == '?' || seg_is_han(c[i])); i++)
				rc = bb_buf_addcp(&speech->text, c[i]);
		} else {
			/* a pause mark closes the syllable or word before it */
			if (speech->spans.len && speech->text.len &&
			    speech->text.ptr[speech->text.len - 1] != ' ')
				rc = bb_buf_addch(&speech->text, (char)c[i]);
			i++;
		}
		close_span(speech);
	}
	return rc;
}
