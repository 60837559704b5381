/*
 * feed.c - RSS 2.0, RSS 1.0 (RDF) and Atom, with libxml2's XML parser.
 *
 * The parser never loads a DTD or anything from the network, and entities
 * are not substituted: text is taken from text and CDATA nodes only, so an
 * entity bomb in a hostile feed expands to nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "fch.h"

static xmlDocPtr parse(const char *doc, size_t n)
{
	if (n > 0x7FFFFFFF)
		return NULL;
	return xmlReadMemory(doc, (int)n, NULL, "UTF-8",
	                     XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
	                     XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA);
}

static int named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

enum kind { NOT_FEED, RSS, RDF, ATOM };

static enum kind kind_of(const xmlNode *root)
{
	if (named(root, "rss"))
		return RSS;
	if (named(root, "RDF"))
		return RDF;
	if (named(root, "feed"))
		return ATOM;
	return NOT_FEED;
}

int fch_is_feed(const char *doc, size_t n)
{
	xmlDocPtr d = parse(doc, n);
	int yes = d && kind_of(xmlDocGetRootElement(d)) != NOT_FEED;

	xmlFreeDoc(d);
	return yes;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	const xmlNode *c;

	for (c = n ? n->children : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

/* The text of n's own text and CDATA children (no entity expansion). */
static bobao_code own_text(const xmlNode *n, struct bb_buf *out)
{
	const xmlNode *c;
	bobao_code rc = BOBAO_OK;

	bb_buf_reset(out);
	for (c = n ? n->children : NULL; c && rc == BOBAO_OK; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			rc = bb_buf_adds(out, (const char *)c->content);
	if (rc == BOBAO_OK)
		rc = bb_buf_add(out, "", 0);
	return rc;
}

/* s on one line, spaces collapsed, trimmed; malloc'ed. */
static char *one_line(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	int space = 0;

	if (!out)
		return NULL;
	for (; *s; s++) {
		if ((unsigned char)*s <= ' ' || *s == 0x7F) {
			space = o > out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

static const char *attr(const xmlNode *n, const char *name, xmlChar **hold)
{
	xmlFree(*hold);
	*hold = xmlGetProp(n, (const xmlChar *)name);
	return (const char *)*hold;
}

/* Plain text as HTML, so that every kind of content takes one road. */
static bobao_code text_as_html(const char *s, struct bb_buf *out)
{
	bobao_code rc = bb_buf_adds(out, "<p>");

	for (; *s && rc == BOBAO_OK; s++) {
		if (*s == '<')
			rc = bb_buf_adds(out, "&lt;");
		else if (*s == '&')
			rc = bb_buf_adds(out, "&amp;");
		else if (*s == '\n')
			rc = bb_buf_adds(out, "</p><p>");
		else
			rc = bb_buf_addch(out, *s);
	}
	return rc == BOBAO_OK ? bb_buf_adds(out, "</p>") : rc;
}

/* An item's body as HTML: Atom's type="xhtml" is markup in the feed, the
 * rest escaped HTML (RSS description, content:encoded) or text. */
static bobao_code body_html(const xmlNode *n, int atom, struct bb_buf *html, struct bb_buf *tmp)
{
	xmlChar *type = NULL;
	const char *t;
	bobao_code rc = BOBAO_OK;

	bb_buf_reset(html);
	t = atom ? attr(n, "type", &type) : NULL;
	if (t && (!strcmp(t, "xhtml") || strstr(t, "xml"))) {
		xmlBufferPtr xb = xmlBufferCreate();
		const xmlNode *c;

		if (!xb) {
			rc = BOBAO_E_NOMEM;
			goto out;
		}
		for (c = n->children; c; c = c->next)
			xmlNodeDump(xb, n->doc, (xmlNode *)c, 0, 0);
		rc = bb_buf_add(html, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
		xmlBufferFree(xb);
	} else if ((rc = own_text(n, tmp)) == BOBAO_OK) {
		if (atom && (!t || !strcmp(t, "text")))
			rc = text_as_html(tmp->ptr, html);
		else
			rc = bb_buf_add(html, tmp->ptr, tmp->len);
	}
out:
	xmlFree(type);
	return rc;
}

static bobao_code add_item(struct fch_feed *f, struct fch_item **out)
{
	if (f->n == f->alloc) {
		size_t a = f->alloc ? f->alloc * 2 : 32;
		struct fch_item *v;

		if (a > 100000 || !(v = realloc(f->items, a * sizeof(*v))))
			return BOBAO_E_NOMEM;
		f->items = v;
		f->alloc = a;
	}
	*out = &f->items[f->n++];
	memset(*out, 0, sizeof(**out));
	return BOBAO_OK;
}

#define DUP(dst, src) do { if (!((dst) = one_line(src))) { rc = BOBAO_E_NOMEM; goto out; } } while (0)

static bobao_code read_item(struct fch_feed *f, const xmlNode *it, enum kind k)
{
	struct bb_buf tmp = BB_BUF_INIT(FCH_TEXT_MAX), html = BB_BUF_INIT(FCH_TEXT_MAX),
		text = BB_BUF_INIT(FCH_TEXT_MAX);
	const xmlNode *c, *body = NULL;
	struct fch_item *item;
	xmlChar *hold = NULL;
	const char *v;
	bobao_code rc;

	if ((rc = add_item(f, &item)) != BOBAO_OK)
		return rc;
	if ((rc = own_text(child(it, "title"), &tmp)) != BOBAO_OK)
		goto out;
	if (k == ATOM && (c = child(it, "title")) && (v = attr(c, "type", &hold)) &&
	    strcmp(v, "text")) {
		/* an HTML title: its text */
		if ((rc = fch_html_text(tmp.ptr, tmp.len, &html)) != BOBAO_OK)
			goto out;
		bb_buf_reset(&tmp);
		if ((rc = bb_buf_add(&tmp, html.ptr ? html.ptr : "", html.len)) != BOBAO_OK ||
		    (rc = bb_buf_add(&tmp, "", 0)) != BOBAO_OK)
			goto out;
	}
	DUP(item->title, bb_buf_str(&tmp));
	if (k == ATOM) {
		for (c = it->children; c; c = c->next)
			if (named(c, "link") && (!(v = attr(c, "rel", &hold)) || !strcmp(v, "alternate")) &&
			    (v = attr(c, "href", &hold))) {
				DUP(item->link, v);
				break;
			}
		if ((rc = own_text(child(it, "id"), &tmp)) != BOBAO_OK)
			goto out;
		DUP(item->guid, tmp.ptr);
		if ((rc = own_text(child(it, "published") ? child(it, "published") :
		                   child(it, "updated"), &tmp)) != BOBAO_OK)
			goto out;
		item->date = fch_parse_date(tmp.ptr);
		body = child(it, "content") ? child(it, "content") : child(it, "summary");
	} else {
		if ((rc = own_text(child(it, "link"), &tmp)) != BOBAO_OK)
			goto out;
		DUP(item->link, tmp.ptr);
		if (k == RDF && (v = attr(it, "about", &hold))) {
			DUP(item->guid, v);
		} else {
			if ((rc = own_text(child(it, "guid"), &tmp)) != BOBAO_OK)
				goto out;
			DUP(item->guid, tmp.ptr);
		}
		if ((rc = own_text(child(it, "pubDate") ? child(it, "pubDate") : child(it, "date"),
		                   &tmp)) != BOBAO_OK)
			goto out;
		item->date = fch_parse_date(tmp.ptr);
		body = child(it, "encoded") ? child(it, "encoded") : child(it, "description");
	}
	if (body && (rc = body_html(body, k == ATOM, &html, &tmp)) == BOBAO_OK)
		rc = fch_html_text(html.ptr ? html.ptr : "", html.len, &text);
	if (rc == BOBAO_E_TOOLONG)
		rc = BOBAO_OK;   /* a huge item: its text is cut, the link may give it */
	if (rc != BOBAO_OK)
		goto out;
	if (!(item->text = strdup(bb_buf_str(&text))))
		rc = BOBAO_E_NOMEM;
out:
	xmlFree(hold);
	bb_buf_release(&tmp);
	bb_buf_release(&html);
	bb_buf_release(&text);
	return rc;
}

bobao_code fch_feed_parse(const char *doc, size_t n, struct fch_feed *f, struct bb_err *e)
{
	struct bb_buf tmp = BB_BUF_INIT(4096);
	xmlDocPtr d = parse(doc, n);
	const xmlNode *root, *chan, *c;
	bobao_code rc = BOBAO_OK;
	enum kind k;

	memset(f, 0, sizeof(*f));
	if (!d || (k = kind_of(root = xmlDocGetRootElement(d))) == NOT_FEED) {
		rc = bb_err_set(e, BOBAO_E_FORMAT, "not an RSS, RDF or Atom feed");
		goto out;
	}
	chan = k == ATOM ? root : child(root, "channel");
	if ((rc = own_text(child(chan, "title"), &tmp)) == BOBAO_OK && tmp.len)
		f->title = one_line(tmp.ptr);
	if (rc == BOBAO_E_TOOLONG)
		rc = BOBAO_OK;
	/* RSS 2.0: items in the channel; RDF: beside it; Atom: entries */
	c = k == RSS ? (chan ? chan->children : NULL) : root->children;
	for (; c && rc == BOBAO_OK; c = c->next)
		if (named(c, k == ATOM ? "entry" : "item"))
			rc = read_item(f, c, k);
out:
	bb_buf_release(&tmp);
	xmlFreeDoc(d);
	if (rc != BOBAO_OK)
		fch_feed_release(f);
	return rc;
}

void fch_feed_release(struct fch_feed *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->items[i].title);
		free(f->items[i].link);
		free(f->items[i].guid);
		free(f->items[i].text);
	}
	free(f->items);
	free(f->title);
	memset(f, 0, sizeof(*f));
}

/* 2026-11-29, 2026-11-29T08:00:00Z, 2026-11-29T16:00:00.000+08:00 */
static long long iso8601(const char *s)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0, oh = 0, om = 0;
	long long t;
	const char *p;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return 0;
	p = s + n;
	if (*p == 'T' || *p == ' ') {
		if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &n) != 2)
			return 0;
		p += 1 + n;
		if (*p == ':' && sscanf(p + 1, "%2d%n", &sec, &n) == 1)
			p += 1 + n;
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
		if ((*p == '+' || *p == '-') && sscanf(p + 1, "%2d:%2d", &oh, &om) >= 1) {
			if (*p == '-')
				oh = -oh, om = -om;
		}
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || sec > 60)
		return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = (long long)timegm(&tm);
	return t == -1 ? 0 : t - (oh * 3600LL + om * 60LL);
}

long long fch_parse_date(const char *s)
{
	time_t t;

	if (!s || !*s)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (strlen(s) > 4 && *s >= '0' && *s <= '9' && s[4] == '-')
		return iso8601(s);
	t = curl_getdate(s, NULL);
	return t == -1 ? 0 : (long long)t;
}
