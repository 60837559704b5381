/*
 * symbols.c - symbols between numbers and words, spoken (issue 17):
 *
 *   4×400米             四乘四百米        × between numbers: 乘
 *   互联网+教育          互联网加教育      + joining words or numbers: 加
 *   12元/公斤, 毫克/升   元每公斤          / before a unit: 每
 *   1月1日—1月5日        一月一日至一月五日 — ～ ~ between dates or times: 至
 *   No.1                第一              No. before a number
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

static int is_dash(uint32_t c)
{
	return c == '-' || c == 0x2013 || c == 0x2014 || c == '~' || c == 0xFF5E || c == 0x301C;
}

/* What ends a full date or time: 日 号 时 分 秒 点 */
static int ends_date(uint32_t c)
{
	return c == 0x65E5 || c == 0x53F7 || c == 0x65F6 || c == 0x5206 || c == 0x79D2;
}

size_t seg_symbol(const struct seg_text *t, size_t i, size_t start, size_t end,
                  struct seg_text *out, bobao_code *rc)
{
	uint32_t x = t->cp.v[i], prev = i > start ? t->cp.v[i - 1] : 0,
	         next = at(t, i + 1, end);
	size_t k;

	*rc = BOBAO_OK;
	if ((x == 0xD7 || x == 0x2715) && seg_is_digit(prev) && seg_is_digit(next)) {
		*rc = say(out, "乘");
		return i + 1;
	}
	if (x == '+' && (seg_is_han(prev) || seg_is_digit(prev) || seg_is_latin(prev)) &&
	    (seg_is_han(next) || seg_is_digit(next) || seg_is_latin(next))) {
		*rc = say(out, "加");
		return i + 1;
	}
	if ((x == '/' || x == 0xFF0F) && seg_is_han(prev)) {
		for (k = 0; per_units[k]; k++)
			if (seg_starts_with(t->cp.v + i + 1, end - i - 1, per_units[k])) {
				*rc = say(out, "每");
				return i + 1;
			}
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
