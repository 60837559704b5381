/* test_web.c - the web page's text escaping, relative URLs and layout, and
 * the subtitles' times past an hour. */
#include "unit.h"

#include <sys/stat.h>
#include <unistd.h>

#include "bb_publish.h"
#include "side.h"

static void test_escape(void **state)
{
	static const struct { const char *in, *out, *why; } rows[] = {
		{ "", "", "nothing" },
		{ "新闻", "新闻", "text stays" },
		{ "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", "markup shown" },
		{ "a & b", "a &amp; b", "ampersand" },
		{ "\"q\" 'a'", "&quot;q&quot; &#39;a&#39;", "quotes, for attributes" },
		{ "&amp;", "&amp;amp;", "an entity is text too" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		struct bb_buf b = BB_BUF_INIT(1024);

		assert_int_equal(side_escape(&b, rows[i].in), BOBAO_OK);
		assert_row_string_equal(i, bb_buf_str(&b), rows[i].out);
		bb_buf_release(&b);
	}
}

static void test_relative_url(void **state)
{
	static const struct { const char *page, *file, *url, *why; } rows[] = {
		{ "T/p.html", "T/a.ogg", "a.ogg", "same folder" },
		{ "T/./p.html", "T/x/../a.ogg", "a.ogg", "the same folder, spelt two ways" },
		{ "T/web/p.html", "T/a.ogg", "../a.ogg", "up one" },
		{ "T/web/deep/p.html", "T/audio dir/a 1.ogg", "../../audio%20dir/a%201.ogg",
		  "up two, down one, spaces encoded" },
		{ "T/p.html", "T/web/deep/新闻#1?.ogg", "web/deep/%E6%96%B0%E9%97%BB%231%3F.ogg",
		  "down two; UTF-8, '#' and '?' encoded" },
		{ "T/webx/p.html", "T/web/a.ogg", "../web/a.ogg", "a prefix is not a folder" },
	};
	char dir[] = "/tmp/bobao-web.XXXXXX", page[256], file[256], sub[256];
	const char *subs[] = { "web", "web/deep", "webx", "x", "audio dir" };
	struct bb_err err = { "" };
	size_t i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < ARRAY_SIZE(subs); i++) {
		snprintf(sub, sizeof(sub), "%s/%s", dir, subs[i]);
		assert_int_equal(mkdir(sub, 0700), 0);
	}
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		struct bb_buf b = BB_BUF_INIT(1024);

		snprintf(page, sizeof(page), "%s%s", dir, rows[i].page + 1);
		snprintf(file, sizeof(file), "%s%s", dir, rows[i].file + 1);
		assert_int_equal(side_relative_url(&b, page, file, &err), BOBAO_OK);
		assert_row_string_equal(i, bb_buf_str(&b), rows[i].url);
		bb_buf_release(&b);
	}
	{
		struct bb_buf b = BB_BUF_INIT(1024);

		snprintf(page, sizeof(page), "%s/missing/p.html", dir);
		assert_int_equal(side_relative_url(&b, page, file, &err), BOBAO_E_CREATE);
		assert_non_null(strstr(err.msg, "missing/p.html"));
		bb_buf_release(&b);
	}
	for (i = ARRAY_SIZE(subs); i-- > 0; ) {
		snprintf(sub, sizeof(sub), "%s/%s", dir, subs[i]);
		rmdir(sub);
	}
	rmdir(dir);
}

static const char long_sentence[] = "很长的第一句话，长得不能当标题用，所以标题是它开头的四十个字，"
                                    "后面用省略号，这句还要再长一点才够。";

/* Write p into memory, free it; the page's text, to be freed. */
static char *written(struct side_page *p, double seconds, int traditional)
{
	struct bb_err err = { "" };
	char *text = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&text, &n);

	assert_non_null(fp);
	assert_int_equal(side_page_write(p, fp, seconds, traditional, &err), BOBAO_OK);
	side_page_free(p);
	fclose(fp);
	return text;
}

/* The page as written: chapters, headings, paragraphs, sentence times. */
static void test_layout(void **state)
{
	struct side_page_info info = { "page.html", "a b.ogg", "page.vtt", "T <b>", "2026-11-29", 0, 0 };
	struct side_page *p;
	struct bb_err err = { "" };
	char *text;

	(void)state;
	assert_int_equal(side_page_new(&p, &info, &err), BOBAO_OK);
	assert_int_equal(side_page_chapter(p, NULL, NULL, 0.3), BOBAO_OK);
	assert_int_equal(side_page_sentence(p, "短标题", 0.3, 1.2, 0), BOBAO_OK);
	assert_int_equal(side_page_sentence(p, "一句<话>。", 2.2, 3.5, 1), BOBAO_OK);
	assert_int_equal(side_page_sentence(p, "又一句。", 3.8, 4.5, 0), BOBAO_OK);
	assert_int_equal(side_page_sentence(p, "新段落。", 5.2, 6.0, 1), BOBAO_OK);
	assert_int_equal(side_page_chapter(p, "第二篇 & 标题", "主播<乙>", 61.5), BOBAO_OK);
	assert_int_equal(side_page_sentence(p, long_sentence, 61.5, 70, 0), BOBAO_OK);
	text = written(p, 3725.4, 0);
	assert_non_null(strstr(text, "<html lang=\"zh-Hans\">"));
	assert_non_null(strstr(text, "<title>T &lt;b&gt;</title>"));
	assert_non_null(strstr(text, "src=\"a%20b.ogg\""));
	assert_non_null(strstr(text, "<time datetime=\"PT3725S\">1:02:05</time> · 2 篇 · 5 句"));
	/* the first sentence is the heading; a titled chapter keeps its title */
	assert_non_null(strstr(text, "<h3 id=\"c1\"><span class=\"s\" id=\"s1\" data-start=\"0.300\" "
	                             "data-end=\"1.200\"><a class=\"t\" id=\"t1\" href=\"#s1\" "
	                             "aria-labelledby=\"t1 x1\">0:00</a> <span id=\"x1\">短标题</span>"
	                             "</span></h3>\n<p><span class=\"s\" id=\"s2\""));
	/* each time link named by its time and its sentence */
	assert_non_null(strstr(text, "aria-labelledby=\"t2 x2\">0:02</a> <span id=\"x2\">一句&lt;话&gt;。"
	                             "</span></span>\n<span class=\"s\" id=\"s3\""));
	assert_non_null(strstr(text, "又一句。</span></span>\n</p>\n<p><span class=\"s\" id=\"s4\""));
	assert_non_null(strstr(text, "<li><a href=\"#c1\" data-start=\"0.300\">短标题</a>"));
	assert_non_null(strstr(text, "<li><a href=\"#c2\" data-start=\"61.500\">第二篇 &amp; 标题</a> "
	                             "<span class=\"time\">1:01</span></li>"));
	/* the reader under the heading, escaped */
	assert_non_null(strstr(text, "<h3 id=\"c2\">第二篇 &amp; 标题</h3>\n"
	                             "<p class=\"reader\">主播&lt;乙&gt;</p>\n<p>"));
	assert_non_null(strstr(text, "</section>\n</section>\n</main>"));
	free(text);

	/* a long first sentence is the heading whole (the chapter list has it
	 * cut): read once, not cut in the heading and whole after it */
	assert_int_equal(side_page_new(&p, &info, &err), BOBAO_OK);
	assert_int_equal(side_page_chapter(p, NULL, NULL, 0.3), BOBAO_OK);
	assert_int_equal(side_page_sentence(p, long_sentence, 0.3, 9, 0), BOBAO_OK);
	text = written(p, 9.3, 1);
	assert_non_null(strstr(text, "<html lang=\"zh-Hant\">"));
	assert_non_null(strstr(text, "<li><a href=\"#c1\" data-start=\"0.300\">很长的第一句话，长得不能当标题用，"
	                             "所以标题是它开头的四十个字，后面用省略号，这句…</a>"));
	assert_non_null(strstr(text, "<h3 id=\"c1\"><span class=\"s\" id=\"s1\""));
	assert_null(strstr(text, "这句…</h3>"));
	free(text);

	/* a headline as the title and as the first sentence: once, as the
	 * heading; intro and outro are not counted as articles */
	info.intro = info.outro = 1;
	assert_int_equal(side_page_new(&p, &info, &err), BOBAO_OK);
	assert_int_equal(side_page_chapter(p, NULL, NULL, 0.3), BOBAO_OK);
	assert_int_equal(side_page_sentence(p, "早上好。", 0.3, 1, 0), BOBAO_OK);
	assert_int_equal(side_page_chapter(p, "新线路 <试运行>", NULL, 1.5), BOBAO_OK);
	assert_int_equal(side_page_sentence(p, "新线路 <试运行>。", 1.5, 3, 0), BOBAO_OK);
	assert_int_equal(side_page_sentence(p, "票价两元。", 3.5, 5, 1), BOBAO_OK);
	assert_int_equal(side_page_chapter(p, NULL, NULL, 5.5), BOBAO_OK);
	assert_int_equal(side_page_sentence(p, "再见。", 5.5, 6, 0), BOBAO_OK);
	text = written(p, 6.3, 0);
	assert_non_null(strstr(text, "<h3 id=\"c2\"><span class=\"s\" id=\"s2\""));
	assert_non_null(strstr(text, "<span id=\"x2\">新线路 &lt;试运行&gt;。</span></span></h3>\n"));
	assert_non_null(strstr(text, "· 1 篇 · 4 句"));
	assert_non_null(strstr(text, "<li class=\"extra\"><a href=\"#c1\""));
	assert_non_null(strstr(text, "<li><a href=\"#c2\""));
	assert_non_null(strstr(text, "<li class=\"extra\"><a href=\"#c3\""));
	free(text);
}

/* The subtitles of a cue an hour in: LRC counts minutes on (62:05, not
 * 02:05), SubRip and WebVTT have hours. */
static void test_times_past_an_hour(void **state)
{
	static const struct { const char *ext, *want; } rows[] = {
		{ "lrc", "[62:05.40]一句。\n" },
		{ "srt", "1\n01:02:05,400 --> 01:02:07,250\n一句。\n" },
		{ "vtt", "WEBVTT\n\n01:02:05.400 --> 01:02:07.250\n一句。\n" },
	};
	char dir[] = "/tmp/bobao-cues.XXXXXX", path[256], got[256];
	struct bb_err err = { "" };
	size_t i, n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		struct bobao_output o;
		struct side_cues *c;
		struct bb_publish pub;
		FILE *fp;

		bobao_output_init(&o, BOBAO_OUTPUT_FILE);
		snprintf(path, sizeof(path), "%s/news.%s", dir, rows[i].ext);
		o.path = "news.wav";
		o.subtitles = path;
		assert_int_equal(side_cues_open(&c, &o, &err), BOBAO_OK);
		assert_int_equal(side_cues_unit(c, BOBAO_BREAK_NONE, 1, "一句。", NULL, NULL, 3725.4,
		                                3727.25), BOBAO_OK);
		assert_int_equal(side_cues_finish(c, NULL, &o, &err), BOBAO_OK);
		bb_publish_init(&pub);
		assert_int_equal(side_cues_stage(c, &pub, &err), BOBAO_OK);
		assert_int_equal(bb_publish_commit(&pub, &err), BOBAO_OK);
		bb_publish_release(&pub);
		side_cues_close(c);
		assert_non_null(fp = fopen(path, "r"));
		n = fread(got, 1, sizeof(got) - 1, fp);
		got[n] = '\0';
		fclose(fp);
		assert_row_string_equal(i, strncmp(got, rows[i].want, strlen(rows[i].want)) ? got
		                                                                            : rows[i].want,
		                        rows[i].want);
		unlink(path);
	}
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_relative_url),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_times_past_an_hour),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
