/* lxc-core attach: run one command inside a running container (PLAN.md, "Attach"). */
#ifndef LXC_CORE_ATTACH_H
#define LXC_CORE_ATTACH_H

#include <stddef.h>
#include <sys/types.h>

#define ATTACH_VERSION_LINE "lxc-ts-attach 1"

/* namespaces, in the order the core joins them (cgroup is joined by the
 * child after the parent moved it into the container's cgroups) */
enum attach_ns { NS_USER, NS_PID, NS_UTS, NS_IPC, NS_NET, NS_TIME, NS_MNT, NS_CGROUP, NS_COUNT };

struct attach_plan {
	char *text;             /* owns the strings below (decoded in place) */

	const char *name;       /* for messages; "" = none */
	int quiet;
	pid_t pid;
	int ns[NS_COUNT];       /* 1 = join */
	const char **cgroups;   int ncgroups;
	int *capdrop;           int ncapdrop;
	int nonewprivs;
	const char **env;       int nenv;   /* NULL-terminated */
	int has_gid, has_uid, has_groups;
	gid_t gid;
	uid_t uid;
	gid_t *groups;          int ngroups;
	const char *cwd;        /* NULL = stay */
	int pty;
	const char **argv;      int argc;   /* NULL-terminated */
};

/* Parse TEXT (LEN bytes; takes ownership).  Returns 0, or -1 with the
 * 1-based line (0 = whole plan) and a message. */
int attach_parse(char *text, size_t len, struct attach_plan *p, int *errline,
		 char *err, size_t errlen);
void attach_free(struct attach_plan *p);
const char *attach_ns_name(int ns);

/* Execute the plan read from fd 3; returns the exit status for main(). */
int attach_main(void);

#endif
