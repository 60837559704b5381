/* test_fetch.c - the fetcher's parts without a network: article extraction,
 * boilerplate lines, charsets, feeds, dates, links. */
#include "unit.h"

#include <iconv.h>

#include "fch.h"

/* ---- extraction: one row = a page, the text expected, why ---- */

struct page_row {
	const char *html;
	const char *title;
	const char *text;
	const char *why;
};

static const struct page_row page_rows[] = {
	{ "<html><head><title>T</title></head><body><nav>首页 新闻</nav>"
	  "<article><h1>标题</h1><p>第一段正文内容，足够长的一句话放在这里。</p>"
	  "<p>第二段正文，也写得长一些，让容器够格。</p></article><footer>版权</footer></body></html>",
	  "标题", "第一段正文内容，足够长的一句话放在这里。\n第二段正文，也写得长一些，让容器够格。\n",
	  "<article> wins; its h1 is the title, nav and footer dropped" },
	{ "<body><article><p>文章外壳里面有很多东西，但正文在下面的专门容器里面。</p>"
	  "<div itemprop=\"articleBody\"><p>这才是真正的正文，比外壳更加具体，应该优先选择，而且写得足够长，超过四十个字，再加几个字。</p></div>"
	  "</article></body>",
	  "", "这才是真正的正文，比外壳更加具体，应该优先选择，而且写得足够长，超过四十个字，再加几个字。\n",
	  "itemprop=articleBody is more specific than <article>" },
	{ "<body><div class=\"nav\"><a href=\"/\">首页</a></div><div class=\"TRS_Editor\">"
	  "<p>政府网站常用的内容管理系统把正文放在这个容器里面，这段话也要写到四十个字以上才行。</p><p>来源：某某日报</p></div></body>",
	  "", "政府网站常用的内容管理系统把正文放在这个容器里面，这段话也要写到四十个字以上才行。\n",
	  "a CMS container (TRS_Editor); the 来源 line dropped" },
	{ "<body><div id=\"menu\"><ul><li><a href=\"/a\">链接一二三四五六七八九十</a></li>"
	  "<li><a href=\"/b\">链接一二三四五六七八九十</a></li></ul></div>"
	  "<div><div><p>没有声明容器的页面，靠文字密度找到正文所在的区块。</p>"
	  "<p>第二段同样在这个区块里面，文字比导航多得多。</p></div>"
	  "<div class=\"links\"><p><a href=\"/c\">一个全是链接的段落不是文章内容</a></p></div></div></body>",
	  "", "没有声明容器的页面，靠文字密度找到正文所在的区块。\n第二段同样在这个区块里面，文字比导航多得多。\n",
	  "text density when nothing is declared; link lists lose" },
	{ "<body><article><p>正文第一段，写得足够长以便成为声明的容器。</p>"
	  "<script>var a = '脚本';</script><style>p{}</style><!-- 注释 -->"
	  "<figure><img src=x><figcaption>图为某地</figcaption></figure>"
	  "<div class=\"share-box\">分享到微博</div><form><button>提交</button></form>"
	  "<aside>边栏</aside><p>（责任编辑：王五）</p><p>正文最后一段。</p></article></body>",
	  "", "正文第一段，写得足够长以便成为声明的容器。\n正文最后一段。\n",
	  "script, style, comment, caption, share, form, aside, 责任编辑 dropped" },
	{ "<body><article><p>换行\n在中文句子\n里面不是停顿，　全角空格也不是。</p>"
	  "<p>Latin words\n  keep   one space.</p><p>br 分段<br>第二行文字也是正文的一部分内容。</p></article></body>",
	  "", "换行在中文句子里面不是停顿，全角空格也不是。\nLatin words keep one space.\nbr分段\n第二行文字也是正文的一部分内容。\n",
	  "white space collapsed, none between Han; <br> breaks" },
	{ "<html><head><title>页面标题很长的一条新闻_某某新闻网</title></head><body>"
	  "<div class=\"article-content\"><p>标题来自网页标题，网站名称要去掉，只留下新闻的标题。</p></div></body></html>",
	  "页面标题很长的一条新闻", "标题来自网页标题，网站名称要去掉，只留下新闻的标题。\n",
	  "<title> without the site's name" },
	{ "<html><head><meta property=\"og:title\" content=\"开放图谱标题\"><title>别的_网站</title></head>"
	  "<body><article><p>开放图谱标题</p><p>没有一级标题时，用开放图谱的标题，重复的第一段去掉。</p></article></body></html>",
	  "开放图谱标题", "没有一级标题时，用开放图谱的标题，重复的第一段去掉。\n",
	  "og:title; the title repeated as first paragraph dropped" },
	{ "<html><head><title>别的标题_网站名称</title></head><body><header><h1>网站标志</h1></header>"
	  "<h1>正文上方的大标题</h1><div class=\"post-content\"><p>容器里没有一级标题时，用它上方的一级标题，网站标志不算，这里要写够四十个字。</p></div></body></html>",
	  "正文上方的大标题", "容器里没有一级标题时，用它上方的一级标题，网站标志不算，这里要写够四十个字。\n",
	  "an <h1> outside the container, not the logo's in <header>" },
	{ "<body><div class=\"header\"><p>老式网站的页头也是一段文字，比正文短一点点。</p></div>"
	  "<div><p>没有声明容器的老式网页，页头页脚都是带类名的区块，正文在中间这里。</p><p>第二段正文。</p></div>"
	  "<div id=\"footer\"><p>主办单位：某某市人民政府办公厅，地址：某某路一号，邮编一二三四五六，电话一二三四五六七八。</p></div></body>",
	  "", "没有声明容器的老式网页，页头页脚都是带类名的区块，正文在中间这里。\n第二段正文。\n",
	  "class/id header and footer are dropped like the elements" },
	{ "<body><article><p>实体&amp;字符&#x4E2D;&#25991;和&lt;尖括号&gt;都要还原成文字。</p></article></body>",
	  "", "实体&字符中文和<尖括号>都要还原成文字。\n", "entities decoded" },
};

static void test_extract(void **state)
{
	struct fch_article a;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(page_rows); i++) {
		const struct page_row *r = &page_rows[i];

		fch_article_init(&a);
		assert_int_equal(fch_extract_page(r->html, strlen(r->html), &a), BOBAO_OK);
		assert_row_string_equal(i, bb_buf_str(&a.title), r->title);
		assert_row_string_equal(i, bb_buf_str(&a.text), r->text);
		fch_article_release(&a);
	}
}

static void test_extract_empty(void **state)
{
	static const char *const pages[] = {
		"", "<html></html>", "<body><nav>只有导航</nav><footer>页脚</footer></body>",
		"<body><script>只有脚本</script></body>", "\x01\x02\x03",
	};
	struct fch_article a;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		fch_article_init(&a);
		assert_int_equal(fch_extract_page(pages[i], strlen(pages[i]), &a), BOBAO_E_EMPTY);
		fch_article_release(&a);
	}
}

static const struct { const char *line; int drop; const char *why; } bp_rows[] = {
	{ "责任编辑：王小明", 1, "editor line" },
	{ "（责任编辑：王小明）", 1, "in brackets" },
	{ "【来源：新华社】", 1, "source in square brackets" },
	{ "来源: 本报", 1, "ASCII colon" },
	{ "責任編輯：王曉明", 1, "traditional" },
	{ "2026-11-28 08:00 来源：测试日报 编辑：李四", 1, "a short metadata line" },
	{ "原标题：某某某", 1, "original title" },
	{ "分享到：微信 微博", 1, "share line" },
	{ "2026年11月27日 07:10", 1, "a date and a time alone: a dateline" },
	{ "2026-11-28 08:00:15", 1, "ISO date and time" },
	{ "11月27日（星期五）", 1, "a date with its weekday" },
	{ "发布时间：2026年11月27日 07:10", 1, "labelled" },
	{ "【２０２６年１１月２７日】", 1, "full-width digits, in brackets" },
	{ "11月27日，市交通运输局宣布新线路开通。", 0, "a sentence that starts with a date" },
	{ "十一月二十七日", 0, "no digits: read, too short to be sure" },
	{ "2026年", 0, "a year alone is not a dateline" },
	{ "资金来源问题引起了广泛关注，专家认为需要进一步调查。", 0, "来源 inside a sentence" },
	{ "编辑部收到了大量读者来信，纷纷表达对这一政策的支持和期待。", 0, "编辑 not followed by a colon" },
	{ "他说：“来源：一位不愿透露姓名的官员告诉记者，这项调查已经持续了三个多月，涉及多个部门和大量资金，目前仍在进行之中，预计明年上半年公布结果。”", 0,
	  "a long paragraph that quotes 来源：" },
};

static void test_boilerplate(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bp_rows); i++) {
		if (fch_boilerplate(bp_rows[i].line, strlen(bp_rows[i].line)) != bp_rows[i].drop)
			print_error("row %zu: %s\n", i, bp_rows[i].why);
		assert_int_equal(fch_boilerplate(bp_rows[i].line, strlen(bp_rows[i].line)),
		                 bp_rows[i].drop);
	}
}

/* ---- charsets ---- */

static size_t encode(const char *utf8, const char *code, char *out, size_t cap)
{
	iconv_t cd = iconv_open(code, "UTF-8");
	char *ip = (char *)utf8, *op = out;
	size_t il = strlen(utf8), ol = cap;

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
	iconv_close(cd);
	return cap - ol;
}

static void to_utf8(const char *bytes, size_t n, const char *asked, const char *ct,
                    const char *want)
{
	struct bb_buf out = BB_BUF_INIT(1 << 20);
	struct bb_err e = { "" };

	assert_int_equal(fch_to_utf8(bytes, n, asked, ct, &out, &e), BOBAO_OK);
	assert_string_equal(bb_buf_str(&out), want);
	bb_buf_release(&out);
}

static void test_charsets(void **state)
{
	const char *simp = "<p>经济发展，国务院召开常务会议，研究部署下一阶段的工作。</p>";
	const char *trad = "<p>經濟發展，國務院召開常務會議，研究部署下一階段的工作。</p>";
	char buf[4096], page[4096];
	size_t n;

	(void)state;
	/* no declaration: detected as the inputs are */
	n = encode(simp, "GBK", buf, sizeof(buf));
	to_utf8(buf, n, NULL, NULL, simp);
	n = encode(trad, "BIG5", buf, sizeof(buf));
	to_utf8(buf, n, NULL, NULL, trad);
	to_utf8(simp, strlen(simp), NULL, NULL, simp);
	/* the HTTP header, GB2312 read as GB18030 */
	n = encode(simp, "GB18030", buf, sizeof(buf));
	to_utf8(buf, n, NULL, "text/html; charset=gb2312", simp);
	/* <meta charset>, <meta http-equiv>, the XML declaration */
	n = (size_t)snprintf(page, sizeof(page), "<meta charset=\"big5\">%s", trad);
	n = encode(page, "BIG5", buf, sizeof(buf));
	to_utf8(buf, n, NULL, NULL, "<meta charset=\"big5\"><p>經濟發展，國務院召開常務會議，研究部署下一階段的工作。</p>");
	snprintf(page, sizeof(page), "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\">%s", simp);
	n = encode(page, "GBK", buf, sizeof(buf));
	to_utf8(buf, n, NULL, NULL, page);
	snprintf(page, sizeof(page), "<?xml version=\"1.0\" encoding=\"gb2312\"?><a>%s</a>", simp);
	n = encode(page, "GB2312", buf, sizeof(buf));
	to_utf8(buf, n, NULL, NULL, page);
	/* the header wins over <meta> */
	snprintf(page, sizeof(page), "<meta charset=\"gbk\">%s", trad);
	n = encode(page, "BIG5", buf, sizeof(buf));
	to_utf8(buf, n, NULL, "text/html;charset=big5", page);
	/* a wrong declaration: detection corrects it */
	snprintf(page, sizeof(page), "<meta charset=\"utf-8\">%s", simp);
	n = encode(page, "GBK", buf, sizeof(buf));
	to_utf8(buf, n, NULL, NULL, page);
	/* asked for, whatever is declared */
	n = encode(trad, "BIG5", buf, sizeof(buf));
	to_utf8(buf, n, "big5", "text/html; charset=utf-8", trad);
}

/* ---- feeds ---- */

static void test_feeds(void **state)
{
	static const char rss[] =
		"<?xml version=\"1.0\"?><rss version=\"2.0\" "
		"xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>频道</title>"
		"<item><title>一\n  号</title><link>http://a.example/1</link><guid>g1</guid>"
		"<pubDate>Sat, 28 Nov 2026 08:00:00 +0800</pubDate><description>摘要</description>"
		"<content:encoded><![CDATA[<p>全文<b>一</b></p><p>二</p>]]></content:encoded></item>"
		"<item><title>二号</title><link>/2</link><description>&lt;p&gt;描述&lt;/p&gt;</description></item>"
		"</channel></rss>";
	static const char atom[] =
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>原子</title>"
		"<entry><title type=\"html\">&lt;i&gt;斜&lt;/i&gt;体</title><id>urn:1</id>"
		"<link rel=\"enclosure\" href=\"http://a.example/x.mp3\"/><link href=\"http://a.example/e1\"/>"
		"<updated>2026-11-28T10:00:00+08:00</updated><summary>纯文本 &lt;不是标签&gt;</summary></entry>"
		"<entry><title>二</title><id>urn:2</id><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
		"<p>甲</p><p>乙</p></div></content></entry></feed>";
	static const char rdf[] =
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
		"xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
		"<channel rdf:about=\"x\"><title>资源</title></channel>"
		"<item rdf:about=\"urn:r1\"><title>条目</title><link>http://a.example/r1</link>"
		"<dc:date>2026-11-28</dc:date><description>内容</description></item></rdf:RDF>";
	static const char bomb[] =
		"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
		"<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		"<rss><channel><item><title>&c;炸弹&x;</title><description>文</description></item></channel></rss>";
	struct fch_feed f;
	struct bb_err e = { "" };
	size_t i;

	(void)state;
	assert_int_equal(fch_feed_parse(rss, sizeof(rss) - 1, &f, &e), BOBAO_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.title, "频道");
	assert_string_equal(f.items[0].title, "一 号");
	assert_string_equal(f.items[0].guid, "g1");
	assert_string_equal(f.items[0].text, "全文一\n二\n");
	assert_true(f.items[0].date == 1795824000LL);
	assert_string_equal(f.items[1].link, "/2");
	assert_string_equal(f.items[1].guid, "");
	assert_string_equal(f.items[1].text, "描述\n");
	fch_feed_release(&f);

	assert_int_equal(fch_feed_parse(atom, sizeof(atom) - 1, &f, &e), BOBAO_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.items[0].title, "斜体");
	assert_string_equal(f.items[0].link, "http://a.example/e1");
	assert_string_equal(f.items[0].text, "纯文本<不是标签>\n");
	assert_true(f.items[0].date == 1795824000LL + 2 * 3600);
	assert_string_equal(f.items[1].text, "甲\n乙\n");
	fch_feed_release(&f);

	assert_int_equal(fch_feed_parse(rdf, sizeof(rdf) - 1, &f, &e), BOBAO_OK);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.items[0].guid, "urn:r1");
	assert_true(f.items[0].date > 0);
	fch_feed_release(&f);

	/* entities are never expanded: no bomb, no file read (libxml2 may drop
	 * the title whole, and that is fine) */
	assert_int_equal(fch_feed_parse(bomb, sizeof(bomb) - 1, &f, &e), BOBAO_OK);
	for (i = 0; i < f.n; i++) {
		assert_null(strstr(f.items[i].title, "aaaa"));
		assert_null(strstr(f.items[i].title, "root"));
		assert_null(strstr(f.items[i].text, "aaaa"));
	}
	fch_feed_release(&f);

	assert_false(fch_is_feed("<html><body>x</body></html>", 27));
	assert_int_equal(fch_feed_parse("<html/>", 7, &f, &e), BOBAO_E_FORMAT);
}

static void test_dates(void **state)
{
	(void)state;
	assert_true(fch_parse_date("Sat, 28 Nov 2026 00:00:00 GMT") == 1795824000LL);
	assert_true(fch_parse_date("2026-11-28T08:00:00+08:00") == 1795824000LL);
	assert_true(fch_parse_date("2026-11-28T00:00:00Z") == 1795824000LL);
	assert_true(fch_parse_date("2026-11-28T00:00:00.123Z") == 1795824000LL);
	assert_true(fch_parse_date("2026-11-27T19:00:00-05:00") == 1795824000LL);
	assert_true(fch_parse_date("2026-11-28") == 1795824000LL);
	assert_true(fch_parse_date("") == 0);
	assert_true(fch_parse_date("yesterday-ish") == 0);
	assert_true(fch_parse_date("2026-13-40") == 0);
}

static void test_links(void **state)
{
	char *u;

	(void)state;
	assert_int_equal(fch_url_resolve("http://a.example/news/feed.xml", "../x/1.html", &u), BOBAO_OK);
	assert_string_equal(u, "http://a.example/x/1.html");
	free(u);
	assert_int_equal(fch_url_resolve("https://a.example/f", "//b.example/p", &u), BOBAO_OK);
	assert_string_equal(u, "https://b.example/p");
	free(u);
	assert_int_equal(fch_url_resolve(NULL, "https://c.example/p", &u), BOBAO_OK);
	free(u);
	assert_int_equal(fch_url_resolve("http://a.example/", "file:///etc/passwd", &u), BOBAO_E_ARG);
	assert_int_equal(fch_url_resolve("http://a.example/", "ftp://a.example/x", &u), BOBAO_E_ARG);
	assert_int_equal(fch_url_resolve("http://a.example/", "javascript:alert(1)", &u), BOBAO_E_ARG);
	assert_int_equal(fch_url_resolve(NULL, "relative/only.html", &u), BOBAO_E_ARG);
	assert_null(u);
	assert_true(fch_url_allowed("HTTPS://A.EXAMPLE/"));
	assert_false(fch_url_allowed("file:///x"));
}

/* The public entry: a page in, "# title" and paragraphs out. */
static void test_extract_html(void **state)
{
	static const char page[] = "<title>标题_网</title><article><p>正文在这里，写得长一些才能成为容器内容。</p></article>";
	bobao *b;
	char *text;
	size_t len;

	(void)state;
	assert_int_equal(bobao_new(&b), BOBAO_OK);
	assert_int_equal(bobao_extract_html(b, page, sizeof(page) - 1, NULL, &text, &len), BOBAO_OK);
	assert_string_equal(text, "# 标题\n正文在这里，写得长一些才能成为容器内容。\n");
	assert_int_equal(len, strlen(text));
	free(text);
	assert_int_equal(bobao_extract_html(b, "<nav>x</nav>", 12, NULL, &text, &len), BOBAO_E_EMPTY);
	assert_null(text);
	bobao_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_extract),
		cmocka_unit_test(test_extract_empty),
		cmocka_unit_test(test_boilerplate),
		cmocka_unit_test(test_charsets),
		cmocka_unit_test(test_feeds),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_extract_html),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
