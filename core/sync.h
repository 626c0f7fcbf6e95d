/* The child <-> monitor channel: a SOCK_SEQPACKET socketpair, one record
 * per message.  The monitor sends one byte ('g') for go; the child sends
 * records.  The child's end is CLOEXEC, so a successful execve() shows up
 * as EOF after the SYNC_EXEC record. */
#ifndef LXC_CORE_SYNC_H
#define LXC_CORE_SYNC_H

#include <stdint.h>

enum { SYNC_ERROR = 1, SYNC_EXEC = 2 };

struct sync_rec {
	int32_t type;
	int32_t line;       /* plan line number, 0 = none */
	int32_t err;        /* errno */
	char step[16];
	char msg[512];
	char origin[256];
};

/* A failure on the way to execve(), filled by the step functions. */
struct failure {
	int line;
	int err;
	const char *step;
	const char *origin;
	char msg[512];
};

/* Fill F and return -1 (so callers can "return fail(...)"). */
int fail(struct failure *f, int err, const char *step, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
