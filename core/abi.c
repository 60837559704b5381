/*
 * abi.c - the 0.1.0 ABI, kept for programs built against it (see the ABI
 * rule in include/bobao.h).
 *
 * 0.1.0's structs had no size member.  A program built then calls the
 * symbols of version BOBAO_0 (core/libbobao.map); they are defined here,
 * with the structs as 0.1.0 laid them out, and copy them field by field to
 * and from today's, whose fields they all have.  Nothing here changes when
 * a field is appended to a struct: the 0.1.0 layouts are frozen.
 *
 * Only the shared library has these (they are not in libbobao.a: a static
 * program is built against the header it was built against).
 */
#include <string.h>

#include "core.h"

#undef bobao_options_init
#undef bobao_output_init
#undef bobao_get_stats
#undef bobao_player_options_init
#undef bobao_player_position
#undef bobao_fetch_options_init

/* A 0.1.0 function: impl is exported as name@BOBAO_0 (and nothing else:
 * the version script makes core_v0_* local). */
#define V0(impl, name) __asm__(".symver " #impl "," #name "@BOBAO_0")
struct bobao_options_v0 {
	const char *voice;      /* Mandarin eSpeak NG voice; "cmn-latn-pinyin" */
	const char *latin_voice; /* voice for English words and acronyms; "en" */
	const char *encoding;   /* of the inputs: "auto" (UTF-8, else GB18030,
	                           else Big5, by validity; standard input is
	                           judged on its first 64 KiB), "utf-8",
	                           "gb18030" ("gbk", "gb2312"), "big5" */
	int rate;               /* words per minute, 80..450; 175 */
	int pitch;              /* 0..100; 50 */
	int volume;             /* percent, 1..200; 100 (0, silence, is refused) */
	int jobs;               /* synthesis worker processes, 1..32; 0: one per
	                           online CPU; 1: synthesize in this process */

	/* Pauses in milliseconds, 0..60000. */
	int pause_breath;       /* 150 */
	int pause_sentence;     /* 350 */
	int pause_paragraph;    /* 700 */
	int pause_article;      /* 1200 */
	int lead_in;            /* 300: silence before the first word */
	int lead_out;           /* 300: silence after the last word */
	int pause_headline;     /* 1000: after a headline (a line "# ...") */
	int input_format;       /* enum bobao_input_format; BOBAO_INPUT_AUTO */

	bobao_progress_fn progress; /* optional */
	void *progress_ctx;
};
struct bobao_output_v0 {
	enum bobao_output_kind kind;

	/* BOBAO_OUTPUT_FILE.  The file is written as a temporary in the same
	 * directory and put in place only when complete; a symbolic link is
	 * followed and the file it names replaced.  "-" is standard output (not
	 * a terminal); a FIFO or a device is written in place, as a stream. */
	const char *path;
	const char *format;   /* "wav", "ogg" (Vorbis), "opus", "flac", "mp3";
	                         NULL: from path's extension */
	const char *title;    /* tags, UTF-8, each optional; MP3 gets an ID3v2.4 */
	const char *artist;
	const char *date;
	const char *album;
	const char *comment;
	int sample_rate;      /* 0: the speech's own (22050 Hz), or the nearest the
	                         codec takes (Opus: 48000); else resampled */
	double quality;       /* 0..1 for Vorbis, Opus and MP3; < 0: default */
	int bitrate;          /* kbit/s for Opus (6-256) and MP3 (constant; 32-320
	                         at 32 kHz and up, 8-160 from 16 kHz, 8-64 below);
	                         0: the codec's default; wins over quality */
	const char *subtitles;/* a cue per sentence, its text as written: .vtt,
	                         .srt or .lrc by extension; NULL: none */
	const char *chapters; /* Podcasting 2.0 JSON chapters, one per article */
	const char *report;   /* a JSON report of the run */

	/* Both kinds: the programme around the articles.  intro and outro are
	 * spoken before the first and after the last article; "{date}" in them
	 * becomes the date (date above when it is YYYY-MM-DD, else today) and
	 * "{weekday}" its day of the week.  Jingles are audio files (anything
	 * libsndfile reads), resampled and brought to the loudness of the
	 * speech, played before the programme, between articles, after it. */
	const char *intro, *outro;
	const char *jingle_before, *jingle_between, *jingle_after;
	const char *const *titles;  /* a title per input (NULL entries and a NULL
	                               array: the article's first sentence), for
	                               chapters */

	/* Both kinds.  Loudness: "off" (NULL), "broadcast" (EBU R128, -23 LUFS),
	 * "podcast" (-16 LUFS, dual mono), "pa" (-14 LUFS), or a number of LUFS;
	 * the true peak stays at or under -1 dBTP.  Files are measured and
	 * corrected in a second pass; live playback follows a running estimate. */
	const char *loudness;

	/* BOBAO_OUTPUT_PLAYER. */
	const char *driver;   /* libao driver short name; NULL: libao's default */
	const char *const *driver_options; /* "KEY=VALUE" strings, NULL-terminated
	                                      array, or NULL.  File drivers (wav,
	                                      raw, au) take "file=PATH". */

	/* Both kinds (last, so that the fields above keep their offsets). */
	int force;            /* replace write-protected files (else
	                         BOBAO_E_CREATE); also for play's file= */
	const char *const *reads;  /* other files the run reads (a rundown),
	                              NULL-terminated, or NULL: no output may
	                              land on them, nor on an input, a jingle or
	                              a lexicon (BOBAO_E_ARG) */
	const char *html;     /* a web page for the bulletin (needs path): the
	                         audio with WebVTT captions, chapters and a
	                         transcript that follows the speech.  Its
	                         captions are subtitles when that is a .vtt,
	                         else a .vtt named after the page, beside it */
};
struct bobao_player_options_v0 {
	unsigned long from;    /* start at this sentence (1-based); 0: the first */
	const char *positions; /* file keeping a position per text (by a hash of
	                          its content), or NULL: none */
	int resume;            /* start where positions says the last play of
	                          the same text stopped (wins over from) */
	int realtime;          /* pace the audio to real time, as a sound card
	                          would, for drivers that do not (wav, raw, au,
	                          null; ALSA's file plugin); the file drivers then
	                          hold what was heard, silences of pauses and
	                          waits included */
};
struct bobao_fetch_options_v0 {
	const char *dir;        /* where articles and rundown.tsv go (required;
	                           created if missing) */
	const char *seen;       /* items already broadcast, a key a line: read,
	                           skipped, and the new ones added (NULL: none) */
	const char *cache;      /* validators (ETag, Last-Modified) of the feeds:
	                           NULL: DIR/.cache; "": no cache */
	long long since;        /* seconds since 1970: items dated earlier are
	                           skipped (undated items are kept); 0: none */
	int max_items;          /* new items taken per source; 0: all */
	int full_text;          /* follow an item's link for the article: -1 when
	                           its text is under 200 characters, 0 never,
	                           1 always; -1 */
	long connect_timeout_ms; /* 10000 */
	long timeout_ms;        /* a whole transfer; 60000 */
	long max_body;          /* bytes of a body, decoded; 10 MiB */
	int max_redirects;      /* 0..20; 5 */
	bobao_fetch_fn report;  /* optional */
	void *report_ctx;
};
struct bobao_stats_v0 {
	unsigned long units;      /* units of speech (sentences, breath groups) */
	unsigned long sentences;
	unsigned long paragraphs;
	unsigned long articles;
	double audio_seconds;     /* duration of the audio produced */
	double elapsed;           /* wall seconds the render took */
	double loudness;          /* integrated, LUFS (-70: not measured) */
	double true_peak;         /* dBTP (-120: not measured) */
	int sample_rate;          /* of the output */
};
struct bobao_position_v0 {
	unsigned long sentence, sentences;     /* 1-based; of all the inputs */
	unsigned long paragraph, paragraphs;
	unsigned long article, articles;
	unsigned long in_article, article_sentences; /* within its article */
	double elapsed, total;   /* seconds; total is estimated until all of it
	                            is synthesized */
	const char *text;        /* the sentence as written (valid until the next
	                            call on the player); a time for audio files
	                            without cues */
	int rate;                /* words per minute; 0 for audio files */
	int paused;
	int done;
	int resumed;             /* started where the positions file said */
	double response_ms;      /* the last move: from the call to the first
	                            audio of the new position handed to the
	                            device (-1: none yet) */
};
#define OPTIONS_FIELDS(X) X(voice) X(latin_voice) X(encoding) X(rate) X(pitch) X(volume) X(jobs) X(pause_breath) X(pause_sentence) X(pause_paragraph) X(pause_article) X(lead_in) X(lead_out) X(pause_headline) X(input_format) X(progress) X(progress_ctx)
#define OUTPUT_FIELDS(X) X(kind) X(path) X(format) X(title) X(artist) X(date) X(album) X(comment) X(sample_rate) X(quality) X(bitrate) X(subtitles) X(chapters) X(report) X(intro) X(outro) X(jingle_before) X(jingle_between) X(jingle_after) X(titles) X(loudness) X(driver) X(driver_options) X(force) X(reads) X(html)
#define PLAYER_OPTIONS_FIELDS(X) X(from) X(positions) X(resume) X(realtime)
#define FETCH_OPTIONS_FIELDS(X) X(dir) X(seen) X(cache) X(since) X(max_items) X(full_text) X(connect_timeout_ms) X(timeout_ms) X(max_body) X(max_redirects) X(report) X(report_ctx)
#define COPY(f) d->f = s->f;

/* 0.1.0 structs from and to today's, defaults for what 0.1.0 had not. */
static void options_new(struct bobao_options *d, const struct bobao_options_v0 *s)
{
	bobao_options_init_sized(d, sizeof(*d));
	OPTIONS_FIELDS(COPY)
}

static void options_old(struct bobao_options_v0 *d, const struct bobao_options *s)
{
	memset(d, 0, sizeof(*d));
	OPTIONS_FIELDS(COPY)
}

static void output_new(struct bobao_output *d, const struct bobao_output_v0 *s)
{
	bobao_output_init_sized(d, s->kind, sizeof(*d));
	OUTPUT_FIELDS(COPY)
}

static void output_old(struct bobao_output_v0 *d, const struct bobao_output *s)
{
	memset(d, 0, sizeof(*d));
	OUTPUT_FIELDS(COPY)
}

static void player_options_new(struct bobao_player_options *d, const struct bobao_player_options_v0 *s)
{
	bobao_player_options_init_sized(d, sizeof(*d));
	PLAYER_OPTIONS_FIELDS(COPY)
}

static void player_options_old(struct bobao_player_options_v0 *d, const struct bobao_player_options *s)
{
	memset(d, 0, sizeof(*d));
	PLAYER_OPTIONS_FIELDS(COPY)
}

static void fetch_options_new(struct bobao_fetch_options *d, const struct bobao_fetch_options_v0 *s)
{
	bobao_fetch_options_init_sized(d, sizeof(*d));
	FETCH_OPTIONS_FIELDS(COPY)
}

static void fetch_options_old(struct bobao_fetch_options_v0 *d, const struct bobao_fetch_options *s)
{
	memset(d, 0, sizeof(*d));
	FETCH_OPTIONS_FIELDS(COPY)
}

/* ---- the BOBAO_0 symbols ---- */

#define API_V0 BOBAO_API

API_V0 void core_v0_options_init(struct bobao_options_v0 *o);
V0(core_v0_options_init, bobao_options_init);
void core_v0_options_init(struct bobao_options_v0 *o)
{
	struct bobao_options n;

	if (!o)
		return;
	bobao_options_init_sized(&n, sizeof(n));
	options_old(o, &n);
}

API_V0 bobao_code core_v0_set_options(bobao *b, const struct bobao_options_v0 *o);
V0(core_v0_set_options, bobao_set_options);
bobao_code core_v0_set_options(bobao *b, const struct bobao_options_v0 *o)
{
	struct bobao_options n;

	if (o)
		options_new(&n, o);
	return bobao_set_options(b, o ? &n : NULL);
}

API_V0 void core_v0_output_init(struct bobao_output_v0 *o, enum bobao_output_kind kind);
V0(core_v0_output_init, bobao_output_init);
void core_v0_output_init(struct bobao_output_v0 *o, enum bobao_output_kind kind)
{
	struct bobao_output n;

	if (!o)
		return;
	bobao_output_init_sized(&n, kind, sizeof(n));
	output_old(o, &n);
}

API_V0 bobao_code core_v0_render(bobao *b, const char *const *inputs, size_t n_inputs,
                                 const struct bobao_output_v0 *o);
V0(core_v0_render, bobao_render);
bobao_code core_v0_render(bobao *b, const char *const *inputs, size_t n_inputs,
                          const struct bobao_output_v0 *o)
{
	struct bobao_output n;

	if (o)
		output_new(&n, o);
	return bobao_render(b, inputs, n_inputs, o ? &n : NULL);
}

API_V0 bobao_code core_v0_play_file(bobao *b, const char *path, const struct bobao_output_v0 *o);
V0(core_v0_play_file, bobao_play_file);
bobao_code core_v0_play_file(bobao *b, const char *path, const struct bobao_output_v0 *o)
{
	struct bobao_output n;

	if (o)
		output_new(&n, o);
	return bobao_play_file(b, path, o ? &n : NULL);
}

API_V0 void core_v0_get_stats(const bobao *b, struct bobao_stats_v0 *out);
V0(core_v0_get_stats, bobao_get_stats);
void core_v0_get_stats(const bobao *b, struct bobao_stats_v0 *out)
{
	bobao_get_stats_sized(b, (struct bobao_stats *)(void *)out, sizeof(*out));
}

API_V0 void core_v0_player_options_init(struct bobao_player_options_v0 *o);
V0(core_v0_player_options_init, bobao_player_options_init);
void core_v0_player_options_init(struct bobao_player_options_v0 *o)
{
	struct bobao_player_options n;

	if (!o)
		return;
	bobao_player_options_init_sized(&n, sizeof(n));
	player_options_old(o, &n);
}

API_V0 bobao_code core_v0_player_open(bobao *b, const char *const *inputs, size_t n,
                                      const struct bobao_output_v0 *out,
                                      const struct bobao_player_options_v0 *po,
                                      bobao_player **pl);
V0(core_v0_player_open, bobao_player_open);
bobao_code core_v0_player_open(bobao *b, const char *const *inputs, size_t n,
                               const struct bobao_output_v0 *out,
                               const struct bobao_player_options_v0 *po, bobao_player **pl)
{
	struct bobao_output o;
	struct bobao_player_options p;

	if (out)
		output_new(&o, out);
	if (po)
		player_options_new(&p, po);
	return bobao_player_open(b, inputs, n, out ? &o : NULL, po ? &p : NULL, pl);
}

API_V0 void core_v0_player_position(bobao_player *pl, struct bobao_position_v0 *pos);
V0(core_v0_player_position, bobao_player_position);
void core_v0_player_position(bobao_player *pl, struct bobao_position_v0 *pos)
{
	bobao_player_position_sized(pl, (struct bobao_position *)(void *)pos, sizeof(*pos));
}

API_V0 void core_v0_fetch_options_init(struct bobao_fetch_options_v0 *o);
V0(core_v0_fetch_options_init, bobao_fetch_options_init);
void core_v0_fetch_options_init(struct bobao_fetch_options_v0 *o)
{
	struct bobao_fetch_options n;

	if (!o)
		return;
	bobao_fetch_options_init_sized(&n, sizeof(n));
	fetch_options_old(o, &n);
}

API_V0 bobao_code core_v0_fetch(bobao *b, const char *const *sources, size_t n_sources,
                                const struct bobao_fetch_options_v0 *o);
V0(core_v0_fetch, bobao_fetch);
bobao_code core_v0_fetch(bobao *b, const char *const *sources, size_t n_sources,
                         const struct bobao_fetch_options_v0 *o)
{
	struct bobao_fetch_options n;

	if (o)
		fetch_options_new(&n, o);
	return bobao_fetch(b, sources, n_sources, o ? &n : NULL);
}
