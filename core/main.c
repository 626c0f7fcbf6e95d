/* lxc-core: subcommand dispatch.  See PLAN.md for the contract. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "attach.h"
#include "log.h"
#include "monitor.h"
#include "plan.h"
#include "proto.h"
#include "title.h"

#define CORE_VERSION "1"

/* check-plan and check-attach: parse stdin, print "ok" or "error LINE MESSAGE" */
typedef int (*parse_fn)(char *text, size_t len, void *out, int *line, char *err, size_t errlen);

static int check_stdin(parse_fn parse, void (*release)(void *), void *out)
{
	char err[512];
	size_t len;
	int e, line, r;
	char *text = plan_read_fd(0, &len, &e);
	if (!text) {
		printf("error 0 cannot read the plan: %s\n", strerror(e));
		return 1;
	}
	r = parse(text, len, out, &line, err, sizeof(err));
	if (r)
		printf("error %d %s\n", line, err);
	else
		printf("ok\n");
	release(out);
	return r ? 1 : 0;
}

static int parse_start(char *t, size_t n, void *o, int *l, char *e, size_t el) { return plan_parse(t, n, o, l, e, el); }
static void free_start(void *o) { plan_free(o); }
static int parse_attach(char *t, size_t n, void *o, int *l, char *e, size_t el) { return attach_parse(t, n, o, l, e, el); }
static void free_attach(void *o) { attach_free(o); }

static int cmd_start(void)
{
	struct plan p;
	char err[512];
	size_t len;
	int e, line, evfd = 4;

	for (int fd = 3; fd <= 5; fd++) {
		if (fcntl(fd, F_GETFD) < 0) {
			fprintf(stderr, "lxc-core start: fd %d is not open (3: plan, 4: events, 5: commands)\n", fd);
			return 1;
		}
	}
	char *text = plan_read_fd(3, &len, &e);
	close(3);
	if (!text) {
		snprintf(err, sizeof(err), "cannot read the plan: %s", strerror(e));
		ev_error(&evfd, 0, "plan", e, err);
		return 1;
	}
	if (plan_parse(text, len, &p, &line, err, sizeof(err))) {
		log_error("plan line %d: %s", line, err);
		ev_error(&evfd, line, "plan", EINVAL, err);
		return 1;
	}
	return monitor_run(&p);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	title_init(argc, argv);

	if (!strcmp(cmd, "version")) {
		printf("lxc-core %s\n", CORE_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "check-plan")) {
		struct plan p;
		return check_stdin(parse_start, free_start, &p);
	}
	if (!strcmp(cmd, "start"))
		return cmd_start();
	if (!strcmp(cmd, "attach"))
		return attach_main();
	if (!strcmp(cmd, "check-attach")) {
		struct attach_plan p;
		return check_stdin(parse_attach, free_attach, &p);
	}
	/* started as "[lxc monitor] LXCPATH NAME" with no arguments: the title ps shows is
	 * then exactly LXC's */
	if (argc == 1 && !strncmp(argv[0], "[lxc monitor]", 13))
		return cmd_start();
	fprintf(stderr, "usage: lxc-core start|attach|check-plan|check-attach|version\n");
	return 64;
}
