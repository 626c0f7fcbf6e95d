/* Resolving rootfs-relative paths without ever following a symlink. */
#ifndef LXC_CORE_BENEATH_H
#define LXC_CORE_BENEATH_H

#include <sys/types.h>

#define BN_MKDIR   1  /* create missing directories, the last one with MODE */
#define BN_MKFILE  2  /* create missing parent dirs (0755) and an empty file (MODE) */
#define BN_PARENTS 4  /* create missing parent dirs (0755) only */

/* Open PATH below ROOTFD as an O_PATH fd, refusing symlinks in every
 * component (the last one too) and any escape from ROOTFD.  Returns the fd
 * or -errno: -ELOOP for a symlink, -EXDEV for an escape. */
int beneath_open(int rootfd, const char *path, int how, mode_t mode);

/* Open PATH below ROOTFD following symlinks as if ROOTFD were "/"
 * (RESOLVE_IN_ROOT): for relsrc sources, which may be symlinks but must
 * stay inside the rootfs.  Without openat2, symlinks are refused. */
int inroot_open(int rootfd, const char *path);

/* Open the parent directory of PATH (creating missing dirs when
 * BN_PARENTS is in how) and point *base at the last component. */
int beneath_parent(int rootfd, const char *path, int how, const char **base);

/* "/proc/self/fd/N" for an fd, in the caller's buffer. */
const char *fdpath(int fd, char *buf, size_t len);

#endif
