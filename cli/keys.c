/*
 * keys.c - `bobao play` on a terminal: single keys move the player about
 * while it speaks, a status line on stderr says where it is.
 *
 * The terminal is put in a raw-ish mode (no line editing, no echo; signal
 * keys still make signals) and restored on every way out: q, the end,
 * errors, Ctrl-C, SIGTERM, SIGHUP, Ctrl-\ (SIGQUIT, which then quits as it
 * does, without a position kept); Ctrl-Z restores it before stopping and
 * the loop sets it again after `fg` (not while in the background, where
 * touching the terminal would stop us again).  The signal handlers only
 * restore the terminal, flag and interrupt; everything else happens in the
 * loop, which runs the player in slices of SLICE_MS and reads keys between.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli_keys.h"

#define SLICE_MS 10
#define RESPONSES_MAX 256

static struct termios saved;
static volatile sig_atomic_t raw_on, continued, signalled;
static bobao *playing;

static void restore(void)
{
	if (raw_on) {
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
		raw_on = 0;
	}
}

static int foreground(void)
{
	pid_t pg = tcgetpgrp(STDIN_FILENO);

	return pg != -1 && pg == getpgrp();
}

static void make_raw(void)
{
	struct termios t;

	if (raw_on || !foreground() || tcgetattr(STDIN_FILENO, &saved))
		return;
	t = saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ECHONL | IEXTEN);
	t.c_iflag &= ~(tcflag_t)(IXON | ICRNL);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	if (!tcsetattr(STDIN_FILENO, TCSANOW, &t))
		raw_on = 1;
}

static void on_stop_signal(int sig)
{
	int e = errno;

	(void)sig;
	restore();
	signalled = 1;
	bobao_interrupt(playing);
	errno = e;
}

/* Ctrl-\: quit as SIGQUIT does (no position kept, the capture dropped,
 * a core where core files are on), but with the terminal as it was. */
static void on_quit(int sig)
{
	restore();
	write(STDERR_FILENO, "\r\033[K", 4);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_tstp(int sig)
{
	int e = errno;
	sigset_t set;

	(void)sig;
	restore();
	write(STDERR_FILENO, "\r\033[K", 4);
	signal(SIGTSTP, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGTSTP);
	/* here after SIGCONT */
	signal(SIGTSTP, on_tstp);
	continued = 1;
	errno = e;
}

static void on_cont(int sig)
{
	(void)sig;
	continued = 1;
}

static void catch(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

const char *cli_positions_path(void)
{
	static char path[4096];
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;

	if (state && state[0] == '/')
		n = snprintf(path, sizeof(path), "%s/bobao/positions", state);
	else if (home && home[0] == '/')
		n = snprintf(path, sizeof(path), "%s/.local/state/bobao/positions", home);
	else
		return NULL;
	return n > 0 && (size_t)n < sizeof(path) ? path : NULL;
}

/* ---- keys ---- */

enum key {
	K_NONE, K_PAUSE, K_NEXT, K_NEXT_PARA, K_NEXT_ART, K_BACK, K_BACK_PARA, K_BACK_ART,
	K_FASTER, K_SLOWER, K_REPEAT, K_INFO, K_QUIT
};

struct keybuf {
	unsigned char b[64];
	size_t n;
	double esc_at;     /* when a lone ESC came: dropped after a while */
};

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The next key in kb, consuming its bytes; K_NONE when there is none (an
 * escape sequence still incomplete stays). */
static enum key next_key(struct keybuf *kb)
{
	size_t used = 1;
	enum key k = K_NONE;

	if (!kb->n)
		return K_NONE;
	switch (kb->b[0]) {
	case ' ': k = K_PAUSE; break;
	case 'n': k = K_NEXT; break;
	case 'N': k = K_NEXT_PARA; break;
	case ']': k = K_NEXT_ART; break;
	case 'p': k = K_BACK; break;
	case 'P': k = K_BACK_PARA; break;
	case '[': k = K_BACK_ART; break;
	case '+': case '=': k = K_FASTER; break;
	case '-': case '_': k = K_SLOWER; break;
	case 'r': k = K_REPEAT; break;
	case 'i': k = K_INFO; break;
	case 'q': case 'Q': k = K_QUIT; break;
	case 0x1b:
		if (kb->n == 1 || (kb->n == 2 && (kb->b[1] == '[' || kb->b[1] == 'O'))) {
			if (!kb->esc_at)
				kb->esc_at = now_s();
			if (now_s() - kb->esc_at < 0.1)
				return K_NONE;   /* the rest may come */
			used = kb->n;        /* a lone Escape */
			break;
		}
		if ((kb->b[1] == '[' || kb->b[1] == 'O') && kb->n >= 3) {
			used = 3;
			switch (kb->b[2]) {
			case 'C': k = K_NEXT; break;
			case 'D': k = K_BACK; break;
			case 'B': k = K_NEXT_PARA; break;
			case 'A': k = K_BACK_PARA; break;
			default:   /* another sequence: skip to its final byte */
				for (used = 2; used < kb->n && !(kb->b[used] >= 0x40 && kb->b[used] <= 0x7e);
				     used++)
					;
				used = used < kb->n ? used + 1 : kb->n;
			}
		}
		break;
	case 0xe2:   /* U+2212 MINUS SIGN, as some keyboards type it */
		if (kb->n < 3)
			return K_NONE;
		if (kb->b[1] == 0x88 && kb->b[2] == 0x92)
			k = K_SLOWER;
		used = 3;
		break;
	}
	kb->esc_at = 0;
	memmove(kb->b, kb->b + used, kb->n - used);
	kb->n -= used;
	return k;
}

static void read_keys(struct keybuf *kb)
{
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
	ssize_t k;

	if (!raw_on || poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN))
		return;
	k = read(STDIN_FILENO, kb->b + kb->n, sizeof(kb->b) - kb->n);
	if (k > 0)
		kb->n += (size_t)k;
	if (kb->n == sizeof(kb->b))   /* a flood (or junk): start afresh */
		kb->n = 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* -v: how fast the keys were answered */
static void figures(const char *what, double *ms, size_t n, const char *of)
{
	if (!n)
		return;
	qsort(ms, n, sizeof(*ms), cmp_double);
	fprintf(stderr, "bobao: %s: median %.0f ms, worst %.0f ms (%zu %s)\n", what, ms[n / 2],
	        ms[n - 1], n, of);
}

/* ---- the loop ---- */

/* What a key did, said in words when it could do nothing (or nothing
 * here): before is where the player was, after where it is now. */
static void tell(struct status *st, enum key k, const struct bobao_position *before,
                 const struct bobao_position *after, int rate_before)
{
	char el[32], tot[32];

	switch (k) {
	case K_BACK: case K_BACK_PARA: case K_BACK_ART:
		if (before->sentence == 1)
			cli_status_say(st, "the first sentence: nothing before it, from its start again");
		break;
	case K_NEXT_PARA:
		if (after->sentence == before->sentence && !after->done)
			cli_status_say(st, "the last paragraph: nothing after it");
		break;
	case K_NEXT_ART:
		if (after->sentence == before->sentence && !after->done)
			cli_status_say(st, "the last article: nothing after it");
		break;
	case K_FASTER: case K_SLOWER:
		if (!before->rate)
			cli_status_say(st, "a bulletin file plays at its own speed: + and - do nothing");
		else if (after->rate == rate_before)
			cli_status_say(st, "already the %s rate, %d wpm", k == K_FASTER ? "fastest" : "slowest",
			           after->rate);
		break;
	case K_INFO:
		if (before->rate)
			break;   /* spoken */
		/* a bulletin file is not spoken over: where we are, in words */
		cli_clock_str(el, sizeof(el), before->elapsed);
		cli_clock_str(tot, sizeof(tot), before->total);
		cli_status_say(st, "article %lu of %lu, %lu of %lu in it, stop %lu of %lu, %s of %s",
		           before->article, before->articles, before->in_article,
		           before->article_sentences, before->sentence, before->sentences, el, tot);
		break;
	default:
		break;
	}
}

int cli_play(bobao *b, const char *const *inputs, size_t n,
             const struct bobao_output *out, const struct listen *l)
{
	struct bobao_position pos, before;
	struct keybuf kb;
	struct status st;
	bobao_player *pl = NULL;
	bobao_code rc;
	double responses[RESPONSES_MAX], stops[RESPONSES_MAX], rates[RESPONSES_MAX];
	size_t n_responses = 0, n_stops = 0, n_rates = 0;
	int awaiting_stop = 0;
	int done = 0, quit = 0, awaiting = 0, paused = 0;

	memset(&kb, 0, sizeof(kb));
	cli_status_init(&st, l->status ? l->status : l->quiet ? CLI_STATUS_NONE : cli_status_auto());
	rc = bobao_player_open(b, inputs, n, out, &l->po, &pl);
	if (rc != BOBAO_OK) {
		fprintf(stderr, "bobao: %s\n", *bobao_errmsg(b) ? bobao_errmsg(b) : bobao_strerror(rc));
		return bobao_exit_status(rc);
	}
	playing = b;
	catch(SIGINT, on_stop_signal);
	catch(SIGTERM, on_stop_signal);
	catch(SIGHUP, on_stop_signal);
	if (l->keys) {
		catch(SIGQUIT, on_quit);
		catch(SIGTSTP, on_tstp);
		catch(SIGCONT, on_cont);
		make_raw();
	}
	bobao_player_position(pl, &pos);
	if (l->po.resume && !l->quiet && pos.resumed)
		fprintf(stderr, "bobao: resuming at sentence %lu of %lu\n", pos.sentence,
		        pos.sentences);
	else if (l->po.resume && !l->quiet)
		fprintf(stderr, "bobao: no position kept for this text: from the start\n");
	while (!done && !quit) {
		enum key k;

		rc = bobao_player_run(pl, SLICE_MS, &done);
		if (rc != BOBAO_OK)
			break;
		if (continued) {   /* after fg: raw again, the line again */
			continued = 0;
			if (l->keys)
				make_raw();
			st.on_screen = 0;
		}
		if (l->keys && !raw_on)
			make_raw();   /* back in the foreground after bg */
		read_keys(&kb);
		while ((k = next_key(&kb)) != K_NONE && !quit) {
			int rate_before;

			bobao_player_position(pl, &before);
			rate_before = before.rate;
			switch (k) {
			case K_PAUSE:
				paused = !paused;
				bobao_player_pause(pl, paused);
				break;
			case K_NEXT: bobao_player_seek(pl, BOBAO_SEEK_SENTENCE, 1); break;
			case K_NEXT_PARA: bobao_player_seek(pl, BOBAO_SEEK_PARAGRAPH, 1); break;
			case K_NEXT_ART: bobao_player_seek(pl, BOBAO_SEEK_ARTICLE, 1); break;
			case K_BACK: bobao_player_seek(pl, BOBAO_SEEK_SENTENCE, -1); break;
			case K_BACK_PARA: bobao_player_seek(pl, BOBAO_SEEK_PARAGRAPH, -1); break;
			case K_BACK_ART: bobao_player_seek(pl, BOBAO_SEEK_ARTICLE, -1); break;
			case K_REPEAT: bobao_player_seek(pl, BOBAO_SEEK_SENTENCE, 0); break;
			case K_FASTER:
				if (before.rate)
					bobao_player_rate(pl, (before.rate * 11 + 5) / 10);
				break;
			case K_SLOWER:
				if (before.rate)
					bobao_player_rate(pl, (before.rate * 10 + 5) / 11);
				break;
			case K_INFO: {
				char say[160];

				if (!before.rate)
					break;   /* a bulletin file: said in words below */
				snprintf(say, sizeof(say), "第%lu篇，第%lu句，共%lu句", before.article,
				         before.in_article, before.article_sentences);
				if (bobao_player_say(pl, say) != BOBAO_OK)
					cli_status_say(&st, "%s", bobao_errmsg(b));
				break;
			}
			case K_QUIT: quit = 1; break;
			case K_NONE: break;
			}
			bobao_player_position(pl, &pos);
			tell(&st, k, &before, &pos, rate_before);
			if (k == K_PAUSE && paused)
				awaiting_stop = 1;
			else if (k == K_FASTER || k == K_SLOWER)
				awaiting = 2;
			else if (k != K_QUIT && k != K_INFO)
				awaiting = 1;
		}
		bobao_player_position(pl, &pos);
		if (awaiting_stop && pos.response_ms >= 0 && n_stops < RESPONSES_MAX)
			stops[n_stops++] = pos.response_ms;
		awaiting_stop = 0;
		if (awaiting == 1 && pos.response_ms >= 0 && n_responses < RESPONSES_MAX)
			responses[n_responses++] = pos.response_ms;
		if (awaiting == 2 && pos.response_ms >= 0 && n_rates < RESPONSES_MAX)
			rates[n_rates++] = pos.response_ms;
		if (pos.response_ms >= 0)
			awaiting = 0;
		if (!pos.done && foreground())
			cli_status_show(&st, &pos);
	}
	restore();
	if (rc == BOBAO_OK && signalled)   /* a signal after the last slice */
		rc = BOBAO_E_INTERRUPTED;
	cli_status_clear(&st);
	bobao_player_position(pl, &pos);
	if (rc == BOBAO_OK || rc == BOBAO_E_INTERRUPTED) {
		bobao_code crc = bobao_player_close(pl, 1);

		pl = NULL;
		if (!pos.done)
			fprintf(stderr, "bobao: stopped at sentence %lu of %lu\n", pos.sentence,
			        pos.sentences);
		else
			cli_status_say(&st, "played to the end of the text");
		if (crc != BOBAO_OK && rc == BOBAO_OK) {
			fprintf(stderr, "bobao: %s\n", bobao_errmsg(b));
			rc = crc;
		}
	} else {
		fprintf(stderr, "bobao: %s\n", *bobao_errmsg(b) ? bobao_errmsg(b) : bobao_strerror(rc));
	}
	bobao_player_close(pl, 0);
	if (l->verbose) {
		figures("key to new speech", responses, n_responses, "moves");
		figures("pause to silence", stops, n_stops, "pauses");
		figures("rate key to new rate", rates, n_rates, "changes");
	}
	playing = NULL;
	signal(SIGTSTP, SIG_DFL);
	signal(SIGCONT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	return bobao_exit_status(rc);
}
