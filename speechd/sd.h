/*
 * sd.h - the Speech Dispatcher output module sd_bobao (internal to it).
 *
 *   sd_bobao.c  the protocol: a reader thread for the server's commands,
 *               the main thread speaking with one resident libbobao handle
 *   ssml.c      SSML (libxml2) to a list of text, spelled text, marks, breaks
 *   say.c       what a screen reader says besides text: punctuation names,
 *               spelled characters, key names, in Mandarin
 *   buf.c       capped buffers and UTF-8 for the three
 *
 * The module uses libbobao through <bobao.h> only.
 */
#ifndef SD_H
#define SD_H

#include <stddef.h>
#include <stdint.h>

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

struct sd_ssml {
	struct sd_ssml_item *v;
	size_t n, alloc;
	int malformed;   /* not well-formed XML: read leniently (HTML parser) */
	int cut;         /* more than SD_SSML_ITEMS_MAX items: the rest dropped */
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

#endif /* SD_H */
