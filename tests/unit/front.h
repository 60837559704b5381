/* front.h - run the text front end over one line, for table tests. */
#ifndef FRONT_H
#define FRONT_H

#include "seg.h"

struct front {
	char clean[4096];    /* cleaned text */
	char units[4096];    /* units joined by '|', breath groups after '~' */
	char speech[4096];   /* each unit's speech, joined by " | " */
	char spoken[4096];   /* each unit's spoken form, joined by " | " */
	char spans[4096];    /* "M:..." / "L:..." spans joined by ' ' */
	bobao_code rc;
};

static struct seg_reader *reader;   /* one for all rows: it is costly */

static void cat(char *dst, size_t size, const char *s, size_t n)
{
	size_t len = strlen(dst);

	if (len + n >= size)
		n = size - len - 1;
	memcpy(dst + len, s, n);
	dst[len + n] = '\0';
}

static void cat_cps(char *dst, size_t size, const uint32_t *cp, size_t n)
{
	struct bb_buf b = BB_BUF_INIT(1 << 20);
	size_t i;

	for (i = 0; i < n; i++)
		bb_buf_addcp(&b, cp[i]);
	cat(dst, size, bb_buf_str(&b), b.len);
	bb_buf_release(&b);
}

static bobao_code on_unit(void *ctx, const struct seg_text *t, const struct seg_unit *u)
{
	struct front *f = ctx;
	struct seg_text spoken = SEG_TEXT_INIT(1 << 20), ahead = SEG_TEXT_INIT(1 << 20);
	struct seg_speech sp;
	bobao_code rc;
	size_t i;

	seg_speech_init(&sp, 1 << 20);
	if (f->units[0])
		cat(f->units, sizeof(f->units), u->breath ? "~" : "|", 1);
	cat_cps(f->units, sizeof(f->units), t->cp.v + u->start, u->end - u->start);
	if ((rc = seg_read_unit(reader, t, u, &spoken, &ahead, &sp)) == BOBAO_OK) {
		if (f->speech[0])
			cat(f->speech, sizeof(f->speech), " | ", 3);
		if (f->spoken[0])
			cat(f->spoken, sizeof(f->spoken), " | ", 3);
		cat_cps(f->spoken, sizeof(f->spoken), spoken.cp.v, spoken.cp.len);
		cat(f->speech, sizeof(f->speech), bb_buf_str(&sp.text), sp.text.len);
		for (i = 0; i < seg_speech_count(&sp); i++) {
			const struct seg_span *s = seg_speech_span(&sp, i);

			if (f->spans[0])
				cat(f->spans, sizeof(f->spans), " ", 1);
			cat(f->spans, sizeof(f->spans), s->lang == SEG_LANG_LATIN ? "L:" : "M:", 2);
			cat(f->spans, sizeof(f->spans), sp.text.ptr + s->off, s->len);
		}
	}
	seg_text_release(&spoken);
	seg_text_release(&ahead);
	seg_speech_release(&sp);
	return rc;
}

static void front(const char *line, struct front *f)
{
	struct bb_u32 cps = BB_U32_INIT(1 << 20);
	struct seg_text t = SEG_TEXT_INIT(1 << 20);
	struct seg_pos pos;

	memset(f, 0, sizeof(*f));
	if (!reader)
		assert_int_equal(seg_reader_new(&reader, NULL), BOBAO_OK);
	f->rc = seg_decode(line, strlen(line), &cps, &pos);
	if (f->rc == BOBAO_OK)
		f->rc = seg_clean(cps.v, cps.len, &t);
	if (f->rc == BOBAO_OK) {
		cat_cps(f->clean, sizeof(f->clean), t.cp.v, t.cp.len);
		f->rc = seg_split(&t, on_unit, f);
	}
	seg_text_release(&t);
	bb_u32_release(&cps);
}

/* A table row: input, expected output, why. */
struct row {
	const char *in, *want, *why;
};

/* Run each row through the front end; compare the output at field (an
 * offsetof(struct front, ...)), naming the row that differs. */
static void check_rows(const struct row *rows, size_t n, size_t field)
{
	struct front f;
	size_t i;

	for (i = 0; i < n; i++) {
		front(rows[i].in, &f);
		assert_int_equal(f.rc, BOBAO_OK);
		if (strcmp((const char *)&f + field, rows[i].want))
			print_error("row %zu (%s): '%s' gave '%s'\n", i, rows[i].why, rows[i].in,
			            (const char *)&f + field);
		assert_string_equal((const char *)&f + field, rows[i].want);
	}
}

#endif
