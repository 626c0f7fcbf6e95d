/* Test helper: talk to a monitor's abstract command socket.
 *   sockcli NAME REQUEST [TIMEOUT]
 * Sends "REQUEST\n", copies the answer to stdout until the server closes.
 * Exit: 0 closed by the server, 2 cannot connect, 3 timeout. */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: sockcli NAME REQUEST [TIMEOUT]\n");
		return 64;
	}
	int timeout_ms = argc > 3 ? atoi(argv[3]) * 1000 : 10000;
	struct sockaddr_un sa;
	size_t n = strlen(argv[1]);
	if (n > sizeof(sa.sun_path) - 1)
		return 64;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path + 1, argv[1], n);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n)) < 0) {
		perror("sockcli: connect");
		return 2;
	}
	char req[512];
	int len = snprintf(req, sizeof(req), "%s\n", argv[2]);
	if (write(fd, req, (size_t)len) != len) {
		perror("sockcli: write");
		return 2;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct timespec t1;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		long left = timeout_ms - ((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000);
		if (left <= 0)
			return 3;
		struct pollfd p = { fd, POLLIN, 0 };
		int r = poll(&p, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0)
			return 3;
		char buf[4096];
		ssize_t got = read(fd, buf, sizeof(buf));
		if (got <= 0)
			return 0;
		fwrite(buf, 1, (size_t)got, stdout);
		fflush(stdout);
	}
}
