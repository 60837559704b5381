/*
 * context-features - what the context model learns from: for each line of
 * standard input, every Han character as bobao reads it before the model
 * decides, and the model's features (segment/context.c), one per line:
 *
 *   LINE <tab> CHARACTER <tab> READING <tab> FEATURE ...
 *
 * LINE counts from 1; the characters of a line come in order, so the k-th
 * one printed for a line is its k-th Han character.  Used by
 * scripts/gen-context, linked to the library's internals like the unit
 * tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seg.h"

struct run {
	struct seg_reader *reader;
	unsigned long line;
	bobao_code rc;
};

static void on_char(void *arg, uint32_t c, seg_reading_t r, char key[][SEG_CONTEXT_KEY],
                    size_t nkeys)
{
	struct run *run = arg;
	struct bb_buf b = BB_BUF_INIT(1 << 10);
	size_t k;

	if (bb_buf_addcp(&b, c) != BOBAO_OK || bb_buf_addch(&b, '\t') != BOBAO_OK ||
	    (r && seg_reading_append(&b, r) != BOBAO_OK))
		run->rc = BOBAO_E_NOMEM;
	for (k = 0; k < nkeys && run->rc == BOBAO_OK; k++)
		if (bb_buf_addch(&b, '\t') != BOBAO_OK || bb_buf_add(&b, key[k], strlen(key[k])) != BOBAO_OK)
			run->rc = BOBAO_E_NOMEM;
	printf("%lu\t%s\n", run->line, bb_buf_str(&b));
	bb_buf_release(&b);
}

static bobao_code on_unit(void *arg, const struct seg_text *t, const struct seg_unit *u)
{
	struct run *run = arg;
	struct seg_text spoken = SEG_TEXT_INIT(1 << 20), ahead = SEG_TEXT_INIT(1 << 20);
	struct seg_speech sp;
	bobao_code rc;

	seg_speech_init(&sp, 1 << 20);
	rc = seg_read_unit(run->reader, t, u, &spoken, &ahead, &sp);
	seg_text_release(&spoken);
	seg_text_release(&ahead);
	seg_speech_release(&sp);
	return rc != BOBAO_OK ? rc : run->rc;
}

int main(void)
{
	struct run run = { NULL, 0, BOBAO_OK };
	char line[1 << 16];
	int status = 0;

	if (seg_reader_new(&run.reader, NULL) != BOBAO_OK) {
		fputs("context-features: cannot make a reader\n", stderr);
		return 1;
	}
	seg_reader_trace(run.reader, on_char, &run);
	while (fgets(line, sizeof(line), stdin)) {
		struct bb_u32 cps = BB_U32_INIT(1 << 20);
		struct seg_text t = SEG_TEXT_INIT(1 << 20);
		struct seg_pos pos;
		bobao_code rc;

		run.line++;
		line[strcspn(line, "\n")] = '\0';
		rc = seg_decode(line, strlen(line), &cps, &pos);
		if (rc == BOBAO_OK)
			rc = seg_clean(cps.v, cps.len, &t);
		if (rc == BOBAO_OK)
			rc = seg_split(&t, on_unit, &run);
		seg_text_release(&t);
		bb_u32_release(&cps);
		if (rc != BOBAO_OK) {
			fprintf(stderr, "context-features: line %lu: %s\n", run.line, bobao_strerror(rc));
			status = 1;
			break;
		}
	}
	seg_reader_free(run.reader);
	return status;
}
