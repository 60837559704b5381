/*
 * bobao.h - turn Mandarin news text into spoken bulletins.
 *
 * The only public header of libbobao.  The bobao tool uses nothing else.
 *
 * Life cycle:
 *
 *     struct bobao_options opt;
 *     bobao *b;
 *     if (bobao_new(&b) != BOBAO_OK) ...  // out of memory
 *     bobao_options_init(&opt);          // defaults, then change what you need
 *     rc = bobao_set_options(b, &opt);   // optional: defaults otherwise
 *     if (rc == BOBAO_OK)
 *         rc = bobao_render(b, inputs, n, &out);
 *     if (rc != BOBAO_OK)
 *         fprintf(stderr, "%s\n", bobao_errmsg(b));
 *     bobao_free(b);
 *
 * A handle is used by one thread at a time.  The eSpeak NG engine keeps
 * process-wide state, so a process renders with one handle at a time.
 *
 * Strings are UTF-8.  Pointers passed in are borrowed for the duration of
 * the call unless said otherwise; nothing passed in is freed by the library.
 * A NULL where a handle, path, array entry, callback or result pointer is
 * needed is BOBAO_E_ARG (with bobao_errmsg() when the handle is there);
 * functions returning void do nothing with a NULL.
 */
#ifndef BOBAO_H
#define BOBAO_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BOBAO_VERSION "0.2.0"

/*
 * ABI rule: a program built against an older bobao.h keeps working with a
 * newer libbobao.so.0.
 *
 * - The structs a program fills in (bobao_options, bobao_output,
 *   bobao_player_options, bobao_fetch_options) begin with `size_t size`,
 *   set by their init macro to sizeof the struct as the program was
 *   compiled.  The library reads only the fields within that size and
 *   takes the defaults for the others.  Always call the init macro before
 *   setting fields; never set size by hand.
 * - The structs the library fills in (bobao_stats, bobao_position) are
 *   written only as far as the program's sizeof, passed by the macros
 *   bobao_get_stats() and bobao_player_position().
 * - A new field is appended at the end of its struct, with its default in
 *   the init function; nothing is reordered, removed or retyped.  That is
 *   all: the size does the rest.
 * - Programs built against 0.1.0, whose structs had no size member, are
 *   served by versioned symbols (BOBAO_0 in core/libbobao.map, core/abi.c):
 *   they call the 0.1.0 functions, which copy the old layout into the new.
 *
 * HACKING.md says how to add a field, step by step.
 */

/* Marks the functions libbobao exports; everything else in the library is
 * built hidden (-fvisibility=hidden), so the shared library's ABI is exactly
 * what this header declares. */
#if defined(__GNUC__) && __GNUC__ >= 4
#define BOBAO_API __attribute__((visibility("default")))
#else
#define BOBAO_API
#endif

/* Result of every fallible call.  bobao_strerror() names each one and
 * bobao_exit_status() maps it onto sysexits.h for tools and cron scripts. */
typedef enum bobao_code {
	BOBAO_OK = 0,
	BOBAO_E_NOMEM,       /* out of memory */
	BOBAO_E_ARG,         /* invalid argument or option value */
	BOBAO_E_VOICE,       /* unknown or unusable voice */
	BOBAO_E_FORMAT,      /* unknown or unsupported output format */
	BOBAO_E_NOINPUT,     /* an input file is missing or unreadable */
	BOBAO_E_ENCODING,    /* input is not valid UTF-8 */
	BOBAO_E_BINARY,      /* input holds binary data, not text */
	BOBAO_E_EMPTY,       /* input holds nothing to read aloud */
	BOBAO_E_TOOLONG,     /* a paragraph exceeds the size limit */
	BOBAO_E_AUDIO,       /* an audio file cannot be decoded */
	BOBAO_E_CREATE,      /* the output file cannot be created */
	BOBAO_E_IO,          /* reading or writing failed */
	BOBAO_E_ENGINE,      /* the speech engine failed */
	BOBAO_E_DEVICE,      /* no usable audio device */
	BOBAO_E_INTERRUPTED, /* stopped by bobao_interrupt() */
	BOBAO_E_INTERNAL,    /* a bug in bobao */
	BOBAO_E_UNAVAILABLE, /* a source (feed, page) could not be fetched */
	BOBAO_E_PARTIAL,     /* some sources could not be fetched, others were */
	BOBAO_E_DENIED,      /* a server refused the user or password */
	BOBAO_E_BUSY,        /* a server's resource (an Icecast mount) is in use */
	BOBAO_E__COUNT       /* number of codes; not a code */
} bobao_code;

/* Short static description of a code ("input is not valid UTF-8").
 * Never NULL, also for values out of range. */
BOBAO_API const char *bobao_strerror(bobao_code code);

/* sysexits.h status for a code: 0, 64 usage, 65 data, 66 no input,
 * 69 unavailable, 70 software, 71 OS error, 73 cannot create, 74 I/O,
 * 75 temporary failure, 77 permission denied, 130 interrupted. */
BOBAO_API int bobao_exit_status(bobao_code code);

/* Kind of boundary before a unit of speech, weakest first. */
enum bobao_break {
	BOBAO_BREAK_NONE = 0,  /* first unit of the bulletin */
	BOBAO_BREAK_BREATH,    /* inside a long sentence, at a comma or 、 */
	BOBAO_BREAK_SENTENCE,
	BOBAO_BREAK_PARAGRAPH,
	BOBAO_BREAK_ARTICLE    /* first unit of the second and later inputs */
};

struct bobao_progress {
	unsigned long units;   /* units of speech synthesized so far */
	double audio_seconds;  /* audio produced so far */
	double elapsed;        /* wall seconds since the render started */
	double fraction;       /* 0..1 of the input consumed, or -1 if unknown */
};

/* Called after each unit; return non-zero to stop (BOBAO_E_INTERRUPTED). */
typedef int (*bobao_progress_fn)(void *ctx, const struct bobao_progress *p);

/* How inputs are read. */
enum bobao_input_format {
	BOBAO_INPUT_AUTO = 0,  /* .html and .htm files are web pages, others text */
	BOBAO_INPUT_TEXT,      /* every input is text */
	BOBAO_INPUT_HTML       /* every input is a web page: its article is read,
	                          as bobao_extract_html() finds it */
};

struct bobao_options {
	size_t size;            /* set by bobao_options_init(): see the ABI rule */
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

/* Fill *opt with the defaults listed above (size bytes of it). */
BOBAO_API void bobao_options_init_sized(struct bobao_options *opt, size_t size);
#define bobao_options_init(opt) bobao_options_init_sized((opt), sizeof(*(opt)))

typedef struct bobao bobao;

/* Create a handle with the default options.  Fails only for lack of
 * memory.  On success *out must be released with bobao_free(). */
BOBAO_API bobao_code bobao_new(bobao **out);

/* Check and take opt (copied, strings included).  A value out of range is
 * BOBAO_E_ARG, with the option named by bobao_errmsg(); b keeps its previous
 * options then.  The speech engine opens lazily, with the first call that
 * needs it, so an unknown voice is reported by that call. */
BOBAO_API bobao_code bobao_set_options(bobao *b, const struct bobao_options *opt);

/* Add a user lexicon: lines "词<TAB>ci2" (one syllable with a tone digit
 * or mark per character) or CC-CEDICT lines ("傳統 传统 [chuan2 tong3] /.../",
 * the simplified form is used).  Its words win over the built-in lexicon and
 * over earlier files.  A bad line fails with BOBAO_E_ENCODING and
 * "FILE:LINE: what is wrong" from bobao_errmsg(). */
BOBAO_API bobao_code bobao_add_lexicon(bobao *b, const char *path);

/* Release a handle and everything it owns.  NULL is allowed. */
BOBAO_API void bobao_free(bobao *b);

/* Detailed message of the last failed call on b, one line without a final
 * full stop, such as "news.txt:3:17: invalid UTF-8".  Owned by b and valid
 * until the next call on b.  Empty string when there is nothing to say. */
BOBAO_API const char *bobao_errmsg(const bobao *b);

/* Ask a running call on b to stop as soon as possible; it then returns
 * BOBAO_E_INTERRUPTED after removing any partial output.
 * Async-signal-safe: meant for SIGINT/SIGTERM handlers. */
BOBAO_API void bobao_interrupt(bobao *b);

/* Where rendered audio goes. */
enum bobao_output_kind {
	BOBAO_OUTPUT_FILE,    /* a bulletin file at path */
	BOBAO_OUTPUT_PLAYER,  /* live playback through libao */
	BOBAO_OUTPUT_STREAM   /* a live source for an Icecast 2 mount: path is
	                         its URL (see the stream fields at the end) */
};

/* What a stream reports as it goes (BOBAO_OUTPUT_STREAM). */
enum bobao_stream_event {
	BOBAO_STREAM_CONNECTED, /* the mount is ours: message names it */
	BOBAO_STREAM_TITLE,     /* now playing: message is the article's title */
	BOBAO_STREAM_LOST,      /* the server went away: message says why and
	                           when the next attempt is */
	BOBAO_STREAM_RESUMED,   /* connected again: message says after how long
	                           and from which sentence the bulletin goes on */
	BOBAO_STREAM_LATE       /* synthesis fell behind real time (a busy
	                           machine): listeners heard a gap of message's
	                           length; the pacing goes on from there */
};

/* Called with each event; message is one line, valid during the call. */
typedef void (*bobao_stream_fn)(void *ctx, enum bobao_stream_event ev,
                                const char *message);

struct bobao_output {
	size_t size;          /* set by bobao_output_init(): see the ABI rule */
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

	/* Both kinds (appended in 0.1: new fields go last, see the ABI rule). */
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

	/* Both kinds: two presenters and a music bed (last, as above). */
	const char *presenters; /* "VOICE,VOICE", each optionally "NAME=VOICE";
	                           a VOICE of "+VARIANT" is the voice above with
	                           an eSpeak NG variant ("+m3,+f2").  Articles
	                           alternate between the two, the intro and the
	                           outro are read by both in turn, a sentence
	                           each; subtitles, the page and the report name
	                           the reader (NAME, else VOICE).  NULL: one
	                           voice */
	const unsigned *items;  /* per input, n_inputs of them, or NULL:
	                           enum bobao_item flags */
	const char *bed;        /* a music bed (anything libsndfile reads, up to
	                           120 s, looped), mixed under the items marked
	                           BOBAO_ITEM_BED, else under the intro, else
	                           under the first article; faded in and out,
	                           ducked under speech */
	double bed_duck;        /* dB the bed goes down under speech, 0..40;
	                           18.  In the gaps between items it is 6 dB
	                           under the speech's loudness */

	/* BOBAO_OUTPUT_STREAM.  path is the mount's URL,
	 * icecast://[USER[:PASSWORD]@]HOST[:PORT]/MOUNT (USER "source", PORT
	 * 8000 when left out; %XX escapes in USER and PASSWORD).  format is
	 * "ogg" (Vorbis), "opus" or "mp3", NULL: from the mount's extension
	 * (.ogg .oga .opus .mp3); quality and bitrate as for files.  The audio
	 * is paced to real time (half a second ahead).  Each article's title
	 * (its titles entry, its headline or its first sentence) is the
	 * stream's title while it is read: a new Ogg logical stream with a
	 * TITLE comment, or an Icecast metadata update for MP3.  A server lost
	 * mid-bulletin is reconnected to with back-off (0.5 s, doubling, at
	 * most 8 s apart), for reconnect seconds, and the bulletin goes on
	 * from the sentence that was on air.  Errors: BOBAO_E_DENIED (wrong
	 * user or password), BOBAO_E_BUSY (the mount has a source already),
	 * BOBAO_E_UNAVAILABLE (no server, or lost for good), BOBAO_E_FORMAT.
	 * bobao_interrupt() closes the connection at once: the mount is free. */
	const char *password;     /* wins over the URL's; NULL: the URL's */
	const char *stream_name;  /* the station, as directories and players
	                             show it; NULL: none */
	const char *stream_description;
	const char *stream_genre;
	int reconnect;            /* seconds to keep trying; 0: 60; < 0: never */
	bobao_stream_fn stream_event; /* optional */
	void *stream_ctx;
};

/* What a rundown says of an item (struct bobao_output's items). */
enum bobao_item {
	BOBAO_ITEM_PRESENTER_1 = 1 << 0,  /* read by the first presenter */
	BOBAO_ITEM_PRESENTER_2 = 1 << 1,  /* read by the second */
	BOBAO_ITEM_BED         = 1 << 2   /* the music bed under it */

};

/* Initialise *out as an empty description of the given kind (size bytes
 * of it). */
BOBAO_API void bobao_output_init_sized(struct bobao_output *out, enum bobao_output_kind kind,
                                       size_t size);
#define bobao_output_init(out, kind) bobao_output_init_sized((out), (kind), sizeof(*(out)))

/* Read the inputs aloud into out.  inputs are file paths, "-" for standard
 * input; each input is one article.  Regular files are checked completely
 * (encoding, binary data, emptiness) before any audio is produced.  Audio is
 * produced and delivered sentence by sentence.  On failure no output file is
 * left behind. */
BOBAO_API bobao_code bobao_render(bobao *b, const char *const *inputs, size_t n_inputs,
                        const struct bobao_output *out);

/* Read texts held in memory aloud into out, as bobao_render() reads files:
 * texts[i] (NUL-terminated, in the options' input encoding: UTF-8 by
 * default) is one article, a line a paragraph.  names[i] names it in error
 * messages ("news:3:17: invalid UTF-8"); names, or an entry, may be NULL:
 * "text 1", "text 2"...  texts and names are borrowed for the call: nothing
 * is kept, and the caller frees them when it likes.  Everything else is
 * bobao_render()'s: out, the file it writes (on failure, none),
 * bobao_get_stats() and bobao_errmsg() afterwards.  Each text goes through
 * a private temporary file in $TMPDIR (or /tmp), removed before the call
 * returns.  n == 0 is BOBAO_E_ARG. */
BOBAO_API bobao_code bobao_render_text(bobao *b, const char *const *texts,
                                       const char *const *names, size_t n,
                                       const struct bobao_output *out);

/* Figures of the last bobao_render() on a handle. */
struct bobao_stats {
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

/* Copy the figures of the last bobao_render() on b into *out, size bytes
 * of it (zeros before the first). */
BOBAO_API void bobao_get_stats_sized(const bobao *b, struct bobao_stats *out, size_t size);
#define bobao_get_stats(b, out) bobao_get_stats_sized((b), (out), sizeof(*(out)))

/* Play an existing audio file (anything libsndfile reads) through the
 * player described by out (kind BOBAO_OUTPUT_PLAYER), or send it to an
 * Icecast mount (kind BOBAO_OUTPUT_STREAM, mono files; out->title, else
 * the file's title tag, is the stream's title). */
BOBAO_API bobao_code bobao_play_file(bobao *b, const char *path,
                           const struct bobao_output *out);

/* One piece of text as bobao reads it, handed to a bobao_text_fn. */
struct bobao_text {
	enum bobao_break brk;  /* boundary before this piece */
	const char *input;     /* name of the input it came from */
	unsigned long line;    /* line it starts on, from 1 */
	const char *text;      /* cleaned text, as displayed */
	const char *speech;    /* what the engine is given: pinyin with tone
	                          digits for Mandarin, Latin runs as they are */
	const char *phonemes;  /* engine phonemes (BOBAO_TEXT_PHONEMES), else NULL */
	const char *annotated; /* BOBAO_TEXT_ANNOTATE: the text with each Han
	                          character followed by its reading, 銀(yin2)行(hang2),
	                          the annotation format bobao reads; else NULL */
	const char *notes;     /* how the piece was read where the text's own
	                          annotations were overruled, one line each
	                          ("長(zhang3) in 长征 reads chang2: a word of
	                          bobao's lexicon overrules the annotation"),
	                          else NULL.  Appended last: the library fills
	                          this struct, callers only read it */
};

/* Called once per piece; return non-zero to stop (BOBAO_E_INTERRUPTED). */
typedef int (*bobao_text_fn)(void *ctx, const struct bobao_text *t);

/* What bobao_read_text() hands to its callback. */
enum bobao_text_flags {
	BOBAO_TEXT_SENTENCES = 0,       /* one piece per sentence (default) */
	BOBAO_TEXT_UNITS     = 1 << 0,  /* one piece per unit of speech:
	                                   sentences cut into breath groups */
	BOBAO_TEXT_PER_LINE  = 1 << 1,  /* one piece per input line, blank
	                                   lines included (empty pieces) */
	BOBAO_TEXT_PHONEMES  = 1 << 2,  /* fill in phonemes (opens the engine) */
	BOBAO_TEXT_ANNOTATE  = 1 << 3   /* fill in annotated */
};

/* Run the text front end alone over the inputs (paths or "-") and hand each
 * piece to fn.  The strings in *t are valid during the callback only. */
BOBAO_API bobao_code bobao_read_text(bobao *b, const char *const *inputs,
                           size_t n_inputs, unsigned flags,
                           bobao_text_fn fn, void *ctx);

/* ---- the interactive player ----
 *
 * Plays text (or a bulletin file) live and lets a listener move about in
 * it while it speaks: by sentence, paragraph and article, pause, repeat,
 * change the rate.  Sentences are numbered from 1 over all the inputs, as
 * bobao_read_text() hands them out (as `bobao segment` prints them).
 * Single-threaded: the caller runs the player in short slices with
 * bobao_player_run() and calls the others between slices (the bobao tool
 * reads keys there).
 *
 *     struct bobao_player_options po;
 *     bobao_player *pl;
 *     bobao_player_options_init(&po);
 *     rc = bobao_player_open(b, inputs, n, &out, &po, &pl);
 *     while (rc == BOBAO_OK && !done) {
 *         rc = bobao_player_run(pl, 20, &done);
 *         ... bobao_player_seek(pl, BOBAO_SEEK_SENTENCE, 1) on a key ...
 *     }
 *     bobao_player_close(pl, 1);    // keep the position
 */
typedef struct bobao_player bobao_player;

struct bobao_player_options {
	size_t size;           /* set by bobao_player_options_init(): see the ABI rule */
	unsigned long from;    /* start at this sentence (1-based); 0: the first */
	const char *positions; /* file keeping a position per text (by a hash of
	                          its content), or NULL: none; written as outputs
	                          are (a write-protected one refused unless the
	                          output's force), under a lock; a damaged one
	                          fails bobao_player_open() with its name and
	                          line (BOBAO_E_BINARY, BOBAO_E_ENCODING) */
	int resume;            /* start where positions says the last play of
	                          the same text stopped (wins over from) */
	int realtime;          /* pace the audio to real time, as a sound card
	                          would, for drivers that do not (wav, raw, au,
	                          null; ALSA's file plugin); the file drivers then
	                          hold what was heard, silences of pauses and
	                          waits included */
};

/* Fill *o with the defaults: from the start, no positions, no pacing. */
BOBAO_API void bobao_player_options_init_sized(struct bobao_player_options *o, size_t size);
#define bobao_player_options_init(o) bobao_player_options_init_sized((o), sizeof(*(o)))

/* Read the inputs (text files, "-", or audio files: all of one kind) and
 * open the player out describes (kind BOBAO_OUTPUT_PLAYER; the programme
 * fields intro, outro, jingles and loudness are not used).  Nothing is
 * played before the first bobao_player_run().  An audio file is stepped by
 * the cues of a WebVTT file of the same name beside it (news.vtt for
 * news.ogg), else by its Ogg chapters (CHAPTERxxx comments), else by 5 s.
 * On success *out must be released with bobao_player_close(). */
BOBAO_API bobao_code bobao_player_open(bobao *b, const char *const *inputs, size_t n_inputs,
                             const struct bobao_output *out,
                             const struct bobao_player_options *po,
                             bobao_player **out_player);

/* Play on for about ms milliseconds (synthesis ahead, audio to the device
 * in short pieces), then return.  *done becomes 1 after the last sentence
 * has been played.  Errors of the device or the engine end the play. */
BOBAO_API bobao_code bobao_player_run(bobao_player *pl, int ms, int *done);

enum bobao_seek {
	BOBAO_SEEK_SENTENCE,
	BOBAO_SEEK_PARAGRAPH,
	BOBAO_SEEK_ARTICLE
};

/* Move by whole sentences, paragraphs or articles.  delta > 0 goes forward;
 * delta < 0 goes back to the start of the current one, or to the one
 * before when the current one began less than a second ago; 0 repeats the
 * current one from its start.  Audio of the old position still queued by
 * the player is dropped at once.  Past the last sentence the play is done;
 * there being no paragraph or article after the current one, it stays. */
BOBAO_API void bobao_player_seek(bobao_player *pl, enum bobao_seek unit, int delta);

/* Pause (1) or resume (0).  While paused for more than a few seconds a
 * sound card is closed, so that other programs can use it. */
BOBAO_API void bobao_player_pause(bobao_player *pl, int paused);

/* Speak at rate words per minute (80..450, clamped), from the sentence
 * being spoken on: it goes on at the new rate from where it was.  Returns
 * the rate set.  Bulletin files keep their speed. */
BOBAO_API int bobao_player_rate(bobao_player *pl, int rate);

/* Speak text (such as where the listener is) now, then go on from the
 * start of the current sentence. */
BOBAO_API bobao_code bobao_player_say(bobao_player *pl, const char *text);

struct bobao_position {
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

/* Where the player is. */
BOBAO_API void bobao_player_position_sized(bobao_player *pl, struct bobao_position *pos,
                                          size_t size);
#define bobao_player_position(pl, pos) bobao_player_position_sized((pl), (pos), sizeof(*(pos)))

/* Stop and release the player.  keep != 0 writes the position to the
 * positions file (a text played to its end is forgotten there).  What a
 * file driver captured (file=) goes in place unless a run failed or
 * bobao_interrupt() was called: then the old file stays as it was.  Returns
 * the first error of closing the device or writing the positions.  NULL is
 * allowed. */
BOBAO_API bobao_code bobao_player_close(bobao_player *pl, int keep);

struct bobao_voice {
	const char *name;      /* what --voice takes */
	const char *language;  /* such as "cmn" or "en-us" */
	const char *description;
	int mandarin;          /* reads bobao's pinyin */
};

typedef int (*bobao_voice_fn)(void *ctx, const struct bobao_voice *v);

/* List the voices bobao can use: Mandarin voices first, then the voices
 * usable for Latin runs.  all != 0 lists every voice of the engine. */
BOBAO_API bobao_code bobao_voices(bobao *b, int all, bobao_voice_fn fn, void *ctx);

/* ---- speaking text held in memory, as a screen reader does (speak.c) ---- */

/* A mark in the text given to bobao_speak(): reported when every sample of
 * the text before offset has been handed out, and before any of the rest. */
struct bobao_mark {
	size_t offset;        /* byte offset into the text, 0..n, at a
	                         character boundary */
	const char *name;
};

/* Where bobao_speak() delivers.  Each callback returns non-zero to stop the
 * call (BOBAO_E_INTERRUPTED); nothing is delivered after that. */
struct bobao_speak_cb {
	/* n samples (n > 0), mono signed 16-bit, native byte order, at rate Hz,
	 * handed out as the engine produces them, in order */
	int (*audio)(void *ctx, const short *pcm, size_t n, int rate);
	/* a mark is reached; NULL: marks are not reported */
	int (*mark)(void *ctx, const char *name);
	void *ctx;
};

/* Read utf8[0..n) aloud into cb: the same front end as bobao_render(), each
 * line a paragraph, with the pauses of the options between units of speech
 * but no lead-in or lead-out, so the first sample is speech.  The engine
 * runs in this process (jobs is ignored): opened by the first call and
 * kept open until bobao_set_options() or bobao_free(), so later calls start
 * speaking in milliseconds; a call with n == 0 just opens it.  The other
 * calls (bobao_render(), bobao_read_text(), the player) may come before,
 * between and after on the same handle: their workers open engines of
 * their own.  Audio comes
 * out in pieces of tens of milliseconds, so a callback that returns non-zero
 * stops it promptly; bobao_interrupt() stops it too.  marks (n_marks of
 * them, by increasing offset; may be NULL when n_marks is 0) are reported
 * through cb->mark between the audio of the text before and after them; a
 * mark out of order or out of range is BOBAO_E_ARG.  Text with nothing to
 * speak is not an error: no audio, the marks only. */
BOBAO_API bobao_code bobao_speak(bobao *b, const char *utf8, size_t n,
                                 const struct bobao_mark *marks, size_t n_marks,
                                 const struct bobao_speak_cb *cb);
/* ---- news from the web: feeds and pages to article files (fetch/) ---- */

/* What bobao_fetch() reports, as it happens. */
enum bobao_fetch_event {
	BOBAO_FETCH_ARTICLE,   /* an article file was written: path, title */
	BOBAO_FETCH_SKIPPED,   /* an item was left out: message says why */
	BOBAO_FETCH_WARNING,   /* an item was kept with less than hoped (its
	                          summary, its link not followed): message */
	BOBAO_FETCH_SOURCE,    /* a source was read: message counts its items */
	BOBAO_FETCH_UNCHANGED, /* a source had not changed since the last run
	                          (HTTP 304): nothing new from it */
	BOBAO_FETCH_FAILED     /* a source could not be read: code, message */
};

struct bobao_fetch_report {
	enum bobao_fetch_event event;
	const char *source;    /* as given */
	const char *item;      /* the item's link (or guid), else NULL */
	const char *path;      /* BOBAO_FETCH_ARTICLE: the file written */
	const char *title;     /* the item's title, else NULL */
	const char *message;   /* one line, lowercase, else NULL */
	bobao_code code;       /* BOBAO_FETCH_FAILED: why */
};

/* Called for every report; return non-zero to stop (BOBAO_E_INTERRUPTED).
 * The strings are valid during the call only. */
typedef int (*bobao_fetch_fn)(void *ctx, const struct bobao_fetch_report *r);

struct bobao_fetch_options {
	size_t size;            /* set by bobao_fetch_options_init(): see the ABI rule */
	const char *dir;        /* where articles and rundown.tsv go (required;
	                           created if missing) */
	const char *seen;       /* items already broadcast, a key a line: read,
	                           skipped, and the new ones added; NULL:
	                           DIR/.seen (fetching again into DIR writes
	                           nothing twice); "": none */
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

/* Fill *o with the defaults listed above. */
BOBAO_API void bobao_fetch_options_init_sized(struct bobao_fetch_options *o, size_t size);
#define bobao_fetch_options_init(o) bobao_fetch_options_init_sized((o), sizeof(*(o)))

/* Fetch sources (http or https URLs, or local files) of RSS 2.0, RSS 1.0
 * (RDF), Atom or HTML article pages, and write one article a new item into
 * o->dir, "NNN-slug.txt" (a "# title" line, then a paragraph a line, UTF-8),
 * and "rundown.tsv" listing them, "PATH<TAB>TITLE" in feed order.  Every
 * file is written under a temporary name and renamed when complete.  Only
 * http and https are followed, from feeds and redirects alike.  One source
 * failing does not stop the others: BOBAO_OK when every source was read,
 * BOBAO_E_PARTIAL when some were not, BOBAO_E_UNAVAILABLE when none was;
 * other codes (BOBAO_E_CREATE...) are failures of the whole run, with
 * bobao_errmsg(). */
BOBAO_API bobao_code bobao_fetch(bobao *b, const char *const *sources, size_t n_sources,
                       const struct bobao_fetch_options *o);

/* The article of a web page: html[0..n) in charset (NULL: from <meta>, else
 * detected as inputs are), as UTF-8 text: a "# title" line when the page has
 * a title, then a paragraph a line.  *text is allocated (free() it) and
 * NUL-terminated, *len its length.  BOBAO_E_EMPTY when no article text is
 * found. */
BOBAO_API bobao_code bobao_extract_html(bobao *b, const char *html, size_t n,
                              const char *charset, char **text, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* BOBAO_H */
