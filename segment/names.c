/*
 * names.c - place names and surnames, read after the context model.
 *
 * Places: the gazetteer of data/places.tsv (scripts/gen-places: China's
 * divisions whose names read unusually, 洪洞 tong2, 黄陂 pi2, 郫都 pi2 du1)
 * wherever a name starts a word of the segmentation and ends one (长江都是
 * holds no 江都: 江 starts no word there).
 *
 * Surnames: a compound surname that is nothing else (万俟 mo4 qi2, 尉迟
 * yu4 chi2, 澹台 tan2 tai2, 令狐 ling2 hu2) where a word starts; a
 * character of the Hundred Family Surnames (百家姓) that is read otherwise
 * as a surname takes its surname reading where the text shows a surname
 * (单 shan4, not dan1):
 *
 *   姓X                  姓单, 姓区
 *   X + title, 某 or 氏   单先生, 曾老师, 解某, 查氏
 *   X + a given name of one or two characters + title
 *                        朴槿惠总统, 仇晓红女士
 *
 * X must be a word of its own in the segmentation (单 of 单位 or 简单 is
 * not), and X with what follows it must not be a word of the dictionary
 * (查看老师 is 查看 cha2).  A character that is also a verb before an office
 * (他任局长, 她曾代表中国) is a surname only before a way to address someone
 * (先生, 某) or after 姓.
 *
 * The list: the single surnames of pinyin-pro's surname table (npm
 * pinyin-pro 3.29.4, MIT; compared at review time, not shipped) whose
 * surname reading differs from the everyday one, less those too often
 * words before a title (那, 过, 应, 能, 要), plus 种 chong2, 洗 xian3,
 * 覃 qin2, 翟 zhai2, 秘 bi4, 隗 wei3, 适 kuo4, 宿 su4 of the Hundred
 * Family Surnames.  The surname 尉 alone is wei4 (尉健行), which is its
 * everyday reading: only 尉迟 is yu4.
 *
 * Given names: a common surname (or one of the list above) and two
 * characters make a person's name where the text shows one: after a role
 * (发言人刘结一, 投手陈柏豪), as an item of a list of such names
 * (邱智呈、林子豪、胡金龙), or before a title; the reader then remembers
 * the name for the rest of the text (刘结一向与会记者…: 一 is no 一向).
 * In a name 子 is zi3 (林子豪, not the suffix of 林子), 一 yi1 (刘结一,
 * 王一韩: no sandhi), 柏 bai3 (陈柏豪; bo2 is for 柏林), and a surname of
 * the list above its surname reading.  曾 (and the other verbs of the
 * list) is a surname before a given name after a verb word (面对曾陶镕)
 * when no verb, adverb or preposition follows it (曾在, 曾多次, 曾任).
 *
 * This runs after the context model, so that what the model learns from
 * (tests/context-features) is what it was without it.
 */
#include <stdlib.h>
#include <string.h>

#include "seg.h"

/* verb: also a verb before an office (他任局长, 曾任, 查处), so an office
 * title or a given name does not show a surname; 先生, 某 and 姓 do. */
static const struct surname {
	uint32_t cp;
	const char *reading;
	int verb;
} surnames[] = {   /* sorted by cp */
	{ 0x4E50, "yue4", 0 },    /* 乐 */
	{ 0x4EC7, "qiu2", 0 },    /* 仇 */
	{ 0x4EFB, "ren2", 1 },    /* 任 */
	{ 0x533A, "ou1", 0 },     /* 区 */
	{ 0x534E, "hua4", 0 },    /* 华 */
	{ 0x5355, "shan4", 1 },   /* 单 */
	{ 0x53E5, "gou1", 0 },    /* 句 */
	{ 0x53EC, "shao4", 1 },   /* 召 */
	{ 0x5458, "yun4", 0 },    /* 员 */
	{ 0x5B81, "ning4", 1 },   /* 宁 */
	{ 0x5BBF, "su4", 0 },     /* 宿 */
	{ 0x65BC, "yu1", 1 },     /* 於 */
	{ 0x66F2, "qu1", 0 },     /* 曲 */
	{ 0x66FE, "zeng1", 1 },   /* 曾 */
	{ 0x6734, "piao2", 0 },   /* 朴 */
	{ 0x67E5, "zha1", 1 },    /* 查 */
	{ 0x6D17, "xian3", 1 },   /* 洗 */
	{ 0x71D5, "yan1", 0 },    /* 燕 */
	{ 0x725F, "mou2", 0 },    /* 牟 */
	{ 0x752F, "ning4", 0 },   /* 甯 */
	{ 0x76D6, "ge3", 1 },     /* 盖 */
	{ 0x79CD, "chong2", 1 },  /* 种 */
	{ 0x79D8, "bi4", 0 },     /* 秘 */
	{ 0x7E41, "po2", 0 },     /* 繁 */
	{ 0x7EAA, "ji3", 0 },     /* 纪 */
	{ 0x7F2A, "miao4", 0 },   /* 缪 */
	{ 0x7FDF, "zhai2", 0 },   /* 翟 */
	{ 0x8096, "xiao1", 0 },   /* 肖 */
	{ 0x8584, "bo2", 1 },     /* 薄 */
	{ 0x8983, "qin2", 0 },    /* 覃 */
	{ 0x89E3, "xie4", 1 },    /* 解 */
	{ 0x9002, "kuo4", 1 },    /* 适 */
	{ 0x90C4, "qie4", 0 },    /* 郄 */
	{ 0x90D7, "xi1", 0 },     /* 郗 */
	{ 0x9697, "wei3", 0 },    /* 隗 */
};

static const struct compound {
	const char *name, *reading;
} compounds[] = {
	{ "万俟", "mo4 qi2" }, { "尉迟", "yu4 chi2" }, { "澹台", "tan2 tai2" },
	{ "令狐", "ling2 hu2" },
};

/* What follows a surname: how one addresses a person, then offices.
 * Two characters or more but 某 and 氏: a single 总 or 老 follows too
 * many verbs (检查总结); 代表 and 委员 are verbs and nouns (曾代表中国). */
#define ADDRESS_TITLES 20
static const char *const titles[] = {
	"先生", "女士", "小姐", "太太", "夫人", "老师", "医生", "大夫", "博士", "律师",
	"同志", "师傅", "阿姨", "大爷", "大妈", "大娘", "大叔", "大姐", "某", "氏",
	/* offices */
	"教授", "记者", "书记", "主任", "局长", "处长", "科长", "部长", "市长", "省长",
	"县长", "区长", "镇长", "乡长", "村长", "校长", "院长", "所长", "厂长", "董事长",
	"总经理", "总裁", "主席", "总统", "总理", "将军", "警官", "队长", "团长", "教练",
	NULL
};

/* Common single surnames (about the hundred most frequent), for given
 * names: sorted by code point. */
static const uint32_t common_surnames[] = {
	0x4E01, 0x4E25, 0x4E54, 0x4F55, 0x4F59, 0x4FAF, 0x5085, 0x5218, 0x5353, 0x5362,
	0x53F2, 0x53F6, 0x5409, 0x5415, 0x5434, 0x5468, 0x5510, 0x590F, 0x59DA, 0x59DC,
	0x5B59, 0x5B5F, 0x5B8B, 0x5C39, 0x5D14, 0x5DE6, 0x5E84, 0x5ED6, 0x5F20, 0x5F6D,
	0x5F90, 0x6234, 0x65BD, 0x66F9, 0x66FE, 0x6731, 0x674E, 0x6768, 0x6797, 0x67EF,
	0x6881, 0x6B27, 0x6B66, 0x6BB5, 0x6BDB, 0x6C5F, 0x6C6A, 0x6C88, 0x6D2A, 0x6E29,
	0x6E38, 0x6F58, 0x718A, 0x738B, 0x7530, 0x7533, 0x767D, 0x77F3, 0x79E6, 0x7A0B,
	0x7EAA, 0x7F57, 0x7FC1, 0x8096, 0x80E1, 0x8303, 0x8427, 0x8463, 0x848B, 0x8521,
	0x859B, 0x8881, 0x8A79, 0x8BB8, 0x8C22, 0x8C2D, 0x8D3A, 0x8D3E, 0x8D56, 0x8D75,
	0x90B1, 0x90B5, 0x90B9, 0x90D1, 0x90ED, 0x91D1, 0x949F, 0x94B1, 0x9646, 0x9648,
	0x96F7, 0x97E9, 0x987E, 0x9A6C, 0x9AD8, 0x9B4F, 0x9EC4, 0x9F99, 0x9F9A,
};   /* 丁严乔何余侯傅刘卓卢史叶吉吕吴周唐夏姚姜孙孟宋尹崔左庄廖张彭徐戴施曹曾朱李杨林柯
	梁欧武段毛江汪沈洪温游潘熊王田申白石秦程纪罗翁肖胡范萧董蒋蔡薛袁詹许谢谭贺贾赖赵邱邵邹郑郭金钟钱陆陈雷韩顾马高魏黄龙龚 */

/* Roles before a person's name: 发言人刘结一, 投手陈柏豪 */
static const char *const roles[] = {
	"发言人", "记者", "投手", "捕手", "打者", "选手", "球员", "队员", "教练", "主帅",
	"名将", "新秀", "主席", "总统", "总理", "部长", "外长", "主任", "局长", "市长", "省长",
	"委员", "议员", "立委", "代表", "教授", "医生", "律师", "作家", "导演", "演员", "歌手",
	"主持人", "董事长", "总经理", "负责人", "校长", "院长", "学者", "专家", "警员", "居民",
	"市民", "村民", "号", NULL
};

/* What follows the adverb 曾 (曾在, 曾多次, 曾任): not a given name */
static const char adverb_next[] =
	"在于与对向为被把将是有以和跟给从经同让使替代获任因就也都不没先多一二两三几数度亲"
	"连长早已曾未上内期职满";

/* Prepositions whose object may be a person: 对曾陶镕, 向陈柏豪 */
static const char objects_of[] = "对向与和跟给被让由替把同";

static int cmp_u32(const void *k, const void *e)
{
	uint32_t c = *(const uint32_t *)k, d = *(const uint32_t *)e;

	return c < d ? -1 : c > d;
}

static int common_surname(uint32_t c)
{
	return bsearch(&c, common_surnames, BB_ARRAY_SIZE(common_surnames),
	               sizeof(*common_surnames), cmp_u32) != NULL;
}

static int cmp_cp(const void *k, const void *e)
{
	uint32_t c = *(const uint32_t *)k, d = ((const struct surname *)e)->cp;

	return c < d ? -1 : c > d;
}

/* Is s[0..L) a word of the dictionary? */
static int dict_word(const uint32_t *s, size_t L)
{
	char u8[3 * 4];
	size_t k;

	for (k = 0; k < L; k++)
		seg_word_utf8(s[k], u8 + 3 * k);
	return seg_word_freq(u8, L, NULL) >= 0;
}

/* Length of the title at s[0..n), 0 if none; *office: an office, not a
 * way to address someone.  某 of 某种, 某些, 某个 is no title. */
static size_t title_of(const uint32_t *s, size_t n, int *office)
{
	static const char not_after_mou[] = "种些个项一天年日月时地处方次类";
	size_t k;
	size_t m;

	for (k = 0; titles[k]; k++) {
		if (!(m = seg_starts_with(s, n, titles[k])))
			continue;
		if (s[0] == 0x67D0 && n > 1 && seg_is_han(s[1])) {   /* 某 */
			char u8[8];
			struct bb_buf b = BB_BUF_INIT(8);

			bb_buf_addcp(&b, s[1]);
			memcpy(u8, b.ptr, b.len);
			u8[b.len] = '\0';
			bb_buf_release(&b);
			if (strstr(not_after_mou, u8))
				return 0;
		}
		*office = k >= ADDRESS_TITLES;
		return m;
	}
	return 0;
}

/* Set the readings of s[i..i+L), what is not fixed, as a rule's. */
static void set(const seg_reading_t *w, seg_reading_t *r, unsigned char *how, size_t i,
                size_t L)
{
	size_t k;

	for (k = 0; k < L; k++)
		if (how[i + k] != SEG_HOW_FIXED && w[k]) {
			r[i + k] = w[k];
			how[i + k] = SEG_HOW_RULE;
		}
}

/* Does a word of the segmentation start at i? */
static int word_start(const uint32_t *s, const unsigned char *words, size_t i)
{
	return i == 0 || !seg_is_han(s[i - 1]) || !words || words[i - 1];
}

/* A place name or compound surname at i: its length, 0 if none. */
static size_t place(const struct seg_lexicon *places, const uint32_t *s,
                    unsigned char *how, seg_reading_t *r, const unsigned char *words,
                    size_t i, size_t n)
{
	seg_reading_t w[SEG_WORD_MAX];
	size_t L, k;

	if (!word_start(s, words, i))
		return 0;
	for (k = 0; k < BB_ARRAY_SIZE(compounds); k++) {
		const char *p = compounds[k].reading;
		size_t m = seg_starts_with(s + i, n - i, compounds[k].name), j;

		if (!m)
			continue;
		for (j = 0; j < m; j++) {
			char syl[8];
			size_t q = strcspn(p, " ");

			memcpy(syl, p, q < sizeof(syl) ? q : sizeof(syl) - 1);
			syl[q < sizeof(syl) ? q : sizeof(syl) - 1] = '\0';
			w[j] = seg_reading_of(syl);
			p += q + (p[q] == ' ');
		}
		set(w, r, how, i, m);
		return m;
	}
	if (!places)
		return 0;
	L = n - i < seg_lexicon_maxlen(places) ? n - i : seg_lexicon_maxlen(places);
	for (; L >= 2; L--)
		if ((!words || words[i + L - 1]) && seg_lexicon_get(places, s + i, L, w)) {
			set(w, r, how, i, L);
			return L;
		}
	return 0;
}

/* Does one of the words (of Han characters of the BMP, three bytes
 * each) end right before s[i]? */
static int ends_with_any(const uint32_t *s, size_t i, const char *const *list)
{
	size_t k;

	for (k = 0; list[k]; k++) {
		size_t L = strlen(list[k]) / 3;

		if (L <= i && seg_starts_with(s + i - L, L, list[k]))
			return 1;
	}
	return 0;
}

/* Is the code point c one of the UTF-8 string's? */
static int strchr_cp(const char *set, uint32_t c)
{
	const unsigned char *p = (const unsigned char *)set;
	size_t len = strlen(set), j = 0, m;
	uint32_t d;

	while (j < len && (m = bb_utf8_decode(p + j, len - j, &d))) {
		if (d == c)
			return 1;
		j += m;
	}
	return 0;
}

/* Is s[i..i+3) a name the reader has seen? */
static int known_name(const struct seg_known_names *k, const uint32_t *s)
{
	size_t j;

	for (j = 0; k && j < k->n; j++)
		if (!memcmp(k->name[j], s, sizeof(k->name[j])))
			return 1;
	return 0;
}

static void remember(struct seg_known_names *k, const uint32_t *s)
{
	if (!k || known_name(k, s))
		return;
	memcpy(k->name[k->next], s, sizeof(k->name[k->next]));
	k->next = (k->next + 1) % SEG_KNOWN_NAMES;
	if (k->n < SEG_KNOWN_NAMES)
		k->n++;
}

/* Is s[i] a character of a surname (common, or of the list above)? */
static const struct surname *surname_of(uint32_t c, int *common)
{
	*common = common_surname(c);
	return bsearch(&c, surnames, BB_ARRAY_SIZE(surnames), sizeof(*surnames), cmp_cp);
}

/* Is s[i..i+3) an item of a list of three-character names, with 、 or ，
 * (',' in the spoken form) between it and a neighbour that looks the same
 * (邱智呈、林子豪、胡金龙)? */
static int listed(const uint32_t *s, size_t i, size_t n)
{
	int c;

	/* 秘书郎 is no name: 秘书 is a word (but 林子 of 林子豪 is too); and
	 * the item stands between marks */
	if ((dict_word(s + i, 2) && s[i + 1] != 0x5B50) ||
	    (i > 0 && seg_is_han(s[i - 1])) || (i + 3 < n && seg_is_han(s[i + 3])))
		return 0;
	if (i + 6 < n && s[i + 3] == ',' && (surname_of(s[i + 4], &c), c) &&
	    seg_is_han(s[i + 5]) && seg_is_han(s[i + 6]) && !dict_word(s + i + 4, 3) &&
	    !dict_word(s + i + 5, 2))
		return 1;
	return i >= 4 && s[i - 1] == ',' && (surname_of(s[i - 4], &c), c) &&
	       seg_is_han(s[i - 3]) && seg_is_han(s[i - 2]) && !dict_word(s + i - 4, 3) &&
	       !dict_word(s + i - 3, 2);
}

/* A person's name s[i..i+3): 子 zi3, 一 yi1, 柏 bai3 in the given name,
 * the surname's own reading */
static void read_name(const struct surname *sn, const uint32_t *s, seg_reading_t *r,
                      unsigned char *how, size_t i)
{
	static seg_reading_t zi3, yi1, bai3;
	size_t g;

	if (!zi3) {
		zi3 = seg_reading_of("zi3");
		yi1 = seg_reading_of("yi1");
		bai3 = seg_reading_of("bai3");
	}
	if (sn && how[i] != SEG_HOW_FIXED) {
		r[i] = seg_reading_of(sn->reading);
		how[i] = SEG_HOW_RULE;
	}
	for (g = i + 1; g < i + 3; g++) {
		seg_reading_t to = s[g] == 0x5B50 ? zi3 : s[g] == 0x4E00 ? yi1 :
		                   s[g] == 0x67CF ? bai3 : 0;   /* 子 一 柏 */

		if (to && how[g] != SEG_HOW_FIXED) {
			r[g] = to;
			how[g] = SEG_HOW_RULE;
		}
	}
}

/* Given names (see the top): the three characters at i are a person's
 * name if the text shows it. */
static int given_name(struct seg_known_names *known, const uint32_t *s, seg_reading_t *r,
                      unsigned char *how, const unsigned char *words, size_t i, size_t n)
{
	const struct surname *sn;
	int common, alone, named = 0;
	size_t k;

	if (i + 3 > n || !seg_is_han(s[i + 1]) || !seg_is_han(s[i + 2]) ||
	    !((sn = surname_of(s[i], &common)) || common) || !word_start(s, words, i) ||
	    how[i] == SEG_HOW_FIXED)
		return 0;
	/* a word of the dictionary may be a name after a role (单雄信, 解振华
	 * are jieba's), else it is a word */
	if (dict_word(s + i, 3)) {
		if (!(i > 0 && seg_is_han(s[i - 1]) && ends_with_any(s, i, roles)))
			return 0;
		named = 1;
	}
	alone = !words || (words[i] & (SEG_WORD_END | SEG_WORD_LONG)) == SEG_WORD_END ||
	        (named && (words[i + 2] & SEG_WORD_END));
	/* 曾在, 曾于, 曾多次, 曾表示, 任上: a verb's character is no surname
	 * before these */
	if (sn && sn->verb) {
		/* 发言人於声明中: before a word, only a name of the dictionary
		 * (解振华) */
		if (!alone || strchr_cp(adverb_next, s[i + 1]) ||
		    (dict_word(s + i + 1, 2) && !dict_word(s + i, 3)))
			return 0;
		for (k = i + 1; words && k < n && seg_is_han(s[k]) && !words[k]; k++)
			;
		if (words && k < n && (words[k] & SEG_WORD_LONG) &&
		    (words[k] & (SEG_CLASS_VERB | SEG_CLASS_ADVERBIAL)))
			return 0;
	}
	named = named || known_name(known, s + i) ||
	        (!dict_word(s + i + 1, 2) && listed(s, i, n)) ||
	        (alone && i > 0 && seg_is_han(s[i - 1]) && ends_with_any(s, i, roles) &&
	         (s[i - 1] != 0x53F7 || (i > 1 && (seg_is_numeral(s[i - 2]) ||
	                                           seg_is_digit(s[i - 2])))));
	/* after a verb word or a preposition, and no verb or adverb after:
	 * 面对曾陶镕打席, 对曾陶镕 (not 他曾在, 曾多次, 曾担任) */
	if (!named && sn && common && alone && words && i > 0 && seg_is_han(s[i - 1]) &&
	    !dict_word(s + i + 1, 2) &&
	    (((words[i - 1] & SEG_WORD_LONG) &&
	      (words[i - 1] & (SEG_CLASS_VERB | SEG_CLASS_ADVERBIAL)) == SEG_CLASS_VERB) ||
	     (!(words[i - 1] & SEG_WORD_LONG) && strchr_cp(objects_of, s[i - 1]))) &&
	    !strchr_cp(adverb_next, s[i + 1])) {
		for (k = i + 1; k < n && seg_is_han(s[k]) && !words[k]; k++)
			;
		named = k < n && !((words[k] & SEG_WORD_LONG) &&
		                   (words[k] & (SEG_CLASS_VERB | SEG_CLASS_ADVERBIAL)));
	}
	if (!named)
		return 0;
	remember(known, s + i);
	read_name(sn, s, r, how, i);
	return 1;
}

void seg_names(const struct seg_lexicon *places, struct seg_known_names *known,
               const uint32_t *s, seg_reading_t *r, unsigned char *how,
               const unsigned char *words, size_t n)
{
	size_t i, g, t, L;
	int office;

	for (i = 0; i < n; i++) {
		if (seg_is_han(s[i]) && (L = place(places, s, how, r, words, i, n)) > 0) {
			i += L - 1;
			continue;
		}
	}
	for (i = 0; i < n; i++) {
		const struct surname *sn;
		int alone, after_xing, named = 0;

		if (how[i] == SEG_HOW_FIXED || how[i] == SEG_HOW_NONE ||
		    !(sn = bsearch(&s[i], surnames, BB_ARRAY_SIZE(surnames), sizeof(*surnames),
		                   cmp_cp)))
			continue;
		/* a word of its own: 单 of 单位, 简单 is not */
		alone = word_start(s, words, i) &&
		        (!words || (words[i] & (SEG_WORD_END | SEG_WORD_LONG)) == SEG_WORD_END);
		after_xing = i > 0 && s[i - 1] == 0x59D3 &&    /* 姓 */
		             (!words || (words[i - 1] & (SEG_WORD_END | SEG_WORD_LONG)) ==
		                        SEG_WORD_END);
		if (after_xing && (!words || words[i])) {
			named = 1;
		} else if (alone && title_of(s + i + 1, n - i - 1, &office) &&
		           (!office || !sn->verb)) {
			named = 1;
		} else if (word_start(s, words, i)) {
			/* a given name of one or two characters, then a title; a
			 * verb's character only where a phrase starts, before a
			 * way to address someone (单雄信先生, not 他曾在老师家) */
			int first = i == 0 || !seg_is_han(s[i - 1]);

			for (g = 1; g <= 2 && !named && i + 1 + g < n; g++) {
				if (!seg_is_han(s[i + g]) || dict_word(s + i, g + 1) ||
				    (g == 2 && dict_word(s + i, 2)))
					break;
				t = title_of(s + i + 1 + g, n - i - 1 - g, &office);
				named = t > 0 && s[i + 1 + g] != 0x67D0 && s[i + 1 + g] != 0x6C0F &&
				        (!sn->verb || (first && !office));
			}
		}
		if (named) {
			r[i] = seg_reading_of(sn->reading);
			how[i] = SEG_HOW_RULE;
		}
	}
	for (i = 0; i + 2 < n; i++) {
		int common;

		if (given_name(known, s, r, how, words, i, n))
			i += 2;
		/* 陈柏豪: 柏 after a common surname is bai3 (bo2 in 柏林) */
		else if (s[i + 1] == 0x67CF && (surname_of(s[i], &common), common) &&
		         word_start(s, words, i) && !dict_word(s + i + 1, 2) &&
		         how[i + 1] != SEG_HOW_FIXED) {
			r[i + 1] = seg_reading_of("bai3");
			how[i + 1] = SEG_HOW_RULE;
		}
	}
}
