/*
 * Capabilities, as far as the kernel checks them so far: without capability sets, a
 * task whose effective uid is 0 holds every capability (Linux's behaviour for root).
 */
#ifndef _LINUX_CAPABILITY_H
#define _LINUX_CAPABILITY_H

#include <linux/cred.h>
#include <linux/sched.h>

#define CAP_IPC_LOCK	14
#define CAP_SYS_ADMIN	21
#define CAP_SYS_NICE	23

static inline bool capable(int cap)
{
	return current->cred->euid == 0;
}

#endif
