/*
 * fetch.c - `bobao fetch`: feeds and pages to article files.  A thin layer
 * over bobao_fetch(): options in, reports out on standard error, the
 * library's result as the exit status.
 */
#define _XOPEN_SOURCE 700
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bobao.h"
#include "cli.h"

#define EX_USAGE 64

const char cli_usage_fetch[] =
	"usage: bobao fetch [OPTIONS] SOURCE... -d DIR\n"
	"\n"
	"Fetch news: RSS 2.0, RSS 1.0 (RDF) and Atom feeds, and article pages.\n"
	"A SOURCE is an http or https URL or a local file.  Each new item becomes\n"
	"DIR/NNN-slug.txt (a \"# title\" line, then a paragraph a line, UTF-8) and\n"
	"DIR/rundown.tsv lists them, PATH<TAB>TITLE in feed order, for\n"
	"'bobao synth --rundown DIR/rundown.tsv'.  Every file is written whole or\n"
	"not at all.  Numbers go on from the highest NNN already in DIR.\n"
	"\n"
	"  -d, --dir DIR          where the articles go (created if missing)\n"
	"  --seen FILE            items already broadcast (by guid, else link, else\n"
	"                         a hash of the text) are skipped; new ones added\n"
	"                         (DIR/.seen: fetching again writes nothing twice)\n"
	"  --no-seen              neither read nor write one: every item is new\n"
	"  --since DATE           skip items dated before DATE: YYYY-MM-DD (local\n"
	"                         midnight), YYYY-MM-DDTHH:MM[:SS][Z]\n"
	"  --max-items N          new items taken per source (all)\n"
	"  --full-text            follow every item's link for the whole article\n"
	"  --no-full-text         never; by default items under 200 characters\n"
	"                         (summaries) are followed\n"
	"  --cache FILE           ETag and Last-Modified of the sources, so an\n"
	"                         unchanged feed is not downloaded again (DIR/.cache)\n"
	"  --no-cache             neither read nor write one\n"
	"  --timeout S            a whole transfer, seconds (60)\n"
	"  --connect-timeout S    seconds (10)\n"
	"  --max-size BYTES       a body, k and M suffixes (10M)\n"
	"  --max-redirects N      0-20 (5)\n"
	"  -q, --quiet            failures only\n"
	"  -v, --verbose          every article written and item skipped\n"
	"\n"
	"Only http and https are fetched, from the command line, feeds and\n"
	"redirects alike.  A source that fails is reported on one line and the\n"
	"others go on.  Exit status: 0 every source was read, 75 some failed,\n"
	"69 none could be read, 64 usage, 73 DIR cannot be written.\n";

static bobao *running;

static void on_signal(int sig)
{
	(void)sig;
	bobao_interrupt(running);
}

struct out {
	int quiet, verbose;
};

static int report(void *ctx, const struct bobao_fetch_report *r)
{
	const struct out *o = ctx;
	const char *what = r->item ? r->item : r->title ? r->title : "item";

	switch (r->event) {
	case BOBAO_FETCH_FAILED:
		fprintf(stderr, "bobao: fetch: %s: %s\n", r->source, r->message);
		break;
	case BOBAO_FETCH_WARNING:
		if (!o->quiet)
			fprintf(stderr, "bobao: fetch: %s: %s\n", r->source, r->message);
		break;
	case BOBAO_FETCH_SKIPPED:
		/* a link that could not be fetched is worth a line; a seen item is not */
		if (o->verbose || (!o->quiet && !strncmp(r->message, "cannot", 6)))
			fprintf(stderr, "bobao: fetch: %s: skipped %s: %s\n", r->source, what,
			        r->message);
		break;
	case BOBAO_FETCH_ARTICLE:
		if (o->verbose)
			fprintf(stderr, "bobao: fetch: %s: wrote %s: %s\n", r->source, r->path,
			        r->title ? r->title : "");
		break;
	case BOBAO_FETCH_UNCHANGED:
	case BOBAO_FETCH_SOURCE:
		if (!o->quiet)
			fprintf(stderr, "bobao: fetch: %s: %s\n", r->source,
			        r->event == BOBAO_FETCH_UNCHANGED ? "unchanged" : r->message);
		break;
	}
	return 0;
}

static int usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "bobao: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see 'bobao fetch --help')\n");
	return EX_USAGE;
}

/* Seconds, fractions allowed, into milliseconds. */
static int seconds(const char *arg, const char *name, long *ms)
{
	char *end;
	double v = strtod(arg, &end);

	if (!*arg || *end || v <= 0 || v > 86400) {
		fprintf(stderr, "bobao: invalid --%s '%s' (seconds) (see 'bobao fetch --help')\n",
		        name, arg);
		return EX_USAGE;
	}
	*ms = (long)(v * 1000 + 0.5);
	if (*ms < 1)
		*ms = 1;
	return 0;
}

static int number(const char *arg, const char *name, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(arg, &end, 10), mul = 1;

	if (!strcmp(name, "max-size") && (*end == 'k' || *end == 'K'))
		mul = 1024, end++;
	else if (!strcmp(name, "max-size") && (*end == 'm' || *end == 'M'))
		mul = 1024 * 1024, end++;
	if (!*arg || *end || v < lo || v > hi / mul) {
		fprintf(stderr, "bobao: invalid --%s '%s' (%ld to %ld) (see 'bobao fetch --help')\n",
		        name, arg, lo, hi);
		return EX_USAGE;
	}
	*out = v * mul;
	return 0;
}

/* YYYY-MM-DD (local midnight) or YYYY-MM-DDTHH:MM[:SS][Z], a real day:
 * strptime takes 2024-02-30, which mktime would make 1 March. */
static int since(const char *arg, long long *out)
{
	struct tm tm, asked;
	char *end;

	memset(&tm, 0, sizeof(tm));
	if ((end = strptime(arg, "%Y-%m-%dT%H:%M:%S", &tm)) ||
	    (memset(&tm, 0, sizeof(tm)), end = strptime(arg, "%Y-%m-%dT%H:%M", &tm)) ||
	    (memset(&tm, 0, sizeof(tm)), end = strptime(arg, "%Y-%m-%d", &tm))) {
		asked = tm;
		if (!*end) {
			tm.tm_isdst = -1;
			*out = (long long)mktime(&tm);
		} else if (!strcmp(end, "Z")) {
			*out = (long long)timegm(&tm);
		} else {
			*out = -1;
		}
		if (*out != -1 && tm.tm_mday == asked.tm_mday && tm.tm_mon == asked.tm_mon)
			return 0;
	}
	return usage("invalid --since '%s' (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z], a real day)",
	             arg);
}

enum {
	OPT_SEEN = 256, OPT_SINCE, OPT_MAX_ITEMS, OPT_FULL, OPT_NO_FULL, OPT_CACHE, OPT_NO_CACHE,
	OPT_NO_SEEN, OPT_TIMEOUT, OPT_CONNECT, OPT_MAX_SIZE, OPT_REDIRECTS, OPT_HELP
};

static const struct option opts[] = {
	{ "dir", required_argument, NULL, 'd' },
	{ "seen", required_argument, NULL, OPT_SEEN },
	{ "no-seen", no_argument, NULL, OPT_NO_SEEN },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "max-items", required_argument, NULL, OPT_MAX_ITEMS },
	{ "full-text", no_argument, NULL, OPT_FULL },
	{ "no-full-text", no_argument, NULL, OPT_NO_FULL },
	{ "cache", required_argument, NULL, OPT_CACHE },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "connect-timeout", required_argument, NULL, OPT_CONNECT },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "max-redirects", required_argument, NULL, OPT_REDIRECTS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 }
};

int cli_cmd_fetch(const struct command *c, int argc, char **argv)
{
	struct bobao_fetch_options fo;
	struct sigaction sa;
	struct out o = { 0, 0 };
	bobao_code rc;
	bobao *b = NULL;
	long v;
	int opt, status = 0;

	(void)c;
	bobao_fetch_options_init(&fo);
	fo.report = report;
	fo.report_ctx = &o;
	opterr = 0;
	optind = 1;
	while (!status && (opt = getopt_long(argc, argv, ":d:qv", opts, NULL)) != -1) {
		switch (opt) {
		case 'd': fo.dir = optarg; break;
		case OPT_SEEN: fo.seen = optarg; break;
		case OPT_NO_SEEN: fo.seen = ""; break;
		case OPT_SINCE: status = since(optarg, &fo.since); break;
		case OPT_MAX_ITEMS:
			if (!(status = number(optarg, "max-items", 1, 100000, &v)))
				fo.max_items = (int)v;
			break;
		case OPT_FULL: fo.full_text = 1; break;
		case OPT_NO_FULL: fo.full_text = 0; break;
		case OPT_CACHE: fo.cache = optarg; break;
		case OPT_NO_CACHE: fo.cache = ""; break;
		case OPT_TIMEOUT: status = seconds(optarg, "timeout", &fo.timeout_ms); break;
		case OPT_CONNECT: status = seconds(optarg, "connect-timeout", &fo.connect_timeout_ms); break;
		case OPT_MAX_SIZE: status = number(optarg, "max-size", 1, LONG_MAX / 2, &fo.max_body); break;
		case OPT_REDIRECTS:
			if (!(status = number(optarg, "max-redirects", 0, 20, &v)))
				fo.max_redirects = (int)v;
			break;
		case 'q': o.quiet = 1; break;
		case 'v': o.verbose = 1; break;
		case OPT_HELP:
			fputs(cli_usage_fetch, stdout);
			return 0;
		case ':':
			status = usage("option '%s' needs a value", argv[optind - 1]);
			break;
		default:
			status = usage("unknown option '%s'", argv[optind - 1]);
			break;
		}
	}
	if (status)
		return status;
	if (!fo.dir)
		return usage("%s needs a folder: -d DIR", "fetch");
	if (optind >= argc)
		return usage("%s needs a SOURCE: a feed or page URL, or a file", "fetch");
	if ((rc = bobao_new(&b)) != BOBAO_OK) {
		fprintf(stderr, "bobao: %s\n", bobao_strerror(rc));
		return bobao_exit_status(rc);
	}
	running = b;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	rc = bobao_fetch(b, (const char *const *)argv + optind, (size_t)(argc - optind), &fo);
	if (rc != BOBAO_OK && (rc != BOBAO_E_PARTIAL || !o.quiet))
		fprintf(stderr, "bobao: fetch: %s\n",
		        *bobao_errmsg(b) ? bobao_errmsg(b) : bobao_strerror(rc));
	running = NULL;
	bobao_free(b);
	return bobao_exit_status(rc);
}
