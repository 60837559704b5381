/*
 * bobao - the command-line tool.  Uses only <bobao.h>; the exit status is
 * the library's result mapped onto sysexits.h, so cron scripts can branch
 * on it.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "bobao.h"
#include "cli_keys.h"
#include "cli_rundown.h"
#include "cli.h"

#define EX_USAGE 64

static const char *prog = "bobao";
static bobao *running;   /* for the signal handler */
static volatile sig_atomic_t caught;   /* a signal came before there was one */

static void on_signal(int sig)
{
	(void)sig;
	caught = 1;
	bobao_interrupt(running);
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* One line: what is wrong, and where to read more.  Returns EX_USAGE. */
static int usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see '%s %s --help')\n", prog, cmd);
	return EX_USAGE;
}

static const char usage_main[] =
	"usage: bobao COMMAND [OPTIONS] [FILE...]\n"
	"\n"
	"Read Mandarin news text aloud.  FILE is a UTF-8 text file, one article\n"
	"each; '-' or none reads standard input.\n"
	"\n"
	"commands:\n"
	"  synth -o OUT   render a bulletin file (WAV, OGG/Vorbis, Opus, FLAC, MP3)\n"
	"  play           speak through the sound card (or play a bulletin file)\n"
	"  segment        print the cleaned text, one sentence per line\n"
	"  pinyin         print what the speech engine is given\n"
	"  phonemes       print the engine's phonemes for each sentence\n"
	"  voices         list the voices bobao can use\n"
	"  fetch -d DIR   feeds and web pages to article files and a rundown\n"
	"  stream URL     send the files live to an Icecast mount\n"
	"\n"
	"'bobao COMMAND --help' describes each command.  bobao --version.\n";

static const char usage_voice[] =
	"voice:\n"
	"  --voice NAME           Mandarin voice (cmn-latn-pinyin; +variant allowed)\n"
	"  --latin-voice NAME     voice for English words and acronyms (en)\n"
	"  --rate WPM             speed, 80-450 words per minute (210)\n"
	"  --pitch N              0-100 (50)\n"
	"  --volume PERCENT       1-200 (100)\n"
	"  -j, --jobs N           synthesis worker processes, 1-32 (one per CPU);\n"
	"                         the same samples for any N\n"
	"pauses, in milliseconds:\n"
	"  --breath-pause MS      inside long sentences (150)\n"
	"  --sentence-pause MS    between sentences (350)\n"
	"  --paragraph-pause MS   between paragraphs (700)\n"
	"  --article-pause MS     between input files (1200)\n"
	"  --lead-in MS           before the first word (300)\n"
	"  --lead-out MS          after the last word (300)\n"
	"  --headline-pause MS    after a headline, a line \"# ...\" (1000)\n"
	"programme:\n"
	"  --intro TEXT, --outro TEXT   spoken first and last; {date}, {weekday}\n"
	"                         become today's (or --date's), e.g.\n"
	"                         \"今天是{date}，{weekday}，下面播报新闻。\"\n"
	"  --rundown FILE         the articles, a line each: PATH or PATH<TAB>TITLE\n"
	"                         (titles name the chapters), then <TAB>MARKS:\n"
	"                         1 or 2 (its presenter), bed (under the bed);\n"
	"                         '#' comments, paths from the file's folder;\n"
	"                         '-': stdin\n"
	"  --presenters V1,V2     two presenters in turn, an article each, the\n"
	"                         intro and outro a sentence each; VOICE or\n"
	"                         NAME=VOICE, +VARIANT adds to --voice:\n"
	"                         \"李明=+m3,王芳=+f2\"\n"
	"  --bed FILE             music under the rundown's bed items, else the\n"
	"                         intro, else the first article; looped, faded,\n"
	"                         ducked under speech\n"
	"  --bed-duck DB          how far speech ducks the bed, 0-40 (18)\n"
	"  --jingle-before FILE, --jingle-between FILE, --jingle-after FILE\n"
	"                         audio around and between the articles, resampled\n"
	"                         and brought to the loudness of the speech\n"
	"reading:\n"
	"  --encoding ENC         auto (UTF-8, else GB18030, else Big5), utf-8,\n"
	"                         gb18030 (gbk), big5 (auto)\n"
	"  --input-format F       text, or html: web pages, their article read\n"
	"                         (auto: .html and .htm files are pages)\n"
	"  --lexicon FILE         words and their pinyin, repeatable: lines\n"
	"                         \"词<TAB>ci2\" or CC-CEDICT lines; they win over\n"
	"                         the built-in lexicon (names: 乾洋<TAB>qian2 yang2)\n"
	"output:\n"
	"  --loudness L           broadcast (-23 LUFS), podcast (-16), pa (-14),\n"
	"                         off, or LUFS; true peak <= -1 dBTP (off)\n"
	"  --report FILE          a JSON report: duration, loudness, files...\n"
	"  -q, --quiet            no progress display\n"
	"  -v, --verbose          a summary line when done\n";

static const char usage_synth[] =
	"usage: bobao synth [OPTIONS] [FILE...] -o OUT\n"
	"\n"
	"Render the files (or standard input) into the bulletin OUT.  OUT is\n"
	"written as a temporary file and put in place when complete: on any\n"
	"failure, Ctrl-C included, no partial file is left and an old OUT stays\n"
	"as it was.  A symbolic link is followed; a FIFO or a device is written\n"
	"in place, as a stream.\n"
	"\n"
	"  -o, --output FILE      the bulletin; format from its extension; '-' is\n"
	"                         standard output (a stream: not atomic; with\n"
	"                         --format)\n"
	"  --force                replace a write-protected OUT (or sidecar)\n"
	"  --format FMT           wav, ogg (Vorbis), opus, flac or mp3, whatever\n"
	"                         the name\n"
	"  --sample-rate HZ       resample (the speech is 22050; Opus: 48000)\n"
	"  --quality Q            0-1 for Vorbis, Opus, MP3 (the codec's default)\n"
	"  --bitrate KBPS         Opus (6-256) or MP3 (constant; 8-160 at 22050 Hz,\n"
	"                         32-320 from 32000 Hz)\n"
	"  --title, --artist, --album, --date, --comment TEXT   tags, UTF-8\n"
	"                         (MP3: ID3v2.4); a --date written YYYY-MM-DD must\n"
	"                         be a real day\n"
	"  --subtitles FILE       a cue per sentence: .vtt, .srt or .lrc\n"
	"  --chapters FILE        Podcasting 2.0 JSON chapters, one per article\n"
	"  --html FILE            a web page: the audio with captions, chapters and\n"
	"                         a transcript that follows the speech; its captions\n"
	"                         are --subtitles when .vtt, else FILE's name .vtt\n";

static const char usage_play[] =
	"usage: bobao play [OPTIONS] [FILE...]\n"
	"\n"
	"Speak the files (or standard input) live; speech starts as soon as the\n"
	"first sentence is ready.  Audio files (.wav .ogg .oga .opus .flac .mp3)\n"
	"are played as they are; with --loudness, each is measured whole first,\n"
	"then played at the target with its peaks limited (mono files).\n"
	"\n"
	"  --driver NAME          libao driver: pulse, alsa, oss, null, or the\n"
	"                         file drivers wav, raw, au (libao's default)\n"
	"  --driver-option K=V    driver option, repeatable; file drivers take\n"
	"                         file=PATH (e.g. --driver wav --driver-option\n"
	"                         file=out.wav to capture what is played), put\n"
	"                         in place when playing is done, like synth's -o\n"
	"  --force                replace a write-protected file=PATH or positions\n"
	"                         file\n"
	"  --no-keys              ignore the keyboard: play straight through\n"
	"  --status MODE          what stderr shows while playing: line (one\n"
	"                         line kept up to date, redrawn when it changes;\n"
	"                         the default on a terminal), plain (a line per\n"
	"                         new sentence or event, no \\r or escape codes:\n"
	"                         for screen readers, Emacs; the default when\n"
	"                         TERM=dumb), none (as -q)\n"
	"  --from N               start at sentence N (as 'bobao segment' numbers\n"
	"                         them, from 1)\n"
	"  --resume               start where the last play of the same text\n"
	"                         stopped (kept in $XDG_STATE_HOME/bobao/positions,\n"
	"                         default ~/.local/state/bobao/positions)\n"
	"  --realtime             with a file driver (wav, raw, au, null): pace the\n"
	"                         audio as a sound card would; the file then holds\n"
	"                         what was heard, pauses included\n"
	"\n"
	"On a terminal, play is a player; keys while it speaks:\n"
	"  space         pause / resume (the sound card is freed after 3 s)\n"
	"  right, n      next sentence     down, N   next paragraph   ]  next article\n"
	"  left, p       start of this sentence, or the one before within its\n"
	"                first second      up, P     paragraph        [  article\n"
	"  + / -         10 % faster / slower, from this sentence on\n"
	"  r             this sentence again\n"
	"  i             say where we are: article, sentence, how many\n"
	"  q             quit, keeping the position (exit 0)\n"
	"A status line on stderr shows article, sentence, time and the sentence;\n"
	"a move that cannot be made, a key that does nothing here and the end are\n"
	"said in words.\n"
	"A bulletin file moves by its cues (NAME.vtt beside it), else its Ogg\n"
	"chapters, else 5 s steps.\n";

static const char usage_segment[] =
	"usage: bobao segment [--units] [-v] [FILE...]\n"
	"\n"
	"Print the cleaned text, one sentence per line.  --units prints one unit\n"
	"of speech per line (long sentences cut into breath groups), each after\n"
	"the kind of pause before it: start, breath, sentence, paragraph or\n"
	"article, and a tab.  -v says on standard error where a word overruled\n"
	"an annotation of the text (see 'bobao pinyin --help').\n";

static const char usage_pinyin[] =
	"usage: bobao pinyin [--units | --per-line] [--annotate] [--lexicon FILE] [-v] [FILE...]\n"
	"\n"
	"Print exactly what the speech engine is given, one sentence per line:\n"
	"pinyin syllables with tone digits 1-5 (5 neutral, ü as v), one per Han\n"
	"character, and Latin words as they are sent to the Latin voice.\n"
	"  --units      one unit of speech per line\n"
	"  --per-line   one output line per input line, blank lines included\n"
	"  --annotate   the text with each Han character followed by its reading,\n"
	"               銀(yin2)行(hang2): proofread it, correct it, and bobao reads\n"
	"               the corrected file as it is (a sentence annotated\n"
	"               throughout is authoritative; a stray annotation against a\n"
	"               sure dictionary word, 長(zhǎng)征, yields to the word)\n"
	"  --lexicon FILE  words and their pinyin (see 'bobao synth --help')\n"
	"  -v, --verbose  on standard error, a line for each annotation a word\n"
	"               overruled: FILE:LINE: 長(zhang3) in 长征 reads chang2: …\n";

static const char usage_phonemes[] =
	"usage: bobao phonemes [--voice NAME] [FILE...]\n"
	"\n"
	"Print, for each sentence, the phonemes eSpeak NG produces (its -x\n"
	"notation).  Chinese read as Chinese never shows '(en)'.\n";

static const char usage_voices[] =
	"usage: bobao voices [--all]\n"
	"\n"
	"List the Mandarin voices (marked *: they read bobao's pinyin) and the\n"
	"voices for Latin words.  --all lists every voice of the engine.\n";

enum {
	OPT_VOICE = 256, OPT_LATIN_VOICE, OPT_RATE, OPT_PITCH, OPT_VOLUME,
	OPT_BREATH, OPT_SENTENCE, OPT_PARAGRAPH, OPT_ARTICLE, OPT_LEAD_IN, OPT_LEAD_OUT,
	OPT_FORMAT, OPT_TITLE, OPT_ARTIST, OPT_DATE, OPT_DRIVER, OPT_DRIVER_OPTION,
	OPT_UNITS, OPT_PER_LINE, OPT_ALL, OPT_HELP, OPT_LEXICON, OPT_ANNOTATE, OPT_ENCODING,
	OPT_JOBS, OPT_LOUDNESS, OPT_SAMPLE_RATE, OPT_QUALITY, OPT_BITRATE, OPT_ALBUM, OPT_COMMENT,
	OPT_SUBTITLES, OPT_CHAPTERS, OPT_REPORT, OPT_INTRO, OPT_OUTRO, OPT_JINGLE_BEFORE,
	OPT_JINGLE_BETWEEN, OPT_JINGLE_AFTER, OPT_HEADLINE, OPT_RUNDOWN, OPT_FORCE,
	OPT_NO_KEYS, OPT_FROM, OPT_RESUME, OPT_REALTIME, OPT_INPUT_FORMAT
};
/* the web page (web/): numbered apart, clear of options added above */
enum { OPT_HTML = OPT_RUNDOWN + 100 };
/* play's display (cli/status.c): apart too */
enum { OPT_STATUS = OPT_RUNDOWN + 110 };
/* two presenters and a music bed */
enum { OPT_PRESENTERS = OPT_RUNDOWN + 300, OPT_BED, OPT_BED_DUCK };

static const struct option long_opts[] = {
	{ "voice", required_argument, NULL, OPT_VOICE },
	{ "latin-voice", required_argument, NULL, OPT_LATIN_VOICE },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "pitch", required_argument, NULL, OPT_PITCH },
	{ "volume", required_argument, NULL, OPT_VOLUME },
	{ "breath-pause", required_argument, NULL, OPT_BREATH },
	{ "sentence-pause", required_argument, NULL, OPT_SENTENCE },
	{ "paragraph-pause", required_argument, NULL, OPT_PARAGRAPH },
	{ "article-pause", required_argument, NULL, OPT_ARTICLE },
	{ "lead-in", required_argument, NULL, OPT_LEAD_IN },
	{ "lead-out", required_argument, NULL, OPT_LEAD_OUT },
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "artist", required_argument, NULL, OPT_ARTIST },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "album", required_argument, NULL, OPT_ALBUM },
	{ "comment", required_argument, NULL, OPT_COMMENT },
	{ "sample-rate", required_argument, NULL, OPT_SAMPLE_RATE },
	{ "quality", required_argument, NULL, OPT_QUALITY },
	{ "bitrate", required_argument, NULL, OPT_BITRATE },
	{ "subtitles", required_argument, NULL, OPT_SUBTITLES },
	{ "chapters", required_argument, NULL, OPT_CHAPTERS },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "html", required_argument, NULL, OPT_HTML },
	{ "loudness", required_argument, NULL, OPT_LOUDNESS },
	{ "intro", required_argument, NULL, OPT_INTRO },
	{ "outro", required_argument, NULL, OPT_OUTRO },
	{ "jingle-before", required_argument, NULL, OPT_JINGLE_BEFORE },
	{ "jingle-between", required_argument, NULL, OPT_JINGLE_BETWEEN },
	{ "jingle-after", required_argument, NULL, OPT_JINGLE_AFTER },
	{ "headline-pause", required_argument, NULL, OPT_HEADLINE },
	{ "rundown", required_argument, NULL, OPT_RUNDOWN },
	{ "presenters", required_argument, NULL, OPT_PRESENTERS },
	{ "bed", required_argument, NULL, OPT_BED },
	{ "bed-duck", required_argument, NULL, OPT_BED_DUCK },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "driver", required_argument, NULL, OPT_DRIVER },
	{ "driver-option", required_argument, NULL, OPT_DRIVER_OPTION },
	{ "no-keys", no_argument, NULL, OPT_NO_KEYS },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "resume", no_argument, NULL, OPT_RESUME },
	{ "realtime", no_argument, NULL, OPT_REALTIME },
	{ "lexicon", required_argument, NULL, OPT_LEXICON },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
	{ "jobs", required_argument, NULL, 'j' },
	{ "units", no_argument, NULL, OPT_UNITS },
	{ "per-line", no_argument, NULL, OPT_PER_LINE },
	{ "annotate", no_argument, NULL, OPT_ANNOTATE },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 }
};

/* Which options each command takes (by the first letters of their group). */
enum { VOICE = 1, PAUSES = 2, FILEOUT = 4, PLAYER = 8, UNITS = 16, PERLINE = 32,
       ALL = 64, VERBOSITY = 128, READING = 256 };

static int option_group(int opt)
{
	switch (opt) {
	case OPT_VOICE: case OPT_LATIN_VOICE: case OPT_RATE: case OPT_PITCH:
	case OPT_VOLUME: case 'j':
		return VOICE;
	case OPT_BREATH: case OPT_SENTENCE: case OPT_PARAGRAPH: case OPT_ARTICLE:
	case OPT_LEAD_IN: case OPT_LEAD_OUT:
		return PAUSES;
	case 'o': case OPT_FORMAT: case OPT_TITLE: case OPT_ARTIST: case OPT_DATE:
	case OPT_ALBUM: case OPT_COMMENT: case OPT_SAMPLE_RATE: case OPT_QUALITY:
	case OPT_BITRATE:
	case OPT_SUBTITLES: case OPT_CHAPTERS: case OPT_HTML:
		return FILEOUT;
	case OPT_LOUDNESS: case OPT_REPORT: case OPT_INTRO: case OPT_OUTRO:
	case OPT_JINGLE_BEFORE: case OPT_JINGLE_BETWEEN: case OPT_JINGLE_AFTER: case OPT_HEADLINE:
	case OPT_RUNDOWN: case OPT_PRESENTERS: case OPT_BED: case OPT_BED_DUCK:
		return PAUSES;
	case OPT_DRIVER: case OPT_DRIVER_OPTION:
	case OPT_NO_KEYS: case OPT_FROM: case OPT_RESUME: case OPT_REALTIME: case OPT_STATUS:
		return PLAYER;
	case OPT_FORCE:
		return FILEOUT | PLAYER;
	case OPT_UNITS:
		return UNITS;
	case OPT_PER_LINE:
	case OPT_ANNOTATE:
		return PERLINE;
	case OPT_ALL:
		return ALL;
	case OPT_LEXICON:
	case OPT_ENCODING:
	case OPT_INPUT_FORMAT:
		return READING;
	case 'q': case 'v':
		return VERBOSITY;
	}
	return 0;
}

static const struct command {
	const char *name;
	int groups;
	const char *usage;
	int (*run)(const struct command *c, int argc, char **argv);
} *current;

#define PLURAL(n) ((n) == 1 ? "" : "s")

/* Is s a number as people write it: an optional '-', decimal digits and,
 * with point, a '.' and more digits?  No spaces, '+', hexadecimal (0x1),
 * exponents, inf or nan, which strtol and strtod would take. */
static int decimal(const char *s, int point)
{
	size_t a, b = 0;

	s += *s == '-';
	a = strspn(s, "0123456789");
	if (point && s[a] == '.' && (b = strspn(s + a + 1, "0123456789")) > 0)
		a += 1 + b;
	return a > 0 && !s[a] && (s[0] != '.' || b > 0);
}

static int parse_int(const char *arg, const char *name, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = decimal(arg, 0) ? strtol(arg, &end, 10) : 0;
	if (!decimal(arg, 0) || errno || v < INT_MIN || v > INT_MAX)
		return usage_error(current->name, "invalid number '%s' for --%s", arg, name);
	*out = (int)v;
	return 0;
}

/* The articles and titles of --rundown (cli/rundown.c). */
static int read_rundown(struct cli *cl)
{
	int rc = cli_rundown_read(&cl->rd, cl->rundown);

	if (rc) {
		fprintf(stderr, "%s: %s\n", prog, cl->rd.msg);
		return rc;
	}
	cl->inputs = (const char **)cl->rd.paths;
	cl->n_inputs = cl->rd.n;
	cl->out.titles = (const char *const *)cl->rd.titles;
	cl->out.items = cl->rd.items;
	return 0;
}

/* "--rate" or "-o": an option as the user wrote it. */
static const char *opt_name(int opt)
{
	static char buf[40];
	size_t i;

	for (i = 0; long_opts[i].name; i++)
		if (long_opts[i].val == opt && opt >= 256)
			snprintf(buf, sizeof(buf), "--%s", long_opts[i].name);
	if (opt < 256)
		snprintf(buf, sizeof(buf), "-%c", opt);
	return buf;
}

static int parse(const struct command *c, int argc, char **argv, struct cli *cl)
{
	int opt, idx, rc = 0;
	char *end;

	current = c;
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":o:qvj:", long_opts, &idx)) != -1) {
		if (opt == OPT_HELP) {
			fputs(c->usage, stdout);
			if (c->groups & (VOICE | PAUSES))
				fputs(usage_voice, stdout);
			exit(0);
		}
		if (opt == '?' || opt == ':') {
			const char *bad = argv[optind - 1];

			if (opt == ':')
				return usage_error(c->name, "option '%s' needs a value", bad);
			if (optopt && optopt < 256) {
				char s[3] = { '-', (char)optopt, 0 };

				return usage_error(c->name, "unknown option '%s'", s);
			}
			return usage_error(c->name, "unknown option '%s'", bad);
		}
		if (!(option_group(opt) & c->groups))
			return usage_error(c->name, "option '%s' does not apply to '%s'",
			                   opt_name(opt), c->name);
		switch (opt) {
		case OPT_VOICE: cl->opt.voice = optarg; break;
		case OPT_LATIN_VOICE: cl->opt.latin_voice = optarg; break;
		case OPT_RATE: rc = parse_int(optarg, "rate", &cl->opt.rate); break;
		case OPT_PITCH: rc = parse_int(optarg, "pitch", &cl->opt.pitch); break;
		case OPT_VOLUME: rc = parse_int(optarg, "volume", &cl->opt.volume); break;
		case 'j': rc = parse_int(optarg, "jobs", &cl->opt.jobs); break;
		case OPT_BREATH: rc = parse_int(optarg, "breath-pause", &cl->opt.pause_breath); break;
		case OPT_SENTENCE: rc = parse_int(optarg, "sentence-pause", &cl->opt.pause_sentence); break;
		case OPT_PARAGRAPH: rc = parse_int(optarg, "paragraph-pause", &cl->opt.pause_paragraph); break;
		case OPT_ARTICLE: rc = parse_int(optarg, "article-pause", &cl->opt.pause_article); break;
		case OPT_LEAD_IN: rc = parse_int(optarg, "lead-in", &cl->opt.lead_in); break;
		case OPT_LEAD_OUT: rc = parse_int(optarg, "lead-out", &cl->opt.lead_out); break;
		case 'o': cl->out.path = optarg; break;
		case OPT_FORMAT: cl->out.format = optarg; break;
		case OPT_TITLE: cl->out.title = optarg; break;
		case OPT_ARTIST: cl->out.artist = optarg; break;
		case OPT_DATE: cl->out.date = optarg; break;
		case OPT_ALBUM: cl->out.album = optarg; break;
		case OPT_COMMENT: cl->out.comment = optarg; break;
		case OPT_SAMPLE_RATE: rc = parse_int(optarg, "sample-rate", &cl->out.sample_rate); break;
		case OPT_QUALITY:
			cl->out.quality = decimal(optarg, 1) ? strtod(optarg, &end) : -1;
			if (!(cl->out.quality >= 0 && cl->out.quality <= 1))
				rc = usage_error(c->name, "invalid --quality '%s' (0 to 1)", optarg);
			break;
		case OPT_BITRATE: rc = parse_int(optarg, "bitrate", &cl->out.bitrate); break;
		case OPT_SUBTITLES: cl->out.subtitles = optarg; break;
		case OPT_CHAPTERS: cl->out.chapters = optarg; break;
		case OPT_REPORT: cl->out.report = optarg; break;
		case OPT_HTML: cl->out.html = optarg; break;
		case OPT_LOUDNESS: cl->out.loudness = optarg; break;
		case OPT_INTRO: cl->out.intro = optarg; break;
		case OPT_OUTRO: cl->out.outro = optarg; break;
		case OPT_JINGLE_BEFORE: cl->out.jingle_before = optarg; break;
		case OPT_JINGLE_BETWEEN: cl->out.jingle_between = optarg; break;
		case OPT_JINGLE_AFTER: cl->out.jingle_after = optarg; break;
		case OPT_HEADLINE: rc = parse_int(optarg, "headline-pause", &cl->opt.pause_headline); break;
		case OPT_RUNDOWN: cl->rundown = optarg; break;
		case OPT_PRESENTERS: cl->out.presenters = optarg; break;
		case OPT_BED: cl->out.bed = optarg; break;
		case OPT_BED_DUCK:
			cl->out.bed_duck = decimal(optarg, 1) ? strtod(optarg, &end) : -1;
			if (!(cl->out.bed_duck >= 0 && cl->out.bed_duck <= 40))
				rc = usage_error(c->name, "invalid --bed-duck '%s' (0 to 40 dB)", optarg);
			break;
		case OPT_FORCE: cl->out.force = 1; break;
		case OPT_DRIVER: cl->out.driver = optarg; break;
		case OPT_DRIVER_OPTION:
			cl->driver_options[cl->n_driver_options++] = optarg;
			break;
		case OPT_LEXICON:
			cl->lexicons[cl->n_lexicons++] = optarg;
			break;
		case OPT_ENCODING: cl->opt.encoding = optarg; break;
		case OPT_NO_KEYS: cl->no_keys = 1; break;
		case OPT_STATUS:
			if ((cl->listen.status = cli_status_mode(optarg)) < 0)
				rc = usage_error(c->name, "invalid --status '%s' (line, plain or none)",
				                 optarg);
			break;
		case OPT_RESUME: cl->listen.po.resume = 1; break;
		case OPT_REALTIME: cl->listen.po.realtime = 1; break;
		case OPT_FROM: {
			int from = 0;

			if (!(rc = parse_int(optarg, "from", &from)) && from < 1)
				rc = usage_error(c->name, "invalid --from '%s' (a sentence number from 1)",
				                 optarg);
			cl->listen.po.from = (unsigned long)from;
			break;
		}
		case OPT_INPUT_FORMAT:
			if (!strcmp(optarg, "html"))
				cl->opt.input_format = BOBAO_INPUT_HTML;
			else if (!strcmp(optarg, "text"))
				cl->opt.input_format = BOBAO_INPUT_TEXT;
			else if (!strcmp(optarg, "auto"))
				cl->opt.input_format = BOBAO_INPUT_AUTO;
			else
				rc = usage_error(c->name, "unknown --input-format '%s' (auto, text, html)",
				                 optarg);
			break;
		case OPT_UNITS: cl->text_flags |= BOBAO_TEXT_UNITS; break;
		case OPT_PER_LINE: cl->text_flags |= BOBAO_TEXT_PER_LINE; break;
		case OPT_ANNOTATE: cl->text_flags |= BOBAO_TEXT_ANNOTATE; break;
		case OPT_ALL: cl->all = 1; break;
		case 'q': cl->quiet = 1; break;
		case 'v': cl->verbose = 1; break;
		}
		if (rc)
			return rc;
	}
	if ((cl->text_flags & BOBAO_TEXT_UNITS) && (cl->text_flags & BOBAO_TEXT_PER_LINE))
		return usage_error(c->name, "--units and --per-line exclude each other");
	cl->inputs = (const char **)argv + optind;
	cl->n_inputs = (size_t)(argc - optind);
	if (cl->rundown) {
		if (cl->n_inputs)
			return usage_error(c->name, "give articles as files or in --rundown, not both");
		cl->reads[0] = cl->rundown;
		cl->out.reads = cl->reads;
		return read_rundown(cl);
	}
	if (!cl->n_inputs) {
		static const char *stdin_only[] = { "-" };

		cl->inputs = stdin_only;
		cl->n_inputs = 1;
	}
	return 0;
}

void cli_clock_str(char *buf, size_t n, double s)
{
	long t = (long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

static int show_progress(void *ctx, const struct bobao_progress *p)
{
	struct progress *pr = ctx;
	char audio[32], eta[32] = "";

	cli_clock_str(audio, sizeof(audio), p->audio_seconds);
	if (p->fraction > 0.01 && p->fraction < 1) {
		cli_clock_str(eta, sizeof(eta) - 6, p->elapsed * (1 - p->fraction) / p->fraction);
		fprintf(stderr, "\r%s: %lu sentences, %s of audio, %d%%, ETA %s\033[K", prog,
		        p->units, audio, (int)(p->fraction * 100), eta);
	} else {
		fprintf(stderr, "\r%s: %lu sentences, %s of audio\033[K", prog, p->units, audio);
	}
	pr->shown = 1;
	return 0;
}

static int fail(bobao *b, bobao_code rc)
{
	const char *msg = bobao_errmsg(b);

	fprintf(stderr, "%s: %s\n", prog, *msg ? msg : bobao_strerror(rc));
	return bobao_exit_status(rc);
}

/* The start of every command: parse its options and open a handle.
 * Non-zero: the exit status to return at once (after end()). */
int cli_begin(const struct command *c, int argc, char **argv, struct cli *cl,
                 enum bobao_output_kind kind, bobao **b)
{
	bobao_code rc;
	size_t i;
	int status;

	*b = NULL;
	catch_signals();   /* first: a signal while lexicons load is 130 too */
	memset(cl, 0, sizeof(*cl));
	bobao_options_init(&cl->opt);
	bobao_output_init(&cl->out, kind);
	bobao_player_options_init(&cl->listen.po);
	cl->driver_options = calloc((size_t)argc + 1, sizeof(*cl->driver_options));
	cl->lexicons = calloc((size_t)argc + 1, sizeof(*cl->lexicons));
	if (!cl->driver_options || !cl->lexicons)
		return 71;
	cl->out.driver_options = cl->driver_options;
	if ((status = parse(c, argc, argv, cl)) != 0)
		return status;
	if (!cl->quiet && isatty(2)) {
		cl->opt.progress = show_progress;
		cl->opt.progress_ctx = &cl->progress;
	}
	if ((rc = bobao_new(b)) != BOBAO_OK) {
		fprintf(stderr, "%s: %s\n", prog, bobao_strerror(rc));
		return bobao_exit_status(rc);
	}
	if ((rc = bobao_set_options(*b, &cl->opt)) != BOBAO_OK)
		return fail(*b, rc);
	for (i = 0; i < cl->n_lexicons; i++)
		if ((rc = bobao_add_lexicon(*b, cl->lexicons[i])) != BOBAO_OK)
			return fail(*b, rc);
	running = *b;
	if (caught)   /* while the options and lexicons were read */
		return fail(*b, BOBAO_E_INTERRUPTED);
	return 0;
}

/* -v after an audio file is played: its length and, corrected, its level. */
static void played_line(bobao *b, const char *path)
{
	struct bobao_stats st;
	char audio[32];

	bobao_get_stats(b, &st);
	cli_clock_str(audio, sizeof(audio), st.audio_seconds);
	fprintf(stderr, "%s: %s: %.1f s (%s) played", prog, path, st.audio_seconds, audio);
	if (st.loudness > -70)
		fprintf(stderr, ", %.1f LUFS, %.1f dBTP", st.loudness, st.true_peak);
	fputc('\n', stderr);
}

/* The end of every command: report rc, release everything. */
int cli_end(struct cli *cl, bobao *b, bobao_code rc, int status, const char *what)
{
	struct bobao_stats st;
	char audio[32];

	if (cl->progress.shown)
		fprintf(stderr, "\r\033[K");
	if (rc != BOBAO_OK) {
		status = fail(b, rc);
	} else if (!status && cl->verbose && what) {
		bobao_get_stats(b, &st);
		cli_clock_str(audio, sizeof(audio), st.audio_seconds);
		fprintf(stderr, "%s: %s: %lu article%s, %lu paragraph%s, %lu sentence%s, "
		        "%lu unit%s, %.1f s (%s) of audio in %.1f s", prog, what,
		        st.articles, PLURAL(st.articles), st.paragraphs, PLURAL(st.paragraphs),
		        st.sentences, PLURAL(st.sentences), st.units, PLURAL(st.units),
		        st.audio_seconds, audio, st.elapsed);
		if (st.loudness > -70)
			fprintf(stderr, ", %.1f LUFS, %.1f dBTP", st.loudness, st.true_peak);
		fputc('\n', stderr);
	}
	running = NULL;
	bobao_free(b);
	free(cl->driver_options);
	free(cl->lexicons);
	cli_rundown_release(&cl->rd);
	return status;
}

static int cmd_synth(const struct command *c, int argc, char **argv)
{
	struct cli cl;
	bobao *b;
	int status = cli_begin(c, argc, argv, &cl, BOBAO_OUTPUT_FILE, &b);

	if (!status && !cl.out.path)
		status = usage_error(c->name, "synth needs an output file: -o FILE");
	if (status)
		return cli_end(&cl, b, BOBAO_OK, status, NULL);
	return cli_end(&cl, b, bobao_render(b, cl.inputs, cl.n_inputs, &cl.out), 0, cl.out.path);
}

int cli_is_audio(const char *path)
{
	static const char *const ext[] = { ".wav", ".ogg", ".oga", ".flac", ".opus", ".mp3" };
	size_t n = strlen(path), i, k;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		k = strlen(ext[i]);
		if (n > k && !strcasecmp(path + n - k, ext[i]))
			return 1;
	}
	return 0;
}

/* play as an interactive player (cli/keys.c): on a terminal, or for
 * --from, --resume, --realtime.  -1: play straight through instead. */
static int play_listening(struct cli *cl, bobao *b)
{
	const struct bobao_player_options *po = &cl->listen.po;
	const struct bobao_output *o = &cl->out;
	size_t i;
	int is_stdin = 0;

	for (i = 0; i < cl->n_inputs; i++)
		is_stdin |= !strcmp(cl->inputs[i], "-");
	cl->listen.keys = !cl->no_keys && !is_stdin && isatty(STDIN_FILENO);
	if (!cl->listen.keys && !po->from && !po->resume && !po->realtime)
		return -1;
	if (o->intro || o->outro || o->jingle_before || o->jingle_between || o->jingle_after ||
	    o->presenters || o->bed || o->report || (o->loudness && strcmp(o->loudness, "off"))) {
		if (po->from || po->resume || po->realtime)
			return usage_error("play", "--from, --resume and --realtime do not go with "
			                   "--intro, --outro, --jingle-*, --presenters, --bed, "
			                   "--loudness or --report");
		return -1;
	}
	cl->listen.quiet = cl->quiet;
	if (!cl->listen.status)
		cl->listen.status = cl->quiet ? CLI_STATUS_NONE : cli_status_auto();
	cl->listen.verbose = cl->verbose;
	if (po->resume && !(cl->listen.po.positions = cli_positions_path())) {
		fprintf(stderr, "%s: --resume: no $XDG_STATE_HOME or $HOME to keep positions in\n", prog);
		return 73;
	}
	if (!po->resume)
		cl->listen.po.positions = cli_positions_path();
	return cli_play(b, cl->inputs, cl->n_inputs, &cl->out, &cl->listen);
}

static int cmd_play(const struct command *c, int argc, char **argv)
{
	struct cli cl;
	bobao *b;
	bobao_code rc = BOBAO_OK;
	size_t i, audio = 0;
	int status = cli_begin(c, argc, argv, &cl, BOBAO_OUTPUT_PLAYER, &b);

	for (i = 0; !status && i < cl.n_inputs; i++)
		audio += cli_is_audio(cl.inputs[i]) != 0;
	if (!status && audio && audio != cl.n_inputs)
		status = usage_error(c->name, "play takes text files or audio files, not both");
	if (status)
		return cli_end(&cl, b, BOBAO_OK, status, NULL);
	if ((status = play_listening(&cl, b)) >= 0)
		return cli_end(&cl, b, BOBAO_OK, status, NULL);
	if (audio) {
		for (i = 0; i < cl.n_inputs && rc == BOBAO_OK; i++)
			if ((rc = bobao_play_file(b, cl.inputs[i], &cl.out)) == BOBAO_OK && cl.verbose)
				played_line(b, cl.inputs[i]);
		return cli_end(&cl, b, rc, 0, NULL);
	} else {
		rc = bobao_render(b, cl.inputs, cl.n_inputs, &cl.out);
	}
	return cli_end(&cl, b, rc, 0, "played");
}

static const char *break_name(enum bobao_break brk)
{
	static const char *const names[] = { "start", "breath", "sentence", "paragraph",
	                                     "article" };

	return (unsigned)brk < 5 ? names[brk] : "?";
}

struct text_out {
	int field;        /* 0 text, 1 speech, 2 phonemes, 3 annotated */
	int kinds;        /* prefix the break kind */
	int verbose;      /* -v: notes on standard error */
};

/* -v: each note on standard error as FILE:LINE: note */
static void print_notes(const struct bobao_text *t)
{
	const char *p = t->notes, *e;

	while (p && *p) {
		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		fprintf(stderr, "bobao: %s:%lu: %.*s\n", t->input ? t->input : "-", t->line,
		        (int)(e - p), p);
		p = *e ? e + 1 : e;
	}
}

static int print_text(void *ctx, const struct bobao_text *t)
{
	const struct text_out *o = ctx;
	const char *s = o->field == 0 ? t->text : o->field == 1 ? t->speech :
	                o->field == 2 ? t->phonemes : t->annotated;

	if (o->verbose)
		print_notes(t);

	if (o->kinds)
		printf("%s\t", break_name(t->brk));
	puts(s ? s : "");
	return ferror(stdout) != 0;
}

static int run_text(const struct command *c, int argc, char **argv, int field)
{
	struct cli cl;
	struct text_out o;
	bobao *b;
	bobao_code rc;
	int status = cli_begin(c, argc, argv, &cl, BOBAO_OUTPUT_FILE, &b);

	if (status)
		return cli_end(&cl, b, BOBAO_OK, status, NULL);
	o.field = field;
	o.kinds = field == 0 && (cl.text_flags & BOBAO_TEXT_UNITS);
	o.verbose = cl.verbose;
	if (field == 2)
		cl.text_flags |= BOBAO_TEXT_PHONEMES;
	if (cl.text_flags & BOBAO_TEXT_ANNOTATE)
		o.field = 3;
	rc = bobao_read_text(b, cl.inputs, cl.n_inputs, cl.text_flags, print_text, &o);
	if (fflush(stdout) && rc == BOBAO_OK) {
		perror("bobao: standard output");
		status = 74;
	}
	return cli_end(&cl, b, rc, status, NULL);
}

static int cmd_segment(const struct command *c, int argc, char **argv)
{
	return run_text(c, argc, argv, 0);
}

static int cmd_pinyin(const struct command *c, int argc, char **argv)
{
	return run_text(c, argc, argv, 1);
}

static int cmd_phonemes(const struct command *c, int argc, char **argv)
{
	return run_text(c, argc, argv, 2);
}

static int print_voice(void *ctx, const struct bobao_voice *v)
{
	(void)ctx;
	printf("%c %-20s %s\n", v->mandarin ? '*' : ' ', v->name, v->description);
	return 0;
}

static int cmd_voices(const struct command *c, int argc, char **argv)
{
	struct cli cl;
	bobao *b;
	int status = cli_begin(c, argc, argv, &cl, BOBAO_OUTPUT_FILE, &b);

	if (!status && optind < argc)
		status = usage_error(c->name, "unexpected argument '%s'", argv[optind]);
	if (status)
		return cli_end(&cl, b, BOBAO_OK, status, NULL);
	return cli_end(&cl, b, bobao_voices(b, cl.all, print_voice, NULL), 0, NULL);
}

static const struct command commands[] = {
	{ "synth", VOICE | PAUSES | FILEOUT | VERBOSITY | READING, usage_synth, cmd_synth },
	{ "play", VOICE | PAUSES | PLAYER | VERBOSITY | READING, usage_play, cmd_play },
	{ "segment", UNITS | READING | VERBOSITY, usage_segment, cmd_segment },
	{ "pinyin", UNITS | PERLINE | READING | VERBOSITY, usage_pinyin, cmd_pinyin },
	{ "phonemes", VOICE | UNITS | READING, usage_phonemes, cmd_phonemes },
	{ "voices", ALL, usage_voices, cmd_voices },
	{ "fetch", 0, cli_usage_fetch, cli_cmd_fetch },
	{ "stream", VOICE | PAUSES | VERBOSITY | READING, cli_usage_stream, cli_cmd_stream },
};

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		fputs(usage_main, stderr);
		return EX_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("bobao %s\n", BOBAO_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(&commands[i], argc - 1, argv + 1);
	fprintf(stderr, "%s: unknown command '%s' (see '%s --help')\n", prog, argv[1], prog);
	return EX_USAGE;
}
