/* Diagnostics.  With a log file (plan `log`), every line at or above the
 * plan's level goes there in LXC's layout, so `lxc-start -o FILE -l DEBUG`
 * shows the monitor's lines beside the tool's.  Errors also go to fd 2 in
 * LXC's short form (in daemon mode that is /dev/null).  Each line is one
 * write(), so lines from the monitor and the child never interleave. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "log.h"

static const char *log_name = "-";
static const char *log_prog = "lxc-core";
static const char *log_cat = "core";
static int log_fd = -1;
static int log_level = LOG_ERROR;

static const char *const level_names[] = {
	"TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "CRIT", "ALERT", "FATAL",
};

void log_set_name(const char *name)
{
	if (name && *name)
		log_name = name;
}

void log_configure(const char *prog, int level, int fd)
{
	if (prog && *prog)
		log_prog = prog;
	log_level = level;
	log_fd = fd;
}

void log_set_category(const char *cat)
{
	log_cat = cat;
}

static void write_line(int fd, char *buf, int n)
{
	if ((size_t)n > 1400 - 2)
		n = 1400 - 2;
	buf[n++] = '\n';
	if (write(fd, buf, (size_t)n) < 0) {
		/* nothing sensible left to do */
	}
}

void log_line_v(const char *prefix, const char *fmt, va_list ap)
{
	char buf[1400];
	int n = snprintf(buf, sizeof(buf), "%s", prefix);

	if (n < 0 || (size_t)n >= sizeof(buf))
		return;
	int m = vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, ap);
	if (m < 0)
		return;
	write_line(2, buf, n + m);
}

static void vlog(int level, const char *fmt, va_list ap)
{
	char buf[1400], msg[1200];
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		return;
	if (log_fd >= 0 && level >= log_level) {
		struct timespec ts;
		struct tm tm;
		clock_gettime(CLOCK_REALTIME, &ts);
		gmtime_r(&ts.tv_sec, &tm);
		int n = snprintf(buf, sizeof(buf), "%s %s %04d%02d%02d%02d%02d%02d.%03ld %-8s %s - lxc-core:%s - %s",
				 log_prog, log_name, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
				 tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000, level_names[level], log_cat, log_cat, msg);
		if (n > 0)
			write_line(log_fd, buf, n);
	}
	if (level >= LOG_ERROR) {
		int n = snprintf(buf, sizeof(buf), "%s: %s: %s", log_prog, log_name, msg);
		if (n > 0)
			write_line(2, buf, n);
	}
}

#define LOGFN(fn, level)                        \
	void fn(const char *fmt, ...)           \
	{                                       \
		va_list ap;                     \
		va_start(ap, fmt);              \
		vlog(level, fmt, ap);           \
		va_end(ap);                     \
	}

LOGFN(log_error, LOG_ERROR)
LOGFN(log_warn, LOG_WARN)
LOGFN(log_info, LOG_INFO)
LOGFN(log_debug, LOG_DEBUG)
