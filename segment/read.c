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
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <opencc/opencc.h>

#include "seg.h"

struct seg_reader {
	struct seg_lexicon *lx;
	struct seg_lexicon *places; /* the gazetteer, for seg_names */
	struct seg_known_names known;  /* people named so far, for seg_names */
	opencc_t cc;               /* (opencc_t)-1: no conversion */
	iconv_t gb;                /* UTF-8 to GB2312, to tell simplified text */
	struct bb_buf utf8;        /* scratch: the unit for OpenCC */
	struct bb_u32 simp;        /* scratch: simplified characters */
	struct bb_buf readings;    /* scratch: seg_reading_t per character */
	struct bb_buf how;         /* scratch: enum seg_how per character */
	struct bb_buf words;       /* scratch: word length at each character */
	struct bb_buf lattice;     /* scratch: path weights, UTF-8 of a run */
	size_t lexmax, phrasemax;  /* longest lexicon entry, phrase */
	int traditional;           /* the last unit simplified was traditional */
	int trusted;               /* the unit's annotations are all authoritative */
	struct bb_buf notes;       /* annotations a word overruled, a line each */
	bobao_code notes_rc;       /* the first error adding to notes */
	seg_context_trace_fn *trace;   /* for scripts/gen-context */
	void *trace_arg;
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
	bb_buf_init(&r->words, SCRATCH_MAX);
	bb_buf_init(&r->lattice, SCRATCH_MAX);
	bb_buf_init(&r->notes, SCRATCH_MAX);
	r->cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
	r->gb = iconv_open("GB2312", "UTF-8");
	if ((rc = seg_lexicon_new(&r->lx, err)) != BOBAO_OK ||
	    (rc = seg_lexicon_new_from(&r->places, seg_name_lexicons, err)) != BOBAO_OK) {
		seg_reader_free(r);
		return rc;
	}
	r->lexmax = seg_lexicon_maxlen(r->lx);
	for (r->phrasemax = SEG_WORD_MAX; r->phrasemax && !seg_phrases[r->phrasemax].n; r->phrasemax--)
		;
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
	seg_lexicon_free(r->places);
	bb_buf_release(&r->utf8);
	bb_u32_release(&r->simp);
	bb_buf_release(&r->readings);
	bb_buf_release(&r->how);
	bb_buf_release(&r->words);
	bb_buf_release(&r->lattice);
	bb_buf_release(&r->notes);
	free(r);
}

void seg_reader_trace(struct seg_reader *r, seg_context_trace_fn *fn, void *arg)
{
	r->trace = fn;
	r->trace_arg = arg;
}

bobao_code seg_reader_lexicon(struct seg_reader *r, const char *path, struct bb_err *err)
{
	bobao_code rc = seg_lexicon_load(r->lx, path, err);

	r->lexmax = seg_lexicon_maxlen(r->lx);
	return rc;
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

/* Is c followed by d a word of the dictionary? */
static int pair_word(uint32_t c, uint32_t d)
{
	char u8[6];

	if (!seg_is_han(c) || !seg_is_han(d) || c > 0xFFFF || d > 0xFFFF)
		return 0;
	seg_word_utf8(c, u8);
	seg_word_utf8(d, u8 + 3);
	return seg_word_freq(u8, 2, NULL) >= 0;
}

/* In traditional text 著 is also the particle 着 (顯示著, 隨著, 蘊含著):
 * OpenCC keeps 著, so a 著 that makes no word with the character before it
 * (顯著, 名著) and starts none of the words of 著 zhù (著名, 著作) is
 * looked up as 着.  So it is in simplified text converted from such a
 * text (Taiwan's CNA in simplified characters: 靠著洋投, 接著让), but
 * there only between two Han characters, where the one before makes a
 * word with 着 (靠着, 接着, 随着), and not after a character that makes
 * 著 a verb of writing (鲁迅所著, 臭名昭著, 张三编著; 满洲著姓 and
 * 周任著《思齐》 stay zhù). */
static void particle_zhe(uint32_t *t, size_t n, int simplified)
{
	/* 著名 著作 著称 著述 著书 著有 著录 著者 */
	static const uint32_t zhu[] = { 0x540D, 0x4F5C, 0x79F0, 0x8FF0, 0x4E66, 0x6709, 0x5F55,
	                                0x8005 };
	/* 所 合 编 译 撰 遗 拙 新 原 巨 名 论 专 土 显 卓 昭 彰 执 杂 大 著 之 */
	static const uint32_t written[] = { 0x6240, 0x5408, 0x7F16, 0x8BD1, 0x64B0, 0x9057,
	                                    0x62D9, 0x65B0, 0x539F, 0x5DE8, 0x540D, 0x8BBA,
	                                    0x4E13, 0x571F, 0x663E, 0x5353, 0x662D, 0x5F70,
	                                    0x6267, 0x6742, 0x5927, 0x8457, 0x4E4B };
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (t[i] != 0x8457 || (i > 0 && pair_word(t[i - 1], t[i])))
			continue;
		if (simplified) {
			if (i == 0 || i + 1 >= n || !seg_is_han(t[i - 1]) || !seg_is_han(t[i + 1]) ||
			    !pair_word(t[i - 1], 0x7740))
				continue;
			for (k = 0; k < BB_ARRAY_SIZE(written) && t[i - 1] != written[k]; k++)
				;
			if (k < BB_ARRAY_SIZE(written))
				continue;
		}
		for (k = 0; i + 1 < n && k < BB_ARRAY_SIZE(zhu) && t[i + 1] != zhu[k]; k++)
			;
		if (i + 1 >= n || k == BB_ARRAY_SIZE(zhu))
			t[i] = 0x7740;
	}
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
		particle_zhe(r->simp.v, n, !r->traditional);
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
		r->traditional = traditional(r, s, r->simp.v, n);
		particle_zhe(r->simp.v, n, !r->traditional);
	}
	if (out)
		opencc_convert_utf8_free(out);
	bb_u32_release(&conv);
	return BOBAO_OK;
}

/*
 * Words by probability (the method of jieba): every dictionary word of the
 * run is an edge of a lattice, weighted by its log frequency; the path of
 * highest total weight is the segmentation.  Words of bobao's lexicon and of
 * the phrase lexicon are edges too; a word of bobao's lexicon weighs more
 * than any path of dictionary words through it, and a user's word has
 * probability one, so that it wins wherever it stands.
 */

/* The weight of the best path of dictionary words through the L
 * characters u8, one[j] the weight of the j-th alone. */
static int inner_best(const char *u8, size_t L, const int *one)
{
	int best[SEG_WORD_MAX + 1], q, v;
	size_t j, m;

	best[L] = 0;
	for (j = L; j-- > 0; ) {
		best[j] = one[j] + best[j + 1];
		for (m = 2; j + m <= L && m < L; m++) {
			if ((q = seg_word_freq(u8 + 3 * j, m, NULL)) == SEG_WORD_NONE)
				break;
			v = q - seg_words_log_total + best[j + m];
			if (q >= 0 && v > best[j])
				best[j] = v;
		}
	}
	return best[0];
}

/* Weight of s[k..k+L) as a word (log frequency, may be negative),
 * NOT_WORD when it is none, NO_MORE when no longer word starts with it
 * either; u8 is its UTF-8, one[j] the weight of its j-th character alone. */
#define NOT_WORD INT_MIN
#define NO_MORE (INT_MIN + 1)
static int word_weight(struct seg_reader *r, const uint32_t *orig, size_t k, size_t L,
                       const char *u8, const int *one, seg_reading_t *tmp)
{
	const uint32_t *s = r->simp.v;
	int q = seg_word_freq(u8, L, NULL), lex = 0;

	if (q == SEG_WORD_NONE && !seg_lexicon_prefix(r->lx, orig + k, L) &&
	    !seg_lexicon_prefix(r->lx, s + k, L))
		return NO_MORE;
	if (q < 0)
		q = NOT_WORD;
	if (L <= r->lexmax) {
		lex = seg_lexicon_get(r->lx, orig + k, L, tmp);
		if (lex < 2 && memcmp(orig + k, s + k, L * sizeof(*s))) {
			int l2 = seg_lexicon_get(r->lx, s + k, L, tmp);

			lex = l2 > lex ? l2 : lex;
		}
	}
	if (lex == 2)
		return seg_words_log_total;
	/* bobao's words weigh more than any path through them: 弹钢琴, not
	 * 弹 and 钢琴 */
	if (lex == 1) {
		int inner = inner_best(u8, L, one) + seg_words_log_total + 1;

		if (q < inner)
			q = inner;
	}
	return q;
}

/* The best path through the lattice of s[i..run): len[k] is the length of
 * the word at k on it. */
static bobao_code segment(struct seg_reader *r, const uint32_t *orig, size_t i, size_t run,
                          unsigned char *len)
{
	size_t n = run - i, k, L;
	const int total = seg_words_log_total;
	seg_reading_t tmp[SEG_WORD_MAX];
	int *best, *one, q, v;
	char *u8;
	bobao_code rc;

	bb_buf_reset(&r->lattice);
	if ((rc = bb_buf_grow(&r->lattice, 2 * (n + 1) * sizeof(int) + 3 * n + 4)) != BOBAO_OK)
		return rc;
	best = (int *)(void *)r->lattice.ptr;
	one = best + n + 1;
	u8 = (char *)(one + n + 1);
	for (k = 0; k < n; k++) {
		seg_word_utf8(r->simp.v[i + k], u8 + 3 * k);
		q = seg_word_freq(u8 + 3 * k, 1, NULL);
		one[k] = (q > 0 ? q : 0) - total;
	}
	best[n] = 0;
	for (k = n; k-- > 0; ) {
		best[k] = one[k] + best[k + 1];
		len[k] = 1;
		for (L = 2; L <= SEG_WORD_MAX && k + L <= n; L++) {
			q = word_weight(r, orig, i + k, L, u8 + 3 * k, one + k, tmp);
			if (q == NO_MORE)
				break;     /* no word of the lexicons starts so */
			if (q == NOT_WORD)
				continue;
			v = q - total + best[k + L];
			if (v >= best[k]) {
				best[k] = v;
				len[k] = (unsigned char)L;
			}
		}
	}
	return BOBAO_OK;
}

/* Default reading of the single character at i. */
static void one_char(struct seg_reader *r, const uint32_t *orig, size_t i,
                     seg_reading_t *rd, unsigned char *how)
{
	const uint32_t *s = r->simp.v;
	seg_reading_t one;

	if (how[i] == SEG_HOW_FIXED)
		return;
	/* the particle 著 is looked up as 着 (particle_zhe) */
	if ((s[i] != 0x7740 && seg_lexicon_get(r->lx, orig + i, 1, &one)) ||
	    seg_lexicon_get(r->lx, s + i, 1, &one))
		rd[i] = one;
	else
		rd[i] = seg_lookup(s[i]) ? seg_lookup(s[i]) : seg_lookup(orig[i]);
	how[i] = SEG_HOW_CHAR;
}

/*
 * An annotation is evidence, not an order: pages converted by machine carry
 * 長(zhǎng)征.  Where it gives a character of a word of bobao's lexicon or of
 * a word two sources read alike (长征, 长江) another syllable, and that
 * syllable is only the character's other common reading (its default, or
 * one the context model weighs), the word wins.  On a single character, a
 * word no source is sure of, or a rare reading (說(shuì)服), the annotation
 * stays; and a unit where every Han character is annotated (what `bobao
 * pinyin --annotate` writes, corrected by an editor) is trusted throughout.
 */
static int overrule(struct seg_reader *r, const uint32_t *orig, size_t i,
                    const seg_reading_t *rd, seg_reading_t word)
{
	const uint32_t *s = r->simp.v;
	seg_reading_t def;

	if (r->trusted || !word || seg_is_numeral(s[i]) ||
	    SEG_READING_SYL(rd[i]) == SEG_READING_SYL(word))
		return 0;
	if (!seg_lexicon_get(r->lx, orig + i, 1, &def) && !seg_lexicon_get(r->lx, s + i, 1, &def))
		def = seg_lookup(s[i]);
	if (rd[i] != def && !seg_context_reading(s[i], rd[i]))
		return 0;
	return 1;
}

/* Say that the word s[i..i+L) overruled the annotation old of its
 * character k (`-v`): 長(zhang3) in 长征 reads chang2: … */
static void note_overruled(struct seg_reader *r, const uint32_t *orig, size_t i, size_t L,
                           size_t k, seg_reading_t old, seg_reading_t word, int lexicon)
{
	struct bb_buf *b = &r->notes;
	bobao_code rc;
	size_t m;

	if (r->notes_rc != BOBAO_OK)
		return;
	rc = bb_buf_addcp(b, orig[i + k]);
	if (rc == BOBAO_OK)
		rc = bb_buf_addch(b, '(');
	if (rc == BOBAO_OK)
		rc = seg_reading_append(b, old);
	if (rc == BOBAO_OK)
		rc = bb_buf_adds(b, ") in ");
	for (m = 0; m < L && rc == BOBAO_OK; m++)
		rc = bb_buf_addcp(b, r->simp.v[i + m]);
	if (rc == BOBAO_OK)
		rc = bb_buf_adds(b, " reads ");
	if (rc == BOBAO_OK)
		rc = seg_reading_append(b, word);
	if (rc == BOBAO_OK)
		rc = bb_buf_adds(b, lexicon ? ": a word of bobao's lexicon overrules the annotation\n" :
		                 ": a word two sources read alike overrules the annotation\n");
	r->notes_rc = rc;
}

/* Read s[i..i+L) as an entry of bobao's or the user's lexicon, else of the
 * phrase lexicon; 0 when it is in neither. */
static int read_entry(struct seg_reader *r, const uint32_t *orig, size_t i, size_t L,
                      seg_reading_t *rd, unsigned char *how)
{
	const uint32_t *s = r->simp.v;
	seg_reading_t w[SEG_WORD_MAX];
	char u8[3 * SEG_WORD_MAX];
	size_t k, m;
	int phrase = 0, lex;
	unsigned cls = 0;

	if (!(lex = seg_lexicon_get(r->lx, orig + i, L, w)) &&
	    !(lex = seg_lexicon_get(r->lx, s + i, L, w))) {
		/* 三行, 一只: a numeral and a measure word are the rules', and
		 * so is a reduplication (看看 kan4 kan5, 常常 chang2 chang2) */
		if (L > r->phrasemax || seg_is_numeral(s[i]))
			return 0;
		for (k = 0; k < L; k++)
			seg_word_utf8(s[i + k], u8 + 3 * k);
		if (seg_word_freq(u8, L, &cls) < 0 || !(cls & SEG_CLASS_PHRASE))
			return 0;
		/* ... unless its neutral tone is the word's: 太太, 谢谢 */
		if (L == 2 && s[i] == s[i + 1] && ((cls & SEG_CLASS_ALIKE) ||
		    !seg_phrase(u8, L, w) || SEG_READING_TONE(w[1]) != 5))
			return 0;
		if (cls & SEG_CLASS_ALIKE) {
			/* the characters' defaults, sure: 国内, 人行道 */
			for (k = 0; k < L; k++) {
				if (how[i + k] == SEG_HOW_FIXED) {
					seg_reading_t d;

					if (!seg_lexicon_get(r->lx, orig + i + k, 1, &d) &&
					    !seg_lexicon_get(r->lx, s + i + k, 1, &d))
						d = seg_lookup(s[i + k]);
					if (!overrule(r, orig, i + k, rd, d))
						continue;
					note_overruled(r, orig, i, L, k, rd[i + k], d, 0);
					rd[i + k] = d;
					how[i + k] = SEG_HOW_SURE;
					continue;
				}
				one_char(r, orig, i + k, rd, how);
				if (s[i + k] != 0x4E00 && s[i + k] != 0x4E0D)
					how[i + k] = SEG_HOW_ALIKE;
			}
			return 1;
		}
		if (!(phrase = seg_phrase(u8, L, w)))
			return 0;
		/* bobao's lexicon wins inside a phrase: 招待 in 招待会 */
		for (k = 0; k + 1 < L; k++) {
			for (m = L - k - (k == 0); m > 1; m--)
				if (seg_lexicon_get(r->lx, orig + i + k, m, w + k) ||
				    seg_lexicon_get(r->lx, s + i + k, m, w + k))
					break;
			if (m > 1)
				k += m - 1;
		}
	}
	for (k = 0; k < L; k++) {
		if (how[i + k] == SEG_HOW_FIXED) {
			if (lex != 2 && (lex || (cls & SEG_CLASS_SURE)) &&
			    overrule(r, orig, i + k, rd, w[k])) {
				note_overruled(r, orig, i, L, k, rd[i + k], w[k], lex != 0);
				rd[i + k] = w[k];
				how[i + k] = lex ? SEG_HOW_LEXICON : SEG_HOW_SURE;
			}
			continue;
		}
		/* 一 and 不 of a phrase are written with their citation tone:
		 * sandhi decides them */
		if (phrase && (s[i + k] == 0x4E00 || s[i + k] == 0x4E0D)) {
			one_char(r, orig, i + k, rd, how);
			continue;
		}
		rd[i + k] = w[k];
		how[i + k] = lex == 2 ? SEG_HOW_FIXED :   /* a user's word */
		             lex ? SEG_HOW_LEXICON : cls & SEG_CLASS_SURE ? SEG_HOW_SURE :
		             SEG_HOW_WORD;
	}
	return 1;
}

/* Readings of the word s[i..i+L) of the lattice: the entry, else the
 * longest entries inside it (重庆 in 重庆市), else characters. */
static void read_word(struct seg_reader *r, const uint32_t *orig, size_t i, size_t L,
                      seg_reading_t *rd, unsigned char *how)
{
	size_t k, m;

	if (read_entry(r, orig, i, L, rd, how))
		return;
	for (k = 0; k < L; k += m) {
		for (m = L - k - (k == 0); m > 1; m--)
			if (read_entry(r, orig, i + k, m, rd, how))
				break;
		if (m <= 1) {
			one_char(r, orig, i + k, rd, how);
			m = 1;
		}
	}
}

/* What seg_rules is told of the word s[i..i+L) that ends a word. */
static unsigned char word_class(struct seg_reader *r, size_t i, size_t L)
{
	char u8[3 * SEG_WORD_MAX];
	unsigned cls = 0;
	size_t k;

	for (k = 0; k < L; k++)
		seg_word_utf8(r->simp.v[i + k], u8 + 3 * k);
	if (seg_word_freq(u8, L, &cls) < 0)
		cls = 0;
	return (unsigned char)(SEG_WORD_END | (L > 1 ? SEG_WORD_LONG : 0) | (cls & SEG_CLASS_RULES));
}

/* Steps 2-6 over the simplified characters: readings and how they came.
 * rd has room for 2n readings, how for 2n: the second halves are scratch. */
static bobao_code choose(struct seg_reader *r, const struct seg_text *spoken, size_t ahead,
                         seg_reading_t *rd, unsigned char *how, unsigned char *len,
                         unsigned char *ends)
{
	const uint32_t *s = r->simp.v, *orig = spoken->cp.v;
	size_t n = spoken->cp.len, i, run;
	bobao_code rc;

	r->trusted = 1;
	for (i = 0; i < n; i++) {
		rd[i] = (seg_reading_t)spoken->hint.v[i];
		how[i] = rd[i] ? SEG_HOW_FIXED : SEG_HOW_NONE;
		ends[i] = 0;
		if (!rd[i] && seg_is_han(s[i]))
			r->trusted = 0;
	}
	for (i = 0; i < n; ) {
		if (!seg_is_han(s[i])) {
			i++;
			continue;
		}
		for (run = i; run < n && seg_is_han(s[run]); run++)
			;
		if ((rc = segment(r, orig, i, run, len + i)) != BOBAO_OK)
			return rc;
		for (; i < run; i += len[i]) {
			if (len[i] > 1)
				read_word(r, orig, i, len[i], rd, how);
			else
				one_char(r, orig, i, rd, how);
			ends[i + len[i] - 1] = word_class(r, i, len[i]);
		}
	}
	/* what the rules decide, the context model leaves alone; a word read
	 * as its characters' defaults is open to the rules (去过 guo5) as a
	 * character read by its default is, but not to the model */
	memcpy(rd + n, rd, n * sizeof(*rd));
	for (i = 0; i < n; i++) {
		how[n + i] = how[i];
		if (how[i] == SEG_HOW_ALIKE)
			how[i] = SEG_HOW_CHAR;
	}
	seg_rules(s, rd, how, ends, n, ahead);
	for (i = 0; i < n; i++)
		if (how[i] == SEG_HOW_CHAR && rd[i] != rd[n + i])
			how[i] = SEG_HOW_RULE;
		else if (how[n + i] == SEG_HOW_ALIKE)
			how[i] = SEG_HOW_SURE;
	seg_context(s, rd, how, n, r->trace, r->trace_arg);
	seg_names(r->places, &r->known, s, rd, how, ends, n);
	return BOBAO_OK;
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
	bb_buf_init(&s->notes, cap);
	s->traditional = 0;
}

void seg_speech_release(struct seg_speech *s)
{
	bb_buf_release(&s->text);
	bb_buf_release(&s->spans);
	bb_buf_release(&s->readings);
	bb_buf_release(&s->notes);
}

size_t seg_speech_count(const struct seg_speech *s)
{
	return s->spans.len / sizeof(struct seg_span);
}

const struct seg_span *seg_speech_span(const struct seg_speech *s, size_t i)
{
	return (const struct seg_span *)(const void *)s->spans.ptr + i;
}

/* Is c[i] a 儿 that joins the syllable before it (er5 after a Han
 * character read in the same breath)? */
static int rhotic(const uint32_t *c, const seg_reading_t *rd, size_t i)
{
	static seg_reading_t er5;

	if (!er5)
		er5 = seg_reading_of("er5");
	return (c[i] == 0x513F || c[i] == 0x5152) && rd[i] == er5 && seg_is_han(c[i - 1]) &&
	       rd[i - 1] && SEG_READING_SYL(rd[i - 1]) != SEG_READING_SYL(er5);
}

static int capital(uint32_t c)
{
	return c >= 'A' && c <= 'Z';
}

bobao_code seg_read(struct seg_reader *r, const struct seg_text *spoken,
                    struct seg_speech *speech)
{
	return seg_read_ahead(r, spoken, NULL, speech);
}

bobao_code seg_read_ahead(struct seg_reader *r, const struct seg_text *spoken,
                          const struct seg_text *ahead, struct seg_speech *speech)
{
	const uint32_t *c = spoken->cp.v;
	size_t i = 0, n = spoken->cp.len, a = ahead ? ahead->cp.len : 0;
	seg_reading_t *rd;
	unsigned char *how;
	bobao_code rc;

	bb_buf_reset(&speech->text);
	bb_buf_reset(&speech->spans);
	bb_buf_reset(&speech->readings);
	bb_buf_reset(&speech->notes);
	bb_buf_reset(&r->notes);
	r->notes_rc = BOBAO_OK;
	if (a > SEG_READ_AHEAD_MAX)
		a = SEG_READ_AHEAD_MAX;
	if ((rc = simplify(r, c, n)) != BOBAO_OK)
		return rc;
	/* what is read ahead only for the rules: folded, not converted */
	for (i = 0; i < a; i++)
		if ((rc = bb_u32_push(&r->simp, seg_fold(ahead->cp.v[i]))) != BOBAO_OK)
			return rc;
	i = 0;
	if ((rc = bb_buf_grow(&r->readings, (2 * n + 32) * sizeof(*rd))) != BOBAO_OK ||
	    (rc = bb_buf_grow(&r->how, 2 * n + 1)) != BOBAO_OK ||
	    (rc = bb_buf_grow(&r->words, 2 * n + 2)) != BOBAO_OK)
		return rc;
	rd = (seg_reading_t *)(void *)r->readings.ptr;
	how = (unsigned char *)r->how.ptr;
	if ((rc = choose(r, spoken, a, rd, how, (unsigned char *)r->words.ptr,
	                 (unsigned char *)r->words.ptr + n + 1)) != BOBAO_OK)
		return rc;
	speech->traditional = r->traditional;
	if ((rc = r->notes_rc) != BOBAO_OK ||
	    (rc = bb_buf_add(&speech->notes, r->notes.ptr, r->notes.len)) != BOBAO_OK ||
	    (rc = bb_buf_add(&speech->readings, rd, n * sizeof(*rd))) != BOBAO_OK)
		return rc;
	while (i < n && rc == BOBAO_OK) {
		if (seg_is_han(c[i])) {
			if (rd[i] && i > 0 && rhotic(c, rd, i) && speech->text.len) {
				/* 这儿 zhe4 er5 -> zher4: 儿 joins the syllable */
				char *t = speech->text.ptr + speech->text.len - 1;

				rc = bb_buf_addch(&speech->text, *t);
				if (rc == BOBAO_OK)
					speech->text.ptr[speech->text.len - 2] = 'r';
			} else if (rd[i] && (rc = token(speech, SEG_LANG_MANDARIN)) == BOBAO_OK) {
				rc = seg_reading_append(&speech->text, rd[i]);
			}
			i++;
		} else if (seg_is_latin(c[i]) || seg_is_digit(c[i])) {
			if ((rc = token(speech, SEG_LANG_LATIN)) != BOBAO_OK)
				break;
			/* a '.' between capitals stays: W.H.O is spelled */
			for (; i < n && rc == BOBAO_OK && !(c[i] == ',' || c[i] == '?' ||
			       (c[i] == '.' && !(i > 0 && capital(c[i - 1]) && i + 1 < n &&
			                         capital(c[i + 1]))) ||
			       seg_is_han(c[i])); i++)
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

bobao_code seg_read_unit(struct seg_reader *r, const struct seg_text *t, const struct seg_unit *u,
                         struct seg_text *spoken, struct seg_text *ahead,
                         struct seg_speech *speech)
{
	size_t e = u->end;
	bobao_code rc;

	if ((rc = seg_normalize(t, u->start, u->end, spoken)) != BOBAO_OK)
		return rc;
	if (u->sentence_end || !ahead)
		return seg_read(r, spoken, speech);
	/* the rest of the sentence, as far as the rules may look */
	while (e < t->cp.len && e < u->end + 2 * SEG_READ_AHEAD_MAX &&
	       !seg_is_sentence_end(t->cp.v[e]))
		e++;
	if ((rc = seg_normalize(t, u->end, e, ahead)) != BOBAO_OK)
		return rc;
	return seg_read_ahead(r, spoken, ahead, speech);
}
