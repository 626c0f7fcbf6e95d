/* Filesystem steps: rootfs bind, mount/mkdir/mknod/symlink, pivot_root.
 * Every target is resolved with beneath_open() (no symlinks) and the
 * mount is made on /proc/self/fd/N, so what we checked is what we mount on. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "beneath.h"
#include "mounts.h"

#define MS_PROPAGATION (MS_SHARED | MS_SLAVE | MS_PRIVATE | MS_UNBINDABLE)

int fs_path_fail(struct failure *f, int err, const char *step, const char *what, const char *path)
{
	if (err == ELOOP)
		return fail(f, err, step, "%s \"%s\" is reached through a symlink", what, path);
	if (err == EXDEV)
		return fail(f, err, step, "%s \"%s\" escapes the rootfs", what, path);
	return fail(f, err, step, "%s \"%s\": %s", what, path, strerror(err));
}

int fs_prepare_root(const struct plan *p, int *rootfd, struct failure *f)
{
	char buf[64];

	/* A private view first, so nothing we mount propagates to the host. */
	if (mount(NULL, "/", NULL, MS_SLAVE | MS_REC, NULL) < 0)
		return fail(f, errno, "rootfs", "cannot make / rslave: %s", strerror(errno));
	if (!p->has_rootfs) {
		*rootfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (*rootfd < 0)
			return fail(f, errno, "rootfs", "cannot open /: %s", strerror(errno));
		return 0;
	}
	if (mount(p->rootfs_src, p->rootfs_mnt, NULL, MS_BIND | MS_REC, NULL) < 0)
		return fail(f, errno, "rootfs", "cannot bind \"%s\" on \"%s\": %s",
			    p->rootfs_src, p->rootfs_mnt, strerror(errno));
	/* opened after the bind, so the fd is the bind mount's root */
	*rootfd = open(p->rootfs_mnt, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (*rootfd < 0)
		return fail(f, errno, "rootfs", "cannot open \"%s\": %s", p->rootfs_mnt, strerror(errno));
	if (p->rootfs_flags &&
	    mount(NULL, fdpath(*rootfd, buf, sizeof(buf)), NULL,
		  MS_REMOUNT | MS_BIND | p->rootfs_flags,
		  *p->rootfs_data ? p->rootfs_data : NULL) < 0)
		return fail(f, errno, "rootfs", "cannot remount \"%s\" with flags %lu: %s",
			    p->rootfs_mnt, p->rootfs_flags, strerror(errno));
	return 0;
}

static int step_mount(int rootfd, const struct fs_step *s, struct failure *f)
{
	char tbuf[64], sbuf[64];
	int how = (s->opts & MOPT_MKDIR) ? BN_MKDIR : (s->opts & MOPT_MKFILE) ? BN_MKFILE : 0;
	unsigned long prop = s->flags & MS_PROPAGATION;
	unsigned long fl = s->flags & ~MS_PROPAGATION;
	const char *src = *s->src ? s->src : NULL;
	const char *shown = *s->path ? s->path : ".";
	int srcfd = -1, r = -1;

	int tfd = beneath_open(rootfd, s->path, how, how == BN_MKFILE ? 0644 : 0755);
	if (tfd < 0)
		return fs_path_fail(f, -tfd, "mount", "mount target", shown);
	if (s->opts & MOPT_RELSRC) {
		srcfd = inroot_open(rootfd, s->src);
		if (srcfd < 0) {
			fs_path_fail(f, -srcfd, "mount", "mount source", s->src);
			goto out;
		}
		src = fdpath(srcfd, sbuf, sizeof(sbuf));
	}
	/* flags with only a propagation type: no mount, just the change below */
	int prop_only = prop && !(fl & (MS_BIND | MS_REMOUNT | MS_MOVE)) && !*s->fstype;
	if (!prop_only &&
	    mount(src, fdpath(tfd, tbuf, sizeof(tbuf)), *s->fstype ? s->fstype : NULL, fl,
		  *s->data ? s->data : NULL) < 0) {
		fail(f, errno, "mount", "mount \"%s\" on \"%s\" (type \"%s\") failed: %s",
		     s->src, shown, s->fstype, strerror(errno));
		goto out;
	}
	if (prop || (s->opts & MOPT_REMOUNT)) {
		/* The old fd still names the dentry under the new mount; reopen
		 * to get the new mount's root for remount and propagation. */
		int nfd = prop_only ? tfd : beneath_open(rootfd, s->path, 0, 0);
		if (nfd < 0) {
			fs_path_fail(f, -nfd, "mount", "mount target", shown);
			goto out;
		}
		if (nfd != tfd) {
			close(tfd);
			tfd = nfd;
		}
		fdpath(tfd, tbuf, sizeof(tbuf));
		if ((s->opts & MOPT_REMOUNT) &&
		    mount(NULL, tbuf, NULL,
			  MS_REMOUNT | MS_BIND | (fl & ~(MS_BIND | MS_REC | MS_REMOUNT)), NULL) < 0) {
			fail(f, errno, "mount", "remount of \"%s\" with flags %lu failed: %s",
			     shown, fl & ~(MS_BIND | MS_REC | MS_REMOUNT), strerror(errno));
			goto out;
		}
		if (prop && mount(NULL, tbuf, NULL, prop | (fl & MS_REC), NULL) < 0) {
			fail(f, errno, "mount", "cannot change propagation of \"%s\": %s",
			     shown, strerror(errno));
			goto out;
		}
	}
	r = 0;
out:
	if (srcfd >= 0)
		close(srcfd);
	close(tfd);
	return r;
}

static int step_mkdir(int rootfd, const struct fs_step *s, struct failure *f)
{
	struct stat st;
	int fd = beneath_open(rootfd, s->path, BN_MKDIR, s->mode);
	if (fd < 0)
		return fs_path_fail(f, -fd, "mkdir", "mkdir", s->path);
	int r = fstat(fd, &st);
	close(fd);
	if (r == 0 && !S_ISDIR(st.st_mode))
		return fail(f, ENOTDIR, "mkdir", "mkdir \"%s\": exists and is not a directory", s->path);
	return 0;
}

int fs_bind_fd(int rootfd, int srcfd, const char *path, const char *step, struct failure *f)
{
	char sbuf[64], tbuf[64];
	int tfd = beneath_open(rootfd, path, BN_MKFILE, 0600);
	if (tfd < 0)
		return fs_path_fail(f, -tfd, step, "bind target", path);
	int r = mount(fdpath(srcfd, sbuf, sizeof(sbuf)), fdpath(tfd, tbuf, sizeof(tbuf)),
		      NULL, MS_BIND, NULL);
	int e = errno;
	close(tfd);
	if (r < 0)
		return fail(f, e, step, "cannot bind over \"%s\": %s", path, strerror(e));
	return 0;
}

int fs_link_or_bind(int rootfd, int srcfd, const char *link, const char *target,
		    const char *step, struct failure *f)
{
	struct stat st;
	const char *base;
	int pfd = beneath_parent(rootfd, link, BN_PARENTS, &base);
	if (pfd < 0)
		return fs_path_fail(f, -pfd, step, "symlink", link);
	int r = symlinkat(target, pfd, base);
	int e = errno;
	if (r < 0 && e == EEXIST && fstatat(pfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		close(pfd);
		if (S_ISLNK(st.st_mode) || srcfd < 0)
			return 0;
		/* a real file or node is there (a static /dev): cover it */
		return fs_bind_fd(rootfd, srcfd, link, step, f);
	}
	close(pfd);
	if (r < 0)
		return fail(f, e, step, "cannot create symlink \"%s\" -> \"%s\": %s",
			    link, target, strerror(e));
	return 0;
}

/* mknod, or where we may not (EPERM) or something else is there, bind the
 * host's node over an empty file. */
static int step_mknod(int rootfd, const struct fs_step *s, struct failure *f)
{
	char host[4200], tbuf[64];
	struct stat st;
	const char *base;
	mode_t type = s->devtype == 'c' ? S_IFCHR : S_IFBLK;
	dev_t dev = makedev(s->major, s->minor);

	int pfd = beneath_parent(rootfd, s->path, BN_PARENTS, &base);
	if (pfd < 0)
		return fs_path_fail(f, -pfd, "mknod", "mknod", s->path);
	if (mknodat(pfd, base, type | s->mode, dev) == 0) {
		close(pfd);
		return 0;
	}
	int e = errno;
	if (e == EEXIST) {
		if (fstatat(pfd, base, &st, AT_SYMLINK_NOFOLLOW) < 0)
			e = errno;
		else if (S_ISLNK(st.st_mode))
			e = ELOOP;
		else if ((st.st_mode & S_IFMT) == type && st.st_rdev == dev) {
			close(pfd);
			return 0;
		}
	} else if (e == EPERM) {
		int fd = openat(pfd, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0000);
		if (fd >= 0)
			close(fd);
		else if (errno != EEXIST)
			e = errno;
	}
	if (e != EEXIST && e != EPERM) {
		close(pfd);
		return fs_path_fail(f, e, "mknod", "mknod", s->path);
	}
	int tfd = openat(pfd, base, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	close(pfd);
	if (tfd < 0)
		return fs_path_fail(f, errno, "mknod", "mknod", s->path);
	if (fstat(tfd, &st) == 0 && (S_ISLNK(st.st_mode) || S_ISDIR(st.st_mode))) {
		close(tfd);
		return fs_path_fail(f, S_ISLNK(st.st_mode) ? ELOOP : EISDIR, "mknod", "mknod", s->path);
	}
	/* the host node: same path for dev/..., else /dev/<basename> */
	if (!strncmp(s->path, "dev/", 4))
		snprintf(host, sizeof(host), "/%s", s->path);
	else
		snprintf(host, sizeof(host), "/dev/%s", base);
	int r = mount(host, fdpath(tfd, tbuf, sizeof(tbuf)), NULL, MS_BIND, NULL);
	e = errno;
	close(tfd);
	if (r < 0)
		return fail(f, e, "mknod", "cannot create \"%s\" and binding \"%s\" failed: %s",
			    s->path, host, strerror(e));
	return 0;
}

int fs_step(int rootfd, const struct fs_step *s, struct failure *f)
{
	switch (s->kind) {
	case FS_MOUNT:
		return step_mount(rootfd, s, f);
	case FS_MKDIR:
		return step_mkdir(rootfd, s, f);
	case FS_MKNOD:
		return step_mknod(rootfd, s, f);
	case FS_SYMLINK:
		return fs_link_or_bind(rootfd, -1, s->path, s->src, "symlink", f);
	default:
		return fail(f, EINVAL, "mount", "internal: unexpected step kind");
	}
}

int fs_pivot(int rootfd, struct failure *f)
{
	/* pivot_root(".", ".") stacks the old root on top of the new one;
	 * detaching "." then removes it without needing a put_old dir. */
	if (fchdir(rootfd) < 0)
		return fail(f, errno, "pivot_root", "cannot chdir to the rootfs: %s", strerror(errno));
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		return fail(f, errno, "pivot_root", "pivot_root failed: %s", strerror(errno));
	if (umount2(".", MNT_DETACH) < 0)
		return fail(f, errno, "pivot_root", "cannot detach the old root: %s", strerror(errno));
	if (chdir("/") < 0)
		return fail(f, errno, "pivot_root", "cannot chdir to /: %s", strerror(errno));
	return 0;
}
