/*
 * fetch.c - bobao_fetch(): sources to article files, with the rundown, the
 * seen list and the cache of validators.
 *
 * Order of writing, so that a run stopped at any point leaves something
 * sound: the articles (each under a temporary name, renamed), then
 * rundown.tsv, then the seen list, then the cache.  A run that fails as a
 * whole (interrupted, disk full) removes the articles it wrote and leaves
 * the rundown, seen list and cache as they were.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "fch.h"

#define FOLLOW_UNDER 200        /* characters: a summary, not an article */
#define CACHE_MAX 1000          /* sources remembered */
#define SEEN_MAX 50000          /* keys kept in the seen list */
#define KEY_MAX 2048

void bobao_fetch_options_init(struct bobao_fetch_options *o)
{
	memset(o, 0, sizeof(*o));
	o->full_text = -1;
	o->connect_timeout_ms = 10000;
	o->timeout_ms = 60000;
	o->max_body = 10L << 20;
	o->max_redirects = 5;
}

/* A list of strings, owned. */
struct strs {
	char **v;
	size_t n, alloc;
};

static bobao_code strs_add(struct strs *s, const char *str)
{
	char *c;

	if (s->n == s->alloc) {
		size_t a = s->alloc ? s->alloc * 2 : 64;
		char **v = realloc(s->v, a * sizeof(*v));

		if (!v)
			return BOBAO_E_NOMEM;
		s->v = v;
		s->alloc = a;
	}
	if (!(c = strdup(str)))
		return BOBAO_E_NOMEM;
	s->v[s->n++] = c;
	return BOBAO_OK;
}

static int strs_has(const struct strs *s, const char *str)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], str))
			return 1;
	return 0;
}

static void strs_release(struct strs *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

struct run {
	struct bb_err *err;
	volatile sig_atomic_t *stop;
	const struct bobao_fetch_options *o;
	struct fch_limits lim;
	char *cache_path;
	char *seen_path;       /* o->seen, or DIR/.seen; NULL: none */
	struct strs cache;     /* "URL\tETAG\tLAST-MODIFIED" */
	struct strs seen;      /* read from the seen list */
	struct strs fresh;     /* keys of the articles written in this run */
	struct strs written;   /* their paths, removed if the run fails */
	struct bb_buf rundown;
	unsigned long next;    /* number of the next article */
};

static bobao_code say(struct run *r, enum bobao_fetch_event ev, const char *source,
                      const struct fch_item *it, const char *path, const char *msg,
                      bobao_code code)
{
	struct bobao_fetch_report rep;

	if (!r->o->report)
		return BOBAO_OK;
	rep.event = ev;
	rep.source = source;
	rep.item = it ? (it->link && *it->link ? it->link : it->guid && *it->guid ? it->guid : NULL)
	              : NULL;
	rep.path = path;
	rep.title = it && it->title && *it->title ? it->title : NULL;
	rep.message = msg;
	rep.code = code;
	return r->o->report(r->o->report_ctx, &rep) ? BOBAO_E_INTERRUPTED : BOBAO_OK;
}

/* ---- files ---- */

/* Write data to path under a temporary name in the same folder, then
 * rename: readers see the old file or the new one, never a part.  The file
 * gets the usual permissions, 0666 less the umask, as bulletins do. */
static bobao_code write_atomic(const char *path, const char *data, size_t n, struct bb_err *e)
{
	struct bb_buf tmp = BB_BUF_INIT(8192);
	const char *slash = strrchr(path, '/');
	bobao_code rc;
	int fd = -1, made = 0;
	mode_t mask;
	FILE *fp = NULL;

	if (slash)
		rc = bb_buf_addf(&tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
	else
		rc = bb_buf_addf(&tmp, ".%s.XXXXXX", path);
	if (rc != BOBAO_OK)
		goto out;
	if ((fd = mkstemp(tmp.ptr)) < 0) {
		rc = bb_err_set(e, BOBAO_E_CREATE, "cannot create '%s': %s", path, strerror(errno));
		goto out;
	}
	made = 1;
	mask = umask(0);   /* mkstemp's 0600 would hide articles from a web server */
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) || !(fp = fdopen(fd, "wb"))) {
		rc = bb_err_set(e, BOBAO_E_CREATE, "cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if ((n && fwrite(data, 1, n, fp) != n) || fflush(fp) || fsync(fileno(fp))) {
		rc = bb_err_set(e, BOBAO_E_IO, "cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	if (fclose(fp)) {
		fp = NULL;
		rc = bb_err_set(e, BOBAO_E_IO, "cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	fp = NULL;
	if (rename(tmp.ptr, path)) {
		rc = bb_err_set(e, BOBAO_E_CREATE, "cannot create '%s': %s", path, strerror(errno));
		goto out;
	}
	bb_buf_release(&tmp);
	return BOBAO_OK;
out:
	if (fp)
		fclose(fp);
	if (fd >= 0)
		close(fd);
	if (made)
		unlink(tmp.ptr);
	bb_buf_release(&tmp);
	return rc;
}

/* Read a whole file, at most cap bytes. */
static bobao_code read_file(const char *path, long cap, struct bb_buf *out, struct bb_err *e)
{
	char chunk[65536];
	struct stat st;
	size_t got;
	bobao_code rc = BOBAO_OK;
	FILE *fp = fopen(path, "rb");

	bb_buf_init(out, (size_t)cap);
	if (!fp)
		return bb_err_set(e, BOBAO_E_NOINPUT, "cannot open: %s", strerror(errno));
	if (!fstat(fileno(fp), &st) && S_ISDIR(st.st_mode)) {
		fclose(fp);
		return bb_err_set(e, BOBAO_E_NOINPUT, "is a directory");
	}
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if ((rc = bb_buf_add(out, chunk, got)) != BOBAO_OK) {
			if (rc == BOBAO_E_TOOLONG)
				rc = bb_err_set(e, BOBAO_E_UNAVAILABLE, "larger than %ld bytes", cap);
			break;
		}
	if (rc == BOBAO_OK && ferror(fp))
		rc = bb_err_set(e, BOBAO_E_IO, "cannot read: %s", strerror(errno));
	if (rc == BOBAO_OK)
		rc = bb_buf_add(out, "", 0);
	fclose(fp);
	return rc;
}

/* Lines of a file into s; a missing file is an empty list. */
static bobao_code read_lines(const char *path, struct strs *s, struct bb_err *e)
{
	struct bb_buf all;
	bobao_code rc;
	char *p, *nl;

	if (access(path, F_OK) && errno == ENOENT)
		return BOBAO_OK;
	if ((rc = read_file(path, 64L << 20, &all, e)) != BOBAO_OK) {
		bb_err_clear(e);   /* read_file() does not name the file */
		rc = bb_err_set(e, rc, "cannot read '%s'", path);
		goto out;
	}
	for (p = all.ptr; p && *p && rc == BOBAO_OK; p = nl ? nl + 1 : NULL) {
		if ((nl = strchr(p, '\n')))
			*nl = '\0';
		if (*p && *p != '#')
			rc = strs_add(s, p);
	}
out:
	bb_buf_release(&all);
	return rc;
}

/* The last max lines of a and b into path, atomically. */
static bobao_code write_lines(const char *path, const char *head, const struct strs *a,
                              const struct strs *b, size_t max, struct bb_err *e)
{
	struct bb_buf out = BB_BUF_INIT((size_t)1 << 30);
	size_t total = a->n + b->n, skip = total > max ? total - max : 0, i;
	bobao_code rc = bb_buf_adds(&out, head);

	for (i = skip; i < total && rc == BOBAO_OK; i++) {
		const char *s = i < a->n ? a->v[i] : b->v[i - a->n];

		if ((rc = bb_buf_adds(&out, s)) == BOBAO_OK)
			rc = bb_buf_addch(&out, '\n');
	}
	if (rc == BOBAO_OK)
		rc = write_atomic(path, out.ptr, out.len, e);
	bb_buf_release(&out);
	return rc;
}

/* ---- the cache of validators ---- */

static const char *cache_find(struct run *r, const char *url, size_t *at)
{
	size_t n = strlen(url), i;

	for (i = 0; i < r->cache.n; i++)
		if (!strncmp(r->cache.v[i], url, n) && r->cache.v[i][n] == '\t') {
			*at = i;
			return r->cache.v[i] + n + 1;
		}
	return NULL;
}

/* Remember url's validators (the newest last; the oldest forgotten). */
static bobao_code cache_put(struct run *r, const char *url, const char *etag, const char *lm)
{
	struct bb_buf line = BB_BUF_INIT(FCH_URL_MAX + 1024);
	size_t at;
	bobao_code rc;

	if (cache_find(r, url, &at)) {
		free(r->cache.v[at]);
		memmove(r->cache.v + at, r->cache.v + at + 1, (r->cache.n - at - 1) * sizeof(char *));
		r->cache.n--;
	}
	if (!*etag && !*lm)
		return BOBAO_OK;
	if ((rc = bb_buf_addf(&line, "%s\t%s\t%s", url, etag, lm)) == BOBAO_OK &&
	    !strpbrk(line.ptr, "\n\r"))
		rc = strs_add(&r->cache, line.ptr);
	bb_buf_release(&line);
	return rc == BOBAO_E_TOOLONG ? BOBAO_OK : rc;
}

/* ---- one article ---- */

static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += (*s & 0xC0) != 0x80 && *s != '\n';
	return n;
}

/* guid, else link, else a hash of the text (FNV-1a, 64 bits). */
static void item_key(const struct fch_item *it, char *key, size_t n)
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	const unsigned char *s;

	if (it->guid && *it->guid && strlen(it->guid) < n) {
		snprintf(key, n, "%s", it->guid);
		return;
	}
	if (it->link && *it->link && strlen(it->link) < n) {
		snprintf(key, n, "%s", it->link);
		return;
	}
	for (s = (const unsigned char *)(it->text ? it->text : ""); *s; s++)
		h = (h ^ *s) * 0x100000001b3ULL;
	snprintf(key, n, "text:%016llx", h);
}

/* "c-1234" from ".../2026/11/29/c_1234.htm"; "article" when nothing is left. */
static void slug(const char *link, char *out, size_t n)
{
	const char *end, *s;
	size_t k = 0;
	int dash = 0;

	out[0] = '\0';
	if (link && *link) {
		end = link + strcspn(link, "?#");
		while (end > link && end[-1] == '/')
			end--;
		for (s = end; s > link && s[-1] != '/'; s--)
			;
		if (memchr(s, '.', (size_t)(end - s)))
			end = s + (strrchr(s, '.') - s < end - s ? strrchr(s, '.') - s : end - s);
		for (; s < end && k + 2 < n && k < 40; s++) {
			char c = *s;

			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
				if (dash && k)
					out[k++] = '-';
				out[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
				dash = 0;
			} else {
				dash = 1;
			}
		}
		out[k] = '\0';
	}
	if (!out[0])
		snprintf(out, n, "article");
}

/* The number after the highest "NNN-" file in the folder: earlier runs'
 * articles are never overwritten. */
static unsigned long first_number(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	unsigned long hi = 0, v;
	char *end;

	if (!d)
		return 1;
	while ((de = readdir(d)))
		if (de->d_name[0] >= '0' && de->d_name[0] <= '9') {
			v = strtoul(de->d_name, &end, 10);
			if (*end == '-' && v > hi && v < 100000000)
				hi = v;
		}
	closedir(d);
	return hi + 1;
}

static bobao_code write_article(struct run *r, const char *source, const struct fch_item *it,
                                const char *text, const char *key)
{
	struct bb_buf body = BB_BUF_INIT(FCH_TEXT_MAX + 8192), path = BB_BUF_INIT(8192);
	char name[80];
	bobao_code rc = BOBAO_OK;

	slug(it->link, name + 20, sizeof(name) - 20);
	snprintf(name, 20, "%03lu", r->next);
	if ((rc = bb_buf_addf(&path, "%s/%s-%s.txt", r->o->dir, name, name + 20)) != BOBAO_OK)
		goto out;
	if (it->title && *it->title)
		rc = bb_buf_addf(&body, "# %s\n", it->title);
	if (rc == BOBAO_OK)
		rc = bb_buf_adds(&body, text);
	if (rc != BOBAO_OK || (rc = write_atomic(path.ptr, body.ptr, body.len, r->err)) != BOBAO_OK)
		goto out;
	r->next++;
	if ((rc = strs_add(&r->written, path.ptr)) != BOBAO_OK ||
	    (rc = strs_add(&r->fresh, key)) != BOBAO_OK)
		goto out;
	rc = bb_buf_addf(&r->rundown, "%s-%s.txt\t%s\n", name, name + 20,
	                 it->title ? it->title : "");
	if (rc == BOBAO_OK)
		rc = say(r, BOBAO_FETCH_ARTICLE, source, it, path.ptr, NULL, BOBAO_OK);
out:
	bb_buf_release(&body);
	bb_buf_release(&path);
	return rc;
}

/* GET and decode a page or feed. */
static bobao_code get_utf8(struct run *r, const char *url, const char *etag, const char *lm,
                           struct fch_response *res, struct bb_buf *utf8, struct bb_err *e)
{
	bobao_code rc = fch_http_get(url, &r->lim, etag, lm, res, e);

	if (rc == BOBAO_OK && res->status != 304)
		rc = fch_to_utf8(res->body.ptr ? res->body.ptr : "", res->body.len, NULL,
		                 res->content_type, utf8, e);
	return rc;
}

/* Follow an item's link for the article.  *failed: the link could not be
 * fetched (worth a retry), as opposed to refused. */
static bobao_code follow(struct run *r, const char *source, const char *base,
                         struct fch_item *it, struct bb_buf *text, int *failed)
{
	struct fch_response res;
	struct bb_buf utf8 = BB_BUF_INIT(FCH_TEXT_MAX * 4);
	struct fch_article a;
	struct bb_err e = { "" };
	char *url = NULL;
	bobao_code rc;

	*failed = 0;
	fch_response_init(&res, r->lim.max_body);
	fch_article_init(&a);
	if ((rc = fch_url_resolve(base, it->link, &url)) != BOBAO_OK) {
		if (rc == BOBAO_E_ARG) {
			if (!base && !strstr(it->link, "://"))
				snprintf(e.msg, sizeof(e.msg), "link '%.200s' not followed: relative, "
				         "in a local file", it->link);
			else
				snprintf(e.msg, sizeof(e.msg), "link '%.200s' not followed: only http "
				         "and https are", it->link);
			rc = say(r, BOBAO_FETCH_WARNING, source, it, NULL, e.msg, BOBAO_OK);
		}
		goto out;
	}
	if ((rc = get_utf8(r, url, NULL, NULL, &res, &utf8, &e)) == BOBAO_E_INTERRUPTED ||
	    rc == BOBAO_E_NOMEM)
		goto out;
	if (rc != BOBAO_OK) {
		*failed = 1;
		rc = BOBAO_OK;
		goto out;
	}
	/* a page without an article (built by scripts) stays so: no retry */
	rc = fch_extract_page(utf8.ptr, utf8.len, &a);
	if (rc == BOBAO_E_EMPTY || rc == BOBAO_E_TOOLONG) {
		snprintf(e.msg, sizeof(e.msg), "%s '%.200s': the feed's text kept",
		         rc == BOBAO_E_EMPTY ? "no article text in" : "article over 4 MiB in", url);
		rc = say(r, BOBAO_FETCH_WARNING, source, it, NULL, e.msg, BOBAO_OK);
		goto out;
	}
	if (rc != BOBAO_OK)
		goto out;
	if (chars(bb_buf_str(&a.text)) > chars(bb_buf_str(text))) {
		bb_buf_reset(text);
		rc = bb_buf_add(text, a.text.ptr, a.text.len);
	}
	if (rc == BOBAO_OK && (!it->title || !*it->title) && a.title.len) {
		free(it->title);
		if (!(it->title = strdup(a.title.ptr)))
			rc = BOBAO_E_NOMEM;
	}
out:
	if (*failed) {
		char msg[BB_ERR_MAX + 300];

		snprintf(msg, sizeof(msg), "cannot follow '%.200s': %s", url ? url : it->link, e.msg);
		rc = say(r, BOBAO_FETCH_SKIPPED, source, it, NULL, msg, BOBAO_OK);
	}
	free(url);
	fch_article_release(&a);
	bb_buf_release(&utf8);
	fch_response_release(&res);
	return rc;
}

/* The items of one source.  *failures: items whose link could not be
 * fetched. */
static bobao_code take_items(struct run *r, const char *source, const char *base,
                             struct fch_feed *f, unsigned *failures)
{
	struct bb_buf text = BB_BUF_INIT(FCH_TEXT_MAX);
	char key[KEY_MAX], msg[200];
	bobao_code rc = BOBAO_OK;
	size_t i;
	int taken = 0, failed;

	for (i = 0; i < f->n && rc == BOBAO_OK; i++) {
		struct fch_item *it = &f->items[i];
		int want;

		if (*r->stop) {
			rc = BOBAO_E_INTERRUPTED;
			break;
		}
		item_key(it, key, sizeof(key));
		if (r->o->since && it->date && it->date < r->o->since) {
			rc = say(r, BOBAO_FETCH_SKIPPED, source, it, NULL, "older than --since", BOBAO_OK);
			continue;
		}
		if (strs_has(&r->seen, key) || strs_has(&r->fresh, key)) {
			rc = say(r, BOBAO_FETCH_SKIPPED, source, it, NULL, "seen before", BOBAO_OK);
			continue;
		}
		if (r->o->max_items && taken >= r->o->max_items) {
			snprintf(msg, sizeof(msg), "over --max-items %d", r->o->max_items);
			rc = say(r, BOBAO_FETCH_SKIPPED, source, it, NULL, msg, BOBAO_OK);
			continue;
		}
		bb_buf_reset(&text);
		if ((rc = bb_buf_adds(&text, it->text ? it->text : "")) != BOBAO_OK)
			break;
		want = r->o->full_text > 0 ||
		       (r->o->full_text < 0 && chars(bb_buf_str(&text)) < FOLLOW_UNDER);
		if (want && it->link && *it->link) {
			if ((rc = follow(r, source, base, it, &text, &failed)) != BOBAO_OK)
				break;
			if (failed) {
				(*failures)++;
				continue;
			}
		}
		if (!text.len) {
			rc = say(r, BOBAO_FETCH_SKIPPED, source, it, NULL, "no text", BOBAO_OK);
			continue;
		}
		taken++;
		rc = write_article(r, source, it, text.ptr, key);
	}
	bb_buf_release(&text);
	return rc;
}

/* One source.  BOBAO_E_PARTIAL: read, but some of its items' pages could
 * not be fetched; BOBAO_E_UNAVAILABLE (and friends) with e: this source
 * failed; BOBAO_E_INTERRUPTED, BOBAO_E_CREATE...: the run fails. */
static bobao_code one_source(struct run *r, const char *src, struct bb_err *e)
{
	struct fch_response res;
	struct bb_buf utf8 = BB_BUF_INIT(FCH_TEXT_MAX * 4), local = BB_BUF_INIT(0);
	struct fch_feed f = { 0 };
	struct fch_article a;
	const char *val, *base = NULL, *etag = NULL, *lm = NULL;
	char v1[600] = "", v2[200] = "", msg[200];
	unsigned failures = 0;
	size_t at, written = r->written.n;
	bobao_code rc;

	fch_response_init(&res, r->lim.max_body);
	fch_article_init(&a);
	if (strstr(src, "://") && !fch_url_allowed(src)) {
		rc = bb_err_set(e, BOBAO_E_UNAVAILABLE, "only http and https URLs are fetched");
		goto out;
	}
	if (fch_url_allowed(src)) {
		/* the cache's line: URL, ETag or "-", Last-Modified */
		if (r->cache_path && (val = cache_find(r, src, &at)) &&
		    sscanf(val, "%599[^\t]\t%199[^\n]", v1, v2) >= 1) {
			etag = strcmp(v1, "-") ? v1 : NULL;
			lm = v2[0] ? v2 : NULL;
		}
		if ((rc = get_utf8(r, src, etag, lm, &res, &utf8, e)) != BOBAO_OK)
			goto out;
		if (res.status == 304) {
			rc = say(r, BOBAO_FETCH_UNCHANGED, src, NULL, NULL, "not modified", BOBAO_OK);
			goto out;
		}
		base = res.url[0] ? res.url : src;
	} else {
		if ((rc = read_file(src, r->lim.max_body, &local, e)) != BOBAO_OK ||
		    (rc = fch_to_utf8(local.ptr, local.len, NULL, NULL, &utf8, e)) != BOBAO_OK)
			goto out;
	}
	if (fch_is_feed(utf8.ptr, utf8.len)) {
		if ((rc = fch_feed_parse(utf8.ptr, utf8.len, &f, e)) != BOBAO_OK)
			goto out;
	} else {
		/* a page: one article, already whole */
		struct fch_item *it;

		if ((rc = fch_extract_page(utf8.ptr, utf8.len, &a)) != BOBAO_OK) {
			if (rc == BOBAO_E_EMPTY)
				rc = bb_err_set(e, BOBAO_E_FORMAT, "neither a feed nor a page with an "
				                "article");
			else if (rc == BOBAO_E_TOOLONG)
				rc = bb_err_set(e, rc, "article longer than %u bytes", FCH_TEXT_MAX);
			goto out;
		}
		if (!(f.items = it = calloc(1, sizeof(*it)))) {
			rc = BOBAO_E_NOMEM;
			goto out;
		}
		f.n = f.alloc = 1;
		if (!(it->title = strdup(bb_buf_str(&a.title))) ||
		    !(it->text = strdup(bb_buf_str(&a.text))) ||
		    (base && !(it->link = strdup(base)))) {
			rc = BOBAO_E_NOMEM;
			goto out;
		}
	}
	if ((rc = take_items(r, src, base, &f, &failures)) != BOBAO_OK)
		goto out;
	if (failures) {
		rc = bb_err_set(e, BOBAO_E_PARTIAL, "%u item%s could not be fetched", failures,
		                failures == 1 ? "" : "s");
		goto out;
	}
	/* only a source read whole is remembered as unchanged next time */
	if (r->cache_path && base && (rc = cache_put(r, src, res.etag[0] ? res.etag : "-",
	                                             res.last_modified)) != BOBAO_OK)
		goto out;
	snprintf(msg, sizeof(msg), "%zu item%s, %zu new", f.n, f.n == 1 ? "" : "s",
	         r->written.n - written);
	rc = say(r, BOBAO_FETCH_SOURCE, src, NULL, NULL, msg, BOBAO_OK);
out:
	fch_feed_release(&f);
	fch_article_release(&a);
	bb_buf_release(&utf8);
	bb_buf_release(&local);
	fch_response_release(&res);
	return rc;
}

static int fatal(bobao_code rc)
{
	return rc == BOBAO_E_INTERRUPTED || rc == BOBAO_E_NOMEM || rc == BOBAO_E_CREATE ||
	       rc == BOBAO_E_IO || rc == BOBAO_E_INTERNAL;
}

bobao_code fch_run(const char *const *sources, size_t n, const struct bobao_fetch_options *o,
                   volatile sig_atomic_t *stop, struct bb_err *err)
{
	struct run r;
	struct bb_buf path = BB_BUF_INIT(8192);
	struct stat st;
	size_t i, ok = 0, failed = 0, partial = 0;
	bobao_code rc = BOBAO_OK;
	int curl = 0;

	memset(&r, 0, sizeof(r));
	bb_buf_init(&r.rundown, 64u << 20);
	r.err = err;
	r.stop = stop;
	r.o = o;
	if (!o->dir || !*o->dir || o->max_items < 0 || o->max_redirects < 0 ||
	    o->max_redirects > 20 || o->timeout_ms <= 0 || o->connect_timeout_ms <= 0 ||
	    o->max_body <= 0) {
		rc = bb_err_set(err, BOBAO_E_ARG, "invalid fetch options");
		goto out;
	}
	r.lim.connect_timeout_ms = o->connect_timeout_ms;
	r.lim.timeout_ms = o->timeout_ms;
	r.lim.max_body = o->max_body;
	r.lim.max_redirects = o->max_redirects;
	r.lim.stop = stop;
	if (mkdir(o->dir, 0777) && errno != EEXIST) {
		rc = bb_err_set(err, BOBAO_E_CREATE, "cannot create '%s': %s", o->dir,
		                strerror(errno));
		goto out;
	}
	if (stat(o->dir, &st) || !S_ISDIR(st.st_mode) || access(o->dir, W_OK | X_OK)) {
		rc = bb_err_set(err, BOBAO_E_CREATE, "cannot write into '%s': %s", o->dir,
		                S_ISDIR(st.st_mode) ? strerror(errno) : "not a directory");
		goto out;
	}
	r.next = first_number(o->dir);
	if (!o->cache)
		rc = bb_buf_addf(&path, "%s/.cache", o->dir);
	else if (*o->cache)
		rc = bb_buf_adds(&path, o->cache);
	if (rc == BOBAO_OK && path.len && !(r.cache_path = strdup(path.ptr)))
		rc = BOBAO_E_NOMEM;
	/* without a seen list of its own, the folder keeps one: fetching
	 * again into it never writes an article twice and calls it new */
	bb_buf_reset(&path);
	if (rc == BOBAO_OK && !o->seen)
		rc = bb_buf_addf(&path, "%s/.seen", o->dir);
	else if (rc == BOBAO_OK && *o->seen)
		rc = bb_buf_adds(&path, o->seen);
	if (rc == BOBAO_OK && path.len && !(r.seen_path = strdup(path.ptr)))
		rc = BOBAO_E_NOMEM;
	if (rc != BOBAO_OK ||
	    (r.cache_path && (rc = read_lines(r.cache_path, &r.cache, err)) != BOBAO_OK) ||
	    (r.seen_path && (rc = read_lines(r.seen_path, &r.seen, err)) != BOBAO_OK))
		goto out;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		rc = bb_err_set(err, BOBAO_E_INTERNAL, "cannot start libcurl");
		goto out;
	}
	curl = 1;
	for (i = 0; i < n; i++) {
		struct bb_err e = { "" };
		bobao_code src_rc = one_source(&r, sources[i], &e);

		if (fatal(src_rc)) {
			rc = src_rc;
			if (e.msg[0] && !err->msg[0])
				bb_err_set(err, rc, "%s: %s", sources[i], e.msg);
			goto out;
		}
		if (src_rc == BOBAO_OK) {
			ok++;
			continue;
		}
		if (src_rc == BOBAO_E_PARTIAL)
			ok++, partial++;
		else
			failed++;
		if ((rc = say(&r, BOBAO_FETCH_FAILED, sources[i], NULL, NULL,
		              e.msg[0] ? e.msg : bobao_strerror(src_rc), src_rc)) != BOBAO_OK)
			goto out;
	}
	if (!ok && failed) {
		rc = bb_err_set(err, BOBAO_E_UNAVAILABLE, "no source could be read");
		goto out;
	}
	bb_buf_reset(&path);
	if ((rc = bb_buf_addf(&path, "%s/rundown.tsv", o->dir)) != BOBAO_OK ||
	    (rc = write_atomic(path.ptr, bb_buf_str(&r.rundown), r.rundown.len, err)) != BOBAO_OK)
		goto out;
	if (r.seen_path && r.fresh.n &&
	    (rc = write_lines(r.seen_path, "", &r.seen, &r.fresh, SEEN_MAX, err)) != BOBAO_OK)
		goto out;
	if (r.cache_path) {
		struct strs none = { 0 };

		if ((rc = write_lines(r.cache_path, "# bobao fetch cache: URL ETAG LAST-MODIFIED\n",
		                      &r.cache, &none, CACHE_MAX, err)) != BOBAO_OK)
			goto out;
	}
	if (failed)
		rc = bb_err_set(err, BOBAO_E_PARTIAL, "%zu of %zu sources could not be read",
		                failed, n);
	else if (partial)
		rc = bb_err_set(err, BOBAO_E_PARTIAL, "%zu of %zu sources read in part",
		                partial, n);
	strs_release(&r.written);   /* complete: they stay */
out:
	if (fatal(rc) || rc == BOBAO_E_ARG)
		for (i = 0; i < r.written.n; i++)
			unlink(r.written.v[i]);
	if (curl)
		curl_global_cleanup();
	strs_release(&r.cache);
	strs_release(&r.seen);
	strs_release(&r.fresh);
	strs_release(&r.written);
	bb_buf_release(&r.rundown);
	bb_buf_release(&path);
	free(r.cache_path);
	free(r.seen_path);
	return rc;
}

/* A page's article as text: "# title", then a paragraph a line. */
bobao_code fch_page_article(const char *html, size_t n, const char *charset, char **text,
                            size_t *len, struct bb_err *e)
{
	struct bb_buf utf8 = BB_BUF_INIT(FCH_TEXT_MAX * 4), out = BB_BUF_INIT(FCH_TEXT_MAX + 8192);
	struct fch_article a;
	bobao_code rc;

	*text = NULL;
	*len = 0;
	fch_article_init(&a);
	if ((rc = fch_to_utf8(html, n, charset, NULL, &utf8, e)) != BOBAO_OK ||
	    (rc = fch_extract_page(bb_buf_str(&utf8), utf8.len, &a)) != BOBAO_OK)
		goto out;
	if (a.title.len)
		rc = bb_buf_addf(&out, "# %s\n", a.title.ptr);
	if (rc == BOBAO_OK && (rc = bb_buf_add(&out, a.text.ptr, a.text.len)) == BOBAO_OK) {
		*text = out.ptr;
		*len = out.len;
		out.ptr = NULL;
	}
out:
	bb_buf_release(&out);
	bb_buf_release(&utf8);
	fch_article_release(&a);
	return rc;
}

bobao_code fch_page_text(FILE *in, const char *name, const char *charset, char **text,
                         size_t *len, struct bb_err *e)
{
	struct bb_buf html = BB_BUF_INIT(10u << 20);
	char chunk[65536];
	size_t got;
	bobao_code rc = BOBAO_OK;

	*text = NULL;
	*len = 0;
	while (rc == BOBAO_OK && (got = fread(chunk, 1, sizeof(chunk), in)) > 0)
		rc = bb_buf_add(&html, chunk, got);
	if (rc == BOBAO_E_TOOLONG)
		rc = bb_err_set(e, rc, "%s: page larger than %zu bytes", name, html.cap);
	else if (rc == BOBAO_OK && ferror(in))
		rc = bb_err_set(e, BOBAO_E_IO, "cannot read '%s': %s", name, strerror(errno));
	if (rc != BOBAO_OK)
		goto out;
	rc = fch_page_article(html.ptr ? html.ptr : "", html.len, charset, text, len, e);
	if (rc == BOBAO_E_EMPTY)
		rc = bb_err_set(e, rc, "%s: no article text in the page", name);
	else if (rc == BOBAO_E_TOOLONG)
		rc = bb_err_set(e, rc, "%s: article longer than %u bytes", name, FCH_TEXT_MAX);
out:
	bb_buf_release(&html);
	return rc;
}
