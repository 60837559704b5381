/*
 * sd.h - the Speech Dispatcher output module sd_bobao (internal to it).
 *
 *   sd_bobao.c  the protocol: a reader thread for the server's commands,
 *               the main thread speaking with one resident libbobao handle
 *   ssml.c      SSML (libxml2) to a list of text, spelled text, marks, breaks
 *   say.c       what a screen reader says besides text: punctuation names,
 *               spelled characters, key names, in Mandarin
 *   config.c    bobao.conf, and the check that what it names is a file
 *   buf.c       capped buffers and UTF-8 for the three
 *
 * The module uses libbobao through <bobao.h> only.
 */
#ifndef SD_H
#define SD_H

#include <stddef.h>
#include <stdint.h>

/* A line for the module's log (standard error, the server's bobao.log),
 * shown when level <= the log level.  Defined by sd_bobao.c (a fuzz target
 * defines its own). */
void sd_note(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- buf.c ---- */

/* A growable byte buffer with a hard cap, always NUL-terminated once
 * anything was added; p stays NULL until then. */
struct sd_buf {
	char *p;
	size_t len, alloc, cap;
};
#define SD_BUF_INIT(capacity) { NULL, 0, 0, (capacity) }

/* 0, or -1 when the cap is reached or memory is short (nothing added). */
int sd_buf_add(struct sd_buf *b, const void *data, size_t n);
int sd_buf_adds(struct sd_buf *b, const char *s);
void sd_buf_reset(struct sd_buf *b);
void sd_buf_release(struct sd_buf *b);
const char *sd_buf_str(const struct sd_buf *b);   /* "" when empty */

/* One UTF-8 scalar value of s (n bytes left) into *cp: its length, or 0
 * when the bytes there are not valid UTF-8. */
size_t sd_utf8(const char *s, size_t n, uint32_t *cp);

/* ---- ssml.c ---- */

enum sd_ssml_kind {
	SD_SSML_TEXT,    /* text to read */
	SD_SSML_SPELL,   /* text to spell, character by character */
	SD_SSML_MARK,    /* an index mark: text is its name */
	SD_SSML_BREAK    /* a pause of ms milliseconds */
};

struct sd_ssml_item {
	enum sd_ssml_kind kind;
	char *text;   /* NUL-terminated UTF-8, whitespace collapsed, valid */
	size_t len;
	int ms;
};

#define SD_SSML_ITEMS_MAX 20000
#define SD_SSML_BREAK_MAX_MS 10000
#define SD_SSML_DEPTH_MAX 200   /* elements deeper are read as plain text */

struct sd_ssml {
	struct sd_ssml_item *v;
	size_t n, alloc;
	int malformed;   /* not well-formed XML: read leniently (HTML parser) */
	int cut;         /* more than SD_SSML_ITEMS_MAX items: the rest dropped */
	int deep;        /* elements nested deeper than SD_SSML_DEPTH_MAX: their
	                    text read as plain text, their markup ignored */
};

/* Parse a message: SSML, or plain text when it does not start with '<'.
 * Returns 0, or -1 when out of memory.  Release with sd_ssml_release() in
 * every case. */
int sd_ssml_parse(struct sd_ssml *out, const char *data, size_t n);
void sd_ssml_release(struct sd_ssml *s);

/* ---- say.c ---- */

enum sd_say_punct {
	SD_SAY_PUNCT_NONE,   /* punctuation only shapes the pauses */
	SD_SAY_PUNCT_SOME,   /* symbols are named: @ # % & ... */
	SD_SAY_PUNCT_MOST,   /* and brackets, quotes, dashes, colons */
	SD_SAY_PUNCT_ALL     /* and every mark, 逗号 and 句号 included */
};

/* Mandarin name of a punctuation mark or symbol, NULL when it has none. */
const char *sd_say_punct_name(uint32_t cp);
/* Append text[0..n) to out with the punctuation of mode named; signs read
 * as part of numbers (5%, 3.14, 10:30) are left to bobao.  0 or -1. */
int sd_say_punct(struct sd_buf *out, const char *text, size_t n, enum sd_say_punct mode);
/* What spelling says for the character at text (UTF-8, n bytes left),
 * appended to out; *used: its length in bytes (at least 1).  0 or -1. */
int sd_say_char(struct sd_buf *out, const char *text, size_t n, size_t *used);
/* What to say for a key name of the protocol (space, shift_a, kp-enter,
 * f5), appended to out.  0 or -1. */
int sd_say_key(struct sd_buf *out, const char *key);

/* ---- config.c ---- */

#define SD_LEXICONS_MAX 8
#define SD_CONFIG_MAX (64 * 1024)        /* bytes of bobao.conf */
#define SD_CONFIG_LINE_MAX 4096
#define SD_LEXICON_MAX (256LL << 20)     /* bytes of a lexicon, as libbobao */

struct sd_config {
	int breath, sentence, paragraph;   /* pauses, ms; -1: bobao's */
	char *lexicons[SD_LEXICONS_MAX];   /* BobaoLexicon paths, owned */
	size_t n_lexicons;
};

/* No settings: bobao's pauses, no lexicons. */
void sd_config_init(struct sd_config *c);
/* "Key value" lines of text[0..n) (any bytes) into c; what is wrong in a
 * line is logged with path and line number, and the line ignored. */
void sd_config_parse(struct sd_config *c, const char *text, size_t n, const char *path);
/* Read path (NULL: nothing) into c: a regular file of at most
 * SD_CONFIG_MAX bytes, else logged and c left as it is.  Never blocks on a
 * FIFO or reads an endless device. */
void sd_config_read(struct sd_config *c, const char *path);
/* 0 when path is a regular file of at most max bytes; else -1, logged
 * with then ("left out") after the reason.  fd_out (may be NULL): the file
 * opened for reading, to close. */
int sd_regular_file(const char *path, long long max, int *fd_out, const char *then);
void sd_config_release(struct sd_config *c);

#endif /* SD_H */
