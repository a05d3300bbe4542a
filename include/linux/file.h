/* File descriptors: taking a struct file by fd, and installing and closing fds (fs/file.c). */
#ifndef _LINUX_FILE_H
#define _LINUX_FILE_H

#include <linux/types.h>

struct file;

/* The file at fd in current's table with a reference (fput it), or NULL. */
struct file *fget(unsigned int fd);
/* The same for a file opened with O_PATH too (fstat, fchdir, *at with AT_EMPTY_PATH). */
struct file *fget_raw(unsigned int fd);
/* Reserves the lowest free fd, O_CLOEXEC from flags; -EMFILE when full. */
int get_unused_fd_flags(unsigned int flags);
/* Frees a reserved fd that fd_install was not called for. */
void put_unused_fd(unsigned int fd);
/* Fills a reserved fd with file (the reference passes to the table). */
void fd_install(unsigned int fd, struct file *file);
/* Closes fd in current's table: 0 or -EBADF. */
int close_fd(unsigned int fd);
/* dup2/dup3: fd made to refer to file (its own reference), closing what was there. */
int replace_fd(unsigned int fd, struct file *file, unsigned int flags);
/* fcntl F_DUPFD: the lowest free fd >= from, referring to file. */
int f_dupfd(unsigned int from, struct file *file, unsigned int flags);
int __close_range(unsigned int fd, unsigned int max_fd, unsigned int flags);
void set_close_on_exec(unsigned int fd, int flag);
bool get_close_on_exec(unsigned int fd);

#define CLOSE_RANGE_UNSHARE	(1U << 1)
#define CLOSE_RANGE_CLOEXEC	(1U << 2)

#endif
