/* pty allocation and the console/tty bind steps. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include "mounts.h"
#include "terminal.h"

#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

static int pty_open(struct pty *t)
{
	int unlock = 0;
	t->master = t->slave = -1;
	t->master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (t->master < 0)
		return -errno;
	if (ioctl(t->master, TIOCSPTLCK, &unlock) < 0)
		goto err;
	/* TIOCGPTPEER opens the peer of this very master, no path lookup */
	if (ptsname_r(t->master, t->name, sizeof(t->name)) != 0)
		goto err;
	t->slave = ioctl(t->master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (t->slave < 0) {
		t->slave = open(t->name, O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (t->slave < 0)
			goto err;
	}
	return 0;
err:;
	int e = errno;
	close(t->master);
	t->master = -1;
	return -e;
}

int term_alloc(const struct plan *p, struct ptys *t, struct failure *f)
{
	int r;
	t->console.master = t->console.slave = -1;
	t->ttys = NULL;
	t->nttys = 0;
	if (p->console_pty) {
		r = pty_open(&t->console);
		if (r < 0) {
			f->line = p->console_line;
			return fail(f, -r, "console", "cannot allocate a pty for the console: %s", strerror(-r));
		}
	}
	if (p->ttys) {
		t->ttys = calloc((size_t)p->ttys, sizeof(*t->ttys));
		if (!t->ttys)
			return fail(f, ENOMEM, "ttys", "out of memory");
		for (int i = 0; i < p->ttys; i++) {
			r = pty_open(&t->ttys[i]);
			if (r < 0) {
				f->line = p->ttys_line;
				return fail(f, -r, "ttys", "cannot allocate a pty for tty%d: %s", i + 1, strerror(-r));
			}
			t->nttys++;
		}
	}
	return 0;
}

/* A bind source must be a mount of our own namespace, and the slave fd
 * names the host's devpts mount of the namespace we were cloned from
 * (EINVAL).  So open the same pty again by name in our namespace (still
 * the host's /dev/pts before pivot_root) and check it is the same one. */
static int slave_here(const struct pty *t, const char *step, struct failure *f)
{
	struct stat want, got;
	int fd = open(t->name, O_RDWR | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return fail(f, errno, step, "cannot open \"%s\": %s", t->name, strerror(errno));
	if (fstat(t->slave, &want) < 0 || fstat(fd, &got) < 0 ||
	    want.st_dev != got.st_dev || want.st_rdev != got.st_rdev) {
		close(fd);
		return fail(f, ENXIO, step, "\"%s\" is not the allocated pty", t->name);
	}
	return fd;
}

static int bind_pty(int rootfd, const struct pty *t, const char *path, const char *link,
		    const char *target, const char *step, struct failure *f)
{
	int fd = slave_here(t, step, f);
	if (fd < 0)
		return -1;
	int r = fs_bind_fd(rootfd, fd, path, step, f);
	if (r == 0 && link)
		r = fs_link_or_bind(rootfd, fd, link, target, step, f);
	close(fd);
	return r;
}

int term_bind_console(int rootfd, const struct fs_step *s, const struct ptys *t, struct failure *f)
{
	char path[4200], target[4200];
	if (!s->dir)
		return bind_pty(rootfd, &t->console, "dev/console", NULL, NULL, "console", f);
	snprintf(path, sizeof(path), "dev/%s/console", s->dir);
	snprintf(target, sizeof(target), "%s/console", s->dir);
	return bind_pty(rootfd, &t->console, path, "dev/console", target, "console", f);
}

int term_bind_ttys(int rootfd, const struct fs_step *s, const struct ptys *t, struct failure *f)
{
	char path[4200], link[64], target[4200];
	for (int i = 0; i < t->nttys; i++) {
		snprintf(link, sizeof(link), "dev/tty%d", i + 1);
		if (!s->dir) {
			if (bind_pty(rootfd, &t->ttys[i], link, NULL, NULL, "ttys", f))
				return -1;
			continue;
		}
		snprintf(path, sizeof(path), "dev/%s/tty%d", s->dir, i + 1);
		snprintf(target, sizeof(target), "%s/tty%d", s->dir, i + 1);
		if (bind_pty(rootfd, &t->ttys[i], path, link, target, "ttys", f))
			return -1;
	}
	return 0;
}
