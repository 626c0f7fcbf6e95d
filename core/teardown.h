#ifndef LXC_CORE_TEARDOWN_H
#define LXC_CORE_TEARDOWN_H
#include <sys/types.h>
#include "plan.h"
/* Start the teardown argv with LXC_INIT_STATUS/LXC_INIT_PID/LXC_STATE_BEFORE
 * added to the monitor's environment.  Returns its pid, or -errno. */
pid_t teardown_start(const char *const *argv, int status, pid_t init_pid,
		     const char *state_before, int devnull);
/* The plan's `cleanup` steps, in order; failures are logged, never fatal. */
void cleanup_run(const struct plan *p);
/* Start ARGV in a new session with stdio on DEVNULL and do not wait for it:
 * the container's next life, started by a fresh lxc-start after we exit. */
void reboot_spawn(const char *const *argv, int devnull);

#endif
