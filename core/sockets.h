/* The container's command socket (abstract AF_UNIX stream), PLAN.md. */
#ifndef LXC_CORE_SOCKETS_H
#define LXC_CORE_SOCKETS_H

#include <poll.h>
#include "monitor.h"

/* Bind and listen on "@name"; returns the fd or -errno. */
int sock_bind(const char *name);
void sock_accept(struct monitor *m);
/* Add POLLIN entries for the clients; returns how many were added. */
int sock_pollfds(struct monitor *m, struct pollfd *pfd);
void sock_client_ready(struct monitor *m, int fd, short revents);
void sock_state_changed(struct monitor *m);
void sock_exited(struct monitor *m, int status);
void sock_close_all(struct monitor *m);

#endif
