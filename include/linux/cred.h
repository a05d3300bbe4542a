/*
 * A task's credentials: real, effective, saved and filesystem ids. Everything runs as
 * root (0) so far; the structure is shared between tasks and never written once
 * published (a change would make a new one, as Linux's prepare_creds/commit_creds).
 */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H

#include <linux/types.h>

struct cred {
	int usage;			/* references (atomic) */
	unsigned int uid, gid;		/* real */
	unsigned int suid, sgid;	/* saved */
	unsigned int euid, egid;	/* effective */
	unsigned int fsuid, fsgid;	/* for file access */
};

extern struct cred init_cred;

static inline struct cred *get_cred(struct cred *cred)
{
	__atomic_fetch_add(&cred->usage, 1, __ATOMIC_RELAXED);
	return cred;
}

/* The last reference frees it; init_cred holds one for good. */
void put_cred(struct cred *cred);

#endif
