/* Connections are short-lived and one-way, so a listener that hangs or
 * dies never holds the monitor: every step is non-blocking and a failure
 * only costs that listener its event. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "notify.h"

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && !strcmp(s + n - m, suffix);
}

static void tell(int dirfd, const char *dir, const char *entry, const char *msg, size_t len)
{
	struct sockaddr_un sa;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if ((size_t)snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/%s", dir, entry) >= sizeof(sa.sun_path))
		return;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
		if (send(fd, msg, len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
			/* nothing to do: that listener misses one event */
		}
	} else if (errno == ECONNREFUSED) {
		/* its process died without removing the file */
		struct stat st;
		if (fstatat(dirfd, entry, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISSOCK(st.st_mode))
			unlinkat(dirfd, entry, 0);
	}
	close(fd);
}

void notify_all(const char *dir, const char *name, const char *line)
{
	char msg[512];
	if (!dir)
		return;
	int len = snprintf(msg, sizeof(msg), "%s %s\n", line, name);
	if (len < 0 || (size_t)len >= sizeof(msg))
		return;
	DIR *d = opendir(dir);
	if (!d)
		return;   /* nobody ever listened on this lxcpath */
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && ends_with(e->d_name, ".sock"))
			tell(dirfd(d), dir, e->d_name, msg, (size_t)len);
	closedir(d);
}
