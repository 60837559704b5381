/* walk.c - stream inputs through the text front end, line by line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core.h"

#define BLOCK 65536

struct reader {
	FILE *fp;
	char blk[BLOCK];
	size_t pos, len;
	int eof;
};

/* Next line without its newline into line; *got = 0 at the end. */
static bobao_code read_line(struct reader *r, struct bb_buf *line, int *got)
{
	bobao_code rc;
	char *nl;
	size_t take;

	bb_buf_reset(line);
	*got = 0;
	for (;;) {
		if (r->pos == r->len) {
			if (r->eof)
				return BOBAO_OK;
			r->len = fread(r->blk, 1, sizeof(r->blk), r->fp);
			r->pos = 0;
			if (r->len == 0) {
				if (ferror(r->fp))
					return BOBAO_E_IO;
				r->eof = 1;
				return BOBAO_OK;
			}
		}
		*got = 1;
		nl = memchr(r->blk + r->pos, '\n', r->len - r->pos);
		take = nl ? (size_t)(nl - (r->blk + r->pos)) : r->len - r->pos;
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
	walk_fn fn;
	void *ctx;
	unsigned flags;
	const char *name;
	unsigned long line;
	int any;              /* a unit was handed out already */
	int first_in_para;
	int first_in_input;
	unsigned long units;  /* in this input */
	struct seg_text spoken;
	struct seg_speech speech;
	double done, total;   /* bytes, for the fraction; total < 0: unknown */
};

static bobao_code unit(void *ctx, const struct seg_text *t, const struct seg_unit *u)
{
	struct walker *w = ctx;
	struct walk_item it;
	bobao_code rc;

	if (w->b->stop)
		return BOBAO_E_INTERRUPTED;
	if ((rc = seg_normalize(t, u->start, u->end, &w->spoken)) != BOBAO_OK ||
	    (rc = seg_read(w->b->reader, &w->spoken, &w->speech)) != BOBAO_OK)
		return rc;
	it.ev = WALK_UNIT;
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
	it.speech = &w->speech;
	it.fraction = w->total > 0 ? w->done / w->total : -1;
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
		                  w->line, WALK_LINE_MAX);
	case BOBAO_E_IO:
		return bb_err_set(e, rc, "cannot read '%s': %s", w->name, strerror(errno));
	default:
		return rc;
	}
}

static bobao_code walk_file(struct walker *w, FILE *fp)
{
	struct reader *r = NULL;
	struct bb_buf line = BB_BUF_INIT(WALK_LINE_MAX);
	struct bb_u32 cps = BB_U32_INIT(WALK_LINE_MAX);
	struct seg_text text = SEG_TEXT_INIT(WALK_LINE_MAX);
	struct seg_pos pos = { 0 };
	bobao_code rc = BOBAO_OK;
	const char *s;
	size_t n;
	int got;

	if (!(r = calloc(1, sizeof(*r))))
		return BOBAO_E_NOMEM;
	r->fp = fp;
	for (w->line = 1;; w->line++) {
		if (w->b->stop) {
			rc = BOBAO_E_INTERRUPTED;
			goto out;
		}
		if ((rc = read_line(r, &line, &got)) != BOBAO_OK) {
			rc = input_error(w, rc, 0);
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
		cps.len = 0;
		if ((rc = seg_decode(s, n, &cps, &pos)) != BOBAO_OK ||
		    (rc = seg_clean(cps.v, cps.len, &text)) != BOBAO_OK) {
			rc = input_error(w, rc, pos.col);
			goto out;
		}
		w->first_in_para = 1;
		if ((rc = seg_split(&text, unit, w)) != BOBAO_OK)
			goto out;
		if (w->flags & WALK_PER_LINE) {
			struct walk_item it;

			memset(&it, 0, sizeof(it));
			it.ev = WALK_LINE_END;
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
	free(r);
	return rc;
}

bobao_code core_walk(struct bobao *b, const char *const *inputs, size_t n,
                     unsigned flags, walk_fn fn, void *ctx)
{
	struct walker w;
	struct stat st;
	bobao_code rc = BOBAO_OK;
	size_t i;
	FILE *fp;

	if ((rc = core_reader(b)) != BOBAO_OK)
		return rc;
	memset(&w, 0, sizeof(w));
	w.b = b;
	w.fn = fn;
	w.ctx = ctx;
	w.flags = flags;
	w.spoken = (struct seg_text)SEG_TEXT_INIT(WALK_LINE_MAX);
	seg_speech_init(&w.speech, 16 * WALK_LINE_MAX);
	for (i = 0; i < n; i++) {
		if (!strcmp(inputs[i], "-"))
			w.total = -1;
		else if (w.total >= 0 && !stat(inputs[i], &st))
			w.total += (double)st.st_size;
	}
	for (i = 0; i < n && rc == BOBAO_OK; i++) {
		int is_stdin = !strcmp(inputs[i], "-");

		if (is_stdin && (flags & WALK_FILES))
			continue;
		w.name = is_stdin ? "<stdin>" : inputs[i];
		if (is_stdin) {
			fp = stdin;
		} else if (!(fp = fopen(inputs[i], "rb"))) {
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
		rc = walk_file(&w, fp);
		if (!is_stdin)
			fclose(fp);
		if (rc == BOBAO_OK && !w.units && !(flags & WALK_PER_LINE))
			rc = bb_err_set(&b->err, BOBAO_E_EMPTY, "%s: no text to read", w.name);
	}
	seg_text_release(&w.spoken);
	seg_speech_release(&w.speech);
	return rc;
}

bobao_code core_check(struct bobao *b, const char *const *inputs, size_t n)
{
	return core_walk(b, inputs, n, WALK_FILES, NULL, NULL);
}
