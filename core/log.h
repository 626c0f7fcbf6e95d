/* Diagnostics on stderr (TS points it at /dev/null or the container's log file). */
#ifndef LXC_CORE_LOG_H
#define LXC_CORE_LOG_H

#include <stdarg.h>

void log_set_name(const char *name);
/* PREFIX then the formatted message and a newline, in one write() */
void log_line_v(const char *prefix, const char *fmt, va_list ap);
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
