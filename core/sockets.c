/* The command socket.  The client speaks first with one line; most
 * requests get one answer and the connection is closed, `wait` and
 * `events` keep it.  Only root and the monitor's own uid may talk to it:
 * an abstract socket has no file permissions to do that for us. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include "log.h"
#include "sockets.h"
#include "ttyproxy.h"

#define MAX_CLIENTS 256
#define REQUEST_MS 5000

long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int sock_bind(const char *name)
{
	struct sockaddr_un sa;
	size_t n = strlen(name);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path + 1, name, n);   /* abstract: leading NUL */
	if (bind(fd, (struct sockaddr *)&sa, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n)) < 0 ||
	    listen(fd, 16) < 0) {
		int e = errno;
		close(fd);
		return -e;
	}
	return fd;
}

void sock_drop(struct client *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

/* Replies are a few bytes: they fit the socket buffer, so a non-blocking
 * send either goes out whole or the client is not worth waiting for. */
int sock_reply(struct client *c, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if (send(c->fd, buf, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT) != n) {
		sock_drop(c);
		return -1;
	}
	return 0;
}

void sock_accept(struct monitor *m)
{
	for (;;) {
		int fd = accept4(m->listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (fd < 0)
			return;
		struct ucred cr;
		socklen_t len = sizeof(cr);
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0 ||
		    (cr.uid != 0 && cr.uid != geteuid())) {
			close(fd);
			continue;
		}
		if (m->nclients >= MAX_CLIENTS) {
			close(fd);
			continue;
		}
		if (m->nclients == m->cap_clients) {
			int cap = m->cap_clients ? m->cap_clients * 2 : 4;
			struct client *nc = realloc(m->clients, (size_t)cap * sizeof(*nc));
			if (!nc) {
				close(fd);
				continue;
			}
			m->clients = nc;
			m->cap_clients = cap;
		}
		struct client *c = &m->clients[m->nclients++];
		memset(c, 0, sizeof(*c));
		c->fd = fd;
		c->kind = C_REQUEST;
		c->deadline = mono_ms() + REQUEST_MS;
	}
}

int sock_pollfds(struct monitor *m, struct pollfd *pfd)
{
	int j = 0;
	for (int i = 0; i < m->nclients; i++)
		if (m->clients[i].fd >= 0)
			m->clients[j++] = m->clients[i];
	m->nclients = j;
	for (int i = 0; i < m->nclients; i++) {
		pfd[i].fd = m->clients[i].fd;
		pfd[i].events = m->clients[i].kind == C_CONSOLE ?
			proxy_client_events(m, &m->clients[i]) : POLLIN;
		pfd[i].revents = 0;
	}
	return m->nclients;
}

static int parse_states(char *s, unsigned *mask)
{
	*mask = 0;
	for (char *save = NULL, *w = strtok_r(s, "|", &save); w; w = strtok_r(NULL, "|", &save)) {
		int st = state_parse(w);
		if (st < 0)
			return -1;
		*mask |= 1u << st;
	}
	return *mask ? 0 : -1;
}

static void dump_ring(struct monitor *m, struct client *c)
{
	/* can be large: send it blocking, with a timeout */
	struct timeval tv = { 2, 0 };
	fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) & ~O_NONBLOCK);
	setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	console_dump(&m->con, c->fd);
}

/* rest: bytes that came after the request line (input for `console`) */
static void request(struct monitor *m, struct client *c, char *line, const char *rest, size_t restlen)
{
	char *arg = strchr(line, ' ');
	if (arg)
		*arg++ = '\0';

	if (!strcmp(line, "state") && !arg) {
		sock_reply(c, "%s\n", state_name(m->state));
	} else if (!strcmp(line, "pid") && !arg) {
		sock_reply(c, "%d\n", (int)m->init_pid);
	} else if (!strcmp(line, "status") && !arg) {
		sock_reply(c, "%s %d %d\n", state_name(m->state), (int)m->init_pid, (int)getpid());
	} else if (!strcmp(line, "signal") && arg) {
		char *end;
		long sig = strtol(arg, &end, 10);
		if (*arg < '0' || *arg > '9' || *end || sig >= 65) {
			sock_reply(c, "error %d\n", EINVAL);
		} else {
			int e = monitor_signal_init(m, (int)sig);
			if (e)
				sock_reply(c, "error %d\n", e);
			else
				sock_reply(c, "ok\n");
		}
	} else if (!strcmp(line, "wait") && arg) {
		unsigned mask;
		if (parse_states(arg, &mask) < 0) {
			sock_reply(c, "error %d\n", EINVAL);
		} else if (mask & (1u << m->state)) {
			sock_reply(c, "%s\n", state_name(m->state));
		} else {
			c->kind = C_WAIT;
			c->mask = mask;
			return;   /* keep the connection */
		}
	} else if (!strcmp(line, "events") && !arg) {
		c->kind = C_EVENTS;
		return;
	} else if (!strcmp(line, "console") && arg) {
		proxy_console_request(m, c, arg, rest, restlen);
		return;   /* keeps the connection, or has dropped it */
	} else if (!strcmp(line, "winsize") && arg) {
		proxy_winsize_request(m, c, arg);
		return;
	} else if (!strcmp(line, "console-buffer") && !arg) {
		/* extension: the console ring buffer, raw, then close */
		dump_ring(m, c);
	} else {
		sock_reply(c, "error %d\n", EINVAL);
	}
	sock_drop(c);
}

/* Printable ASCII, and a '\r' only as the last byte: anything else is not
 * one of our requests, and the client is not kept waiting for more. */
static int is_request_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((s[i] < 0x20 || s[i] > 0x7e) && !(s[i] == '\r' && i == n - 1))
			return 0;
	return 1;
}

void sock_client_ready(struct monitor *m, int fd, short revents)
{
	struct client *c = NULL;
	for (int i = 0; i < m->nclients; i++)
		if (m->clients[i].fd == fd)
			c = &m->clients[i];
	if (!c)
		return;
	if (c->kind == C_CONSOLE) {
		proxy_client_ready(m, c, revents);
		return;
	}
	if (c->kind != C_REQUEST) {
		/* nothing more is expected: only notice the hang-up */
		char junk[64];
		ssize_t r = read(fd, junk, sizeof(junk));
		if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR))
			sock_drop(c);
		return;
	}
	if (!(revents & (POLLIN | POLLHUP | POLLERR)))
		return;
	ssize_t r = read(fd, c->buf + c->len, sizeof(c->buf) - 1 - c->len);
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (r > 0)
		c->len += (size_t)r;
	char *nl = memchr(c->buf, '\n', c->len);
	size_t linelen = nl ? (size_t)(nl - c->buf) : c->len;
	if (!is_request_text(c->buf, linelen)) {
		sock_reply(c, "error %d\n", EINVAL);
		sock_drop(c);
		return;
	}
	if (!nl) {
		if (r > 0 && c->len < sizeof(c->buf) - 1)
			return;   /* wait for the rest of the line */
		if (r > 0 || c->len == 0) {
			/* over-long line, or closed without a request */
			if (r > 0)
				sock_reply(c, "error %d\n", EINVAL);
			sock_drop(c);
			return;
		}
		/* EOF after a line without '\n' */
	}
	const char *rest = c->buf + linelen + (nl ? 1 : 0);
	size_t restlen = c->len - (size_t)(rest - c->buf);
	c->buf[linelen] = '\0';
	if (linelen && c->buf[linelen - 1] == '\r')
		c->buf[linelen - 1] = '\0';
	request(m, c, c->buf, rest, restlen);
}

void sock_state_changed(struct monitor *m)
{
	const char *name = state_name(m->state);
	for (int i = 0; i < m->nclients; i++) {
		struct client *c = &m->clients[i];
		if (c->fd < 0)
			continue;
		if (c->kind == C_EVENTS) {
			sock_reply(c, "state %s\n", name);
		} else if (c->kind == C_WAIT && (c->mask & (1u << m->state))) {
			sock_reply(c, "%s\n", name);
			sock_drop(c);
		}
	}
}

void sock_exited(struct monitor *m, int status)
{
	for (int i = 0; i < m->nclients; i++) {
		struct client *c = &m->clients[i];
		if (c->fd >= 0 && c->kind == C_EVENTS)
			sock_reply(c, "exited %d\n", status);
	}
}

void sock_close_all(struct monitor *m)
{
	for (int i = 0; i < m->nclients; i++)
		sock_drop(&m->clients[i]);
	m->nclients = 0;
	if (m->listen_fd >= 0)
		close(m->listen_fd);
	m->listen_fd = -1;
}

int sock_timeout(const struct monitor *m)
{
	long long first = -1;
	for (int i = 0; i < m->nclients; i++) {
		const struct client *c = &m->clients[i];
		if (c->fd >= 0 && c->kind == C_REQUEST && (first < 0 || c->deadline < first))
			first = c->deadline;
	}
	if (first < 0)
		return -1;
	long long left = first - mono_ms();
	return left > 0 ? (int)left : 0;
}

void sock_expire(struct monitor *m)
{
	long long now = -1;
	for (int i = 0; i < m->nclients; i++) {
		struct client *c = &m->clients[i];
		if (c->fd < 0 || c->kind != C_REQUEST)
			continue;
		if (now < 0)
			now = mono_ms();
		if (c->deadline <= now)
			sock_drop(c);
	}
}
