/* PID 1 for application containers (`init-reaper 1`).
 *
 * An ordinary program is a poor PID 1: it never reaps the orphans that the
 * kernel hands it, and signals it has no handler for are dropped.  So the
 * core stays PID 1 and runs the command as its only child.  The monitor
 * still learns "exec happened" from the sync socket's EOF: the command's
 * copy closes at its execve() (CLOEXEC), ours once the command has
 * exec'd or failed. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "log.h"
#include "reaper.h"
#include "title.h"
#include "status.h"

_Noreturn void reaper_run(const struct child_args *a, struct failure *f)
{
	sigset_t all;
	int gate[2];

	/* blocked before the fork, so nothing sent meanwhile gets lost:
	 * blocked signals are queued even for a PID 1 without handlers */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	if (pipe2(gate, O_CLOEXEC) < 0)
		child_die(a, (fail(f, errno, "exec", "cannot create a pipe for the command: %s", strerror(errno)), f));

	/* raw clone, like the monitor's: glibc's fork() would trust a thread
	 * id that is still the monitor's */
	pid_t app = (pid_t)syscall(SYS_clone, SIGCHLD, NULL, NULL, NULL, NULL);
	if (app < 0)
		child_die(a, (fail(f, errno, "exec", "cannot fork the command: %s", strerror(errno)), f));
	if (app == 0) {
		close(gate[0]);
		child_exec(a, f);   /* gate[1] closes at its exec, or at its exit */
	}
	close(gate[1]);
	char b;
	while (read(gate[0], &b, 1) < 0 && errno == EINTR)
		;
	close(gate[0]);
	close(a->sync_fd);
	title_set("init");
	log_set_category("init");

	for (;;) {
		siginfo_t si;
		int sig = sigwaitinfo(&all, &si);
		if (sig < 0)
			continue;
		if (sig != SIGCHLD) {
			log_debug("forwarding signal %d to the command", sig);
			kill(app, sig);
			continue;
		}
		int st;
		pid_t pid;
		while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
			if (pid == app) {
				log_debug("the command (pid %d in the container) ended: exit code %d", (int)app, status_exit_code(st));
				_exit(status_exit_code(st));
			}   /* the kernel kills what is left in the namespace */
	}
}
