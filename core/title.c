/* /proc/PID/cmdline is read from the argv strings in our own memory, so
 * overwriting them in place renames the process without re-exec. */
#include <string.h>
#include <sys/prctl.h>
#include "title.h"

static char *area;
static size_t area_len;

void title_init(int argc, char **argv)
{
	if (argc < 1 || !argv[0])
		return;
	area = argv[0];
	char *end = argv[0] + strlen(argv[0]);
	/* argv strings are contiguous: take all of them */
	for (int i = 1; i < argc && argv[i] == end + 1; i++)
		end = argv[i] + strlen(argv[i]);
	area_len = (size_t)(end - area);
}

void title_set(const char *title)
{
	prctl(PR_SET_NAME, title, 0, 0, 0);
	if (!area || !area_len)
		return;
	size_t n = strlen(title);
	if (n > area_len)
		n = area_len;
	memcpy(area, title, n);
	memset(area + n, 0, area_len - n + 1);
}
