/*
 * ssml.c - the SSML of a message to a flat list of items (see sd.h).
 *
 * libxml2 reads it, without network, DTDs or entity expansion; a message
 * that is not well-formed XML is read again by libxml2's lenient HTML
 * parser, which always gives a tree, so a broken message is still spoken.
 * Whitespace is collapsed as SSML says; <p> starts a paragraph; text is
 * made valid UTF-8 without control characters, so that bobao never
 * refuses it.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "sd.h"

#define DEPTH_MAX 200

struct walk {
	struct sd_ssml *out;
	int spell;   /* inside <say-as interpret-as="characters"> */
	int err;     /* out of memory */
};

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static struct sd_ssml_item *new_item(struct walk *w, enum sd_ssml_kind kind)
{
	struct sd_ssml *s = w->out;
	struct sd_ssml_item *it;

	if (s->n == SD_SSML_ITEMS_MAX) {
		s->cut = 1;
		return NULL;
	}
	if (s->n == s->alloc) {
		size_t a = s->alloc ? s->alloc * 2 : 16;
		struct sd_ssml_item *v = realloc(s->v, a * sizeof(*v));

		if (!v) {
			w->err = 1;
			return NULL;
		}
		s->v = v;
		s->alloc = a;
	}
	it = &s->v[s->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	return it;
}

/* Append bytes to the last item when it is of kind, else to a new one. */
static void append(struct walk *w, enum sd_ssml_kind kind, const char *t, size_t n)
{
	struct sd_ssml *s = w->out;
	struct sd_ssml_item *it = s->n && s->v[s->n - 1].kind == kind ? &s->v[s->n - 1] : NULL;
	char *p;

	if (!n || w->err || (!it && !(it = new_item(w, kind))))
		return;
	if (!(p = realloc(it->text, it->len + n + 1))) {
		w->err = 1;
		return;
	}
	memcpy(p + it->len, t, n);
	it->text = p;
	it->len += n;
	p[it->len] = '\0';
}

/* Text as SSML reads it: whitespace and control characters as one space,
 * bytes that are not UTF-8 dropped. */
static void add_text(struct walk *w, enum sd_ssml_kind kind, const char *t, size_t n)
{
	struct sd_ssml *s = w->out;
	struct sd_ssml_item *it = s->n && s->v[s->n - 1].kind == kind ? &s->v[s->n - 1] : NULL;
	struct sd_buf b = SD_BUF_INIT(SIZE_MAX / 2);
	size_t i = 0, k;
	uint32_t c;
	int space = !it || !it->len || it->text[it->len - 1] == ' ' ||
	            it->text[it->len - 1] == '\n';

	while (i < n && !w->err) {
		if (!(k = sd_utf8(t + i, n - i, &c))) {
			i++;
			continue;
		}
		i += k;
		if (c <= 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 ||
		    c == 0x2029 || c == 0x3000) {
			if (!space && sd_buf_add(&b, " ", 1))
				w->err = 1;
			space = 1;
		} else if (sd_buf_add(&b, t + i - k, k)) {
			w->err = 1;
		} else {
			space = 0;
		}
	}
	append(w, kind, b.p, b.len);
	sd_buf_release(&b);
}

/* A mark's name goes back to the server on a line of its own: control
 * characters (a newline written &#10;) become spaces. */
static void add_mark(struct walk *w, const char *name)
{
	struct sd_ssml_item *it;
	size_t i;

	if (!name || w->err || !(it = new_item(w, SD_SSML_MARK)))
		return;
	if (!(it->text = strdup(name))) {
		w->err = 1;
		return;
	}
	it->len = strlen(name);
	for (i = 0; i < it->len; i++)
		if ((unsigned char)it->text[i] < 0x20 || it->text[i] == 0x7F)
			it->text[i] = ' ';
}

/* <break time="250ms"/>, time="1.5s", or strength="weak"; medium by default. */
static int break_ms(xmlNode *n)
{
	static const struct { const char *name; int ms; } strengths[] = {
		{ "none", 0 }, { "x-weak", 100 }, { "weak", 200 }, { "medium", 400 },
		{ "strong", 700 }, { "x-strong", 1200 },
	};
	xmlChar *time = xmlGetProp(n, (const xmlChar *)"time");
	xmlChar *strength = xmlGetProp(n, (const xmlChar *)"strength");
	double v = -1;
	char *end;
	size_t i;
	int ms = 400;

	if (time) {
		v = strtod((const char *)time, &end);
		if (end == (char *)time || v < 0 || v != v)
			v = -1;
		else if (!strcasecmp(end, "s"))
			v *= 1000;
		else if (*end && strcasecmp(end, "ms"))
			v = -1;
	}
	if (v >= 0)
		ms = v > SD_SSML_BREAK_MAX_MS ? SD_SSML_BREAK_MAX_MS : (int)v;
	else if (strength)
		for (i = 0; i < sizeof(strengths) / sizeof(strengths[0]); i++)
			if (!strcasecmp((const char *)strength, strengths[i].name))
				ms = strengths[i].ms;
	xmlFree(time);
	xmlFree(strength);
	return ms;
}

static int spelled(xmlNode *n)
{
	static const char *const kinds[] = { "characters", "spell-out", "tts:char", "letters" };
	xmlChar *as = xmlGetProp(n, (const xmlChar *)"interpret-as");
	size_t i;
	int yes = 0;

	for (i = 0; as && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		yes |= !strcasecmp((const char *)as, kinds[i]);
	xmlFree(as);
	return yes;
}

static void walk(struct walk *w, xmlNode *n, int depth);

static void element(struct walk *w, xmlNode *n, int depth)
{
	const char *name = (const char *)n->name;
	int spell = w->spell;

	if (!strcasecmp(name, "mark")) {
		xmlChar *m = xmlGetProp(n, (const xmlChar *)"name");

		add_mark(w, (const char *)m);
		xmlFree(m);
	} else if (!strcasecmp(name, "break")) {
		struct sd_ssml_item *it;
		int ms = break_ms(n);

		if (ms > 0 && !w->err && (it = new_item(w, SD_SSML_BREAK)))
			it->ms = ms;
	} else if (!strcasecmp(name, "sub")) {
		xmlChar *alias = xmlGetProp(n, (const xmlChar *)"alias");

		if (alias) {
			add_text(w, w->spell ? SD_SSML_SPELL : SD_SSML_TEXT, (const char *)alias,
			         strlen((const char *)alias));
			xmlFree(alias);
			return;   /* the alias replaces the content */
		}
	} else if (!strcasecmp(name, "say-as")) {
		w->spell = w->spell || spelled(n);
	} else if (!strcasecmp(name, "p") || !strcasecmp(name, "paragraph")) {
		struct sd_ssml_item *it = w->out->n ? &w->out->v[w->out->n - 1] : NULL;

		/* a paragraph: a line of its own for bobao */
		if (it && it->kind == SD_SSML_TEXT && it->len && it->text[it->len - 1] == ' ')
			it->text[it->len - 1] = '\n';
		else
			append(w, SD_SSML_TEXT, "\n", 1);
	} else if (!strcasecmp(name, "desc") || !strcasecmp(name, "metadata") ||
	           !strcasecmp(name, "lexicon") || !strcasecmp(name, "script") ||
	           !strcasecmp(name, "style") || !strcasecmp(name, "head")) {
		return;
	}
	walk(w, n->children, depth + 1);
	w->spell = spell;
}

static void walk(struct walk *w, xmlNode *n, int depth)
{
	if (depth > DEPTH_MAX)
		return;
	for (; n && !w->err; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			element(w, n, depth);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content)
				add_text(w, w->spell ? SD_SSML_SPELL : SD_SSML_TEXT, (const char *)n->content,
				         strlen((const char *)n->content));
			break;
		default:
			break;   /* comments, processing instructions, entities */
		}
	}
}

int sd_ssml_parse(struct sd_ssml *out, const char *data, size_t n)
{
	struct walk w = { out, 0, 0 };
	xmlDoc *doc = NULL;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n && strchr(" \t\r\n", data[i]); i++)
		;
	if (i == n || data[i] != '<' || n > INT_MAX) {
		add_text(&w, SD_SSML_TEXT, data, n);
		return w.err ? -1 : 0;
	}
	xmlSetGenericErrorFunc(NULL, quiet);
	doc = xmlReadMemory(data, (int)n, NULL, "UTF-8",
	                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		out->malformed = 1;
		doc = htmlReadMemory(data, (int)n, NULL, "UTF-8",
		                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
		                     HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	}
	if (doc)
		walk(&w, xmlDocGetRootElement(doc) ? doc->children : NULL, 0);
	xmlFreeDoc(doc);
	return w.err ? -1 : 0;
}

void sd_ssml_release(struct sd_ssml *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].text);
	free(s->v);
	memset(s, 0, sizeof(*s));
}
