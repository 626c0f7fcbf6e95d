/* Capability dropping with prctl() and the raw capget/capset syscalls
 * (no libcap: three calls do not justify a library). */
#include <errno.h>
#include <linux/capability.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "caps.h"

int caps_drop(const int *caps, int n, struct failure *f)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	if (n == 0)
		return 0;
	for (int i = 0; i < n; i++) {
		int cap = caps[i];
		/* a capability this kernel does not know cannot be held */
		if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) < 0 && errno == EINVAL)
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0)
			return fail(f, errno, "caps", "cannot drop capability %d from the bounding set: %s",
				    cap, strerror(errno));
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, cap, 0, 0) < 0 && errno != EINVAL)
			return fail(f, errno, "caps", "cannot lower ambient capability %d: %s",
				    cap, strerror(errno));
	}
	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data) < 0)
		return fail(f, errno, "caps", "capget failed: %s", strerror(errno));
	for (int i = 0; i < n; i++)
		data[caps[i] / 32].inheritable &= ~(1u << (caps[i] % 32));
	if (syscall(SYS_capset, &hdr, data) < 0)
		return fail(f, errno, "caps", "cannot clear inheritable capabilities: %s", strerror(errno));
	return 0;
}
