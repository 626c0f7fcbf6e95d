/* The filesystem steps of the child, all in the new mount namespace. */
#ifndef LXC_CORE_MOUNTS_H
#define LXC_CORE_MOUNTS_H

#include "plan.h"
#include "sync.h"

/* Make "/" rslave and bind the rootfs (if any).  *rootfd is the O_PATH
 * directory all relative paths start from ("/" without a rootfs). */
int fs_prepare_root(const struct plan *p, int *rootfd, struct failure *f);
/* mount, mkdir, mknod, symlink steps */
int fs_step(int rootfd, const struct fs_step *s, struct failure *f);
/* pivot_root into the rootfs and drop the old root */
int fs_pivot(int rootfd, struct failure *f);

/* Bind SRCFD over PATH (created as an empty file if missing). */
int fs_bind_fd(int rootfd, int srcfd, const char *path, const char *step, struct failure *f);
/* Make LINK a symlink to TARGET; if LINK exists and is not a symlink, bind
 * SRCFD over it instead. */
int fs_link_or_bind(int rootfd, int srcfd, const char *link, const char *target,
		    const char *step, struct failure *f);

/* Turn a beneath_open() error into a failure naming the path. */
int fs_path_fail(struct failure *f, int err, const char *step, const char *what, const char *path);

#endif
