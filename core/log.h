/* Diagnostics: LXC-style lines in the log file, errors on stderr. */
#ifndef LXC_CORE_LOG_H
#define LXC_CORE_LOG_H

#include <stdarg.h>

enum { LOG_TRACE, LOG_DEBUG, LOG_INFO, LOG_NOTICE, LOG_WARN, LOG_ERROR, LOG_CRIT, LOG_ALERT, LOG_FATAL };

void log_set_name(const char *name);
/* PROG heads every line (the tool's name); lines below LEVEL skip the
 * file; FD is the log file, -1 for none. */
void log_configure(const char *prog, int level, int fd);
/* "monitor", "start" (the child), "init" (the reaper): the line's category */
void log_set_category(const char *cat);
/* PREFIX then the formatted message and a newline, in one write() to fd 2 */
void log_line_v(const char *prefix, const char *fmt, va_list ap);
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
