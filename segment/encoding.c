/* encoding.c - the encoding of input text: what --encoding takes, and what
 * "auto" judges a file to be (UTF-8, GB18030 or Big5), by validity. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "seg.h"

#define BLOCK 65536

/* Input encodings: what --encoding takes, and iconv's name. */
static const struct encoding {
	const char *name;
	const char *iconv;    /* NULL: UTF-8, read as it is */
} encodings[] = {
	{ "utf-8", NULL }, { "utf8", NULL }, { "gb18030", "GB18030" },
	{ "gbk", "GB18030" }, { "gb2312", "GB18030" }, { "big5", "BIG5" },
};

int seg_encoding_known(const char *name)
{
	size_t i;

	if (!strcasecmp(name, "auto"))
		return 1;
	for (i = 0; i < BB_ARRAY_SIZE(encodings); i++)
		if (!strcasecmp(encodings[i].name, name))
			return 1;
	return 0;
}

/* Is s[0..n) valid UTF-8, but for an incomplete character at the end? */
int seg_utf8_prefix(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t c;

	while (i < n) {
		if ((k = bb_utf8_decode((const unsigned char *)s + i, n - i, &c))) {
			i += k;
			continue;
		}
		return n - i < 4 && (unsigned char)s[i] >= 0xC2;   /* cut at the end */
	}
	return 1;
}

/* Read into buf up to room bytes, as far as the first NUL byte: *last is
 * set at one (a NUL ends the text, the file is binary after it). */
static size_t fill(FILE *fp, char *buf, size_t room, int *last)
{
	size_t n = fread(buf, 1, room, fp);
	char *nul = memchr(buf, 0, n);

	if (nul) {
		*last = 1;
		return (size_t)(nul - buf);
	}
	return n;
}

/* Does fp convert from code (NULL: UTF-8) without error, as far as its
 * first NUL byte (binary after that: the reader says where)?  Stops when
 * *stop is set (the walk then ends interrupted): an 8 GB file of zeros
 * once took half a minute here, deaf to Ctrl-C.  Rewinds. */
static int converts(FILE *fp, const char *code, volatile sig_atomic_t *stop)
{
	char in[BLOCK], out[BLOCK * 4], *ip, *op;
	size_t n, left = 0, il, ol;
	iconv_t cd;
	int ok = 1, last = 0;

	if (!code) {
		while (ok && !last && !*stop && (n = fill(fp, in + left, sizeof(in) - left, &last))) {
			n += left;
			ok = seg_utf8_prefix(in, n);
			/* carry an incomplete character over */
			for (left = 0; left < 3 && left < n &&
			     ((unsigned char)in[n - 1 - left] & 0xC0) == 0x80; left++)
				;
			if (left < n && (unsigned char)in[n - 1 - left] >= 0xC0)
				left++;
			else
				left = 0;
			memmove(in, in + n - left, left);
		}
		ok = ok && !left;
	} else if ((cd = iconv_open("UTF-8", code)) != (iconv_t)-1) {
		while (ok && !last && !*stop && (n = fill(fp, in + left, sizeof(in) - left, &last))) {
			ip = in;
			il = n + left;
			op = out;
			ol = sizeof(out);
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 && errno != EINVAL)
				ok = 0;
			left = il;
			memmove(in, ip, left);
		}
		ok = ok && !left;
		iconv_close(cd);
	} else {
		ok = 0;
	}
	rewind(fp);
	return ok;
}

/* Share of the Han characters of the start of fp, read as GB18030, that
 * are in GB2312.  Simplified text is all but entirely in GB2312; Big5
 * bytes read as GB18030 land mostly outside it.  Rewinds. */
static double gb2312_share(FILE *fp)
{
	char in[BLOCK], out[BLOCK * 2], *ip = in, *op = out, one[8], gb[8];
	size_t n = fread(in, 1, sizeof(in), fp), il = n, ol = sizeof(out), i = 0, k;
	unsigned long han = 0, common = 0;
	iconv_t to_utf8 = iconv_open("UTF-8", "GB18030"), to_gb = iconv_open("GB2312", "UTF-8");
	uint32_t c;

	rewind(fp);
	if (to_utf8 == (iconv_t)-1 || to_gb == (iconv_t)-1)
		goto out;
	iconv(to_utf8, &ip, &il, &op, &ol);
	n = (size_t)(op - out);
	while (i < n && (k = bb_utf8_decode((const unsigned char *)out + i, n - i, &c))) {
		if (seg_is_han(c)) {
			char *a = one, *b = gb;
			size_t al = k, bl = sizeof(gb);

			memcpy(one, out + i, k);
			han++;
			iconv(to_gb, NULL, NULL, NULL, NULL);
			common += iconv(to_gb, &a, &al, &b, &bl) != (size_t)-1;
		}
		i += k;
	}
out:
	if (to_utf8 != (iconv_t)-1)
		iconv_close(to_utf8);
	if (to_gb != (iconv_t)-1)
		iconv_close(to_gb);
	return han ? (double)common / (double)han : 1;
}

const char *seg_choose_encoding(FILE *fp, const char *asked, int seekable,
                                volatile sig_atomic_t *stop)
{
	size_t i;
	int gb, big5;

	for (i = 0; i < BB_ARRAY_SIZE(encodings); i++)
		if (!strcasecmp(encodings[i].name, asked))
			return encodings[i].iconv ? encodings[i].iconv : "UTF-8";
	if (!seekable)
		return NULL;   /* decided on the first block */
	if (converts(fp, NULL, stop))
		return "UTF-8";
	gb = converts(fp, "GB18030", stop);
	big5 = converts(fp, "BIG5", stop);
	if (gb && big5)
		return gb2312_share(fp) >= 0.9 ? "GB18030" : "BIG5";
	if (gb)
		return "GB18030";
	if (big5)
		return "BIG5";
	return "UTF-8";    /* and the error says where */
}

const char *seg_guess_encoding(FILE *fp)
{
	static volatile sig_atomic_t never;

	return seg_choose_encoding(fp, "auto", 1, &never);
}
