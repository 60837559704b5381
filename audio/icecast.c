/*
 * icecast.c - a source connection to an Icecast 2 mount, through libshout.
 *
 * libshout reports a refused login and a mount that already has a source
 * alike (SHOUTERR_NOLOGIN); Icecast tells them apart by the HTTP status
 * (401, 403), so on that error the same request is sent once more on a
 * socket of ours and its status line read.  libshout writes with plain
 * send(): a server gone away would raise SIGPIPE and kill the process, so
 * SIGPIPE is ignored around every call into it (as curl does).
 */
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <shout/shout.h>

#include "icecast.h"

struct sigpipe {
	struct sigaction old;
};

static void sigpipe_ignore(struct sigpipe *sp)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, &sp->old);
}

static void sigpipe_restore(const struct sigpipe *sp)
{
	sigaction(SIGPIPE, &sp->old, NULL);
}

static int hex(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* s[0..n) with %XX decoded, allocated; NULL: out of memory or a bad %. */
static char *unescape(const char *s, size_t n, int *bad)
{
	char *out = bb_malloc(n + 1), *o = out;
	size_t i;

	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			int a = i + 2 < n ? hex(s[i + 1]) : -1, b = i + 2 < n ? hex(s[i + 2]) : -1;

			if (a < 0 || b < 0 || (a == 0 && b == 0)) {
				*bad = 1;
				free(out);
				return NULL;
			}
			*o++ = (char)(a * 16 + b);
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

bobao_code aud_ice_parse(struct aud_ice *c, const char *url, const char *password,
                         struct bb_err *err)
{
	const char *p, *at, *host, *colon, *slash, *end;
	int bad = 0;
	long port = 8000;

	if (!strncmp(url, "icecast://", 10))
		p = url + 10;
	else if (!strncmp(url, "http://", 7))
		p = url + 7;
	else
		return bb_err_set(err, BOBAO_E_ARG,
		                  "'%s' is no Icecast URL (icecast://[USER[:PASSWORD]@]HOST[:PORT]/MOUNT)",
		                  url);
	slash = strchr(p, '/');
	at = memchr(p, '@', slash ? (size_t)(slash - p) : strlen(p));
	host = at ? at + 1 : p;
	if (!slash || !slash[1] || strpbrk(slash, " ?#\r\n"))
		return bb_err_set(err, BOBAO_E_ARG, "Icecast URL without a mount (like /news.ogg)");
	if (at) {
		colon = memchr(p, ':', (size_t)(at - p));
		end = colon ? colon : at;
		if (!(c->user = unescape(p, (size_t)(end - p), &bad)) ||
		    (colon && !(c->password = unescape(colon + 1, (size_t)(at - colon - 1), &bad))))
			return bad ? bb_err_set(err, BOBAO_E_ARG, "Icecast URL: bad %% escape")
			           : BOBAO_E_NOMEM;
	}
	if (!c->user && !(c->user = strdup("source")))
		return BOBAO_E_NOMEM;
	if (password) {
		free(c->password);
		if (!(c->password = strdup(password)))
			return BOBAO_E_NOMEM;
	}
	if (!c->password || !*c->password)
		return bb_err_set(err, BOBAO_E_ARG,
		                  "no password for the Icecast source (in the URL, a file or the environment)");
	colon = memchr(host, ':', (size_t)(slash - host));
	end = colon ? colon : slash;
	if (end == host)
		return bb_err_set(err, BOBAO_E_ARG, "Icecast URL without a host");
	if (colon) {
		char *e;

		port = strtol(colon + 1, &e, 10);
		if (e != slash || colon + 1 == slash || port < 1 || port > 65535)
			return bb_err_set(err, BOBAO_E_ARG, "Icecast URL: bad port '%.*s'",
			                  (int)(slash - colon - 1), colon + 1);
	}
	c->port = (int)port;
	if (!(c->host = bb_malloc((size_t)(end - host) + 1)) || !(c->mount = strdup(slash)))
		return BOBAO_E_NOMEM;
	memcpy(c->host, host, (size_t)(end - host));
	c->host[end - host] = '\0';
	snprintf(c->where, sizeof(c->where), "%s:%d%s", c->host, c->port, c->mount);
	return BOBAO_OK;
}

static void base64(const char *in, char *out, size_t room)
{
	static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(in), i, k = 0;

	for (i = 0; i < n && k + 5 < room; i += 3) {
		unsigned v = (unsigned char)in[i] << 16;

		v |= i + 1 < n ? (unsigned char)in[i + 1] << 8 : 0;
		v |= i + 2 < n ? (unsigned char)in[i + 2] : 0;
		out[k++] = t[v >> 18 & 63];
		out[k++] = t[v >> 12 & 63];
		out[k++] = i + 1 < n ? t[v >> 6 & 63] : '=';
		out[k++] = i + 2 < n ? t[v & 63] : '=';
	}
	out[k] = '\0';
}

/* The HTTP status Icecast answers a source request with, or 0; *full when
 * it says it takes no more sources. */
static int source_status(const struct aud_ice *c, const char *type, int *full)
{
	struct addrinfo hints, *ai = NULL;
	struct timeval tv = { 3, 0 };
	char port[16], auth[512], cred[400], req[1400], line[1024];
	int fd = -1, status = 0;
	ssize_t n;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	snprintf(port, sizeof(port), "%d", c->port);
	if (getaddrinfo(c->host, port, &hints, &ai) || !ai)
		goto out;
	if ((fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) ||
	    connect(fd, ai->ai_addr, ai->ai_addrlen))
		goto out;
	snprintf(cred, sizeof(cred), "%s:%s", c->user, c->password);
	base64(cred, auth, sizeof(auth));
	n = snprintf(req, sizeof(req),
	             "PUT %s HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Basic %s\r\n"
	             "Content-Type: %s\r\nIce-Public: 0\r\nExpect: 100-continue\r\n\r\n",
	             c->mount, c->host, c->port, auth, type);
	if (n <= 0 || (size_t)n >= sizeof(req) || send(fd, req, (size_t)n, MSG_NOSIGNAL) != n)
		goto out;
	if ((n = recv(fd, line, sizeof(line) - 1, MSG_WAITALL)) > 12) {
		line[n] = '\0';
		if (!strncmp(line, "HTTP/1.", 7))
			status = atoi(line + 9);
		*full = strstr(line, "too many sources") != NULL;
	}
out:
	if (fd >= 0)
		close(fd);
	if (ai)
		freeaddrinfo(ai);
	return status;
}

bobao_code aud_ice_open(struct aud_ice *c, const struct aud_params *p,
                        enum aud_ice_format fmt, struct bb_err *err)
{
	static int initialised;
	struct sigpipe sp;
	shout_t *s;
	int rc, status, full = 0;

	if (!initialised) {
		shout_init();
		initialised = 1;
	}
	if (!(s = shout_new()))
		return BOBAO_E_NOMEM;
	if (shout_set_host(s, c->host) || shout_set_port(s, (unsigned short)c->port) ||
	    shout_set_user(s, c->user) || shout_set_password(s, c->password) ||
	    shout_set_mount(s, c->mount) || shout_set_protocol(s, SHOUT_PROTOCOL_HTTP) ||
	    shout_set_tls(s, SHOUT_TLS_DISABLED) ||
	    shout_set_agent(s, "bobao/" BOBAO_VERSION) ||
	    shout_set_content_format(s, fmt == AUD_ICE_MP3 ? SHOUT_FORMAT_MP3 : SHOUT_FORMAT_OGG,
	                             SHOUT_USAGE_AUDIO, NULL) ||
	    (p->name && shout_set_meta(s, SHOUT_META_NAME, p->name)) ||
	    (p->description && shout_set_meta(s, SHOUT_META_DESCRIPTION, p->description)) ||
	    (p->genre && shout_set_meta(s, SHOUT_META_GENRE, p->genre))) {
		rc = bb_err_set(err, BOBAO_E_ARG, "icecast %s: %s", c->where, shout_get_error(s));
		shout_free(s);
		return rc;
	}
	sigpipe_ignore(&sp);
	rc = shout_open(s);
	sigpipe_restore(&sp);
	if (rc == SHOUTERR_SUCCESS || rc == SHOUTERR_CONNECTED) {
		c->shout = s;
		return BOBAO_OK;
	}
	shout_free(s);
	switch (rc) {
	case SHOUTERR_NOLOGIN:
		status = source_status(c, fmt == AUD_ICE_MP3 ? "audio/mpeg" : "application/ogg", &full);
		if (status == 403 && full)
			return bb_err_set(err, BOBAO_E_BUSY,
			                  "icecast %s: the server takes no more sources (its <sources> limit)",
			                  c->where);
		if (status == 403)
			return bb_err_set(err, BOBAO_E_BUSY,
			                  "icecast %s: the mount is in use by another source", c->where);
		if (status == 401 || !status)
			return bb_err_set(err, BOBAO_E_DENIED,
			                  "icecast %s: wrong user or password for the source", c->where);
		return bb_err_set(err, BOBAO_E_DENIED, "icecast %s: refused the source (HTTP %d)",
		                  c->where, status);
	case SHOUTERR_NOCONNECT:
	case SHOUTERR_SOCKET:
		return bb_err_set(err, BOBAO_E_UNAVAILABLE, "cannot connect to icecast at %s:%d",
		                  c->host, c->port);
	case SHOUTERR_MALLOC:
		return BOBAO_E_NOMEM;
	}
	return bb_err_set(err, BOBAO_E_UNAVAILABLE, "icecast %s: cannot open the mount (error %d)",
	                  c->where, rc);
}

bobao_code aud_ice_send(struct aud_ice *c, const void *data, size_t n, struct bb_err *err)
{
	struct sigpipe sp;
	int rc;

	if (!n)
		return BOBAO_OK;
	if (!c->shout)
		return BOBAO_E_UNAVAILABLE;
	/* raw: libshout's MP3 parser keeps back the last frames it has not
	 * seen the end of, and the pacing is ours anyway */
	sigpipe_ignore(&sp);
	for (rc = SHOUTERR_SUCCESS; n && rc == SHOUTERR_SUCCESS;) {
		ssize_t k = shout_send_raw(c->shout, data, n);

		if (k > 0) {
			data = (const unsigned char *)data + k;
			n -= (size_t)k;
		} else {
			rc = SHOUTERR_SOCKET;
		}
	}
	sigpipe_restore(&sp);
	if (rc == SHOUTERR_SUCCESS)
		return BOBAO_OK;
	return bb_err_set(err, BOBAO_E_UNAVAILABLE, "connection to icecast %s lost", c->where);
}

bobao_code aud_ice_title(struct aud_ice *c, const char *title, struct bb_err *err)
{
	shout_metadata_t *md;
	struct sigpipe sp;
	int rc;

	if (!c->shout)
		return BOBAO_OK;
	if (!(md = shout_metadata_new()))
		return BOBAO_E_NOMEM;
	sigpipe_ignore(&sp);
	rc = shout_metadata_add(md, "song", title);
	if (rc == SHOUTERR_SUCCESS)
		rc = shout_set_metadata_utf8(c->shout, md);
	sigpipe_restore(&sp);
	shout_metadata_free(md);
	if (rc == SHOUTERR_MALLOC)
		return BOBAO_E_NOMEM;
	(void)err;   /* a title that did not reach the server is no reason to stop */
	return BOBAO_OK;
}

void aud_ice_close(struct aud_ice *c)
{
	struct sigpipe sp;

	if (!c->shout)
		return;
	sigpipe_ignore(&sp);
	shout_close(c->shout);
	sigpipe_restore(&sp);
	shout_free(c->shout);
	c->shout = NULL;
}

void aud_ice_release(struct aud_ice *c)
{
	aud_ice_close(c);
	free(c->host);
	free(c->user);
	if (c->password) {
		memset(c->password, 0, strlen(c->password));
		free(c->password);
	}
	free(c->mount);
	c->host = c->user = c->password = c->mount = NULL;
}
