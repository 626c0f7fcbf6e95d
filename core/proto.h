/* The fd 4 / fd 5 line protocol with TypeScript and the field encoding
 * shared with the plan (see PLAN.md). */
#ifndef LXC_CORE_PROTO_H
#define LXC_CORE_PROTO_H

#include <stddef.h>

/* Decode one plan field in place.  "%-" is the empty field.  Returns 0, or
 * -1 with a reason in *why for bad escapes, raw bytes that must have been
 * escaped, or an escaped NUL (fields end up as C strings). */
int pct_decode(char *field, const char **why);

/* Encode SRC as one field into OUT (always NUL-terminated, truncated to fit
 * on a whole escape).  Returns OUT. */
char *pct_encode(const char *src, char *out, size_t outlen);

/* Events to TS.  *fdp is set to -1 once the reader is gone (EPIPE/EBADF):
 * nobody listening is not an error. */
int ev_line(int *fdp, const char *line);
void ev_printf(int *fdp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* error INDEX STEP ERRNO MESSAGE, every field percent-encoded.  The
 * step's ORIGIN is not repeated: TS maps INDEX back to it. */
/* 0 once the line is written, -1 when nobody listens (any more) */
int ev_error(int *fdp, int index, const char *step, int err, const char *msg);

/* Commands from TS: accumulates bytes in a small buffer and hands out
 * complete lines. */
struct linebuf {
	char buf[128];
	size_t len;
};
/* Read what is available from fd into lb.  Returns 1 if data was read,
 * 0 on EOF, -1 on error (EAGAIN included). */
int lb_fill(struct linebuf *lb, int fd);
/* Pop the next full line (without '\n') into out; returns 1 if one was there. */
int lb_next(struct linebuf *lb, char *out, size_t outlen);

#endif
