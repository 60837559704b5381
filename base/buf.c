/* buf.c - capped growable buffers and UTF-8 helpers (see bb.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb.h"

void bb_buf_init(struct bb_buf *b, size_t cap)
{
	b->ptr = NULL;
	b->len = b->alloc = 0;
	b->cap = cap;
}

void bb_buf_release(struct bb_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->alloc = 0;
}

void bb_buf_reset(struct bb_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

bobao_code bb_buf_grow(struct bb_buf *b, size_t extra)
{
	size_t need, size;
	char *p;

	if (extra > b->cap || b->len > b->cap - extra)
		return BOBAO_E_TOOLONG;
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return BOBAO_OK;
	size = b->alloc ? b->alloc : 64;
	while (size < need)
		size = size < SIZE_MAX / 2 ? size * 2 : need;
	if (size > b->cap + 1)
		size = b->cap + 1;
	p = bb_fault(BB_FAULT_ALLOC) ? NULL : realloc(b->ptr, size);
	if (!p)
		return BOBAO_E_NOMEM;
	b->ptr = p;
	b->alloc = size;
	return BOBAO_OK;
}

bobao_code bb_buf_add(struct bb_buf *b, const void *data, size_t n)
{
	bobao_code rc = bb_buf_grow(b, n);

	if (rc != BOBAO_OK)
		return rc;
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return BOBAO_OK;
}

bobao_code bb_buf_adds(struct bb_buf *b, const char *s)
{
	return bb_buf_add(b, s, strlen(s));
}

bobao_code bb_buf_addch(struct bb_buf *b, char c)
{
	return bb_buf_add(b, &c, 1);
}

bobao_code bb_buf_addf(struct bb_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	bobao_code rc;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return BOBAO_E_INTERNAL;
	if ((rc = bb_buf_grow(b, (size_t)n)) != BOBAO_OK)
		return rc;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return BOBAO_OK;
}

const char *bb_buf_str(const struct bb_buf *b)
{
	return b->ptr ? b->ptr : "";
}

bobao_code bb_err_set(struct bb_err *e, bobao_code code, const char *fmt, ...)
{
	va_list ap;

	if (e && !e->msg[0]) {
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
		va_end(ap);
	}
	return code;
}

void bb_err_clear(struct bb_err *e)
{
	e->msg[0] = '\0';
}

size_t bb_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

bobao_code bb_buf_addcp(struct bb_buf *b, uint32_t cp)
{
	char s[4];
	size_t n;

	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return bb_buf_add(b, s, n);
}

void bb_u32_release(struct bb_u32 *a)
{
	free(a->v);
	a->v = NULL;
	a->len = a->alloc = 0;
}

bobao_code bb_u32_push(struct bb_u32 *a, uint32_t x)
{
	if (a->len >= a->cap)
		return BOBAO_E_TOOLONG;
	if (a->len == a->alloc) {
		size_t size = a->alloc ? a->alloc * 2 : 64;
		uint32_t *p;

		if (size > a->cap)
			size = a->cap;
		p = bb_fault(BB_FAULT_ALLOC) ? NULL : realloc(a->v, size * sizeof(*p));
		if (!p)
			return BOBAO_E_NOMEM;
		a->v = p;
		a->alloc = size;
	}
	a->v[a->len++] = x;
	return BOBAO_OK;
}
