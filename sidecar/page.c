/*
 * page.c - the web page of a bulletin (see side.h).
 *
 * The page is laid out as a listener meets it: the title, the player (the
 * audio element with its captions, links to the files, and the speed and
 * follow controls the script shows), the chapters, then the transcript, an
 * article per section, a paragraph per <p>, a sentence per
 * <span class="s" data-start data-end> led by a link with its start time.
 * Without JavaScript that is a complete page: the browser's own player
 * shows the captions and the times are permalinks (#s12).  The script
 * makes a click or Enter on a sentence or chapter seek there and follows
 * the speech; see sidecar/page_player.js.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bb_out.h"
#include "side.h"

#define NAME_MAX_CHARS 40          /* a chapter named by its first sentence */
#define CHAPTERS_MAX (1u << 24)    /* bytes of chapter records */
#define NAMES_MAX (16u << 20)      /* bytes of chapter names */
#define URL_MAX (64u << 10)
#define NONE ((size_t)-1)

struct chapter {
	double start;
	size_t name;     /* offset into names; NONE: not named yet */
	int titled;      /* named by a title given, not its first sentence */
};

struct side_page {
	struct bb_buf audio, captions;   /* relative URLs, escaped */
	struct bb_buf title, date;       /* escaped */
	struct bb_buf chapters;          /* struct chapter[] */
	struct bb_buf names;             /* NUL-terminated, escaped */
	struct bb_buf line;              /* scratch: one element of the body */
	FILE *body;                      /* the transcript, unlinked */
	unsigned long sentences;
	int intro, outro;                /* first, last chapter: not an article */
	int heading;                     /* the chapter's heading is owed */
	struct bb_buf reader;            /* who reads the chapter, escaped */
	int in_section, in_para;
	bobao_code rc;                   /* the first failure */
};

/* The page's own words, simplified and traditional. */
enum { W_SKIP, W_PLAYER, W_DOWNLOAD, W_CAPTIONS, W_SPEED, W_FOLLOW, W_CHAPTERS,
       W_TRANSCRIPT, W_LENGTH, W_ARTICLES, W_SENTENCES, W_ARTICLE_N, W_TITLE, W_MADE,
       W_NO_AUDIO, W_NO_SEEK, W__COUNT };

static const char *const words[2][W__COUNT] = {
	{ "跳到文稿", "播放", "下载音频", "字幕（WebVTT）", "播放速度", "朗读时自动滚动",
	  "章节", "文稿", "时长", "篇", "句", "第 %lu 篇", "新闻播报", "由 bobao 生成",
	  "这个浏览器不能播放音频，请下载：",
	  "这个服务器不支持跳转（HTTP Range）：点选句子只能从头播放。请用支持 Range 的服务器发布，或下载音频。" },
	{ "跳到文稿", "播放", "下載音訊", "字幕（WebVTT）", "播放速度", "朗讀時自動捲動",
	  "章節", "文稿", "時長", "篇", "句", "第 %lu 篇", "新聞播報", "由 bobao 產生",
	  "這個瀏覽器不能播放音訊，請下載：",
	  "這個伺服器不支援跳轉（HTTP Range）：點選句子只能從頭播放。請用支援 Range 的伺服器發佈，或下載音訊。" },
};

static const char *const speeds[] = { "0.75", "1", "1.25", "1.5", "1.75", "2" };

bobao_code side_escape(struct bb_buf *b, const char *s)
{
	bobao_code rc = BOBAO_OK;
	const char *run = s;

	for (; *s && rc == BOBAO_OK; s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" :
		                *s == '"' ? "&quot;" : *s == '\'' ? "&#39;" : NULL;

		if (!e)
			continue;
		if ((rc = bb_buf_add(b, run, (size_t)(s - run))) == BOBAO_OK)
			rc = bb_buf_adds(b, e);
		run = s + 1;
	}
	return rc == BOBAO_OK ? bb_buf_adds(b, run) : rc;
}

/* The folder of path, resolved; NULL with errno set on failure. */
static char *real_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir, *real;

	if (!slash)
		return realpath(".", NULL);
	if (slash == path)
		return realpath("/", NULL);
	if (!(dir = strndup(path, (size_t)(slash - path))))
		return NULL;
	real = realpath(dir, NULL);
	free(dir);
	return real;
}

static bobao_code url_part(struct bb_buf *b, const char *s, size_t n)
{
	static const char safe[] = "-._~/";
	bobao_code rc = BOBAO_OK;
	size_t i;

	for (i = 0; i < n && rc == BOBAO_OK; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    (c && strchr(safe, c)))
			rc = bb_buf_addch(b, (char)c);
		else
			rc = bb_buf_addf(b, "%%%02X", c);
	}
	return rc;
}

/* Past the component at *s and its slash; its length. */
static size_t component(const char **s)
{
	size_t n = strcspn(*s, "/");

	*s += n + ((*s)[n] == '/');
	return n;
}

bobao_code side_relative_url(struct bb_buf *b, const char *page, const char *path,
                             struct bb_err *err)
{
	char *from = real_dir(page), *to = from ? real_dir(path) : NULL;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path, *f, *g;
	bobao_code rc = BOBAO_OK;

	if (!from || !to) {
		rc = bb_err_set(err, BOBAO_E_CREATE, "cannot find the folder of '%s': %s",
		                from ? path : page, strerror(errno));
		goto out;
	}
	/* both absolute: skip the components they share, climb out of the
	 * page's remaining ones, go down the file's */
	for (f = from + 1, g = to + 1; *f && *g; ) {
		size_t nf = strcspn(f, "/"), ng = strcspn(g, "/");

		if (nf != ng || memcmp(f, g, nf))
			break;
		component(&f);
		component(&g);
	}
	while (*f && rc == BOBAO_OK) {
		component(&f);
		rc = bb_buf_adds(b, "../");
	}
	if (rc == BOBAO_OK && *g && (rc = url_part(b, g, strlen(g))) == BOBAO_OK)
		rc = bb_buf_addch(b, '/');
	if (rc == BOBAO_OK)
		rc = url_part(b, base, strlen(base));
out:
	free(from);
	free(to);
	return rc;
}

bobao_code side_page_new(struct side_page **out, const struct side_page_info *info,
                         struct bb_err *err)
{
	struct side_page *p = calloc(1, sizeof(*p));
	struct bb_buf url = BB_BUF_INIT(URL_MAX);
	const char *dir = getenv("TMPDIR");
	bobao_code rc;

	*out = NULL;
	if (!p)
		return BOBAO_E_NOMEM;
	bb_buf_init(&p->audio, URL_MAX);
	bb_buf_init(&p->captions, URL_MAX);
	bb_buf_init(&p->title, 1u << 16);
	bb_buf_init(&p->date, 1u << 10);
	bb_buf_init(&p->chapters, CHAPTERS_MAX);
	bb_buf_init(&p->names, NAMES_MAX);
	bb_buf_init(&p->reader, 1u << 12);
	bb_buf_init(&p->line, 16u << 20);
	p->intro = info->intro;
	p->outro = info->outro;
	if ((rc = side_relative_url(&url, info->page, info->audio, err)) != BOBAO_OK ||
	    (rc = side_escape(&p->audio, bb_buf_str(&url))) != BOBAO_OK)
		goto out;
	bb_buf_reset(&url);
	if ((rc = side_relative_url(&url, info->page, info->captions, err)) != BOBAO_OK ||
	    (rc = side_escape(&p->captions, bb_buf_str(&url))) != BOBAO_OK ||
	    (info->title && (rc = side_escape(&p->title, info->title)) != BOBAO_OK) ||
	    (info->date && (rc = side_escape(&p->date, info->date)) != BOBAO_OK))
		goto out;
	/* the transcript: a file of our own, gone as soon as it is closed */
	if (!(p->body = bb_tmpfile()))
		rc = bb_err_set(err, BOBAO_E_IO, "cannot create a temporary file in '%s': %s",
		                dir && *dir ? dir : "/tmp", strerror(errno));
out:
	bb_buf_release(&url);
	if (rc != BOBAO_OK) {
		side_page_free(p);
		return rc;
	}
	*out = p;
	return BOBAO_OK;
}

void side_page_free(struct side_page *p)
{
	if (!p)
		return;
	if (p->body)
		fclose(p->body);
	bb_buf_release(&p->audio);
	bb_buf_release(&p->reader);
	bb_buf_release(&p->captions);
	bb_buf_release(&p->title);
	bb_buf_release(&p->date);
	bb_buf_release(&p->chapters);
	bb_buf_release(&p->names);
	bb_buf_release(&p->line);
	free(p);
}

/* m:ss, or h:mm:ss from an hour on. */
static void clock_of(char *buf, size_t n, double s)
{
	long t = (long)(s < 0 ? 0 : s);

	if (t >= 3600)
		snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

/* Keep the first failure; later calls do nothing. */
static bobao_code fail(struct side_page *p, bobao_code rc)
{
	if (p->rc == BOBAO_OK)
		p->rc = rc;
	return p->rc;
}

static bobao_code emit(struct side_page *p)
{
	if (p->line.len && fwrite(p->line.ptr, 1, p->line.len, p->body) != p->line.len)
		return fail(p, BOBAO_E_IO);
	bb_buf_reset(&p->line);
	return BOBAO_OK;
}

static struct chapter *chapter_at(struct side_page *p, size_t i)
{
	return (struct chapter *)(void *)p->chapters.ptr + i;
}

static size_t n_chapters(const struct side_page *p)
{
	return p->chapters.len / sizeof(struct chapter);
}

bobao_code side_page_chapter(struct side_page *p, const char *title, const char *reader,
                             double start)
{
	struct chapter c = { start, title ? p->names.len : NONE, title != NULL };
	bobao_code rc;

	if (p->rc != BOBAO_OK)
		return p->rc;
	if ((rc = bb_buf_adds(&p->line, p->in_para ? "</p>\n" : "")) != BOBAO_OK ||
	    (rc = bb_buf_adds(&p->line, p->in_section ? "</section>\n" : "")) != BOBAO_OK ||
	    (rc = bb_buf_add(&p->chapters, &c, sizeof(c))) != BOBAO_OK ||
	    (title && (rc = side_escape(&p->names, title)) != BOBAO_OK) ||
	    (title && (rc = bb_buf_add(&p->names, "", 1)) != BOBAO_OK))
		return fail(p, rc);
	bb_buf_reset(&p->reader);
	if (reader && (rc = side_escape(&p->reader, reader)) != BOBAO_OK)
		return fail(p, rc);
	p->in_para = p->in_section = 0;
	p->heading = 1;
	return emit(p);
}

/* The first NAME_MAX_CHARS characters of s, escaped, "…" when cut. */
static bobao_code cut_name(struct bb_buf *b, const char *s)
{
	size_t n = 0, i;
	char *copy;
	bobao_code rc;

	for (i = 0; s[i]; i++)
		if ((s[i] & 0xC0) != 0x80 && n++ == NAME_MAX_CHARS)
			break;
	if (!(copy = strndup(s, i)))
		return BOBAO_E_NOMEM;
	rc = side_escape(b, copy);
	if (rc == BOBAO_OK && s[i])
		rc = bb_buf_adds(b, "…");
	free(copy);
	return rc;
}

/* Is the title (escaped) the sentence (as written), but for the final
 * punctuation and spaces? */
static int same_words(const char *title, const char *text)
{
	static const char *const ends[] = { "。", "！", "？", "…", ".", "!", "?", " ", "\t" };
	struct bb_buf a = BB_BUF_INIT(1u << 16);
	size_t na, nb, k;
	int same = 0;

	if (side_escape(&a, text) != BOBAO_OK)
		goto out;
	na = strlen(title);
	nb = a.len;
	for (k = 0; k < BB_ARRAY_SIZE(ends); k++) {   /* strip the ends, repeatedly */
		size_t e = strlen(ends[k]);

		if (na >= e && !memcmp(title + na - e, ends[k], e)) {
			na -= e;
			k = (size_t)-1;
		}
	}
	for (k = 0; k < BB_ARRAY_SIZE(ends); k++) {
		size_t e = strlen(ends[k]);

		if (nb >= e && !memcmp(a.ptr + nb - e, ends[k], e)) {
			nb -= e;
			k = (size_t)-1;
		}
	}
	same = na == nb && na && !memcmp(title, a.ptr, na);
out:
	bb_buf_release(&a);
	return same;
}

bobao_code side_page_sentence(struct side_page *p, const char *text, double start, double end,
                              int paragraph)
{
	struct bb_buf *l = &p->line;
	struct chapter *c;
	unsigned long id;
	int in_heading = 0;
	char t[32];
	bobao_code rc = BOBAO_OK;

	if (p->rc != BOBAO_OK)
		return p->rc;
	if (!n_chapters(p) && (rc = side_page_chapter(p, NULL, NULL, start)) != BOBAO_OK)
		return rc;
	id = ++p->sentences;
	if (p->heading) {   /* the section opens with the chapter's heading */
		size_t k = n_chapters(p);

		c = chapter_at(p, k - 1);
		rc = bb_buf_addf(l, "<section class=\"article\" aria-labelledby=\"c%zu\">\n"
		                 "<h3 id=\"c%zu\">", k, k);
		/* the first sentence is the heading when the article has no title
		 * or its title is that sentence (a headline): a screen reader reads
		 * it once, not as a heading and again as the text */
		if (rc == BOBAO_OK && c->titled && !same_words(p->names.ptr + c->name, text)) {
			rc = bb_buf_adds(l, p->names.ptr + c->name);
		} else if (rc == BOBAO_OK && c->titled) {
			in_heading = 1;
		} else if (rc == BOBAO_OK) {
			in_heading = 1;
			c->name = p->names.len;
			if ((rc = cut_name(&p->names, text)) == BOBAO_OK)
				rc = bb_buf_add(&p->names, "", 1);
		}
		if (rc == BOBAO_OK && !in_heading)
			rc = bb_buf_adds(l, "</h3>\n");
		if (rc == BOBAO_OK && p->reader.len && !in_heading)
			rc = bb_buf_addf(l, "<p class=\"reader\">%s</p>\n", p->reader.ptr);
		p->heading = 0;
		p->in_section = 1;
	}
	if (rc == BOBAO_OK && !in_heading && (paragraph || !p->in_para)) {
		rc = bb_buf_adds(l, p->in_para ? "</p>\n<p>" : "<p>");
		p->in_para = 1;
	}
	clock_of(t, sizeof(t), start);
	if (rc == BOBAO_OK)
		/* the time link is named by its time and its sentence
		 * (aria-labelledby): tabbing reads what it plays, not "0:06 link" */
		rc = bb_buf_addf(l, "<span class=\"s\" id=\"s%lu\" data-start=\"%.3f\" "
		                 "data-end=\"%.3f\"><a class=\"t\" id=\"t%lu\" href=\"#s%lu\" "
		                 "aria-labelledby=\"t%lu x%lu\">%s</a> <span id=\"x%lu\">",
		                 id, start, end, id, id, id, id, t, id);
	if (rc == BOBAO_OK && (rc = side_escape(l, text)) == BOBAO_OK)
		rc = bb_buf_adds(l, in_heading ? "</span></span></h3>\n" : "</span></span>\n");
	if (rc == BOBAO_OK && in_heading && p->reader.len)
		rc = bb_buf_addf(l, "<p class=\"reader\">%s</p>\n", p->reader.ptr);
	if (rc != BOBAO_OK)
		return fail(p, rc);
	return emit(p);
}

static void put_words(FILE *fp, const char *const *w, const struct side_page *p,
                      double seconds)
{
	char t[32];
	size_t k;

	clock_of(t, sizeof(t), seconds + 0.5);
	fprintf(fp, "<body>\n<a class=\"skip\" href=\"#transcript\">%s</a>\n<header>\n<h1>%s</h1>\n"
	        "<p class=\"meta\">", w[W_SKIP], p->title.len ? p->title.ptr : w[W_TITLE]);
	if (p->date.len)
		fprintf(fp, "%s · ", p->date.ptr);
	fprintf(fp, "%s <time datetime=\"PT%.0fS\">%s</time> · %zu %s · %lu %s</p>\n</header>\n",
	        w[W_LENGTH], seconds, t,
	        n_chapters(p) > (size_t)(p->intro + p->outro) ?
	        n_chapters(p) - (size_t)(p->intro + p->outro) : 0,
	        w[W_ARTICLES], p->sentences,
	        w[W_SENTENCES]);
	fprintf(fp, "<main>\n<section class=\"player\" aria-label=\"%s\">\n"
	        "<audio id=\"audio\" controls preload=\"metadata\" src=\"%s\">\n"
	        "<track kind=\"captions\" srclang=\"zh\" label=\"%s\" src=\"%s\" default>\n"
	        "%s<a href=\"%s\">%s</a>\n</audio>\n",
	        w[W_PLAYER], p->audio.ptr, w[W_CAPTIONS], p->captions.ptr, w[W_NO_AUDIO],
	        p->audio.ptr, p->audio.ptr);
	fprintf(fp, "<p class=\"files\"><a href=\"%s\" download>%s</a> · <a href=\"%s\">%s</a></p>\n",
	        p->audio.ptr, w[W_DOWNLOAD], p->captions.ptr, w[W_CAPTIONS]);
	/* said by the script when the audio cannot seek (a server without
	 * HTTP Range): a status, so that a screen reader says it once */
	fprintf(fp, "<p class=\"notice\" id=\"noseek\" role=\"status\" data-text=\"%s\"></p>\n",
	        w[W_NO_SEEK]);
	fprintf(fp, "<div class=\"controls\" id=\"controls\" hidden>\n"
	        "<label for=\"speed\">%s</label>\n<select id=\"speed\">\n", w[W_SPEED]);
	for (k = 0; k < BB_ARRAY_SIZE(speeds); k++)
		fprintf(fp, "<option value=\"%s\"%s>%s×</option>\n", speeds[k],
		        strcmp(speeds[k], "1") ? "" : " selected", speeds[k]);
	fprintf(fp, "</select>\n<label><input type=\"checkbox\" id=\"follow\" checked> %s</label>\n"
	        "</div>\n</section>\n", w[W_FOLLOW]);
}

bobao_code side_page_write(struct side_page *p, FILE *fp, double seconds, int traditional,
                           struct bb_err *err)
{
	const char *const *w = words[traditional ? 1 : 0];
	char buf[1 << 14], t[32];
	size_t k, n;
	bobao_code rc = p->rc;

	if (rc == BOBAO_OK) {
		fputs(p->in_para ? "</p>\n" : "", p->body);
		fputs(p->in_section ? "</section>\n" : "", p->body);
		p->in_para = p->in_section = 0;
		if (fflush(p->body) || ferror(p->body) || fseek(p->body, 0, SEEK_SET))
			rc = BOBAO_E_IO;
	}
	if (rc != BOBAO_OK)
		return bb_err_set(err, rc, "cannot write the web page's transcript: %s",
		                  rc == BOBAO_E_IO ? strerror(errno) : bobao_strerror(rc));
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	        "script-src '%s'; style-src '%s'; media-src 'self'; img-src data:; "
	        "base-uri 'none'; form-action 'none'\">\n"
	        "<meta name=\"generator\" content=\"bobao " BOBAO_VERSION "\">\n"
	        "<title>%s</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>%s</style>\n</head>\n",
	        traditional ? "zh-Hant" : "zh-Hans", side_js_hash, side_css_hash,
	        p->title.len ? p->title.ptr : w[W_TITLE], side_css);
	put_words(fp, w, p, seconds);
	fprintf(fp, "<nav aria-labelledby=\"chapters-h\">\n<h2 id=\"chapters-h\">%s</h2>\n"
	        "<ol class=\"chapters\">\n", w[W_CHAPTERS]);
	for (k = 0; k < n_chapters(p); k++) {
		struct chapter *c = chapter_at(p, k);

		clock_of(t, sizeof(t), c->start);
		/* the intro and outro are chapters, not articles (the index of
		 * bulletins lists the articles only) */
		fprintf(fp, "<li%s><a href=\"#c%zu\" data-start=\"%.3f\">",
		        (!k && p->intro) || (k + 1 == n_chapters(p) && p->outro && k) ?
		        " class=\"extra\"" : "", k + 1, c->start);
		if (c->name != NONE)
			fputs(p->names.ptr + c->name, fp);
		else
			fprintf(fp, w[W_ARTICLE_N], (unsigned long)k + 1);
		fprintf(fp, "</a> <span class=\"time\">%s</span></li>\n", t);
	}
	fprintf(fp, "</ol>\n</nav>\n<section id=\"transcript\" aria-labelledby=\"transcript-h\">\n"
	        "<h2 id=\"transcript-h\">%s</h2>\n", w[W_TRANSCRIPT]);
	while ((n = fread(buf, 1, sizeof(buf), p->body)) > 0)
		fwrite(buf, 1, n, fp);
	if (ferror(p->body))
		return bb_err_set(err, BOBAO_E_IO, "cannot read the web page's transcript back: %s",
		                  strerror(errno));
	fprintf(fp, "</section>\n</main>\n<footer>\n<p>%s</p>\n</footer>\n<script>%s</script>\n"
	        "</body>\n</html>\n", w[W_MADE], side_js);
	return BOBAO_OK;
}
