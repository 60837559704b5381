/*
 * symbols.c - symbols between numbers and words, spoken (issue 17):
 *
 *   4×400米             四乘四百米        × between numbers: 乘
 *   互联网+教育          互联网加教育      + joining words or numbers: 加
 *   “AI＋”, 「人工智能+」 A.I加, 人工智能加    and closing a programme's name
 *   12元/公斤, 毫克/升   元每公斤          / before a unit, after one: 每
 *   邓丽娟/周娅菲         邓丽娟，周娅菲     any other / between words: a pause
 *   1月1日—1月5日        一月一日至一月五日 — ～ ~ between dates or times: 至
 *   No.1                第一              No. before a number
 *   Aβ, γ射线, δ毒株     A贝塔 伽马射线    Greek letters by their Chinese names
 *
 * and Latin runs as a newsreader says them: an all-capital acronym of two
 * to five letters is spelled letter by letter (WHO is W.H.O, which eSpeak
 * NG's English voice spells, where it says "WHO" as "who"), but for the
 * few read as words in Chinese news; & stays inside a name (R&D).
 */
#include <string.h>

#include "seg.h"

static uint32_t at(const struct seg_text *t, size_t i, size_t end)
{
	return i < end ? t->cp.v[i] : 0;
}

static bobao_code say(struct seg_text *out, const char *w)
{
	size_t n = strlen(w), k = 0, len;
	bobao_code rc = BOBAO_OK;
	uint32_t c;

	while (rc == BOBAO_OK && k < n &&
	       (len = bb_utf8_decode((const unsigned char *)w + k, n - k, &c))) {
		rc = seg_text_push(out, c, 0);
		k += len;
	}
	return rc;
}

/* Units a rate is counted in: 元/公斤, 次/分钟 */
static const char *const per_units[] = {
	"公斤", "千克", "克", "斤", "吨", "升", "毫升", "立方米", "平方米", "平方公里",
	"公里", "千米", "米", "小时", "分钟", "秒", "天", "日", "周", "月", "年", "人", "次",
	"亩", "台", "件", "个", "辆", "户", "份", "张", "千瓦时", "度", NULL
};

/* What a rate may count before its slash besides per_units: 元/公斤,
 * 1200转/分钟, 50帧/秒 */
static const char *const counted[] = {
	"元", "转", "瓦", "帧", "步", "字", "页", "条", "篇", "箱", "桶", "块", "包", "只",
	"头", "株", "座", "家", "位", "例", "趟", "架次", "车次", NULL
};

/* Characters of a UTF-8 word */
static size_t chars(const char *w)
{
	size_t n = 0;

	for (; *w; w++)
		n += ((unsigned char)*w & 0xC0) != 0x80;
	return n;
}

/* Does one of the words end right before t[i], not before start? */
static int ends_with(const struct seg_text *t, size_t i, size_t start,
                     const char *const *words)
{
	size_t k, n;

	for (k = 0; words[k]; k++) {
		n = chars(words[k]);
		if (i - start >= n && seg_starts_with(t->cp.v + i - n, n, words[k]) == n)
			return 1;
	}
	return 0;
}

/* Is the slash at t[i] a rate's, 每?  The word after it is a unit of
 * per_units, and a unit is counted before it (元/公斤, 毫克/升, 次/分钟)
 * or the unit ends the phrase (售价/吨。, 价格/斤左右).  Between two
 * names (邓丽娟/周娅菲, 覃于妹/张少琴) or in a byline (記者詹詠淇／台北
 * 報導) the word after the slash only starts like a unit (周, 张, 台):
 * not a rate. */
static int rate(const struct seg_text *t, size_t i, size_t start, size_t end)
{
	static const char *const after[] = { "的", "左右", "以上", "以下", "上下", "不等", NULL };
	size_t k, n;

	for (k = 0; per_units[k]; k++) {
		if (!(n = seg_starts_with(t->cp.v + i + 1, end - i - 1, per_units[k])))
			continue;
		if (ends_with(t, i, start, per_units) || ends_with(t, i, start, counted))
			return 1;
		n += i + 1;
		if (n >= end || !seg_is_han(t->cp.v[n]))
			return 1;
		for (k = 0; after[k]; k++)
			if (seg_starts_with(t->cp.v + n, end - n, after[k]))
				return 1;
		return 0;
	}
	return 0;
}

/* A closing quote or bracket: a programme's name ends, “人工智能+” */
static int closing(uint32_t c)
{
	return c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F || c == 0x300B ||
	       c == 0x3011 || c == 0xFF09 || c == ')' || c == '"' || c == '\'';
}

static int is_dash(uint32_t c)
{
	return c == '-' || c == 0x2013 || c == 0x2014 || c == '~' || c == 0xFF5E || c == 0x301C;
}

/* What ends a full date or time: 日 号 时 分 秒 点 */
static int ends_date(uint32_t c)
{
	return c == 0x65E5 || c == 0x53F7 || c == 0x65F6 || c == 0x5206 || c == 0x79D2;
}

/* Greek letters as Chinese news says them (Aβ 淀粉样蛋白, γ射线, δ毒株,
 * Ω); μ stays a unit's micro (μm, numbers.c). */
static const struct {
	uint32_t c;
	const char *name;
} greek[] = {
	{ 0x391, "阿尔法" }, { 0x392, "贝塔" }, { 0x393, "伽马" }, { 0x394, "德尔塔" },
	{ 0x398, "西塔" }, { 0x39B, "兰姆达" }, { 0x3A0, "派" }, { 0x3A3, "西格马" },
	{ 0x3A9, "欧米伽" }, { 0x3B1, "阿尔法" }, { 0x3B2, "贝塔" }, { 0x3B3, "伽马" },
	{ 0x3B4, "德尔塔" }, { 0x3B5, "艾普西隆" }, { 0x3B8, "西塔" }, { 0x3BB, "兰姆达" },
	{ 0x3C0, "派" }, { 0x3C3, "西格马" }, { 0x3C9, "欧米伽" },
};

static int is_greek(uint32_t c)
{
	return c >= 0x370 && c <= 0x3FF;
}

size_t seg_symbol(const struct seg_text *t, size_t i, size_t start, size_t end,
                  struct seg_text *out, bobao_code *rc)
{
	uint32_t x = t->cp.v[i], prev = i > start ? t->cp.v[i - 1] : 0,
	         next = at(t, i + 1, end);
	size_t k;

	*rc = BOBAO_OK;
	/* a letter alone (Aβ, β衰变), not a Greek word (Παλαμήδι) */
	for (k = 0; k < BB_ARRAY_SIZE(greek) && !is_greek(prev) && !is_greek(next); k++)
		if (x == greek[k].c) {
			*rc = say(out, greek[k].name);
			return i + 1;
		}
	if ((x == 0xD7 || x == 0x2715) && seg_is_digit(prev) && seg_is_digit(next)) {
		*rc = say(out, "乘");
		return i + 1;
	}
	if (x == '+' && (seg_is_han(prev) || seg_is_digit(prev) || seg_is_latin(prev)) &&
	    (seg_is_han(next) || seg_is_digit(next) || seg_is_latin(next) || closing(next))) {
		*rc = say(out, "加");
		return i + 1;
	}
	if ((x == '/' || x == 0xFF0F) && seg_is_han(prev) && rate(t, i, start, end)) {
		*rc = say(out, "每");
		return i + 1;
	}
	/* 2024年1月1日—2024年1月5日, 9时—11时: a span */
	if (is_dash(x) && ends_date(prev) && seg_is_digit(next)) {
		*rc = say(out, "至");
		return i + 1;
	}
	/* No.1, No. 5 */
	if (x == 'N' && at(t, i + 1, end) == 'o' && at(t, i + 2, end) == '.' &&
	    !seg_is_latin(prev)) {
		k = i + 3 + (at(t, i + 3, end) == ' ');
		if (seg_is_digit(at(t, k, end))) {
			*rc = say(out, "第");
			return k;
		}
	}
	return i;
}

/* Capital acronyms that Chinese news says as words. */
static const char *const acronym_words[] = {
	"NASA", "NATO", "OPEC", "APEC", "ASEAN", "FIFA", "SARS", "AIDS", "COVID", "IMAX", NULL
};

/* The Latin run at i: letters, with ' - . & inside words; an all-capital
 * acronym spelled (W.H.O).  Returns the index after it. */
size_t seg_latin(const struct seg_text *t, size_t i, size_t end, struct seg_text *out,
                 bobao_code *rc)
{
	const uint32_t *c = t->cp.v;
	size_t j, k;

	*rc = BOBAO_OK;
	while (i < end && *rc == BOBAO_OK) {
		/* a word: letters only */
		for (j = i; j < end && seg_is_latin(c[j]); j++)
			;
		if (j > i) {
			int caps = j - i >= 2 && j - i <= 5;

			for (k = i; k < j && caps; k++)
				caps = c[k] >= 'A' && c[k] <= 'Z';
			for (k = 0; caps && acronym_words[k]; k++)
				if (strlen(acronym_words[k]) == j - i &&
				    seg_starts_with(c + i, j - i, acronym_words[k]) == j - i)
					caps = 0;
			for (k = i; k < j && *rc == BOBAO_OK; k++) {
				*rc = seg_text_push(out, c[k], 0);
				if (caps && k + 1 < j && *rc == BOBAO_OK)
					*rc = seg_text_push(out, '.', 0);
			}
			i = j;
			continue;
		}
		if ((c[i] == '\'' || c[i] == '-' || c[i] == '.' || c[i] == '&') && i + 1 < end &&
		    seg_is_latin(c[i + 1]) && i > 0 && seg_is_latin(c[i - 1])) {
			*rc = seg_text_push(out, c[i], 0);
			i++;
			continue;
		}
		break;
	}
	return i;
}
