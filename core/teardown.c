/* After init has exited: the plan's cleanup steps, then the TS teardown
 * command (when the plan has one).  The command runs asynchronously: the
 * monitor keeps answering its socket (state STOPPING) meanwhile and reaps
 * it from the event loop. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <time.h>
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

void reboot_spawn(const char *const *argv, int devnull)
{
	pid_t pid = fork();
	if (pid < 0) {
		log_error("cannot restart the container: fork: %s", strerror(errno));
		return;
	}
	if (pid > 0)
		return;
	sigset_t none;
	for (int s = 1; s < NSIG; s++)
		signal(s, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setsid();
	if (devnull >= 0)
		for (int fd = 0; fd < 3; fd++)
			dup2(devnull, fd);
	execv(argv[0], (char *const *)argv);
	log_error("cannot restart the container with \"%s\": %s", argv[0], strerror(errno));
	_exit(127);
}

/* Remove DIR and the directories below it, deepest first.  Only rmdir():
 * on a cgroup file system that is how a cgroup goes, and anywhere else it
 * can never take a file with it.  A cgroup whose last tasks are still
 * exiting is EBUSY for a moment: retry until *deadline. */
static int rmtree_at(const char *dir, const struct timespec *deadline)
{
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	struct dirent *e;
	int r = 0;
	while ((e = readdir(d))) {
		if (e->d_type != DT_DIR || !strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char sub[PATH_MAX];
		if (snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name) >= (int)sizeof(sub))
			continue;
		int rr = rmtree_at(sub, deadline);
		if (rr && !r)
			r = rr;
	}
	closedir(d);
	for (;;) {
		if (!rmdir(dir) || errno == ENOENT)
			return r;
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (errno != EBUSY || now.tv_sec > deadline->tv_sec ||
		    (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec))
			return -errno;
		struct timespec pause = { 0, 5 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
}

static int on_cgroupfs(const char *path)
{
	struct statfs sf;
	if (statfs(path, &sf))
		return errno == ENOENT ? 1 : 0;   /* already gone: nothing to check */
	return sf.f_type == CGROUP_SUPER_MAGIC || sf.f_type == CGROUP2_SUPER_MAGIC;
}

/* With a pid namespace of its own, init's end took every process of the
 * container along.  Sharing another's pid namespace, init's children
 * outlive it (they go to that namespace's init) and keep the cgroup busy:
 * kill whatever is left in the tree first. */
static void kill_cgroup_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	char path[PATH_MAX];
	while ((e = readdir(d))) {
		if (e->d_type != DT_DIR || !strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) < sizeof(path))
			kill_cgroup_tree(path);
	}
	closedir(d);
	/* cgroup2 (Linux 5.14+) does it in one write */
	snprintf(path, sizeof(path), "%s/cgroup.kill", dir);
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t w = write(fd, "1", 1);
		close(fd);
		if (w == 1)
			return;
	}
	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	int pid;
	while (fscanf(f, "%d", &pid) == 1)
		if (pid > 0)
			kill(pid, SIGKILL);
	fclose(f);
}

void cleanup_run(const struct plan *p)
{
	struct timespec deadline;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += 1;
	for (int i = 0; i < p->ncleanups; i++) {
		const struct plan_cleanup *c = &p->cleanups[i];
		int r = 0;
		switch (c->kind) {
		case CLEAN_RMTREE:
			if (!on_cgroupfs(c->path)) {
				log_warn("cleanup: %s is not on a cgroup file system; left alone", c->path);
				continue;
			}
			if (!(p->clone_flags & CLONE_NEWPID))
				kill_cgroup_tree(c->path);
			r = rmtree_at(c->path, &deadline);
			break;
		case CLEAN_RMDIR:
			/* an emptied parent; one still in use by others stays */
			if (rmdir(c->path) && errno != ENOENT && errno != ENOTEMPTY && errno != EEXIST)
				r = -errno;
			break;
		case CLEAN_UNLINK:
			if (unlink(c->path) && errno != ENOENT)
				r = -errno;
			break;
		}
		if (r)
			log_warn("cleanup: cannot remove %s: %s", c->path, strerror(-r));
	}
}
