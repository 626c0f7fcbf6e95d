/* The TS teardown command, run by the monitor once init has exited.  It
 * runs asynchronously: the monitor keeps answering its socket (state
 * STOPPING) meanwhile and reaps it from the event loop. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "log.h"
#include "teardown.h"

pid_t teardown_start(const char *const *argv, int status, pid_t init_pid,
		     const char *state_before, int devnull)
{
	char buf[32];
	pid_t pid = fork();
	if (pid < 0)
		return -errno;
	if (pid > 0)
		return pid;

	sigset_t none;
	for (int s = 1; s < NSIG; s++)
		signal(s, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (devnull >= 0)
		dup2(devnull, 0);
	snprintf(buf, sizeof(buf), "%d", status);
	setenv("LXC_INIT_STATUS", buf, 1);
	snprintf(buf, sizeof(buf), "%d", (int)init_pid);
	setenv("LXC_INIT_PID", buf, 1);
	setenv("LXC_STATE_BEFORE", state_before, 1);
	execvp(argv[0], (char *const *)argv);
	log_error("cannot run teardown \"%s\": %m", argv[0]);
	_exit(127);
}
