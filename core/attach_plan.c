/* Parse and validate the attach plan (PLAN.md, "Attach").  Same text
 * syntax as the start plan: one directive per line, percent-encoded fields
 * separated by single spaces, `%-` for an empty field. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "attach.h"
#include "proto.h"

static const char *const ns_names[NS_COUNT] = {
	[NS_USER] = "user", [NS_PID] = "pid", [NS_UTS] = "uts", [NS_IPC] = "ipc",
	[NS_NET] = "net", [NS_TIME] = "time", [NS_MNT] = "mnt", [NS_CGROUP] = "cgroup",
};

const char *attach_ns_name(int i)
{
	return i >= 0 && i < NS_COUNT ? ns_names[i] : "?";
}

struct actx {
	struct attach_plan *p;
	char *err;
	size_t errlen;
};

static int aerr(struct actx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int aerr(struct actx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->err, c->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int num(const char *s, unsigned long long max, unsigned long long *out)
{
	unsigned long long v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (ULLONG_MAX - 9) / 10)
			return -1;
		v = v * 10 + (unsigned)(*s - '0');
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

static int bool01(struct actx *c, const char *word, const char *s, int *out)
{
	if (strcmp(s, "0") && strcmp(s, "1"))
		return aerr(c, "%s must be 0 or 1", word);
	*out = s[0] == '1';
	return 0;
}

/* append to a NULL-terminated pointer array */
static int push_str(const char ***arr, int *n, const char *s)
{
	const char **na = realloc(*arr, (size_t)(*n + 2) * sizeof(**arr));
	if (!na)
		return -1;
	na[(*n)++] = s;
	na[*n] = NULL;
	*arr = na;
	return 0;
}

enum { D_PID, D_NAME, D_QUIET, D_SETNS, D_CGROUP, D_CAPDROP, D_NONEWPRIVS, D_ENV,
       D_GID, D_GROUPS, D_UID, D_CWD, D_PTY, D_EXEC, D_COUNT };

static const struct {
	const char *word;
	int min, max;   /* field count, -1 = any */
	int repeat;
} dirs[D_COUNT] = {
	[D_PID] = { "pid", 1, 1, 0 },
	[D_NAME] = { "name", 1, 1, 0 },
	[D_QUIET] = { "quiet", 1, 1, 0 },
	[D_SETNS] = { "setns", 0, -1, 0 },
	[D_CGROUP] = { "cgroup", 1, 1, 1 },
	[D_CAPDROP] = { "capdrop", 0, -1, 1 },
	[D_NONEWPRIVS] = { "nonewprivs", 1, 1, 0 },
	[D_ENV] = { "env", 1, 1, 1 },
	[D_GID] = { "gid", 1, 1, 0 },
	[D_GROUPS] = { "groups", 0, -1, 0 },
	[D_UID] = { "uid", 1, 1, 0 },
	[D_CWD] = { "cwd", 1, 1, 0 },
	[D_PTY] = { "pty", 1, 1, 0 },
	[D_EXEC] = { "exec", 1, -1, 0 },
};

static int directive(struct actx *c, int d, char **f, int n)
{
	struct attach_plan *p = c->p;
	unsigned long long v;

	switch (d) {
	case D_PID:
		if (num(f[0], INT_MAX, &v) || v < 1)
			return aerr(c, "pid must be a process id");
		p->pid = (pid_t)v;
		return 0;
	case D_NAME:
		p->name = f[0];
		return 0;
	case D_QUIET:
		return bool01(c, "quiet", f[0], &p->quiet);
	case D_SETNS:
		for (int i = 0; i < n; i++) {
			int k;
			for (k = 0; k < NS_COUNT; k++)
				if (!strcmp(f[i], ns_names[k]))
					break;
			if (k == NS_COUNT)
				return aerr(c, "unknown namespace \"%.40s\" (want user mnt pid uts ipc net cgroup time)", f[i]);
			if (p->ns[k])
				return aerr(c, "namespace \"%s\" given twice", f[i]);
			p->ns[k] = 1;
		}
		return 0;
	case D_CGROUP:
		if (f[0][0] != '/')
			return aerr(c, "cgroup DIR must be an absolute path");
		return push_str(&p->cgroups, &p->ncgroups, f[0]) ? aerr(c, "out of memory") : 0;
	case D_CAPDROP:
		for (int i = 0; i < n; i++) {
			if (num(f[i], 63, &v))
				return aerr(c, "capdrop wants capability numbers 0..63");
			int *na = realloc(p->capdrop, (size_t)(p->ncapdrop + 1) * sizeof(int));
			if (!na)
				return aerr(c, "out of memory");
			p->capdrop = na;
			p->capdrop[p->ncapdrop++] = (int)v;
		}
		return 0;
	case D_NONEWPRIVS:
		return bool01(c, "nonewprivs", f[0], &p->nonewprivs);
	case D_ENV:
		if (!strchr(f[0], '=') || f[0][0] == '=')
			return aerr(c, "env wants K=V");
		return push_str(&p->env, &p->nenv, f[0]) ? aerr(c, "out of memory") : 0;
	case D_GID:
		if (num(f[0], UINT32_MAX - 1, &v))
			return aerr(c, "gid must be a number");
		p->gid = (gid_t)v;
		p->has_gid = 1;
		return 0;
	case D_GROUPS:
		p->groups = calloc((size_t)n + 1, sizeof(gid_t));
		if (!p->groups)
			return aerr(c, "out of memory");
		for (int i = 0; i < n; i++) {
			if (num(f[i], UINT32_MAX - 1, &v))
				return aerr(c, "groups wants numbers");
			p->groups[i] = (gid_t)v;
		}
		p->ngroups = n;
		p->has_groups = 1;
		return 0;
	case D_UID:
		if (num(f[0], UINT32_MAX - 1, &v))
			return aerr(c, "uid must be a number");
		p->uid = (uid_t)v;
		p->has_uid = 1;
		return 0;
	case D_CWD:
		if (f[0][0] != '/')
			return aerr(c, "cwd must be an absolute path");
		p->cwd = f[0];
		return 0;
	case D_PTY:
		return bool01(c, "pty", f[0], &p->pty);
	case D_EXEC:
		if (!f[0][0])
			return aerr(c, "exec program is empty");
		for (int i = 0; i < n; i++)
			if (push_str(&p->argv, &p->argc, f[i]))
				return aerr(c, "out of memory");
		return 0;
	}
	return aerr(c, "internal: bad directive");
}

static int parse_line(struct actx *c, char *line, unsigned char *seen)
{
	int n = 0;
	for (char *q = line; *q; q++)
		if (*q == ' ')
			n++;
	char **f = calloc((size_t)n + 1, sizeof(char *));
	if (!f)
		return aerr(c, "out of memory");
	int i = 0;
	for (char *q = strchr(line, ' '); q; q = strchr(q + 1, ' ')) {
		*q = '\0';
		f[i++] = q + 1;
	}
	int d, r = -1;
	for (d = 0; d < D_COUNT; d++)
		if (!strcmp(dirs[d].word, line))
			break;
	if (d == D_COUNT) {
		aerr(c, "unknown directive \"%.40s\"", line);
		goto out;
	}
	if (n < dirs[d].min || (dirs[d].max >= 0 && n > dirs[d].max)) {
		aerr(c, "wrong number of fields (%d) for %s", n, line);
		goto out;
	}
	if (seen[d] && !dirs[d].repeat) {
		aerr(c, "duplicate %s", line);
		goto out;
	}
	seen[d] = 1;
	for (int k = 0; k < n; k++) {
		const char *why;
		if (pct_decode(f[k], &why)) {
			aerr(c, "%s: field %d: %s", line, k + 1, why);
			goto out;
		}
	}
	r = directive(c, d, f, n);
out:
	free(f);
	return r;
}

int attach_parse(char *text, size_t len, struct attach_plan *p, int *errline,
		 char *err, size_t errlen)
{
	struct actx c = { p, err, errlen };
	unsigned char seen[D_COUNT] = { 0 };
	int no = 0, have_version = 0;

	memset(p, 0, sizeof(*p));
	p->text = text;
	p->name = "";
	*errline = 0;
	if (strlen(text) != len)
		return aerr(&c, "NUL byte in plan");
	/* a plan cut short (its writer died) must not run what is left of it */
	if (len == 0 || text[len - 1] != '\n')
		return aerr(&c, "the plan does not end with a newline: incomplete");
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		*errline = ++no;
		if (line[0] == '#' || line[0] == '\0') {
			/* comment or blank */
		} else if (!have_version) {
			if (strcmp(line, ATTACH_VERSION_LINE))
				return aerr(&c, "expected \"%s\" as the first line", ATTACH_VERSION_LINE);
			have_version = 1;
		} else if (p->argv) {
			return aerr(&c, "exec must be the last directive");
		} else if (parse_line(&c, line, seen)) {
			return -1;
		}
		line = nl ? nl + 1 : NULL;
	}
	*errline = 0;
	if (!have_version)
		return aerr(&c, "empty plan (no \"%s\" line)", ATTACH_VERSION_LINE);
	if (!p->pid)
		return aerr(&c, "missing pid");
	if (!p->argv)
		return aerr(&c, "missing exec");
	if (!p->env) {
		p->env = calloc(1, sizeof(*p->env));
		if (!p->env)
			return aerr(&c, "out of memory");
	}
	return 0;
}

void attach_free(struct attach_plan *p)
{
	free(p->cgroups);
	free(p->capdrop);
	free(p->env);
	free(p->groups);
	free(p->argv);
	free(p->text);
	memset(p, 0, sizeof(*p));
}
