/* lxc-core attach: join a running container's namespaces and cgroups and
 * run one command there, passing its exit status back (PLAN.md, "Attach").
 *
 * Parent (this process):
 *   open /proc/PID/ns/NS, the cgroup.procs files and (for a pty) the host's
 *   /dev, all before joining anything; join user, pid, uts, ipc, net, time,
 *   mnt; allocate the pty (inside the container when mnt was joined); fork.
 *   Then move the child into the cgroups (with the fds opened on the host,
 *   so this process itself never enters the container's cgroup), let it go,
 *   relay the pty if there is one, and exit with the child's status.
 * Child:
 *   session and controlling tty (pty mode), join the cgroup namespace (now
 *   that it sits in the container's cgroup), drop capabilities, no_new_privs,
 *   groups/gid/uid, cwd, exec.  Failures go back to the parent as one
 *   record on a CLOEXEC socket, so EOF there means the exec happened. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "attach.h"
#include "log.h"
#include "caps.h"
#include "plan.h"
#include "sync.h"
#include "status.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

static const int ns_flags[NS_COUNT] = {
	[NS_USER] = CLONE_NEWUSER, [NS_PID] = CLONE_NEWPID, [NS_UTS] = CLONE_NEWUTS,
	[NS_IPC] = CLONE_NEWIPC, [NS_NET] = CLONE_NEWNET, [NS_TIME] = CLONE_NEWTIME,
	[NS_MNT] = CLONE_NEWNS, [NS_CGROUP] = CLONE_NEWCGROUP,
};

/* signals the parent takes through its signalfd */
static const int handled_sigs[] = { SIGCHLD, SIGWINCH, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 };

struct attach {
	const struct attach_plan *p;
	int procfd;
	int nsfd[NS_COUNT];
	int *cgfd;
	int hostdev;            /* the host's /dev, for a pty when the container has none */
	int ttymask;            /* bit i: std fd i is a terminal and gets the pty */
	int master, slave;
	int sync[2];
	int sigfd;
	int raw;                /* caller's terminal (fd 0) is in raw mode */
	struct termios saved;
	pid_t child;
};

/* ---- messages ---- */

static void vsay(const struct attach_plan *p, const char *fmt, va_list ap)
{
	char prefix[300];
	if (p->quiet)
		return;
	if (p->name && *p->name)
		snprintf(prefix, sizeof(prefix), "lxc-attach: %s: ", p->name);
	else
		snprintf(prefix, sizeof(prefix), "lxc-attach: ");
	log_line_v(prefix, fmt, ap);
}

static void say(const struct attach_plan *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const struct attach_plan *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(p, fmt, ap);
	va_end(ap);
}

/* ---- terminal ---- */

static void term_restore(struct attach *a)
{
	if (a->raw) {
		tcsetattr(0, TCSADRAIN, &a->saved);
		a->raw = 0;
	}
}

static void term_raw(struct attach *a)
{
	struct termios raw;
	if (!(a->ttymask & 1) || tcgetattr(0, &a->saved) < 0)
		return;
	raw = a->saved;
	cfmakeraw(&raw);
	if (tcsetattr(0, TCSADRAIN, &raw) == 0)
		a->raw = 1;
}

static void copy_winsize(const struct attach *a)
{
	struct winsize ws;
	for (int fd = 0; fd < 3; fd++) {
		if ((a->ttymask & (1 << fd)) && ioctl(fd, TIOCGWINSZ, &ws) == 0) {
			ioctl(a->master, TIOCSWINSZ, &ws);
			return;
		}
	}
}

/* Open a pty master at DIRFD/PATH and its peer.  Returns 0 or -errno. */
static int pty_at(int dirfd, const char *path, int *master, int *slave)
{
	struct stat st;
	int unlock = 0, e;
	int m = openat(dirfd, path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (m < 0)
		return -errno;
	/* only the pty multiplexor: never some other device planted there */
	if (fstat(m, &st) < 0 || !S_ISCHR(st.st_mode) || st.st_rdev != makedev(5, 2)) {
		close(m);
		return -ENOTTY;
	}
	if (ioctl(m, TIOCSPTLCK, &unlock) < 0)
		goto err;
	int s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (s < 0) {
		char name[64];
		if (ptsname_r(m, name, sizeof(name)) != 0)
			goto err;
		s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (s < 0)
			goto err;
	}
	*master = m;
	*slave = s;
	return 0;
err:
	e = errno;
	close(m);
	return -e;
}

/* ---- the child ---- */

static _Noreturn void child_fail(const struct attach *a, int err, const char *step, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static _Noreturn void child_fail(const struct attach *a, int err, const char *step, const char *fmt, ...)
{
	struct sync_rec r;
	va_list ap;
	memset(&r, 0, sizeof(r));
	r.type = SYNC_ERROR;
	r.err = err;
	snprintf(r.step, sizeof(r.step), "%s", step);
	va_start(ap, fmt);
	vsnprintf(r.msg, sizeof(r.msg), fmt, ap);
	va_end(ap);
	if (send(a->sync[1], &r, sizeof(r), MSG_NOSIGNAL) < 0) {
		/* the parent is gone: nobody to report to */
	}
	_exit(1);
}

static const char *env_get(const struct attach_plan *p, const char *key)
{
	size_t n = strlen(key);
	for (int i = 0; i < p->nenv; i++)
		if (!strncmp(p->env[i], key, n) && p->env[i][n] == '=')
			return p->env[i] + n + 1;
	return NULL;
}

/* execve, and for a file without a #! line run it with /bin/sh as execvp does */
static void try_exec(const char *file, const struct attach_plan *p)
{
	char *const *envp = (char *const *)p->env;
	execve(file, (char *const *)p->argv, envp);
	if (errno != ENOEXEC)
		return;
	const char **sh = calloc((size_t)p->argc + 2, sizeof(char *));
	if (!sh) {
		errno = ENOEXEC;
		return;
	}
	sh[0] = "/bin/sh";
	sh[1] = file;
	for (int i = 1; i < p->argc; i++)
		sh[i + 1] = p->argv[i];
	execve("/bin/sh", (char *const *)sh, envp);
	free(sh);
	errno = ENOEXEC;
}

static _Noreturn void child_exec(const struct attach *a)
{
	const struct attach_plan *p = a->p;
	const char *prog = p->argv[0];
	char buf[4200];
	int e;

	if (strchr(prog, '/')) {
		try_exec(prog, p);
		e = errno;
		child_fail(a, e, "exec", "Failed to exec \"%s\": %s", prog, strerror(e));
	}
	const char *path = env_get(p, "PATH");
	if (!path)
		path = DEFAULT_PATH;
	int saw = 0;    /* the first error that was not "no such file" */
	for (const char *q = path;;) {
		size_t n = strcspn(q, ":");
		if (n == 0)
			snprintf(buf, sizeof(buf), "%s", prog);   /* empty entry: the cwd */
		else
			snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, q, prog);
		try_exec(buf, p);
		e = errno;
		if (e != ENOENT && e != ENOTDIR && e != ELOOP && e != ENAMETOOLONG && e != ESTALE) {
			if (e != EACCES)
				child_fail(a, e, "exec", "Failed to exec \"%s\": %s", prog, strerror(e));
			if (!saw)
				saw = e;
		}
		if (!q[n])
			break;
		q += n + 1;
	}
	e = saw ? saw : ENOENT;
	child_fail(a, e, "exec", "Failed to exec \"%s\": %s", prog, strerror(e));
}

static _Noreturn void child_main(struct attach *a)
{
	const struct attach_plan *p = a->p;
	char go;
	sigset_t none;

	/* only the sync socket's child end and, for the cgroup namespace, its fd stay */
	close(a->sync[0]);
	close(a->sigfd);
	close(a->procfd);
	if (a->hostdev >= 0)
		close(a->hostdev);
	for (int i = 0; i < p->ncgroups; i++)
		close(a->cgfd[i]);
	for (int i = 0; i < NS_COUNT; i++)
		if (a->nsfd[i] >= 0 && i != NS_CGROUP)
			close(a->nsfd[i]);

	if (a->master >= 0) {
		close(a->master);
		if (setsid() < 0)
			child_fail(a, errno, "pty", "setsid failed: %s", strerror(errno));
		if (ioctl(a->slave, TIOCSCTTY, 0) < 0)
			child_fail(a, errno, "pty", "cannot make the pty the controlling terminal: %s", strerror(errno));
		for (int fd = 0; fd < 3; fd++)
			if ((a->ttymask & (1 << fd)) && dup2(a->slave, fd) < 0)
				child_fail(a, errno, "pty", "cannot put the pty on fd %d: %s", fd, strerror(errno));
		close(a->slave);
	}

	for (;;) {
		ssize_t r = recv(a->sync[1], &go, 1, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r != 1 || go != 'g')
			_exit(1);   /* the parent gave up: it says why */
		break;
	}

	if (a->nsfd[NS_CGROUP] >= 0) {
		if (setns(a->nsfd[NS_CGROUP], CLONE_NEWCGROUP) < 0)
			child_fail(a, errno, "setns", "cannot join the cgroup namespace of pid %d: %s",
				   (int)p->pid, strerror(errno));
		close(a->nsfd[NS_CGROUP]);
	}

	struct failure f;
	memset(&f, 0, sizeof(f));
	if (caps_drop(p->capdrop, p->ncapdrop, &f))
		child_fail(a, f.err, "caps", "%s", f.msg);
	if (p->nonewprivs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		child_fail(a, errno, "nonewprivs", "PR_SET_NO_NEW_PRIVS failed: %s", strerror(errno));
	if (p->has_groups && setgroups((size_t)p->ngroups, p->groups) < 0)
		child_fail(a, errno, "setgid", "setgroups failed: %s", strerror(errno));
	if (p->has_gid && setresgid(p->gid, p->gid, p->gid) < 0)
		child_fail(a, errno, "setgid", "cannot set gid %u: %s", (unsigned)p->gid, strerror(errno));
	if (p->has_uid && setresuid(p->uid, p->uid, p->uid) < 0)
		child_fail(a, errno, "setuid", "cannot set uid %u: %s", (unsigned)p->uid, strerror(errno));
	/* not an error: the command then starts in the namespace's root
	 * (joining mnt put us there) or where we were */
	if (p->cwd && chdir(p->cwd) < 0 && p->ns[NS_MNT] && chdir("/") < 0) {
		/* nothing better to do */
	}

	for (int s = 1; s < NSIG; s++)
		signal(s, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	child_exec(a);
}

/* ---- the parent ---- */

static void write_out(int *fdp, const char *buf, size_t n)
{
	while (n && *fdp >= 0) {
		ssize_t w = write(*fdp, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN) {
			struct pollfd pf = { *fdp, POLLOUT, 0 };
			poll(&pf, 1, 1000);
			continue;
		}
		if (w <= 0) {
			*fdp = -1;   /* the reader went away: drop the rest, keep draining */
			return;
		}
		buf += w;
		n -= (size_t)w;
	}
}

/* Signals for the child.  Without a pty, the child shares our terminal: a
 * signal the terminal sent (SI_KERNEL) has reached it already. */
static void forward(const struct attach *a, const struct signalfd_siginfo *si)
{
	if (a->master < 0 && si->ssi_code == SI_KERNEL)
		return;
	kill(a->child, (int)si->ssi_signo);
}

/* Returns the child's wait status once it has exited (and, with a pty, its
 * output is drained). */
static int relay(struct attach *a)
{
	char pend[4096], buf[8192];
	size_t plen = 0;
	int status = 0, exited = 0;
	int in_open = a->master >= 0 && (a->ttymask & 1);
	int out = (a->ttymask & 2) ? 1 : (a->ttymask & 4) ? 2 : 0;
	int master = a->master;

	for (;;) {
		struct pollfd pf[3] = {
			{ a->sigfd, POLLIN, 0 },
			{ master, (short)(POLLIN | (plen ? POLLOUT : 0)), 0 },
			{ in_open && !plen && !exited ? 0 : -1, POLLIN, 0 },
		};
		if (exited && master < 0)
			return status;
		/* after the child exited: whatever it left in the pty, then stop
		 * (a background process keeping the pty open does not hold us) */
		int r = poll(pf, 3, exited ? 100 : -1);
		if (r < 0 && errno != EINTR) {
			/* cannot happen with valid fds; do not leave the child behind */
			if (!exited) {
				kill(a->child, SIGKILL);
				waitpid(a->child, &status, 0);
			}
			return status;
		}
		if (r == 0 && exited)
			return status;
		if (r <= 0)
			continue;
		if (pf[0].revents & POLLIN) {
			struct signalfd_siginfo si;
			while (read(a->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
				if (si.ssi_signo == SIGCHLD) {
					if (!exited && waitpid(a->child, &status, WNOHANG) == a->child)
						exited = 1;
				} else if (si.ssi_signo == SIGWINCH) {
					if (master >= 0)
						copy_winsize(a);
				} else if (!exited) {
					forward(a, &si);
				}
			}
		}
		if (master >= 0 && (pf[1].revents & (POLLIN | POLLHUP | POLLERR))) {
			ssize_t n = read(master, buf, sizeof(buf));
			if (n > 0)
				write_out(&out, buf, (size_t)n);
			else if (n == 0 || (errno != EAGAIN && errno != EINTR))
				master = -1;   /* EIO: every slave is closed and all is read */
		}
		if (master >= 0 && plen && (pf[1].revents & POLLOUT)) {
			ssize_t w = write(master, pend, plen);
			if (w > 0) {
				memmove(pend, pend + w, plen - (size_t)w);
				plen -= (size_t)w;
			} else if (w < 0 && errno != EAGAIN && errno != EINTR) {
				plen = 0;
			}
		}
		if (pf[2].fd >= 0 && (pf[2].revents & (POLLIN | POLLHUP | POLLERR))) {
			ssize_t n = read(0, pend, sizeof(pend));
			if (n > 0)
				plen = (size_t)n;
			else if (n == 0 || (errno != EAGAIN && errno != EINTR))
				in_open = 0;
		}
	}
}

static void fds_init(struct attach *a, const struct attach_plan *p)
{
	memset(a, 0, sizeof(*a));
	a->p = p;
	a->procfd = a->hostdev = a->master = a->slave = a->sigfd = -1;
	a->sync[0] = a->sync[1] = -1;
	for (int i = 0; i < NS_COUNT; i++)
		a->nsfd[i] = -1;
}

static int run(const struct attach_plan *p)
{
	struct attach at, *a = &at;
	char path[4200];
	sigset_t mask;

	fds_init(a, p);

	snprintf(path, sizeof(path), "/proc/%d", (int)p->pid);
	a->procfd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (a->procfd < 0) {
		if (errno == ENOENT)
			say(p, "pid: process %d does not exist (did the container stop?)", (int)p->pid);
		else
			say(p, "pid: cannot open %s: %s", path, strerror(errno));
		return 1;
	}
	for (int i = 0; i < NS_COUNT; i++) {
		if (!p->ns[i])
			continue;
		snprintf(path, sizeof(path), "ns/%s", attach_ns_name(i));
		a->nsfd[i] = openat(a->procfd, path, O_RDONLY | O_CLOEXEC);
		if (a->nsfd[i] < 0) {
			say(p, "setns: cannot open /proc/%d/ns/%s: %s", (int)p->pid, attach_ns_name(i), strerror(errno));
			return 1;
		}
	}
	a->cgfd = calloc((size_t)p->ncgroups + 1, sizeof(int));
	if (!a->cgfd) {
		say(p, "cgroup: out of memory");
		return 1;
	}
	for (int i = 0; i < p->ncgroups; i++) {
		snprintf(path, sizeof(path), "%s/cgroup.procs", p->cgroups[i]);
		a->cgfd[i] = open(path, O_WRONLY | O_CLOEXEC);
		if (a->cgfd[i] < 0) {
			say(p, "cgroup: cannot open %s: %s", path, strerror(errno));
			return 1;
		}
	}
	if (p->pty) {
		for (int fd = 0; fd < 3; fd++)
			if (isatty(fd))
				a->ttymask |= 1 << fd;
		if (a->ttymask)
			a->hostdev = open("/dev", O_PATH | O_DIRECTORY | O_CLOEXEC);
	}

	/* user first: it grants the rights for the others; mnt last, since it
	 * also moves our root and cwd; pid and time apply to the child only */
	for (int i = 0; i < NS_COUNT; i++) {
		if (i == NS_CGROUP || a->nsfd[i] < 0)
			continue;
		if (setns(a->nsfd[i], ns_flags[i]) < 0) {
			say(p, "setns: cannot join the %s namespace of pid %d: %s", attach_ns_name(i), (int)p->pid,
			    strerror(errno));
			return 1;
		}
		close(a->nsfd[i]);
		a->nsfd[i] = -1;
	}

	if (a->ttymask) {
		/* the container's own devpts, so the command sees its terminal
		 * as /dev/pts/N in there; the host's when there is none */
		int r = -ENOENT;
		if (p->ns[NS_MNT])
			r = pty_at(AT_FDCWD, "/dev/ptmx", &a->master, &a->slave);
		if (r < 0 && a->hostdev >= 0)
			r = pty_at(a->hostdev, "ptmx", &a->master, &a->slave);
		if (r < 0) {
			say(p, "pty: cannot allocate a pseudo-terminal: %s", strerror(-r));
			return 1;
		}
	}
	if (a->hostdev >= 0) {
		close(a->hostdev);
		a->hostdev = -1;
	}

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, a->sync) < 0) {
		say(p, "sync: socketpair: %s", strerror(errno));
		return 1;
	}
	sigemptyset(&mask);
	for (size_t i = 0; i < sizeof(handled_sigs) / sizeof(handled_sigs[0]); i++)
		sigaddset(&mask, handled_sigs[i]);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	a->sigfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (a->sigfd < 0) {
		say(p, "signals: signalfd: %s", strerror(errno));
		return 1;
	}
	if (a->master >= 0) {
		copy_winsize(a);
		term_raw(a);
	}

	a->child = fork();
	if (a->child < 0) {
		term_restore(a);
		say(p, "fork: %s", strerror(errno));
		return 1;
	}
	if (a->child == 0)
		child_main(a);

	close(a->sync[1]);
	if (a->slave >= 0)
		close(a->slave);
	if (a->nsfd[NS_CGROUP] >= 0)
		close(a->nsfd[NS_CGROUP]);

	int status;
	for (int i = 0; i < p->ncgroups; i++) {
		if (dprintf(a->cgfd[i], "%d\n", (int)a->child) < 0) {
			int e = errno;
			kill(a->child, SIGKILL);
			waitpid(a->child, &status, 0);
			term_restore(a);
			say(p, "cgroup: cannot move the command into %s: %s", p->cgroups[i], strerror(e));
			return 1;
		}
		close(a->cgfd[i]);
	}
	if (send(a->sync[0], "g", 1, MSG_NOSIGNAL) != 1) {
		/* the child died already: its status tells */
	}

	/* the child's report: one failure record, or EOF once the exec happened */
	struct sync_rec rec;
	ssize_t n;
	do
		n = recv(a->sync[0], &rec, sizeof(rec), 0);
	while (n < 0 && errno == EINTR);
	close(a->sync[0]);
	if (n == (ssize_t)sizeof(rec) && rec.type == SYNC_ERROR) {
		rec.step[sizeof(rec.step) - 1] = rec.msg[sizeof(rec.msg) - 1] = '\0';
		waitpid(a->child, &status, 0);
		term_restore(a);
		if (!strcmp(rec.step, "exec")) {
			say(p, "%s", rec.msg);
			return rec.err == ENOENT || rec.err == ENOTDIR ? 127 : 126;
		}
		say(p, "%s: %s", rec.step, rec.msg);
		return 1;
	}

	status = relay(a);
	term_restore(a);
	return status_exit_code(status);
}

int attach_main(void)
{
	struct attach_plan p;
	char err[512];
	size_t len;
	int e, line, r;

	if (fcntl(3, F_GETFD) < 0) {
		fprintf(stderr, "lxc-core attach: fd 3 is not open (it carries the attach plan)\n");
		return 1;
	}
	char *text = plan_read_fd(3, &len, &e);
	close(3);
	if (!text) {
		fprintf(stderr, "lxc-attach: cannot read the attach plan: %s\n", strerror(e));
		return 1;
	}
	if (attach_parse(text, len, &p, &line, err, sizeof(err))) {
		fprintf(stderr, "lxc-attach: attach plan line %d: %s\n", line, err);
		attach_free(&p);
		return 1;
	}
	/* a closed std fd would be reused by the first open() and then
	 * clobbered by the pty's dup2: keep all three open */
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
			return 1;
	signal(SIGPIPE, SIG_IGN);
	r = run(&p);
	attach_free(&p);
	return r;
}

