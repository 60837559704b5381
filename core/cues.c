/*
 * cues.c - the files that go with a bulletin: subtitles (a cue per
 * sentence, WebVTT, SubRip or LRC), chapters (Podcasting 2.0 JSON, one per
 * article) and a JSON report of the run.
 *
 * Cues are written as the sentences come out of the assembler, so memory
 * does not grow with the bulletin; their times are where the speech of the
 * sentence starts and ends in the audio (the assembler knows to the
 * sample).  Each file is opened through bb_out (base/out.c) like the
 * bulletin, and put in place with it, or dropped with it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bb_out.h"
#include "core.h"

enum sub_kind { SUB_VTT, SUB_SRT, SUB_LRC };

struct side {
	struct bb_out out;
	FILE *fp;        /* over out while it is written */
	int opened;      /* out awaits commit or discard */
};

struct cues {
	struct side sub, chap, rep;
	enum sub_kind kind;
	unsigned long n;            /* cues written */
	struct bb_buf sentence;     /* text of the sentence being spoken */
	double start, end;          /* of that sentence */
	int open;                   /* a sentence has started */
	unsigned long chapters;
	int want_title;             /* the next sentence names a chapter */
};

static bobao_code side_open(struct side *s, const char *path, int force,
                            struct bb_err *err)
{
	bobao_code rc;

	if ((rc = bb_out_open(&s->out, path, BB_OUT_STDOUT | (force ? BB_OUT_FORCE : 0),
	                      err)) != BOBAO_OK)
		return rc;
	if (!(s->fp = bb_out_fopen(&s->out))) {
		bb_out_discard(&s->out);
		return BOBAO_E_NOMEM;
	}
	s->opened = 1;
	return BOBAO_OK;
}

/* Write out what is buffered and flush it to disk, not yet in place. */
static bobao_code side_finish(struct side *s, struct bb_err *err)
{
	bobao_code rc = BOBAO_OK;

	if (!s->fp)
		return BOBAO_OK;
	if (fflush(s->fp) || ferror(s->fp))
		rc = bb_out_fail(&s->out, err);
	if (fclose(s->fp) && rc == BOBAO_OK)
		rc = bb_out_fail(&s->out, err);
	s->fp = NULL;
	return rc == BOBAO_OK ? bb_out_finish(&s->out, err) : rc;
}

static bobao_code side_close(struct side *s, int commit, struct bb_err *err)
{
	if (!s->opened)
		return BOBAO_OK;
	if (s->fp) {
		fclose(s->fp);   /* not finished: dropped */
		s->fp = NULL;
		commit = 0;
	}
	s->opened = 0;
	if (commit)
		return bb_out_commit(&s->out, err);
	bb_out_discard(&s->out);
	return BOBAO_OK;
}

/* A JSON string, escaped. */
static void json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

bobao_code cues_open(struct cues **out, const struct bobao_output *o, struct bb_err *err)
{
	struct cues *c = calloc(1, sizeof(*c));
	const char *ext;
	bobao_code rc = BOBAO_OK;

	*out = NULL;
	if (!c)
		return BOBAO_E_NOMEM;
	bb_buf_init(&c->sentence, 1 << 20);
	if (o->subtitles) {
		ext = strrchr(o->subtitles, '.');
		if (ext && !strcasecmp(ext, ".vtt"))
			c->kind = SUB_VTT;
		else if (ext && !strcasecmp(ext, ".srt"))
			c->kind = SUB_SRT;
		else if (ext && !strcasecmp(ext, ".lrc"))
			c->kind = SUB_LRC;
		else
			rc = bb_err_set(err, BOBAO_E_FORMAT,
			                "cannot tell the subtitle format of '%s' (.vtt, .srt or .lrc)",
			                o->subtitles);
		if (rc == BOBAO_OK && (rc = side_open(&c->sub, o->subtitles, o->force, err)) == BOBAO_OK &&
		    c->kind == SUB_VTT)
			fputs("WEBVTT\n\n", c->sub.fp);
	}
	if (rc == BOBAO_OK && o->chapters &&
	    (rc = side_open(&c->chap, o->chapters, o->force, err)) == BOBAO_OK)
		fputs("{\n  \"version\": \"1.2.0\",\n  \"chapters\": [", c->chap.fp);
	if (rc == BOBAO_OK && o->report)
		rc = side_open(&c->rep, o->report, o->force, err);
	if (rc != BOBAO_OK) {
		cues_close(c, 0, err);
		return rc;
	}
	*out = c;
	return BOBAO_OK;
}

static void stamp(FILE *fp, double t, char frac_sep)
{
	long ms = (long)(t * 1000 + 0.5);

	fprintf(fp, "%02ld:%02ld:%02ld%c%03ld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
	        frac_sep, ms % 1000);
}

static void write_cue(struct cues *c)
{
	FILE *fp = c->sub.fp;
	long cs;

	if (!fp || !c->sentence.len)
		return;
	c->n++;
	switch (c->kind) {
	case SUB_VTT:
	case SUB_SRT:
		if (c->kind == SUB_SRT)
			fprintf(fp, "%lu\n", c->n);
		stamp(fp, c->start, c->kind == SUB_SRT ? ',' : '.');
		fputs(" --> ", fp);
		stamp(fp, c->end, c->kind == SUB_SRT ? ',' : '.');
		fprintf(fp, "\n%s\n\n", bb_buf_str(&c->sentence));
		break;
	case SUB_LRC:
		cs = (long)(c->start * 100 + 0.5);
		fprintf(fp, "[%02ld:%02ld.%02ld]%s\n", cs / 6000, cs / 100 % 60, cs % 100,
		        bb_buf_str(&c->sentence));
		break;
	}
}

bobao_code cues_unit(struct cues *c, enum bobao_break brk, int sentence_end,
                     const char *text, const char *title, double start, double end)
{
	bobao_code rc = BOBAO_OK;

	if (brk == BOBAO_BREAK_NONE || brk == BOBAO_BREAK_ARTICLE) {
		if (c->chap.fp) {
			fprintf(c->chap.fp, "%s\n    { \"startTime\": %.3f, \"title\": ",
			        c->chapters ? "," : "", start);
			c->want_title = !title;
			if (title) {
				json_string(c->chap.fp, title);
				fputs(" }", c->chap.fp);
			}
		}
		c->chapters++;
	}
	if (!c->open) {
		bb_buf_reset(&c->sentence);
		c->start = start;
		c->open = 1;
	}
	rc = bb_buf_adds(&c->sentence, text);
	c->end = end;
	if (sentence_end) {
		write_cue(c);
		if (c->want_title && c->chap.fp) {
			json_string(c->chap.fp, bb_buf_str(&c->sentence));
			fputs(" }", c->chap.fp);
			c->want_title = 0;
		}
		c->open = 0;
	}
	return rc;
}

static void report(struct cues *c, const struct bobao_stats *st, const struct bobao_output *o)
{
	FILE *fp = c->rep.fp;

	fputs("{\n  \"duration_seconds\": ", fp);
	fprintf(fp, "%.3f,\n", st->audio_seconds);
	fprintf(fp, "  \"articles\": %lu,\n  \"paragraphs\": %lu,\n  \"sentences\": %lu,\n"
	        "  \"units\": %lu,\n", st->articles, st->paragraphs, st->sentences, st->units);
	if (st->loudness > -70)
		fprintf(fp, "  \"integrated_lufs\": %.2f,\n", st->loudness);
	else
		fputs("  \"integrated_lufs\": null,\n", fp);
	if (st->true_peak > -120)
		fprintf(fp, "  \"true_peak_dbtp\": %.2f,\n", st->true_peak);
	else
		fputs("  \"true_peak_dbtp\": null,\n", fp);
	fprintf(fp, "  \"sample_rate\": %d,\n  \"outputs\": {", st->sample_rate);
	if (o->kind == BOBAO_OUTPUT_FILE) {
		fputs("\n    \"audio\": ", fp);
		json_string(fp, o->path);
	}
	if (o->subtitles) {
		fputs(",\n    \"subtitles\": ", fp);
		json_string(fp, o->subtitles);
	}
	if (o->chapters) {
		fputs(",\n    \"chapters\": ", fp);
		json_string(fp, o->chapters);
	}
	fprintf(fp, "\n  },\n  \"elapsed_seconds\": %.3f,\n  \"times_real_time\": %.1f\n}\n",
	        st->elapsed, st->elapsed > 0 ? st->audio_seconds / st->elapsed : 0);
}

bobao_code cues_finish(struct cues *c, const struct bobao_stats *st,
                       const struct bobao_output *o, struct bb_err *err)
{
	bobao_code rc;

	if (!c)
		return BOBAO_OK;
	if (c->open) {   /* a last sentence without an end mark */
		write_cue(c);
		if (c->want_title && c->chap.fp) {
			json_string(c->chap.fp, bb_buf_str(&c->sentence));
			fputs(" }", c->chap.fp);
		}
		c->open = 0;
	}
	if (c->chap.fp)
		fputs("\n  ]\n}\n", c->chap.fp);
	if (c->rep.fp && st)
		report(c, st, o);
	if ((rc = side_finish(&c->sub, err)) == BOBAO_OK &&
	    (rc = side_finish(&c->chap, err)) == BOBAO_OK && st)
		rc = side_finish(&c->rep, err);
	return rc;
}

bobao_code cues_close(struct cues *c, int commit, struct bb_err *err)
{
	bobao_code rc = BOBAO_OK, r2;

	if (!c)
		return BOBAO_OK;
	rc = side_close(&c->sub, commit, err);
	if ((r2 = side_close(&c->chap, commit && rc == BOBAO_OK, err)) != BOBAO_OK && rc == BOBAO_OK)
		rc = r2;
	if ((r2 = side_close(&c->rep, commit && rc == BOBAO_OK, err)) != BOBAO_OK && rc == BOBAO_OK)
		rc = r2;
	bb_buf_release(&c->sentence);
	free(c);
	return rc;
}
