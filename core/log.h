/* Diagnostics on stderr (TS points it at /dev/null or the container's log file). */
#ifndef LXC_CORE_LOG_H
#define LXC_CORE_LOG_H

void log_set_name(const char *name);
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
