/* fuzz_state.c - the readers of bobao fetch's seen list, cache and journal
 * (fetch/state.c) on any bytes.  The first byte picks the kind. */
#include <string.h>

#include "fch.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "fetch/seen", "fetch/cache", "fetch/.journal" };
	struct fch_lines lines = { 0 };
	struct bb_err e = { "" };
	enum fch_state kind;
	bobao_code rc;
	size_t i, k;

	if (!size)
		return 0;
	kind = (enum fch_state)(data[0] % 3);
	rc = fch_state_parse(names[kind], (const char *)data + 1, size - 1, kind, &lines, &e);
	/* read whole, or refused as damaged (65) with the file and line named */
	FUZZ_ASSERT(rc == BOBAO_OK || rc == BOBAO_E_BINARY || rc == BOBAO_E_ENCODING ||
	            rc == BOBAO_E_TOOLONG || rc == BOBAO_E_NOMEM);
	if (rc != BOBAO_OK) {
		FUZZ_ASSERT(rc == BOBAO_E_NOMEM || (!strncmp(e.msg, names[kind], strlen(names[kind])) &&
		                                     e.msg[strlen(names[kind])] == ':'));
		FUZZ_ASSERT(!lines.n && !lines.v);
		return 0;
	}
	FUZZ_ASSERT(!e.msg[0]);
	for (i = 0; i < lines.n; i++) {
		const unsigned char *s = (const unsigned char *)lines.v[i];

		/* a line as it was written: no control character, not empty, not
		 * a comment, within the cap; the kind's form */
		FUZZ_ASSERT(s[0] && s[0] != '#');
		for (k = 0; s[k]; k++)
			FUZZ_ASSERT(s[k] >= 0x20 || s[k] == '\t');
		FUZZ_ASSERT(k <= FCH_STATE_LINE_MAX && s[k - 1] != '\r');
		if (kind == FCH_STATE_SEEN)
			FUZZ_ASSERT(!strchr((const char *)s, '\t'));
		if (kind == FCH_STATE_CACHE)
			FUZZ_ASSERT(!strncmp((const char *)s, "http", 4) &&
			            strchr(strchr((const char *)s, '\t') + 1, '\t'));
	}
	fch_lines_release(&lines);
	return 0;
}
