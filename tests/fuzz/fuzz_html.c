/* fuzz_html.c - libFuzzer: any bytes as a web page through
 * bobao_extract_html(): charset, parsing, container choice, text density,
 * boilerplate lines.  The text must be UTF-8 without control characters,
 * a paragraph a line, as bobao's text front end takes it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bobao.h"
#include "bb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bobao *b;
	char *text = NULL;
	size_t len = 0, i = 0, k;
	uint32_t c;

	if (!b && bobao_new(&b) != BOBAO_OK)
		return 0;
	if (bobao_extract_html(b, (const char *)data, size, NULL, &text, &len) == BOBAO_OK) {
		if (!len || text[len - 1] != '\n' || strlen(text) != len)
			__builtin_trap();
		while (i < len) {
			if (!(k = bb_utf8_decode((const unsigned char *)text + i, len - i, &c)))
				__builtin_trap();
			if ((c < 0x20 && c != '\n') || c == 0x7F || (c == '\n' && i && text[i - 1] == '\n'))
				__builtin_trap();
			i += k;
		}
	}
	free(text);
	return 0;
}
