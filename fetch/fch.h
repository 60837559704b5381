/*
 * fetch.h - news from the web: HTTP, feeds, article extraction (internal).
 *
 *   http.c     fch_http_get(): one GET through libcurl, with the limits of
 *              struct fch_limits (schemes, redirects, time, size)
 *   charset.c  fch_to_utf8(): the body's charset from the HTTP header, the
 *              XML declaration or <meta>, else detected as inputs are
 *   feed.c     fch_feed_parse(): RSS 2.0, RSS 1.0 (RDF), Atom into items
 *   extract.c  fch_extract_page(), fch_html_text(): the article of a page
 *   fetch.c    bobao_fetch(): sources to article files, rundown, seen, cache
 *
 * Everything here works on UTF-8 once fch_to_utf8() has run; libxml2 is
 * told so (its own charset guessing is switched off).
 */
#ifndef FETCH_H
#define FETCH_H

#include <signal.h>
#include <stdio.h>

#include "bb.h"

#define FCH_TEXT_MAX (4u << 20)    /* bytes of one article's text */
#define FCH_URL_MAX 4096

/* ---- http.c ---- */

struct fch_limits {
	long connect_timeout_ms, timeout_ms;
	long max_body;
	int max_redirects;
	volatile sig_atomic_t *stop;   /* set: abort the transfer */
};

struct fch_response {
	struct bb_buf body;       /* cap: limits' max_body */
	long status;              /* HTTP status, 304: not modified */
	char content_type[256];
	char etag[512];
	char last_modified[128];
	char url[FCH_URL_MAX];    /* after redirects */
};

/* Is url an absolute http or https URL? */
int fch_url_allowed(const char *url);

/* Resolve ref against base (an absolute URL, or NULL) into *out
 * (malloc'ed).  BOBAO_E_ARG when the result is not http or https. */
bobao_code fch_url_resolve(const char *base, const char *ref, char **out);

void fch_response_init(struct fch_response *r, long max_body);
void fch_response_release(struct fch_response *r);

/* GET url into r.  etag and last_modified (each may be NULL) make the
 * request conditional; a 304 is BOBAO_OK with r->status 304 and no body.
 * HTTP errors (4xx, 5xx), refused schemes, timeouts and oversized bodies
 * are BOBAO_E_UNAVAILABLE with a message in e. */
bobao_code fch_http_get(const char *url, const struct fch_limits *l, const char *etag,
                        const char *last_modified, struct fch_response *r,
                        struct bb_err *e);

/* ---- charset.c ---- */

/* Convert body[0..n) to UTF-8 into out.  The charset is the first of:
 * asked (may be NULL), a byte order mark, content_type's charset= (may be
 * NULL), the XML declaration, <meta charset> or http-equiv, the validity
 * detection of inputs (UTF-8, GB18030, Big5).  GB2312 and GBK are read as
 * GB18030.  Bytes the charset does not map are dropped. */
bobao_code fch_to_utf8(const char *body, size_t n, const char *asked,
                       const char *content_type, struct bb_buf *out, struct bb_err *e);

/* ---- extract.c ---- */

struct fch_article {
	struct bb_buf title;   /* one line, may be empty */
	struct bb_buf text;    /* paragraphs, each ending in '\n' */
};

void fch_article_init(struct fch_article *a);
void fch_article_release(struct fch_article *a);

/* The article of a whole page (UTF-8): title, and the paragraphs of the
 * container the page declares, else of the block with the densest text. */
bobao_code fch_extract_page(const char *html, size_t n, struct fch_article *a);

/* Every paragraph of an HTML fragment (a feed item's content), with the
 * same elements and lines dropped as from pages. */
bobao_code fch_html_text(const char *html, size_t n, struct bb_buf *text);

/* Is this line boilerplate (责任编辑, 来源...)? */
int fch_boilerplate(const char *line, size_t n);

/* ---- fetch.c ---- */

/* bobao_fetch() without the handle (core/bobao.c wraps it): sources to
 * article files in o->dir; stops when *stop is set; the message in err. */
bobao_code fch_run(const char *const *sources, size_t n, const struct bobao_fetch_options *o,
                   volatile sig_atomic_t *stop, struct bb_err *err);

/* bobao_extract_html() without the handle: a page's article as text,
 * "# title" then a paragraph a line, in *text (malloc'ed, *len bytes). */
bobao_code fch_page_article(const char *html, size_t n, const char *charset, char **text,
                            size_t *len, struct bb_err *e);

/* The input filter of web pages (core/walk.c): the whole of in, a saved
 * page, as article text, "# title" then a paragraph a line, in *text
 * (malloc'ed, *len bytes).  charset NULL: declared or detected. */
bobao_code fch_page_text(FILE *in, const char *name, const char *charset, char **text,
                         size_t *len, struct bb_err *e);

/* ---- feed.c ---- */

struct fch_item {
	char *title, *link, *guid;
	char *text;            /* paragraphs, each ending in '\n' */
	long long date;        /* seconds since 1970; 0: undated */
};

struct fch_feed {
	char *title;
	struct fch_item *items;
	size_t n, alloc;
};

/* Is doc[0..n) (UTF-8) an RSS, RDF or Atom feed?  Looks at the root. */
int fch_is_feed(const char *doc, size_t n);

/* Parse a feed into f (released by fch_feed_release()).  Items keep the
 * feed's order.  BOBAO_E_FORMAT: not a feed. */
bobao_code fch_feed_parse(const char *doc, size_t n, struct fch_feed *f, struct bb_err *e);
void fch_feed_release(struct fch_feed *f);

/* RFC 822 (RSS) or ISO 8601 (Atom, dc:date) date; 0 when unreadable. */
long long fch_parse_date(const char *s);

#endif /* FETCH_H */
