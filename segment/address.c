/*
 * web.c - web addresses and e-mail addresses as Chinese news reads them.
 *
 *   www.gov.cn               W W W 点 gov 点 cn
 *   https://www.xinhuanet.com/politics/   W W W 点 xinhuanet 点 com 斜杠 politics
 *   news@xinhua.org          news 艾特 xinhua 点 org
 *   12345.gov.cn             幺二三四五 点 gov 点 cn
 *
 * The scheme (http://) is not said; '.' is 点, '@' 艾特, '/' 斜杠, '-' 杠,
 * '_' 下划线; "www" is spelled; digits are said one by one (1 as 幺, as in
 * phone numbers); every Latin word is a run of its own for the Latin voice.
 * An address is a token of URL characters that starts with a scheme or
 * "www.", holds an '@' before a domain, or is a domain with a known
 * top-level label (gov.cn, example.com): 3.14 and A.B.C are not.
 */
#include <string.h>

#include "seg.h"

#define TOKEN_MAX 512

static int alpha(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int alnum(uint32_t c)
{
	return alpha(c) || (c >= '0' && c <= '9');
}

static int url_char(uint32_t c)
{
	return alnum(c) || (c < 0x80 && strchr("-._~:/?#@%+=&", (int)c) && c);
}

static uint32_t lower(uint32_t c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Does s[0..n) start with the ASCII word w, in any case? */
static int starts_ci(const uint32_t *s, size_t n, const char *w)
{
	size_t k, m = strlen(w);

	if (m > n)
		return 0;
	for (k = 0; k < m; k++)
		if (lower(s[k]) != (uint32_t)w[k])
			return 0;
	return 1;
}

static const char *const tlds[] = {
	"com", "cn", "net", "org", "gov", "edu", "int", "mil", "info", "biz", "io", "ai",
	"app", "dev", "tv", "me", "cc", "co", "uk", "us", "jp", "hk", "tw", "mo", "de",
	"fr", "ru", "kr", "sg", "au", "ca", "eu", "top", "xyz", "site", "online", "tech",
	"news", "mobi", "asia", "ltd", "vip", NULL
};

/* Is the label s[0..n) a top-level domain? */
static int tld(const uint32_t *s, size_t n)
{
	size_t k;

	for (k = 0; tlds[k]; k++)
		if (strlen(tlds[k]) == n && starts_ci(s, n, tlds[k]))
			return 1;
	return 0;
}

/* Is s[0..n) a domain: labels joined by dots, the last one known, one
 * label with a letter before it?  (gov.cn, 12345.gov.cn) */
static int domain(const uint32_t *s, size_t n)
{
	size_t k, label = 0, dots = 0;
	int letter = 0;

	for (k = 0; k < n && (alnum(s[k]) || s[k] == '-' || s[k] == '.'); k++) {
		if (s[k] == '.') {
			if (k == label)
				return 0;      /* an empty label */
			dots++;
			label = k + 1;
		} else if (alpha(s[k]) && label) {
			letter = 1;
		} else if (alpha(s[k]) && dots == 0) {
			letter = 1;
		}
	}
	return dots && letter && label < k && tld(s + label, k - label);
}

/* Length of the address at s[0..n), 0 when there is none. */
static size_t address(const uint32_t *s, size_t n)
{
	size_t len, k, at = 0;

	for (len = 0; len < n && len < TOKEN_MAX && url_char(s[len]); len++)
		;
	/* what ends a sentence is not the address's */
	while (len && strchr(".,:;?!-", (int)s[len - 1]))
		len--;
	if (len < 4)
		return 0;
	if (starts_ci(s, len, "http://") || starts_ci(s, len, "https://") ||
	    starts_ci(s, len, "ftp://"))
		return len;
	if (starts_ci(s, len, "www.") && len > 4 && alnum(s[4]))
		return len;
	for (k = 0; k < len && s[k] != '/'; k++)
		if (s[k] == '@')
			at = k + 1;
	if (at > 1 && alnum(s[0]) && domain(s + at, len - at))
		return len;                    /* news@xinhua.org */
	if (!at && alnum(s[0]) && domain(s, len))
		return len;
	return 0;
}

static void han(struct seg_text *out, const char *word, const char *pinyin,
                bobao_code *rc)
{
	const char *p = pinyin;
	size_t k = 0, n = strlen(word), len;
	uint32_t c;

	while (*rc == BOBAO_OK && k < n &&
	       (len = bb_utf8_decode((const unsigned char *)word + k, n - k, &c))) {
		char syl[8];
		size_t m = strcspn(p, " ");

		memcpy(syl, p, m < sizeof(syl) ? m : sizeof(syl) - 1);
		syl[m < sizeof(syl) ? m : sizeof(syl) - 1] = '\0';
		*rc = seg_text_push(out, c, seg_reading_of(syl));
		p += m + (p[m] == ' ');
		k += len;
	}
}

static const struct {
	uint32_t c;
	const char *word, *pinyin;
} marks[] = {
	{ '.', "点", "dian3" }, { '@', "艾特", "ai4 te4" }, { '/', "斜杠", "xie2 gang4" },
	{ '-', "杠", "gang4" }, { '_', "下划线", "xia4 hua4 xian4" }, { ':', "冒号", "mao4 hao4" },
	{ '?', "问号", "wen4 hao4" }, { '=', "等于", "deng3 yu2" }, { '&', "和", "he2" },
	{ '#', "井号", "jing3 hao4" }, { '%', "百分号", "bai3 fen1 hao4" },
	{ '~', "波浪号", "bo1 lang4 hao4" }, { '+', "加", "jia1" },
};

size_t seg_address(const struct seg_text *t, size_t i, size_t end, struct seg_text *out,
                   bobao_code *rc)
{
	static const char *const digit[] = {
		"零", "幺", "二", "三", "四", "五", "六", "七", "八", "九",
	};
	static const char *const digit_py[] = {
		"ling2", "yao1", "er4", "san1", "si4", "wu3", "liu4", "qi1", "ba1", "jiu3",
	};
	const uint32_t *s = t->cp.v + i;
	size_t n = address(s, end - i), full = n, k = 0, m;

	*rc = BOBAO_OK;
	if (!n)
		return i;
	if (i > 0 && (alnum(t->cp.v[i - 1]) || t->cp.v[i - 1] == '.' || t->cp.v[i - 1] == '@'))
		return i;                      /* inside a longer token */
	if (starts_ci(s, n, "http://"))
		k = 7;
	else if (starts_ci(s, n, "https://"))
		k = 8;
	else if (starts_ci(s, n, "ftp://"))
		k = 6;
	if (n > k && s[n - 1] == '/')
		n--;                           /* a closing slash is not said */
	while (k < n && *rc == BOBAO_OK) {
		if (alpha(s[k])) {
			for (m = k; m < n && alpha(s[m]); m++)
				;
			if (m - k == 3 && starts_ci(s + k, 3, "www")) {
				/* spelled: the Latin voice says each capital */
				const uint32_t w[] = { 'W', ' ', 'W', ' ', 'W' };
				size_t j;

				for (j = 0; j < 5 && *rc == BOBAO_OK; j++)
					*rc = seg_text_push(out, w[j], 0);
			} else {
				for (; k < m && *rc == BOBAO_OK; k++)
					*rc = seg_text_push(out, s[k], 0);
			}
			k = m;
		} else if (s[k] >= '0' && s[k] <= '9') {
			han(out, digit[s[k] - '0'], digit_py[s[k] - '0'], rc);
			k++;
		} else {
			size_t j;

			for (j = 0; j < BB_ARRAY_SIZE(marks); j++)
				if (marks[j].c == s[k])
					break;
			if (j < BB_ARRAY_SIZE(marks))
				han(out, marks[j].word, marks[j].pinyin, rc);
			k++;
		}
	}
	return i + full;
}
