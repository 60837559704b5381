/* charset.c - a fetched body to UTF-8. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "seg.h"
#include "fch.h"

#define PRESCAN 8192   /* bytes searched for a declaration, as browsers do */

/* A charset label as iconv knows it; GB2312 and GBK are read as their
 * superset GB18030, so a page that declares one and uses the other reads. */
static void normalize(const char *label, size_t n, char *out, size_t cap)
{
	size_t i;

	for (i = 0; i < n && i + 1 < cap; i++)
		out[i] = (char)toupper((unsigned char)label[i]);
	out[i] = '\0';
	if (!strcmp(out, "UTF8"))
		strcpy(out, "UTF-8");
	else if (!strcmp(out, "GB2312") || !strcmp(out, "GBK") || !strcmp(out, "X-GBK") ||
	         !strcmp(out, "CP936") || !strcmp(out, "EUC-CN") || !strcmp(out, "GB_2312-80"))
		strcpy(out, "GB18030");
	else if (!strcmp(out, "X-BIG5") || !strcmp(out, "CP950") || !strcmp(out, "BIG-5"))
		strcpy(out, "BIG5");
}

/* The value after "charset" (or "encoding") at p, up to end: [=] ["'] label. */
static int label_at(const char *p, const char *end, char *out, size_t cap)
{
	const char *s;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (p >= end || *p != '=')
		return 0;
	p++;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '"' || *p == '\''))
		p++;
	for (s = p; p < end && (isalnum((unsigned char)*p) || *p == '-' || *p == '_' ||
	                        *p == '.' || *p == ':'); p++)
		;
	if (p == s || (size_t)(p - s) >= 40)
		return 0;
	normalize(s, (size_t)(p - s), out, cap);
	return 1;
}

static const char *find_ci(const char *s, const char *end, const char *what)
{
	size_t k = strlen(what);

	for (; s + k <= end; s++)
		if (!strncasecmp(s, what, k))
			return s;
	return NULL;
}

/* charset= in a Content-Type value. */
static int from_content_type(const char *ct, char *out, size_t cap)
{
	const char *p;

	if (!ct || !(p = find_ci(ct, ct + strlen(ct), "charset")))
		return 0;
	return label_at(p + 7, ct + strlen(ct), out, cap);
}

/* <?xml ... encoding="..."?> at the start. */
static int from_xml_decl(const char *b, size_t n, char *out, size_t cap)
{
	const char *end, *p;

	while (n && isspace((unsigned char)*b))
		b++, n--;
	if (n < 5 || strncmp(b, "<?xml", 5))
		return 0;
	if (!(end = find_ci(b, b + (n < 512 ? n : 512), "?>")))
		return 0;
	if (!(p = find_ci(b, end, "encoding")))
		return 0;
	return label_at(p + 8, end, out, cap);
}

/* <meta charset="..."> or <meta http-equiv="Content-Type" content="...;
 * charset=...">, in the first PRESCAN bytes. */
static int from_meta(const char *b, size_t n, char *out, size_t cap)
{
	const char *end = b + (n < PRESCAN ? n : PRESCAN), *p = b, *close, *c;

	while ((p = find_ci(p, end, "<meta"))) {
		if (!(close = memchr(p, '>', (size_t)(end - p))))
			return 0;
		for (c = p; (c = find_ci(c, close, "charset")); c += 7)
			if (label_at(c + 7, close, out, cap))
				return 1;
		p = close;
	}
	return 0;
}

/* Convert with code, dropping what it does not map; the count of bytes
 * dropped in *bad. */
static bobao_code convert(const char *in, size_t n, const char *code, struct bb_buf *out,
                          size_t *bad)
{
	char chunk[16384], *ip = (char *)in, *op;
	size_t il = n, ol;
	bobao_code rc = BOBAO_OK;
	iconv_t cd = iconv_open("UTF-8", code);

	*bad = 0;
	if (cd == (iconv_t)-1)
		return BOBAO_E_ARG;
	bb_buf_reset(out);
	while (il) {
		op = chunk;
		ol = sizeof(chunk);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
			if (errno == EILSEQ) {
				ip++, il--, (*bad)++;
			} else if (errno == EINVAL) {
				*bad += il;
				il = 0;
			} else if (errno != E2BIG) {
				rc = BOBAO_E_INTERNAL;
			}
		}
		if (rc == BOBAO_OK)
			rc = bb_buf_add(out, chunk, (size_t)(op - chunk));
		if (rc != BOBAO_OK)
			break;
	}
	if (rc == BOBAO_OK)
		rc = bb_buf_add(out, "", 0);   /* NUL-terminated even when empty */
	iconv_close(cd);
	return rc;
}

static const char *detect(const char *body, size_t n)
{
	const char *code = "UTF-8";
	FILE *fp;

	if (!n)
		return code;
	if ((fp = fmemopen((void *)body, n, "rb"))) {
		code = seg_guess_encoding(fp);
		fclose(fp);
	}
	return code;
}

bobao_code fch_to_utf8(const char *body, size_t n, const char *asked,
                       const char *content_type, struct bb_buf *out, struct bb_err *e)
{
	char code[48] = "";
	const char *guess;
	size_t bad = 0;
	bobao_code rc;

	if (asked && *asked && strcasecmp(asked, "auto"))
		normalize(asked, strlen(asked), code, sizeof(code));
	else if (n >= 3 && !memcmp(body, "\xEF\xBB\xBF", 3))
		strcpy(code, "UTF-8");
	else if (n >= 2 && (!memcmp(body, "\xFF\xFE", 2) || !memcmp(body, "\xFE\xFF", 2)))
		strcpy(code, "UTF-16");
	else if (!from_content_type(content_type, code, sizeof(code)) &&
	         !from_xml_decl(body, n, code, sizeof(code)) &&
	         !from_meta(body, n, code, sizeof(code)))
		code[0] = '\0';
	if (code[0]) {
		rc = convert(body, n, code, out, &bad);
		if (rc == BOBAO_E_ARG && asked && *asked && strcasecmp(asked, "auto"))
			return bb_err_set(e, rc, "unknown charset '%s'", asked);
		if (rc == BOBAO_OK && !bad)
			return BOBAO_OK;
		if (rc != BOBAO_OK && rc != BOBAO_E_ARG)
			return rc;
		if (asked && *asked && strcasecmp(asked, "auto"))
			return rc;   /* as asked, whatever it drops */
	}
	/* nothing declared, or the declaration was wrong */
	guess = detect(body, n);
	if (code[0] && !strcmp(guess, code))
		return BOBAO_OK;
	return convert(body, n, guess, out, &bad);
}
