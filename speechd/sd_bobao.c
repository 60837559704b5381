/*
 * sd_bobao - a Speech Dispatcher output module that reads Mandarin with
 * bobao.
 *
 * Speech Dispatcher starts it as "sd_bobao /path/bobao.conf" and speaks a
 * line protocol on its standard input and output; what it writes on
 * standard error lands in the server's log (LogDir/bobao.log).  Audio goes
 * back to the server (705 events), which plays it.
 *
 * Two threads.  The reader thread reads the server's commands and answers
 * each at once: a STOP is answered with 703 STOP the moment it is read.
 * The main thread owns the bobao handle (eSpeak NG is not thread-safe),
 * resident for the life of the module, and speaks one message at a time.
 * One mutex guards standard output and the shared state, and the main
 * thread checks under it that its message is still wanted before it sends
 * anything: after 703 STOP not one more sample of that message goes out,
 * even while the engine finishes the unit it was on.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "bobao.h"
#include "sd.h"

#define MESSAGE_MAX (256 * 1024) /* bytes of one message; more is cut */
#define QUEUE_MAX 64             /* messages waiting behind the one spoken */
#define SPELL_PAUSE_MS 120       /* between spelled characters */
#define LEXICONS_MAX 8

static const char *const variants[] = {
	"f1", "f2", "f3", "f4", "f5", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "klatt", "whisper",
};

enum job_type { JOB_TEXT, JOB_CHAR, JOB_KEY, JOB_ICON };

/* What SET says, applied to the messages that follow it. */
struct settings {
	int rate, pitch, volume;   /* -100..100 */
	enum sd_say_punct punct;
	int spell;
	char type_variant[16];     /* from voice_type */
	char voice_variant[16];    /* from synthesis_voice; "-": none chosen */
};

struct job {
	enum job_type type;
	char *data;
	size_t len;
	struct settings set;
	struct job *next;
};

/* bobao.conf */
struct config {
	int breath, sentence, paragraph;   /* pauses, ms; -1: bobao's */
	char *lexicons[LEXICONS_MAX];
	size_t n_lexicons;
};

static struct {
	pthread_mutex_t lock;    /* standard output and what follows */
	pthread_cond_t wake;
	struct job *queue, **tail;
	size_t queued;
	int speaking;            /* the main thread is on a message */
	int cancelled;           /* ... which was stopped: nothing more of it */
	int pause;               /* PAUSE: stop after the next mark */
	int quit;
	struct settings set;
} st = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, &st.queue, 0, 0, 0, 0, 0,
         { 0, 0, 0, SD_SAY_PUNCT_NONE, 0, "", "-" } };

static atomic_int log_level = 1;
static atomic_int reader_waits;   /* the reader thread wants st.lock */
static int rate = 22050;          /* of the engine, known after warming up */
static int big_endian;

static void note(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(int level, const char *fmt, ...)
{
	struct timespec ts;
	va_list ap;

	if (level > atomic_load(&log_level))
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	fprintf(stderr, "[%lld.%03ld] sd_bobao: ", (long long)ts.tv_sec, ts.tv_nsec / 1000000);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

/* The main thread sends audio far faster than real time and would take
 * st.lock again and again while the reader thread waits for it with a
 * STOP: it steps aside whenever the reader waits. */
static void lock_reader(void)
{
	atomic_fetch_add(&reader_waits, 1);
	pthread_mutex_lock(&st.lock);
	atomic_fetch_sub(&reader_waits, 1);
}

static void lock_main(void)
{
	while (atomic_load(&reader_waits))
		sched_yield();
	pthread_mutex_lock(&st.lock);
}

/* ---- output: the caller holds st.lock ---- */

static void send_locked(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void send_locked(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

static void reply(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void reply(const char *fmt, ...)
{
	va_list ap;

	lock_reader();
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
	pthread_mutex_unlock(&st.lock);
}

/* 705: the samples with newlines and 0x7D escaped as 0x7D, byte ^ 0x20. */
static void send_audio(const short *pcm, size_t n, int hz)
{
	const unsigned char *p = (const unsigned char *)pcm, *end = p + n * sizeof(*pcm);
	unsigned char out[8192];
	size_t k = 0;

	printf("705-bits=16\n705-num_channels=1\n705-sample_rate=%d\n705-num_samples=%zu\n"
	       "705-big_endian=%d\n705-AUDIO",
	       hz, n, big_endian);
	putchar('\0');
	for (; p < end; p++) {
		if (k + 2 > sizeof(out)) {
			fwrite(out, 1, k, stdout);
			k = 0;
		}
		if (*p == '\n' || *p == 0x7D) {
			out[k++] = 0x7D;
			out[k++] = *p ^ 0x20;
		} else {
			out[k++] = *p;
		}
	}
	fwrite(out, 1, k, stdout);
	fputs("\n705 AUDIO\n", stdout);
	fflush(stdout);
}

/* ---- the main thread: speaking ---- */

static int on_audio(void *ctx, const short *pcm, size_t n, int hz)
{
	int stop;

	(void)ctx;
	lock_main();
	stop = st.cancelled || st.quit;
	if (!stop)
		send_audio(pcm, n, hz);
	pthread_mutex_unlock(&st.lock);
	return stop;
}

static int on_mark(void *ctx, const char *name)
{
	int stop;

	(void)ctx;
	lock_main();
	stop = st.cancelled || st.quit;
	if (!stop) {
		send_locked("700-%s\n700 INDEX MARK\n", name);
		if (st.pause) {   /* the server resumes from this mark */
			send_locked("704 PAUSE\n");
			st.cancelled = stop = 1;
		}
	}
	pthread_mutex_unlock(&st.lock);
	return stop;
}

static const struct bobao_speak_cb speak_cb = { on_audio, on_mark, NULL };

static int wanted(void)
{
	int yes;

	lock_main();
	yes = !st.cancelled && !st.quit;
	pthread_mutex_unlock(&st.lock);
	return yes;
}

/* Quiet of ms milliseconds; non-zero when the message was stopped. */
static int silence(int ms)
{
	static const short zeros[1024];
	size_t n = (size_t)rate * (size_t)ms / 1000, k;

	for (; n; n -= k) {
		k = n < 1024 ? n : 1024;
		if (on_audio(NULL, zeros, k, rate))
			return 1;
	}
	return 0;
}

/* Speak text with marks; non-zero when the message was stopped. */
static int speak(bobao *b, const char *text, size_t n, const struct bobao_mark *marks,
                 size_t n_marks)
{
	bobao_code rc;

	if (!n && !n_marks)
		return 0;
	rc = bobao_speak(b, text, n, marks, n_marks, &speak_cb);
	if (rc == BOBAO_E_INTERRUPTED)
		return 1;
	if (rc != BOBAO_OK)
		note(1, "cannot speak: %s", bobao_errmsg(b));
	return !wanted();
}

/* Spell text character by character. */
static int spell(bobao *b, const char *text, size_t n)
{
	struct sd_buf say = SD_BUF_INIT(1024);
	size_t i, k;
	int stop = 0, any = 0;

	for (i = 0; i < n && !stop; i += k) {
		sd_buf_reset(&say);
		if (sd_say_char(&say, text + i, n - i, &k) || !say.len)
			continue;
		if (any++)
			stop = silence(SPELL_PAUSE_MS);
		if (!stop)
			stop = speak(b, say.p, say.len, NULL, 0);
	}
	sd_buf_release(&say);
	return stop;
}

/* Text and marks gathered until something else comes. */
struct group {
	struct sd_buf text;
	struct bobao_mark *marks;
	size_t n, alloc;
};

static int flush(bobao *b, struct group *g)
{
	int stop = speak(b, sd_buf_str(&g->text), g->text.len, g->marks, g->n);

	sd_buf_reset(&g->text);
	g->n = 0;
	return stop;
}

static int run(bobao *b, const struct sd_ssml *doc, const struct settings *set)
{
	struct group g = { SD_BUF_INIT(4 * MESSAGE_MAX), NULL, 0, 0 };
	size_t i;
	int stop = 0;

	for (i = 0; i < doc->n && !stop; i++) {
		const struct sd_ssml_item *it = &doc->v[i];

		switch (it->kind) {
		case SD_SSML_TEXT:
		case SD_SSML_SPELL:
			if (it->kind == SD_SSML_SPELL || set->spell)
				stop = flush(b, &g) || spell(b, it->text, it->len);
			else if (sd_say_punct(&g.text, it->text, it->len, set->punct))
				note(1, "message too long with punctuation named: cut");
			break;
		case SD_SSML_MARK:
			if (g.n == g.alloc) {
				size_t a = g.alloc ? 2 * g.alloc : 16;
				struct bobao_mark *m = realloc(g.marks, a * sizeof(*m));

				if (!m)
					break;
				g.marks = m;
				g.alloc = a;
			}
			g.marks[g.n].offset = g.text.len;
			g.marks[g.n++].name = it->text;
			break;
		case SD_SSML_BREAK:
			stop = flush(b, &g) || silence(it->ms);
			break;
		}
	}
	if (!stop)
		flush(b, &g);
	sd_buf_release(&g.text);
	free(g.marks);
	return stop;
}

static int map(int v, int lo, int mid, int hi)
{
	v = v < -100 ? -100 : v > 100 ? 100 : v;
	return v < 0 ? mid + (mid - lo) * v / 100 : mid + (hi - mid) * v / 100;
}

/* Options for a message's settings, when they differ from the last. */
static void apply(bobao *b, const struct settings *s, const struct config *c)
{
	static struct settings cur;
	static int applied;
	struct bobao_options o;
	const char *variant = strcmp(s->voice_variant, "-") ? s->voice_variant : s->type_variant;
	char voice[64], latin[64];

	if (applied && cur.rate == s->rate && cur.pitch == s->pitch && cur.volume == s->volume &&
	    !strcmp(cur.type_variant, s->type_variant) &&
	    !strcmp(cur.voice_variant, s->voice_variant))
		return;
	bobao_options_init(&o);   /* 0 is bobao's own default of each */
	o.jobs = 1;
	o.rate = map(s->rate, 80, o.rate, 450);
	o.pitch = map(s->pitch, 0, o.pitch, 100);
	o.volume = map(s->volume, 0, o.volume, 200);
	if (c->breath >= 0)
		o.pause_breath = c->breath;
	if (c->sentence >= 0)
		o.pause_sentence = c->sentence;
	if (c->paragraph >= 0)
		o.pause_paragraph = c->paragraph;
	snprintf(voice, sizeof(voice), "cmn-latn-pinyin%s%s", *variant ? "+" : "", variant);
	snprintf(latin, sizeof(latin), "en%s%s", *variant ? "+" : "", variant);
	o.voice = voice;
	o.latin_voice = latin;
	if (bobao_set_options(b, &o) != BOBAO_OK)
		note(1, "cannot use the settings: %s", bobao_errmsg(b));
	note(4, "rate %d, pitch %d, volume %d, voice %s", o.rate, o.pitch, o.volume, voice);
	cur = *s;
	applied = 1;
}

static void speak_job(bobao *b, const struct job *j, const struct config *c)
{
	struct sd_ssml doc;
	struct sd_buf say = SD_BUF_INIT(4096);
	size_t used;
	int stop = 0;

	apply(b, &j->set, c);
	memset(&doc, 0, sizeof(doc));
	/* a character comes as it is, or as SSML from some servers */
	if (j->type == JOB_TEXT || (j->type == JOB_CHAR && !strncmp(j->data, "<speak", 6))) {
		if (sd_ssml_parse(&doc, j->data, j->len))
			note(1, "out of memory reading a message");
		if (doc.malformed)
			note(2, "malformed SSML: read leniently");
		if (doc.cut)
			note(1, "more than %d SSML items: the rest dropped", SD_SSML_ITEMS_MAX);
	}
	lock_main();
	if (!st.cancelled && !st.quit)
		send_locked("701 BEGIN\n");
	pthread_mutex_unlock(&st.lock);
	switch (j->type) {
	case JOB_TEXT:
		stop = run(b, &doc, &j->set);
		break;
	case JOB_CHAR:
		/* one character: "space" names the space bar */
		if (!strcmp(j->data, "space"))
			sd_buf_adds(&say, "空格");
		else if (!doc.n)
			sd_say_char(&say, j->data, j->len, &used);
		else if (doc.v[0].kind == SD_SSML_TEXT || doc.v[0].kind == SD_SSML_SPELL)
			sd_say_char(&say, doc.v[0].text, doc.v[0].len, &used);
		stop = speak(b, say.p, say.len, NULL, 0);
		break;
	case JOB_KEY:
		if (!sd_say_key(&say, j->data))
			stop = speak(b, say.p, say.len, NULL, 0);
		break;
	case JOB_ICON:
		break;   /* no sound icons: the message ends at once */
	}
	(void)stop;
	sd_ssml_release(&doc);
	sd_buf_release(&say);
}

/* ---- the reader thread: the protocol ---- */

struct input {
	int fd;
	int eof;
	char buf[65536];
	size_t pos, len;
};

/* The next line without its newline into line, cut at its cap (*cut set,
 * the rest dropped).  -1 at the end of the input. */
static int read_line(struct input *in, struct sd_buf *line, int *cut)
{
	char *nl;
	size_t take;
	ssize_t got;
	int any = 0;

	sd_buf_reset(line);
	*cut = 0;
	for (;;) {
		if (in->pos == in->len) {
			if (in->eof)
				return any ? 0 : -1;
			do
				got = read(in->fd, in->buf, sizeof(in->buf));
			while (got < 0 && errno == EINTR);
			if (got <= 0) {
				in->eof = 1;
				return any ? 0 : -1;
			}
			in->pos = 0;
			in->len = (size_t)got;
		}
		any = 1;
		nl = memchr(in->buf + in->pos, '\n', in->len - in->pos);
		take = nl ? (size_t)(nl - (in->buf + in->pos)) : in->len - in->pos;
		if (!*cut && sd_buf_add(line, in->buf + in->pos, take)) {
			size_t room = line->cap - line->len;

			sd_buf_add(line, in->buf + in->pos, room < take ? room : take);
			*cut = 1;
		}
		in->pos += take;
		if (nl) {
			in->pos++;
			return 0;
		}
	}
}

/* Data lines up to ".", a leading '.' undoubled, joined by newlines. */
static int read_data(struct input *in, struct sd_buf *msg, int *cut)
{
	struct sd_buf line = SD_BUF_INIT(MESSAGE_MAX);
	size_t lines = 0;
	int lcut, rc = 0;
	const char *s;
	size_t n;

	*cut = 0;
	for (;;) {
		if (read_line(in, &line, &lcut)) {
			rc = -1;
			break;
		}
		s = sd_buf_str(&line);
		n = line.len;
		if (!strcmp(s, "."))
			break;
		if (s[0] == '.')
			s++, n--;
		*cut |= lcut;
		if ((lines++ && sd_buf_add(msg, "\n", 1)) || sd_buf_add(msg, s, n)) {
			size_t room = msg->cap - msg->len;

			sd_buf_add(msg, s, room < n ? room : n);
			*cut = 1;
		}
	}
	sd_buf_release(&line);
	return rc;
}

static int number(const char *v, int *out)
{
	char *end;
	long x = strtol(v, &end, 10);

	if (end == v || *end)
		return -1;
	*out = x < -100 ? -100 : x > 100 ? 100 : (int)x;
	return 0;
}

/* synthesis_voice: bobao-cmn or bobao-cmn+VARIANT, as LIST VOICES says. */
static int voice_variant(const char *v, char out[16])
{
	size_t i;

	if (!strcmp(v, "NULL") || !*v) {
		strcpy(out, "-");
		return 0;
	}
	if (!strcmp(v, "bobao-cmn")) {
		out[0] = '\0';
		return 0;
	}
	for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++)
		if (!strncmp(v, "bobao-cmn+", 10) && !strcmp(v + 10, variants[i])) {
			strcpy(out, variants[i]);
			return 0;
		}
	return -1;
}

/* voice_type: MALE1..3, FEMALE1..3, CHILD_MALE, CHILD_FEMALE. */
static int type_variant(const char *v, char out[16])
{
	static const struct { const char *type, *variant; } types[] = {
		{ "MALE1", "" }, { "MALE2", "m2" }, { "MALE3", "m3" }, { "FEMALE1", "f1" },
		{ "FEMALE2", "f2" }, { "FEMALE3", "f3" }, { "CHILD_MALE", "m7" },
		{ "CHILD_FEMALE", "f5" },
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcasecmp(v, types[i].type)) {
			strcpy(out, types[i].variant);
			return 0;
		}
	return -1;
}

static int set_one(const char *key, const char *v)
{
	static const char *const puncts[] = { "none", "some", "most", "all" };
	struct settings *s = &st.set;
	size_t i;

	if (!strcmp(key, "rate"))
		return number(v, &s->rate);
	if (!strcmp(key, "pitch"))
		return number(v, &s->pitch);
	if (!strcmp(key, "volume"))
		return number(v, &s->volume);
	if (!strcmp(key, "punctuation_mode")) {
		for (i = 0; i < 4; i++)
			if (!strcmp(v, puncts[i])) {
				s->punct = (enum sd_say_punct)i;
				return 0;
			}
		return -1;
	}
	if (!strcmp(key, "spelling_mode")) {
		if (strcmp(v, "on") && strcmp(v, "off"))
			return -1;
		s->spell = !strcmp(v, "on");
		return 0;
	}
	if (!strcmp(key, "synthesis_voice"))
		return voice_variant(v, s->voice_variant);
	if (!strcmp(key, "voice_type"))
		return type_variant(v, s->type_variant);
	return 0;   /* language, pitch_range, cap_let_recogn...: taken as they come */
}

/* KEY=value lines up to "."; what each one means. -1 at the end of input. */
static int read_params(struct input *in, const char *what, int *bad)
{
	struct sd_buf line = SD_BUF_INIT(4096);
	char *eq;
	int cut, rc = 0;

	*bad = 0;
	for (;;) {
		if (read_line(in, &line, &cut)) {
			rc = -1;
			break;
		}
		if (!strcmp(sd_buf_str(&line), "."))
			break;
		if (!line.p || !(eq = strchr(line.p, '=')) || eq == line.p) {
			*bad |= 1;
			continue;
		}
		*eq = '\0';
		lock_reader();
		if (!strcmp(what, "SET") && set_one(line.p, eq + 1))
			*bad |= 2;
		pthread_mutex_unlock(&st.lock);
		if (!strcmp(what, "AUDIO") && !strcmp(line.p, "audio_output_method") &&
		    strcmp(eq + 1, "server"))
			*bad |= 4;
		if (!strcmp(what, "LOGLEVEL") && !strcmp(line.p, "log_level"))
			atomic_store(&log_level, atoi(eq + 1));
	}
	sd_buf_release(&line);
	return rc;
}

static void cmd_set(struct input *in)
{
	int bad;

	reply("203 OK RECEIVING SETTINGS\n");
	if (read_params(in, "SET", &bad))
		return;
	if (bad & 1)
		reply("302 ERROR BAD SYNTAX\n");
	else if (bad)
		reply("303 ERROR INVALID PARAMETER OR VALUE\n");
	else
		reply("203 OK SETTINGS RECEIVED\n");
}

static void cmd_speak(struct input *in, enum job_type type)
{
	struct sd_buf msg = SD_BUF_INIT(MESSAGE_MAX);
	struct job *j;
	int cut;

	reply("202 OK RECEIVING MESSAGE\n");
	if (read_data(in, &msg, &cut)) {
		sd_buf_release(&msg);
		return;
	}
	if (cut)
		note(1, "message longer than %d bytes: cut", MESSAGE_MAX);
	if (!msg.len || !(j = calloc(1, sizeof(*j)))) {
		sd_buf_release(&msg);
		reply("301 ERROR CANT SPEAK\n");
		return;
	}
	j->type = type;
	j->data = msg.p;
	j->len = msg.len;
	lock_reader();
	if (st.queued == QUEUE_MAX) {
		send_locked("301 ERROR CANT SPEAK\n");
		pthread_mutex_unlock(&st.lock);
		free(j->data);
		free(j);
		return;
	}
	j->set = st.set;
	*st.tail = j;
	st.tail = &j->next;
	st.queued++;
	send_locked("200 OK SPEAKING\n");
	pthread_cond_signal(&st.wake);
	pthread_mutex_unlock(&st.lock);
}

static void drop_queue_locked(void)
{
	struct job *j, *next;

	for (j = st.queue; j; j = next) {
		next = j->next;
		free(j->data);
		free(j);
	}
	st.queue = NULL;
	st.tail = &st.queue;
	st.queued = 0;
}

/* STOP and PAUSE answer nothing but the event. */
static void cmd_stop(int pause)
{
	lock_reader();
	if (st.speaking && !st.cancelled) {
		if (pause) {
			st.pause = 1;
		} else {
			st.cancelled = 1;
			send_locked("703 STOP\n");
		}
	} else if (st.queue && !pause) {
		send_locked("703 STOP\n");
	}
	drop_queue_locked();
	pthread_mutex_unlock(&st.lock);
}

static void cmd_list_voices(void)
{
	size_t i;

	lock_reader();
	printf("200-bobao-cmn\tzh\tnone\n");
	for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++)
		printf("200-bobao-cmn+%s\tzh\t%s\n", variants[i], variants[i]);
	send_locked("200 OK VOICE LIST SENT\n");
	pthread_mutex_unlock(&st.lock);
}

static void quit(void)
{
	lock_reader();
	st.quit = 1;
	drop_queue_locked();
	pthread_cond_signal(&st.wake);
	pthread_mutex_unlock(&st.lock);
}

struct reader {
	struct input in;
	const char *init_error;   /* NULL: the engine is ready */
};

static void *reader(void *arg)
{
	struct reader *r = arg;
	struct sd_buf line = SD_BUF_INIT(4096);
	const char *s;
	int cut, bad;

	while (!read_line(&r->in, &line, &cut)) {
		s = sd_buf_str(&line);
		note(5, "< %.80s", s);
		if (cut) {
			note(1, "command line longer than %zu bytes", line.cap);
			reply("300 ERR UNKNOWN COMMAND\n");
		} else if (!strcmp(s, "SPEAK")) {
			cmd_speak(&r->in, JOB_TEXT);
		} else if (!strcmp(s, "CHAR")) {
			cmd_speak(&r->in, JOB_CHAR);
		} else if (!strcmp(s, "KEY")) {
			cmd_speak(&r->in, JOB_KEY);
		} else if (!strcmp(s, "SOUND_ICON")) {
			cmd_speak(&r->in, JOB_ICON);
		} else if (!strcmp(s, "STOP")) {
			cmd_stop(0);
		} else if (!strcmp(s, "PAUSE")) {
			cmd_stop(1);
		} else if (!strcmp(s, "SET")) {
			cmd_set(&r->in);
		} else if (!strcmp(s, "LIST VOICES")) {
			cmd_list_voices();
		} else if (!strcmp(s, "INIT")) {
			if (r->init_error) {
				reply("399-%s\n399 ERR CANT INIT MODULE\n", r->init_error);
				break;
			}
			reply("299-bobao %s: Mandarin through eSpeak NG\n299 OK LOADED SUCCESSFULLY\n",
			      BOBAO_VERSION);
		} else if (!strcmp(s, "AUDIO")) {
			reply("207 OK RECEIVING AUDIO SETTINGS\n");
			if (read_params(&r->in, "AUDIO", &bad))
				break;
			if (bad & 4)
				reply("300-sd_bobao sends its audio to the server only\n300 MODULE ERROR\n");
			else
				reply("203 OK AUDIO INITIALIZED\n");
		} else if (!strcmp(s, "LOGLEVEL")) {
			reply("207 OK RECEIVING LOGLEVEL SETTINGS\n");
			if (read_params(&r->in, "LOGLEVEL", &bad))
				break;
			reply("203 OK LOGLEVEL SET\n");
		} else if (!strcmp(s, "DEBUG ON") || !strncmp(s, "DEBUG ON ", 9)) {
			reply("200 OK DEBUGGING ON\n");   /* the log is standard error already */
		} else if (!strcmp(s, "DEBUG OFF")) {
			reply("200 OK DEBUGGING OFF\n");
		} else if (!strcmp(s, "QUIT")) {
			reply("210 OK QUIT\n");
			break;
		} else {
			reply("300 ERR UNKNOWN COMMAND\n");
		}
	}
	sd_buf_release(&line);
	quit();   /* QUIT, or the server went away */
	return NULL;
}

/* ---- start ---- */

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
		note(1, "%s:%lu: '%s' is not a pause of 0 to 60000 ms", path, line, v);
		return -1;
	}
	return (int)ms;
}

/* bobao.conf: "Key value" lines, '#' comments, as Speech Dispatcher's own. */
static void read_config(const char *path, struct config *c)
{
	char buf[4096], *key, *v;
	unsigned long line = 0;
	FILE *fp;

	c->breath = c->sentence = c->paragraph = -1;
	if (!path)
		return;
	if (!(fp = fopen(path, "r"))) {
		note(1, "cannot open '%s': %s; bobao's defaults apply", path, strerror(errno));
		return;
	}
	while (fgets(buf, sizeof(buf), fp)) {
		line++;
		key = buf + strspn(buf, " \t");
		if (*key == '#' || *key == '\n' || !*key)
			continue;
		v = key + strcspn(key, " \t\n");
		if (*v)
			*v++ = '\0';
		v = unquote(v);
		if (!strcasecmp(key, "BobaoBreathPause"))
			c->breath = pause_value(path, line, v);
		else if (!strcasecmp(key, "BobaoSentencePause"))
			c->sentence = pause_value(path, line, v);
		else if (!strcasecmp(key, "BobaoParagraphPause"))
			c->paragraph = pause_value(path, line, v);
		else if (!strcasecmp(key, "BobaoLexicon") && c->n_lexicons < LEXICONS_MAX)
			c->lexicons[c->n_lexicons++] = strdup(v);
		else
			note(2, "%s:%lu: unknown setting '%s' ignored", path, line, key);
	}
	fclose(fp);
}

static int discard(void *ctx, const short *pcm, size_t n, int hz)
{
	(void)pcm;
	(void)n;
	*(int *)ctx = hz;
	return 0;
}

/* The handle, its lexicons, the engine open and warmed up (voices and
 * dictionaries loaded), so that the first message speaks at once. */
static const char *start(bobao **b, const struct config *c)
{
	static char msg[512];
	struct bobao_speak_cb cb = { discard, NULL, &rate };
	size_t i;

	if (bobao_new(b) != BOBAO_OK)
		return "out of memory";
	for (i = 0; i < c->n_lexicons; i++)
		if (c->lexicons[i] && bobao_add_lexicon(*b, c->lexicons[i]) != BOBAO_OK)
			note(1, "lexicon: %s", bobao_errmsg(*b));
	apply(*b, &st.set, c);
	if (bobao_speak(*b, "你好 ok", strlen("你好 ok"), NULL, 0, &cb) != BOBAO_OK) {
		snprintf(msg, sizeof(msg), "%s", bobao_errmsg(*b));
		return msg;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static struct reader r;
	struct config c;
	pthread_t th;
	bobao *b = NULL;
	struct job *j;
	size_t i;
	unsigned short one = 1;

	if (argc > 1 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "--help"))) {
		printf("sd_bobao %s: Speech Dispatcher output module reading Mandarin with bobao\n"
		       "usage: sd_bobao [bobao.conf] (started by speech-dispatcher)\n",
		       BOBAO_VERSION);
		return 0;
	}
	signal(SIGPIPE, SIG_IGN);
	big_endian = *(unsigned char *)&one == 0;
	memset(&c, 0, sizeof(c));
	read_config(argc > 1 ? argv[1] : NULL, &c);
	xmlInitParser();
	r.in.fd = STDIN_FILENO;
	r.init_error = start(&b, &c);
	if (r.init_error)
		note(1, "cannot start: %s", r.init_error);
	if (pthread_create(&th, NULL, reader, &r)) {
		note(1, "cannot start a thread");
		bobao_free(b);
		return 71;
	}
	for (;;) {
		lock_main();
		while (!st.queue && !st.quit)
			pthread_cond_wait(&st.wake, &st.lock);
		if (st.quit) {
			pthread_mutex_unlock(&st.lock);
			break;
		}
		j = st.queue;
		if (!(st.queue = j->next))
			st.tail = &st.queue;
		st.queued--;
		st.speaking = 1;
		st.cancelled = st.pause = 0;
		pthread_mutex_unlock(&st.lock);

		if (!r.init_error)
			speak_job(b, j, &c);
		free(j->data);
		free(j);

		lock_main();
		if (!st.cancelled && !st.quit)
			send_locked("702 END\n");
		st.speaking = 0;
		pthread_mutex_unlock(&st.lock);
	}
	pthread_join(th, NULL);
	bobao_free(b);
	for (i = 0; i < c.n_lexicons; i++)
		free(c.lexicons[i]);
	xmlCleanupParser();
	return r.init_error ? 69 : 0;
}
