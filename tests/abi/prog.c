/* A program built against an installed libbobao with nothing but
 * pkg-config's flags: it prints what the engine is given for its
 * arguments' files, as 'bobao pinyin' does. */
#include <stdio.h>

#include <bobao.h>

static int print_speech(void *ctx, const struct bobao_text *t)
{
	(void)ctx;
	printf("%s\n", t->speech);
	return 0;
}

int main(int argc, char **argv)
{
	bobao *b;
	bobao_code rc;

	if (bobao_new(&b) != BOBAO_OK)
		return 71;
	rc = bobao_read_text(b, (const char *const *)argv + 1, (size_t)argc - 1,
	                     BOBAO_TEXT_SENTENCES, print_speech, NULL);
	if (rc != BOBAO_OK)
		fprintf(stderr, "prog: %s\n", bobao_errmsg(b));
	bobao_free(b);
	return bobao_exit_status(rc);
}
