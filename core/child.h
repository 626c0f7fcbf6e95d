/* The child side of start: from clone() to execve(). */
#ifndef LXC_CORE_CHILD_H
#define LXC_CORE_CHILD_H

#include <sys/types.h>
#include "plan.h"
#include "terminal.h"

struct child_args {
	const struct plan *p;
	int sync_fd;            /* the child's end */
	const struct ptys *ptys;
	int devnull;
	pid_t monitor_pid;
	int close_fds[6];       /* monitor-only fds, closed at once; -1 = none */
	const int *share_fds;   /* one per plan share (net, ipc, uts: joined by the child) */
};

_Noreturn void child_run(const struct child_args *a);
/* The last step: signals back to default, tell the monitor, exec the plan's
 * command.  Used by child_run, or by the reaper for the command it forks. */
struct failure;
_Noreturn void child_exec(const struct child_args *a, struct failure *f);
/* Report F to the monitor and exit 1. */
_Noreturn void child_die(const struct child_args *a, const struct failure *f);

#endif
