/* The child: waits for go, then carries out the plan's steps in the fixed
 * order of PLAN.md and execs init.  Any failure is sent to the monitor as
 * a record (plan line, step, errno, message) and the child exits.
 *
 * The child comes from a raw clone(), so glibc's idea of the thread id is
 * the monitor's: nothing here may use pthread or raise()/abort(). */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <net/if.h>
#include "caps.h"
#include "child.h"
#include "log.h"
#include "mounts.h"
#include "reaper.h"
#include "sync.h"

static void copy_str(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

_Noreturn void child_die(const struct child_args *a, const struct failure *f)
{
	struct sync_rec r;
	memset(&r, 0, sizeof(r));
	r.type = SYNC_ERROR;
	r.line = f->line;
	r.err = f->err;
	copy_str(r.step, sizeof(r.step), f->step);
	copy_str(r.msg, sizeof(r.msg), f->msg);
	copy_str(r.origin, sizeof(r.origin), f->origin);
	if (send(a->sync_fd, &r, sizeof(r), MSG_NOSIGNAL) < 0)
		log_error("%s: %s", f->step, f->msg);   /* monitor gone: stderr is all we have */
	_exit(1);
}
#define die child_die

static void at(struct failure *f, int line, const char *origin)
{
	memset(f, 0, sizeof(*f));
	f->line = line;
	f->origin = origin;
}

static int wait_for_go(const struct child_args *a)
{
	char b;
	for (;;) {
		ssize_t r = recv(a->sync_fd, &b, 1, 0);
		if (r < 0 && errno == EINTR)
			continue;
		/* EOF: the monitor died or aborted before go */
		return r == 1 && b == 'g' ? 0 : -1;
	}
}

static void fs_steps(const struct child_args *a, struct failure *f)
{
	const struct plan *p = a->p;
	int rootfd;

	at(f, p->rootfs_line, NULL);
	if (fs_prepare_root(p, &rootfd, f))
		die(a, f);
	for (int i = 0; i < p->nsteps; i++) {
		const struct fs_step *s = &p->steps[i];
		int r;
		at(f, s->line, s->origin);
		log_debug("plan line %d (%s): %s", s->line, s->origin, s->path ? s->path : "");
		if (s->kind == FS_CONSOLE)
			r = term_bind_console(rootfd, s, a->ptys, f);
		else if (s->kind == FS_TTYS)
			r = term_bind_ttys(rootfd, s, a->ptys, f);
		else
			r = fs_step(rootfd, s, f);
		if (r == 0)
			continue;
		if (s->kind == FS_MOUNT && (s->opts & MOPT_OPTIONAL)) {
			/* "optional" exists for paths that may be absent: only other failures are
			 * worth a line on the console */
			if (f->err != ENOENT)
				log_warn("optional mount skipped (line %d, %s): %s", s->line, s->origin, f->msg);
			continue;
		}
		die(a, f);
	}
	if (p->has_rootfs) {
		at(f, p->rootfs_line, NULL);
		if (fs_pivot(rootfd, f))
			die(a, f);
	}
	close(rootfd);
}

/* Set IFF_UP on an interface of our (new) network namespace: the loopback
 * device starts down, and a spawned `ip` would cost more than the rest of
 * the start. */
static int netif_up(const char *name, struct failure *f)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return fail(f, errno, "netup", "cannot open a socket: %s", strerror(errno));
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	int r = ioctl(s, SIOCGIFFLAGS, &ifr);
	if (r == 0) {
		ifr.ifr_flags |= IFF_UP;
		r = ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	int e = errno;
	close(s);
	if (r < 0)
		return fail(f, e, "netup", "cannot bring %s up: %s", name, strerror(e));
	return 0;
}

static int write_sysctl(const struct plan_sysctl *s, struct failure *f)
{
	char path[4200];
	snprintf(path, sizeof(path), "/proc/sys/%s", s->key);
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return fail(f, errno, "sysctl", "cannot open \"%s\": %s", path, strerror(errno));
	size_t n = strlen(s->value);
	ssize_t w = write(fd, s->value, n);
	int e = errno;
	close(fd);
	if (w != (ssize_t)n)
		return fail(f, w < 0 ? e : EIO, "sysctl", "cannot set %s to \"%s\": %s",
			    s->key, s->value, w < 0 ? strerror(e) : "short write");
	return 0;
}

static int shares_pid(const struct plan *p)
{
	for (int i = 0; i < p->nshares; i++)
		if (p->shares[i].type == CLONE_NEWPID)
			return 1;
	return 0;
}

static void set_pdeathsig(const struct child_args *a)
{
	if (!a->p->pdeathsig)
		return;
	prctl(PR_SET_PDEATHSIG, a->p->pdeathsig, 0, 0, 0);
	/* the monitor may have died before the prctl; in a new or a shared pid
	 * namespace getppid() is 0, there the sync socket's EOF tells instead */
	if (!(a->p->clone_flags & CLONE_NEWPID) && !shares_pid(a->p) && getppid() != a->monitor_pid)
		_exit(1);
}

/* stdio and controlling terminal of init */
static void stdio_setup(const struct child_args *a, struct failure *f)
{
	int fd = a->ptys->console.slave >= 0 ? a->ptys->console.slave : a->devnull;
	at(f, a->p->console_line, NULL);
	if (setsid() < 0)
		die(a, (fail(f, errno, "console", "setsid failed: %s", strerror(errno)), f));
	if (a->p->console_inherit)
		return;   /* the caller's stdio, as the monitor got it */
	for (int i = 0; i < 3; i++)
		if (dup2(fd, i) < 0)
			die(a, (fail(f, errno, "console", "cannot set up fd %d: %s", i, strerror(errno)), f));
	if (a->ptys->console.slave >= 0 && ioctl(0, TIOCSCTTY, 0) < 0)
		die(a, (fail(f, errno, "console", "cannot make the console the controlling terminal: %s",
			     strerror(errno)), f));
}

static void ids(const struct child_args *a, struct failure *f)
{
	const struct plan *p = a->p;
	at(f, p->groups_line ? p->groups_line : p->gid_line, NULL);
	if (setgroups((size_t)p->ngroups, p->groups) < 0)
		die(a, (fail(f, errno, "setgid", "setgroups failed: %s", strerror(errno)), f));
	at(f, p->gid_line, NULL);
	if (setresgid(p->gid, p->gid, p->gid) < 0)
		die(a, (fail(f, errno, "setgid", "cannot set gid %u: %s", (unsigned)p->gid, strerror(errno)), f));
	at(f, p->uid_line, NULL);
	if (setresuid(p->uid, p->uid, p->uid) < 0)
		die(a, (fail(f, errno, "setuid", "cannot set uid %u: %s", (unsigned)p->uid, strerror(errno)), f));
}

static const char *plan_env(const struct plan *p, const char *key)
{
	size_t n = strlen(key);
	for (int i = 0; i < p->nenv; i++)
		if (!strncmp(p->env[i], key, n) && p->env[i][n] == '=')
			return p->env[i] + n + 1;
	return NULL;
}

static _Noreturn void exec_init(const struct child_args *a, struct failure *f)
{
	const struct plan *p = a->p;
	const char *prog = p->argv[0];
	char *const *argv = (char *const *)p->argv;
	char *const *envp = (char *const *)p->env;
	char buf[4200];

	at(f, p->exec_line, NULL);
	if (strchr(prog, '/')) {
		execve(prog, argv, envp);
		int e = errno;
		if (e == ENOENT && access(prog, F_OK) == 0)
			fail(f, e, "exec", "cannot execute \"%s\": its interpreter or loader is missing", prog);
		else if (e == ENOENT)
			fail(f, e, "exec", "program \"%s\" not found", prog);
		else
			fail(f, e, "exec", "cannot execute \"%s\": %s", prog, strerror(e));
		die(a, f);
	}
	const char *path = plan_env(p, "PATH");
	if (!path)
		die(a, (fail(f, ENOENT, "exec", "program \"%s\" not found: the plan's env has no PATH", prog), f));
	int saw_eacces = 0;
	for (const char *q = path;;) {
		size_t n = strcspn(q, ":");
		/* an empty PATH entry means the current directory */
		if (n == 0)
			snprintf(buf, sizeof(buf), "./%s", prog);
		else
			snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, q, prog);
		execve(buf, argv, envp);
		int e = errno;
		if (e == EACCES)
			saw_eacces = 1;
		else if (e != ENOENT && e != ENOTDIR && e != ELOOP && e != ENAMETOOLONG)
			die(a, (fail(f, e, "exec", "cannot execute \"%s\": %s", buf, strerror(e)), f));
		if (!q[n])
			break;
		q += n + 1;
	}
	if (saw_eacces)
		die(a, (fail(f, EACCES, "exec", "cannot execute \"%s\": permission denied", prog), f));
	die(a, (fail(f, ENOENT, "exec", "program \"%s\" not found in PATH \"%s\"", prog, path), f));
}

_Noreturn void child_run(const struct child_args *a)
{
	const struct plan *p = a->p;
	struct failure f;

	for (size_t i = 0; i < sizeof(a->close_fds) / sizeof(a->close_fds[0]); i++)
		if (a->close_fds[i] >= 0)
			close(a->close_fds[i]);
	log_set_category("start");
	set_pdeathsig(a);
	if (wait_for_go(a))
		_exit(1);

	/* pid was joined by the monitor before clone: it only applies to children */
	for (int i = 0; i < p->nshares; i++) {
		if (p->shares[i].type == CLONE_NEWPID)
			continue;
		at(&f, p->shares[i].line, NULL);
		if (setns(a->share_fds[i], p->shares[i].type) < 0)
			die(a, (fail(&f, errno, "share", "cannot join the namespace %s: %s", p->shares[i].path, strerror(errno)), &f));
		close(a->share_fds[i]);
	}

	/* after the monitor placed us in the cgroups, so the namespace is rooted there */
	at(&f, 0, NULL);
	if (p->unshare_cgroup && unshare(CLONE_NEWCGROUP) < 0)
		die(a, (fail(&f, errno, "cgroup", "cannot unshare the cgroup namespace: %s", strerror(errno)), &f));

	/* modes in the plan are exact; init gets the inherited umask back */
	mode_t old_umask = umask(0);
	if (p->clone_flags & CLONE_NEWNS)
		fs_steps(a, &f);

	at(&f, p->hostname_line, NULL);
	if (p->hostname && sethostname(p->hostname, strlen(p->hostname)) < 0)
		die(a, (fail(&f, errno, "hostname", "cannot set hostname \"%s\": %s", p->hostname, strerror(errno)), &f));
	at(&f, p->netup_line, NULL);
	for (int i = 0; i < p->nnetup; i++)
		if (netif_up(p->netup[i], &f))
			die(a, &f);
	for (int i = 0; i < p->nsysctls; i++) {
		at(&f, p->sysctls[i].line, NULL);
		if (write_sysctl(&p->sysctls[i], &f))
			die(a, &f);
	}
	for (int i = 0; i < p->nrlimits; i++) {
		const struct plan_rlimit *r = &p->rlimits[i];
		struct rlimit rl = { r->soft, r->hard };
		at(&f, r->line, NULL);
		if (setrlimit((__rlimit_resource_t)r->resource, &rl) < 0)
			die(a, (fail(&f, errno, "rlimit", "cannot set rlimit %d: %s", r->resource, strerror(errno)), &f));
	}
	at(&f, p->capdrop_line, NULL);
	if (caps_drop(p->capdrop, p->ncapdrop, &f))
		die(a, &f);
	at(&f, p->nonewprivs_line, NULL);
	if (p->nonewprivs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		die(a, (fail(&f, errno, "nonewprivs", "PR_SET_NO_NEW_PRIVS failed: %s", strerror(errno)), &f));
	stdio_setup(a, &f);
	ids(a, &f);
	at(&f, p->cwd_line, NULL);
	if (chdir(p->cwd ? p->cwd : "/") < 0)
		die(a, (fail(&f, errno, "cwd", "cannot chdir to \"%s\": %s", p->cwd ? p->cwd : "/", strerror(errno)), &f));
	/* credential changes cleared the parent-death signal: set it again */
	set_pdeathsig(a);

	umask(old_umask);
	if (p->reaper)
		reaper_run(a, &f);
	child_exec(a, &f);
}

_Noreturn void child_exec(const struct child_args *a, struct failure *f)
{
	sigset_t none;
	for (int s = 1; s < NSIG; s++)
		signal(s, SIG_DFL);   /* SIGPIPE was ignored by the monitor */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	struct sync_rec r;
	memset(&r, 0, sizeof(r));
	r.type = SYNC_EXEC;
	send(a->sync_fd, &r, sizeof(r), MSG_NOSIGNAL);
	exec_init(a, f);
}
