/*
 * cli_status.h - what `bobao play` shows on stderr while it plays (status.c).
 *
 * Three modes.  line: one line kept up to date with \r, cut to the
 * terminal's width by display columns, redrawn only when what it shows
 * changes (the clock alone is rewritten in place, the sentence is not
 * written again).  plain: a line per new sentence and per event, never a
 * \r or an escape code, for screen readers that speak what is added and
 * for Emacs (TERM=dumb).  none: nothing but the last words.
 */
#ifndef CLI_STATUS_H
#define CLI_STATUS_H

#include <stddef.h>

#include "bobao.h"

enum { CLI_STATUS_AUTO, CLI_STATUS_LINE, CLI_STATUS_PLAIN, CLI_STATUS_NONE };

/* "line", "plain", "none": the mode; -1 for anything else. */
int cli_status_mode(const char *name);
/* With no --status: none when stderr is not a terminal, plain when
 * TERM=dumb, else line. */
int cli_status_auto(void);

#define CLI_STATUS_LINE_MAX 2048

struct status {
	int mode;
	int width;                        /* columns when last drawn */
	int on_screen;                    /* line: a status line is showing */
	char head[CLI_STATUS_LINE_MAX];       /* line: what was drawn before the clock */
	char clock[64];                   /* line: the clock as drawn ("" when cut off) */
	char tail[CLI_STATUS_LINE_MAX];       /* line: what was drawn after it */
	unsigned long sentence;           /* plain: the sentence last announced */
	int paused, rate;                 /* plain: as last said */
};

void cli_status_init(struct status *st, int mode);
/* Show p: in line mode only what changed, in plain mode a line for a new
 * sentence, a pause, a resume or a new rate. */
void cli_status_show(struct status *st, const struct bobao_position *p);
/* Words on a line of their own ("bobao: " before them), the status line
 * drawn again after; nothing in mode none. */
void cli_status_say(struct status *st, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Erase the status line (line mode) before the last words. */
void cli_status_clear(struct status *st);

/* Display columns of the UTF-8 text s (East Asian wide characters two). */
size_t cli_status_columns(const char *s);
/* The bytes of s that fit in cols display columns, on a character
 * boundary. */
size_t cli_status_fit(const char *s, size_t cols);

#endif /* CLI_STATUS_H */
