/* The monitor: binds the command socket, clones init, places it in its
 * cgroups, relays go, then stays in a poll() loop until init is gone and
 * the teardown has run.
 *
 * States: STARTING -> RUNNING -> STOPPING -> STOPPED, or
 *         STARTING -> ABORTING -> STOPPING -> STOPPED.
 * Small by design: no threads, no buffers but the console ring. */
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "child.h"
#include "log.h"
#include "monitor.h"
#include "notify.h"
#include "sockets.h"
#include "sync.h"
#include "teardown.h"

static const char *const state_names[ST_COUNT] = {
	"STOPPED", "STARTING", "RUNNING", "STOPPING", "ABORTING", "FREEZING", "FROZEN", "THAWED",
};

const char *state_name(int s)
{
	return s >= 0 && s < ST_COUNT ? state_names[s] : "UNKNOWN";
}

int state_parse(const char *s)
{
	for (int i = 0; i < ST_COUNT; i++)
		if (!strcmp(s, state_names[i]))
			return i;
	return -1;
}

static void publish_state(struct monitor *m)
{
	char line[32];
	snprintf(line, sizeof(line), "state %s", state_name(m->state));
	notify_all(m->plan->notify_dir, m->plan->name, line);
}

static void set_state(struct monitor *m, int s)
{
	if (m->state == s)
		return;
	m->state = s;
	log_info("state changed to %s", state_name(s));
	sock_state_changed(m);
	publish_state(m);
}

int monitor_signal_init(struct monitor *m, int signo)
{
	if (m->init_pid <= 0)
		return ESRCH;
	/* init is not reaped before we see SIGCHLD, so the pid cannot be reused */
	return kill(m->init_pid, signo) < 0 ? errno : 0;
}

/* Once the container is gone only our own copies keep the pty slaves open;
 * closing them lets the console master report the hang-up at once instead
 * of the final drain waiting out its timeout. */
static void close_slaves(struct ptys *t)
{
	if (t->console.slave >= 0) {
		close(t->console.slave);
		t->console.slave = -1;
	}
	for (int i = 0; i < t->nttys; i++) {
		if (t->ttys[i].slave >= 0) {
			close(t->ttys[i].slave);
			t->ttys[i].slave = -1;
		}
	}
}

static void finish(struct monitor *m)
{
	close_slaves(&m->ptys);
	console_final_drain(&m->con);
	/* a start that follows STOPPED at once must find the name free */
	if (m->listen_fd >= 0) {
		close(m->listen_fd);
		m->listen_fd = -1;
	}
	set_state(m, ST_STOPPED);
	ev_line(&m->ev_fd, "stopped");
	m->done = 1;
}

static void abort_start(struct monitor *m)
{
	if (m->state == ST_STARTING)
		set_state(m, ST_ABORTING);
	if (m->init_pid > 0)
		kill(m->init_pid, SIGKILL);
}

static void report_error(struct monitor *m, int line, const char *step, int err,
			 const char *msg, const char *origin)
{
	if (m->error_seen)
		return;   /* the first error is the one that counts */
	m->error_seen = 1;
	/* while TS listens it reports the error itself, with the config key: a
	 * second line from us would only repeat it on the caller's terminal */
	if (m->ev_fd >= 0 && ev_error(&m->ev_fd, line, step, err, msg) == 0)
		return;
	if (origin && *origin)
		log_error("%s (plan line %d, %s): %s", step, line, origin, msg);
	else
		log_error("%s (plan line %d): %s", step, line, msg);
}

/* The child's records; EOF on the channel means execve() succeeded if the
 * child told us it was about to exec and nothing went wrong after. */
static void sync_ready(struct monitor *m)
{
	for (;;) {
		struct sync_rec r;
		ssize_t n = recv(m->sync_fd, &r, sizeof(r), MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n == (ssize_t)sizeof(r)) {
			r.step[sizeof(r.step) - 1] = r.msg[sizeof(r.msg) - 1] = r.origin[sizeof(r.origin) - 1] = '\0';
			if (r.type == SYNC_EXEC) {
				m->exec_seen = 1;
			} else if (r.type == SYNC_ERROR) {
				/* the child exits by itself right after the record: no
				 * kill, so init's status is its own exit code */
				report_error(m, r.line, r.step, r.err, r.msg, r.origin);
				if (m->state == ST_STARTING)
					set_state(m, ST_ABORTING);
			}
			continue;
		}
		if (n > 0)
			continue;   /* not ours: ignore */
		/* EOF (or an error: treat alike) */
		close(m->sync_fd);
		m->sync_fd = -1;
		if (m->state != ST_STARTING)
			return;
		if (m->exec_seen && !m->error_seen) {
			m->running_seen = 1;
			set_state(m, ST_RUNNING);
			ev_line(&m->ev_fd, "running");
		} else {
			report_error(m, 0, "exec", ECHILD, "init died before it could exec", NULL);
			abort_start(m);
		}
		return;
	}
}

static void init_exited(struct monitor *m, int status)
{
	if (m->sync_fd >= 0)
		sync_ready(m);   /* its records and the EOF are all there by now */
	if (m->state == ST_STARTING) {
		report_error(m, 0, "exec", ECHILD, "init died before it could exec", NULL);
		set_state(m, ST_ABORTING);
	}
	m->init_pid = -1;
	m->init_status = status;
	/* in a pid namespace, reboot(2) by init ends it with SIGHUP */
	m->reboot = WIFSIGNALED(status) && WTERMSIG(status) == SIGHUP && m->running_seen;
	if (m->reboot)
		log_info("init asked for a reboot");
	else if (WIFSIGNALED(status))
		log_info("init was killed by signal %d", WTERMSIG(status));
	else
		log_info("init exited with status %d", WEXITSTATUS(status));
	ev_printf(&m->ev_fd, "exited %d", status);
	sock_exited(m, status);
	char line[32];
	snprintf(line, sizeof(line), "exited %d", status);
	notify_all(m->plan->notify_dir, m->plan->name, line);
	m->state_before = m->state == ST_RUNNING ? "RUNNING" : "ABORTING";
	set_state(m, ST_STOPPING);
	console_restore(&m->con);
	cleanup_run(m->plan);
	if (!m->plan->teardown) {
		finish(m);
		return;
	}
	m->teardown_pid = teardown_start(m->plan->teardown, status, m->init_pid_env,
					 m->state_before, m->devnull);
	if (m->teardown_pid < 0) {
		log_error("cannot start the teardown: %s", strerror((int)-m->teardown_pid));
		finish(m);
	}
}

static void reap(struct monitor *m)
{
	int st;
	pid_t pid;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		if (pid == m->init_pid) {
			init_exited(m, st);
		} else if (pid == m->teardown_pid) {
			m->teardown_pid = -1;
			if (st)
				log_warn("teardown exited with status %d", st);
			finish(m);
		}
	}
}

static void signal_ready(struct monitor *m)
{
	struct signalfd_siginfo si;
	while (read(m->sig_fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		int sig = (int)si.ssi_signo;
		if (sig == SIGCHLD) {
			reap(m);
		} else if (sig == SIGWINCH) {
			console_winch(&m->con);
		} else if (m->state == ST_STARTING) {
			if (sig != SIGUSR1 && sig != SIGUSR2)
				abort_start(m);
		} else if (m->init_pid > 0) {
			/* forwarded to init like LXC does; a hang-up asks it to stop */
			kill(m->init_pid, sig == SIGHUP ? SIGTERM : sig);
		}
	}
}

static void cmd_ready(struct monitor *m)
{
	char line[128];
	int r = lb_fill(&m->cmdbuf, m->cmd_fd);
	while (lb_next(&m->cmdbuf, line, sizeof(line))) {
		if (!strcmp(line, "go")) {
			if (m->state == ST_STARTING && !m->go_sent && m->sync_fd >= 0) {
				m->go_sent = 1;
				if (send(m->sync_fd, "g", 1, MSG_NOSIGNAL) != 1)
					abort_start(m);
			}
		} else if (!strcmp(line, "abort")) {
			abort_start(m);
		} else {
			log_warn("unknown command on fd 5: \"%.40s\"", line);
		}
	}
	if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
		/* TS went away: before go that means abort, after it nothing */
		close(m->cmd_fd);
		m->cmd_fd = -1;
		if (!m->go_sent)
			abort_start(m);
	}
}

static int place_in_cgroups(struct monitor *m)
{
	char path[4200];
	for (int i = 0; i < m->plan->ncgroups; i++) {
		snprintf(path, sizeof(path), "%s/cgroup.procs", m->plan->cgroups[i]);
		int fd = open(path, O_WRONLY | O_CLOEXEC);
		int ok = fd >= 0 && dprintf(fd, "%d\n", (int)m->init_pid) > 0;
		int e = errno;
		if (fd >= 0)
			close(fd);
		if (!ok) {
			char msg[4400];
			snprintf(msg, sizeof(msg), "cannot move init into \"%s\": %s", path, strerror(e));
			report_error(m, 0, "cgroup", e, msg, NULL);
			return -1;
		}
	}
	return 0;
}

enum { P_SIG, P_LISTEN, P_CMD, P_SYNC, P_CONSOLE, P_STDIN, P_FIXED };

static void event_loop(struct monitor *m)
{
	struct pollfd *pfd = NULL;
	int cap = 0;

	while (!m->done) {
		int nttys = m->proxy.nlines > 0 ? m->proxy.nlines - 1 : 0;
		int need = P_FIXED + nttys + m->nclients;
		if (need > cap) {
			struct pollfd *np = realloc(pfd, (size_t)need * sizeof(*pfd));
			if (!np) {
				log_error("out of memory");
				sleep(1);
				continue;
			}
			pfd = np;
			cap = need;
		}
		pfd[P_SIG] = (struct pollfd){ m->sig_fd, POLLIN, 0 };
		pfd[P_LISTEN] = (struct pollfd){ m->listen_fd, POLLIN, 0 };
		pfd[P_CMD] = (struct pollfd){ m->cmd_fd, POLLIN, 0 };
		pfd[P_SYNC] = (struct pollfd){ m->sync_fd, POLLIN, 0 };
		pfd[P_CONSOLE] = (struct pollfd){ m->con.master,
			(short)(POLLIN | (console_wants_write(&m->con) || proxy_wants_write(m, 0) ? POLLOUT : 0)), 0 };
		pfd[P_STDIN] = (struct pollfd){ console_wants_stdin(&m->con) ? m->con.in_fd : -1, POLLIN, 0 };
		int nt = proxy_pollfds(m, pfd + P_FIXED);
		int n = P_FIXED + nt + sock_pollfds(m, pfd + P_FIXED + nt);

		int t1 = proxy_timeout(m), t2 = sock_timeout(m);
		int pr = poll(pfd, (nfds_t)n, t1 < 0 || (t2 >= 0 && t2 < t1) ? t2 : t1);
		proxy_tick(m);
		sock_expire(m);
		if (pr < 0) {
			if (errno != EINTR)
				log_error("poll: %s", strerror(errno));
			continue;
		}
		/* the child's records before its SIGCHLD, so running comes before exited */
		if (pfd[P_SYNC].revents && m->sync_fd >= 0)
			sync_ready(m);
		if (pfd[P_CMD].revents && m->cmd_fd >= 0)
			cmd_ready(m);
		if (pfd[P_CONSOLE].revents & (POLLIN | POLLHUP | POLLERR))
			console_readable(&m->con);
		if (pfd[P_CONSOLE].revents & POLLOUT) {
			if (console_wants_write(&m->con))
				console_writable(&m->con);
			proxy_writable(m, 0);
		}
		if (pfd[P_STDIN].revents)
			console_stdin(&m->con);
		proxy_ready(m, pfd + P_FIXED, nt);
		for (int i = P_FIXED + nt; i < n; i++)
			if (pfd[i].revents)
				sock_client_ready(m, pfd[i].fd, pfd[i].revents);
		if (pfd[P_LISTEN].revents)
			sock_accept(m);
		if (pfd[P_SIG].revents)
			signal_ready(m);
	}
	free(pfd);
}

/* The namespaces the plan shares, opened before anything else happens.  A
 * shared pid namespace is entered here, for the clone that follows; the
 * others are joined by the child. */
static int open_shares(const struct plan *p, int *fds, int *own_pidns, struct failure *f)
{
	if (p->nshares > 8)
		return fail(f, EINVAL, "share", "too many shared namespaces");
	for (int i = 0; i < p->nshares; i++) {
		f->line = p->shares[i].line;
		fds[i] = open(p->shares[i].path, O_RDONLY | O_CLOEXEC);
		if (fds[i] < 0)
			return fail(f, errno, "share", "cannot open the namespace %s: %s", p->shares[i].path, strerror(errno));
		if (p->shares[i].type != CLONE_NEWPID)
			continue;
		*own_pidns = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
		if (*own_pidns < 0 || setns(fds[i], CLONE_NEWPID) < 0)
			return fail(f, errno, "share", "cannot join the pid namespace %s: %s", p->shares[i].path, strerror(errno));
	}
	return 0;
}

/* Failure before init exists: say so and leave (no teardown: nothing ran). */
static int early_fail(struct monitor *m, const struct failure *f)
{
	report_error(m, f->line, f->step, f->err, f->msg, f->origin);
	set_state(m, ST_ABORTING);
	set_state(m, ST_STOPPING);
	finish(m);
	console_restore(&m->con);
	return 1;
}

static void fds_cloexec_from(int first)
{
	if (syscall(SYS_close_range, first, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return;
	for (int fd = first; fd < 1024; fd++) {
		int fl = fcntl(fd, F_GETFD);
		if (fl >= 0)
			fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
	}
}

int monitor_run(struct plan *p)
{
	struct monitor mon, *m = &mon;
	struct failure f;
	int sp[2];
	sigset_t mask;

	memset(m, 0, sizeof(*m));
	memset(&f, 0, sizeof(f));
	m->plan = p;
	m->state = ST_STARTING;
	m->init_pid = m->init_pid_env = m->teardown_pid = -1;
	m->ev_fd = 4;
	m->cmd_fd = 5;
	m->sync_fd = m->sig_fd = m->listen_fd = m->devnull = -1;
	m->con.master = -1;
	m->con.logfd = -1;

	signal(SIGPIPE, SIG_IGN);
	/* nothing we hold, nor anything TS leaked to us, may reach init */
	fds_cloexec_from(3);
	log_set_name(p->name);
	log_set_category("monitor");
	{
		int lfd = p->log_file ? open(p->log_file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0640) : -1;
		log_configure(p->log_prog, p->log_level, lfd);
		if (p->log_file && lfd < 0)
			log_warn("cannot open the log file %s: %s", p->log_file, strerror(errno));
	}

	/* first: the socket is the lock that two starts cannot both get */
	m->listen_fd = sock_bind(p->socket);
	if (m->listen_fd < 0) {
		int e = -m->listen_fd;
		if (e == EADDRINUSE) {
			ev_error(&m->ev_fd, 0, "socket", e, "already running");
			log_error("container is already running (socket @%s in use)", p->socket);
			return 2;
		}
		ev_error(&m->ev_fd, 0, "socket", e, "cannot bind the command socket");
		return 1;
	}
	prctl(PR_SET_NAME, "lxc monitor", 0, 0, 0);
	publish_state(m);   /* STARTING */

	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	/* in the foreground we share the caller's process group: a terminal's ^\
	 * must reach init, not kill us and leave the container's remains behind */
	sigaddset(&mask, SIGQUIT);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGUSR2);
	if (p->foreground)
		sigaddset(&mask, SIGWINCH);
	/* and a ^Z must not stop the monitor (init has a new session: it is not
	 * affected) */
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	m->sig_fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (m->sig_fd < 0)
		return early_fail(m, (fail(&f, errno, "monitor", "signalfd: %s", strerror(errno)), &f));
	m->devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (m->devnull < 0)
		return early_fail(m, (fail(&f, errno, "monitor", "cannot open /dev/null: %s", strerror(errno)), &f));
	if (term_alloc(p, &m->ptys, &f))
		return early_fail(m, &f);
	m->con.logsize = p->console_log_size;
	m->con.logrotate = p->console_log_rotate;
	int r = console_init(&m->con, m->ptys.console.master, p->console_buffer, p->console_log,
			     p->console_path, p->foreground);
	if (r < 0) {
		f.line = 0;
		return early_fail(m, (fail(&f, -r, "console", "cannot set up the console: %s: %s",
					   m->con.failed ? m->con.failed : "buffer", strerror(-r)), &f));
	}
	r = proxy_init(m);
	if (r < 0)
		return early_fail(m, (fail(&f, -r, "monitor", "out of memory"), &f));
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
		return early_fail(m, (fail(&f, errno, "monitor", "socketpair: %s", strerror(errno)), &f));

	int share_fds[8], own_pidns = -1;
	if (open_shares(p, share_fds, &own_pidns, &f))
		return early_fail(m, &f);

	/* A raw clone() behaves like fork() with namespaces: the child runs on
	 * a copy of our stack.  CLONE_NEWCGROUP is left to the child. */
	pid_t self = getpid();
	pid_t pid = (pid_t)syscall(SYS_clone, (unsigned long)p->clone_flags | SIGCHLD, NULL, NULL, NULL, NULL);
	if (pid == 0) {
		struct child_args a = {
			.p = p, .sync_fd = sp[1], .ptys = &m->ptys, .devnull = m->devnull,
			.monitor_pid = self,
			.close_fds = { sp[0], m->listen_fd, m->sig_fd, m->ev_fd, m->cmd_fd, -1 },
			.share_fds = share_fds,
		};
		child_run(&a);
	}
	/* our later children (teardown, reboot) belong in our own pid namespace */
	if (own_pidns >= 0) {
		if (setns(own_pidns, CLONE_NEWPID) < 0)
			log_warn("cannot return to our own pid namespace: %s", strerror(errno));
		close(own_pidns);
	}
	for (int i = 0; i < p->nshares; i++)
		close(share_fds[i]);
	close(sp[1]);
	m->sync_fd = sp[0];
	if (pid < 0) {
		close(sp[0]);
		m->sync_fd = -1;
		return early_fail(m, (fail(&f, errno, "clone", "cannot clone init: %s", strerror(errno)), &f));
	}
	m->init_pid = m->init_pid_env = pid;

	log_info("init has pid %d", (int)pid);
	if (place_in_cgroups(m) == 0)
		ev_printf(&m->ev_fd, "pid %d", (int)pid);
	else
		abort_start(m);

	event_loop(m);
	sock_close_all(m);
	console_restore(&m->con);
	if (m->reboot && p->on_reboot)
		reboot_spawn(p->on_reboot, m->devnull);
	return m->running_seen ? 0 : 1;
}
