/* lxc-execute's init: the core itself stays PID 1 of the container. */
#ifndef LXC_CORE_REAPER_H
#define LXC_CORE_REAPER_H

#include "child.h"
#include "sync.h"

/* Fork the plan's command, forward every signal to it, reap whatever
 * ends up parented to us, and exit with the command's status (128+N when
 * signal N killed it). */
_Noreturn void reaper_run(const struct child_args *a, struct failure *f);

#endif
