/*
 * say.c - what a screen reader says besides the text itself, in Mandarin:
 * names of punctuation marks and symbols, spelled characters, key names.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sd.h"

/* The least punctuation mode that names a mark. */
struct punct {
	uint32_t cp;
	enum sd_say_punct mode;
	const char *name;
};

static const struct punct puncts[] = {
	{ '!', SD_SAY_PUNCT_ALL, "感叹号" },       { '"', SD_SAY_PUNCT_MOST, "引号" },
	{ '#', SD_SAY_PUNCT_SOME, "井号" },        { '$', SD_SAY_PUNCT_SOME, "美元符号" },
	{ '%', SD_SAY_PUNCT_SOME, "百分号" },      { '&', SD_SAY_PUNCT_SOME, "和号" },
	{ '\'', SD_SAY_PUNCT_MOST, "单引号" },     { '(', SD_SAY_PUNCT_MOST, "左括号" },
	{ ')', SD_SAY_PUNCT_MOST, "右括号" },      { '*', SD_SAY_PUNCT_SOME, "星号" },
	{ '+', SD_SAY_PUNCT_SOME, "加号" },        { ',', SD_SAY_PUNCT_ALL, "逗号" },
	{ '-', SD_SAY_PUNCT_MOST, "减号" },        { '.', SD_SAY_PUNCT_ALL, "点" },
	{ '/', SD_SAY_PUNCT_SOME, "斜杠" },        { ':', SD_SAY_PUNCT_MOST, "冒号" },
	{ ';', SD_SAY_PUNCT_MOST, "分号" },        { '<', SD_SAY_PUNCT_SOME, "小于号" },
	{ '=', SD_SAY_PUNCT_SOME, "等号" },        { '>', SD_SAY_PUNCT_SOME, "大于号" },
	{ '?', SD_SAY_PUNCT_ALL, "问号" },         { '@', SD_SAY_PUNCT_SOME, "艾特" },
	{ '[', SD_SAY_PUNCT_SOME, "左方括号" },    { '\\', SD_SAY_PUNCT_SOME, "反斜杠" },
	{ ']', SD_SAY_PUNCT_SOME, "右方括号" },    { '^', SD_SAY_PUNCT_SOME, "脱字符" },
	{ '_', SD_SAY_PUNCT_SOME, "下划线" },      { '`', SD_SAY_PUNCT_SOME, "反引号" },
	{ '{', SD_SAY_PUNCT_SOME, "左花括号" },    { '|', SD_SAY_PUNCT_SOME, "竖线" },
	{ '}', SD_SAY_PUNCT_SOME, "右花括号" },    { '~', SD_SAY_PUNCT_SOME, "波浪号" },
	{ 0x00B7, SD_SAY_PUNCT_MOST, "间隔号" },   { 0x2014, SD_SAY_PUNCT_MOST, "破折号" },
	{ 0x2018, SD_SAY_PUNCT_MOST, "左单引号" }, { 0x2019, SD_SAY_PUNCT_MOST, "右单引号" },
	{ 0x201C, SD_SAY_PUNCT_MOST, "左引号" },   { 0x201D, SD_SAY_PUNCT_MOST, "右引号" },
	{ 0x2026, SD_SAY_PUNCT_MOST, "省略号" },   { 0x3001, SD_SAY_PUNCT_ALL, "顿号" },
	{ 0x3002, SD_SAY_PUNCT_ALL, "句号" },      { 0x3008, SD_SAY_PUNCT_MOST, "左书名号" },
	{ 0x3009, SD_SAY_PUNCT_MOST, "右书名号" }, { 0x300A, SD_SAY_PUNCT_MOST, "左书名号" },
	{ 0x300B, SD_SAY_PUNCT_MOST, "右书名号" }, { 0x300C, SD_SAY_PUNCT_MOST, "左引号" },
	{ 0x300D, SD_SAY_PUNCT_MOST, "右引号" },   { 0x300E, SD_SAY_PUNCT_MOST, "左引号" },
	{ 0x300F, SD_SAY_PUNCT_MOST, "右引号" },   { 0x3010, SD_SAY_PUNCT_SOME, "左方头括号" },
	{ 0x3011, SD_SAY_PUNCT_SOME, "右方头括号" }, { 0xFFE5, SD_SAY_PUNCT_SOME, "人民币符号" },
};

/* Full-width forms of ASCII (！ to ～) are named as ASCII, but for the
 * Chinese marks that have names of their own above. */
static uint32_t fold(uint32_t cp)
{
	return cp >= 0xFF01 && cp <= 0xFF5E ? cp - 0xFEE0 : cp;
}

static const struct punct *find(uint32_t cp)
{
	size_t i;

	cp = fold(cp);
	for (i = 0; i < sizeof(puncts) / sizeof(puncts[0]); i++)
		if (puncts[i].cp == cp)
			return &puncts[i];
	return NULL;
}

const char *sd_say_punct_name(uint32_t cp)
{
	const struct punct *p = find(cp);

	return p ? p->name : NULL;
}

/* Marks after which bobao pauses: kept after their name. */
static int pausing(uint32_t cp)
{
	cp = fold(cp);
	return (cp && cp < 0x80 && strchr("!,.:;?", (int)cp)) || cp == 0x3001 || cp == 0x3002;
}

static int digit(uint32_t cp)
{
	cp = fold(cp);
	return cp >= '0' && cp <= '9';
}

int sd_say_punct(struct sd_buf *out, const char *text, size_t n, enum sd_say_punct mode)
{
	size_t i = 0, k, kn;
	uint32_t c, prev = 0, next;
	const struct punct *p;

	while (i < n) {
		if (!(k = sd_utf8(text + i, n - i, &c))) {
			i++;   /* not UTF-8: left out */
			continue;
		}
		kn = sd_utf8(text + i + k, n - i - k, &next);
		if (!kn)
			next = 0;
		p = mode == SD_SAY_PUNCT_NONE ? NULL : find(c);
		/* part of a number: 5%, 3.14, 1,000, 10:30, 2024-05-01, 1/2 */
		if (p && digit(prev) && (fold(c) == '%' || (digit(next) && strchr(".,:-/", (int)fold(c)))))
			p = NULL;
		if (p && p->mode <= mode) {
			/* the mark stays after its name where it makes a pause: a
			 * Chinese mark, or one before a space (not b.com) */
			int keep = pausing(c) && (c >= 0x3000 || !next || next == ' ');

			if (sd_buf_add(out, " ", 1) || sd_buf_adds(out, p->name) ||
			    (keep ? sd_buf_add(out, text + i, k) : sd_buf_add(out, " ", 1)))
				return -1;
		} else if (sd_buf_add(out, text + i, k)) {
			return -1;
		}
		prev = c;
		i += k;
	}
	return 0;
}

int sd_say_char(struct sd_buf *out, const char *text, size_t n, size_t *used)
{
	const char *name;
	uint32_t c;
	size_t k = sd_utf8(text, n, &c);

	*used = k ? k : 1;
	if (!k)
		return 0;
	if (c == ' ' || c == '\t' || c == 0x3000)
		return sd_buf_adds(out, "空格");
	if (c == '\n' || c == '\r')
		return sd_buf_adds(out, "换行");
	if ((name = sd_say_punct_name(c)))
		return sd_buf_adds(out, name);
	if (c < 0x20 || c == 0x7F)
		return 0;
	return sd_buf_add(out, text, k);
}

static const struct key {
	const char *key, *say;
} keys[] = {
	{ "space", "空格" }, { "enter", "回车" }, { "return", "回车" }, { "tab", "制表" },
	{ "escape", "退出" }, { "backspace", "退格" }, { "delete", "删除" },
	{ "insert", "插入" }, { "home", "Home" }, { "end", "End" }, { "page-up", "上翻页" },
	{ "prior", "上翻页" }, { "page-down", "下翻页" }, { "next", "下翻页" },
	{ "up", "上" }, { "down", "下" }, { "left", "左" }, { "right", "右" },
	{ "shift", "上档" }, { "control", "控制" }, { "alt", "Alt" }, { "meta", "Meta" },
	{ "super", "徽标" }, { "hyper", "Hyper" }, { "window", "徽标" }, { "menu", "菜单" },
	{ "caps-lock", "大写锁定" }, { "num-lock", "数字锁定" },
	{ "scroll-lock", "滚动锁定" }, { "print", "打印屏幕" }, { "pause", "暂停" },
	{ "break", "中断" }, { "double-quote", "引号" }, { "underscore", "下划线" },
};

/* One part of a key name: a known key, kp-X (小键盘 X), or characters
 * spelled (a, 5, F5 as it is). */
static int key_part(struct sd_buf *out, const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i].key) == n && !strncasecmp(keys[i].key, s, n))
			return sd_buf_adds(out, keys[i].say);
	if (n > 3 && !strncasecmp(s, "kp-", 3)) {
		if (sd_buf_adds(out, "小键盘 "))
			return -1;
		return key_part(out, s + 3, n - 3);
	}
	if ((s[0] == 'f' || s[0] == 'F') && n >= 2 && n <= 3 && isdigit((unsigned char)s[1]))
		return sd_buf_add(out, "F", 1) || sd_buf_add(out, s + 1, n - 1);
	for (i = 0; i < n; i += k) {
		if (i && sd_buf_add(out, " ", 1))
			return -1;
		if (sd_say_char(out, s + i, n - i, &k))
			return -1;
	}
	return 0;
}

int sd_say_key(struct sd_buf *out, const char *key)
{
	size_t n = strlen(key), i = 0, j;

	/* modifiers joined by '_': shift_a, control_alt_delete; "_" alone and
	 * a trailing '_' (shift__) are the underscore key */
	if (n == 1)
		return key_part(out, key, 1);
	while (i < n) {
		for (j = i; j < n && key[j] != '_'; j++)
			;
		if (j == i)   /* "__": the key itself */
			j = i + 1;
		if (i && sd_buf_add(out, " ", 1))
			return -1;
		if (key_part(out, key + i, j - i))
			return -1;
		i = j + 1;
	}
	return 0;
}
