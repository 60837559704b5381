/* http.c - one GET through libcurl, within limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "fch.h"

int fch_url_allowed(const char *url)
{
	return !strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8);
}

bobao_code fch_url_resolve(const char *base, const char *ref, char **out)
{
	CURLU *u = curl_url();
	char *s = NULL;
	bobao_code rc = BOBAO_E_ARG;

	*out = NULL;
	if (!u)
		return BOBAO_E_NOMEM;
	if (base && fch_url_allowed(base) && curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK)
		goto out;
	if (curl_url_set(u, CURLUPART_URL, ref, base && fch_url_allowed(base) ? 0 :
	                 CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
		goto out;
	if (curl_url_get(u, CURLUPART_URL, &s, 0) != CURLUE_OK)
		goto out;
	if (!fch_url_allowed(s) || strlen(s) >= FCH_URL_MAX)
		goto out;
	if (!(*out = strdup(s))) {
		rc = BOBAO_E_NOMEM;
		goto out;
	}
	rc = BOBAO_OK;
out:
	curl_free(s);
	curl_url_cleanup(u);
	return rc;
}

void fch_response_init(struct fch_response *r, long max_body)
{
	memset(r, 0, sizeof(*r));
	bb_buf_init(&r->body, (size_t)max_body);
}

void fch_response_release(struct fch_response *r)
{
	bb_buf_release(&r->body);
}

struct transfer {
	struct fch_response *r;
	const struct fch_limits *l;
	int too_big;
};

/* Returning less than given aborts the transfer: the cap holds whatever
 * Content-Length said (or did not say), and for compressed bodies too. */
static size_t on_data(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct transfer *t = ctx;
	size_t n = size * nmemb;

	if (bb_buf_add(&t->r->body, data, n) != BOBAO_OK) {
		t->too_big = 1;
		return 0;
	}
	return n;
}

static int on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
	struct transfer *t = ctx;

	(void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	return t->l->stop && *t->l->stop;
}

static void header_value(CURL *h, const char *name, char *out, size_t n)
{
	struct curl_header *hd;

	out[0] = '\0';
	if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hd) == CURLHE_OK &&
	    strlen(hd->value) < n)
		strcpy(out, hd->value);
}

bobao_code fch_http_get(const char *url, const struct fch_limits *l, const char *etag,
                        const char *last_modified, struct fch_response *r,
                        struct bb_err *e)
{
	char errbuf[CURL_ERROR_SIZE] = "", line[700];
	struct curl_slist *hdrs = NULL, *h2;
	struct transfer t = { r, l, 0 };
	bobao_code rc = BOBAO_OK;
	CURLcode cc;
	CURL *h;
	char *eff = NULL, *ct = NULL;

	if (!fch_url_allowed(url))
		return bb_err_set(e, BOBAO_E_UNAVAILABLE, "only http and https are fetched");
	if (!(h = curl_easy_init()))
		return BOBAO_E_NOMEM;
	if (etag && *etag && strlen(etag) < 600) {
		snprintf(line, sizeof(line), "If-None-Match: %s", etag);
		if (!(h2 = curl_slist_append(hdrs, line)))
			goto nomem;
		hdrs = h2;
	}
	if (last_modified && *last_modified && strlen(last_modified) < 600) {
		snprintf(line, sizeof(line), "If-Modified-Since: %s", last_modified);
		if (!(h2 = curl_slist_append(hdrs, line)))
			goto nomem;
		hdrs = h2;
	}
	if (!(h2 = curl_slist_append(hdrs, "Accept: application/rss+xml, application/atom+xml, "
	                             "application/rdf+xml, application/xml;q=0.9, "
	                             "text/html;q=0.9, */*;q=0.5")))
		goto nomem;
	hdrs = h2;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)l->max_redirects);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, l->connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, l->timeout_ms);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)l->max_body);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "bobao/" BOBAO_VERSION);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, &t);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	cc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	if (curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK && eff &&
	    strlen(eff) < sizeof(r->url))
		strcpy(r->url, eff);
	switch (cc) {
	case CURLE_OK:
		break;
	case CURLE_ABORTED_BY_CALLBACK:
		rc = BOBAO_E_INTERRUPTED;
		goto out;
	case CURLE_WRITE_ERROR:
	case CURLE_FILESIZE_EXCEEDED:
		rc = bb_err_set(e, BOBAO_E_UNAVAILABLE, "body larger than %ld bytes", l->max_body);
		goto out;
	case CURLE_TOO_MANY_REDIRECTS:
		rc = bb_err_set(e, BOBAO_E_UNAVAILABLE, "more than %d redirects", l->max_redirects);
		goto out;
	case CURLE_UNSUPPORTED_PROTOCOL:
		rc = bb_err_set(e, BOBAO_E_UNAVAILABLE,
		                "redirected to a scheme other than http or https");
		goto out;
	case CURLE_OPERATION_TIMEDOUT:
		rc = bb_err_set(e, BOBAO_E_UNAVAILABLE, "timed out (%s)",
		                *errbuf ? errbuf : curl_easy_strerror(cc));
		goto out;
	default:
		rc = bb_err_set(e, BOBAO_E_UNAVAILABLE, "%s",
		                *errbuf ? errbuf : curl_easy_strerror(cc));
		goto out;
	}
	if (t.too_big) {
		rc = bb_err_set(e, BOBAO_E_UNAVAILABLE, "body larger than %ld bytes", l->max_body);
		goto out;
	}
	if (r->status == 304)
		goto out;
	if (r->status >= 400 || r->status < 200 || r->status >= 300) {
		rc = bb_err_set(e, BOBAO_E_UNAVAILABLE, "HTTP status %ld", r->status);
		goto out;
	}
	if (curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct &&
	    strlen(ct) < sizeof(r->content_type))
		strcpy(r->content_type, ct);
	header_value(h, "ETag", r->etag, sizeof(r->etag));
	header_value(h, "Last-Modified", r->last_modified, sizeof(r->last_modified));
out:
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(h);
	return rc;
nomem:
	rc = BOBAO_E_NOMEM;
	goto out;
}
