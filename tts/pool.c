/*
 * pool.c - speech synthesis in worker processes.
 *
 * eSpeak NG keeps global state and is not thread-safe, so parallel
 * synthesis means processes.  Each worker is forked with a socketpair,
 * opens its own engine, says hello (its sample rate, or why it could not
 * open), then answers requests.  eSpeak NG's output also depends on what
 * it spoke before (its wave generator runs on from call to call), so the
 * worker keeps its freshly opened engine as a template and forks a child
 * for every unit: each unit starts from the same state, and a bulletin
 * comes out sample for sample the same whatever the number of workers.
 *
 *   request   u32 id, u32 length, the unit's blob (synth.c)
 *   answer    u32 id, u32 code, u32 length, then int16 samples
 *             (code BOBAO_OK) or an error message
 *
 * Units are numbered as they come; at most `window` are in flight, each
 * worker holds at most two, and answers are handed out in order.  A worker
 * that dies, or takes longer than the time limit (BOBAO_WORKER_TIMEOUT_MS,
 * default 60 s plus 20 ms a byte), is killed and replaced, and its units
 * are sent again once; a unit that fails twice fails the render.  Workers
 * ignore SIGINT/SIGTERM/SIGHUP (the parent decides) and exit when their
 * socket closes, also when the parent is killed.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tts.h"

#define POOL_MAX 32
#define PER_WORKER 3
#define HELLO ((uint32_t)-1)

enum { FREE, QUEUED, SENT, DONE };

struct slot {
	int state;
	uint32_t id;
	int worker;
	int tries;
	long tag;
	double sent;
	struct bb_buf req;
	struct bb_buf pcm;    /* the answer: samples from pcm_off on */
	size_t pcm_off;
};

struct wproc {
	pid_t pid;
	int fd;
	int load;
	struct bb_buf in;     /* answer being read */
};

struct tts_pool {
	struct wproc w[POOL_MAX];
	int jobs;
	struct slot *slots;
	size_t window;
	uint32_t next_id, next_out;
	struct tts_params params;
	int rate;
	double limit_ms;
	tts_pool_out_fn out;
	void *ctx;
	volatile sig_atomic_t *stop;
	struct bb_err *err;
};

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n) {
		ssize_t k = send(fd, c, n, MSG_NOSIGNAL);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

static int read_all(int fd, void *p, size_t n)
{
	char *c = p;

	while (n) {
		ssize_t k = read(fd, c, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

static int answer(int fd, uint32_t id, bobao_code code, const void *data, size_t n)
{
	uint32_t h[3] = { id, (uint32_t)code, (uint32_t)n };

	return write_all(fd, h, sizeof(h)) || write_all(fd, data, n) ? -1 : 0;
}

/* ---- the worker ---- */

static void worker_main(int fd, const struct tts_params *params)
{
	struct tts_engine e = TTS_ENGINE_INIT;
	struct bb_err err = { { 0 } };
	struct bb_buf blob = BB_BUF_INIT(64u << 20), pcm, text = BB_BUF_INIT(64u << 20);
	uint32_t h[2];
	int32_t rate;
	bobao_code rc;

	setpgid(0, 0);   /* so that a forced stop takes the unit's child too */
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	rc = tts_open(&e, NULL, params, &err);
	rate = e.sample_rate;
	if (rc != BOBAO_OK ? answer(fd, HELLO, rc, err.msg, strlen(err.msg))
	                   : answer(fd, HELLO, BOBAO_OK, &rate, sizeof(rate)))
		_exit(1);
	if (rc != BOBAO_OK)
		_exit(0);
	bb_buf_init(&pcm, (size_t)TTS_UNIT_AUDIO_MAX_S * (size_t)rate * 2);
	/* room for a long unit, allocated but untouched: each unit's child
	 * writes into fresh pages instead of growing a buffer step by step */
	bb_buf_grow(&pcm, (size_t)rate * 2 * 60);
	while (read_all(fd, h, sizeof(h)) == 0) {
		pid_t child;
		int status;

		bb_buf_reset(&blob);
		if (bb_buf_grow(&blob, h[1]) != BOBAO_OK || read_all(fd, blob.ptr, h[1]))
			break;
		blob.len = h[1];
		if ((child = fork()) < 0)
			break;
		if (child == 0) {   /* the unit, from the template's state */
			bb_err_clear(&err);
			rc = tts_synth_blob(&e, blob.ptr, blob.len, &pcm, &text, NULL, &err);
			_exit((rc == BOBAO_OK ? answer(fd, h[0], rc, pcm.ptr, pcm.len)
			                      : answer(fd, h[0], rc, err.msg, strlen(err.msg))) ? 1 : 0);
		}
		while (waitpid(child, &status, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			_exit(1);   /* crashed: the parent retries in a new worker */
	}
	_exit(0);
}

/* ---- the parent ---- */

static bobao_code spawn(struct tts_pool *p, int k)
{
	int sv[2], i;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return bb_err_set(p->err, BOBAO_E_ENGINE, "cannot start a worker: %s",
		                  strerror(errno));
	/* a unit is some hundred kilobytes of audio: pass it in few pieces */
	for (i = 0; i < 2; i++) {
		int size = 1 << 21;

		setsockopt(sv[i], SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
		setsockopt(sv[i], SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	}
	pid = fork();
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		return bb_err_set(p->err, BOBAO_E_ENGINE, "cannot start a worker: %s",
		                  strerror(errno));
	}
	if (pid == 0) {
		close(sv[0]);
		for (i = 0; i < p->jobs; i++)
			if (p->w[i].fd >= 0)
				close(p->w[i].fd);
		worker_main(sv[1], &p->params);
	}
	close(sv[1]);
	p->w[k].pid = pid;
	p->w[k].fd = sv[0];
	p->w[k].load = 0;
	bb_buf_reset(&p->w[k].in);
	return BOBAO_OK;
}

/* Wait for worker k's hello: its sample rate, or why it failed. */
static bobao_code hello(struct tts_pool *p, int k)
{
	uint32_t h[3];
	char msg[BB_ERR_MAX];
	int32_t rate;

	if (read_all(p->w[k].fd, h, sizeof(h)) || h[0] != HELLO)
		return bb_err_set(p->err, BOBAO_E_ENGINE, "a speech worker died on starting");
	if (h[1] != BOBAO_OK) {
		size_t n = h[2] < sizeof(msg) - 1 ? h[2] : sizeof(msg) - 1;

		if (read_all(p->w[k].fd, msg, n))
			n = 0;
		msg[n] = '\0';
		return bb_err_set(p->err, (bobao_code)h[1], "%s", msg);
	}
	if (h[2] != sizeof(rate) || read_all(p->w[k].fd, &rate, sizeof(rate)))
		return bb_err_set(p->err, BOBAO_E_ENGINE, "a speech worker died on starting");
	p->rate = rate;
	fcntl(p->w[k].fd, F_SETFL, fcntl(p->w[k].fd, F_GETFL) | O_NONBLOCK);
	return BOBAO_OK;
}

static void reap(struct wproc *w, int force)
{
	int i;

	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	if (w->pid <= 0)
		return;
	if (force) {
		kill(-w->pid, SIGKILL);
		kill(w->pid, SIGKILL);
	}
	/* it exits on the closed socket; do not wait for ever */
	for (i = 0; i < 200 && waitpid(w->pid, NULL, WNOHANG) == 0; i++) {
		struct timespec t = { 0, 5000000 };

		if (i == 100) {
			kill(-w->pid, SIGKILL);
			kill(w->pid, SIGKILL);
		}
		nanosleep(&t, NULL);
	}
	w->pid = -1;
}

static struct slot *slot_of(struct tts_pool *p, uint32_t id)
{
	return &p->slots[id % p->window];
}

static bobao_code send_slot(struct tts_pool *p, struct slot *s, int k)
{
	uint32_t h[2] = { s->id, (uint32_t)s->req.len };

	s->worker = k;
	s->state = SENT;
	s->sent = now_ms();
	p->w[k].load++;
	if (write_all(p->w[k].fd, h, sizeof(h)) || write_all(p->w[k].fd, s->req.ptr, s->req.len))
		return BOBAO_E_IO;   /* the worker is gone: found by the next poll */
	return BOBAO_OK;
}

/* Send queued units to workers with room. */
static void dispatch(struct tts_pool *p)
{
	uint32_t id;
	int k, best;

	for (id = p->next_out; id != p->next_id; id++) {
		struct slot *s = slot_of(p, id);

		if (s->state != QUEUED)
			continue;
		for (best = -1, k = 0; k < p->jobs; k++)
			if (p->w[k].fd >= 0 && p->w[k].load < PER_WORKER &&
			    (best < 0 || p->w[k].load < p->w[best].load))
				best = k;
		if (best < 0)
			return;
		send_slot(p, s, best);
	}
}

/* Worker k died or hung: replace it, queue its units again. */
static bobao_code lost(struct tts_pool *p, int k, const char *what)
{
	uint32_t id;
	bobao_code rc;

	reap(&p->w[k], 1);
	for (id = p->next_out; id != p->next_id; id++) {
		struct slot *s = slot_of(p, id);

		if (s->state != SENT || s->worker != k)
			continue;
		if (++s->tries > 1)
			return bb_err_set(p->err, BOBAO_E_ENGINE,
			                  "the speech engine %s twice on one sentence; stopped", what);
		s->state = QUEUED;
	}
	if ((rc = spawn(p, k)) != BOBAO_OK || (rc = hello(p, k)) != BOBAO_OK)
		return rc;
	dispatch(p);
	return BOBAO_OK;
}

/* Read what worker k has sent; complete answers mark their slot done.
 * Reads go straight into the worker's buffer, and a buffer holding one
 * whole answer is handed to its slot as it is: the samples are not copied
 * on the way. */
static bobao_code take(struct tts_pool *p, int k)
{
	struct wproc *w = &p->w[k];
	uint32_t h[3];
	ssize_t n;
	bobao_code rc;

	for (;;) {
		if ((rc = bb_buf_grow(&w->in, 1u << 18)) != BOBAO_OK)
			return rc;
		n = read(w->fd, w->in.ptr + w->in.len, w->in.alloc - w->in.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0)
			return lost(p, k, "died");
		w->in.len += (size_t)n;
	}
	while (w->in.len >= sizeof(h)) {
		struct slot *s;
		size_t whole;

		memcpy(h, w->in.ptr, sizeof(h));
		whole = sizeof(h) + h[2];
		if (w->in.len < whole)
			break;
		s = slot_of(p, h[0]);
		if (s->state != SENT || s->id != h[0] || s->worker != k)
			return bb_err_set(p->err, BOBAO_E_INTERNAL, "a worker answered out of turn");
		if (h[1] != BOBAO_OK)
			return bb_err_set(p->err, (bobao_code)h[1], "%.*s",
			                  (int)(h[2] < 400 ? h[2] : 400), w->in.ptr + sizeof(h));
		if (w->in.len == whole) {
			struct bb_buf t = s->pcm;   /* swap: no copy */

			s->pcm = w->in;
			w->in = t;
			bb_buf_reset(&w->in);
			s->pcm_off = sizeof(h);
		} else {
			bb_buf_reset(&s->pcm);
			if ((rc = bb_buf_add(&s->pcm, w->in.ptr + sizeof(h), h[2])) != BOBAO_OK)
				return rc;
			s->pcm_off = 0;
			memmove(w->in.ptr, w->in.ptr + whole, w->in.len - whole);
			w->in.len -= whole;
		}
		s->state = DONE;
		w->load--;
	}
	return BOBAO_OK;
}

/* Hand out the finished units at the head, in order. */
static bobao_code deliver(struct tts_pool *p)
{
	bobao_code rc;

	while (p->next_out != p->next_id) {
		struct slot *s = slot_of(p, p->next_out);

		if (s->state != DONE)
			break;
		rc = p->out(p->ctx, (const int16_t *)(const void *)(s->pcm.ptr + s->pcm_off),
		            (s->pcm.len - s->pcm_off) / 2, s->tag);
		s->state = FREE;
		p->next_out++;
		if (rc != BOBAO_OK)
			return rc;
	}
	return BOBAO_OK;
}

/* Wait for answers (at most timeout ms), take them, deliver, watch for
 * hangs. */
static bobao_code pump(struct tts_pool *p, int timeout)
{
	struct pollfd fds[POOL_MAX];
	double t = now_ms();
	uint32_t id;
	int k, n;
	bobao_code rc;

	if (p->stop && *p->stop)
		return BOBAO_E_INTERRUPTED;
	for (k = 0; k < p->jobs; k++) {
		fds[k].fd = p->w[k].fd;
		fds[k].events = POLLIN;
		fds[k].revents = 0;
	}
	n = poll(fds, (nfds_t)p->jobs, timeout);
	if (n < 0 && errno != EINTR)
		return bb_err_set(p->err, BOBAO_E_IO, "cannot wait for workers: %s", strerror(errno));
	for (k = 0; n > 0 && k < p->jobs; k++)
		if (fds[k].revents && (rc = take(p, k)) != BOBAO_OK)
			return rc;
	for (id = p->next_out; id != p->next_id; id++) {
		struct slot *s = slot_of(p, id);

		if (s->state == SENT && t - s->sent > p->limit_ms + 20.0 * (double)s->req.len &&
		    (rc = lost(p, s->worker, "hung")) != BOBAO_OK)
			return rc;
	}
	dispatch(p);
	return deliver(p);
}

bobao_code tts_pool_start(struct tts_pool **out, int jobs, const struct tts_params *params,
                          tts_pool_out_fn fn, void *ctx, volatile sig_atomic_t *stop,
                          struct bb_err *err, int *sample_rate)
{
	struct tts_pool *p;
	const char *limit = getenv("BOBAO_WORKER_TIMEOUT_MS");
	bobao_code rc = BOBAO_OK;
	size_t i;
	int k;

	*out = NULL;
	if (jobs < 1 || jobs > POOL_MAX)
		return bb_err_set(err, BOBAO_E_ARG, "jobs %d is out of range (1 to %d)", jobs,
		                  POOL_MAX);
	if (!(p = calloc(1, sizeof(*p))))
		return BOBAO_E_NOMEM;
	p->jobs = jobs;
	p->params = *params;
	p->out = fn;
	p->ctx = ctx;
	p->stop = stop;
	p->err = err;
	p->limit_ms = limit && atof(limit) > 0 ? atof(limit) : 60000;
	p->window = (size_t)jobs * PER_WORKER * 2 + 2;
	for (k = 0; k < POOL_MAX; k++) {
		p->w[k].fd = -1;
		p->w[k].pid = -1;
		bb_buf_init(&p->w[k].in, 128u << 20);
	}
	if (!(p->slots = calloc(p->window, sizeof(*p->slots)))) {
		tts_pool_free(p);
		return BOBAO_E_NOMEM;
	}
	for (i = 0; i < p->window; i++) {
		bb_buf_init(&p->slots[i].req, 64u << 20);
		bb_buf_init(&p->slots[i].pcm, 128u << 20);
	}
	for (k = 0; k < jobs && rc == BOBAO_OK; k++)
		rc = spawn(p, k);
	for (k = 0; k < jobs && rc == BOBAO_OK; k++)
		rc = hello(p, k);
	if (rc != BOBAO_OK) {
		tts_pool_free(p);
		return rc;
	}
	*sample_rate = p->rate;
	*out = p;
	return BOBAO_OK;
}

bobao_code tts_pool_submit(struct tts_pool *p, const struct bb_buf *blob, long tag)
{
	struct slot *s;
	bobao_code rc;

	while (p->next_id - p->next_out >= p->window)
		if ((rc = pump(p, 100)) != BOBAO_OK)
			return rc;
	s = slot_of(p, p->next_id);
	s->id = p->next_id++;
	s->tag = tag;
	s->tries = 0;
	s->state = QUEUED;
	bb_buf_reset(&s->req);
	if ((rc = bb_buf_add(&s->req, blob->ptr ? blob->ptr : "", blob->len)) != BOBAO_OK)
		return rc;
	dispatch(p);
	return deliver(p);
}

bobao_code tts_pool_finish(struct tts_pool *p)
{
	bobao_code rc;

	while (p->next_out != p->next_id)
		if ((rc = pump(p, 100)) != BOBAO_OK)
			return rc;
	return BOBAO_OK;
}

int tts_pool_jobs(int asked)
{
	long n;

	if (asked > 0)
		return asked;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 16 ? 16 : (int)n;
}

bobao_code tts_pool_poll(struct tts_pool *p, int timeout_ms)
{
	if (p->next_out == p->next_id)
		return p->stop && *p->stop ? BOBAO_E_INTERRUPTED : BOBAO_OK;
	return pump(p, timeout_ms);
}

size_t tts_pool_pending(const struct tts_pool *p)
{
	return p->next_id - p->next_out;
}

void tts_pool_free(struct tts_pool *p)
{
	size_t i;
	int k;

	if (!p)
		return;
	/* interrupted: the units in flight are not wanted, do not wait for them */
	for (k = 0; k < POOL_MAX; k++) {
		reap(&p->w[k], p->stop && *p->stop);
		bb_buf_release(&p->w[k].in);
	}
	for (i = 0; p->slots && i < p->window; i++) {
		bb_buf_release(&p->slots[i].req);
		bb_buf_release(&p->slots[i].pcm);
	}
	free(p->slots);
	free(p);
}
