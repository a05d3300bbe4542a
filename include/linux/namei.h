/* Path walk: from a name to a struct path (fs/namei.c), and the LOOKUP_* flags. */
#ifndef _LINUX_NAMEI_H
#define _LINUX_NAMEI_H

#include <linux/path.h>
#include <linux/dcache.h>

#define MAXSYMLINKS	40

#define LOOKUP_FOLLOW		0x0001	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x0002	/* the last component must be a directory */
#define LOOKUP_EMPTY		0x4000	/* an empty name means the starting point */
#define LOOKUP_PARENT		0x0010

/* Names the syscalls take from user space (getname) or the kernel passes (getname_kernel). */
struct filename {
	const char *name;
	int refcnt;
};

struct filename *getname_kernel(const char *name);
struct filename *getname(const char __user *filename);
struct filename *getname_flags(const char __user *filename, int flags, int *empty);
int user_path_at(int dfd, const char __user *name, unsigned int flags, struct path *path);
void putname(struct filename *name);

/* Walks name from dfd (AT_FDCWD: the cwd) with LOOKUP_* flags; 0 and *path ref'd. */
int filename_lookup(int dfd, struct filename *name, unsigned int flags, struct path *path,
		    const struct path *root);
int kern_path(const char *name, unsigned int flags, struct path *path);
int user_path_at_empty(int dfd, const char __user *name, unsigned int flags,
		       struct path *path, int *empty);
/*
 * The parent of the last component, locked (i_rwsem), and a dentry for the component
 * (maybe negative), for creating: mkdir, mknod, symlink, link.
 */
struct dentry *kern_path_create(int dfd, const char *pathname, struct path *path,
				unsigned int lookup_flags);
struct dentry *filename_create(int dfd, struct filename *name, struct path *path,
			       unsigned int lookup_flags);
void done_path_create(struct path *path, struct dentry *dentry);
/* The child name of base (locked) from the dcache or the file system; ref'd or ERR_PTR. */
struct dentry *lookup_one_len(const char *name, struct dentry *base, int len);
/* Mount and symlink crossing at the end of a walk step (fs/namei.c, fs/namespace.c). */
bool follow_down_one(struct path *path);
int follow_up(struct path *path);
/* The directory and component of the last name of a path, for unlink/rmdir/rename. */
int filename_parentat(int dfd, struct filename *name, unsigned int flags,
		      struct path *parent, struct qstr *last, int *type);

enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

#endif
