/* The container's command socket (abstract AF_UNIX stream), PLAN.md. */
#ifndef LXC_CORE_SOCKETS_H
#define LXC_CORE_SOCKETS_H

#include <poll.h>
#include <stddef.h>
#include "monitor.h"

enum { C_REQUEST, C_WAIT, C_EVENTS, C_CONSOLE };

struct client {
	int fd;
	int kind;
	unsigned mask;          /* C_WAIT: states that end the wait */
	int tty;                /* C_CONSOLE: 0 = console, 1..N */
	long long deadline;     /* C_REQUEST: dropped if no request line by then (mono_ms) */
	size_t len;             /* C_REQUEST: the line so far; C_CONSOLE: input not yet queued */
	char buf[120];
};

/* Bind and listen on "@name"; returns the fd or -errno. */
int sock_bind(const char *name);
void sock_accept(struct monitor *m);
/* Add POLLIN entries for the clients; returns how many were added. */
int sock_pollfds(struct monitor *m, struct pollfd *pfd);
void sock_client_ready(struct monitor *m, int fd, short revents);
void sock_state_changed(struct monitor *m);
void sock_exited(struct monitor *m, int status);
void sock_close_all(struct monitor *m);
/* A client that connects and never finishes its request line is dropped
 * after a few seconds: poll() timeout (ms or -1), and the check after it. */
int sock_timeout(const struct monitor *m);
void sock_expire(struct monitor *m);
long long mono_ms(void);   /* CLOCK_MONOTONIC in ms */
/* For the console proxy: answer (drops the client if it cannot take it). */
int sock_reply(struct client *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sock_drop(struct client *c);

#endif
