/* Parse and validate the plan text (PLAN.md).  Everything the core will do
 * is checked here, before any socket, clone or mount, so a bad plan fails
 * with the plan line number and never half-way through a start. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "plan.h"
#include "proto.h"

#define MS_PROPAGATION (MS_SHARED | MS_SLAVE | MS_PRIVATE | MS_UNBINDABLE)

struct pline {
	int no;
	int n;          /* number of fields after the word */
	char **f;
};

struct pctx {
	struct plan *p;
	char *err;
	size_t errlen;
};

static int perr(struct pctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int perr(struct pctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->err, c->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Make room in ARR (element size sz) for element n plus a terminator;
 * capacity is implicit, doubling at 4, 8, 16, ...  Returns the (maybe
 * moved) array, or NULL when out of memory. */
static void *grow(void *arr, int n, size_t sz)
{
	if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
		size_t cap = n < 4 ? 4 : (size_t)n * 2;
		return realloc(arr, (cap + 1) * sz);
	}
	return arr;
}

static int parse_u64(const char *s, unsigned long long max, unsigned long long *out)
{
	unsigned long long v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (v > (ULLONG_MAX - 9) / 10)
			return -1;
		v = v * 10 + (unsigned)(*s - '0');
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

static int parse_octal(const char *s, unsigned max, mode_t *out)
{
	unsigned v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '7')
			return -1;
		v = v * 8 + (unsigned)(*s - '0');
		if (v > max)
			return -1;
	}
	*out = (mode_t)v;
	return 0;
}

/* A rootfs-relative path: leading '/' are dropped, ".." is refused so a
 * step can never name something outside the rootfs. */
static int relpath(struct pctx *c, const char *what, char **pathp, int allow_empty)
{
	char *s = *pathp;
	while (*s == '/')
		s++;
	if (!*s && !allow_empty)
		return perr(c, "%s is empty", what);
	for (const char *q = s; *q;) {
		size_t n = strcspn(q, "/");
		if (n == 2 && q[0] == '.' && q[1] == '.')
			return perr(c, "%s \"%s\" contains \"..\"", what, *pathp);
		q += n;
		while (*q == '/')
			q++;
	}
	*pathp = s;
	return 0;
}

static int abspath(struct pctx *c, const char *what, const char *s)
{
	if (s[0] != '/')
		return perr(c, "%s must be an absolute path", what);
	return 0;
}

/* ---- header ---- */

static int d_name(struct pctx *c, struct pline *l) { c->p->name = l->f[0]; return 0; }
static int d_lxcpath(struct pctx *c, struct pline *l) { c->p->lxcpath = l->f[0]; return 0; }

static int d_socket(struct pctx *c, struct pline *l)
{
	size_t n = strlen(l->f[0]);
	if (n == 0 || n > sizeof(((struct sockaddr_un *)0)->sun_path) - 1)
		return perr(c, "socket name must be 1..%zu bytes",
			    sizeof(((struct sockaddr_un *)0)->sun_path) - 1);
	c->p->socket = l->f[0];
	return 0;
}

static int d_foreground(struct pctx *c, struct pline *l)
{
	if (strcmp(l->f[0], "0") && strcmp(l->f[0], "1"))
		return perr(c, "foreground must be 0 or 1");
	c->p->foreground = l->f[0][0] == '1';
	return 0;
}

static int d_clone(struct pctx *c, struct pline *l)
{
	static const struct { const char *n; int f; } ns[] = {
		{ "mnt", CLONE_NEWNS }, { "pid", CLONE_NEWPID }, { "uts", CLONE_NEWUTS },
		{ "ipc", CLONE_NEWIPC }, { "net", CLONE_NEWNET }, { "cgroup", CLONE_NEWCGROUP },
	};
	for (int i = 0; i < l->n; i++) {
		const char *w = l->f[i];
		size_t k;
		if (!strcmp(w, "user") || !strcmp(w, "time"))
			return perr(c, "namespace \"%s\" is not supported in plan version 1", w);
		for (k = 0; k < sizeof(ns) / sizeof(ns[0]); k++)
			if (!strcmp(w, ns[k].n))
				break;
		if (k == sizeof(ns) / sizeof(ns[0]))
			return perr(c, "unknown namespace \"%s\"", w);
		if (ns[k].f == CLONE_NEWCGROUP)
			c->p->unshare_cgroup = 1;
		else
			c->p->clone_flags |= ns[k].f;
	}
	return 0;
}

static int d_share(struct pctx *c, struct pline *l)
{
	static const struct { const char *n; int f; } ns[] = {
		{ "net", CLONE_NEWNET }, { "ipc", CLONE_NEWIPC }, { "uts", CLONE_NEWUTS }, { "pid", CLONE_NEWPID },
	};
	struct plan *p = c->p;
	int type = 0;
	for (size_t k = 0; k < sizeof(ns) / sizeof(ns[0]); k++)
		if (!strcmp(l->f[0], ns[k].n))
			type = ns[k].f;
	if (!type)
		return perr(c, "share wants net, ipc, uts or pid, not \"%s\"", l->f[0]);
	if (abspath(c, "share PATH", l->f[1]))
		return -1;
	for (int i = 0; i < p->nshares; i++)
		if (p->shares[i].type == type)
			return perr(c, "%s is shared twice", l->f[0]);
	void *na = grow(p->shares, p->nshares, sizeof(*p->shares));
	if (!na)
		return perr(c, "out of memory");
	p->shares = na;
	p->shares[p->nshares++] = (struct plan_share){ l->no, type, l->f[1] };
	return 0;
}

static int d_cgroup(struct pctx *c, struct pline *l)
{
	struct plan *p = c->p;
	if (abspath(c, "cgroup DIR", l->f[0]))
		return -1;
	void *na = grow(p->cgroups, p->ncgroups, sizeof(*p->cgroups));
	if (!na)
		return perr(c, "out of memory");
	p->cgroups = na;
	p->cgroups[p->ncgroups++] = l->f[0];
	return 0;
}

static int d_pdeathsig(struct pctx *c, struct pline *l)
{
	unsigned long long v;
	if (parse_u64(l->f[0], NSIG - 1, &v))
		return perr(c, "pdeathsig must be a signal number 0..%d", NSIG - 1);
	c->p->pdeathsig = (int)v;
	return 0;
}

static int d_console_mode(struct pctx *c, struct pline *l)
{
	if (!strcmp(l->f[0], "pty"))
		c->p->console_pty = 1;
	else if (!strcmp(l->f[0], "inherit"))
		c->p->console_inherit = 1;
	else if (strcmp(l->f[0], "none"))
		return perr(c, "console must be pty, inherit or none");
	c->p->console_line = l->no;
	return 0;
}

static int d_console_log(struct pctx *c, struct pline *l)
{
	if (abspath(c, "console-log", l->f[0]))
		return -1;
	c->p->console_log = l->f[0];
	return 0;
}

static int d_console_log_size(struct pctx *c, struct pline *l)
{
	unsigned long long v;
	if (parse_u64(l->f[0], 1ull << 40, &v))
		return perr(c, "console-log-size must be a number of bytes");
	if (l->n > 1 && strcmp(l->f[1], "rotate"))
		return perr(c, "console-log-size takes BYTES [rotate]");
	c->p->console_log_size = (size_t)v;
	c->p->console_log_rotate = l->n > 1;
	return 0;
}

static int d_console_path(struct pctx *c, struct pline *l)
{
	if (abspath(c, "console-path", l->f[0]))
		return -1;
	c->p->console_path = l->f[0];
	return 0;
}

static int d_console_buffer(struct pctx *c, struct pline *l)
{
	unsigned long long v;
	if (parse_u64(l->f[0], 64ull << 20, &v))
		return perr(c, "console-buffer must be 0..%llu bytes", 64ull << 20);
	c->p->console_buffer = (size_t)v;
	return 0;
}

static int d_ttys_count(struct pctx *c, struct pline *l)
{
	unsigned long long v;
	if (parse_u64(l->f[0], 64, &v))
		return perr(c, "ttys must be 0..64");
	c->p->ttys = (int)v;
	c->p->ttys_line = l->no;
	return 0;
}

static int d_teardown(struct pctx *c, struct pline *l)
{
	if (!l->f[0][0])
		return perr(c, "teardown program is empty");
	c->p->teardown = (const char **)l->f;   /* f[] is NULL-terminated */
	return 0;
}

static int d_on_reboot(struct pctx *c, struct pline *l)
{
	if (!l->f[0][0] || l->f[0][0] != '/')
		return perr(c, "on-reboot program must be an absolute path");
	c->p->on_reboot = (const char **)l->f;
	return 0;
}

static int d_log(struct pctx *c, struct pline *l)
{
	unsigned long long v;
	if (parse_u64(l->f[0], 8, &v))
		return perr(c, "log LEVEL must be 0 (TRACE) .. 8 (FATAL)");
	if (!*l->f[1] || strchr(l->f[1], '/'))
		return perr(c, "log PROG must be a tool name");
	if (*l->f[2] && abspath(c, "log PATH", l->f[2]))
		return -1;
	c->p->log_level = (int)v;
	c->p->log_prog = l->f[1];
	c->p->log_file = *l->f[2] ? l->f[2] : NULL;
	return 0;
}

static int d_notify(struct pctx *c, struct pline *l)
{
	if (abspath(c, "notify DIR", l->f[0]))
		return -1;
	c->p->notify_dir = l->f[0];
	return 0;
}

static int d_reaper(struct pctx *c, struct pline *l)
{
	if (strcmp(l->f[0], "0") && strcmp(l->f[0], "1"))
		return perr(c, "init-reaper must be 0 or 1");
	c->p->reaper = l->f[0][0] == '1';
	c->p->reaper_line = l->no;
	return 0;
}

static int d_cleanup(struct pctx *c, struct pline *l)
{
	static const struct { const char *w; enum cleanup_kind k; } kinds[] = {
		{ "rmtree", CLEAN_RMTREE }, { "rmdir", CLEAN_RMDIR }, { "unlink", CLEAN_UNLINK },
	};
	struct plan *p = c->p;
	int k = -1;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(l->f[0], kinds[i].w))
			k = (int)i;
	if (k < 0)
		return perr(c, "cleanup wants rmtree, rmdir or unlink, not \"%s\"", l->f[0]);
	if (abspath(c, "cleanup PATH", l->f[1]))
		return -1;
	void *na = grow(p->cleanups, p->ncleanups, sizeof(*p->cleanups));
	if (!na)
		return perr(c, "out of memory");
	p->cleanups = na;
	p->cleanups[p->ncleanups].kind = kinds[k].k;
	p->cleanups[p->ncleanups++].path = l->f[1];
	return 0;
}

static int d_hook_env(struct pctx *c, struct pline *l)
{
	/* reserved in v1: checked for shape, otherwise unused */
	if (!strchr(l->f[0], '=') || l->f[0][0] == '=')
		return perr(c, "hook-env wants K=V");
	return 0;
}

/* ---- rootfs and filesystem steps ---- */

static int d_rootfs(struct pctx *c, struct pline *l)
{
	struct plan *p = c->p;
	unsigned long long fl;
	if (p->nsteps)
		return perr(c, "rootfs must come before the filesystem steps");
	if (abspath(c, "rootfs SRC", l->f[0]) || abspath(c, "rootfs MOUNTPOINT", l->f[1]))
		return -1;
	if (parse_u64(l->f[2], ULONG_MAX, &fl))
		return perr(c, "rootfs FLAGS must be a decimal number");
	if (fl & (MS_BIND | MS_REC | MS_REMOUNT | MS_PROPAGATION))
		return perr(c, "rootfs FLAGS must not contain MS_BIND, MS_REC, MS_REMOUNT or propagation flags");
	p->has_rootfs = 1;
	p->rootfs_line = l->no;
	p->rootfs_src = l->f[0];
	p->rootfs_mnt = l->f[1];
	p->rootfs_flags = (unsigned long)fl;
	p->rootfs_data = l->f[3];
	return 0;
}

static struct fs_step *new_step(struct pctx *c, struct pline *l, enum fs_kind k)
{
	struct plan *p = c->p;
	void *na = grow(p->steps, p->nsteps, sizeof(*p->steps));
	if (!na) {
		perr(c, "out of memory");
		return NULL;
	}
	p->steps = na;
	struct fs_step *s = &p->steps[p->nsteps++];
	memset(s, 0, sizeof(*s));
	s->kind = k;
	s->line = l->no;
	s->origin = l->f[l->n - 1];
	return s;
}

static int parse_mopts(struct pctx *c, char *opts, unsigned *out)
{
	static const struct { const char *n; unsigned v; } tab[] = {
		{ "optional", MOPT_OPTIONAL }, { "mkdir", MOPT_MKDIR }, { "mkfile", MOPT_MKFILE },
		{ "relsrc", MOPT_RELSRC }, { "remount", MOPT_REMOUNT },
	};
	*out = 0;
	if (!*opts || !strcmp(opts, "-"))
		return 0;
	for (char *save = NULL, *w = strtok_r(opts, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		size_t k;
		for (k = 0; k < sizeof(tab) / sizeof(tab[0]); k++)
			if (!strcmp(w, tab[k].n))
				break;
		if (k == sizeof(tab) / sizeof(tab[0]))
			return perr(c, "unknown mount option \"%s\"", w);
		*out |= tab[k].v;
	}
	return 0;
}

static int d_mount(struct pctx *c, struct pline *l)
{
	unsigned long long fl;
	unsigned opts;
	if (parse_u64(l->f[3], ULONG_MAX, &fl))
		return perr(c, "mount FLAGS must be a decimal number");
	if (parse_mopts(c, l->f[5], &opts))
		return -1;
	if ((opts & MOPT_MKDIR) && (opts & MOPT_MKFILE))
		return perr(c, "mount options mkdir and mkfile exclude each other");
	if ((opts & MOPT_REMOUNT) && !(fl & MS_BIND))
		return perr(c, "mount option remount needs MS_BIND in FLAGS");
	unsigned long prop = (unsigned long)fl & MS_PROPAGATION;
	if (prop & (prop - 1))
		return perr(c, "mount FLAGS has more than one propagation flag");
	if (relpath(c, "mount TARGET", &l->f[1], 1))
		return -1;
	if (opts & MOPT_RELSRC) {
		if (relpath(c, "mount SRC", &l->f[0], 1))
			return -1;
	}
	struct fs_step *s = new_step(c, l, FS_MOUNT);
	if (!s)
		return -1;
	s->src = l->f[0];
	s->path = l->f[1];
	s->fstype = l->f[2];
	s->flags = (unsigned long)fl;
	s->data = l->f[4];
	s->opts = opts;
	return 0;
}

static int d_mkdir(struct pctx *c, struct pline *l)
{
	mode_t m;
	if (relpath(c, "mkdir PATH", &l->f[0], 0))
		return -1;
	if (parse_octal(l->f[1], 07777, &m))
		return perr(c, "mkdir MODE must be octal 0..7777");
	struct fs_step *s = new_step(c, l, FS_MKDIR);
	if (!s)
		return -1;
	s->path = l->f[0];
	s->mode = m;
	return 0;
}

static int d_mknod(struct pctx *c, struct pline *l)
{
	unsigned long long maj, min;
	mode_t m;
	if (relpath(c, "mknod PATH", &l->f[0], 0))
		return -1;
	if (strcmp(l->f[1], "c") && strcmp(l->f[1], "b"))
		return perr(c, "mknod type must be c or b");
	if (parse_u64(l->f[2], 0xfff, &maj) || parse_u64(l->f[3], 0xfffff, &min))
		return perr(c, "mknod MAJOR/MINOR out of range");
	if (parse_octal(l->f[4], 07777, &m))
		return perr(c, "mknod MODE must be octal 0..7777");
	struct fs_step *s = new_step(c, l, FS_MKNOD);
	if (!s)
		return -1;
	s->path = l->f[0];
	s->devtype = l->f[1][0];
	s->major = (unsigned)maj;
	s->minor = (unsigned)min;
	s->mode = m;
	return 0;
}

static int d_symlink(struct pctx *c, struct pline *l)
{
	if (!l->f[0][0])
		return perr(c, "symlink TARGET is empty");
	if (relpath(c, "symlink PATH", &l->f[1], 0))
		return -1;
	struct fs_step *s = new_step(c, l, FS_SYMLINK);
	if (!s)
		return -1;
	s->src = l->f[0];
	s->path = l->f[1];
	return 0;
}

static int tty_step(struct pctx *c, struct pline *l, enum fs_kind k)
{
	char *dir = l->f[0];
	if (!strcmp(dir, "-")) {
		dir = NULL;
	} else {
		if (relpath(c, "DIR", &l->f[0], 0))
			return -1;
		dir = l->f[0];
	}
	struct fs_step *s = new_step(c, l, k);
	if (!s)
		return -1;
	s->dir = dir;
	return 0;
}

static int d_console_step(struct pctx *c, struct pline *l) { return tty_step(c, l, FS_CONSOLE); }
static int d_ttys_step(struct pctx *c, struct pline *l) { return tty_step(c, l, FS_TTYS); }

/* ---- after pivot_root ---- */

static int d_hostname(struct pctx *c, struct pline *l)
{
	size_t n = strlen(l->f[0]);
	if (n == 0 || n > 64)
		return perr(c, "hostname must be 1..64 bytes");
	c->p->hostname = l->f[0];
	c->p->hostname_line = l->no;
	return 0;
}

static int d_netup(struct pctx *c, struct pline *l)
{
	struct plan *p = c->p;
	size_t n = strlen(l->f[0]);
	if (n == 0 || n >= 16 || strchr(l->f[0], '/'))
		return perr(c, "netup wants an interface name of 1..15 bytes");
	void *na = grow(p->netup, p->nnetup, sizeof(*p->netup));
	if (!na)
		return perr(c, "out of memory");
	p->netup = na;
	p->netup[p->nnetup++] = l->f[0];
	if (!p->netup_line)
		p->netup_line = l->no;
	return 0;
}

static int d_sysctl(struct pctx *c, struct pline *l)
{
	struct plan *p = c->p;
	if (relpath(c, "sysctl KEY", &l->f[0], 0))
		return -1;
	void *na = grow(p->sysctls, p->nsysctls, sizeof(*p->sysctls));
	if (!na)
		return perr(c, "out of memory");
	p->sysctls = na;
	p->sysctls[p->nsysctls++] = (struct plan_sysctl){ l->no, l->f[0], l->f[1] };
	return 0;
}

static int parse_rlim(const char *s, rlim_t *out)
{
	unsigned long long v;
	if (!strcmp(s, "-1")) {
		*out = RLIM_INFINITY;
		return 0;
	}
	if (parse_u64(s, (unsigned long long)RLIM_INFINITY - 1, &v))
		return -1;
	*out = (rlim_t)v;
	return 0;
}

static int d_rlimit(struct pctx *c, struct pline *l)
{
	struct plan *p = c->p;
	unsigned long long res;
	rlim_t soft, hard;
	if (parse_u64(l->f[0], RLIM_NLIMITS - 1, &res))
		return perr(c, "rlimit RESNO must be 0..%d", RLIM_NLIMITS - 1);
	if (parse_rlim(l->f[1], &soft) || parse_rlim(l->f[2], &hard))
		return perr(c, "rlimit SOFT/HARD must be decimal or -1");
	void *na = grow(p->rlimits, p->nrlimits, sizeof(*p->rlimits));
	if (!na)
		return perr(c, "out of memory");
	p->rlimits = na;
	p->rlimits[p->nrlimits++] = (struct plan_rlimit){ l->no, (int)res, soft, hard };
	return 0;
}

static int d_capdrop(struct pctx *c, struct pline *l)
{
	struct plan *p = c->p;
	for (int i = 0; i < l->n; i++) {
		unsigned long long v;
		if (parse_u64(l->f[i], 63, &v))
			return perr(c, "capdrop wants capability numbers 0..63");
		void *na = grow(p->capdrop, p->ncapdrop, sizeof(*p->capdrop));
		if (!na)
			return perr(c, "out of memory");
		p->capdrop = na;
		p->capdrop[p->ncapdrop++] = (int)v;
	}
	p->capdrop_line = l->no;
	return 0;
}

static int d_nonewprivs(struct pctx *c, struct pline *l)
{
	if (strcmp(l->f[0], "0") && strcmp(l->f[0], "1"))
		return perr(c, "nonewprivs must be 0 or 1");
	c->p->nonewprivs = l->f[0][0] == '1';
	c->p->nonewprivs_line = l->no;
	return 0;
}

static int d_env(struct pctx *c, struct pline *l)
{
	struct plan *p = c->p;
	if (!strchr(l->f[0], '=') || l->f[0][0] == '=')
		return perr(c, "env wants K=V");
	void *na = grow(p->env, p->nenv, sizeof(*p->env));
	if (!na)
		return perr(c, "out of memory");
	p->env = na;
	p->env[p->nenv++] = l->f[0];
	p->env[p->nenv] = NULL;
	return 0;
}

static int d_gid(struct pctx *c, struct pline *l)
{
	unsigned long long v;
	if (parse_u64(l->f[0], UINT32_MAX - 1, &v))
		return perr(c, "gid must be a number");
	c->p->gid = (gid_t)v;
	c->p->gid_line = l->no;
	return 0;
}

static int d_groups(struct pctx *c, struct pline *l)
{
	struct plan *p = c->p;
	p->groups = calloc((size_t)l->n + 1, sizeof(gid_t));
	if (!p->groups)
		return perr(c, "out of memory");
	for (int i = 0; i < l->n; i++) {
		unsigned long long v;
		if (parse_u64(l->f[i], UINT32_MAX - 1, &v))
			return perr(c, "groups wants numbers");
		p->groups[i] = (gid_t)v;
	}
	p->ngroups = l->n;
	p->groups_line = l->no;
	return 0;
}

static int d_uid(struct pctx *c, struct pline *l)
{
	unsigned long long v;
	if (parse_u64(l->f[0], UINT32_MAX - 1, &v))
		return perr(c, "uid must be a number");
	c->p->uid = (uid_t)v;
	c->p->uid_line = l->no;
	return 0;
}

static int d_cwd(struct pctx *c, struct pline *l)
{
	if (abspath(c, "cwd", l->f[0]))
		return -1;
	c->p->cwd = l->f[0];
	c->p->cwd_line = l->no;
	return 0;
}

static int d_exec(struct pctx *c, struct pline *l)
{
	if (!l->f[0][0])
		return perr(c, "exec program is empty");
	c->p->argv = (const char **)l->f;
	c->p->argc = l->n;
	c->p->exec_line = l->no;
	return 0;
}

/* ---- the table ---- */

struct directive {
	const char *word;
	int min, max;   /* field count; -1 = no limit */
	int repeat;     /* may appear more than once */
	int (*fn)(struct pctx *, struct pline *);
};

/* console and ttys exist twice: the header form has one field, the
 * filesystem step (DIR ORIGIN) two; the field count tells them apart. */
static const struct directive dirs[] = {
	{ "name", 1, 1, 0, d_name },
	{ "lxcpath", 1, 1, 0, d_lxcpath },
	{ "socket", 1, 1, 0, d_socket },
	{ "foreground", 1, 1, 0, d_foreground },
	{ "clone", 0, -1, 0, d_clone },
	{ "cgroup", 1, 1, 1, d_cgroup },
	{ "share", 2, 2, 1, d_share },
	{ "pdeathsig", 1, 1, 0, d_pdeathsig },
	{ "console", 1, 1, 0, d_console_mode },
	{ "console", 2, 2, 0, d_console_step },
	{ "console-log", 1, 1, 0, d_console_log },
	{ "console-path", 1, 1, 0, d_console_path },
	{ "console-log-size", 1, 2, 0, d_console_log_size },
	{ "console-buffer", 1, 1, 0, d_console_buffer },
	{ "ttys", 1, 1, 0, d_ttys_count },
	{ "ttys", 2, 2, 0, d_ttys_step },
	{ "teardown", 1, -1, 0, d_teardown },
	{ "on-reboot", 1, -1, 0, d_on_reboot },
	{ "cleanup", 2, 2, 1, d_cleanup },
	{ "notify", 1, 1, 0, d_notify },
	{ "log", 3, 3, 0, d_log },
	{ "init-reaper", 1, 1, 0, d_reaper },
	{ "hook-env", 1, 1, 1, d_hook_env },
	{ "rootfs", 4, 4, 0, d_rootfs },
	{ "mount", 7, 7, 1, d_mount },
	{ "mkdir", 3, 3, 1, d_mkdir },
	{ "mknod", 6, 6, 1, d_mknod },
	{ "symlink", 3, 3, 1, d_symlink },
	{ "hostname", 1, 1, 0, d_hostname },
	{ "netup", 1, 1, 1, d_netup },
	{ "sysctl", 2, 2, 1, d_sysctl },
	{ "rlimit", 3, 3, 1, d_rlimit },
	{ "capdrop", 0, -1, 1, d_capdrop },
	{ "nonewprivs", 1, 1, 0, d_nonewprivs },
	{ "env", 1, 1, 1, d_env },
	{ "gid", 1, 1, 0, d_gid },
	{ "groups", 0, -1, 0, d_groups },
	{ "uid", 1, 1, 0, d_uid },
	{ "cwd", 1, 1, 0, d_cwd },
	{ "exec", 1, -1, 0, d_exec },
};
#define NDIRS (sizeof(dirs) / sizeof(dirs[0]))

static int directive_line(struct pctx *c, char *line, int no, unsigned char *seen)
{
	/* split on single spaces; an empty token is caught by pct_decode */
	int n = 0;
	for (char *q = line; *q; q++)
		if (*q == ' ')
			n++;
	char **f = calloc((size_t)n + 2, sizeof(char *));
	if (!f)
		return perr(c, "out of memory");
	/* f[] is kept for the life of the plan: teardown and exec point into it */
	char *word = line;
	int i = 0;
	for (char *q = strchr(line, ' '); q; q = strchr(q + 1, ' ')) {
		*q = '\0';
		f[i++] = q + 1;
	}
	f[i] = NULL;

	const struct directive *d = NULL;
	int word_known = 0;
	for (size_t k = 0; k < NDIRS; k++) {
		if (strcmp(dirs[k].word, word))
			continue;
		word_known = 1;
		if (n >= dirs[k].min && (dirs[k].max < 0 || n <= dirs[k].max)) {
			d = &dirs[k];
			seen += k;
			break;
		}
	}
	if (!word_known) {
		free(f);
		return perr(c, "unknown directive \"%.40s\"", word);
	}
	if (!d) {
		free(f);
		return perr(c, "wrong number of fields (%d) for %s", n, word);
	}
	for (int k = 0; k < n; k++) {
		const char *why;
		if (pct_decode(f[k], &why)) {
			free(f);
			return perr(c, "%s: field %d: %s", word, k + 1, why);
		}
	}
	if (*seen && !d->repeat) {
		free(f);
		return perr(c, "duplicate %s", word);
	}
	*seen = 1;
	struct pline l = { no, n, f };
	int r = d->fn(c, &l);
	/* keep f only where the plan points at the array itself */
	if (d->fn != d_exec && d->fn != d_teardown && d->fn != d_on_reboot)
		free(f);
	return r;
}

/* Checks across directives; *line points at the directive to blame. */
static int final_checks(struct pctx *c, int *line)
{
	struct plan *p = c->p;
	int console_step = 0, ttys_step = 0;

	*line = 0;
	if (!p->argv)
		return perr(c, "missing exec");
	if (!p->name)
		return perr(c, "missing name");
	if (!p->socket)
		return perr(c, "missing socket");
	if ((p->has_rootfs || p->nsteps) && !(p->clone_flags & CLONE_NEWNS)) {
		*line = p->has_rootfs ? p->rootfs_line : p->steps[0].line;
		return perr(c, "rootfs and filesystem steps need \"clone mnt\"");
	}
	if (p->hostname && !(p->clone_flags & CLONE_NEWUTS)) {
		*line = p->hostname_line;
		return perr(c, "hostname needs \"clone uts\"");
	}
	if (p->nnetup && !(p->clone_flags & CLONE_NEWNET)) {
		*line = p->netup_line;
		return perr(c, "netup needs \"clone net\"");
	}
	for (int i = 0; i < p->nshares; i++) {
		if (p->clone_flags & p->shares[i].type) {
			*line = p->shares[i].line;
			return perr(c, "a shared namespace cannot also be cloned");
		}
	}
	if (p->reaper && !(p->clone_flags & CLONE_NEWPID)) {
		*line = p->reaper_line;
		return perr(c, "init-reaper needs \"clone pid\"");
	}
	for (int i = 0; i < p->nsteps; i++) {
		if (p->steps[i].kind == FS_CONSOLE)
			console_step = p->steps[i].line;
		if (p->steps[i].kind == FS_TTYS)
			ttys_step = p->steps[i].line;
	}
	if (p->console_path && !p->console_pty) {
		*line = 0;
		return perr(c, "console-path needs \"console pty\"");
	}
	if (console_step && !p->console_pty) {
		*line = console_step;
		return perr(c, "console step needs \"console pty\"");
	}
	if (ttys_step && !p->ttys) {
		*line = ttys_step;
		return perr(c, "ttys step needs \"ttys N\" with N > 0");
	}
	return 0;
}

int plan_parse(char *text, size_t len, struct plan *p, int *errline,
	       char *err, size_t errlen)
{
	struct pctx c = { p, err, errlen };
	unsigned char seen[NDIRS] = { 0 };
	int no = 0, have_version = 0, after_exec = 0;

	memset(p, 0, sizeof(*p));
	p->text = text;
	p->log_level = 5;
	*errline = 0;
	if (strlen(text) != len)
		return perr(&c, "NUL byte in plan");
	/* a plan cut short (its writer died) must not run what is left of it */
	if (len == 0 || text[len - 1] != '\n')
		return perr(&c, "the plan does not end with a newline: incomplete");

	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		no++;
		*errline = no;
		if (line[0] == '#' || line[0] == '\0') {
			/* comment or blank line */
		} else if (!have_version) {
			if (strcmp(line, PLAN_VERSION_LINE))
				return perr(&c, "expected \"%s\" as the first line", PLAN_VERSION_LINE);
			have_version = 1;
		} else if (after_exec) {
			return perr(&c, "exec must be the last directive");
		} else {
			if (directive_line(&c, line, no, seen))
				return -1;
			if (p->argv)
				after_exec = 1;
		}
		line = nl ? nl + 1 : NULL;
	}
	*errline = 0;
	if (!have_version)
		return perr(&c, "empty plan (no \"%s\" line)", PLAN_VERSION_LINE);
	if (!p->env) {
		p->env = calloc(1, sizeof(char *));
		if (!p->env)
			return perr(&c, "out of memory");
	}
	return final_checks(&c, errline);
}

void plan_free(struct plan *p)
{
	free(p->cgroups);
	free(p->steps);
	free(p->sysctls);
	free(p->rlimits);
	free(p->capdrop);
	free(p->env);
	free(p->groups);
	free(p->argv);
	free(p->teardown);
	free(p->on_reboot);
	free(p->shares);
	free(p->cleanups);
	free(p->netup);
	free(p->text);
	memset(p, 0, sizeof(*p));
}

char *plan_read_fd(int fd, size_t *lenp, int *errp)
{
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap + 1);
	if (!buf) {
		*errp = ENOMEM;
		return NULL;
	}
	for (;;) {
		if (len == cap) {
			if (cap >= PLAN_MAX_BYTES) {
				free(buf);
				*errp = EFBIG;
				return NULL;
			}
			cap *= 2;
			char *nb = realloc(buf, cap + 1);
			if (!nb) {
				free(buf);
				*errp = ENOMEM;
				return NULL;
			}
			buf = nb;
		}
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN) {
			/* a non-blocking pipe from the caller: wait for more */
			struct pollfd pfd = { fd, POLLIN, 0 };
			poll(&pfd, 1, -1);
			continue;
		}
		if (r < 0) {
			*errp = errno;
			free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	buf[len] = '\0';
	*lenp = len;
	return buf;
}
