/* The monitor: starts init, then watches over it until it is gone. */
#ifndef LXC_CORE_MONITOR_H
#define LXC_CORE_MONITOR_H

#include <sys/types.h>
#include "console.h"
#include "plan.h"
#include "proto.h"
#include "terminal.h"
#include "ttyproxy.h"

enum state {
	ST_STOPPED, ST_STARTING, ST_RUNNING, ST_STOPPING, ST_ABORTING,
	ST_FREEZING, ST_FROZEN, ST_THAWED, ST_COUNT
};

const char *state_name(int s);
int state_parse(const char *s);   /* -1 if unknown */

struct client;

struct monitor {
	struct plan *plan;
	int state;
	pid_t init_pid;         /* -1 before clone and once reaped */
	pid_t init_pid_env;     /* for LXC_INIT_PID */
	int init_status;
	pid_t teardown_pid;
	const char *state_before;
	int ev_fd, cmd_fd, sync_fd, sig_fd, listen_fd, devnull;
	struct linebuf cmdbuf;
	int go_sent, exec_seen, error_seen, running_seen;
	int reboot;             /* init was killed by SIGHUP: the kernel's word for reboot(2) */
	struct ptys ptys;
	struct console con;
	struct ttyproxy proxy;
	struct client *clients;
	int nclients, cap_clients;
	int done;
};

/* `lxc-core start` with a parsed plan; returns the exit status. */
int monitor_run(struct plan *p);

/* for the command socket */
int monitor_signal_init(struct monitor *m, int signo);   /* 0 or errno */

#endif
