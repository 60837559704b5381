/* buf.c - capped buffers and UTF-8 for sd_bobao (see sd.h). */
#include <stdlib.h>
#include <string.h>

#include "sd.h"

int sd_buf_add(struct sd_buf *b, const void *data, size_t n)
{
	size_t need, size;
	char *p;

	if (n > b->cap || b->len > b->cap - n)
		return -1;
	need = b->len + n + 1;
	if (need > b->alloc) {
		for (size = b->alloc ? b->alloc : 64; size < need; size *= 2)
			;
		if (!(p = realloc(b->p, size)))
			return -1;
		b->p = p;
		b->alloc = size;
	}
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

int sd_buf_adds(struct sd_buf *b, const char *s)
{
	return sd_buf_add(b, s, strlen(s));
}

void sd_buf_reset(struct sd_buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void sd_buf_release(struct sd_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->alloc = 0;
}

const char *sd_buf_str(const struct sd_buf *b)
{
	return b->p ? b->p : "";
}

size_t sd_utf8(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len, i;
	uint32_t c;

	if (!n)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, c = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, c = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}
