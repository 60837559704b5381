/*
 * rundown.c - the --rundown file (see rundown.h).
 *
 * The file is read once, whatever it is (a FIFO, a pipe, a terminal),
 * into memory bounded by RUNDOWN_FILE_MAX, then cut into lines; no line
 * is ever split, so a long one is an error, never two paths.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bobao.h"   /* enum bobao_item only */
#include "cli_rundown.h"

static int fail(struct cli_rundown *r, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct cli_rundown *r, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
	return status;
}

/* Length of the UTF-8 sequence at s (n bytes left), 0 if it is none:
 * overlong forms, surrogates and values past U+10FFFF included.  (The
 * tool uses <bobao.h> only, so not libbobao's bb_utf8_decode.) */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	uint32_t c;
	size_t k, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	k = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	if (n < k)
		return 0;
	c = s[0] & (0x7F >> k);
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((k == 3 && c < 0x800) || (k == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	return k;
}

/* Column (in characters, from 1) of line[off]. */
static unsigned long column(const char *line, size_t off)
{
	unsigned long col = 1;
	size_t i;

	for (i = 0; i < off; i++)
		col += ((unsigned char)line[i] & 0xC0) != 0x80;
	return col;
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* s[*a..*b) without the blanks around it. */
static void trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && blank(s[*a]))
		++*a;
	while (*b > *a && blank(s[*b - 1]))
		--*b;
}

static char *copy(const char *dir, size_t dir_len, const char *s, size_t n)
{
	char *p = malloc(dir_len + n + 1);

	if (!p)
		return NULL;
	memcpy(p, dir, dir_len);
	memcpy(p + dir_len, s, n);
	p[dir_len + n] = '\0';
	return p;
}

/* Room for one more article. */
static int grow(struct cli_rundown *r, size_t *cap)
{
	unsigned *f;
	char **g;
	size_t c;

	if (r->n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 16;
	if (!(g = realloc(r->paths, c * sizeof(*g))))
		return -1;
	r->paths = g;
	if (!(g = realloc(r->titles, c * sizeof(*g))))
		return -1;
	r->titles = g;
	if (!(f = realloc(r->items, c * sizeof(*f))))
		return -1;
	r->items = f;
	*cap = c;
	return 0;
}

/* The MARKS column s[a..b) as enum bobao_item flags into *flags. */
static int marks(struct cli_rundown *r, const char *name, unsigned long no, const char *s,
                 size_t a, size_t b, unsigned *flags)
{
	static const struct { const char *word; unsigned flag; } known[] = {
		{ "1", BOBAO_ITEM_PRESENTER_1 }, { "2", BOBAO_ITEM_PRESENTER_2 },
		{ "bed", BOBAO_ITEM_BED },
	};
	size_t i = a, k, w;

	*flags = 0;
	while (i < b) {
		if (s[i] == ' ' || s[i] == ',') {
			i++;
			continue;
		}
		for (k = i; k < b && s[k] != ' ' && s[k] != ','; k++)
			;
		for (w = 0; w < sizeof(known) / sizeof(known[0]); w++)
			if (strlen(known[w].word) == k - i && !memcmp(known[w].word, s + i, k - i))
				break;
		if (w == sizeof(known) / sizeof(known[0]))
			return fail(r, 65, "%s:%lu:%lu: unknown mark '%.*s' (1, 2, bed)", name, no,
			            column(s, i), (int)(k - i > 40 ? 40 : k - i), s + i);
		*flags |= known[w].flag;
		i = k;
	}
	if ((*flags & BOBAO_ITEM_PRESENTER_1) && (*flags & BOBAO_ITEM_PRESENTER_2))
		return fail(r, 65, "%s:%lu:%lu: two presenters for one item", name, no, column(s, a));
	return 0;
}

/* One line (no newline, no CR) into r. */
static int line(struct cli_rundown *r, const char *name, unsigned long no, const char *s,
                size_t n, size_t *cap)
{
	const char *slash = strrchr(name, '/'), *tab, *tab2 = NULL;
	size_t pa = 0, pb, ta = 0, tb = 0, ma = 0, mb = 0, i, k;
	unsigned flags = 0;

	if (n > RUNDOWN_LINE_MAX)
		return fail(r, 65, "%s:%lu: line longer than %d bytes", name, no, RUNDOWN_LINE_MAX);
	if ((tab = memchr(s, '\0', n)))
		return fail(r, 65, "%s:%lu:%lu: a NUL byte", name, no, column(s, (size_t)(tab - s)));
	tab = memchr(s, '\t', n);
	pb = tab ? (size_t)(tab - s) : n;
	trim(s, &pa, &pb);
	if (tab) {
		ta = (size_t)(tab - s) + 1;
		tab2 = memchr(s + ta, '\t', n - ta);
		tb = tab2 ? (size_t)(tab2 - s) : n;
		trim(s, &ta, &tb);
	}
	if (tab2) {
		ma = (size_t)(tab2 - s) + 1;
		mb = n;
		trim(s, &ma, &mb);
	}
	if (pa == pb && ta == tb && ma == mb)
		return 0;                            /* blank */
	if (s[pa] == '#' && pa < pb)
		return 0;                            /* a comment */
	if (pa == pb)
		return fail(r, 65, "%s:%lu: a title without a path (PATH<TAB>TITLE)", name, no);
	for (i = pa; i < pb; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return fail(r, 65, "%s:%lu:%lu: a control character in the path", name, no,
			            column(s, i));
	for (i = ma; i < mb; i++)
		if (s[i] == '\t')
			return fail(r, 65, "%s:%lu:%lu: a third tab (PATH<TAB>TITLE<TAB>MARKS)", name,
			            no, column(s, i));
	if (marks(r, name, no, s, ma, mb, &flags))
		return 65;
	for (i = ta; i < tb; i += k) {
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return fail(r, 65, "%s:%lu:%lu: a control character in the title", name, no,
			            column(s, i));
		if (!(k = utf8_len((const unsigned char *)s + i, tb - i)))
			return fail(r, 65, "%s:%lu:%lu: the title is not UTF-8", name, no, column(s, i));
	}
	if (grow(r, cap))
		return fail(r, 71, "out of memory");
	/* relative paths from the rundown's folder */
	k = s[pa] != '/' && slash ? (size_t)(slash - name) + 1 : 0;
	r->titles[r->n] = NULL;
	r->items[r->n] = flags;
	if (!(r->paths[r->n] = copy(name, k, s + pa, pb - pa)))
		return fail(r, 71, "out of memory");
	if (ta < tb && !(r->titles[r->n] = copy("", 0, s + ta, tb - ta))) {
		free(r->paths[r->n]);
		return fail(r, 71, "out of memory");
	}
	r->n++;
	return 0;
}

int cli_rundown_parse(struct cli_rundown *r, const char *name, const char *text, size_t len)
{
	const char *end = text + len, *nl;
	unsigned long no = 0;
	size_t n, cap = r->n;
	int rc;

	r->msg[0] = '\0';
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		text += 3;                           /* a byte-order mark */
	while (text < end) {
		nl = memchr(text, '\n', (size_t)(end - text));
		n = nl ? (size_t)(nl - text) : (size_t)(end - text);
		no++;
		if ((rc = line(r, name, no, text, n && text[n - 1] == '\r' ? n - 1 : n, &cap)))
			return rc;
		text += n + (nl != NULL);
	}
	return 0;
}

int cli_rundown_read(struct cli_rundown *r, const char *path)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	const char *name = fp == stdin ? "standard input" : path;
	char *text = NULL, *g;
	size_t len = 0, alloc = 0, k;
	struct stat st;
	int rc = 0;

	if (!fp)
		return fail(r, errno == ENOMEM ? 71 : 66, "cannot open rundown '%s': %s", path,
		            strerror(errno));
	if (!fstat(fileno(fp), &st) && S_ISDIR(st.st_mode)) {
		rc = fail(r, 66, "cannot read rundown '%s': %s", path, strerror(EISDIR));
		goto out;
	}
	for (;;) {
		if (len == alloc) {
			if (alloc > RUNDOWN_FILE_MAX) {   /* one byte more than allowed */
				rc = fail(r, 65, "rundown '%s' is larger than %u MiB", name,
				          RUNDOWN_FILE_MAX >> 20);
				goto out;
			}
			alloc = alloc ? alloc * 2 : 65536;
			if (alloc > RUNDOWN_FILE_MAX)
				alloc = RUNDOWN_FILE_MAX + 1;
			if (!(g = realloc(text, alloc + 1))) {
				rc = fail(r, 71, "out of memory");
				goto out;
			}
			text = g;
		}
		if (!(k = fread(text + len, 1, alloc - len, fp)))
			break;
		len += k;
	}
	if (ferror(fp)) {
		rc = fail(r, 74, "cannot read rundown '%s': %s", name, strerror(errno));
		goto out;
	}
	if ((rc = cli_rundown_parse(r, name, text ? text : "", len)))
		goto out;
	if (!r->n)
		rc = fail(r, 65, "%s: no articles in the rundown", name);
out:
	if (fp != stdin)
		fclose(fp);
	free(text);
	return rc;
}

void cli_rundown_release(struct cli_rundown *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->paths[i]);
		free(r->titles[i]);
	}
	free(r->paths);
	free(r->titles);
	free(r->items);
	r->paths = r->titles = NULL;
	r->items = NULL;
	r->n = 0;
}
