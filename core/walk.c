/* walk.c - stream inputs through the text front end, line by line. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core.h"
#include "fch.h"

#define BLOCK 65536

struct reader {
	FILE *fp;
	iconv_t cd;               /* (iconv_t)-1: UTF-8 */
	const char *encoding;     /* its name; NULL: not decided yet (a stream) */
	char raw[BLOCK];          /* bytes read, not yet converted */
	size_t raw_len;
	char blk[BLOCK * 2];      /* UTF-8 */
	size_t pos, len;
	int eof;
	unsigned long long offset; /* of raw[0] in the file */
	size_t bad_col;           /* of a NUL byte in the line (BOBAO_E_BINARY) */
	volatile sig_atomic_t *stop;
};


static bobao_code reader_open(struct reader *r, FILE *fp, const char *code)
{
	r->fp = fp;
	r->cd = (iconv_t)-1;
	r->encoding = code;
	if (code && strcmp(code, "UTF-8") && (r->cd = iconv_open("UTF-8", code)) == (iconv_t)-1)
		return BOBAO_E_INTERNAL;
	return BOBAO_OK;
}

static void reader_close(struct reader *r)
{
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
}

/* Fill blk with the next converted bytes; len 0 at the end. */
static bobao_code refill(struct reader *r)
{
	char *ip, *op;
	size_t n, il, ol;

	r->pos = r->len = 0;
	if (r->cd == (iconv_t)-1 && r->encoding && !strcmp(r->encoding, "UTF-8")) {
		r->len = fread(r->blk, 1, sizeof(r->blk), r->fp);
		if (!r->len && ferror(r->fp))
			return BOBAO_E_IO;
		return BOBAO_OK;
	}
	n = fread(r->raw + r->raw_len, 1, sizeof(r->raw) - r->raw_len, r->fp);
	if (!n && ferror(r->fp))
		return BOBAO_E_IO;
	r->raw_len += n;
	if (r->cd == (iconv_t)-1) {
		/* auto on a stream: decide on what came first */
		r->encoding = seg_utf8_prefix(r->raw, r->raw_len) ? "UTF-8" : "GB18030";
		if (strcmp(r->encoding, "UTF-8") &&
		    (r->cd = iconv_open("UTF-8", r->encoding)) == (iconv_t)-1)
			return BOBAO_E_INTERNAL;
		if (r->cd == (iconv_t)-1) {   /* UTF-8 after all: hand over as it is */
			memcpy(r->blk, r->raw, r->raw_len);
			r->len = r->raw_len;
			r->raw_len = 0;
			return BOBAO_OK;
		}
	}
	ip = r->raw;
	il = r->raw_len;
	op = r->blk;
	ol = sizeof(r->blk);
	if (iconv(r->cd, &ip, &il, &op, &ol) == (size_t)-1 &&
	    (errno == EILSEQ || (errno == EINVAL && !n))) {
		r->offset += (unsigned long long)(ip - r->raw);
		return BOBAO_E_ENCODING;
	}
	r->len = (size_t)(op - r->blk);
	r->offset += (unsigned long long)(ip - r->raw);
	memmove(r->raw, ip, il);
	r->raw_len = il;
	return BOBAO_OK;
}

/* Next line without its newline into line; *got = 0 at the end. */
static bobao_code read_line(struct reader *r, struct bb_buf *line, int *got)
{
	bobao_code rc;
	char *nl, *nul;
	size_t take;

	bb_buf_reset(line);
	*got = 0;
	for (;;) {
		if (*r->stop)
			return BOBAO_E_INTERRUPTED;
		if (r->pos == r->len) {
			if (r->eof)
				return BOBAO_OK;
			if ((rc = refill(r)) != BOBAO_OK)
				return rc;
			if (r->len == 0) {
				r->eof = 1;
				return BOBAO_OK;
			}
		}
		*got = 1;
		nl = memchr(r->blk + r->pos, '\n', r->len - r->pos);
		take = nl ? (size_t)(nl - (r->blk + r->pos)) : r->len - r->pos;
		/* a NUL is never text: say so now, not after a megabyte of them
		 * (a device such as /dev/zero never ends) */
		if ((nul = memchr(r->blk + r->pos, '\0', take))) {
			r->bad_col = line->len + (size_t)(nul - (r->blk + r->pos)) + 1;
			return BOBAO_E_BINARY;
		}
		if ((rc = bb_buf_add(line, r->blk + r->pos, take)) != BOBAO_OK)
			return rc;
		r->pos += take;
		if (nl) {
			r->pos++;
			return BOBAO_OK;
		}
	}
}

struct walker {
	struct bobao *b;
	core_walk_fn fn;
	void *ctx;
	unsigned flags;
	const char *name;
	unsigned long line;
	int any;              /* a unit was handed out already */
	int first_in_para;
	int first_in_input;
	int headline;         /* the line is a headline, "# ..." */
	unsigned long units;  /* in this input */
	struct seg_text spoken;
	struct seg_text ahead;    /* the rest of a breath group's sentence */
	struct seg_speech speech;
	double done, total;   /* bytes, for the fraction; total < 0: unknown */
};

static void walker_init(struct walker *w, struct bobao *b, unsigned flags, core_walk_fn fn,
                        void *ctx)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->fn = fn;
	w->ctx = ctx;
	w->flags = flags;
	w->spoken = (struct seg_text)SEG_TEXT_INIT(CORE_WALK_LINE_MAX);
	w->ahead = (struct seg_text)SEG_TEXT_INIT(CORE_WALK_LINE_MAX);
	seg_speech_init(&w->speech, 16 * CORE_WALK_LINE_MAX);
}

static void walker_release(struct walker *w)
{
	seg_text_release(&w->spoken);
	seg_text_release(&w->ahead);
	seg_speech_release(&w->speech);
}

static bobao_code unit(void *ctx, const struct seg_text *t, const struct seg_unit *u)
{
	struct walker *w = ctx;
	struct core_walk_item it;
	bobao_code rc;

	if (w->b->stop)
		return BOBAO_E_INTERRUPTED;
	if ((rc = seg_read_unit(w->b->reader, t, u, &w->spoken, &w->ahead, &w->speech)) != BOBAO_OK)
		return rc;
	it.ev = CORE_WALK_UNIT;
	if (!w->any)
		it.brk = BOBAO_BREAK_NONE;
	else if (w->first_in_input)
		it.brk = BOBAO_BREAK_ARTICLE;
	else if (w->first_in_para)
		it.brk = BOBAO_BREAK_PARAGRAPH;
	else
		it.brk = u->breath ? BOBAO_BREAK_BREATH : BOBAO_BREAK_SENTENCE;
	it.input = w->name;
	it.line = w->line;
	it.text = t;
	it.unit = u;
	it.spoken = &w->spoken;
	it.speech = &w->speech;
	it.fraction = w->total > 0 ? w->done / w->total : -1;
	it.headline = w->headline;
	w->any = 1;
	w->first_in_input = w->first_in_para = 0;
	w->units++;
	return w->fn ? w->fn(w->ctx, &it) : BOBAO_OK;
}

static bobao_code input_error(struct walker *w, bobao_code rc, unsigned long col)
{
	struct bb_err *e = &w->b->err;

	switch (rc) {
	case BOBAO_E_ENCODING:
		return bb_err_set(e, rc, "%s:%lu:%lu: invalid UTF-8", w->name, w->line, col);
	case BOBAO_E_BINARY:
		return bb_err_set(e, rc, "%s:%lu:%lu: binary data (control character), not text",
		                  w->name, w->line, col);
	case BOBAO_E_TOOLONG:
		return bb_err_set(e, rc, "%s:%lu: paragraph longer than %u bytes", w->name,
		                  w->line, CORE_WALK_LINE_MAX);
	case BOBAO_E_IO:
		return bb_err_set(e, rc, "cannot read '%s': %s", w->name, strerror(errno));
	default:
		return rc;
	}
}

static bobao_code walk_file(struct walker *w, FILE *fp, const char *code)
{
	struct reader *r = NULL;
	struct bb_buf line = BB_BUF_INIT(CORE_WALK_LINE_MAX);
	struct bb_u32 cps = BB_U32_INIT(CORE_WALK_LINE_MAX);
	struct seg_text text = SEG_TEXT_INIT(CORE_WALK_LINE_MAX);
	struct seg_pos pos = { 0 };
	bobao_code rc = BOBAO_OK;
	const char *s;
	size_t n;
	int got;

	if (!(r = calloc(1, sizeof(*r))))
		return BOBAO_E_NOMEM;
	r->stop = &w->b->stop;
	if ((rc = reader_open(r, fp, code)) != BOBAO_OK) {
		free(r);
		return bb_err_set(&w->b->err, rc, "cannot read encoding '%s'", code);
	}
	for (w->line = 1;; w->line++) {
		if (w->b->stop) {
			rc = BOBAO_E_INTERRUPTED;
			goto out;
		}
		if ((rc = read_line(r, &line, &got)) != BOBAO_OK) {
			if (rc == BOBAO_E_ENCODING)
				rc = bb_err_set(&w->b->err, rc, "%s:%lu: invalid %s (byte %llu)", w->name,
				                w->line, r->encoding ? r->encoding : "UTF-8",
				                r->offset + 1);
			else
				rc = input_error(w, rc, rc == BOBAO_E_BINARY ? r->bad_col : 0);
			goto out;
		}
		if (!got)
			break;
		w->done += (double)line.len + 1;
		s = bb_buf_str(&line);
		n = line.len;
		if (w->line == 1 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3;   /* byte order mark */
			n -= 3;
		}
		if (n && s[n - 1] == '\r')
			n--;
		/* "# headline": read with a pause of its own, the marker unsaid */
		w->headline = n >= 2 && s[0] == '#' && s[1] == ' ';
		if (w->headline) {
			s += 2;
			n -= 2;
		}
		cps.len = 0;
		if ((rc = seg_decode(s, n, &cps, &pos)) != BOBAO_OK ||
		    (rc = seg_clean(cps.v, cps.len, &text)) != BOBAO_OK) {
			rc = input_error(w, rc, pos.col);
			goto out;
		}
		w->first_in_para = 1;
		if ((rc = seg_split(&text, unit, w)) != BOBAO_OK)
			goto out;
		if (w->flags & CORE_WALK_PER_LINE) {
			struct core_walk_item it;

			memset(&it, 0, sizeof(it));
			it.ev = CORE_WALK_LINE_END;
			it.input = w->name;
			it.line = w->line;
			if (w->fn && (rc = w->fn(w->ctx, &it)) != BOBAO_OK)
				goto out;
		}
	}
out:
	seg_text_release(&text);
	bb_u32_release(&cps);
	bb_buf_release(&line);
	reader_close(r);
	free(r);
	return rc;
}

/* Is this input a web page, to be read through the article extraction? */
static int is_page(const struct bobao *b, const char *name)
{
	size_t n = strlen(name);

	if (b->opt.input_format != BOBAO_INPUT_AUTO)
		return b->opt.input_format == BOBAO_INPUT_HTML;
	return (n > 5 && !strcasecmp(name + n - 5, ".html")) ||
	       (n > 4 && !strcasecmp(name + n - 4, ".htm"));
}

/* The input filter: a page becomes its article's text lines, which then
 * take the road of every text (decode, clean, segment).  *page is a stream
 * over *mem, both released by the caller. */
static bobao_code page_filter(struct walker *w, FILE *fp, FILE **page, char **mem)
{
	const char *enc = w->b->opt.encoding;
	size_t len;
	bobao_code rc;

	*page = NULL;
	rc = fch_page_text(fp, w->name, strcasecmp(enc, "auto") ? enc : NULL, mem, &len,
	                   &w->b->err);
	if (rc == BOBAO_OK && !(*page = fmemopen(*mem, len, "rb")))
		rc = BOBAO_E_NOMEM;
	return rc;
}

bobao_code core_walk(struct bobao *b, const char *const *inputs, size_t n,
                     unsigned flags, core_walk_fn fn, void *ctx)
{
	struct walker w;
	struct stat st;
	bobao_code rc = BOBAO_OK;
	size_t i;
	FILE *fp;

	if ((rc = core_reader(b)) != BOBAO_OK)
		return rc;
	walker_init(&w, b, flags, fn, ctx);
	for (i = 0; i < n; i++) {
		if (!strcmp(inputs[i], "-") || stat(inputs[i], &st) || !S_ISREG(st.st_mode))
			w.total = -1;
		else if (w.total >= 0)
			w.total += (double)st.st_size;
	}
	for (i = 0; i < n && rc == BOBAO_OK; i++) {
		int is_stdin = !strcmp(inputs[i], "-");
		/* a FIFO, a pipe (/dev/stdin, <(cmd)) or a device is read once, as
		 * it comes, like standard input: not by the pre-check, and its
		 * encoding decided on the first block, never by reading it twice */
		int stream = is_stdin || (!stat(inputs[i], &st) && !S_ISREG(st.st_mode) &&
		                          !S_ISDIR(st.st_mode));

		if (stream && (flags & CORE_WALK_FILES))
			continue;
		w.name = is_stdin ? "<stdin>" : inputs[i];
		if (is_stdin) {
			fp = stdin;
		} else if (!(fp = fopen(inputs[i], "rb"))) {
			if (errno == EINTR && b->stop)   /* waiting for a FIFO's writer */
				rc = BOBAO_E_INTERRUPTED;
			else
				rc = bb_err_set(&b->err, BOBAO_E_NOINPUT, "cannot open '%s': %s",
				                inputs[i], strerror(errno));
			break;
		} else if (!fstat(fileno(fp), &st) && S_ISDIR(st.st_mode)) {
			fclose(fp);
			rc = bb_err_set(&b->err, BOBAO_E_NOINPUT, "cannot read '%s': is a directory",
			                inputs[i]);
			break;
		}
		w.first_in_input = 1;
		w.units = 0;
		if (is_page(b, inputs[i])) {
			FILE *page = NULL;
			char *mem = NULL;

			if ((rc = page_filter(&w, fp, &page, &mem)) == BOBAO_OK)
				rc = walk_file(&w, page, "UTF-8");
			if (page)
				fclose(page);
			free(mem);
		} else {
			rc = walk_file(&w, fp,
			               seg_choose_encoding(fp, b->opt.encoding, !stream, &b->stop));
		}
		if (!is_stdin)
			fclose(fp);
		if (rc == BOBAO_OK && !w.units && !(flags & CORE_WALK_PER_LINE))
			rc = bb_err_set(&b->err, BOBAO_E_EMPTY, "%s: no text to read", w.name);
	}
	walker_release(&w);
	return rc;
}

bobao_code core_walk_mem(struct bobao *b, const char *text, size_t n, const char *name,
                         core_walk_fn fn, void *ctx)
{
	struct walker w;
	bobao_code rc;
	FILE *fp;

	if (!n)
		return BOBAO_OK;   /* fmemopen() refuses an empty buffer */
	if ((rc = core_reader(b)) != BOBAO_OK)
		return rc;
	if (!(fp = fmemopen((void *)(uintptr_t)text, n, "r")))
		return BOBAO_E_NOMEM;
	walker_init(&w, b, 0, fn, ctx);
	w.name = name;
	w.total = (double)n;
	w.first_in_input = 1;
	rc = walk_file(&w, fp, "UTF-8");
	fclose(fp);
	walker_release(&w);
	return rc;
}

bobao_code core_check(struct bobao *b, const char *const *inputs, size_t n)
{
	return core_walk(b, inputs, n, CORE_WALK_FILES, NULL, NULL);
}
