/*
 * The small process system calls (Linux's kernel/sys.c and friends): ids (pid, tid,
 * parent, uid/gid), process groups and sessions, uname, sysinfo, umask, prctl (name,
 * parent-death signal, child subreaper, no_new_privs),
 * resource limits and usage, the scheduler's yield and affinity calls, getcpu.
 */
#include <linux/kernel.h>
#include <linux/utsname.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/arch_numa.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/cred.h>
#include <linux/fs_struct.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <uapi/linux/resource.h>
#include <asm/uaccess.h>

SYSCALL_DEFINE0(getpid)
{
	return current->tgid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;
}

SYSCALL_DEFINE0(getppid)
{
	pid_t pid;

	spin_lock(&tasklist_lock);
	pid = current->group_leader->real_parent->tgid;
	spin_unlock(&tasklist_lock);
	return pid;
}

SYSCALL_DEFINE0(getuid)
{
	return current->cred->uid;
}

SYSCALL_DEFINE0(geteuid)
{
	return current->cred->euid;
}

SYSCALL_DEFINE0(getgid)
{
	return current->cred->gid;
}

SYSCALL_DEFINE0(getegid)
{
	return current->cred->egid;
}

SYSCALL_DEFINE3(getresuid, unsigned int __user *, ruid, unsigned int __user *, euid,
		unsigned int __user *, suid)
{
	const struct cred *c = current->cred;

	if (put_user(c->uid, ruid) || put_user(c->euid, euid) || put_user(c->suid, suid))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresgid, unsigned int __user *, rgid, unsigned int __user *, egid,
		unsigned int __user *, sgid)
{
	const struct cred *c = current->cred;

	if (put_user(c->gid, rgid) || put_user(c->egid, egid) || put_user(c->sgid, sgid))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(getgroups, int, gidsetsize, unsigned int __user *, grouplist)
{
	/* Root belongs to no supplementary group. */
	return gidsetsize < 0 ? -EINVAL : 0;
}

/* ---- process groups and sessions --------------------------------------------------- */

/* The process (thread group leader) with pid, tasklist_lock held; NULL if none. */
static struct task_struct *find_process(pid_t pid)
{
	struct task_struct *p = find_task_by_pid_locked(pid);

	return p && p->group_leader == p ? p : NULL;
}

/* Whether some process has process group pgrp (in session sid, unless sid < 0). */
static bool pgrp_exists(pid_t pgrp, pid_t sid)
{
	struct task_struct *p;

	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->group_leader == p && p->signal->pgrp == pgrp &&
		    (sid < 0 || p->signal->session == sid))
			return true;
	return false;
}

SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid)
{
	struct task_struct *p, *me = current->group_leader;
	int err = -ESRCH;

	if (!pid)
		pid = me->tgid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	p = find_process(pid);
	if (!p)
		goto out;
	/* Ourselves or a child of ours that has not exec'd yet, in our session. */
	err = -ESRCH;
	if (p != me && p->real_parent->group_leader != me)
		goto out;
	err = -EACCES;
	if (p != me && !(p->flags & PF_FORKNOEXEC))
		goto out;
	err = -EPERM;
	if (p->signal->leader || p->signal->session != me->signal->session)
		goto out;
	if (pgid != pid && !pgrp_exists(pgid, me->signal->session))
		goto out;
	p->signal->pgrp = pgid;
	err = 0;
out:
	spin_unlock(&tasklist_lock);
	return err;
}

static pid_t get_pgid_or_sid(pid_t pid, bool sid)
{
	struct task_struct *p;
	pid_t ret = -ESRCH;

	spin_lock(&tasklist_lock);
	p = pid ? find_process(pid) : current->group_leader;
	if (p)
		ret = sid ? p->signal->session : p->signal->pgrp;
	spin_unlock(&tasklist_lock);
	return ret;
}

SYSCALL_DEFINE1(getpgid, pid_t, pid)
{
	return get_pgid_or_sid(pid, false);
}

SYSCALL_DEFINE1(getsid, pid_t, pid)
{
	return get_pgid_or_sid(pid, true);
}

/* A new session and process group led by the caller, without a controlling tty. */
SYSCALL_DEFINE0(setsid)
{
	struct task_struct *me = current->group_leader;
	pid_t sid = me->tgid;
	int err = -EPERM;

	spin_lock(&tasklist_lock);
	/* Not if a process group with our pid exists (we lead one, say). */
	if (pgrp_exists(sid, -1))
		goto out;
	me->signal->leader = 1;
	me->signal->session = sid;
	me->signal->pgrp = sid;
	me->signal->tty = NULL;
	err = sid;
out:
	spin_unlock(&tasklist_lock);
	return err;
}

/* ---- uname, sysinfo, umask, prctl -------------------------------------------------- */

/* utsname: written by sethostname/setdomainname and /proc/sys under uts_lock. */
DEFINE_SPINLOCK(uts_lock);
struct new_utsname init_uts = {
	.sysname = "Linux",
	.nodename = "(none)",
	.release = UTS_RELEASE,
	.version = "#1 SMP",
	.machine = "aarch64",
	.domainname = "(none)",
};

SYSCALL_DEFINE1(newuname, struct new_utsname __user *, name)
{
	struct new_utsname tmp;

	spin_lock(&uts_lock);
	tmp = init_uts;
	spin_unlock(&uts_lock);
	return copy_to_user(name, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

static int set_uts_field(char *field, const char __user *name, int len)
{
	char tmp[65];

	if (len < 0 || len > 64)
		return -EINVAL;
	if (copy_from_user(tmp, name, len))
		return -EFAULT;
	tmp[len] = '\0';
	spin_lock(&uts_lock);
	memcpy(field, tmp, len + 1);
	spin_unlock(&uts_lock);
	return 0;
}

SYSCALL_DEFINE2(sethostname, char __user *, name, int, len)
{
	return set_uts_field(init_uts.nodename, name, len);
}

SYSCALL_DEFINE2(setdomainname, char __user *, name, int, len)
{
	return set_uts_field(init_uts.domainname, name, len);
}

struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	u16 procs, pad;
	unsigned long totalhigh, freehigh;
	u32 mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

SYSCALL_DEFINE1(sysinfo, struct sysinfo __user *, info)
{
	struct sysinfo val;

	memset(&val, 0, sizeof(val));
	val.uptime = ktime_get() / NSEC_PER_SEC + 1;
	val.totalram = totalram_pages();
	val.freeram = global_zone_page_state(NR_FREE_PAGES);
	val.procs = (u16)min(nr_threads, 0xffff);
	val.mem_unit = PAGE_SIZE;
	return copy_to_user(info, &val, sizeof(val)) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(umask, int, mask)
{
	struct fs_struct *fs = current->fs;
	int old;

	spin_lock(&fs->lock);
	old = fs->umask;
	fs->umask = mask & 0777;
	spin_unlock(&fs->lock);
	return old;
}

#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_SET_CHILD_SUBREAPER	36
#define PR_GET_CHILD_SUBREAPER	37
#define PR_SET_NO_NEW_PRIVS	38
#define PR_GET_NO_NEW_PRIVS	39

/* The options about signals and reaping: the parent-death signal, the child subreaper. */
static int prctl_signal_options(int option, unsigned long arg2)
{
	switch (option) {
	case PR_SET_PDEATHSIG:
		if (arg2 > _NSIG)
			return -EINVAL;
		current->pdeath_signal = (int)arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(current->pdeath_signal, (int __user *)arg2);
	case PR_SET_CHILD_SUBREAPER:
		current->signal->is_child_subreaper = !!arg2;
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		return put_user((int)current->signal->is_child_subreaper, (int __user *)arg2);
	}
	return -EINVAL;
}

SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	char comm[TASK_COMM_LEN];

	switch (option) {
	case PR_SET_NAME:
		if (strncpy_from_user(comm, (const char __user *)arg2, sizeof(comm) - 1) < 0)
			return -EFAULT;
		comm[sizeof(comm) - 1] = '\0';
		strscpy(current->comm, comm, sizeof(current->comm));
		return 0;
	case PR_GET_NAME:
		strscpy(comm, current->comm, sizeof(comm));
		return copy_to_user((char __user *)arg2, comm, sizeof(comm)) ? -EFAULT : 0;
	case PR_GET_DUMPABLE:
		return 1;
	case PR_SET_DUMPABLE:
		return arg2 <= 1 ? 0 : -EINVAL;
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || arg3 || arg4 || arg5)
			return -EINVAL;
		task_set_no_new_privs(current);
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return task_no_new_privs(current);
	}
	return prctl_signal_options(option, arg2);
}

/* ---- scheduling -------------------------------------------------------------------- */

SYSCALL_DEFINE0(sched_yield)
{
	/* schedule() with current still runnable: CFS picks the leftmost, maybe us again. */
	set_tsk_need_resched(current);
	schedule();
	return 0;
}

/* The cpu and node the caller ran on a moment ago (it may have moved since, as in Linux). */
SYSCALL_DEFINE3(getcpu, unsigned int __user *, cpup, unsigned int __user *, nodep,
		void __user *, unused)
{
	unsigned int cpu = raw_smp_processor_id();

	if (cpup && put_user(cpu, cpup))
		return -EFAULT;
	if (nodep && put_user((unsigned int)cpu_to_node(cpu), nodep))
		return -EFAULT;
	return 0;
}

/* The thread pid (0: current), tasklist_lock held. */
static struct task_struct *find_thread(pid_t pid)
{
	return pid ? find_task_by_pid_locked(pid) : current;
}

SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len, unsigned long __user *, user_mask_ptr)
{
	struct task_struct *p;
	struct cpumask mask;
	unsigned int size = sizeof(unsigned long);

	/* Linux's rule: room for nr_cpu_ids bits, in whole longs. */
	if (len * 8 < nr_cpu_ids || (len & (sizeof(unsigned long) - 1)))
		return -EINVAL;
	spin_lock(&tasklist_lock);
	p = find_thread(pid);
	if (p)
		mask.bits[0] = p->cpus_mask.bits[0] & cpu_online_mask->bits[0];
	spin_unlock(&tasklist_lock);
	if (!p)
		return -ESRCH;
	if (copy_to_user(user_mask_ptr, mask.bits, size) || clear_user((char __user *)user_mask_ptr + size, len - size))
		return -EFAULT;
	return len;
}

SYSCALL_DEFINE3(sched_setaffinity, pid_t, pid, unsigned int, len, unsigned long __user *, user_mask_ptr)
{
	struct task_struct *p;
	struct cpumask mask;
	int ret;

	cpumask_clear(&mask);
	if (copy_from_user(mask.bits, user_mask_ptr, min_t(unsigned int, len, sizeof(unsigned long))))
		return -EFAULT;
	mask.bits[0] &= cpu_online_mask->bits[0];
	if (cpumask_empty(&mask))
		return -EINVAL;
	spin_lock(&tasklist_lock);
	p = find_thread(pid);
	if (p)
		get_task_struct(p);
	spin_unlock(&tasklist_lock);
	if (!p)
		return -ESRCH;
	ret = set_cpus_allowed_ptr(p, &mask);
	put_task_struct(p);
	return ret;
}

/* ---- resource limits and usage ----------------------------------------------------- */

static int do_prlimit(struct task_struct *tsk, unsigned int resource, struct rlimit *new_rlim,
		      struct rlimit *old_rlim)
{
	struct rlimit *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new_rlim && new_rlim->rlim_cur > new_rlim->rlim_max)
		return -EINVAL;
	if (new_rlim && resource == RLIMIT_NOFILE && new_rlim->rlim_max > 1024 * 1024)
		return -EPERM;
	rlim = tsk->signal->rlim + resource;
	spin_lock_irq(&tsk->sighand->siglock);
	if (old_rlim)
		*old_rlim = *rlim;
	if (new_rlim)
		*rlim = *new_rlim;
	spin_unlock_irq(&tsk->sighand->siglock);
	return 0;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit __user *, rlim)
{
	struct rlimit value;
	int ret = do_prlimit(current, resource, NULL, &value);

	if (!ret && copy_to_user(rlim, &value, sizeof(value)))
		ret = -EFAULT;
	return ret;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, struct rlimit __user *, rlim)
{
	struct rlimit new_rlim;

	if (copy_from_user(&new_rlim, rlim, sizeof(new_rlim)))
		return -EFAULT;
	return do_prlimit(current, resource, &new_rlim, NULL);
}

SYSCALL_DEFINE4(prlimit64, pid_t, pid, unsigned int, resource,
		const struct rlimit64 __user *, new_rlim, struct rlimit64 __user *, old_rlim)
{
	struct rlimit64 old64, new64;
	struct rlimit old, new;
	struct task_struct *tsk;
	int ret;

	if (new_rlim) {
		if (copy_from_user(&new64, new_rlim, sizeof(new64)))
			return -EFAULT;
		new.rlim_cur = new64.rlim_cur;
		new.rlim_max = new64.rlim_max;
	}
	spin_lock(&tasklist_lock);
	tsk = pid ? find_process(pid) : current;
	if (tsk)
		get_task_struct(tsk);
	spin_unlock(&tasklist_lock);
	if (!tsk)
		return -ESRCH;
	ret = do_prlimit(tsk, resource, new_rlim ? &new : NULL, old_rlim ? &old : NULL);
	put_task_struct(tsk);
	if (!ret && old_rlim) {
		old64.rlim_cur = old.rlim_cur;
		old64.rlim_max = old.rlim_max;
		if (copy_to_user(old_rlim, &old64, sizeof(old64)))
			ret = -EFAULT;
	}
	return ret;
}

static void ns_to_timeval(u64 ns, struct __kernel_old_timeval *tv)
{
	tv->tv_sec = ns / NSEC_PER_SEC;
	tv->tv_usec = ns % NSEC_PER_SEC / NSEC_PER_USEC;
}

/*
 * Linux's getrusage: the times split into user and system as the ticks were
 * (cputime_adjust), the counters summed over the live and dead threads.
 */
static void getrusage_task(struct task_struct *p, int who, struct rusage *r)
{
	struct signal_struct *sig = p->signal;
	struct task_struct *t;
	u64 utime = 0, stime = 0;

	memset(r, 0, sizeof(*r));
	if (who == RUSAGE_CHILDREN) {
		utime = sig->cutime;
		stime = sig->cstime;
		r->ru_nvcsw = sig->cnvcsw;
		r->ru_nivcsw = sig->cnivcsw;
		r->ru_minflt = sig->cmin_flt;
		r->ru_majflt = sig->cmaj_flt;
		r->ru_maxrss = sig->cmaxrss;
	} else if (who == RUSAGE_THREAD) {
		task_cputime_adjusted(p, &utime, &stime);
		r->ru_nvcsw = p->nvcsw;
		r->ru_nivcsw = p->nivcsw;
		r->ru_minflt = p->min_flt;
		r->ru_majflt = p->maj_flt;
	} else {
		spin_lock(&tasklist_lock);
		thread_group_cputime_adjusted(p, &utime, &stime);
		r->ru_nvcsw = sig->nvcsw;
		r->ru_nivcsw = sig->nivcsw;
		r->ru_minflt = sig->min_flt;
		r->ru_majflt = sig->maj_flt;
		for_each_thread(p, t) {
			r->ru_nvcsw += t->nvcsw;
			r->ru_nivcsw += t->nivcsw;
			r->ru_minflt += t->min_flt;
			r->ru_majflt += t->maj_flt;
		}
		spin_unlock(&tasklist_lock);
		if (p->mm)
			r->ru_maxrss = get_mm_rss(p->mm) * (PAGE_SIZE / 1024);
	}
	ns_to_timeval(utime, &r->ru_utime);
	ns_to_timeval(stime, &r->ru_stime);
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage __user *, ru)
{
	struct rusage r;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	getrusage_task(current, who, &r);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}
