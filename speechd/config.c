/*
 * config.c - bobao.conf, sd_bobao's settings, and the files it names.
 *
 * The module reads its configuration and lexicons before it can answer
 * INIT: a file that never ends (a character device) or never opens (a FIFO
 * without a writer) would leave Speech Dispatcher waiting for good.  So
 * both are opened without blocking and must be regular files of bounded
 * size; anything else is said in the log and left out, and the module
 * starts with bobao's defaults.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sd.h"

static char *unquote(char *v)
{
	size_t n;

	while (*v == ' ' || *v == '\t')
		v++;
	n = strlen(v);
	while (n && strchr(" \t\r\n", v[n - 1]))
		v[--n] = '\0';
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v[n - 1] = '\0';
		v++;
	}
	return v;
}

static int pause_value(const char *path, unsigned long line, const char *v)
{
	char *end;
	long ms = strtol(v, &end, 10);

	if (end == v || *end || ms < 0 || ms > 60000) {
		sd_note(1, "%s:%lu: '%s' is not a pause of 0 to 60000 ms", path, line, v);
		return -1;
	}
	return (int)ms;
}

/* One "Key value" line (NUL-terminated, no newline). */
static void setting(struct sd_config *c, char *key, const char *path, unsigned long line)
{
	char *v;

	key += strspn(key, " \t");
	if (*key == '#' || !*key || *key == '\r')
		return;
	v = key + strcspn(key, " \t\r");
	if (*v)
		*v++ = '\0';
	v = unquote(v);
	if (!strcasecmp(key, "BobaoBreathPause"))
		c->breath = pause_value(path, line, v);
	else if (!strcasecmp(key, "BobaoSentencePause"))
		c->sentence = pause_value(path, line, v);
	else if (!strcasecmp(key, "BobaoParagraphPause"))
		c->paragraph = pause_value(path, line, v);
	else if (!strcasecmp(key, "BobaoLexicon") && c->n_lexicons == SD_LEXICONS_MAX)
		sd_note(1, "%s:%lu: more than %d lexicons: '%s' left out", path, line,
		        SD_LEXICONS_MAX, v);
	else if (!strcasecmp(key, "BobaoLexicon") && !*v)
		sd_note(1, "%s:%lu: no lexicon named", path, line);
	else if (!strcasecmp(key, "BobaoLexicon")) {
		if (!(c->lexicons[c->n_lexicons] = strdup(v)))
			sd_note(1, "%s:%lu: out of memory", path, line);
		else
			c->n_lexicons++;
	} else
		sd_note(2, "%s:%lu: unknown setting '%.64s' ignored", path, line, key);
}

void sd_config_init(struct sd_config *c)
{
	memset(c, 0, sizeof(*c));
	c->breath = c->sentence = c->paragraph = -1;
}

void sd_config_parse(struct sd_config *c, const char *text, size_t n, const char *path)
{
	char line[SD_CONFIG_LINE_MAX + 1];
	unsigned long no = 0;
	size_t i = 0, k;
	const char *nl;

	while (i < n) {
		nl = memchr(text + i, '\n', n - i);
		k = (nl ? (size_t)(nl - text) : n) - i;
		no++;
		if (k > SD_CONFIG_LINE_MAX)
			sd_note(1, "%s:%lu: line longer than %d bytes ignored", path, no,
			        SD_CONFIG_LINE_MAX);
		else if (memchr(text + i, '\0', k))
			sd_note(1, "%s:%lu: NUL byte: line ignored", path, no);
		else {
			memcpy(line, text + i, k);
			line[k] = '\0';
			setting(c, line, path, no);
		}
		i += k + 1;
	}
}

int sd_regular_file(const char *path, long long max, int *fd_out, const char *then)
{
	struct stat st;
	int fd, flags;

	if (fd_out)
		*fd_out = -1;
	/* O_NONBLOCK: a FIFO opens at once instead of waiting for a writer */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0) {
		sd_note(1, "cannot open '%s': %s; %s", path, strerror(errno), then);
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		sd_note(1, "'%s' is not a regular file; %s", path, then);
		goto fail;
	}
	if (st.st_size > max) {
		sd_note(1, "'%s' is larger than %lld bytes; %s", path, max, then);
		goto fail;
	}
	if (!fd_out) {
		close(fd);
		return 0;
	}
	if ((flags = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		sd_note(1, "cannot read '%s': %s; %s", path, strerror(errno), then);
		goto fail;
	}
	*fd_out = fd;
	return 0;
fail:
	close(fd);
	return -1;
}

void sd_config_read(struct sd_config *c, const char *path)
{
	char *text = NULL;
	size_t n = 0;
	ssize_t got = 0;
	int fd;

	if (!path)
		return;
	if (sd_regular_file(path, SD_CONFIG_MAX, &fd, "bobao's defaults apply") < 0)
		return;
	/* one byte more than allowed: a file that grew is refused too */
	if (!(text = malloc(SD_CONFIG_MAX + 1))) {
		sd_note(1, "out of memory reading '%s'", path);
		goto out;
	}
	while (n <= SD_CONFIG_MAX &&
	       ((got = read(fd, text + n, SD_CONFIG_MAX + 1 - n)) > 0 || (got < 0 && errno == EINTR)))
		n += got > 0 ? (size_t)got : 0;
	if (got < 0)
		sd_note(1, "cannot read '%s': %s; bobao's defaults apply", path, strerror(errno));
	else if (n > SD_CONFIG_MAX)
		sd_note(1, "'%s' is larger than %d bytes; bobao's defaults apply", path,
		        SD_CONFIG_MAX);
	else
		sd_config_parse(c, text, n, path);
out:
	free(text);
	close(fd);
}

void sd_config_release(struct sd_config *c)
{
	while (c->n_lexicons)
		free(c->lexicons[--c->n_lexicons]);
}
