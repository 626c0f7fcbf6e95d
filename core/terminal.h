/* Pseudo-terminals for /dev/console and /dev/tty1..N, allocated by the
 * monitor from the host's /dev/ptmx before clone. */
#ifndef LXC_CORE_TERMINAL_H
#define LXC_CORE_TERMINAL_H

#include "plan.h"
#include "sync.h"

struct pty {
	int master, slave;
	char name[32];          /* /dev/pts/N on the host */
};

struct ptys {
	struct pty console;     /* master/slave -1 with "console none" */
	struct pty *ttys;
	int nttys;
};

/* Allocate what the plan asks for; everything CLOEXEC. */
int term_alloc(const struct plan *p, struct ptys *t, struct failure *f);
/* Child side: the `console DIR` and `ttys DIR` steps. */
int term_bind_console(int rootfd, const struct fs_step *s, const struct ptys *t, struct failure *f);
int term_bind_ttys(int rootfd, const struct fs_step *s, const struct ptys *t, struct failure *f);

#endif
