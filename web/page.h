/*
 * page.h - the web page of a bulletin (internal).
 *
 * A page is written beside the bulletin: the audio with its WebVTT
 * captions, the chapters (articles) as a list and the transcript, a
 * sentence per element with its start time, as HTML5 that works with
 * JavaScript off.  The project's own script (web/player.js) and style
 * (web/page.css) are compiled in (scripts/embed-web) and go inline, allowed
 * by their hashes in the page's Content-Security-Policy; nothing else is
 * loaded.  Every text is escaped; every URL is relative to the page.
 *
 * The transcript grows with the bulletin, so it is kept in an anonymous
 * temporary file, not in memory; the chapter list is kept in memory.
 *
 *     web_page_new(&p, &info, err);
 *     web_page_chapter(p, title, start);      at each article
 *     web_page_sentence(p, text, ...);        at each sentence
 *     web_page_write(p, fp, seconds, trad, err);
 *     web_page_free(p);
 */
#ifndef WEB_PAGE_H
#define WEB_PAGE_H

#include <stdio.h>

#include "bb.h"

/* The assets, generated from web/ by scripts/embed-web: their text and the
 * CSP source that allows it ('sha256-BASE64'). */
extern const char web_css[], web_css_hash[];
extern const char web_js[], web_js_hash[];

struct web_page_info {
	const char *page;      /* path of the page being written */
	const char *audio;     /* path of the bulletin */
	const char *captions;  /* path of its WebVTT captions */
	const char *title;     /* NULL: a title of bobao's own */
	const char *date;      /* shown under the title; NULL: none */
	int extras;            /* chapters that are not articles (intro, outro):
	                          not counted as articles in the meta line */
};

struct web_page;

/* A page for info; the paths are made relative to the page's folder (which
 * must exist) and kept.  *out is NULL on error. */
bobao_code web_page_new(struct web_page **out, const struct web_page_info *info,
                        struct bb_err *err);

/* An article starts at start seconds; title NULL: named by its first
 * sentence. */
bobao_code web_page_chapter(struct web_page *p, const char *title, double start);

/* A sentence heard from start to end seconds, its text as written;
 * paragraph: it begins a paragraph. */
bobao_code web_page_sentence(struct web_page *p, const char *text, double start, double end,
                             int paragraph);

/* The whole page into fp: seconds is the bulletin's length; traditional:
 * the text is mostly traditional characters (lang="zh-Hant"). */
bobao_code web_page_write(struct web_page *p, FILE *fp, double seconds, int traditional,
                          struct bb_err *err);

/* Release p; NULL is allowed. */
void web_page_free(struct web_page *p);

/* Append s to b with & < > " ' escaped, for text and attribute values. */
bobao_code web_escape(struct bb_buf *b, const char *s);

/* Append to b the URL of the file at path as seen from a page in the
 * folder of page: relative, each byte outside [A-Za-z0-9-._~/] percent-
 * encoded.  Both folders must exist. */
bobao_code web_relative_url(struct bb_buf *b, const char *page, const char *path,
                            struct bb_err *err);

#endif /* WEB_PAGE_H */
