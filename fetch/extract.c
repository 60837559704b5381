/*
 * extract.c - the article of a web page, with libxml2's HTML parser.
 *
 * A page says where its article is more often than not: <article>,
 * itemprop="articleBody", the content containers of common CMSs.  When it
 * does not, the article is the block whose paragraphs hold the most text
 * that is not links (the text-density rule of readability-like tools).
 * Navigation, scripts, forms, share buttons, captions and the 责任编辑/来源
 * lines are never read aloud.
 */
#define _GNU_SOURCE   /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "fch.h"

#define MIN_DECLARED 40   /* characters a declared container needs to count */

void fch_article_init(struct fch_article *a)
{
	bb_buf_init(&a->title, 4096);
	bb_buf_init(&a->text, FCH_TEXT_MAX);
}

void fch_article_release(struct fch_article *a)
{
	bb_buf_release(&a->title);
	bb_buf_release(&a->text);
}

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, name);
}

static int is_any(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (is(n, *names))
			return 1;
	return 0;
}

/* Does attribute attr of n hold one of words as a token (split at space,
 * '-' and '_'), or, with whole, equal one of them? */
static int attr_has(const xmlNode *n, const char *attr, const char *const *words, int whole)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	const char *s, *t;
	const char *const *w;
	int found = 0;

	if (!v)
		return 0;
	for (s = (const char *)v; *s && !found;) {
		size_t k;

		s += strspn(s, whole ? " \t\n" : " \t\n-_");
		k = strcspn(s, whole ? " \t\n" : " \t\n-_");
		t = s;
		for (w = words; *w && !found; w++)
			found = k && strlen(*w) == k && !strncasecmp(t, *w, k);
		s += k;
	}
	xmlFree(v);
	return found;
}

static const char *const dropped_names[] = {
	"script", "style", "noscript", "template", "nav", "header", "footer", "aside",
	"form", "button", "input", "select", "textarea", "label", "iframe", "object",
	"embed", "svg", "canvas", "figcaption", "menu", "dialog", "audio", "video",
	"map", "title", "meta", "link", "base", NULL
};

/* Class and id words of what is around an article, not in it. */
static const char *const dropped_words[] = {
	"share", "sharing", "social", "ad", "ads", "advert", "advertisement", "sponsor",
	"sponsored", "comment", "comments", "related", "recommend", "sidebar", "breadcrumb",
	"breadcrumbs", "nav", "navbar", "menu", "toolbar", "banner", "promo", "copyright",
	"header", "footer",
	"caption", "print", "pager", "pagination", "subscribe", "newsletter", NULL
};

static const char *const dropped_roles[] = {
	"navigation", "banner", "complementary", "contentinfo", "search", "dialog", NULL
};

static int dropped(const xmlNode *n)
{
	static const char *const yes[] = { "true", NULL };
	xmlChar *hidden;

	if (n->type != XML_ELEMENT_NODE)
		return n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE;
	if (is_any(n, dropped_names))
		return 1;
	if ((hidden = xmlGetProp(n, (const xmlChar *)"hidden"))) {
		xmlFree(hidden);
		return 1;
	}
	return attr_has(n, "class", dropped_words, 0) || attr_has(n, "id", dropped_words, 0) ||
	       attr_has(n, "role", dropped_roles, 1) || attr_has(n, "aria-hidden", yes, 1);
}

static const char *const block_names[] = {
	"p", "div", "section", "article", "main", "blockquote", "pre", "li", "ul", "ol",
	"dl", "dt", "dd", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
	"br", "hr", "figure", "center", "address", "body", "tbody", "thead", NULL
};

/* ---- paragraphs out of a subtree ---- */

struct emit {
	struct bb_buf *out;
	struct bb_buf line;
	const xmlNode *skip;    /* the heading taken as the title */
	int space;              /* whitespace seen, not yet written */
	uint32_t last;          /* last character of the line */
};

static int wide(uint32_t c)
{
	return c >= 0x2E80;
}

static const char *const boilerplate[] = {
	"责任编辑", "責任編輯", "责编", "責編", "编辑", "編輯", "来源", "來源", "本文来源",
	"本文來源", "原标题", "原標題", "稿源", "文章来源", "文章來源", "发布时间", "發布時間",
	"發佈時間", "更新时间", "更新時間", NULL
};

/* What a dateline is made of: "2026年11月27日 07:10", "2026-11-28 08:00",
 * "11月27日（星期五）", "上午10:30" */
static const char *const date_words[] = {
	"年", "月", "日", "号", "號", "时", "時", "分", "秒", "点", "點", "星期", "周", "週",
	"礼拜", "禮拜", "一", "二", "三", "四", "五", "六", "天", "上午", "下午", "早上", "晚上",
	"：", "（", "）", "【", "】", "［", "］", "　", "／", "－", NULL
};

/* A line that is only a date and a time, no news in it: it is metadata. */
static int dateline(const char *s, const char *end)
{
	const char *const *w;
	int numbers = 0, in_number = 0;   /* runs of digits: a date has two */
	size_t k;

	if (end - s > 80)
		return 0;
	while (s < end) {
		if ((*s >= '0' && *s <= '9') || (end - s >= 3 && (unsigned char)s[0] == 0xEF &&
		                                 (unsigned char)s[1] == 0xBC &&
		                                 (unsigned char)s[2] >= 0x90 &&
		                                 (unsigned char)s[2] <= 0x99)) {   /* ０-９ */
			numbers += !in_number;
			in_number = 1;
			s += *s >= '0' && *s <= '9' ? 1 : 3;
			continue;
		}
		in_number = 0;
		if (strchr(" -/:.,()[]", *s)) {
			s++;
			continue;
		}
		for (w = date_words; *w; w++) {
			k = strlen(*w);
			if ((size_t)(end - s) >= k && !memcmp(s, *w, k))
				break;
		}
		if (!*w)
			return 0;
		s += k;
	}
	return numbers >= 2;
}

static const char *const boilerplate_any[] = {
	"分享到", "分享至", "扫一扫", "掃一掃", "打印本页", "关闭窗口", "關閉窗口", "返回顶部",
	"【纠错】", "纠错", "版权所有", "版權所有", "上一页", "下一页", "上一篇", "下一篇", NULL
};

int fch_boilerplate(const char *line, size_t n)
{
	const char *s = line, *end = line + n;
	const char *const *w;
	size_t k;

	/* leading brackets and spaces: （责任编辑：王某）, 【来源：...】 */
	for (;;) {
		if (s < end && (*s == ' ' || *s == '(' || *s == '['))
			s++;
		else if (end - s >= 3 && (!memcmp(s, "（", 3) || !memcmp(s, "【", 3) ||
		                          !memcmp(s, "　", 3) || !memcmp(s, "［", 3)))
			s += 3;
		else
			break;
	}
	for (w = boilerplate; *w; w++) {
		k = strlen(*w);
		if ((size_t)(end - s) >= k && !memcmp(s, *w, k)) {
			const char *a = s + k;

			while (a < end && *a == ' ')
				a++;
			if (a < end && (*a == ':' || (end - a >= 3 && !memcmp(a, "：", 3))))
				return 1;
		}
	}
	if (dateline(s, end))
		return 1;
	/* a short line of metadata: "2026-11-28 08:00 来源：测试日报 编辑：王某" */
	if (n <= 150)
		for (w = boilerplate; *w; w++) {
			const char *hit = line;

			k = strlen(*w);
			while ((hit = memmem(hit, (size_t)(end - hit), *w, k))) {
				hit += k;
				if (end - hit >= 3 && (!memcmp(hit, "：", 3) || *hit == ':'))
					return 1;
			}
		}
	if (n <= 60)
		for (w = boilerplate_any; *w; w++) {
			k = strlen(*w);
			if ((size_t)(end - s) >= k && !memcmp(s, *w, k))
				return 1;
		}
	return 0;
}

/* A line with nothing to say: no letter, digit or Han character. */
static int wordless(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t c;

	while (i < n && (k = bb_utf8_decode((const unsigned char *)s + i, n - i, &c))) {
		if ((c < 0x80 && ((c | 0x20) - 'a' < 26 || c - '0' < 10)) || c >= 0x3400)
			if (!(c >= 0xFF00 && c <= 0xFF0F) && !(c >= 0x3000 && c < 0x3040))
				return 0;
		i += k;
	}
	return 1;
}

static bobao_code flush_line(struct emit *em)
{
	bobao_code rc = BOBAO_OK;

	if (em->line.len && !fch_boilerplate(em->line.ptr, em->line.len) &&
	    !wordless(em->line.ptr, em->line.len) &&
	    (rc = bb_buf_add(em->out, em->line.ptr, em->line.len)) == BOBAO_OK)
		rc = bb_buf_addch(em->out, '\n');
	bb_buf_reset(&em->line);
	em->space = 0;
	em->last = 0;
	return rc;
}

/* Text with whitespace collapsed: a space between Latin words, none next to
 * Han characters (a line break inside a Chinese sentence is not a pause). */
static bobao_code add_text(struct emit *em, const char *s)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t c;
	bobao_code rc = BOBAO_OK;

	while (i < n && rc == BOBAO_OK) {
		if (!(k = bb_utf8_decode((const unsigned char *)s + i, n - i, &c))) {
			i++;
			continue;
		}
		i += k;
		if (c < 0x20 || c == ' ' || c == 0x7F || c == 0xA0 || c == 0x3000 ||
		    (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF || c == 0x202F) {
			em->space = 1;
			continue;
		}
		if (em->space && em->last && !wide(em->last) && !wide(c))
			rc = bb_buf_addch(&em->line, ' ');
		em->space = 0;
		em->last = c;
		if (rc == BOBAO_OK)
			rc = bb_buf_addcp(&em->line, c);
	}
	return rc;
}

static bobao_code emit_tree(struct emit *em, const xmlNode *n)
{
	bobao_code rc = BOBAO_OK;
	const xmlNode *c;
	int block;

	for (c = n->children; c && rc == BOBAO_OK; c = c->next) {
		if (c == em->skip || dropped(c))
			continue;
		if (c->type != XML_ELEMENT_NODE) {
			if (c->content)
				rc = add_text(em, (const char *)c->content);
			continue;
		}
		block = is_any(c, block_names);
		if (block && (rc = flush_line(em)) != BOBAO_OK)
			break;
		if ((rc = emit_tree(em, c)) == BOBAO_OK && block)
			rc = flush_line(em);
	}
	return rc;
}

static bobao_code emit(const xmlNode *root, const xmlNode *skip, struct bb_buf *out)
{
	struct emit em = { out, BB_BUF_INIT(FCH_TEXT_MAX), skip, 0, 0 };
	bobao_code rc = emit_tree(&em, root);

	if (rc == BOBAO_OK)
		rc = flush_line(&em);
	bb_buf_release(&em.line);
	return rc;
}

/* ---- finding the article ---- */

/* Characters of text under n, and how many of them are in links. */
static void count_text(const xmlNode *n, int in_link, size_t *all, size_t *links)
{
	const xmlNode *c;
	const unsigned char *s;

	for (c = n->children; c; c = c->next) {
		if (dropped(c))
			continue;
		if (c->type != XML_ELEMENT_NODE) {
			for (s = c->content; s && *s; s++) {
				if ((*s & 0xC0) == 0x80 || *s <= ' ')
					continue;
				(*all)++;
				*links += in_link != 0;
			}
			continue;
		}
		count_text(c, in_link || is(c, "a"), all, links);
	}
}

static size_t content_chars(const xmlNode *n)
{
	size_t all = 0, links = 0;

	count_text(n, 0, &all, &links);
	return all - links;
}

static const char *const cms_words[] = {
	"articleBody", "article-body", "article_body", "articlebody", "article-content",
	"article_content", "articleContent", "post-content", "post_content", "entry-content",
	"entry_content", "story-body", "story_body", "news-content", "news_content",
	"content-article", "main-content", "artibody", "TRS_Editor", "rm_txt_con",
	"detailContent", "detail-content", "article-text", "text_content", "contentText",
	"content_text", "post-body", "postBody", NULL
};

static const char *const article_body[] = { "articleBody", NULL };

struct best {
	const xmlNode *node;
	size_t chars;
	int rank;    /* 3 articleBody, 2 a CMS container, 1 <article> */
};

/* Declared containers; the most specific kind wins, then the most text. */
static void find_declared(const xmlNode *n, struct best *b)
{
	const xmlNode *c;
	int rank;
	size_t chars;

	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || dropped(c))
			continue;
		rank = attr_has(c, "itemprop", article_body, 1) ? 3 :
		       attr_has(c, "class", cms_words, 1) || attr_has(c, "id", cms_words, 1) ? 2 :
		       is(c, "article") ? 1 : 0;
		if (rank && rank >= b->rank) {
			chars = content_chars(c);
			if (chars >= MIN_DECLARED && (rank > b->rank || chars > b->chars)) {
				b->node = c;
				b->chars = chars;
				b->rank = rank;
			}
		}
		find_declared(c, b);
	}
}

/* Text density: every paragraph-like element gives its text that is not
 * links to its parent, half of it to the grandparent; the element with the
 * most wins.  Scores live in _private, which libxml2 leaves to us. */
static void score_tree(xmlNode *n)
{
	static const char *const paras[] = { "p", "pre", "blockquote", "td", "li", NULL };
	xmlNode *c;
	size_t chars, all, links;

	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || dropped(c))
			continue;
		score_tree(c);
		if (!is_any(c, paras) && !is(c, "div"))
			continue;
		all = links = 0;
		if (is(c, "div")) {
			/* a div of bare text (lines between <br>) counts like a <p> */
			const xmlNode *t;

			for (t = c->children; t; t = t->next)
				if (t->type == XML_TEXT_NODE)
					all += t->content ? strlen((const char *)t->content) / 3 : 0;
			if (all < 20)
				continue;
			chars = all;
		} else {
			count_text(c, 0, &all, &links);
			if (links * 2 > all)
				continue;
			chars = all - links;
			if (chars < 10)
				continue;
		}
		if (c->parent) {
			c->parent->_private = (void *)((uintptr_t)c->parent->_private + chars);
			if (c->parent->parent)
				c->parent->parent->_private =
					(void *)((uintptr_t)c->parent->parent->_private + chars / 2);
		}
		if (is(c, "div"))
			c->_private = (void *)((uintptr_t)c->_private + chars);
	}
}

static void find_densest(xmlNode *n, struct best *b)
{
	xmlNode *c;
	size_t score, all, links;

	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		score = (uintptr_t)c->_private;
		if (score > b->chars) {
			all = links = 0;
			count_text(c, 0, &all, &links);
			if (links * 2 <= all) {   /* a list of links is not an article */
				b->node = c;
				b->chars = score;
			}
		}
		find_densest(c, b);
	}
}

static void clear_scores(xmlNode *n)
{
	xmlNode *c;

	for (c = n->children; c; c = c->next) {
		c->_private = NULL;
		if (c->type == XML_ELEMENT_NODE)
			clear_scores(c);
	}
}

/* The first element named name under n, in document order (dropped ones
 * included: <title> is in <head>, an article's <h1> often in a <header>). */
static const xmlNode *first(const xmlNode *n, const char *name)
{
	const xmlNode *c, *f;

	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, name))
			return c;
		if ((f = first(c, name)))
			return f;
	}
	return NULL;
}

/* The first element named name under n outside what is never read (a
 * site's logo is often an <h1> in its <header>). */
static const xmlNode *first_kept(const xmlNode *n, const char *name)
{
	const xmlNode *c, *f;

	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || dropped(c))
			continue;
		if (is(c, name))
			return c;
		if ((f = first_kept(c, name)))
			return f;
	}
	return NULL;
}

/* <meta property="og:title" content="..."> */
static xmlChar *og_title(const xmlNode *n)
{
	static const char *const og[] = { "og:title", NULL };
	const xmlNode *c;
	xmlChar *t;

	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "meta") && attr_has(c, "property", og, 1))
			return xmlGetProp(c, (const xmlChar *)"content");
		if ((t = og_title(c)))
			return t;
	}
	return NULL;
}

/* The text of a title, on one line. */
static bobao_code title_text(const char *s, struct bb_buf *title)
{
	struct bb_buf one = BB_BUF_INIT(FCH_TEXT_MAX);
	struct emit em = { &one, BB_BUF_INIT(4096), NULL, 0, 0 };
	bobao_code rc;

	bb_buf_reset(title);
	if ((rc = add_text(&em, s)) == BOBAO_OK && em.line.len)
		rc = bb_buf_add(title, em.line.ptr, em.line.len);
	bb_buf_release(&em.line);
	bb_buf_release(&one);
	return rc == BOBAO_E_TOOLONG ? BOBAO_OK : rc;
}

/* <title> without the site's name: "标题_新华网", "Title - Site". */
static void cut_site_name(struct bb_buf *t)
{
	static const char *const seps[] = { " - ", " | ", "_", " — ", "｜", " – ", NULL };
	const char *const *s;
	size_t best = 0;

	for (s = seps; *s; s++) {
		const char *p = t->ptr, *hit = NULL;

		while (p && (p = strstr(p, *s)))
			hit = p++;
		if (hit && (size_t)(hit - t->ptr) > best)
			best = (size_t)(hit - t->ptr);
	}
	if (best >= 6) {
		t->len = best;
		t->ptr[best] = '\0';
	}
}

static htmlDocPtr parse(const char *html, size_t n)
{
	if (n > INT32_MAX)
		return NULL;
	return htmlReadMemory(html, (int)n, NULL, "UTF-8",
	                      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                      HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
}

bobao_code fch_extract_page(const char *html, size_t n, struct fch_article *a)
{
	htmlDocPtr doc = parse(html, n);
	xmlNode *root;
	const xmlNode *h1 = NULL, *body, *t;
	struct best b = { NULL, 0, 0 };
	xmlChar *s = NULL;
	bobao_code rc = BOBAO_OK;

	bb_buf_reset(&a->title);
	bb_buf_reset(&a->text);
	if (!doc || !(root = xmlDocGetRootElement(doc))) {
		rc = BOBAO_E_EMPTY;
		goto out;
	}
	body = first(root, "body");
	find_declared(root, &b);
	if (!b.node) {
		clear_scores(root);
		score_tree(root);
		find_densest(root, &b);
		clear_scores(root);
	}
	if (!b.node)
		b.node = body ? body : root;
	/* the title: the article's heading, else the page's, else og:title,
	 * else <title> */
	if ((h1 = first(b.node, "h1")) && (s = xmlNodeGetContent(h1)) &&
	    (rc = title_text((const char *)s, &a->title)) != BOBAO_OK)
		goto out;
	if (!a->title.len) {
		/* the page's own heading, above the article's text */
		h1 = NULL;
		xmlFree(s);
		s = NULL;
		if ((t = first_kept(root, "h1")) && (s = xmlNodeGetContent(t)) &&
		    (rc = title_text((const char *)s, &a->title)) != BOBAO_OK)
			goto out;
	}
	if (!a->title.len) {
		xmlFree(s);
		s = NULL;
		if ((s = og_title(root)) && (rc = title_text((const char *)s, &a->title)) != BOBAO_OK)
			goto out;
	}
	if (!a->title.len && (t = first(root, "title"))) {
		xmlFree(s);
		s = NULL;
		if ((s = xmlNodeGetContent(t)) &&
		    (rc = title_text((const char *)s, &a->title)) != BOBAO_OK)
			goto out;
		cut_site_name(&a->title);
	}
	if ((rc = emit(b.node, h1, &a->text)) != BOBAO_OK)
		goto out;
	/* the title repeated as the first paragraph */
	if (a->title.len && a->text.len > a->title.len &&
	    !memcmp(a->text.ptr, a->title.ptr, a->title.len) && a->text.ptr[a->title.len] == '\n') {
		memmove(a->text.ptr, a->text.ptr + a->title.len + 1, a->text.len - a->title.len);
		a->text.len -= a->title.len + 1;
	}
	if (!a->text.len)
		rc = BOBAO_E_EMPTY;
out:
	xmlFree(s);
	xmlFreeDoc(doc);
	return rc;
}

bobao_code fch_html_text(const char *html, size_t n, struct bb_buf *text)
{
	htmlDocPtr doc;
	xmlNode *root;
	bobao_code rc = BOBAO_OK;

	bb_buf_reset(text);
	if (!n)
		return BOBAO_OK;
	if (!(doc = parse(html, n)))
		return BOBAO_OK;   /* nothing libxml2 could read: no text */
	if ((root = xmlDocGetRootElement(doc)))
		rc = emit(root, NULL, text);
	xmlFreeDoc(doc);
	return rc;
}
