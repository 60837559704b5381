/*
 * clean.c - make real-world news text fit to read.
 *
 * Rules, in the order they apply to each character:
 *   - invisible characters (BOM, zero-width, soft hyphen, variation
 *     selectors) go; runs of white space become one space, and spaces next
 *     to Chinese punctuation go;
 *   - full-width letters, digits and symbols become ASCII (Ａ１％ -> A1%),
 *     the full-width forms of Chinese punctuation stay;
 *   - a parenthesized pinyin right after Han characters, 區(qū) or
 *     產(chǎn)業(yè) or 调(diao4), is an annotation: removed, its syllables kept
 *     as reading hints for the characters before it;
 *   - ASCII punctuation next to Chinese text becomes Chinese punctuation
 *     (, ; : ? ! ( ) . " ...), except inside numbers (1,280  9:30  3.5);
 *   - a '?' between Han characters inside brackets or after 记者 is a lost
 *     separator in a byline, (記者?馬曉芳?陳瑤): it becomes a space;
 *   - a letter O or a circle ○ ◯ among Chinese digits is 〇 (二OO五,
 *     二○一一年, ○點五七); the end mark (完)
 *     closing the text or a line is not read.
 */
#include <string.h>

#include "seg.h"

#define ANNOTATION_MAX 40   /* characters between the parentheses */
#define HINTS_MAX 16

static int invisible(uint32_t c)
{
	return c == 0xFEFF || (c >= 0x200B && c <= 0x200F) || c == 0x2060 ||
	       c == 0x00AD || (c >= 0xFE00 && c <= 0xFE0F) || c == '\n';
}

/* Full-width ASCII variants, except the ones that are Chinese punctuation
 * in their own right. */
static uint32_t fold(uint32_t c)
{
	if (c >= 0xFF01 && c <= 0xFF5E) {
		switch (c) {
		case 0xFF01: case 0xFF08: case 0xFF09: case 0xFF0C:
		case 0xFF1A: case 0xFF1B: case 0xFF1F:
			return c;
		}
		return c - 0xFEE0;
	}
	if (c == 0x3000 || seg_is_space(c))
		return ' ';
	return c;
}

static int cjk(uint32_t c)
{
	return seg_is_han(c) || seg_is_cjk_punct(c);
}

#define DEPTH_MAX 32

struct cleaner {
	const uint32_t *in;
	size_t n;
	struct seg_text *t;
	int depth;                 /* open brackets in the output */
	char wide[DEPTH_MAX];      /* was the bracket at each depth full-width */
	int quotes;                /* ASCII double quotes seen */
};

static uint32_t last_out(const struct cleaner *c)
{
	size_t i = c->t->cp.len;

	while (i > 0 && c->t->cp.v[i - 1] == ' ')
		i--;
	return i ? c->t->cp.v[i - 1] : 0;
}

/* Next input character after i that is not white space, folded. */
static uint32_t next_in(const struct cleaner *c, size_t i)
{
	for (i++; i < c->n; i++) {
		uint32_t x = fold(c->in[i]);

		if (x != ' ' && !invisible(x))
			return x;
	}
	return 0;
}

/* Count the Han characters ending the output, without spaces between. */
static size_t trailing_han(const struct seg_text *t)
{
	size_t k = 0;

	while (k < t->cp.len && seg_is_han(t->cp.v[t->cp.len - 1 - k]))
		k++;
	return k;
}

/* At in[i] == '(' or '（' right after Han characters: if an annotation
 * follows, store its hints and return the index of its closing parenthesis,
 * else return 0. */
static size_t annotation(struct cleaner *c, size_t i)
{
	seg_reading_t hints[HINTS_MAX];
	size_t j, han = trailing_han(c->t);
	int k, m;

	if (!han)
		return 0;
	for (j = i + 1; j < c->n && j - i <= ANNOTATION_MAX; j++)
		if (c->in[j] == ')' || c->in[j] == 0xFF09)
			break;
	if (j >= c->n || j - i > ANNOTATION_MAX)
		return 0;
	k = seg_parse_pinyin(c->in + i + 1, j - i - 1, hints,
	                     han < HINTS_MAX ? han : HINTS_MAX);
	if (k <= 0)
		return 0;
	for (m = 0; m < k; m++)
		c->t->hint.v[c->t->cp.len - (size_t)k + (size_t)m] = hints[m];
	return j;
}

/* Does the output end with 记者/記者/通讯员/通訊員 and at most a name? */
static int byline(const struct seg_text *t)
{
	static const uint32_t marks[][3] = {
		{0x8BB0, 0x8005, 0}, {0x8A18, 0x8005, 0},
		{0x901A, 0x8BAF, 0x5458}, {0x901A, 0x8A0A, 0x54E1},
	};
	size_t han = trailing_han(t), m, k, len;

	for (m = 0; m < BB_ARRAY_SIZE(marks); m++) {
		len = marks[m][2] ? 3 : 2;
		for (k = 0; k < len && k < han; k++)
			if (t->cp.v[t->cp.len - han + k] != marks[m][k])
				break;
		if (k == len)
			return 1;
	}
	return 0;
}

static bobao_code put(struct cleaner *c, uint32_t x)
{
	if (x == ' ') {
		uint32_t prev = c->t->cp.len ? c->t->cp.v[c->t->cp.len - 1] : 0;

		if (!prev || prev == ' ' || (seg_is_cjk_punct(prev) && !seg_is_han(prev)))
			return BOBAO_OK;
	} else if (seg_is_cjk_punct(x) && c->t->cp.len &&
	           c->t->cp.v[c->t->cp.len - 1] == ' ') {
		c->t->cp.len--;
		c->t->hint.len--;
		c->t->from.len--;
	}
	if (seg_is_open_bracket(x)) {
		if (c->depth < DEPTH_MAX)
			c->wide[c->depth] = x > 0x7F;
		c->depth++;
	} else if (seg_is_close_bracket(x) && c->depth > 0) {
		c->depth--;
	}
	return seg_text_push(c->t, x, 0);
}

/* ASCII punctuation at in[i]: what to write instead (0: drop). */
static uint32_t punct(struct cleaner *c, size_t i, uint32_t x)
{
	uint32_t prev = last_out(c), next = next_in(c, i);
	int digits = seg_is_digit(prev) && seg_is_digit(next) &&
	             c->t->cp.len && c->t->cp.v[c->t->cp.len - 1] == prev;
	int chinese = cjk(prev) || cjk(next);

	switch (x) {
	case ',':
		return digits ? ',' : chinese ? 0xFF0C : ',';
	case ':':
		return digits ? ':' : chinese ? 0xFF1A : ':';
	case '.':
		return digits ? '.' : seg_is_han(prev) ? 0x3002 : '.';
	case ';':
		return chinese ? 0xFF1B : ';';
	case '!':
		return chinese ? 0xFF01 : '!';
	case '?':
		if (seg_is_han(prev) && seg_is_han(next) &&
		    c->t->cp.v[c->t->cp.len - 1] == prev && (c->depth > 0 || byline(c->t)))
			return ' ';
		return chinese ? 0xFF1F : '?';
	case '(':
		return chinese ? 0xFF08 : '(';
	case ')':   /* match the opening one */
		if (c->depth > 0 && c->depth <= DEPTH_MAX)
			return c->wide[c->depth - 1] ? 0xFF09 : ')';
		return chinese ? 0xFF09 : ')';
	case '"':
		if (!chinese)
			return '"';
		return c->quotes++ % 2 ? 0x201D : 0x201C;
	}
	return x;
}

static int han_digit(uint32_t c)
{
	return c == 0x3007 || c == 0x96F6 || c == 0x4E00 || c == 0x4E8C || c == 0x4E09 ||
	       c == 0x56DB || c == 0x4E94 || c == 0x516D || c == 0x4E03 || c == 0x516B ||
	       c == 0x4E5D;
}

/* What may stand for 〇 in a Chinese number: the letter O (also Ｏ, o)
 * and the circles ○ (U+25CB) and ◯ (U+25EF) that Taiwanese and Hong Kong
 * pages type for it (二○一一年, ○點五七). */
static int zero_like(uint32_t c)
{
	return c == 'O' || c == 'o' || c == 0x25CB || c == 0x25EF;
}

/* 点 and 點, a decimal point in a Chinese number */
static int han_point(uint32_t c)
{
	return c == 0x70B9 || c == 0x9EDE;
}

/* A run of zero_like() at in[i] that is 〇 in a number: between Chinese
 * digits (二OO五, 二○一一年), a circle after them before 年 (一九九○年),
 * before a decimal point and a digit (○點五七, 百分之○點七三), or after
 * one (○點○九).  A circle alone (○ 第一项, a bullet or a shape) stays. */
static int letter_zero(const struct cleaner *c, size_t i)
{
	uint32_t prev = c->t->cp.len ? c->t->cp.v[c->t->cp.len - 1] : 0,
	         before = c->t->cp.len > 1 ? c->t->cp.v[c->t->cp.len - 2] : 0, next, after;
	int circle = 0;
	size_t j;

	for (j = i; j < c->n && zero_like(fold(c->in[j])); j++)
		circle |= c->in[j] == 0x25CB || c->in[j] == 0x25EF;
	next = j < c->n ? c->in[j] : 0;
	after = j + 1 < c->n ? c->in[j + 1] : 0;
	if (han_digit(prev) && han_digit(next))
		return 1;
	if (!circle)
		return 0;
	return (han_digit(prev) && next == 0x5E74) ||
	       (han_point(next) && (han_digit(after) || zero_like(fold(after)))) ||
	       (han_point(prev) && han_digit(before) && han_digit(next));
}

/* The editor's credit that may follow an end mark: （完）【编辑：谭畅】 */
static const char *const credits[] = { "编辑", "责编", "责任编辑", "作者", "记者", NULL };

/* At in[i], after an end mark, an editor's credit in brackets closing the
 * line: the index of its closing bracket, else 0. */
static size_t credit(const struct cleaner *c, size_t i)
{
	size_t k;

	for (; i < c->n && (fold(c->in[i]) == ' ' || invisible(c->in[i])); i++)
		;
	if (i >= c->n || (c->in[i] != 0x3010 && fold(c->in[i]) != '('))
		return 0;
	for (k = 0; credits[k]; k++)
		if (seg_starts_with(c->in + i + 1, c->n - i - 1, credits[k]))
			break;
	if (!credits[k])
		return 0;
	for (; i < c->n && c->in[i] != '\n'; i++)
		if (c->in[i] == 0x3011 || fold(c->in[i]) == ')')
			return i;
	return 0;
}

/* At in[i], an end mark (完) or （完） closing the text or its line (an
 * editor's credit may follow: （完）【编辑：谭畅】): the index of its
 * closing parenthesis, or of the credit's closing bracket, else 0.
 * Neither is read aloud. */
static size_t end_mark(const struct cleaner *c, size_t i)
{
	size_t j = i + 2, k;

	if (j >= c->n || c->in[i + 1] != 0x5B8C || (c->in[j] != ')' && c->in[j] != 0xFF09))
		return 0;
	if ((k = credit(c, j + 1)) != 0)
		j = k;
	for (i = j + 1; i < c->n && c->in[i] != '\n'; i++)
		if (fold(c->in[i]) != ' ' && !invisible(c->in[i]))
			return 0;
	return j;
}

bobao_code seg_clean(const uint32_t *in, size_t n, struct seg_text *t)
{
	struct cleaner c;
	bobao_code rc = BOBAO_OK;
	size_t i, end;

	memset(&c, 0, sizeof(c));
	c.in = in;
	c.n = n;
	c.t = t;
	seg_text_reset(t);
	for (i = 0; i < n && rc == BOBAO_OK; i++) {
		uint32_t x = fold(in[i]);

		if (invisible(x))
			continue;
		if ((x == '(' || x == 0xFF08) && ((end = annotation(&c, i)) != 0 ||
		    (end = end_mark(&c, i)) != 0)) {
			i = end;
			continue;
		}
		if (zero_like(x) && letter_zero(&c, i))
			x = 0x3007;
		if (x == '.' && i + 2 < n && in[i + 1] == '.' && in[i + 2] == '.' &&
		    (cjk(last_out(&c)) || cjk(next_in(&c, i + 2)))) {
			i += 2;
			x = 0x2026;
		} else if (x < 0x80 && strchr(",:.;!?()\"", (int)x)) {
			x = punct(&c, i, x);
		}
		rc = put(&c, x);
	}
	while (rc == BOBAO_OK && t->cp.len && t->cp.v[t->cp.len - 1] == ' ') {
		t->cp.len--;
		t->hint.len--;
		t->from.len--;
	}
	return rc;
}
