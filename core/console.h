/* The monitor's side of the console: drain the pty master into the ring
 * buffer and the log file, and proxy it to a peer: the caller's terminal in
 * foreground mode, or the file, fifo or terminal of lxc.console.path. */
#ifndef LXC_CORE_CONSOLE_H
#define LXC_CORE_CONSOLE_H

#include <stddef.h>
#include <termios.h>

struct console {
	int master;             /* console pty master, -1 = none */
	char *ring;             /* console-buffer bytes, NULL = none */
	size_t size, head, used;
	int logfd;              /* console-log, -1 = none */
	const char *logpath;
	size_t logsize;         /* console-log-size: start over beyond it (0 = no limit); set before init */
	int logrotate;          /* keep the full log as PATH.1 when starting over; set before init */
	size_t logused;
	int in_fd, out_fd;      /* the peer: input to the console, its output; -1 = none */
	int own_peer;           /* we opened the peer (lxc.console.path): close it */
	const char *failed;     /* after console_init failed: which path */
	int in_open;            /* the peer's input is not at EOF yet */
	int raw;                /* the peer terminal was put in raw mode */
	struct termios saved;
	char pend[1024];        /* stdin bytes the master did not take yet */
	size_t pend_len;
	/* every chunk of output also goes here (the console clients) */
	void (*tap)(void *arg, const char *buf, size_t n);
	void *tap_arg;
};

/* c->logsize and c->logrotate are read from C as the caller set them.
 * PEER: a path to proxy the console to, or NULL; without one, FG proxies
 * it to our own stdin/stdout.  Returns 0, or -errno (ring, log, peer). */
int console_init(struct console *c, int master, size_t ring, const char *log, const char *peer, int fg);
void console_readable(struct console *c);      /* master has output */
void console_final_drain(struct console *c);   /* before the monitor exits */
void console_stdin(struct console *c);         /* the peer's input is readable */
void console_writable(struct console *c);      /* master can take pending input */
int console_wants_stdin(const struct console *c);
int console_wants_write(const struct console *c);
void console_winch(struct console *c);         /* copy the peer terminal's window size */
void console_restore(struct console *c);       /* restore the peer terminal */
/* Copy the ring buffer content (oldest first) to fd. */
void console_dump(const struct console *c, int fd);

#endif
