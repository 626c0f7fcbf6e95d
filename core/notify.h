/* State changes for lxc-monitor and lxc-wait: each listener binds a unix
 * socket NAME.sock in the plan's notify directory; the monitor connects to
 * every one of them and writes one line per event. */
#ifndef LXC_CORE_NOTIFY_H
#define LXC_CORE_NOTIFY_H

/* LINE without '\n'; the container name is appended as the last field.
 * A listener that is gone (ECONNREFUSED) has its socket file removed. */
void notify_all(const char *dir, const char *name, const char *line);

#endif
