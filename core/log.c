/* One-line diagnostics on fd 2.  Each line goes out in a single write() so
 * lines from the monitor and the child do not interleave mid-line. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include "log.h"

static const char *log_name = "-";

void log_set_name(const char *name)
{
	if (name && *name)
		log_name = name;
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
	n += m;
	if ((size_t)n > sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(2, buf, (size_t)n) < 0) {
		/* nothing sensible left to do */
	}
}

static void vlog(const char *level, const char *fmt, va_list ap)
{
	char prefix[300];
	snprintf(prefix, sizeof(prefix), "lxc-core %s %s: ", log_name, level);
	log_line_v(prefix, fmt, ap);
}

#define LOGFN(fn, level)                        \
	void fn(const char *fmt, ...)           \
	{                                       \
		va_list ap;                     \
		va_start(ap, fmt);              \
		vlog(level, fmt, ap);           \
		va_end(ap);                     \
	}

LOGFN(log_error, "ERROR")
LOGFN(log_warn, "WARN")
LOGFN(log_info, "INFO")
