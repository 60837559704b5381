/*
 * status.c - what `bobao play` shows while it plays (see status.h).
 *
 * A screen reader that speaks terminal updates speaks whatever is written:
 * a line redrawn twice a second with the same sentence was heard again and
 * again.  So the line is compared with what is on screen and only what
 * changed is written: the clock in place when it alone moved, the whole
 * line when anything else did.  The line is cut to the width (less one
 * column, so that the terminal never wraps it) by display columns: a line
 * that wrapped added a screen line at every redraw.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli_keys.h"
#include "cli_status.h"

int cli_status_mode(const char *name)
{
	return !strcmp(name, "line") ? CLI_STATUS_LINE : !strcmp(name, "plain") ? CLI_STATUS_PLAIN :
	       !strcmp(name, "none") ? CLI_STATUS_NONE : -1;
}

int cli_status_auto(void)
{
	const char *term = getenv("TERM");

	if (!isatty(STDERR_FILENO))
		return CLI_STATUS_NONE;
	return term && !strcmp(term, "dumb") ? CLI_STATUS_PLAIN : CLI_STATUS_LINE;
}

void cli_status_init(struct status *st, int mode)
{
	memset(st, 0, sizeof(*st));
	st->mode = mode;
	st->rate = -1;
	st->paused = -1;
}

/* The code point at s and its length in bytes (a stray byte: itself, 1). */
static unsigned decode(const unsigned char *s, size_t *len)
{
	size_t n = s[0] < 0xc0 ? 1 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4, i;
	unsigned c = n == 1 ? s[0] : n == 2 ? s[0] & 0x1fu : n == 3 ? s[0] & 0x0fu : s[0] & 0x07u;

	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*len = 1;
			return s[0];
		}
		c = c << 6 | (s[i] & 0x3fu);
	}
	*len = n;
	return c;
}

/* Columns a code point takes: East Asian wide and fullwidth ones two. */
static size_t cols_of(unsigned c)
{
	return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
	       (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	       (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	       (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
	       (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
}

size_t cli_status_fit(const char *s, size_t cols)
{
	size_t i = 0, used = 0, len;

	while (s[i]) {
		size_t w = cols_of(decode((const unsigned char *)s + i, &len));

		if (used + w > cols)
			break;
		used += w;
		i += len;
	}
	return i;
}

size_t cli_status_columns(const char *s)
{
	size_t i = 0, used = 0, len;

	while (s[i]) {
		used += cols_of(decode((const unsigned char *)s + i, &len));
		i += len;
	}
	return used;
}

static int width_now(void)
{
	struct winsize ws;

	if (!ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Copy at most cols columns of s into out (room CLI_STATUS_LINE_MAX). */
static size_t cut(char *out, const char *s, size_t cols)
{
	size_t n = cli_status_fit(s, cols);

	if (n >= CLI_STATUS_LINE_MAX) {   /* on a character boundary */
		n = CLI_STATUS_LINE_MAX - 1;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(out, s, n);
	out[n] = '\0';
	return n;
}

static void show_line(struct status *st, const struct bobao_position *p)
{
	char head[CLI_STATUS_LINE_MAX], clock[64], tail[CLI_STATUS_LINE_MAX], el[32], tot[32], full[96];
	char text[CLI_STATUS_LINE_MAX];
	size_t room, used;
	int width = width_now();

	cli_clock_str(el, sizeof(el), p->elapsed);
	cli_clock_str(tot, sizeof(tot), p->total);
	snprintf(full, sizeof(full), "%sarticle %lu/%lu, sentence %lu/%lu, ",
	         p->paused ? "paused, " : "", p->article, p->articles, p->sentence, p->sentences);
	snprintf(clock, sizeof(clock), "%s/%s", el, tot);
	if (p->rate)   /* a bulletin file has no rate */
		snprintf(text, sizeof(text), ", %d wpm: %s", p->rate, p->text ? p->text : "");
	else
		snprintf(text, sizeof(text), ": %s", p->text ? p->text : "");
	/* the whole line, head included, in width - 1 columns */
	room = width > 1 ? (size_t)width - 1 : 1;
	cut(head, full, room);
	used = cli_status_columns(head);
	if (used + cli_status_columns(clock) <= room) {
		used += cli_status_columns(clock);
		cut(tail, text, room - used);
	} else {   /* no room for the clock: the head alone, cut */
		clock[0] = tail[0] = '\0';
	}
	if (st->on_screen && width == st->width && !strcmp(head, st->head) &&
	    !strcmp(tail, st->tail)) {
		if (!strcmp(clock, st->clock))
			return;   /* nothing changed: nothing written */
		if (strlen(clock) == strlen(st->clock)) {
			/* the clock alone, in place; the sentence is not said again */
			size_t at = cli_status_columns(head);

			if (at)
				fprintf(stderr, "\r\033[%zuC%s", at, clock);
			else
				fprintf(stderr, "\r%s", clock);
			fflush(stderr);
			strcpy(st->clock, clock);
			return;
		}
	}
	fprintf(stderr, "\r%s%s%s\033[K", head, clock, tail);
	fflush(stderr);
	strcpy(st->head, head);
	strcpy(st->clock, clock);
	strcpy(st->tail, tail);
	st->width = width;
	st->on_screen = 1;
}

static void show_plain(struct status *st, const struct bobao_position *p)
{
	if (p->paused != st->paused && st->paused >= 0)
		fprintf(stderr, "bobao: %s\n", p->paused ? "paused" : "playing");
	if (p->rate != st->rate && st->rate > 0 && p->rate)
		fprintf(stderr, "bobao: %d wpm\n", p->rate);
	if (p->sentence != st->sentence)
		fprintf(stderr, "sentence %lu/%lu, article %lu/%lu: %s\n", p->sentence, p->sentences,
		        p->article, p->articles, p->text ? p->text : "");
	st->paused = p->paused;
	st->rate = p->rate;
	st->sentence = p->sentence;
	fflush(stderr);
}

void cli_status_show(struct status *st, const struct bobao_position *p)
{
	if (st->mode == CLI_STATUS_LINE)
		show_line(st, p);
	else if (st->mode == CLI_STATUS_PLAIN)
		show_plain(st, p);
}

void cli_status_clear(struct status *st)
{
	if (st->mode == CLI_STATUS_LINE && st->on_screen)
		fputs("\r\033[K", stderr);
	st->on_screen = 0;
}

void cli_status_say(struct status *st, const char *fmt, ...)
{
	va_list ap;

	if (st->mode == CLI_STATUS_NONE)
		return;
	cli_status_clear(st);
	fputs("bobao: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}
