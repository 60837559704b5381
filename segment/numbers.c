/*
 * numbers.c - numbers as a newsreader says them.
 *
 * At a digit (or a sign, or a currency symbol before one) the rules below
 * are tried in order; the first that matches writes the Han words and says
 * how far it read.  Numerals get fixed readings (一 is yi1 in numbers, 幺
 * yao1 in phone numbers) so that no later rule changes them.
 *
 *   +86 138 0013 8000      加八六 幺三八…       phone: + and groups
 *   010-62345678, 12345    零幺零 六二三…       phone: area code; or after
 *                                               电话/热线/拨打…
 *   13800138000            幺三八…              a mobile number
 *   2024-11-02, 2024/11/02 二〇二四年十一月二日 dates
 *   9:30, 14:05:30         九点三十分…          times; 9:30-11:00 到
 *   3:1 (比赛以3:1结束)     三比一               scores and ratios
 *   以2-0战胜, 比分改写为1-0 二比零               a dash between scores
 *   2/3                    三分之二             fractions
 *   5.6%  -0.5%  30%~40%   百分之五点六…        percent, ranges of percent
 *   18-35岁  3~5天          十八到三十五岁       ranges
 *   1998-2000年            一九九八到二〇〇〇年 year spans
 *   2023-2024学年           二〇二三至二〇二四学年 academic years, seasons
 *   2023/2024赛季, 2024-25赛季                   (二〇二四至二五赛季)
 *   2024年                 二〇二四年           years digit by digit
 *   1,280  12.8亿  3.0版    一千二百八十…        cardinals and decimals
 *   ¥100 $5亿 €20          一百元 五亿美元…     money
 *   5km 20℃ -5℃ 80km/h     五公里 零下五摄氏度… units
 *   G1234 CZ3101           G幺二三四            serial numbers after letters
 *                                               (but U23 is U二十三)
 *   3.12.1                 三点一二点一         versions
 *   10秒05  8米21           十秒零五 八米二一     race results
 *   邮编100010             幺零零零幺零         codes after 邮编, 账号…
 *   2人 2000万 but 12      两人 两千万 十二     两 before measure words
 *   失1分 投1局 but 1局上   yi4 fen1, yi4 ju2;   a lone 1 counting: sandhi;
 *   3时1分                 yi1 ju2, yi1 fen1     naming: yi1 (counts())
 *   2016里约 2019冠状病毒   二〇一六里约          a year before what it names
 *   7-ELEVEn               seven eleven         the shop's name
 */
#include <stdio.h>
#include <string.h>

#include "seg.h"

#define DIGITS_MAX 32

struct tn {
	const uint32_t *c;
	size_t start, end;        /* the unit */
	struct seg_text *out;
	bobao_code rc;
	int ordinal;              /* after 第: 第2届 is 第二届, never 两 */
};

static int digit(const struct tn *t, size_t i)
{
	return i < t->end && seg_is_digit(t->c[i]);
}

static uint32_t at(const struct tn *t, size_t i)
{
	return i < t->end ? t->c[i] : 0;
}

static uint32_t before(const struct tn *t, size_t i)
{
	return i > t->start ? t->c[i - 1] : 0;
}

/* Characters in a UTF-8 word. */
static size_t wlen(const char *w)
{
	size_t n = 0;

	for (; *w; w++)
		n += ((unsigned char)*w & 0xC0) != 0x80;
	return n;
}

/* ---- emitting ---- */

static void push(struct tn *t, uint32_t c, seg_reading_t r)
{
	if (t->rc == BOBAO_OK)
		t->rc = seg_text_push(t->out, c, r);
}

/* A Han numeral, its reading fixed. */
static void numeral(struct tn *t, uint32_t c)
{
	push(t, c, seg_lookup(c));
}

/* Han words (UTF-8) read by the lexicon like any text. */
static void words(struct tn *t, const char *s)
{
	size_t n = strlen(s), k = 0, len;
	uint32_t c;

	while (k < n && (len = bb_utf8_decode((const unsigned char *)s + k, n - k, &c))) {
		push(t, c, 0);
		k += len;
	}
}

static const uint32_t han_digit[10] = {
	0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
};
#define HAN_TEN 0x5341
#define HAN_HUNDRED 0x767E
#define HAN_THOUSAND 0x5343
#define HAN_WAN 0x4E07
#define HAN_YI 0x4EBF
#define HAN_TWO 0x4E8C
#define HAN_LIANG 0x4E24

/* Digit by digit; yao: 1 is 幺 (yao1), as in phone numbers. */
static void digits(struct tn *t, const char *d, size_t n, int yao)
{
	static seg_reading_t yao1;
	size_t i;

	if (!yao1)
		yao1 = seg_reading_of("yao1");
	for (i = 0; i < n; i++) {
		if (d[i] == '1' && yao)
			push(t, han_digit[1], yao1);
		else if (d[i] >= '0' && d[i] <= '9')
			numeral(t, han_digit[d[i] - '0']);
	}
}

/* Measure words and counted nouns after which a lone 1 or 2 counts: 2人
 * is 两人, 1人 yi4 ren2 (sandhi), 2公里 两公里.  Some count only in a
 * context of their own (counts() below): 分 局 级 日 时 点. */
static const char *const measures[] = {
	"个", "人", "名", "位", "次", "天", "年", "岁", "本", "件", "条", "家", "只", "种",
	"项", "辆", "台", "架", "艘", "座", "所", "张", "份", "场", "批", "队", "组", "周",
	"星期", "小时", "分钟", "秒钟", "倍", "层", "间", "套", "块", "片", "句", "首", "部",
	"篇", "道", "门", "头", "匹", "把", "棵", "朵", "颗", "粒", "双", "对", "枚", "支",
	"根", "吨", "公里", "公斤", "米", "斤", "升", "级", "轮", "届", "类", "起", "例",
	"宗", "亩", "千米", "公顷", "点", "方", "面", "侧", "口", "户", "顿", "趟", "遍",
	"声", "笔", "股", "排", "群", "滴", "杯", "瓶", "盒", "包", "箱", "袋", "辈", "代",
	"季", "节", "拨", "波", "帧", "款", "期", "成", "岸", "国", "省", "市", "县", "区",
	"大", "党", "会", "院", "委", "千", "万", "亿", "元", "角", "块钱", "美元", "欧元",
	"英镑", "时", "胜", "负", "平",
	/* sports: points, innings, bases, runs batted in, goals, strokes,
	 * holes, rings, home runs (发), wins in a row, medals (1金1银) */
	"分", "局", "垒", "打点", "球", "杆", "洞", "环", "发", "棒", "连胜", "连败",
	"连冠", "连霸", "金", "银", "铜", "盘", "圈", "拍", "跳", "步",
	/* units: 2秒 两秒, 2厘米, 2千克 */
	"秒", "毫秒", "厘米", "毫米", "公分", "公尺", "英里", "英尺", "海里", "克", "毫克",
	"千克", "毫升", "平方", "立方", "瓦", "伏", "分贝", "摄氏度", "株", "尾", "幅",
	"栋", "幢", "处", "站", "页", "章", "册", "串", "束", "剂", "针", "票",
	"日", NULL
};

/* Words that start with a measure word but name something else: 2分之1,
 * 1分局 (a label), 2球员, 1年级 (the first year, ordinal). */
static const char *const not_counted[] = {
	"分别", "分之", "分局", "分公司", "分院", "分会", "分部", "分队", "分区", "分校",
	"分行", "分店", "分厂", "分社", "分册", "分钟", "球队", "球员", "球迷", "球场",
	"球衣", "球星", "球季", "年级", "年代", "年度", "班级", "班次", "站长", "日电", NULL
};

/* Words before a number after which 局 and 日 count (投1局, 连续2日);
 * elsewhere 1局 is the first inning (1局上, 1局靠着…拿1分) and 2日 a date. */
static const char *const count_verbs[] = {
	"投", "打", "连", "续", "共", "仅", "只", "每", "多", "前", "后", "了", "再", "近",
	"为期", "历时", "持续", "长达", "这", "那", "头", "首", "最后", NULL
};

/* Words before 1级/2级 that make it a count of levels (提高2级, 上调1级);
 * elsewhere it is a level's name: 1级响应 yi1 ji2, 2级 二级. */
static const char *const level_verbs[] = {
	"升", "降", "提高", "调", "跳", "连", "跃", "晋", NULL
};

static int starts(const struct tn *t, size_t i, const char *w)
{
	return seg_starts_with(t->c + i, i < t->end ? t->end - i : 0, w) > 0;
}

/* Does a word of list end at i (right before the number)? */
static int ends_with_one_of(const struct tn *t, size_t i, const char *const *list)
{
	size_t k, n;

	for (k = 0; list[k]; k++) {
		n = wlen(list[k]);
		if (i >= t->start + n && seg_starts_with(t->c + i - n, n, list[k]))
			return 1;
	}
	return 0;
}

/* Is the unit s[0..n) a measure word after which a number counts? */
static int measure_word(const uint32_t *s, size_t n)
{
	size_t k;

	for (k = 0; not_counted[k]; k++)
		if (seg_starts_with(s, n, not_counted[k]) && strcmp(not_counted[k], "分钟"))
			return 0;
	for (k = 0; measures[k]; k++)
		if (seg_starts_with(s, n, measures[k]))
			return 1;
	return 0;
}

static int before_measure(const struct tn *t, size_t i, const char *unit_word)
{
	uint32_t buf[8];
	const uint32_t *s = t->c + i;
	size_t n = i < t->end ? t->end - i : 0;

	if (unit_word) {   /* the number's unit, written as Han words */
		size_t len, j = 0, m = strlen(unit_word);

		for (n = 0; j < m && n < 8 &&
		     (len = bb_utf8_decode((const unsigned char *)unit_word + j, m - j, &buf[n])); n++)
			j += len;
		s = buf;
	}
	return measure_word(s, n);
}

/* Does the lone number ending at next count what follows it?  Ordinals,
 * dates, clock times and labels do not: 第2名, 2日 (a date), 3时2分 (a
 * minute of the clock), 1局上 (the first inning), 2级响应 (a level). */
static int counts(const struct tn *t, size_t next, const char *next_word)
{
	size_t from = next;
	uint32_t w;

	if (t->ordinal)
		return 0;
	if (next_word)
		return before_measure(t, next, next_word);
	if (!before_measure(t, next, NULL))
		return 0;
	while (from > t->start && seg_is_digit(t->c[from - 1]))
		from--;
	w = seg_fold(at(t, next));
	switch (w) {
	case 0x5206:   /* 分: a minute of the clock after 时 or 点 (3时2分) */
		if (from >= t->start + 2 && (seg_fold(t->c[from - 1]) == 0x65F6 ||
		                             t->c[from - 1] == 0x70B9) &&
		    (seg_is_digit(t->c[from - 2]) || seg_is_numeral(t->c[from - 2])))
			return 0;
		return 1;
	case 0x5C40:   /* 局 */
	case 0x65E5:   /* 日 */
		if (w == 0x5C40 && (seg_fold(at(t, next + 1)) == 0x4E0A ||
		                    at(t, next + 1) == 0x4E0B))
			return 0;   /* 1局上, 2局下: a half of an inning */
		return ends_with_one_of(t, from, count_verbs);
	case 0x7EA7:   /* 级 */
		return ends_with_one_of(t, from, level_verbs);
	}
	return 1;
}

/* 一 before the unit it counts: 一百 yi4 bai3, 一千 yi4 qian1, 一万 yi2
 * wan4, 一亿 yi2 yi4 (also before the text's 万 or 亿: 1万亿).  The ones
 * of a number keep yi1: 十一, 十一万, 一百零一. */
static void yi_sandhi(struct tn *t, size_t first, size_t next, const char *next_word)
{
	static seg_reading_t yi2, yi4;
	uint32_t *c = t->out->cp.v, nx;
	size_t i, len = t->out->cp.len;

	if (!yi2) {
		yi2 = seg_reading_of("yi2");
		yi4 = seg_reading_of("yi4");
	}
	/* a lone 1 counting something is read as 一 in text: 1人 yi4 ren2,
	 * 1个 yi2 ge4 (seg_rules' sandhi) */
	if (len == first + 1 && c[first] == han_digit[1] && counts(t, next, next_word)) {
		uint32_t w = next_word ? 0 : seg_fold(at(t, next));

		if (next_word)
			bb_utf8_decode((const unsigned char *)next_word, strlen(next_word), &w);
		/* but 1点 and 1时 are one o'clock, and 1万 a number */
		if (w != 0x70B9 && w != 0x65F6 && w != HAN_HUNDRED && w != HAN_THOUSAND &&
		    w != HAN_WAN && w != HAN_YI) {
			t->out->hint.v[first] = 0;
			return;
		}
	}
	for (i = first; i < len; i++) {
		if (c[i] != han_digit[1])
			continue;
		if (i + 1 < len)
			nx = c[i + 1];
		else if (next_word)
			bb_utf8_decode((const unsigned char *)next_word, strlen(next_word), &nx);
		else
			nx = at(t, next);
		if (nx == HAN_HUNDRED || nx == HAN_THOUSAND)
			t->out->hint.v[i] = yi4;
		else if ((nx == HAN_WAN || nx == HAN_YI) &&
		         (i == first || c[i - 1] == HAN_WAN || c[i - 1] == HAN_YI))
			t->out->hint.v[i] = yi2;
	}
}

/* Cardinal reading of n digits (no leading zero, n <= 16).  next_word:
 * what follows, for 两 (NULL: the text at next). */
static void cardinal(struct tn *t, const char *d, size_t n, size_t next,
                     const char *next_word)
{
	static const uint32_t unit[4] = { 0, HAN_TEN, HAN_HUNDRED, HAN_THOUSAND };
	size_t first = t->out->cp.len, i, pos, group, p;
	int zero = 0, said = 0, group_said;

	if (n == 1 || d[0] == '0') {
		digits(t, d, n, 0);
	} else {
		for (i = 0; i < n && t->rc == BOBAO_OK; ) {
			pos = n - 1 - i;
			group = pos / 4;
			group_said = 0;
			do {
				int dg = d[i] - '0';

				p = (n - 1 - i) % 4;
				if (dg == 0) {
					zero = said;
				} else {
					if (zero)
						numeral(t, han_digit[0]);
					/* 十二 not 一十二 at the start of a number */
					if (!(dg == 1 && p == 1 && !said))
						numeral(t, han_digit[dg]);
					if (unit[p])
						numeral(t, unit[p]);
					zero = 0;
					said = group_said = 1;
				}
				i++;
			} while (i < n && (n - 1 - i) % 4 != 3);
			if (group_said && group > 0) {
				if (group == 1 || group == 3)
					numeral(t, HAN_WAN);
				if (group >= 2)
					numeral(t, HAN_YI);
			}
		}
	}
	if (t->rc != BOBAO_OK)
		return;
	yi_sandhi(t, first, next, next_word);
	/* 两: a lone 2 before a measure word; 二 leading 千/万/亿 */
	for (i = first; i < t->out->cp.len; i++) {
		uint32_t *c = t->out->cp.v, nx;

		if (c[i] != HAN_TWO)
			continue;
		nx = i + 1 < t->out->cp.len ? c[i + 1] : 0;
		if (t->ordinal)
			break;
		if ((!nx && n == 1 && counts(t, next, next_word)) ||
		    ((nx == HAN_THOUSAND || nx == HAN_WAN || nx == HAN_YI) &&
		     (i == first || c[i - 1] == HAN_WAN || c[i - 1] == HAN_YI))) {
			c[i] = HAN_LIANG;
			t->out->hint.v[i] = seg_lookup(HAN_LIANG);
		}
	}
}

/* ---- reading numbers ---- */

struct num {
	char d[DIGITS_MAX];     /* integer digits */
	size_t n;
	char f[DIGITS_MAX];     /* fraction digits */
	size_t nf;
	size_t from, to;        /* where it stands: [from, to) */
	int negative;
	int grouped;            /* had thousands separators */
};

/* Read the number at i: digits, thousands separators, a fraction. */
static int scan(const struct tn *t, size_t i, struct num *m)
{
	memset(m, 0, sizeof(*m));
	m->from = i;
	if (!digit(t, i))
		return 0;
	while (i < t->end) {
		if (digit(t, i)) {
			if (m->n < DIGITS_MAX)
				m->d[m->n] = (char)t->c[i];
			m->n++;
			i++;
		} else if (t->c[i] == ',' && digit(t, i + 1) && digit(t, i + 2) &&
		           digit(t, i + 3) && !digit(t, i + 4)) {
			m->grouped = 1;
			i++;
		} else {
			break;
		}
	}
	if (at(t, i) == '.' && digit(t, i + 1)) {
		for (i++; digit(t, i); i++)
			if (m->nf < DIGITS_MAX)
				m->f[m->nf++] = (char)t->c[i];
	}
	m->to = i;
	return 1;
}

static int value(const struct num *m, long *v)
{
	size_t i;

	*v = 0;
	if (m->n > 9)
		return 0;
	for (i = 0; i < m->n; i++)
		*v = *v * 10 + (m->d[i] - '0');
	return 1;
}

/* Say a scanned number: cardinal, decimal, or digit by digit. */
/* Does the output end with the word w?  (零下-5度 says 零下 once) */
static int said(const struct tn *t, const char *w)
{
	uint32_t c[8];
	size_t n = 0, k = 0, len, m = strlen(w), have = t->out->cp.len;

	while (k < m && n < 8 && (len = bb_utf8_decode((const unsigned char *)w + k, m - k, &c[n]))) {
		k += len;
		n++;
	}
	return n <= have && !memcmp(t->out->cp.v + have - n, c, n * sizeof(*c));
}

/* 零下 for a temperature below zero, unless the text says it already. */
static void below_zero(struct tn *t)
{
	if (!said(t, "零下"))
		words(t, "零下");
}

static void say(struct tn *t, const struct num *m, const char *next_word)
{
	if (m->negative)
		words(t, "负");
	if (m->n > 16 || m->n > DIGITS_MAX)
		digits(t, m->d, m->n < DIGITS_MAX ? m->n : DIGITS_MAX, 0);
	else
		cardinal(t, m->d, m->n, m->to, m->nf ? "" : next_word);
	if (m->nf) {
		numeral(t, 0x70B9);   /* 点 */
		digits(t, m->f, m->nf, 0);
	}
}

static void say_year(struct tn *t, const struct num *m)
{
	digits(t, m->d, m->n, 0);
}

/* ---- the rules ---- */

static int is_dash(uint32_t c)
{
	return c == '-' || c == 0x2013 || c == 0x2014 || c == 0xFF0D || c == 0x2212;
}

static int is_range(uint32_t c)
{
	return is_dash(c) || c == '~' || c == 0xFF5E || c == 0x301C || c == 0x81F3 ||
	       c == 0x5230;   /* - ~ ～ 〜 至 到 */
}

/* How a range is said: 至 where the text writes 至 (15至69歲), else 到
 * (18-35岁, 3~5天, and 到 as written). */
static const char *range_word(uint32_t sep)
{
	return sep == 0x81F3 ? "至" : "到";
}

/* Words before a number that make it a phone number. */
static const char *const phone_words[] = {
	"电话", "热线", "拨打", "号码", "手机", "致电", "传真", "专线", "服务台", "客服",
	"报警", "来电", "呼叫", "短信", "微信号",
	/* codes said the same way: postcodes, accounts, ID-like numbers */
	"邮编", "邮政编码", "账号", "帐号", "账户", "卡号", "身份证号", "编号", "订单号",
	"单号", "工号", "学号", "证号", "代码", NULL
};

static int phone_context(const struct tn *t, size_t i)
{
	size_t k, j, lo = i > t->start + 8 ? i - 8 : t->start;

	for (j = lo; j < i; j++)
		for (k = 0; phone_words[k]; k++)
			if (seg_starts_with(t->c + j, i - j, phone_words[k]))
				return 1;
	return 0;
}

/* A run of digit groups joined by - or spaces: 010-6234 5678. */
static size_t digit_groups(const struct tn *t, size_t i, char *d, size_t *n, int *groups)
{
	*n = 0;
	*groups = 0;
	while (digit(t, i)) {
		for (; digit(t, i); i++)
			if (*n < DIGITS_MAX)
				d[(*n)++] = (char)t->c[i];
		(*groups)++;
		if ((is_dash(at(t, i)) || at(t, i) == ' ') && digit(t, i + 1))
			i++;
		else
			break;
	}
	return i;
}

/* Service numbers said digit by digit wherever they stand: 拨打110 */
static const char *const services[] = {
	"110", "119", "120", "122", "114", "12345", "12315", "12306", "12320", "12123",
	"12369", "12321", "12348", "12351", "12366", "12388", "95105", NULL
};

static int service(const struct tn *t, const char *d, size_t n, size_t end)
{
	size_t k;

	if (before_measure(t, end, NULL) || digit(t, end) || seg_is_latin(at(t, end)))
		return 0;   /* 110人, 120km/h are quantities */
	for (k = 0; services[k]; k++)
		if (strlen(services[k]) == n && !memcmp(services[k], d, n))
			return 1;
	return 0;
}

static size_t rule_phone(struct tn *t, size_t i)
{
	char d[DIGITS_MAX];
	size_t n, j, k, g0 = 0;
	int groups, plus = at(t, i) == '+';

	if (plus && !digit(t, i + 1))
		return 0;
	j = digit_groups(t, i + plus, d, &n, &groups);
	for (k = i + plus; digit(t, k); k++)
		g0++;
	if (plus)
		words(t, "加");
	else if (!(phone_context(t, i) && n >= 3 && n <= 20) &&
	         !(groups == 1 && service(t, d, n, j)) &&
	         !(groups >= 2 && d[0] == '0' && g0 >= 3 && g0 <= 4 && n >= 10) &&
	         !(groups == 1 && n == 11 && d[0] == '1' && d[1] >= '3') &&
	         !(groups >= 3 && n == 10 && d[0] == '4' && d[1] == '0' && d[2] == '0'))
		return 0;
	/* each group, with a short pause between */
	for (k = i + plus; k < j && t->rc == BOBAO_OK; k++) {
		if (digit(t, k)) {
			char one = (char)t->c[k];

			digits(t, &one, 1, 1);
		} else if (t->out->cp.len) {
			push(t, ',', 0);
		}
	}
	return j;
}

static size_t rule_date(struct tn *t, size_t i)
{
	struct num y, mo, da;
	uint32_t sep;
	long vm, vd;

	if (!scan(t, i, &y) || y.n != 4 || y.nf || y.grouped)
		return 0;
	sep = at(t, y.to);
	if (!(is_dash(sep) || sep == '/') || !scan(t, y.to + 1, &mo) ||
	    mo.n < 1 || mo.n > 2 || at(t, mo.to) != sep || !scan(t, mo.to + 1, &da) ||
	    da.n < 1 || da.n > 2 || da.nf || digit(t, da.to))
		return 0;
	value(&mo, &vm);
	value(&da, &vd);
	if (vm < 1 || vm > 12 || vd < 1 || vd > 31)
		return 0;
	say_year(t, &y);
	words(t, "年");
	cardinal(t, mo.d + (mo.d[0] == '0'), mo.n - (mo.d[0] == '0'), mo.to, NULL);
	words(t, "月");
	cardinal(t, da.d + (da.d[0] == '0'), da.n - (da.d[0] == '0'), da.to, NULL);
	words(t, at(t, da.to) == 0x65E5 || at(t, da.to) == 0x53F7 ? "" : "日");
	return da.to;
}

/* 2024.11.02: the decimal scan cannot see it; match it by hand. */
static size_t rule_dotted_date(struct tn *t, size_t i)
{
	size_t a = i, b, c;
	long m = 0, d = 0;

	/* digits past the few a date has are counted, not added up: a long
	 * run of them would overflow */
	for (b = a; digit(t, b); b++)
		;
	if (b - a != 4 || at(t, b) != '.')
		return 0;
	for (c = b + 1; digit(t, c); c++)
		if (c - b - 1 < 2)
			m = m * 10 + (long)(t->c[c] - '0');
	if (c - b - 1 < 1 || c - b - 1 > 2 || at(t, c) != '.')
		return 0;
	for (a = c + 1; digit(t, a); a++)
		if (a - c - 1 < 2)
			d = d * 10 + (long)(t->c[a] - '0');
	if (a - c - 1 < 1 || a - c - 1 > 2 || m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	{
		char ys[4];
		char ms[3], ds[3];

		memcpy(ys, "0000", 4);
		for (b = 0; b < 4; b++)
			ys[b] = (char)t->c[i + b];
		digits(t, ys, 4, 0);
		words(t, "年");
		snprintf(ms, sizeof(ms), "%ld", m);
		cardinal(t, ms, strlen(ms), a, NULL);
		words(t, "月");
		snprintf(ds, sizeof(ds), "%ld", d);
		cardinal(t, ds, strlen(ds), a, NULL);
		words(t, "日");
	}
	return a;
}

/* H:MM or H:MM:SS; returns the end, 0 if not a time. */
static size_t time_at(const struct tn *t, size_t i, long *h, long *mi, long *s, int *secs)
{
	size_t a = i, b;

	*h = *mi = *s = 0;
	*secs = 0;
	for (b = a; digit(t, b) && b - a < 3; b++)
		*h = *h * 10 + (long)(t->c[b] - '0');
	if (b - a < 1 || b - a > 2 || at(t, b) != ':' || !digit(t, b + 1) || !digit(t, b + 2) ||
	    digit(t, b + 3))
		return 0;
	*mi = (long)(t->c[b + 1] - '0') * 10 + (long)(t->c[b + 2] - '0');
	b += 3;
	if (at(t, b) == ':' && digit(t, b + 1) && digit(t, b + 2) && !digit(t, b + 3)) {
		*s = (long)(t->c[b + 1] - '0') * 10 + (long)(t->c[b + 2] - '0');
		*secs = 1;
		b += 3;
	}
	if (*h > 24 || *mi > 59 || *s > 59)
		return 0;
	return b;
}

/* next_word: the word said after the number (NULL: the text at next). */
static void say_int(struct tn *t, long v, size_t next, const char *next_word)
{
	char s[24];

	snprintf(s, sizeof(s), "%ld", v);
	cardinal(t, s, strlen(s), next, next_word);
}

static void say_time(struct tn *t, long h, long mi, long s, int secs, size_t next)
{
	say_int(t, h, next, "点");   /* 2:30 两点, 1:05 yi1 */
	words(t, "点");
	if (mi || secs) {
		if (mi < 10)
			numeral(t, han_digit[0]);
		say_int(t, mi, next, "");
		words(t, "分");
	}
	if (secs) {
		if (s < 10)
			numeral(t, han_digit[0]);
		say_int(t, s, next, "");
		words(t, "秒");
	}
}

/* Words before a colon that make a:b a score or ratio, not a time. */
static const char *const score_words[] = {
	"比分", "比赛", "以", "战胜", "击败", "负于", "领先", "结束", "获胜", "比", "赢",
	"输", "打成", "扳成", "大比分", "总比分", "比例", "配比", NULL
};

/* Words around a:b that make it a clock time whatever score word stands
 * nearby: 比赛将于20:15开赛, 决赛定于20:15举行 (a score is 以3:1, 打成2:2). */
static const char *const clock_before[] = {
	"于", "在", "上午", "下午", "晚上", "凌晨", "早上", "中午", "傍晚", "今晚", "时间", NULL
};
static const char *const clock_after[] = {
	"开赛", "开始", "开幕", "举行", "进行", "开球", "开战", "出发", "起飞", "抵达", "到达",
	"截止", "左右", "许", "前", "后", "起", NULL
};

static int clock_context(const struct tn *t, size_t i, size_t e)
{
	size_t k, n;

	for (k = 0; clock_before[k]; k++) {
		n = strlen(clock_before[k]) / 3;   /* Han characters: three bytes */
		if (i >= t->start + n && seg_starts_with(t->c + i - n, n, clock_before[k]))
			return 1;
	}
	for (k = 0; clock_after[k]; k++)
		if (seg_starts_with(t->c + e, e < t->end ? t->end - e : 0, clock_after[k]))
			return 1;
	return 0;
}

static size_t rule_time(struct tn *t, size_t i)
{
	long h, mi, s, h2, mi2, s2;
	int secs, secs2;
	size_t e = time_at(t, i, &h, &mi, &s, &secs), e2, k, lo;

	if (!e)
		return 0;
	lo = i > t->start + 6 ? i - 6 : t->start;
	for (k = lo; k < i && !secs && !clock_context(t, i, e); k++) {
		size_t w;

		for (w = 0; score_words[w]; w++)
			if (seg_starts_with(t->c + k, i - k, score_words[w]))
				return 0;   /* 比分2:10: a score */
	}
	say_time(t, h, mi, s, secs, e);
	if (is_range(at(t, e)) && (e2 = time_at(t, e + 1, &h2, &mi2, &s2, &secs2))) {
		words(t, range_word(at(t, e)));
		say_time(t, h2, mi2, s2, secs2, e2);
		return e2;
	}
	return e;
}

/* A score written with a dash is 比, not a range (福建队以2-0战胜…, 比分
 *改写为1-0, 虽0-1惜败): words up to six characters before it, or words
 * right after it. */
static const char *const dash_score_before[] = {
	"比分", "打成", "扳成", "战成", "总比分", "大比分", NULL
};
static const char *const dash_score_after[] = {
	"战胜", "击败", "惜败", "取胜", "获胜", "告负", "落后", "领先", "取得领先", "不敌",
	"逼平", "战平", "力克", "险胜", "大胜", "完胜", "小胜", "负于", "胜出", "赢", "输",
	"结束", "收场", "的比分", "的总比分", NULL
};

static int dash_score(const struct tn *t, size_t i, const struct num *a, const struct num *b)
{
	size_t k, w, lo = i > t->start + 6 ? i - 6 : t->start;

	if (a->nf || b->nf || a->n > 2 || b->n > 2 || a->grouped || b->grouped)
		return 0;
	for (w = 0; dash_score_after[w]; w++)
		if (seg_starts_with(t->c + b->to, b->to < t->end ? t->end - b->to : 0,
		                    dash_score_after[w]))
			return 1;
	for (k = lo; k < i; k++)
		for (w = 0; dash_score_before[w]; w++)
			if (seg_starts_with(t->c + k, i - k, dash_score_before[w]))
				return 1;
	return 0;
}

static size_t rule_ratio(struct tn *t, size_t i)
{
	struct num a, b;
	uint32_t sep;

	if (!scan(t, i, &a))
		return 0;
	sep = at(t, a.to);
	if (sep != ':' && sep != 0xFF1A && sep != 0x2236 && !is_dash(sep))
		return 0;
	if (!scan(t, a.to + 1, &b) || (is_dash(sep) && !dash_score(t, i, &a, &b)))
		return 0;
	say(t, &a, NULL);
	words(t, "比");
	say(t, &b, NULL);
	return b.to;
}

static size_t rule_fraction(struct tn *t, size_t i)
{
	struct num a, b;

	if (!scan(t, i, &a) || at(t, a.to) != '/' || !scan(t, a.to + 1, &b) || a.nf || b.nf ||
	    a.n > 3 || b.n > 3 || at(t, b.to) == '/' || b.d[0] == '0' ||
	    (b.n == 1 && b.d[0] == '1'))
		return 0;
	say(t, &b, "分之");
	words(t, "分之");
	say(t, &a, NULL);
	return b.to;
}

/* Units after a number, longest first, with what they are called. */
static const struct unit {
	const char *sym;
	const char *name;
	int temperature;
} units[] = {
	{ "km/h", "公里每小时", 0 }, { "m/s", "米每秒", 0 }, { "kWh", "千瓦时", 0 },
	{ "kW·h", "千瓦时", 0 }, { "km²", "平方公里", 0 }, { "km2", "平方公里", 0 },
	{ "m²", "平方米", 0 }, { "m2", "平方米", 0 }, { "m³", "立方米", 0 }, { "m3", "立方米", 0 },
	{ "°C", "摄氏度", 1 }, { "℃", "摄氏度", 1 }, { "°F", "华氏度", 1 }, { "℉", "华氏度", 1 },
	{ "°", "度", 1 }, { "mAh", "毫安时", 0 }, { "kcal", "千卡", 0 }, { "GHz", "吉赫", 0 },
	{ "MHz", "兆赫", 0 }, { "kHz", "千赫", 0 }, { "Hz", "赫兹", 0 }, { "km", "公里", 0 },
	{ "cm", "厘米", 0 }, { "mm", "毫米", 0 }, { "nm", "纳米", 0 }, { "μm", "微米", 0 },
	{ "kg", "公斤", 0 }, { "mg", "毫克", 0 }, { "mL", "毫升", 0 }, { "ml", "毫升", 0 },
	{ "kW", "千瓦", 0 }, { "MW", "兆瓦", 0 }, { "GW", "吉瓦", 0 }, { "kV", "千伏", 0 },
	{ "kPa", "千帕", 0 }, { "MPa", "兆帕", 0 }, { "dB", "分贝", 0 }, { "ha", "公顷", 0 },
	{ "min", "分钟", 0 }, { "m", "米", 0 }, { "g", "克", 0 }, { "t", "吨", 0 },
	{ "L", "升", 0 }, { "h", "小时", 0 }, { "s", "秒", 0 }, { "W", "瓦", 0 },
	{ "V", "伏", 0 }, { "㎡", "平方米", 0 }, { "㎞", "公里", 0 }, { "㎏", "公斤", 0 },
	{ "㎝", "厘米", 0 }, { "㎜", "毫米", 0 },
};

/* The unit at i, if one stands there as a whole word. */
static const struct unit *unit_at(const struct tn *t, size_t i, size_t *end)
{
	size_t k, len, j, m;
	uint32_t c;

	for (k = 0; k < BB_ARRAY_SIZE(units); k++) {
		const char *s = units[k].sym;

		for (j = i, m = 0; s[m]; j++, m += len) {
			len = bb_utf8_decode((const unsigned char *)s + m, strlen(s + m), &c);
			if (!len || at(t, j) != c)
				break;
		}
		if (s[m])
			continue;
		/* a letter or digit right after: not this unit (5min, 3M公司) */
		if (seg_is_latin(at(t, j)))
			continue;
		*end = j;
		return &units[k];
	}
	return NULL;
}

static const struct currency {
	uint32_t sym;
	const char *name;
} currencies[] = {
	{ 0xA5, "元" }, { 0xFFE5, "元" }, { '$', "美元" }, { 0x20AC, "欧元" },
	{ 0xA3, "英镑" }, { 0x20A9, "韩元" },
};

static const char *currency_of(uint32_t c)
{
	size_t k;

	for (k = 0; k < BB_ARRAY_SIZE(currencies); k++)
		if (currencies[k].sym == c)
			return currencies[k].name;
	return NULL;
}

/* After an amount of money: the multiplier (万, 亿, 千, 百万...) is read as
 * text; the currency goes after it unless the text names it already. */
static size_t money_tail(struct tn *t, size_t j, const char *cur)
{
	static const char *const multipliers[] = { "千万", "百万", "万亿", "万", "亿", "千", "百", NULL };
	size_t k;

	for (k = 0; multipliers[k]; k++)
		if (seg_starts_with(t->c + j, j < t->end ? t->end - j : 0, multipliers[k])) {
			words(t, multipliers[k]);
			j += wlen(multipliers[k]);
			break;
		}
	if (!seg_starts_with(t->c + j, j < t->end ? t->end - j : 0, "元") &&
	    !seg_starts_with(t->c + j, j < t->end ? t->end - j : 0, "美元"))
		words(t, cur);
	return j;
}

/* What follows a four-digit number that makes it a quantity, not a year:
 * 2000余, 2000多, 2019万 (a multiplier), 2000左右, and the nouns news
 * counts without a measure word (7万5000球迷). */
static const char *const quantity_words[] = {
	"余", "多", "来", "几", "左右", "以上", "以下", "以内", "之", "上下", "强", "出头",
	"开外", "万", "亿", "千", "百", "球迷", "观众", "官兵", "游客", "居民", "市民",
	"学生", "员工", "民众", "选手", "运动员", "志愿者", NULL
};

/* A four-digit year right before what it names, written without 年:
 * 2016里约 (the Games of that year), 2019冠状病毒疾病 (COVID-19), 2024巴黎
 * 奥运会, 1998世界杯, 2019届 (a class): read digit by digit like a year.
 * A number of 1900-2099 followed by a Han character that begins no
 * measure word, unit or quantity word is such a year; 2000人, 2024元,
 * 1500米, 2019万, 2000多 stay quantities, and so does a number that ends
 * a larger one (7万5000) or follows 第. */
static int year_before_name(const struct tn *t, size_t i, const struct num *a)
{
	uint32_t b = before(t, i), c = at(t, a->to);
	long v;
	size_t k;

	if (!value(a, &v) || v < 1900 || v > 2099 || !seg_is_han(c) || seg_is_numeral(b) ||
	    seg_is_digit(b) || b == '.' || b == 0x7B2C)
		return 0;
	for (k = 0; quantity_words[k]; k++)
		if (starts(t, a->to, quantity_words[k]))
			return 0;
	if (seg_fold(c) == 0x5C4A)   /* 届: the class of 2019 */
		return 1;
	return !before_measure(t, a->to, NULL);
}

/* Percent, range, unit, year, money: the general number. */
static size_t rule_number(struct tn *t, size_t i)
{
	const struct unit *u = NULL, *u2;
	const char *cur = NULL;
	struct num a, b;
	size_t j = i, e, ue;
	int neg = 0, percent, temperature;

	if ((cur = currency_of(at(t, j))) != NULL)
		j++;
	if (is_dash(at(t, j)) && digit(t, j + 1)) {
		neg = 1;
		j++;
	}
	if (!scan(t, j, &a))
		return 0;
	a.negative = neg;
	t->ordinal = before(t, i) == 0x7B2C;   /* 第 */
	e = a.to;
	percent = at(t, e) == '%' || at(t, e) == 0xFF05 || at(t, e) == 0x2030;
	u = percent ? NULL : unit_at(t, e, &ue);
	temperature = u && u->temperature;
	/* a range: 18-35岁, 30%~40%, 3~5℃, 1998-2000年 */
	if (is_range(at(t, e + (percent ? 1 : 0))) && !cur) {
		size_t r = e + (percent ? 1 : 0) + 1, e2;
		int neg2 = is_dash(at(t, r)) && digit(t, r + 1);

		if (scan(t, r + neg2, &b)) {
			int p2;

			b.negative = neg2;
			e2 = b.to;
			p2 = at(t, e2) == '%' || at(t, e2) == 0xFF05;
			u2 = p2 ? NULL : unit_at(t, e2, &ue);
			if (a.n == 4 && b.n == 4 && !a.nf && !b.nf && at(t, e2) == 0x5E74) {
				say_year(t, &a);     /* 1998-2000年 */
				words(t, range_word(at(t, r - 1)));
				say_year(t, &b);
				return e2;
			}
			if (u2 && u2->temperature) {
				if (a.negative)
					below_zero(t);
				a.negative = 0;
				say(t, &a, NULL);
				words(t, range_word(at(t, r - 1)));
				if (b.negative)
					below_zero(t);
				b.negative = 0;
				say(t, &b, NULL);
				words(t, u2->name);
				return ue;
			}
			if (percent || p2)
				words(t, "百分之");
			say(t, &a, NULL);
			words(t, range_word(at(t, r - 1)));
			if (percent || p2)
				words(t, "百分之");
			say(t, &b, u2 ? u2->name : NULL);
			if (u2) {
				words(t, u2->name);
				return ue;
			}
			return e2 + (p2 ? 1 : 0);
		}
	}
	if (percent) {
		if (a.negative)
			words(t, "负");
		a.negative = 0;
		words(t, at(t, e) == 0x2030 ? "千分之" : "百分之");
		say(t, &a, NULL);
		return e + 1;
	}
	/* a temperature range with the unit twice: 15℃~27℃ */
	if (u && temperature && is_range(at(t, ue)) && !cur) {
		size_t r = ue + 1, e2, ue2;
		int neg2 = is_dash(at(t, r)) && digit(t, r + 1);

		if (scan(t, r + neg2, &b) && (u2 = unit_at(t, b.to, &ue2)) != NULL && u2 == u) {
			if (a.negative)
				below_zero(t);
			a.negative = 0;
			say(t, &a, NULL);
			words(t, range_word(at(t, ue)));
			if (neg2)
				below_zero(t);
			say(t, &b, NULL);
			words(t, u->name);
			e2 = ue2;
			return e2;
		}
	}
	if (u) {
		if (a.negative && temperature)
			below_zero(t);
		if (temperature)
			a.negative = 0;
		say(t, &a, u->name);
		words(t, u->name);
		return ue;
	}
	if (a.n == 4 && !a.nf && !a.grouped && !a.negative && !cur) {
		size_t y = e;

		while (at(t, y) == ' ')
			y++;
		if (at(t, y) == 0x5E74) {
			say_year(t, &a);     /* 2024年, 1980年代, 于 2014 年 */
			return y;
		}
		if (year_before_name(t, i, &a)) {
			say_year(t, &a);     /* 2016里约, 2019冠状病毒疾病 */
			return e;
		}
		/* a year in brackets after a year of a reign or an era:
		 * 光绪三十一年(1905), 民国二十年（1931） */
		if (i >= t->start + 2 && (before(t, i) == '(' || before(t, i) == 0xFF08) &&
		    t->c[i - 2] == 0x5E74 && (at(t, e) == ')' || at(t, e) == 0xFF09)) {
			say_year(t, &a);
			return e;
		}
	}
	if (a.negative && at(t, e) == 0x5EA6) {   /* -5度 */
		below_zero(t);
		a.negative = 0;
	}
	say(t, &a, NULL);
	if (cur)
		return money_tail(t, e, cur);
	if (starts(t, e, "打点") && !a.nf) {   /* runs batted in: 1打点 */
		push(t, t->c[e], seg_reading_of("da3"));
		push(t, t->c[e + 1], seg_reading_of("dian3"));
		return e + 2;
	}
	return e;
}

/* What makes two years a span of years, and the word said between them:
 * 2023-2024学年 is 二〇二三至二〇二四学年; 1998-2000年 keeps 到. */
static const struct {
	const char *word, *between;
} year_words[] = {
	{ "学年", "至" }, { "赛季", "至" }, { "年度", "至" }, { "财年", "至" },
	{ "财政年度", "至" }, { "学期", "至" }, { "年", "到" },
};

/* Two years joined by - – — ~ / 至 or 到 before a year word: digit by
 * digit.  A slash joins only consecutive years (2023/2024赛季). */
static size_t rule_year_range(struct tn *t, size_t i)
{
	struct num a, b;
	uint32_t sep;
	size_t k, n;
	long va, vb;

	if (!scan(t, i, &a) || a.n != 4 || a.nf || a.grouped || before(t, i) == 0x7B2C)
		return 0;
	sep = at(t, a.to);
	if (!is_range(sep) && sep != '/')
		return 0;
	if (!scan(t, a.to + 1, &b) || (b.n != 4 && b.n != 2) || b.nf || b.grouped)
		return 0;
	if (!value(&a, &va) || !value(&b, &vb))
		return 0;
	if (b.n == 2)   /* a season, 2024-25赛季: the next year's last two digits */
		vb = (va % 100 + 1) % 100 == vb ? va + 1 : 0;
	if (vb <= va || (sep == '/' && vb != va + 1))
		return 0;
	n = b.to < t->end ? t->end - b.to : 0;
	for (k = 0; k < BB_ARRAY_SIZE(year_words); k++)
		if (seg_starts_with(t->c + b.to, n, year_words[k].word))
			break;
	if (k == BB_ARRAY_SIZE(year_words))
		return 0;
	say_year(t, &a);
	if (sep == 0x81F3 || sep == 0x5230)   /* 至 到: as written */
		push(t, sep, 0);
	else
		words(t, year_words[k].between);
	say_year(t, &b);
	return b.to;
}

/* A version with two dots or more: 3.12.1 is 三点一二点一 (the first
 * number a cardinal, the others digit by digit). */
static size_t rule_version(struct tn *t, size_t i)
{
	struct num a;
	size_t j, dots = 0, k;

	if (!scan(t, i, &a) || !a.nf || a.grouped || at(t, a.to) != '.' || !digit(t, a.to + 1))
		return 0;
	for (j = a.to; at(t, j) == '.' && digit(t, j + 1); dots++)
		for (j++; digit(t, j); j++)
			;
	if (a.n > 4 || (a.n == 4 && dots == 1))
		return 0;   /* 2024.11.02 is a date */
	cardinal(t, a.d, a.n, a.to, "");
	numeral(t, 0x70B9);   /* 点 */
	digits(t, a.f, a.nf, 0);
	for (k = a.to; k < j && t->rc == BOBAO_OK; k++) {
		if (t->c[k] == '.') {
			numeral(t, 0x70B9);
		} else {
			char one = (char)t->c[k];

			digits(t, &one, 1, 0);
		}
	}
	return j;
}

/* A race result: the hundredths after 秒 (10秒05 is 十秒零五) and the
 * centimetres after 米 (8米21 is 八米二一), digit by digit. */
static size_t rule_result(struct tn *t, size_t i)
{
	uint32_t b = before(t, i);

	if ((b != 0x79D2 && b != 0x7C73) || i < t->start + 2 || !seg_is_digit(t->c[i - 2]) ||
	    !digit(t, i + 1) || digit(t, i + 2) || at(t, i + 2) == '.' ||
	    at(t, i + 2) == 0x5398 || at(t, i + 2) == 0x516C || at(t, i + 2) == 0x6BEB ||
	    at(t, i + 2) == 0x5206 || before_measure(t, i + 2, NULL))
		return 0;   /* 5米20厘米 is a length of two units, 100米20次 a count */
	{
		char d[2] = { (char)t->c[i], (char)t->c[i + 1] };

		digits(t, d, 2, 0);
	}
	return i + 2;
}

/* 7-ELEVEn, the shop (and the baseball team 统一7-ELEVEn狮), in any letter
 * case: said as its name is said on air in Taiwan and Hong Kong, "seven
 * eleven" in English, not 七 and letters. */
static size_t rule_brand(struct tn *t, size_t i)
{
	static const char name[] = "eleven", say_as[] = "seven eleven";
	size_t j = i + 2, k;

	if (at(t, i) != '7' || digit(t, i + 1) || seg_is_digit(before(t, i)) ||
	    !(is_dash(at(t, i + 1)) || at(t, i + 1) == 0x2010))
		return 0;
	for (k = 0; name[k]; k++, j++)
		if ((at(t, j) | 0x20) != (uint32_t)name[k])
			return 0;
	if (seg_is_latin(at(t, j)) || digit(t, j))
		return 0;
	if (t->out->cp.len && seg_is_latin(t->out->cp.v[t->out->cp.len - 1]))
		push(t, ' ', 0);
	for (k = 0; say_as[k]; k++)
		push(t, (uint32_t)say_as[k], 0);
	return j;
}

/* Digits right after Latin letters: a serial number, G1234. */
static size_t rule_serial(struct tn *t, size_t i)
{
	size_t j;
	char d[DIGITS_MAX];
	size_t n = 0;

	if (!seg_is_latin(before(t, i)))
		return 0;
	for (j = i; digit(t, j); j++)
		if (n < DIGITS_MAX)
			d[n++] = (char)t->c[j];
	if (n < 2)
		return 0;   /* 5G, F1: read as a number */
	/* an age group, U23: a number */
	if (n == 2 && before(t, i) == 'U' && !seg_is_latin(i >= t->start + 2 ? t->c[i - 2] : 0))
		return 0;
	digits(t, d, n, 1);
	return j;
}

size_t seg_number(const struct seg_text *text, size_t i, size_t start, size_t end,
                  struct seg_text *out, bobao_code *rc)
{
	static size_t (*const rules[])(struct tn *, size_t) = {
		rule_brand, rule_phone, rule_date, rule_dotted_date, rule_version, rule_result, rule_time,
		rule_serial, rule_year_range, rule_ratio, rule_fraction, rule_number,
	};
	struct tn t;
	size_t k, len = out->cp.len, e;

	memset(&t, 0, sizeof(t));
	t.c = text->cp.v;
	t.start = start;
	t.end = end;
	t.out = out;
	for (k = 0; k < BB_ARRAY_SIZE(rules); k++) {
		t.rc = BOBAO_OK;
		if ((e = rules[k](&t, i)) > i) {
			*rc = t.rc;
			return e;
		}
		out->cp.len = out->hint.len = out->from.len = len;   /* a rule that gave up */
	}
	*rc = BOBAO_OK;
	return i;
}
