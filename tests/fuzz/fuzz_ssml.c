/*
 * fuzz_ssml.c - libFuzzer target: a Speech Dispatcher message as sd_bobao
 * reads it.  The SSML parser (libxml2, with its lenient HTML fallback),
 * then what the module makes of every item: punctuation named in each mode,
 * characters spelled, and the message read as a key name.  Nothing may
 * crash, leak or read out of bounds, and every item must come out as valid
 * UTF-8 without control characters.
 *
 * Self-contained but for libxml2: it includes the module's sources, so it
 * builds with the library's fuzz rule plus $(XML_CFLAGS) and $(XML_LIBS):
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Ispeechd \
 *       $(pkg-config --cflags --libs libxml-2.0) tests/fuzz/fuzz_ssml.c
 *   ./a.out tests/fuzz/corpus/ssml
 */
#include <stdlib.h>
#include <string.h>

#include "../../speechd/sd_buf.c"
#include "../../speechd/say.c"
#include "../../speechd/ssml.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *t, size_t n)
{
	size_t i = 0, k;
	uint32_t c;

	if (t[n] != '\0')
		abort();
	while (i < n) {
		if (!(k = sd_utf8(t + i, n - i, &c)) || (c < 0x20 && c != '\n'))
			abort();
		i += k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sd_ssml doc;
	struct sd_buf out = SD_BUF_INIT(1u << 22);
	char *key;
	size_t i, j, k;
	int mode;

	if (sd_ssml_parse(&doc, (const char *)data, size) == 0) {
		for (i = 0; i < doc.n; i++) {
			const struct sd_ssml_item *it = &doc.v[i];

			if (it->kind == SD_SSML_BREAK) {
				if (it->ms < 0 || it->ms > SD_SSML_BREAK_MAX_MS)
					abort();
				continue;
			}
			if (!it->text)
				abort();
			if (it->kind == SD_SSML_MARK && strpbrk(it->text, "\r\n"))
				abort();   /* it would break the protocol's line */
			if (it->kind != SD_SSML_MARK)
				check_text(it->text, it->len);
			for (mode = SD_SAY_PUNCT_NONE; mode <= SD_SAY_PUNCT_ALL; mode++) {
				sd_buf_reset(&out);
				sd_say_punct(&out, it->text, it->len, (enum sd_say_punct)mode);
			}
			for (j = 0; j < it->len; j += k) {
				sd_buf_reset(&out);
				sd_say_char(&out, it->text + j, it->len - j, &k);
			}
		}
	}
	sd_ssml_release(&doc);
	if ((key = malloc(size + 1))) {
		memcpy(key, data, size);
		key[size] = '\0';
		sd_buf_reset(&out);
		sd_say_key(&out, key);
		free(key);
	}
	sd_buf_release(&out);
	return 0;
}
