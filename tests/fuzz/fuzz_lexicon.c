/*
 * fuzz_lexicon.c - user lexicons, bobao's TSV and CC-CEDICT lines
 * (seg_lexicon_parse), then lookups of the input's own characters.
 *
 * The lexicon starts empty: this file defines the built-in lexicon list
 * (normally build/…/segment/lexicons.o, made from data/), so the linker
 * takes this one and every input runs in microseconds, not after 40 KB
 * of built-in entries.
 */
#include <string.h>

#include "fuzz.h"
#include "seg.h"

const struct seg_builtin seg_builtin_lexicons[] = { { NULL, NULL } };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seg_lexicon *lx = NULL;
	struct bb_u32 cps = BB_U32_INIT(1u << 20);
	struct seg_pos pos;
	struct bb_err err;
	seg_reading_t r[32];
	size_t i, k;
	bobao_code rc;

	bb_err_clear(&err);
	if (seg_lexicon_new(&lx, &err) != BOBAO_OK)
		abort();
	rc = seg_lexicon_parse(lx, (const char *)data, size, "user.tsv", 1, &err);
	FUZZ_ASSERT(rc == BOBAO_OK || (rc == BOBAO_E_ENCODING && !strncmp(err.msg, "user.tsv:", 9)));
	/* look up the first positions of the input's valid UTF-8 */
	for (i = 0; i < size && i < 256; i++) {
		cps.len = 0;
		if (seg_decode((const char *)data + i, size - i < 64 ? size - i : 64, &cps, &pos) !=
		    BOBAO_OK)
			continue;
		k = seg_lexicon_match(lx, cps.v, cps.len, 1, r);
		FUZZ_ASSERT(k <= cps.len && k <= 16);
	}
	bb_u32_release(&cps);
	seg_lexicon_free(lx);
	return 0;
}
