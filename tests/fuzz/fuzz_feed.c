/* fuzz_feed.c - libFuzzer: any bytes as a fetched feed body: charset
 * detection, then RSS/RDF/Atom parsing and each item's HTML to text. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bb_buf utf8 = BB_BUF_INIT(64u << 20);
	struct bb_err e = { "" };
	struct fch_feed f;
	size_t i;

	if (fch_to_utf8((const char *)data, size, NULL, NULL, &utf8, &e) != BOBAO_OK)
		goto out;
	if (fch_feed_parse(bb_buf_str(&utf8), utf8.len, &f, &e) == BOBAO_OK) {
		for (i = 0; i < f.n; i++) {
			/* what fetch.c relies on: one-line titles, text ending in '\n' */
			if (strchr(f.items[i].title, '\n') || strchr(f.items[i].title, '\t'))
				__builtin_trap();
			if (*f.items[i].text && f.items[i].text[strlen(f.items[i].text) - 1] != '\n')
				__builtin_trap();
			(void)fch_parse_date(f.items[i].title);
		}
		fch_feed_release(&f);
	}
out:
	bb_buf_release(&utf8);
	return 0;
}
