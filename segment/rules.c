/*
 * rules.c - readings a word list cannot decide, and tone sandhi.
 *
 * They apply to characters read by their default (SEG_HOW_CHAR) only:
 * annotations, numerals and lexicon words are never changed.
 *
 *   地  de5 after an adverbial (慢慢地, 认真地), else di4
 *   得  de5 after a verb or adjective (跑得快), de2 elsewhere (得到 is a word);
 *       after a person dei3 before a verb (我得走了), de2 before 了 (他得了)
 *   地  de5 also as a word of its own after an adverbial word of the
 *       dictionary (一步一个脚印地往前走)
 *   了  liao3 after 不 or a complement 得 (受不了, 做得了), else le5
 *   率  shuai4 when it leads someone (率国民军), else lv4 (效率 and the like)
 *   过  guo5 as the aspect particle after a common verb (去过, 看过)
 *   卷  juan4 counting volumes (八卷) and naming one (《隋书》卷四)
 *   只  zhi1 counting (一只, 两只, 这只)
 *   累  lei4 after a degree word (很累, 又累又饿)
 *   为  wei4 before 了/什么/何/此/之 (为之一振) or when the clause says what
 *       it is for (为人民服务, 为…作出贡献; 有望为…的患者，提供…), for whom
 *       (为自己, 为未来), or opens a purpose clause with a verb (为保障供应，…);
 *       else wei2 (，为史上第一人，: the copula)
 *   应  ying4 after a lone 以 (以应国家之需) and in 应…邀请 (at someone's
 *       invitation), else ying1
 *   当年 dang4 "the same year" beside 明年/次年 or before 收成/投产…,
 *       else dang1 "in those years"; 处方 chu4 "the office" (土力工程处…。
 *       处方表示), else chu3 "prescription"; 一级 yi4 after 上/下 (上一级);
 *       打点 da3 dian3 in baseball (一打点安打), else da3 dian5
 *   长  zhang3 after an office (市长, 局长) or as "chief" after a function
 *       (执行长, 主计长, 营运长, 财务长), else chang2
 *   率  lv4 closing a rate (成长率, 参与率), kept from the context model
 *   得  de5 also in a potential complement (看得见, 听得懂)
 *   着  zhao2 as a complement after 得 or 不 (摸得着, 睡不着, 用不着)
 *   处  chu3 after 位 that ends no longer word (位处, "is located"; not
 *       单位处理)
 *   地方 (bobao's lexicon: fang5, a place, 公众地方) fang1 "local" before
 *       what a local government has (地方政府, 地方财政, 地方性) or after
 *       中央/各级
 *   行  hang2 in a line count (第三行)
 *   一  yi1 in numbers, ordinals and at a phrase end; yi5 in V一V (看一看);
 *       but sandhi before the unit it counts (一千三百 yi4 qian1, 一万 yi2)
 *       unless a digit or 十 comes before it (十一万 yi1); yi1 enumerating,
 *       opening a clause before 是 (一是…，二是…)
 *       yi2 before tone 4 (一个); yi4 before tones 1-3 (一天, 一年, 一起)
 *   不  bu2 before tone 4 (不是), bu5 in V不V (好不好), else bu4
 *   a reduplicated common verb is neutral in its second syllable (看看)
 */
#include <string.h>

#include "seg.h"

seg_reading_t seg_reading_of(const char *pinyin)
{
	size_t n = strlen(pinyin);
	int syl;

	if (n < 2 || pinyin[n - 1] < '1' || pinyin[n - 1] > '5')
		return 0;
	syl = seg_syllable_index(pinyin, n - 1);
	return syl < 0 ? 0 : SEG_READING(syl, pinyin[n - 1] - '0');
}

#define WORD_MAX 8

/* A short UTF-8 word as code points; returns how many. */
static size_t word(const char *w, uint32_t *out)
{
	size_t k = strlen(w), j = 0, n = 0, len;

	while (j < k && n < WORD_MAX &&
	       (len = bb_utf8_decode((const unsigned char *)w + j, k - j, &out[n]))) {
		j += len;
		n++;
	}
	return n;
}

/* Does s[0..n) start with the word w? */
static int starts(const uint32_t *s, size_t n, const char *w)
{
	uint32_t c[WORD_MAX];
	size_t len = word(w, c);

	return len <= n && !memcmp(s, c, len * sizeof(*c));
}

/* Does one of the words (NULL-terminated list) start at s? */
static int starts_any(const uint32_t *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (starts(s, n, *words))
			return 1;
	return 0;
}

/* The length of the longest of the words that starts at s, 0 if none */
static size_t longest(const uint32_t *s, size_t n, const char *const *words)
{
	uint32_t c[WORD_MAX];
	size_t best = 0, len;

	for (; *words; words++) {
		len = word(*words, c);
		if (len > best && len <= n && !memcmp(s, c, len * sizeof(*c)))
			best = len;
	}
	return best;
}

/* Does one of the words end right before s[i]? */
static int ends_any(const uint32_t *s, size_t i, const char *const *words)
{
	uint32_t c[WORD_MAX];
	size_t len;

	for (; *words; words++) {
		len = word(*words, c);
		if (len <= i && !memcmp(s + i - len, c, len * sizeof(*c)))
			return 1;
	}
	return 0;
}

int seg_is_numeral(uint32_t c)
{
	static const uint32_t numerals[] = {
		0x96F6, 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
		0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF, 0x4E24, 0x51E0,
	};   /* 零〇一二三四五六七八九十百千万亿两几 */
	size_t i;

	for (i = 0; i < BB_ARRAY_SIZE(numerals); i++)
		if (numerals[i] == c)
			return 1;
	return 0;
}

static const char *const adverbials[] = {
	"认真", "积极", "不断", "逐步", "深入", "有效", "充分", "全面", "稳步", "持续",
	"坚定", "切实", "主动", "大力", "高度", "努力", "迅速", "明显", "显著", "彻底",
	"真正", "科学", "合理", "准确", "及时", "广泛", "热情", "自觉", "清醒", "清楚",
	"顺利", "成功", "更好", "很好", "平稳", "快速", "高效", "集中", "大幅", "小心",
	"耐心", "仔细", "具体", "简单", "直接", "间接", "自然", "自动", "自由", "独立",
	"公开", "公平", "公正", "依法", "系统", "密切", "相应", "适当", "正确", "创造性",
	"历史性", "有序", "扎实", "精准", "深刻", "生动", "形象", "严格", "坚决", "彻底",
	"高兴", "愉快", "激动", "无情", "默默", "悄悄", "渐渐", "慢慢", "静静", "轻轻",
	"狠狠", "紧紧", "好好", "远远", "深深", "牢牢", "偷偷", "暗暗", "不停", "反复",
	"一步步", "一点点", "一次次", "一天天", "不知不觉", "不由自主", "情不自禁",
	"全力", "尽力", "竭力", "大胆", "勇敢", "热烈", "强烈", "激烈", "残忍", "顽强",
	"不懈", "不约而同", "毫不犹豫", "自发", "主观", "客观", "片面", "机械", "盲目",
	"飞快", "有力", "有机", "有针对性", "创新性", "全方位", "多方面", "系统性", "根本性",
	NULL
};

static const char *const purposes[] = {
	"服务", "提供", "作出", "做出", "贡献", "负责", "着想", "奋斗", "担心", "操心",
	"创造", "打造", "争取", "付出", "加油", "点赞", "祝福", "庆祝", "买单", "助力",
	"保驾护航", "护航", "铺路", "献", "开辟", "营造", "谋", "争光", "发声", "代言",
	"出力", "效力", "效劳", "出谋划策", "撑腰", "辩护", "辩解", "捐", "筹", "准备",
	"报仇", "鸣不平", "欢呼", "骄傲", "自豪", "感到", "感动", "高兴", "难过", "伤心",
	"而", "添", "增添", "赢得", "夺得", "摘得", "带来", "送上", "献上", "举办", "解决",
	"颁发", "量身", "排忧解难", "保驾", "加码", "让路", "松绑", "减负", "把关", "注入",
	"画下", "写下", "留下", "奠定", "打下", "点燃", "燃点", "揭牌", "揭幕", "剪彩",
	"颁奖", "授牌", "题词", "题写", "送行", "饯行", "接风", "举行", "诊治", "诊脉", "看病",
	"治病", "治疗", "送葬", "积累", NULL
};

/* Whom 为 may be for: 为自己, 为人民, 为未来 */
static const char *const beneficiaries[] = {
	"自己", "我", "你", "他", "她", "您", "大家", "人民", "群众", "国家", "社会", "子孙",
	"后代", "未来", NULL
};

/* Before 为, a modal or adverb: 为 is then a preposition whose purpose
 * may come after a comma (有望为因中风…的患者，提供…) */
static const char *const modals[] = {
	"有望", "将", "可", "能", "能够", "可以", "也", "还", "亦", "并", "共同", "专门",
	"致力", "旨在", "希望", "愿", "愿意", "要", "会", "正", "已", "又", "再", "努力",
	"积极", "持续", "继续", NULL
};

/* Does one of the words end right before s[i] as a word of the
 * segmentation (能 of 可能, not of 功能)? */
static int ends_word(const uint32_t *s, const unsigned char *words, size_t i,
                     const char *const *list)
{
	uint32_t c[WORD_MAX];
	size_t len;

	for (; *list; list++) {
		len = word(*list, c);
		if (len <= i && !memcmp(s + i - len, c, len * sizeof(*c)) &&
		    (!words || ((words[i - 1] & SEG_WORD_END) &&
		                (len == i || !seg_is_han(s[i - len - 1]) || words[i - len - 1]))))
			return 1;
	}
	return 0;
}

/* Purpose verbs jieba does not tag as verbs: 为纪念…，为方便… */
static const char *const purpose_heads[] = {
	"纪念", "方便", "落实", "进一步", "更好", "切实", "有效", "使", "让", "给", "求", "符",
	"免", "防", "避", "救", "保", "帮", "迎", "供", NULL
};

/* Does what follows 为 at s[i] start a purpose (为保障供应, 为深入剖析,
 * 为全面了解), not name what something is (，为史上第一人，, 为胜骑士首次
 * 完投胜)?  One of the next two words is a verb or adverbial of two
 * characters or more (jieba tags 全面 a noun), or it is one of
 * purpose_heads. */
static int purpose_start(const uint32_t *s, const unsigned char *words, size_t i, size_t n)
{
	size_t k = i + 1;
	int w;

	if (starts_any(s + i + 1, n - i - 1, purpose_heads) || !words)
		return 1;
	for (w = 0; w < 2; w++, k++) {
		for (; k < n && seg_is_han(s[k]) && !words[k]; k++)
			;
		if (k >= n || !seg_is_han(s[k]))
			return 0;
		if ((words[k] & SEG_WORD_LONG) && (words[k] & (SEG_CLASS_VERB | SEG_CLASS_ADVERBIAL)))
			return 1;
	}
	/* for someone, then what is done: ，为文在寅夫妇举行欢迎仪式 (a verb
	 * of two characters in the clause, not one qualifying a noun:
	 * ，为前庭大腺出现的炎症) */
	for (; k < n && seg_is_han(s[k]); k++)
		if ((words[k] & (SEG_WORD_LONG | SEG_CLASS_VERB | SEG_CLASS_NOUN)) ==
		    (SEG_WORD_LONG | SEG_CLASS_VERB) && !(k + 1 < n && s[k + 1] == 0x7684))
			return 1;
	return 0;
}

/* What follows 为之 when 为 is "for it, at it" (wei4): 为之一振, 为之振奋,
 * 为之欢呼; 为之 before nothing is "do it" (好自为之, 勉力为之) */
static int for_it(const uint32_t *s, size_t i, size_t n)
{
	return i + 2 < n && s[i + 1] == 0x4E4B && seg_is_han(s[i + 2]) &&
	       !(i > 0 && (s[i - 1] == 0x800C || s[i - 1] == 0x81EA));   /* 而为之, 自为之 */
}

/* Does s[i] open a clause (not after a word or a closing bracket: the
 * subject of （学名）为舌蛭科 is before the bracket)? */
static int opens_clause(const uint32_t *s, size_t i)
{
	return i == 0 || !(seg_is_han(s[i - 1]) || seg_is_close_bracket(s[i - 1]) ||
	                   s[i - 1] == 0x201D || s[i - 1] == 0x300D || s[i - 1] == 0x300F ||
	                   s[i - 1] == '"');
}

/* Is the clause 为 opens followed by another (为深入剖析…，本期采访了…),
 * as a purpose is, not the end of the sentence (…为舌蛭科的动物。)? */
static int leads_clause(const uint32_t *s, size_t i, size_t n)
{
	size_t j;

	for (j = i + 1; j < n && (seg_is_han(s[j]) || s[j] == ' '); j++)
		;
	return j + 1 < n && s[j] == ',';
}

/* 为…所 is the passive: 为我所用 */
static int passive(const uint32_t *s, size_t i, size_t n)
{
	size_t j;

	for (j = i + 1; j < n && j < i + 8 && seg_is_han(s[j]); j++)
		if (s[j] == 0x6240)
			return 1;
	return 0;
}

static const char *const offices[] = {
	"部", "局", "市", "省", "县", "区", "镇", "乡", "村", "校", "院", "厅", "处", "科",
	"组", "队", "班", "社", "所", "站", "馆", "团", "营", "连", "排", "师", "军", "旅",
	"司", "署", "厂", "店", "园", "州", "庭", "会", "家", "首", "酋", "船", "机", "舰",
	"股", "课", "室", "署", "议", "总", "学", "族", "官", "检察", "理事", "秘书",
	"董事", "委员", "事", "警", "审判", "州", NULL
};

/* "Chief" officers of Taiwanese and Hong Kong companies and bodies:
 * 执行长 (CEO), 营运长, 财务长, 技术长, 主计长 (the budget chief) */
static const char *const chiefs[] = {
	"执行", "营运", "运营", "财务", "技术", "主计", "审计", "资讯", "信息", "行销",
	"营销", "法务", "策略", "数据", "风险", "投资", "商务", "业务", "研发", "永续",
	"创新", "品牌", "人资", "稽核", "总务", "秘书", NULL
};

/* After 长 these make it chang2 even after an office: 市长期 */
static const char *const long_words[] = {
	"期", "久", "远", "达", "途", "城", "江", "河", "廊", "跑", "篇", "寿", "短",
	"方", "条", "征", "假", "年", "夜", "效", "线", "度", "空", "安", "沙", "春",
	"治", "白", "足", "项", "时", "处", "足", "驱", "长", NULL
};

/* What follows a complement 得: 跑得快, 说得很好, 做得了 */
static const char *const complements[] = {
	"很", "更", "好", "快", "慢", "多", "少", "太", "非", "十", "极", "越", "最", "比",
	"不", "清", "明", "满", "过", "高", "低", "大", "小", "早", "晚", "远", "近", "起",
	"上", "下", "出", "进", "像", "跟", "如", "直", "飞", "紧", "住", "了", "完", "动",
	"死", "要", "那", "这", "真", "相", "挺", "还", "也", "都", "差", "够", "可", "有",
	"没", "无", "一", "乱", "热", "冷", "干", "整", "透", "厉", "舒", "漂", "认", "及",
	"合", "稳", "顺", "精", "严", "深", "广", "扎", "越来越", "格外", "特别", "异常",
	"又", "并", "更加", "十分", "相当", "较", "颇", "津", "团", "发", "乐", "不亦",
	"沙", "通", "模", "粉", "稀", "一塌糊涂", "七零八落",
	"见", "懂", "着", NULL
};

/* What a leading 率 is followed by: 率国民军, 率部, 率先 */
static const char *const led[] = {
	"国", "新", "兵", "军", "部", "众", "领", "先", "队", "团", "舰", "师", "骑", "其",
	"所", "本", "全", "各", "诸", "残", "余", "百", "千", "万", "数", "两", "三", "五",
	"十", "大", "家", "子", "弟", "族", "群", "属", "员", "代表团", NULL
};

/* Words ending in 率 as a rate: 效率, 频率 */
static const char *const rates[] = {
	"效", "频", "比", "利", "税", "汇", "概", "速", "功", "周", "勤", "长", "业",
	"盖", "活", "存", "收", "视", "率", "产", "胜", "命", "错", "费", "价", "息",
	"折", "损", "导", "用", "转", "出", "投", "达", "通", "生", "死", "婚", "发",
	NULL
};

/* Who may have to do something or get something: 我得走了, 他得了 */
static const char *const persons[] = {
	"我", "你", "他", "她", "您", "咱", "我们", "你们", "他们", "她们", "咱们", "大家",
	"谁", "自己", "人家", NULL
};

/* What follows 率 closing a rate: 成长率为, 参与率达, 增长率下降 */
static const char *const rate_verbs[] = {
	"的", "为", "达", "是", "约", "仅", "已", "将", "由", "从", "在", "上", "下", "提",
	"降", "增", "减", "超", "高", "低", "创", "预", "只", "则", "也", "都", "和", "与",
	"及", "较", "均", "可", "持", "维", "保", "回", "逐", "稳", "连", "跌", "升", "涨",
	"放", "加", "缩", "扩", "恢", "跃", "不", "仍", "还", "有", NULL
};

/* 中央和地方, 各级地方: local */
static const char *const centre[] = { "中央", "中央和", "中央与", "各级", "各", NULL };

/* What a local government has: 地方政府, 地方财政, 地方性 */
static const char *const local[] = {
	"政府", "财政", "官员", "债", "性", "党", "人大", "政协", "法规", "立法", "经济",
	"保护", "当局", "领导", "干部", "部门", "机构", "机关", "自治", "国企", "银行",
	"法院", "两会", "标准", "治理", "融资", "媒体", "电视", "戏", "志", "特色", "选举",
	"议会", "财力", "税", "收入", "预算", "政策", "平台", "行政", "主义", "病", "口音",
	"高校", "事务", "首长", "武装", "部队", "粮票", "名", "风味", "小吃", "文化", NULL
};

static const char *const demonstratives[] = { "这", "那", "每", "几", "哪", "某", NULL };

static const char *const degrees[] = {
	"很", "太", "好", "真", "又", "不", "挺", "多", "最", "特别", "非常", "十分", "有点",
	"怪", "够", "可", "也", "都", "更", NULL
};

/* Verbs after which 过 is the aspect particle (去过, 看过) and whose
 * reduplication is neutral in its second syllable (看看, 想想). */
static const char *const verbs[] = {
	"去", "来", "看", "听", "说", "做", "吃", "喝", "用", "见", "想", "学", "玩", "写",
	"读", "住", "试", "问", "走", "谈", "聊", "找", "尝", "练", "唱", "跳", "摸",
	"算", "查", "瞧", "逛", "洗", "坐", "穿", "戴", "拿", "放", "讲", "商", "动", NULL
};

/* After 过, what makes it part of a word: 过程, 过去, 过于 */
static const char *const guo_words[] = {
	"程", "去", "来", "于", "度", "分", "年", "后", "头", "错", "失", "渡", "敏", "量",
	"境", "往", "夜", "滤", "关", "硬", "剩", "问", "节", "时", "期", "目", "瘾", "早",
	NULL
};

/* 一 counting the sessions of a congress is an ordinal: 十三届全国人大一次
 * 会议, 全国政协十三届一次会议, 十九届一中全会 */
static int session(const uint32_t *s, size_t i, size_t n)
{
	static const char *const bodies[] = { "大", "协", "届", "委", NULL };

	return i > 0 && ends_any(s, i, bodies) &&
	       (starts(s + i + 1, n - i - 1, "次会议") || starts(s + i + 1, n - i - 1, "次全会") ||
	        starts(s + i + 1, n - i - 1, "中全会"));
}

/* 处 chǔ, to sentence: 判处/处十年以上有期徒刑, 处死刑, 处以罚款 */
static const char *const sentences[] = {
	"死刑", "无期", "有期", "拘役", "罚金", "罚款", "以", "管制", "缓刑", NULL
};

static int sentencing(const uint32_t *s, size_t i, size_t n)
{
	size_t j;

	if (starts_any(s + i + 1, n - i - 1, sentences))
		return 1;
	/* a term: 处十年以上, 处三年有期徒刑, 处六个月 */
	for (j = i + 1; j < n && seg_is_numeral(s[j]); j++)
		;
	return j > i + 1 && (starts(s + j, n - j, "年") || starts(s + j, n - j, "个月"));
}

/* 当年: dang4 nian2 "that same year" where another year is set against
 * it or what a year yields follows (农民当年的收成，明年的…; 当年投产),
 * else dang1 nian2 "in those years" (the more frequent in news) */
static const char *const other_years[] = {
	"明年", "次年", "翌年", "第二年", "来年", "隔年", "下一年", NULL
};
static const char *const yields[] = {
	"收成", "收益", "投产", "见效", "达产", "盈利", "回本", "受益", "竣工", "完工",
	"产量", "收回", "出栏", "的收成", "的收益", "的产量", NULL
};

/* What may follow 处方 "the office" (a department's own name for itself
 * in Hong Kong news: 土力工程处…。处方暂时收到…), not a prescription */
static const char *const office_says[] = {
	"表示", "指", "称", "暂时", "已", "正", "会", "将", "亦", "回应", "强调", "提醒",
	"收到", "透露", "呼吁", "重申", "发言人", "发出", "发表", NULL
};

/* After 打点 "runs batted in" (dǎdiǎn), not 打点 "get ready" (dǎdian) */
static const char *const hits[] = { "安打", "全垒打", "二垒打", "三垒打", "王", NULL };

/* Is s[i..i+L) a word of its own in the segmentation? */
static int whole_word(const uint32_t *s, const unsigned char *words, size_t i, size_t L,
                      size_t n)
{
	return words && i + L <= n && (words[i + L - 1] & SEG_WORD_END) &&
	       (i == 0 || !seg_is_han(s[i - 1]) || words[i - 1]);
}

/* Words whose reading the sentence decides, whatever read them. */
static void in_words(const uint32_t *s, seg_reading_t *r, unsigned char *how,
                     const unsigned char *words, size_t n, size_t m)
{
	size_t i, j;

	for (i = 0; i + 1 < n; i++) {
		if (how[i] == SEG_HOW_FIXED || how[i + 1] == SEG_HOW_FIXED)
			continue;
		if (s[i] == 0x5F53 && s[i + 1] == 0x5E74 && whole_word(s, words, i, 2, n)) {
			int same = i + 2 < m && starts_any(s + i + 2, m - i - 2, yields);

			for (j = 0; j < m && !same; j++)   /* 当年 */
				same = starts_any(s + j, m - j, other_years);
			r[i] = seg_reading_of(same ? "dang4" : "dang1");
			how[i] = SEG_HOW_RULE;
		} else if (s[i] == 0x5904 && s[i + 1] == 0x65B9 && whole_word(s, words, i, 2, n) &&
		           (i == 0 || !seg_is_han(s[i - 1])) && i + 2 < m &&
		           starts_any(s + i + 2, m - i - 2, office_says)) {   /* 处方 */
			r[i] = seg_reading_of("chu4");
			how[i] = SEG_HOW_RULE;
		} else if (s[i] == 0x4E3A && for_it(s, i, m) &&
		           (i == 0 || !seg_is_han(s[i - 1]) || !words || words[i - 1])) {
			/* 为之一振 (a phrase of its own), 为之振奋 */
			r[i] = seg_reading_of("wei4");
			how[i] = SEG_HOW_RULE;
		} else if (s[i] == 0x6253 && s[i + 1] == 0x70B9 && whole_word(s, words, i, 2, n) &&
		           ((i > 0 && seg_is_numeral(s[i - 1])) ||
		            (i + 2 < m && starts_any(s + i + 2, m - i - 2, hits)))) {
			/* 打点 dian3, a run batted in: 敲一打点安打 */
			r[i + 1] = seg_reading_of("dian3");
			how[i + 1] = SEG_HOW_RULE;
		} else if (s[i] == 0x4E00 && s[i + 1] == 0x7EA7 && i > 0 &&
		           (s[i - 1] == 0x4E0A || s[i - 1] == 0x4E0B)) {   /* 上一级, 下一级 */
			r[i] = seg_reading_of("yi4");
			how[i] = SEG_HOW_RULE;
		}
	}
}

/* 百 千 万 亿: the units a numeral counts */
static int unit(uint32_t c)
{
	return c == 0x767E || c == 0x5343 || c == 0x4E07 || c == 0x4EBF;
}

static int tone(seg_reading_t r)
{
	return r ? SEG_READING_TONE(r) : 0;
}

void seg_rules(const uint32_t *s, seg_reading_t *r, unsigned char *how,
               const unsigned char *words, size_t n, size_t ahead)
{
	static seg_reading_t ying4, de5, di4, de2, dei3, le5, liao3, wei2, wei4, zhang3, hang2,
	                     shuai4, juan4, zhi1, lei4, guo5, yi1, yi2, yi4, yi5, bu2, bu4, bu5, chu3,
	                     zhao2, fang1;
	size_t i, j, m = n + ahead;
	int commas, crossed;

	if (!de5) {
		ying4 = seg_reading_of("ying4");
		de5 = seg_reading_of("de5");
		di4 = seg_reading_of("di4");
		de2 = seg_reading_of("de2");
		dei3 = seg_reading_of("dei3");
		le5 = seg_reading_of("le5");
		liao3 = seg_reading_of("liao3");
		shuai4 = seg_reading_of("shuai4");
		juan4 = seg_reading_of("juan4");
		zhi1 = seg_reading_of("zhi1");
		lei4 = seg_reading_of("lei4");
		guo5 = seg_reading_of("guo5");
		wei2 = seg_reading_of("wei2");
		wei4 = seg_reading_of("wei4");
		zhang3 = seg_reading_of("zhang3");
		hang2 = seg_reading_of("hang2");
		yi1 = seg_reading_of("yi1");
		yi2 = seg_reading_of("yi2");
		yi4 = seg_reading_of("yi4");
		yi5 = seg_reading_of("yi5");
		bu2 = seg_reading_of("bu2");
		bu4 = seg_reading_of("bu4");
		bu5 = seg_reading_of("bu5");
		chu3 = seg_reading_of("chu3");
		zhao2 = seg_reading_of("zhao2");
		fang1 = seg_reading_of("fang1");
	}
	in_words(s, r, how, words, n, m);
	/* words and particles first, sandhi last: it needs the next tone */
	for (i = 0; i < n; i++) {
		int han_before = i > 0 && seg_is_han(s[i - 1]);

		/* 地方, a word of bobao's lexicon read di4 fang5, a place:
		 * "local" fang1 before what a local government has
		 * (地方政府, 地方财政) or after 中央/各级 */
		if (s[i] == 0x65B9 && i > 0 && s[i - 1] == 0x5730 && how[i] == SEG_HOW_LEXICON &&
		    (!words || words[i] & SEG_WORD_END) &&
		    ((i + 1 < n && starts_any(s + i + 1, n - i - 1, local)) ||
		     ends_any(s, i - 1, centre))) {
			r[i] = fang1;
			how[i] = SEG_HOW_RULE;
			continue;
		}
		if (how[i] != SEG_HOW_CHAR)
			continue;
		switch (s[i]) {
		case 0x5730:   /* 地 */
			r[i] = di4;
			if (han_before && (ends_any(s, i, adverbials) ||
			    (i >= 2 && s[i - 1] == s[i - 2] && how[i - 1] == SEG_HOW_CHAR)))
				r[i] = de5;
			/* a word of its own after an adverbial word or a verb, before a
			 * word: 一步一个脚印地往前走, 兴致勃勃地说, 得意地说 */
			if (words && han_before && i + 1 < n && seg_is_han(s[i + 1]) &&
			    words[i] == SEG_WORD_END && (words[i - 1] & SEG_WORD_LONG) &&
			    (words[i - 1] & (SEG_CLASS_ADVERBIAL | SEG_CLASS_VERB)))
				r[i] = de5;
			break;
		case 0x5F97:   /* 得 */
			r[i] = han_before && how[i - 1] != SEG_HOW_FIXED && i + 1 < n &&
			       starts_any(s + i + 1, n - i - 1, complements) ? de5 : de2;
			/* after a person: 他得了 (got), 我得走了 (must) */
			if (han_before && ends_any(s, i, persons) &&
			    (!words || (words[i] & SEG_WORD_END))) {
				if (i + 1 < n && s[i + 1] == 0x4E86)
					r[i] = de2;
				else if (i + 1 < n && seg_is_han(s[i + 1]))
					r[i] = dei3;
			}
			break;
		case 0x7387:   /* 率 */
			if (i + 1 < n && starts_any(s + i + 1, n - i - 1, led) &&
			    !(han_before && ends_any(s, i, rates)))
				r[i] = shuai4;
			/* closing a rate after a word: 成长率, 参与率为; the model
			 * must not lead with it (率 after 长 is often 队长率队) */
			else if (han_before && (!words || words[i - 1] & SEG_WORD_END) &&
			         (i + 1 >= n || !seg_is_han(s[i + 1]) || seg_is_numeral(s[i + 1]) ||
			          starts_any(s + i + 1, n - i - 1, rate_verbs)))
				how[i] = SEG_HOW_RULE;
			break;
		case 0x7740:   /* 着 */
			/* a complement after 得 or 不: 摸得着, 睡不着, 用不着 */
			if (i >= 2 && (s[i - 1] == 0x5F97 || s[i - 1] == 0x4E0D) && seg_is_han(s[i - 2]) &&
			    (!words || words[i] & SEG_WORD_END)) {
				r[i] = zhao2;
				if (s[i - 1] == 0x5F97 && how[i - 1] == SEG_HOW_CHAR)
					r[i - 1] = de5;
			}
			break;
		case 0x8FC7:   /* 过 */
			if (han_before && how[i - 1] == SEG_HOW_CHAR && ends_any(s, i, verbs) &&
			    !(i + 1 < n && starts_any(s + i + 1, n - i - 1, guo_words)))
				r[i] = guo5;
			break;
		case 0x5377:   /* 卷 */
			/* 八卷, and a volume named: 《隋书》卷四 */
			if ((i > 0 && seg_is_numeral(s[i - 1])) ||
			    (!han_before && i + 1 < n && seg_is_numeral(s[i + 1])))
				r[i] = juan4;
			break;
		case 0x5904:   /* 处 */
			if (sentencing(s, i, n))
				r[i] = chu3;
			/* 位处 "is located at", as 位于/处于: 位 a word of its own */
			if (i > 0 && s[i - 1] == 0x4F4D && words && !(words[i - 1] & SEG_WORD_LONG) &&
			    !(i + 1 < n && s[i + 1] == 0x7406))
				r[i] = chu3;
			break;
		case 0x53EA:   /* 只 */
			if (i > 0 && (seg_is_numeral(s[i - 1]) || starts_any(s + i - 1, n - i + 1, demonstratives)))
				r[i] = zhi1;
			break;
		case 0x7D2F:   /* 累 */
			if (han_before && ends_any(s, i, degrees))
				r[i] = lei4;
			break;
		case 0x4E86:   /* 了 */
			r[i] = le5;
			if (i > 0 && (s[i - 1] == 0x4E0D ||
			    (s[i - 1] == 0x5F97 && how[i - 1] == SEG_HOW_CHAR && r[i - 1] == de5 &&
			     i >= 2 && seg_is_han(s[i - 2]))))
				r[i] = liao3;
			break;
		case 0x4E3A:   /* 为 */
			r[i] = wei2;
			/* 为 in a word is the word's (作为, 为期, 为首): for a
			 * word read as its characters the rules still see it */
			if (words && (words[i] & (SEG_WORD_END | SEG_WORD_LONG)) != SEG_WORD_END)
				break;
			/* for someone: 为自己, 为我们 (not 为我所用); opening a
			 * clause, what for: 为深入剖析…, 为保障供应 (not the
			 * copula: ，为史上第一人，) */
			if (i + 1 < m && seg_is_han(s[i + 1]) && !passive(s, i, m) &&
			    ((opens_clause(s, i) && leads_clause(s, i, m) &&
			      purpose_start(s, words, i, n)) ||
			     starts_any(s + i + 1, m - i - 1, beneficiaries))) {
				r[i] = wei4;
				break;
			}
			if (i + 1 < m && (starts(s + i + 1, m - i - 1, "了") ||
			    starts(s + i + 1, m - i - 1, "什么") || starts(s + i + 1, m - i - 1, "何") ||
			    starts(s + i + 1, m - i - 1, "此") || for_it(s, i, m)))
				r[i] = wei4;
			/* what for, further on: 为实现…目标奠定, 为中国驻…使馆揭牌;
			 * after a modal or opening a clause past commas too: 有望
			 * 为…的患者，提供; ，为国土资源普查、环境监测等提供 */
			commas = (han_before && ends_word(s, words, i, modals)) || opens_clause(s, i) ?
			         2 : 0;
			for (j = i + 1, crossed = 0; j < m && r[i] == wei2; j++) {
				if (s[j] == ',' && commas) {
					commas--;
					crossed = 1;
					continue;
				}
				if (!seg_is_han(s[j]) && s[j] != ' ')
					break;
				/* past a comma a word, not 而 or 添 */
				if (longest(s + j, m - j, purposes) > (size_t)crossed)
					r[i] = wei4;
			}
			break;
		case 0x5E94:   /* 应 */
			if (words && (words[i] & (SEG_WORD_END | SEG_WORD_LONG)) != SEG_WORD_END)
				break;
			/* 以应国家之需, 以不变应万变 (not 所以应该: 以 in a word) */
			if (i > 0 && s[i - 1] == 0x4EE5 && i + 1 < m && seg_is_han(s[i + 1]) &&
			    (!words || (words[i - 1] & (SEG_WORD_END | SEG_WORD_LONG)) == SEG_WORD_END))
				r[i] = ying4;
			/* 应…邀请, 应…之邀: at someone's invitation */
			for (j = i + 2; j < m && j < i + 30 && r[i] != ying4 && seg_is_han(s[j]); j++)
				if (starts(s + j, m - j, "邀请") || starts(s + j, m - j, "之邀") ||
				    starts(s + j, m - j, "之约") || starts(s + j, m - j, "之请"))
					r[i] = ying4;
			break;
		case 0x957F:   /* 长 */
			if (han_before && ((how[i - 1] == SEG_HOW_CHAR && ends_any(s, i, offices)) ||
			    ends_any(s, i, chiefs)) &&
			    !(i + 1 < n && starts_any(s + i + 1, n - i - 1, long_words)))
				r[i] = zhang3;
			break;
		case 0x884C:   /* 行 */
			if (i >= 2 && seg_is_numeral(s[i - 1]) && s[i - 2] == 0x7B2C)
				r[i] = hang2;
			break;
		}
	}
	for (i = 0; i < n; i++) {
		uint32_t prev = i > 0 ? s[i - 1] : 0, next = i + 1 < n ? s[i + 1] : 0;
		int next_tone = i + 1 < n && seg_is_han(next) ? tone(r[i + 1]) : 0;

		if (how[i] != SEG_HOW_CHAR)
			continue;
		/* 看看, 想想: a reduplicated verb is neutral in its second syllable */
		if (i > 0 && prev == s[i] && how[i - 1] == SEG_HOW_CHAR && ends_any(s, i, verbs) &&
		    !(i >= 2 && s[i - 2] == s[i]) && r[i]) {
			r[i] = SEG_READING(SEG_READING_SYL(r[i]), 5);
			continue;
		}
		if (s[i] == 0x4E00) {   /* 一 */
			/* 一千三百五十亿, 一万: the unit it counts, as numbers.c
			 * reads 1350; 十一万, 一百一十 keep yi1 */
			if (unit(next) && !(prev == 0x5341 || (seg_is_numeral(prev) && !unit(prev))) &&
			    prev != 0x7B2C && next_tone)
				r[i] = next_tone == 4 || next_tone == 5 ? yi2 : yi4;
			/* 一是…，二是…: enumerating */
			else if (next == 0x662F && !seg_is_han(prev))
				r[i] = yi1;
			else if (prev == 0x7B2C || seg_is_numeral(prev) || seg_is_numeral(next) || !next_tone ||
			    next == 0x6708 || next == 0x65E5 || next == 0x53F7 ||
			    session(s, i, n))
				r[i] = yi1;
			else if (prev && prev == next && seg_is_han(prev))
				r[i] = yi5;
			else
				r[i] = next_tone == 4 || next_tone == 5 ? yi2 : yi4;
		} else if (s[i] == 0x4E0D) {   /* 不 */
			if (prev && prev == next && seg_is_han(prev))
				r[i] = bu5;
			else
				r[i] = next_tone == 4 ? bu2 : bu4;
		}
	}
}
