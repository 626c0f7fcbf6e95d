/* Path resolution below the rootfs that never follows a symlink.  A mount
 * target reached through a symlink planted in the rootfs could send a bind
 * mount anywhere on the host, so every component is checked: openat2()
 * with RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS does it in the kernel; without
 * openat2 (or to create missing components) we walk one name at a time
 * with O_NOFOLLOW and fstat() each result. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "beneath.h"

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

const char *fdpath(int fd, char *buf, size_t len)
{
	snprintf(buf, len, "/proc/self/fd/%d", fd);
	return buf;
}

static int sys_openat2(int dirfd, const char *path, int flags, unsigned long long resolve)
{
	struct open_how how = { .flags = (unsigned long long)flags, .resolve = resolve };
	return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
}

/* An O_PATH|O_NOFOLLOW open of a symlink succeeds and returns the link
 * itself, so the type has to be checked after every open. */
static int check_not_link(int fd)
{
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		return -e;
	}
	if (S_ISLNK(st.st_mode)) {
		close(fd);
		return -ELOOP;
	}
	return fd;
}

static int walk(int rootfd, const char *path, int how, mode_t mode)
{
	char name[256];
	int cur = fcntl(rootfd, F_DUPFD_CLOEXEC, 3);
	if (cur < 0)
		return -errno;

	const char *q = path;
	while (*q == '/')
		q++;
	while (*q) {
		size_t n = strcspn(q, "/");
		const char *next = q + n;
		while (*next == '/')
			next++;
		int last = *next == '\0';
		if (n >= sizeof(name)) {
			close(cur);
			return -ENAMETOOLONG;
		}
		memcpy(name, q, n);
		name[n] = '\0';
		q = next;
		if (!strcmp(name, "."))
			continue;
		if (!strcmp(name, "..")) {
			close(cur);
			return -EXDEV;
		}

		int fd = openat(cur, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT) {
			int r = 0;
			if (last && (how & BN_MKFILE)) {
				r = openat(cur, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
				if (r >= 0)
					close(r);
			} else if ((how & (BN_MKDIR | BN_MKFILE)) || (!last && (how & BN_PARENTS))) {
				r = mkdirat(cur, name, last ? mode : 0755);
			} else {
				errno = ENOENT;
				r = -1;
			}
			/* EEXIST: someone made it meanwhile; the reopen checks it */
			if (r < 0 && errno != EEXIST) {
				int e = errno;
				close(cur);
				return -e;
			}
			fd = openat(cur, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		}
		if (fd < 0) {
			int e = errno;
			close(cur);
			return -e;
		}
		close(cur);
		cur = check_not_link(fd);
		if (cur < 0)
			return cur;
		if (!last) {
			struct stat st;
			if (fstat(cur, &st) < 0 || !S_ISDIR(st.st_mode)) {
				close(cur);
				return -ENOTDIR;
			}
		}
	}
	return cur;
}

/* Tests set LXC_CORE_TEST_NO_OPENAT2 to exercise the component walk;
 * the walk is as strict as openat2, so this weakens nothing. */
static int openat2_disabled(void)
{
	static int off = -1;
	if (off < 0)
		off = getenv("LXC_CORE_TEST_NO_OPENAT2") != NULL;
	return off;
}

int beneath_open(int rootfd, const char *path, int how, mode_t mode)
{
	const char *p = path;
	while (*p == '/')
		p++;
	if (!*p)
		p = ".";
	if (openat2_disabled())
		return walk(rootfd, p, how, mode);
	int fd = sys_openat2(rootfd, p, O_PATH | O_NOFOLLOW | O_CLOEXEC,
			     RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
	if (fd >= 0)
		return check_not_link(fd);
	int e = errno;
	/* no openat2 (old kernel, or a seccomp filter saying ENOSYS/EPERM) */
	if (e == ENOSYS || e == E2BIG || e == EPERM)
		return walk(rootfd, p, how, mode);
	/* something is missing and we may create it: walk and create */
	if (e == ENOENT && (how & (BN_MKDIR | BN_MKFILE | BN_PARENTS)))
		return walk(rootfd, p, how, mode);
	return -e;
}

int inroot_open(int rootfd, const char *path)
{
	const char *p = path;
	while (*p == '/')
		p++;
	if (!*p)
		p = ".";
	if (openat2_disabled())
		return walk(rootfd, p, 0, 0);
	int fd = sys_openat2(rootfd, p, O_PATH | O_CLOEXEC, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
	if (fd >= 0)
		return fd;
	if (errno == ENOSYS || errno == E2BIG || errno == EPERM)
		return walk(rootfd, p, 0, 0);
	return -errno;
}

int beneath_parent(int rootfd, const char *path, int how, const char **base)
{
	char dir[4096];
	const char *p = path;
	while (*p == '/')
		p++;
	size_t len = strlen(p);
	while (len && p[len - 1] == '/')
		len--;
	if (len == 0 || len >= sizeof(dir))
		return -EINVAL;
	memcpy(dir, p, len);
	dir[len] = '\0';
	char *slash = strrchr(dir, '/');
	/* base points into the caller's PATH, which outlives this call */
	if (!slash) {
		*base = p;
		return beneath_open(rootfd, ".", 0, 0);
	}
	*base = p + (slash - dir) + 1;
	*slash = '\0';
	return beneath_open(rootfd, dir, (how & BN_PARENTS) ? BN_MKDIR : 0, 0755);
}
