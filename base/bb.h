/*
 * bb.h - helpers shared by every layer of libbobao (internal).
 *
 * struct bb_buf is a growable byte buffer with a hard cap, after git's
 * strbuf and curl's dynbuf: input that would grow it past the cap gets
 * BOBAO_E_TOOLONG instead of exhausting memory.
 *
 *     struct bb_buf b = BB_BUF_INIT(4096);
 *     if ((rc = bb_buf_add(&b, "x", 1)) != BOBAO_OK) goto out;
 *     ...
 *   out:
 *     bb_buf_release(&b);
 *
 * The contents are always NUL-terminated once anything was added, so
 * b.ptr can be used as a C string when the data is text.
 */
#ifndef BB_H
#define BB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "bobao.h"

#define BB_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct bb_buf {
	char *ptr;     /* NULL until the first addition */
	size_t len;    /* bytes used, excluding the terminating NUL */
	size_t alloc;  /* bytes allocated */
	size_t cap;    /* largest len allowed */
};

#define BB_BUF_INIT(capacity) { NULL, 0, 0, (capacity) }

void bb_buf_init(struct bb_buf *b, size_t cap);
void bb_buf_release(struct bb_buf *b);
void bb_buf_reset(struct bb_buf *b);             /* len = 0, keeps memory */
bobao_code bb_buf_grow(struct bb_buf *b, size_t extra); /* room for extra */
bobao_code bb_buf_add(struct bb_buf *b, const void *data, size_t n);
bobao_code bb_buf_adds(struct bb_buf *b, const char *s);
bobao_code bb_buf_addch(struct bb_buf *b, char c);
bobao_code bb_buf_addf(struct bb_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Text helpers: the buffer as a C string ("" when empty). */
const char *bb_buf_str(const struct bb_buf *b);

/* Detail of the last failure, filled in by whoever detects it.  The first
 * message set wins until bb_err_clear(), so the root cause is kept. */
#define BB_ERR_MAX 512
struct bb_err {
	char msg[BB_ERR_MAX];
};

bobao_code bb_err_set(struct bb_err *e, bobao_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void bb_err_clear(struct bb_err *e);

/* UTF-8.  bb_utf8_decode reads one scalar value from s (n bytes left),
 * returns its length in bytes and stores it in *cp, or returns 0 when the
 * bytes there are not valid UTF-8 (overlong forms and surrogates included). */
size_t bb_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Append cp as UTF-8 to b. */
bobao_code bb_buf_addcp(struct bb_buf *b, uint32_t cp);

/* Growable array of code points with a cap, like bb_buf. */
struct bb_u32 {
	uint32_t *v;
	size_t len, alloc, cap;
};
#define BB_U32_INIT(capacity) { NULL, 0, 0, (capacity) }
void bb_u32_release(struct bb_u32 *a);
bobao_code bb_u32_push(struct bb_u32 *a, uint32_t x);

/* A calendar day written YYYY-MM-DD (the month and the day may have one
 * digit) at the start of s: 1 when it names one, with *tm at its noon (and
 * the day of the week) and *end (if not NULL) after it; -1 when it is
 * written so but names none (2024-02-30, 2024-13-01, 24-01-01); 0 when s
 * does not start with digits, '-', digits, '-', digits. */
struct tm;
int bb_day(const char *s, struct tm *tm, const char **end);

/* Allocation that a fault-injection build can make fail (see below). */
void *bb_malloc(size_t n);
void *bb_calloc(size_t n, size_t size);
char *bb_strdup(const char *s);

/* Public structs that carry their size (include/bobao.h, the ABI rule).
 * bb_sized_init: copy the library's defaults full (full_size bytes) into
 * the program's dst, size bytes of it, and set its size member.
 * bb_sized_read: copy the program's src over dst (which holds the
 * defaults, dst_size bytes): only as much as src's size member says, the
 * fields it does not have keep their defaults; BOBAO_E_ARG when src was
 * not initialised (its size is absurd).  what: the struct's name. */
#define BB_SIZED_MAX 65536
void bb_sized_init(void *dst, size_t size, const void *full, size_t full_size);
bobao_code bb_sized_read(void *dst, size_t dst_size, const void *src, const char *what,
                         struct bb_err *err);

/* Fault injection, SQLite-style: a build with -DBB_FAULTS reads
 * BOBAO_FAULT=KIND:N (alloc, write, fsync, rename, link) and makes the N-th
 * call of that kind in the bobao process fail (worker processes are left
 * alone); BOBAO_FAULT=notmpfile makes O_TMPFILE look unsupported.  The
 * bb_ wrappers ask bb_fault() before the real call.  Other builds compile
 * it to 0. */
enum bb_fault_kind {
	BB_FAULT_ALLOC, BB_FAULT_WRITE, BB_FAULT_FSYNC, BB_FAULT_RENAME, BB_FAULT_LINK,
	BB_FAULT_TMPFILE, BB_FAULT__COUNT
};
#ifdef BB_FAULTS
int bb_fault(enum bb_fault_kind kind);
#else
#define bb_fault(kind) 0
#endif

#endif /* BB_H */
