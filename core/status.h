/* A wait status as the shell reports it: the exit code, or 128+N when
 * signal N ended the process. */
#ifndef LXC_CORE_STATUS_H
#define LXC_CORE_STATUS_H

#include <sys/wait.h>

static inline int status_exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

#endif
