/*
 * seg.h - the text front end (internal): text in, units of speech out.
 *
 * One paragraph (input line) at a time:
 *
 *   seg_decode     bytes -> code points; rejects invalid UTF-8, binary data
 *   seg_clean      code points -> struct seg_text: full-width folded, ASCII
 *                  punctuation made Chinese where it stands in Chinese text,
 *                  pinyin annotations such as 區(qū) removed and kept as
 *                  reading hints, byline '?' separators made spaces
 *   seg_split      seg_text -> units: sentences, long ones cut into breath
 *                  groups at commas or 、
 *   seg_normalize  unit -> spoken form: numbers as Han numerals, pauses as
 *                  ',' '.' '?', Latin runs kept
 *   seg_read       spoken form -> speech: pinyin with tone digits (ü as v)
 *                  in Mandarin spans, Latin runs in spans of their own
 *
 * Nothing here allocates beyond the capped buffers it is handed.
 */
#ifndef SEG_H
#define SEG_H

#include <stddef.h>
#include <stdint.h>

#include "bb.h"

/* ---- readings: generated table (readings_data.c) and syllables ---- */

/* A reading: syllable index << 3 | tone (1-5).  0 means "none". */
typedef uint16_t seg_reading_t;
#define SEG_READING(syl, tone) ((seg_reading_t)((syl) << 3 | (tone)))
#define SEG_READING_SYL(r) ((r) >> 3)
#define SEG_READING_TONE(r) ((r) & 7)

struct seg_reading {
	uint32_t cp;
	seg_reading_t reading;
};

extern const char *const seg_syllables[];   /* sorted, ü written v */
extern const size_t seg_n_syllables;
extern const struct seg_reading seg_readings[]; /* sorted by cp */
extern const size_t seg_n_readings;

int seg_is_han(uint32_t cp);
/* Default reading of a Han character, 0 when unknown. */
seg_reading_t seg_lookup(uint32_t cp);
/* Index of a toneless syllable ("lv"), -1 when it is not one. */
int seg_syllable_index(const char *s, size_t n);
/* Append "syl<tone>" for r to b. */
bobao_code seg_reading_append(struct bb_buf *b, seg_reading_t r);

/* Parse pinyin written with tone marks (chǎnyè, qū) or digits (diao4,
 * chan3 ye4) into at most max readings.  Returns how many, or -1 when s is
 * not entirely valid pinyin. */
int seg_parse_pinyin(const uint32_t *s, size_t n, seg_reading_t *out, size_t max);

/* ---- lexicon (lexicon.c) ---- */

struct seg_lexicon;

/* The lexicons compiled in from data/ (lexicons.c, made by the Makefile). */
struct seg_builtin {
	const char *name;   /* the data file, for error messages */
	const char *text;
};
extern const struct seg_builtin seg_builtin_lexicons[];   /* NULL name ends */

/* A lexicon holding the built-in entries. */
bobao_code seg_lexicon_new(struct seg_lexicon **out, struct bb_err *err);
void seg_lexicon_free(struct seg_lexicon *lx);
/* Add a user lexicon file (bobao's TSV or CC-CEDICT); its entries win. */
bobao_code seg_lexicon_load(struct seg_lexicon *lx, const char *path, struct bb_err *err);
/* Add entries from text in a lexicon file's format; name for messages. */
bobao_code seg_lexicon_parse(struct seg_lexicon *lx, const char *text, size_t n,
                             const char *name, int user, struct bb_err *err);
bobao_code seg_lexicon_add(struct seg_lexicon *lx, const uint32_t *w, size_t n,
                           const seg_reading_t *r, int user);
/* Longest entry of at least min characters that s[0..n) starts with: its
 * length, readings in out; 0 when there is none. */
size_t seg_lexicon_match(const struct seg_lexicon *lx, const uint32_t *s, size_t n,
                         size_t min, seg_reading_t *out);
size_t seg_lexicon_size(const struct seg_lexicon *lx);

/* ---- text ---- */

/* A paragraph's characters with, for each, a reading hint (0 = none) and,
 * in a spoken form, the index of the text character it reads (SEG_NOWHERE
 * for words the normalizer wrote: numerals, units). */
struct seg_text {
	struct bb_u32 cp;
	struct bb_u32 hint;
	struct bb_u32 from;
};
#define SEG_TEXT_INIT(capacity) \
	{ BB_U32_INIT(capacity), BB_U32_INIT(capacity), BB_U32_INIT(capacity) }
#define SEG_NOWHERE UINT32_MAX
void seg_text_release(struct seg_text *t);
void seg_text_reset(struct seg_text *t);
bobao_code seg_text_push(struct seg_text *t, uint32_t cp, seg_reading_t hint);
/* The same, for a character read from text index from. */
bobao_code seg_text_push_from(struct seg_text *t, uint32_t cp, seg_reading_t hint,
                              size_t from);

/* Where decoding failed: 1-based column in characters of the line. */
struct seg_pos {
	unsigned long col;
};

/* Decode one line (no newline) into out, appending.  Returns BOBAO_OK,
 * BOBAO_E_ENCODING or BOBAO_E_BINARY (with *where set), or a buffer error. */
bobao_code seg_decode(const char *bytes, size_t n, struct bb_u32 *out,
                      struct seg_pos *where);

/* Clean decoded characters into t (reset first). */
bobao_code seg_clean(const uint32_t *in, size_t n, struct seg_text *t);

/* ---- units ---- */

/* Longest sentence spoken in one piece, in characters; longer ones are cut
 * into breath groups of about SEG_BREATH_TARGET characters. */
#define SEG_SENTENCE_MAX 60
#define SEG_BREATH_TARGET 36
#define SEG_BREATH_MIN 12
/* A stretch without any comma is cut at this length regardless. */
#define SEG_UNIT_HARD_MAX 120

struct seg_unit {
	size_t start, end;     /* range in the seg_text */
	int breath;            /* 1: starts inside a sentence (breath group) */
	int sentence_end;      /* 1: ends a sentence */
};

typedef bobao_code (*seg_unit_fn)(void *ctx, const struct seg_text *t,
                                  const struct seg_unit *u);

/* Cut t into units and hand each to fn in order.  Units with nothing to
 * speak are dropped. */
bobao_code seg_split(const struct seg_text *t, seg_unit_fn fn, void *ctx);

/* Spoken form of t[start, end) into out (reset first). */
bobao_code seg_normalize(const struct seg_text *t, size_t start, size_t end,
                         struct seg_text *out);

/* Read the number (date, time, phone number, amount...) at text[i] into
 * out, within the unit [start, end).  Returns the index after what was
 * read, or i when there is no number there; *rc tells buffer errors. */
size_t seg_number(const struct seg_text *text, size_t i, size_t start, size_t end,
                  struct seg_text *out, bobao_code *rc);

/* ---- speech ---- */

enum seg_lang { SEG_LANG_MANDARIN, SEG_LANG_LATIN };

struct seg_span {
	enum seg_lang lang;
	size_t off, len;       /* into seg_speech.text */
};

struct seg_speech {
	struct bb_buf text;      /* all spans, separated by single spaces */
	struct bb_buf spans;     /* array of struct seg_span */
	struct bb_buf readings;  /* seg_reading_t per character of the spoken
	                            form (0 where none), for --annotate */
	int traditional;         /* the unit was traditional text (read.c) */
};

void seg_speech_init(struct seg_speech *s, size_t cap);
void seg_speech_release(struct seg_speech *s);
size_t seg_speech_count(const struct seg_speech *s);
const struct seg_span *seg_speech_span(const struct seg_speech *s, size_t i);

/* The reader: lexicon, traditional->simplified conversion, rules. */
struct seg_reader;

bobao_code seg_reader_new(struct seg_reader **out, struct bb_err *err);
void seg_reader_free(struct seg_reader *r);
/* Add a user lexicon file; its entries win over the built-in ones. */
bobao_code seg_reader_lexicon(struct seg_reader *r, const char *path, struct bb_err *err);

/* Read a spoken form (from seg_normalize) into speech (reset first). */
bobao_code seg_read(struct seg_reader *r, const struct seg_text *spoken,
                    struct seg_speech *speech);

/* How a character's reading was chosen; rules change only SEG_HOW_CHAR. */
enum seg_how {
	SEG_HOW_NONE,    /* not a Han character */
	SEG_HOW_FIXED,   /* an annotation or a numeral */
	SEG_HOW_WORD,    /* a lexicon word */
	SEG_HOW_CHAR     /* the character's default */
};

/* Context rules and tone sandhi over n simplified characters (rules.c). */
void seg_rules(const uint32_t *s, seg_reading_t *r, const unsigned char *how, size_t n);
/* The reading of a syllable written "yi2"; 0 if it is none. */
seg_reading_t seg_reading_of(const char *pinyin);

/* Character classes shared by the stages. */
int seg_is_latin(uint32_t cp);
int seg_is_digit(uint32_t cp);
int seg_is_space(uint32_t cp);
int seg_is_open_bracket(uint32_t cp);
int seg_is_close_bracket(uint32_t cp);  /* closing quotes included */
int seg_is_sentence_end(uint32_t cp);   /* 。！？；… */
int seg_is_cjk_punct(uint32_t cp);

#endif /* SEG_H */
