/* The process title ps shows (/proc/PID/cmdline and comm). */
#ifndef LXC_CORE_TITLE_H
#define LXC_CORE_TITLE_H

void title_init(int argc, char **argv);
/* Rewrite the title in place; truncated to the space the original argv had. */
void title_set(const char *title);

#endif
