/*
 * The kernel's own versions of the file syscalls, on kernel-space names (fs/init.c),
 * for the initramfs unpacker and the early mounts; each returns 0 or -errno.
 */
#ifndef _LINUX_INIT_SYSCALLS_H
#define _LINUX_INIT_SYSCALLS_H

#include <linux/types.h>

struct timespec64;

int init_mount(const char *dev_name, const char *dir_name, const char *type_page,
	       unsigned long flags, void *data_page);
int init_umount(const char *name, int flags);
int init_chdir(const char *filename);
int init_chroot(const char *filename);
int init_chown(const char *filename, uid_t user, gid_t group, int flags);
int init_chmod(const char *filename, umode_t mode);
int init_eaccess(const char *filename);
int init_stat(const char *filename, struct kstat *stat, int flags);
int init_mknod(const char *filename, umode_t mode, unsigned int dev);
int init_link(const char *oldname, const char *newname);
int init_symlink(const char *oldname, const char *newname);
int init_unlink(const char *pathname);
int init_mkdir(const char *pathname, umode_t mode);
int init_rmdir(const char *pathname);
int init_utimes(char *filename, struct timespec64 *ts);

#endif
