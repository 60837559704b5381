/*
 * side.h - the files that go with a bulletin (internal): the web page
 * (page.c) and the subtitles, chapters and report (cues.c).
 *
 * A page is written beside the bulletin: the audio with its WebVTT
 * captions, the chapters (articles) as a list and the transcript, a
 * sentence per element with its start time, as HTML5 that works with
 * JavaScript off.  The project's own script (sidecar/page_player.js) and style
 * (sidecar/page.css) are compiled in (scripts/embed-web) and go inline, allowed
 * by their hashes in the page's Content-Security-Policy; nothing else is
 * loaded.  Every text is escaped; every URL is relative to the page.
 *
 * The transcript grows with the bulletin, so it is kept in an anonymous
 * temporary file, not in memory; the chapter list is kept in memory.
 *
 *     side_page_new(&p, &info, err);
 *     side_page_chapter(p, title, reader, start);  at each article
 *     side_page_sentence(p, text, ...);        at each sentence
 *     side_page_write(p, fp, seconds, trad, err);
 *     side_page_free(p);
 */
#ifndef SIDE_H
#define SIDE_H

#include <stdio.h>

#include "bb.h"
#include "seg.h"

/* The assets, generated from web/ by scripts/embed-web: their text and the
 * CSP source that allows it ('sha256-BASE64'). */
extern const char side_css[], side_css_hash[];
extern const char side_js[], side_js_hash[];

struct side_page_info {
	const char *page;      /* path of the page being written */
	const char *audio;     /* path of the bulletin */
	const char *captions;  /* path of its WebVTT captions */
	const char *title;     /* NULL: a title of bobao's own */
	const char *date;      /* shown under the title; NULL: none */
	int intro, outro;      /* the first (last) chapter is an intro (outro),
	                          not an article: not counted in the meta line,
	                          marked class="extra" in the chapter list */
};

struct side_page;

/* A page for info; the paths are made relative to the page's folder (which
 * must exist) and kept.  *out is NULL on error. */
bobao_code side_page_new(struct side_page **out, const struct side_page_info *info,
                         struct bb_err *err);

/* An article starts at start seconds; title NULL: named by its first
 * sentence; reader: the presenter who reads it, or NULL. */
bobao_code side_page_chapter(struct side_page *p, const char *title, const char *reader,
                             double start);

/* A sentence heard from start to end seconds, its text as written;
 * paragraph: it begins a paragraph. */
bobao_code side_page_sentence(struct side_page *p, const char *text, double start, double end,
                              int paragraph);

/* The whole page into fp: seconds is the bulletin's length; traditional:
 * the text is mostly traditional characters (lang="zh-Hant"). */
bobao_code side_page_write(struct side_page *p, FILE *fp, double seconds, int traditional,
                           struct bb_err *err);

/* Release p; NULL is allowed. */
void side_page_free(struct side_page *p);

/* Append s to b with & < > " ' escaped, for text and attribute values. */
bobao_code side_escape(struct bb_buf *b, const char *s);

/* Append to b the URL of the file at path as seen from a page in the
 * folder of page: relative, each byte outside [A-Za-z0-9-._~/] percent-
 * encoded.  Both folders must exist. */
bobao_code side_relative_url(struct bb_buf *b, const char *page, const char *path,
                             struct bb_err *err);

/* ---- sidecar files: subtitles, chapters, report, page (cues.c) ---- */

struct side_cues;

/* Open what out asks for (subtitles, chapters, report; each may be NULL),
 * written to bb_out temporaries, staged by side_cues_stage(). */
bobao_code side_cues_open(struct side_cues **out, const struct bobao_output *o, struct bb_err *err);
/* A unit of speech heard from start to end seconds; text as written;
 * title: its article's, when it starts one (NULL: its first sentence);
 * reader: the presenter who reads it, or NULL (one voice). */
bobao_code side_cues_unit(struct side_cues *c, enum bobao_break brk, int sentence_end,
                          const char *text, const char *title, const char *reader,
                          double start, double end);
/* The last cue, the report's figures; write all out and flush them to
 * disk, not yet in place (what can fail for lack of space fails here, before
 * the bulletin is put in place).  st NULL: all but the report, whose
 * figures are not known yet; call again with them.  NULL c is allowed. */
bobao_code side_cues_finish(struct side_cues *c, const struct bobao_stats *st,
                            const struct bobao_output *o, struct bb_err *err);
/* Hand every file, finished (side_cues_finish), to pub, which puts them
 * in place with the bulletin or drops them (bb_publish.h); the paths they
 * are staged under belong to c or to the bobao_output: keep both until pub
 * is released.  NULL c is allowed. */
struct bb_publish;
bobao_code side_cues_stage(struct side_cues *c, struct bb_publish *pub, struct bb_err *err);
/* Free c and drop whatever was not staged.  NULL c is allowed. */
void side_cues_close(struct side_cues *c);
/* The captions written for the page (--html without a .vtt --subtitles),
 * else NULL; owned by c. */
const char *side_cues_captions(const struct side_cues *c);
/* The captions o's page needs beside it (--html without a .vtt
 * --subtitles): *path, malloc'd, or NULL when none are written.
 * BOBAO_E_ARG when they would be the page itself (a page named .vtt). */
bobao_code side_cues_captions_path(const struct bobao_output *o, char **path, struct bb_err *err);
/* Count the Han characters of a unit read (traditional: of a traditional
 * unit), for the page's language. */
void side_cues_script(struct side_cues *c, const struct seg_text *text, const struct seg_unit *unit,
                      int traditional);

#endif /* SIDE_H */
