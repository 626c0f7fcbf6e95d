/* The monitor's side of the console: drain the pty master into the ring
 * buffer and the log file, and in foreground mode proxy it to the caller's
 * terminal. */
#ifndef LXC_CORE_CONSOLE_H
#define LXC_CORE_CONSOLE_H

#include <stddef.h>
#include <termios.h>

struct console {
	int master;             /* console pty master, -1 = none */
	char *ring;             /* console-buffer bytes, NULL = none */
	size_t size, head, used;
	int logfd;              /* console-log, -1 = none */
	int fg;                 /* foreground: proxy stdin/stdout */
	int in_open;            /* foreground stdin not at EOF yet */
	int raw;                /* caller's terminal was put in raw mode */
	struct termios saved;
	char pend[1024];        /* stdin bytes the master did not take yet */
	size_t pend_len;
	/* every chunk of output also goes here (the console clients) */
	void (*tap)(void *arg, const char *buf, size_t n);
	void *tap_arg;
};

/* Returns 0, or -errno (ring allocation, log file). */
int console_init(struct console *c, int master, size_t ring, const char *log, int fg);
void console_readable(struct console *c);      /* master has output */
void console_final_drain(struct console *c);   /* before the monitor exits */
void console_stdin(struct console *c);         /* foreground stdin readable */
void console_writable(struct console *c);      /* master can take pending input */
int console_wants_stdin(const struct console *c);
int console_wants_write(const struct console *c);
void console_winch(struct console *c);         /* copy the caller's window size */
void console_restore(struct console *c);       /* restore the caller's terminal */
/* Copy the ring buffer content (oldest first) to fd. */
void console_dump(const struct console *c, int fd);

#endif
