/* A program as built against bobao 0.1.0 (tests/abi/bobao-0.1.0.h: its
 * structs had no size member), run against today's libbobao.so.0: the
 * BOBAO_0 symbols (core/abi.c) must read its structs as 0.1.0 laid them
 * out.  The fields it sets span the structs, the last ones included
 * (report, force, html are bobao_output's last), so a field read at the
 * wrong offset shows.
 *   old IN.txt OUT.wav REPORT.json PAGE.html
 * prints the stats it gets back: "units sample_rate audio_seconds". */
#include <stdio.h>
#include <string.h>

#include "bobao.h"   /* tests/abi/bobao-0.1.0.h, copied under this name */

int main(int argc, char **argv)
{
	struct bobao_options opt;
	struct bobao_output out;
	struct bobao_stats st;
	const char *in[1];
	bobao *b;
	bobao_code rc;

	if (argc != 5 || bobao_new(&b) != BOBAO_OK)
		return 64;
	bobao_options_init(&opt);
	if (strcmp(opt.voice, "cmn-latn-pinyin") || opt.pause_sentence != 350 ||
	    opt.pause_headline != 1000 || opt.progress)
		return 70;   /* the defaults written at the wrong offsets */
	opt.jobs = 1;
	opt.lead_out = 1000;   /* a second of silence at the end */
	if ((rc = bobao_set_options(b, &opt)) != BOBAO_OK)
		goto out;
	bobao_output_init(&out, BOBAO_OUTPUT_FILE);
	if (out.quality != -1 || out.html || out.force)
		return 70;
	out.path = argv[2];
	out.title = "old";
	out.sample_rate = 16000;
	out.report = argv[3];
	out.force = 1;
	out.html = argv[4];
	in[0] = argv[1];
	rc = bobao_render(b, in, 1, &out);
	memset(&st, 0xFF, sizeof(st));
	bobao_get_stats(b, &st);
	printf("%lu %d %.1f\n", st.units, st.sample_rate, st.audio_seconds);
out:
	if (rc != BOBAO_OK)
		fprintf(stderr, "old: %s\n", bobao_errmsg(b));
	bobao_free(b);
	return bobao_exit_status(rc);
}
