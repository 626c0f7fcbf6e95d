/* Console clients: the command socket's `console N` and `winsize N R C`
 * requests, and the byte relay between those clients and the pty masters
 * of /dev/console (tty 0) and /dev/tty1..N.  See PLAN.md. */
#ifndef LXC_CORE_TTYPROXY_H
#define LXC_CORE_TTYPROXY_H

#include <poll.h>
#include <stddef.h>

struct monitor;
struct client;

/* Input on its way from the clients to one pty master. */
struct ttyline {
	int master;             /* -1: no such pty */
	int hup;                /* the slave side hung up: stop polling for a while */
	size_t len;
	char pend[512];
};

struct ttyproxy {
	struct ttyline *lines;  /* [0] = console, [1..nttys] = ttys */
	int nlines;
	long long hup_until;    /* CLOCK_MONOTONIC ms: when hung-up lines are polled again */
};

/* After term_alloc and console_init; returns 0 or -errno. */
int proxy_init(struct monitor *m);
/* Requests (the client is answered; `console` keeps the connection). */
void proxy_console_request(struct monitor *m, struct client *c, char *arg,
			   const char *rest, size_t restlen);
void proxy_winsize_request(struct monitor *m, struct client *c, char *arg);
/* Event loop: one pollfd per tty 1..N (fd -1 while idle); returns how many. */
int proxy_pollfds(struct monitor *m, struct pollfd *pfd);
void proxy_ready(struct monitor *m, const struct pollfd *pfd, int n);
int proxy_timeout(const struct monitor *m);          /* for poll(): ms or -1 */
void proxy_tick(struct monitor *m);                  /* after every poll() */
int proxy_wants_write(const struct monitor *m, int tty);
void proxy_writable(struct monitor *m, int tty);
/* A console client: which events to poll, and what to do with them. */
short proxy_client_events(struct monitor *m, struct client *c);
void proxy_client_ready(struct monitor *m, struct client *c, short revents);
/* tty 0 output, from console.c (its tap). */
void proxy_console_output(void *monitor, const char *buf, size_t n);

#endif
