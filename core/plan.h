/* The start plan (PLAN.md): parsed and validated once, read-only afterwards. */
#ifndef LXC_CORE_PLAN_H
#define LXC_CORE_PLAN_H

#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

#define PLAN_VERSION_LINE "lxc-ts-plan 1"
#define PLAN_MAX_BYTES (4u << 20)

enum fs_kind { FS_MOUNT, FS_MKDIR, FS_MKNOD, FS_SYMLINK, FS_CONSOLE, FS_TTYS };

/* mount OPTS */
#define MOPT_OPTIONAL 0x01u
#define MOPT_MKDIR    0x02u
#define MOPT_MKFILE   0x04u
#define MOPT_RELSRC   0x08u
#define MOPT_REMOUNT  0x10u

struct fs_step {
	enum fs_kind kind;
	int line;
	const char *origin;
	const char *src;    /* mount source; symlink TARGET */
	const char *path;   /* mount TARGET; mkdir/mknod/symlink PATH (rootfs-relative) */
	const char *fstype; /* "" = none */
	const char *data;   /* "" = none */
	unsigned long flags;
	unsigned opts;
	mode_t mode;
	char devtype;       /* 'c' or 'b' */
	unsigned major, minor;
	const char *dir;    /* console/ttys DIR, NULL for "-" */
};

enum cleanup_kind { CLEAN_RMTREE, CLEAN_RMDIR, CLEAN_UNLINK };
struct plan_cleanup { enum cleanup_kind kind; const char *path; };

/* join an existing namespace instead of creating one */
struct plan_share { int line; int type; const char *path; };

struct plan_sysctl { int line; const char *key, *value; };
struct plan_rlimit { int line; int resource; rlim_t soft, hard; };

struct plan {
	char *text;             /* owns all strings below (decoded in place) */

	const char *name, *lxcpath, *socket;
	int foreground;
	int clone_flags;        /* CLONE_NEW* except CLONE_NEWCGROUP */
	int unshare_cgroup;     /* "clone ... cgroup": the child unshares it */
	const char **cgroups;   int ncgroups;
	struct plan_share *shares; int nshares;
	int pdeathsig;
	int console_pty;        int console_line;
	int console_inherit;    /* init keeps the monitor's fds 0-2 */
	const char *console_log;
	size_t console_log_size;  /* 0 = no limit */
	int console_log_rotate;
	const char *console_path; /* proxy the console to this file or terminal */
	size_t console_buffer;
	int ttys;               int ttys_line;
	const char **teardown;  /* NULL-terminated, or NULL */
	const char **on_reboot; /* NULL-terminated, or NULL: run when init asked for a reboot */
	struct plan_cleanup *cleanups; int ncleanups;
	const char *notify_dir; /* listeners for state changes, or NULL */
	int log_level;          /* 0 TRACE .. 8 FATAL; default ERROR */
	const char *log_prog;   /* the tool's name for log lines, or NULL */
	const char *log_file;   /* NULL = no log file */
	int reaper;             int reaper_line;   /* the core stays PID 1 */

	int has_rootfs;         int rootfs_line;
	const char *rootfs_src, *rootfs_mnt, *rootfs_data;
	unsigned long rootfs_flags;

	struct fs_step *steps;  int nsteps;

	const char *hostname;   int hostname_line;
	const char **netup;     int nnetup; int netup_line;
	struct plan_sysctl *sysctls; int nsysctls;
	struct plan_rlimit *rlimits; int nrlimits;
	int *capdrop;           int ncapdrop; int capdrop_line;
	int nonewprivs;         int nonewprivs_line;
	const char **env;       int nenv;   /* NULL-terminated */
	gid_t gid;              int gid_line;
	gid_t *groups;          int ngroups; int groups_line;
	uid_t uid;              int uid_line;
	const char *cwd;        int cwd_line;
	const char **argv;      int argc;   int exec_line;
};

/* Parse TEXT (LEN bytes, takes ownership of the malloc'ed buffer).
 * Returns 0, or -1 with *errline (0 = whole plan) and a message in err. */
int plan_parse(char *text, size_t len, struct plan *p, int *errline,
	       char *err, size_t errlen);
void plan_free(struct plan *p);

/* Read all of fd into a malloc'ed NUL-terminated buffer (max PLAN_MAX_BYTES). */
char *plan_read_fd(int fd, size_t *len, int *err);

#endif
