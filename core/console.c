/* Console output handling in the monitor.  The master is always drained,
 * even with no log and no buffer, or init would block once the pty buffer
 * fills up. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "console.h"
#include "log.h"

static void write_all(int fd, const char *buf, size_t n)
{
	while (n) {
		ssize_t w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		buf += w;
		n -= (size_t)w;
	}
}

/* A terminal is both input and output; regular files (always readable,
 * only ever EOF) and fifos are outputs only. */
static int open_peer(struct console *c, const char *path)
{
	int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOCTTY | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		return -e;
	}
	c->out_fd = fd;
	/* a fifo would hand our own output back to us as input */
	c->in_fd = S_ISCHR(st.st_mode) ? fd : -1;
	c->own_peer = 1;
	/* a peer nobody reads must never stall the monitor: its output is
	 * dropped instead (regular files never block) */
	if (!S_ISREG(st.st_mode))
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	return 0;
}

int console_init(struct console *c, int master, size_t ring, const char *log, const char *peer, int fg)
{
	size_t logsize = c->logsize;
	int logrotate = c->logrotate;
	memset(c, 0, sizeof(*c));
	c->logsize = logsize;
	c->logrotate = logrotate;
	c->master = master;
	c->logfd = -1;
	c->in_fd = c->out_fd = -1;
	if (master < 0)
		return 0;
	/* non-blocking: a full input queue must never stall the monitor */
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
	if (ring) {
		/* malloc'ed, so untouched pages cost no RSS until output arrives */
		c->ring = malloc(ring);
		if (!c->ring)
			return -ENOMEM;
		c->size = ring;
	}
	if (log && *log) {
		c->logfd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
		if (c->logfd < 0) {
			c->failed = log;
			return -errno;
		}
		struct stat st;
		c->logpath = log;
		c->logused = fstat(c->logfd, &st) == 0 ? (size_t)st.st_size : 0;
	}
	if (peer && *peer) {
		int r = open_peer(c, peer);
		if (r < 0) {
			c->failed = peer;
			return r;
		}
	} else if (fg) {
		c->in_fd = 0;
		c->out_fd = 1;
	}
	c->in_open = c->in_fd >= 0;
	if (c->in_fd >= 0 && isatty(c->in_fd)) {
		struct termios raw;
		if (tcgetattr(c->in_fd, &c->saved) == 0) {
			raw = c->saved;
			cfmakeraw(&raw);
			if (tcsetattr(c->in_fd, TCSADRAIN, &raw) == 0)
				c->raw = 1;
		}
		console_winch(c);
	}
	return 0;
}

static void ring_put(struct console *c, const char *buf, size_t n)
{
	if (!c->ring)
		return;
	if (n >= c->size) {
		/* only the newest size bytes survive */
		memcpy(c->ring, buf + n - c->size, c->size);
		c->head = 0;
		c->used = c->size;
		return;
	}
	size_t first = c->size - c->head;
	if (first > n)
		first = n;
	memcpy(c->ring + c->head, buf, first);
	memcpy(c->ring, buf + first, n - first);
	c->head = (c->head + n) % c->size;
	c->used = c->used + n > c->size ? c->size : c->used + n;
}

static void log_stop(struct console *c, const char *why)
{
	log_warn("console log %s: %s; logging stops", c->logpath, why);
	close(c->logfd);
	c->logfd = -1;
}

/* The log file is full (lxc.console.size): start it over, keeping the old
 * one as PATH.1 with lxc.console.rotate. */
static int log_restart(struct console *c)
{
	if (c->logrotate) {
		char old[4200];
		snprintf(old, sizeof(old), "%s.1", c->logpath);
		if (rename(c->logpath, old) < 0)
			return -1;
		int fd = open(c->logpath, O_WRONLY | O_APPEND | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0600);
		if (fd < 0)
			return -1;
		close(c->logfd);
		c->logfd = fd;
	} else if (ftruncate(c->logfd, 0) < 0) {
		return -1;
	}
	c->logused = 0;
	return 0;
}

static void log_put(struct console *c, const char *buf, size_t n)
{
	while (n && c->logfd >= 0) {
		size_t chunk = n;
		if (c->logsize) {
			if (c->logused >= c->logsize && log_restart(c) < 0) {
				log_stop(c, strerror(errno));
				return;
			}
			if (chunk > c->logsize - c->logused)
				chunk = c->logsize - c->logused;
		}
		ssize_t w = write(c->logfd, buf, chunk);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			log_stop(c, w < 0 ? strerror(errno) : "short write");
			return;
		}
		c->logused += (size_t)w;
		buf += w;
		n -= (size_t)w;
	}
}

void console_readable(struct console *c)
{
	char buf[4096];
	for (int rounds = 0; rounds < 16; rounds++) {
		ssize_t r = read(c->master, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return;   /* EAGAIN, or EIO with no slave open */
		ring_put(c, buf, (size_t)r);
		if (c->logfd >= 0)
			log_put(c, buf, (size_t)r);
		if (c->out_fd >= 0)
			write_all(c->out_fd, buf, (size_t)r);
		if (c->tap)
			c->tap(c->tap_arg, buf, (size_t)r);
	}
}

void console_final_drain(struct console *c)
{
	/* pty output reaches the master through a work queue: give what init
	 * wrote just before it died a moment to arrive (bounded) */
	if (c->master < 0)
		return;
	for (int i = 0; i < 20; i++) {
		struct pollfd p = { c->master, POLLIN, 0 };
		if (poll(&p, 1, 50) <= 0 || !(p.revents & POLLIN))
			return;
		console_readable(c);
	}
}

int console_wants_stdin(const struct console *c)
{
	return c->in_open && c->pend_len == 0;
}

int console_wants_write(const struct console *c)
{
	return c->pend_len > 0;
}

void console_writable(struct console *c)
{
	ssize_t w = write(c->master, c->pend, c->pend_len);
	if (w > 0) {
		memmove(c->pend, c->pend + w, c->pend_len - (size_t)w);
		c->pend_len -= (size_t)w;
	} else if (w < 0 && errno != EAGAIN && errno != EINTR) {
		c->pend_len = 0;
	}
}

void console_stdin(struct console *c)
{
	ssize_t r = read(c->in_fd, c->pend, sizeof(c->pend));
	if (r < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (r <= 0) {
		c->in_open = 0;   /* EOF: stop reading, keep the console */
		return;
	}
	c->pend_len = (size_t)r;
	console_writable(c);
}

void console_winch(struct console *c)
{
	struct winsize ws;
	if (c->master >= 0 && c->in_fd >= 0 && ioctl(c->in_fd, TIOCGWINSZ, &ws) == 0)
		ioctl(c->master, TIOCSWINSZ, &ws);
}

void console_restore(struct console *c)
{
	if (c->raw) {
		tcsetattr(c->in_fd, TCSADRAIN, &c->saved);
		c->raw = 0;
	}
}

void console_dump(const struct console *c, int fd)
{
	if (!c->ring || !c->used)
		return;
	size_t start = (c->head + c->size - c->used) % c->size;
	size_t first = c->size - start < c->used ? c->size - start : c->used;
	write_all(fd, c->ring + start, first);
	write_all(fd, c->ring, c->used - first);
}
