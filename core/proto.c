/* Percent encoding and the fd 4 / fd 5 line protocol. */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "proto.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int must_escape(unsigned char c)
{
	return c <= 0x20 || c == '%' || c >= 0x7f;
}

int pct_decode(char *field, const char **why)
{
	if (strcmp(field, "%-") == 0) {
		field[0] = '\0';
		return 0;
	}
	if (field[0] == '\0') {
		*why = "empty field (write %- for an empty value)";
		return -1;
	}
	char *r = field, *w = field;
	while (*r) {
		unsigned char c = (unsigned char)*r;
		if (c == '%') {
			int hi = hexval((unsigned char)r[1]);
			int lo = hi < 0 ? -1 : hexval((unsigned char)r[2]);
			if (hi < 0 || lo < 0) {
				*why = "bad percent escape";
				return -1;
			}
			if (hi == 0 && lo == 0) {
				*why = "escaped NUL byte";
				return -1;
			}
			*w++ = (char)(hi * 16 + lo);
			r += 3;
			continue;
		}
		if (must_escape(c)) {
			*why = "byte must be percent-encoded";
			return -1;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return 0;
}

char *pct_encode(const char *src, char *out, size_t outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;

	if (outlen < 3) {
		if (outlen)
			out[0] = '\0';
		return out;
	}
	if (!src || !*src) {
		memcpy(out, "%-", 3);
		return out;
	}
	for (; *src; src++) {
		unsigned char c = (unsigned char)*src;
		if (must_escape(c)) {
			if (o + 3 >= outlen)
				break;
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		} else {
			if (o + 1 >= outlen)
				break;
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
	return out;
}

int ev_line(int *fdp, const char *line)
{
	char buf[2048];
	size_t n = strlen(line);

	if (*fdp < 0)
		return -1;
	if (n > sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	memcpy(buf, line, n);
	buf[n++] = '\n';
	/* One write: lines are far below PIPE_BUF, so they stay whole. */
	for (;;) {
		ssize_t w = write(*fdp, buf, n);
		if (w == (ssize_t)n)
			return 0;
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN) {
			/* TS handed us a non-blocking fd: wait a little for room */
			struct pollfd p = { *fdp, POLLOUT, 0 };
			if (poll(&p, 1, 2000) > 0 && !(p.revents & (POLLERR | POLLHUP | POLLNVAL)))
				continue;
		}
		/* EPIPE (TS went away), EBADF or a short write: stop talking. */
		close(*fdp);
		*fdp = -1;
		return -1;
	}
}

void ev_printf(int *fdp, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ev_line(fdp, buf);
}

int ev_error(int *fdp, int index, const char *step, int err, const char *msg)
{
	char s[64], m[1200], line[1300];

	pct_encode(step, s, sizeof(s));
	pct_encode(msg, m, sizeof(m));
	snprintf(line, sizeof(line), "error %d %s %d %s", index, s, err, m);
	return ev_line(fdp, line);
}

int lb_fill(struct linebuf *lb, int fd)
{
	if (lb->len >= sizeof(lb->buf)) {
		/* An over-long line: drop it rather than stall. */
		lb->len = 0;
	}
	ssize_t r = read(fd, lb->buf + lb->len, sizeof(lb->buf) - lb->len);
	if (r > 0) {
		lb->len += (size_t)r;
		return 1;
	}
	if (r == 0)
		return 0;
	return -1;
}

int lb_next(struct linebuf *lb, char *out, size_t outlen)
{
	char *nl = memchr(lb->buf, '\n', lb->len);
	if (!nl)
		return 0;
	size_t n = (size_t)(nl - lb->buf);
	size_t c = n < outlen - 1 ? n : outlen - 1;
	memcpy(out, lb->buf, c);
	out[c] = '\0';
	if (c && out[c - 1] == '\r')
		out[c - 1] = '\0';
	memmove(lb->buf, nl + 1, lb->len - n - 1);
	lb->len -= n + 1;
	return 1;
}
