/*
 * cues.c - the files that go with a bulletin: subtitles (a cue per
 * sentence, WebVTT, SubRip or LRC), chapters (Podcasting 2.0 JSON, one per
 * article), a JSON report of the run and the web page (sidecar/page.c: it
 * gets the sentences and chapters as they come, its captions are the
 * WebVTT subtitles, else a .vtt written beside it).
 *
 * Cues are written as the sentences come out of the assembler, so memory
 * does not grow with the bulletin; their times are where the speech of the
 * sentence starts and ends in the audio (the assembler knows to the
 * sample).  Each file is opened through bb_out (base/out.c) like the
 * bulletin and, finished, staged with it (base/publish.c): the conductor
 * puts the set in place or drops it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bb_out.h"
#include "bb_publish.h"
#include "side.h"

enum sub_kind { SUB_VTT, SUB_SRT, SUB_LRC };

struct side {
	struct bb_out out;
	FILE *fp;        /* over out while it is written */
	int opened;      /* out awaits commit or discard */
};

struct side_cues {
	struct side sub, chap, rep;
	struct side vtt, html;      /* the page and its own captions */
	struct side_page *page;
	char *vtt_path;             /* of the captions written for the page */
	enum sub_kind kind;
	unsigned long n;            /* cues written */
	struct bb_buf sentence;     /* text of the sentence being spoken */
	double start, end;          /* of that sentence */
	int open;                   /* a sentence has started */
	unsigned long chapters;
	int want_title;             /* the next sentence names a chapter */
	int paragraph;              /* that sentence begins a paragraph */
	unsigned long han, trad;    /* Han characters read, in traditional units */
	const char *reader;         /* who reads the sentence, or NULL */
	struct bb_buf readers;      /* for the report: who reads each article,
	                               each name ended by a NUL */
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

/* Hand a finished file to the run's set (bb_publish.h). */
static bobao_code side_stage(struct side *s, struct bb_publish *pub, struct bb_err *err)
{
	if (!s->opened)
		return BOBAO_OK;
	if (s->fp)
		return BOBAO_E_INTERNAL;   /* not finished */
	s->opened = 0;
	return bb_publish_stage(pub, &s->out, 0, err) ? BOBAO_OK : BOBAO_E_INTERNAL;
}

/* Drop a file not staged. */
static void side_drop(struct side *s)
{
	if (!s->opened)
		return;
	if (s->fp)
		fclose(s->fp);
	s->fp = NULL;
	s->opened = 0;
	bb_out_discard(&s->out);
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

static int is_vtt(const char *path)
{
	const char *ext = path ? strrchr(path, '.') : NULL;

	return ext && !strcasecmp(ext, ".vtt");
}

bobao_code side_cues_captions_path(const struct bobao_output *o, char **path, struct bb_err *err)
{
	const char *dot, *slash;
	size_t stem;

	*path = NULL;
	if (!o->html || is_vtt(o->subtitles))
		return BOBAO_OK;
	dot = strrchr(o->html, '.');
	slash = strrchr(o->html, '/');
	stem = dot && dot > (slash ? slash + 1 : o->html) ? (size_t)(dot - o->html)
	                                                   : strlen(o->html);
	if (!(*path = malloc(stem + 5)))
		return BOBAO_E_NOMEM;
	snprintf(*path, stem + 5, "%.*s.vtt", (int)stem, o->html);
	if (!strcmp(*path, o->html) || (o->subtitles && !strcmp(*path, o->subtitles))) {
		bb_err_set(err, BOBAO_E_ARG, "the web page '%s' needs its captions in '%s': "
		           "name the page .html", o->html, *path);
		free(*path);
		*path = NULL;
		return BOBAO_E_ARG;
	}
	return BOBAO_OK;
}

/* The page wants WebVTT captions: the subtitles when they are, else a
 * .vtt beside the page, named after it. */
static bobao_code page_open(struct side_cues *c, const struct bobao_output *o, struct bb_err *err)
{
	struct side_page_info info = { o->html, o->path, o->subtitles, o->title, o->date,
	                               o->intro != NULL, o->outro != NULL };
	bobao_code rc;

	if (o->kind != BOBAO_OUTPUT_FILE || !o->path || !strcmp(o->path, "-"))
		return bb_err_set(err, BOBAO_E_ARG, "a web page needs a bulletin file (-o FILE)");
	if ((rc = side_cues_captions_path(o, &c->vtt_path, err)) != BOBAO_OK)
		return rc;
	if (c->vtt_path) {
		info.captions = c->vtt_path;
		if ((rc = side_open(&c->vtt, c->vtt_path, o->force, err)) != BOBAO_OK)
			return rc;
		fputs("WEBVTT\n\n", c->vtt.fp);
	}
	if ((rc = side_page_new(&c->page, &info, err)) != BOBAO_OK)
		return rc;
	return side_open(&c->html, o->html, o->force, err);
}

bobao_code side_cues_open(struct side_cues **out, const struct bobao_output *o, struct bb_err *err)
{
	struct side_cues *c = calloc(1, sizeof(*c));
	const char *ext;
	bobao_code rc = BOBAO_OK;

	*out = NULL;
	if (!c)
		return BOBAO_E_NOMEM;
	bb_buf_init(&c->sentence, 1 << 20);
	bb_buf_init(&c->readers, 1 << 20);
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
	if (rc == BOBAO_OK && o->html)
		rc = page_open(c, o, err);
	if (rc != BOBAO_OK) {
		side_cues_close(c);
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

/* Cue text in WebVTT: '<' starts a tag and '&' an entity there, and
 * "-->" would end the cue; a sentence is shown as it was written. */
static void vtt_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			fputs("&amp;", fp);
		else if (*s == '<')
			fputs("&lt;", fp);
		else if (*s == '>')
			fputs("&gt;", fp);
		else
			fputc(*s, fp);
	}
}

static void write_cue_to(struct side_cues *c, FILE *fp, enum sub_kind kind)
{
	long cs;

	switch (kind) {
	case SUB_VTT:
	case SUB_SRT:
		if (kind == SUB_SRT)
			fprintf(fp, "%lu\n", c->n);
		stamp(fp, c->start, kind == SUB_SRT ? ',' : '.');
		fputs(" --> ", fp);
		stamp(fp, c->end, kind == SUB_SRT ? ',' : '.');
		fputc('\n', fp);
		if (kind == SUB_VTT && c->reader) {   /* a voice span names the reader */
			fputs("<v ", fp);
			vtt_text(fp, c->reader);
			fputc('>', fp);
		} else if (c->reader) {
			fprintf(fp, "%s: ", c->reader);
		}
		if (kind == SUB_VTT)
			vtt_text(fp, bb_buf_str(&c->sentence));
		else
			fputs(bb_buf_str(&c->sentence), fp);
		fputs("\n\n", fp);
		break;
	case SUB_LRC:
		cs = (long)(c->start * 100 + 0.5);
		fprintf(fp, "[%02ld:%02ld.%02ld]%s%s%s\n", cs / 6000, cs / 100 % 60, cs % 100,
		        c->reader ? c->reader : "", c->reader ? ": " : "", bb_buf_str(&c->sentence));
		break;
	}
}

/* The sentence just ended, to the subtitles, the page and its captions. */
static bobao_code write_cue(struct side_cues *c)
{
	if (!c->sentence.len)
		return BOBAO_OK;
	c->n++;
	if (c->sub.fp)
		write_cue_to(c, c->sub.fp, c->kind);
	if (c->vtt.fp)
		write_cue_to(c, c->vtt.fp, SUB_VTT);
	if (c->page)
		return side_page_sentence(c->page, bb_buf_str(&c->sentence), c->start, c->end,
		                          c->paragraph);
	return BOBAO_OK;
}

bobao_code side_cues_unit(struct side_cues *c, enum bobao_break brk, int sentence_end,
                          const char *text, const char *title, const char *reader,
                          double start, double end)
{
	bobao_code rc = BOBAO_OK;

	if (brk == BOBAO_BREAK_NONE || brk == BOBAO_BREAK_ARTICLE) {
		if (reader && c->rep.fp &&
		    ((rc = bb_buf_adds(&c->readers, reader)) != BOBAO_OK ||
		     (rc = bb_buf_add(&c->readers, "", 1)) != BOBAO_OK))
			return rc;
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
		if (c->page && (rc = side_page_chapter(c->page, title, reader, start)) != BOBAO_OK)
			return rc;
	}
	if (!c->open) {
		bb_buf_reset(&c->sentence);
		c->reader = reader;
		c->start = start;
		c->open = 1;
		c->paragraph = brk == BOBAO_BREAK_PARAGRAPH;
	}
	rc = bb_buf_adds(&c->sentence, text);
	c->end = end;
	if (sentence_end && rc == BOBAO_OK) {
		rc = write_cue(c);
		if (c->want_title && c->chap.fp) {
			json_string(c->chap.fp, bb_buf_str(&c->sentence));
			fputs(" }", c->chap.fp);
			c->want_title = 0;
		}
		c->open = 0;
	}
	return rc;
}

static void report(struct side_cues *c, const struct bobao_stats *st, const struct bobao_output *o)
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
	if (c->readers.len) {   /* who read each article, in order */
		const char *s;

		fputs("  \"readers\": [", fp);
		for (s = c->readers.ptr; s < c->readers.ptr + c->readers.len; s += strlen(s) + 1) {
			fputs(s == c->readers.ptr ? "" : ", ", fp);
			json_string(fp, s);
		}
		fputs("],\n", fp);
	}
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
	if (o->html) {
		fputs(",\n    \"page\": ", fp);
		json_string(fp, o->html);
		fputs(",\n    \"captions\": ", fp);
		json_string(fp, c->vtt_path ? c->vtt_path : o->subtitles);
	}
	fprintf(fp, "\n  },\n  \"elapsed_seconds\": %.3f,\n  \"times_real_time\": %.1f\n}\n",
	        st->elapsed, st->elapsed > 0 ? st->audio_seconds / st->elapsed : 0);
}

bobao_code side_cues_finish(struct side_cues *c, const struct bobao_stats *st,
                            const struct bobao_output *o, struct bb_err *err)
{
	bobao_code rc = BOBAO_OK;

	if (!c)
		return BOBAO_OK;
	if (c->open) {   /* a last sentence without an end mark */
		rc = write_cue(c);
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
	if (rc == BOBAO_OK && c->page && st)
		rc = side_page_write(c->page, c->html.fp, st->audio_seconds,
		                     c->trad * 2 > c->han, err);
	if (rc == BOBAO_OK && (rc = side_finish(&c->sub, err)) == BOBAO_OK &&
	    (rc = side_finish(&c->chap, err)) == BOBAO_OK &&
	    (rc = side_finish(&c->vtt, err)) == BOBAO_OK && st &&
	    (rc = side_finish(&c->html, err)) == BOBAO_OK)
		rc = side_finish(&c->rep, err);
	return rc;
}

const char *side_cues_captions(const struct side_cues *c)
{
	return c ? c->vtt_path : NULL;
}

bobao_code side_cues_stage(struct side_cues *c, struct bb_publish *pub, struct bb_err *err)
{
	bobao_code rc;

	if (!c)
		return BOBAO_OK;
	if ((rc = side_stage(&c->sub, pub, err)) != BOBAO_OK ||
	    (rc = side_stage(&c->chap, pub, err)) != BOBAO_OK ||
	    (rc = side_stage(&c->rep, pub, err)) != BOBAO_OK ||
	    (rc = side_stage(&c->vtt, pub, err)) != BOBAO_OK)
		return rc;
	return side_stage(&c->html, pub, err);
}

void side_cues_close(struct side_cues *c)
{
	if (!c)
		return;
	side_drop(&c->sub);
	side_drop(&c->chap);
	side_drop(&c->rep);
	side_drop(&c->vtt);
	side_drop(&c->html);
	side_page_free(c->page);
	free(c->vtt_path);
	bb_buf_release(&c->sentence);
	bb_buf_release(&c->readers);
	free(c);
}

void side_cues_script(struct side_cues *c, const struct seg_text *text, const struct seg_unit *unit,
                      int traditional)
{
	size_t i, n = 0;

	for (i = unit->start; i < unit->end; i++)
		n += seg_is_han(text->cp.v[i]) != 0;
	c->han += n;
	if (traditional)
		c->trad += n;
}
