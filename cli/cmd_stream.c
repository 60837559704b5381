/*
 * cmd_stream.c - `bobao stream`: the files, or a bulletin file, live to an
 * Icecast mount.  The stream's own options and the URL are taken out of
 * the arguments here; the rest (voice, pauses, programme, reading) are
 * parsed as play's are.  A password in the URL is blanked in the
 * arguments at once, so that ps shows it only for the first instant.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bobao.h"
#include "cli.h"

#define EX_USAGE 64
#define EX_NOINPUT 66
#define PASSWORD_ENV "BOBAO_ICECAST_PASSWORD"

const char cli_usage_stream[] =
	"usage: bobao stream [OPTIONS] [FILE...] URL\n"
	"\n"
	"Send the files (or standard input, or a bulletin file) live to an\n"
	"Icecast 2 mount, paced to real time, as its source.  URL is\n"
	"icecast://[USER[:PASSWORD]@]HOST[:PORT]/MOUNT (USER source, PORT 8000).\n"
	"A password in the URL can be seen by other users (ps) until bobao\n"
	"starts; give it with --password-file or $" PASSWORD_ENV " instead.\n"
	"The stream's title is the article being read: its rundown title, else\n"
	"its headline or first sentence.  A server lost mid-bulletin is\n"
	"connected to again (0.5 s, doubling to 8 s apart) and the bulletin goes\n"
	"on from the sentence that was on air.\n"
	"\n"
	"  --format FMT           ogg (Vorbis), opus or mp3 (from the mount's\n"
	"                         extension: .ogg .oga .opus .mp3)\n"
	"  --password-file FILE   the source password: the file's first line\n"
	"  --name TEXT            the station's name, as directories and players\n"
	"                         show it\n"
	"  --description TEXT, --genre TEXT   the stream's description and genre\n"
	"  --title TEXT           the title before the first article (a bulletin\n"
	"                         file's title)\n"
	"  --quality Q            0-1 for Vorbis, Opus, MP3 (the codec's default)\n"
	"  --bitrate KBPS         Opus (6-256) or MP3 (8-160 at 22050 Hz)\n"
	"  --reconnect S          seconds to keep trying after the server is lost\n"
	"                         (60); 0: give up at once\n"
	"\n"
	"Exit status: 0 sent whole; 64 usage; 65 bad input; 69 no server at\n"
	"HOST:PORT, or lost for longer than --reconnect; 75 the mount has a\n"
	"source already; 77 wrong user or password; 130 interrupted (the mount\n"
	"is released at once).  Progress, reconnections and, with -v, each new\n"
	"title go to standard error.\n";

struct stream_args {
	char *url;
	const char *password_file;
	char *password;
	const char *format, *name, *description, *genre, *title;
	const char *quality, *bitrate, *reconnect;
};

/* The option at argv[*i] if it is one of ours: its value in *val. */
static int ours(int argc, char **argv, int *i, struct stream_args *a, int *status)
{
	static const struct {
		const char *name;
		size_t off;
	} opts[] = {
		{ "format", offsetof(struct stream_args, format) },
		{ "password-file", offsetof(struct stream_args, password_file) },
		{ "name", offsetof(struct stream_args, name) },
		{ "description", offsetof(struct stream_args, description) },
		{ "genre", offsetof(struct stream_args, genre) },
		{ "title", offsetof(struct stream_args, title) },
		{ "quality", offsetof(struct stream_args, quality) },
		{ "bitrate", offsetof(struct stream_args, bitrate) },
		{ "reconnect", offsetof(struct stream_args, reconnect) },
	};
	const char *arg = argv[*i], *val;
	size_t k, n;

	if (strncmp(arg, "--", 2))
		return 0;
	for (k = 0; k < sizeof(opts) / sizeof(opts[0]); k++) {
		n = strlen(opts[k].name);
		if (strncmp(arg + 2, opts[k].name, n) || (arg[2 + n] && arg[2 + n] != '='))
			continue;
		if (arg[2 + n] == '=') {
			val = arg + 3 + n;
		} else if (*i + 1 < argc) {
			val = argv[++*i];
		} else {
			fprintf(stderr, "bobao: option '%s' needs a value (see 'bobao stream --help')\n",
			        arg);
			*status = EX_USAGE;
			return 1;
		}
		*(const char **)(void *)((char *)a + opts[k].off) = val;
		return 1;
	}
	return 0;
}

/* The password of an icecast:// URL, or NULL; *n its length. */
static char *url_password(char *url, size_t *n)
{
	char *p = strstr(url, "://"), *at, *colon, *slash;

	if (!p)
		return NULL;
	p += 3;
	at = strchr(p, '@');
	slash = strchr(p, '/');
	if (!at || (slash && slash < at) || !(colon = memchr(p, ':', (size_t)(at - p))))
		return NULL;
	*n = (size_t)(at - colon - 1);
	return colon + 1;
}

/* Blank the password of a URL in place: ps shows the rest. */
static void blank_password(char *url)
{
	size_t n;
	char *p = url_password(url, &n);

	if (p)
		memset(p, 'x', n);
}

static int read_password(struct stream_args *a)
{
	FILE *fp = fopen(a->password_file, "r");
	char line[1024];
	size_t n;

	if (!fp || !fgets(line, sizeof(line), fp)) {
		fprintf(stderr, "bobao: cannot read the password file '%s': %s\n", a->password_file,
		        fp ? "empty" : strerror(errno));
		if (fp)
			fclose(fp);
		return EX_NOINPUT;
	}
	fclose(fp);
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	if (!(a->password = strdup(line)))
		return 71;
	memset(line, 0, sizeof(line));
	return 0;
}

static int number(const char *s, double lo, double hi, double *out)
{
	char *e;

	if (!s)
		return 0;
	errno = 0;
	*out = strtod(s, &e);
	if (e == s || *e || errno || !(*out >= lo && *out <= hi) || strpbrk(s, "xXnN")) {
		fprintf(stderr, "bobao: invalid value '%s' (%g to %g) (see 'bobao stream --help')\n",
		        s, lo, hi);
		return EX_USAGE;
	}
	return 0;
}

static void on_event(void *ctx, enum bobao_stream_event ev, const char *msg)
{
	const struct cli *cl = ctx;

	if (ev == BOBAO_STREAM_TITLE ? cl->verbose : !cl->quiet || ev >= BOBAO_STREAM_LOST) {
		fprintf(stderr, "%sbobao: stream: %s%s\n", cl->progress.shown ? "\r\033[K" : "",
		        ev == BOBAO_STREAM_TITLE ? "now playing: " : "", msg);
	}
}

/* Our options and the URL out of argv (rest[0..*n)), the password blanked. */
static int split(int argc, char **argv, struct stream_args *a, char **rest, int *n)
{
	int i, status = 0;

	rest[(*n)++] = argv[0];
	for (i = 1; i < argc && !status; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < argc)
				rest[(*n)++] = argv[i++];
			break;
		}
		if (ours(argc, argv, &i, a, &status))
			continue;
		if (!a->url && (!strncmp(argv[i], "icecast://", 10) || !strncmp(argv[i], "http://", 7))) {
			if (!(a->url = strdup(argv[i])))
				return 71;
			blank_password(argv[i]);
			continue;
		}
		rest[(*n)++] = argv[i];
	}
	rest[*n] = NULL;
	return status;
}

int cli_cmd_stream(const struct command *c, int argc, char **argv)
{
	struct stream_args a = { 0 };
	struct cli cl;
	char **rest = calloc((size_t)argc + 1, sizeof(*rest));
	double q = -1, kbps = 0, secs = 60;
	bobao *b = NULL;
	bobao_code rc = BOBAO_OK;
	size_t i, audio = 0;
	int n = 0, status, began = 0;

	if (!rest)
		return 71;
	status = split(argc, argv, &a, rest, &n);
	if (!status) {
		status = cli_begin(c, n, rest, &cl, BOBAO_OUTPUT_STREAM, &b);
		began = 1;
	}
	if (!status && cl.out.report)
		status = (fprintf(stderr, "bobao: option '--report' does not apply to 'stream' "
		                  "(see 'bobao stream --help')\n"), EX_USAGE);
	if (!status && !a.url)
		status = (fprintf(stderr, "bobao: stream needs an Icecast URL, "
		                  "icecast://HOST:PORT/MOUNT (see 'bobao stream --help')\n"), EX_USAGE);
	if (!status)
		status = number(a.quality, 0, 1, &q) || number(a.bitrate, 1, 1000, &kbps) ||
		         number(a.reconnect, 0, 86400, &secs) ? EX_USAGE : 0;
	if (!status && a.password_file)
		status = read_password(&a);
	for (i = 0; !status && i < cl.n_inputs; i++)
		audio += cli_is_audio(cl.inputs[i]) != 0;
	if (!status && audio && (audio != 1 || cl.n_inputs != 1))
		status = (fprintf(stderr, "bobao: stream takes text files or one bulletin file "
		                  "(see 'bobao stream --help')\n"), EX_USAGE);
	if (!status) {
		cl.out.path = a.url;
		cl.out.password = a.password ? a.password :
		                  url_password(a.url, &i) ? NULL : getenv(PASSWORD_ENV);
		cl.out.format = a.format;
		cl.out.stream_name = a.name;
		cl.out.stream_description = a.description;
		cl.out.stream_genre = a.genre;
		cl.out.title = a.title;
		cl.out.quality = q;
		cl.out.bitrate = (int)kbps;
		cl.out.reconnect = a.reconnect && secs == 0 ? -1 : (int)secs;
		cl.out.stream_event = on_event;
		cl.out.stream_ctx = &cl;
		rc = audio ? bobao_play_file(b, cl.inputs[0], &cl.out)
		           : bobao_render(b, cl.inputs, cl.n_inputs, &cl.out);
	}
	if (began)
		status = cli_end(&cl, b, rc, status, "streamed");
	if (a.password)
		memset(a.password, 0, strlen(a.password));
	free(a.password);
	free(a.url);
	free(rest);
	return status;
}
