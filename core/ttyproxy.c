/* The console proxy.  A client that asked for `console N` becomes a raw
 * byte stream: what it sends is queued for the tty's master, what the
 * master says goes to every client on that tty.  Several clients may share
 * a tty.  The monitor must never block on anyone: input waits in a small
 * per-tty buffer (and the clients of a tty are not read while it is full),
 * and a client whose socket cannot take the output at once is cut off.
 *
 * Output of tty 0 is always drained by console.c (ring buffer, log), which
 * hands it to us through its tap.  ttys 1..N are read only while someone
 * listens: otherwise output waits in the pty, and whoever attaches later
 * gets it. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>
#include "log.h"
#include "monitor.h"
#include "sockets.h"
#include "ttyproxy.h"

/* After the slave side hangs up (no opener left, e.g. between two gettys)
 * the master polls as readable forever: look again only this much later. */
#define HUP_RETRY_MS 200

int proxy_init(struct monitor *m)
{
	struct ttyproxy *p = &m->proxy;
	p->lines = calloc((size_t)m->ptys.nttys + 1, sizeof(*p->lines));
	if (!p->lines)
		return -ENOMEM;
	p->nlines = m->ptys.nttys + 1;
	p->lines[0].master = m->con.master;   /* console.c made it non-blocking */
	for (int i = 0; i < m->ptys.nttys; i++) {
		int fd = m->ptys.ttys[i].master;
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		p->lines[i + 1].master = fd;
	}
	m->con.tap = proxy_console_output;
	m->con.tap_arg = m;
	return 0;
}

static int is_client_of(const struct client *c, int tty)
{
	return c->fd >= 0 && c->kind == C_CONSOLE && c->tty == tty;
}

static int clients_on(const struct monitor *m, int tty)
{
	int n = 0;
	for (int i = 0; i < m->nclients; i++)
		n += is_client_of(&m->clients[i], tty);
	return n;
}

/* Input waiting for the master: in the tty's buffer, or still in a client's
 * (the buffer was full when it came).  Either way the master must be
 * polled for room, or that client's typing would stall for good. */
static int input_pending(const struct monitor *m, int tty)
{
	if (m->proxy.lines[tty].len)
		return 1;
	for (int i = 0; i < m->nclients; i++)
		if (is_client_of(&m->clients[i], tty) && m->clients[i].len)
			return 1;
	return 0;
}

static void line_write(struct ttyline *l)
{
	if (!l->len)
		return;
	ssize_t w = write(l->master, l->pend, l->len);
	if (w > 0) {
		memmove(l->pend, l->pend + w, l->len - (size_t)w);
		l->len -= (size_t)w;
	} else if (w < 0 && errno != EAGAIN && errno != EINTR) {
		l->len = 0;   /* nobody on the slave side to read it */
	}
}

/* Move what the client sent into the tty's buffer, as far as it fits. */
static void queue_input(struct ttyline *l, struct client *c)
{
	size_t k = sizeof(l->pend) - l->len;
	if (k > c->len)
		k = c->len;
	memcpy(l->pend + l->len, c->buf, k);
	l->len += k;
	memmove(c->buf, c->buf + k, c->len - k);
	c->len -= k;
}

/* The master took some input: refill from clients that had to wait. */
static void line_pull(struct monitor *m, int tty)
{
	struct ttyline *l = &m->proxy.lines[tty];
	line_write(l);
	for (int i = 0; i < m->nclients && l->len < sizeof(l->pend); i++)
		if (is_client_of(&m->clients[i], tty) && m->clients[i].len)
			queue_input(l, &m->clients[i]);
	line_write(l);
}

static void fanout(struct monitor *m, int tty, const char *buf, size_t n)
{
	for (int i = 0; i < m->nclients; i++) {
		struct client *c = &m->clients[i];
		if (!is_client_of(c, tty))
			continue;
		ssize_t w = send(c->fd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (w == (ssize_t)n)
			continue;
		if (!(w < 0 && (errno == EPIPE || errno == ECONNRESET)))
			log_warn("a client of tty %d cannot keep up with its output: disconnected", tty);
		sock_drop(c);
	}
}

void proxy_console_output(void *monitor, const char *buf, size_t n)
{
	fanout(monitor, 0, buf, n);
}

static void tty_read(struct monitor *m, int tty)
{
	struct ttyline *l = &m->proxy.lines[tty];
	char buf[4096];
	for (int rounds = 0; rounds < 16; rounds++) {
		ssize_t r = read(l->master, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN)
			return;
		if (r <= 0) {
			l->hup = 1;
			m->proxy.hup_until = mono_ms() + HUP_RETRY_MS;
			return;
		}
		fanout(m, tty, buf, (size_t)r);
	}
}

/* A decimal in [min, max], nothing else. */
static int parse_num(const char *s, long min, long max, long *out)
{
	char *end;
	if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
		return -1;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static void refuse(struct client *c, int err, const char *msg)
{
	sock_reply(c, "error %d %s\n", err, msg);
	sock_drop(c);
}

void proxy_console_request(struct monitor *m, struct client *c, char *arg,
			   const char *rest, size_t restlen)
{
	struct ttyproxy *p = &m->proxy;
	int ttys = p->nlines > 0 ? p->nlines - 1 : 0;
	char msg[120];
	long n;
	if (p->nlines == 0 || parse_num(arg, -1, INT_MAX, &n) < 0) {
		refuse(c, EINVAL, "usage: console N (N = 0 for the console, 1..ttys, -1 for the first free tty)");
		return;
	}
	if (n == -1) {
		for (int i = 1; i <= ttys && n == -1; i++)
			if (!clients_on(m, i))
				n = i;
		if (n == -1) {
			if (ttys)
				snprintf(msg, sizeof(msg), "all %d ttys have a client already", ttys);
			refuse(c, EBUSY, ttys ? msg : "the container has no ttys");
			return;
		}
	} else if (n > ttys) {
		snprintf(msg, sizeof(msg), "tty %ld does not exist: the container has %d tty%s",
			 n, ttys, ttys == 1 ? "" : "s");
		refuse(c, ENXIO, msg);
		return;
	} else if (p->lines[n].master < 0) {
		refuse(c, ENXIO, "the container has no console pty");
		return;
	}
	c->kind = C_CONSOLE;
	c->tty = (int)n;
	c->len = 0;
	if (sock_reply(c, "ok %d\n", c->tty) < 0)
		return;
	/* whatever the client sent right behind its request line is input */
	memmove(c->buf, rest, restlen);
	c->len = restlen;
	if (c->len) {
		queue_input(&p->lines[n], c);
		line_write(&p->lines[n]);
	}
}

void proxy_winsize_request(struct monitor *m, struct client *c, char *arg)
{
	struct ttyproxy *p = &m->proxy;
	char *save = NULL;
	char *a = strtok_r(arg, " ", &save), *b = strtok_r(NULL, " ", &save), *d = strtok_r(NULL, " ", &save);
	long n, rows, cols;
	if (strtok_r(NULL, " ", &save) || parse_num(a, 0, p->nlines - 1, &n) < 0 ||
	    parse_num(b, 0, 65535, &rows) < 0 || parse_num(d, 0, 65535, &cols) < 0 ||
	    p->lines[n].master < 0) {
		refuse(c, EINVAL, "usage: winsize N ROWS COLS (N an existing tty, 0 the console)");
		return;
	}
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	if (ioctl(p->lines[n].master, TIOCSWINSZ, &ws) < 0) {
		int e = errno;
		refuse(c, e, strerror(e));
		return;
	}
	sock_reply(c, "ok\n");
	sock_drop(c);
}

int proxy_pollfds(struct monitor *m, struct pollfd *pfd)
{
	struct ttyproxy *p = &m->proxy;
	for (int i = 1; i < p->nlines; i++) {
		struct ttyline *l = &p->lines[i];
		short ev = 0;
		if (!l->hup) {
			if (clients_on(m, i))
				ev |= POLLIN;
			if (input_pending(m, i))
				ev |= POLLOUT;
		}
		pfd[i - 1] = (struct pollfd){ ev ? l->master : -1, ev, 0 };
	}
	return p->nlines > 0 ? p->nlines - 1 : 0;
}

void proxy_ready(struct monitor *m, const struct pollfd *pfd, int n)
{
	for (int i = 0; i < n; i++) {
		if (pfd[i].fd < 0)
			continue;
		if (pfd[i].revents & POLLOUT)
			line_pull(m, i + 1);
		if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
			tty_read(m, i + 1);
	}
}

int proxy_timeout(const struct monitor *m)
{
	const struct ttyproxy *p = &m->proxy;
	for (int i = 1; i < p->nlines; i++) {
		if (p->lines[i].hup) {
			long long left = p->hup_until - mono_ms();
			return left > 0 ? (int)left : 0;
		}
	}
	return -1;
}

void proxy_tick(struct monitor *m)
{
	struct ttyproxy *p = &m->proxy;
	if (proxy_timeout(m) != 0)
		return;
	for (int i = 1; i < p->nlines; i++)
		p->lines[i].hup = 0;
}

int proxy_wants_write(const struct monitor *m, int tty)
{
	return tty < m->proxy.nlines && input_pending(m, tty);
}

void proxy_writable(struct monitor *m, int tty)
{
	if (tty < m->proxy.nlines)
		line_pull(m, tty);
}

short proxy_client_events(struct monitor *m, struct client *c)
{
	const struct ttyline *l = &m->proxy.lines[c->tty];
	return c->len == 0 && l->len < sizeof(l->pend) ? POLLIN : 0;
}

void proxy_client_ready(struct monitor *m, struct client *c, short revents)
{
	struct ttyline *l = &m->proxy.lines[c->tty];
	if (revents & POLLIN) {
		ssize_t r = read(c->fd, c->buf + c->len, sizeof(c->buf) - c->len);
		if (r > 0) {
			c->len += (size_t)r;
			queue_input(l, c);
			line_pull(m, c->tty);
			return;
		}
		if (r < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		sock_drop(c);   /* gone (EOF or reset): the tty and the others carry on */
		return;
	}
	if (revents & (POLLHUP | POLLERR))
		sock_drop(c);
}
