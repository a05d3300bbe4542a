/*
 * Address-space lifetime and locking (Linux's sched/mm.h and mmap_lock.h): mm_users
 * counts the tasks using an mm (mmget/mmput: the last mmput tears the address space
 * down), mm_count the references to the struct (mmgrab/mmdrop: lazy-TLB kernel threads
 * hold one; the last frees the pgd and the struct).
 */
#ifndef _LINUX_SCHED_MM_H
#define _LINUX_SCHED_MM_H

#include <linux/mm_types.h>
#include <linux/rwsem.h>

struct task_struct;

static inline void mmgrab(struct mm_struct *mm)
{
	__atomic_fetch_add(&mm->mm_count, 1, __ATOMIC_RELAXED);
}

void __mmdrop(struct mm_struct *mm);
static inline void mmdrop(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_count, 1, __ATOMIC_ACQ_REL) == 0)
		__mmdrop(mm);
}

static inline void mmget(struct mm_struct *mm)
{
	__atomic_fetch_add(&mm->mm_users, 1, __ATOMIC_RELAXED);
}

/* A users reference unless the address space is already being torn down. */
static inline bool mmget_not_zero(struct mm_struct *mm)
{
	int users = __atomic_load_n(&mm->mm_users, __ATOMIC_RELAXED);

	while (users)
		if (__atomic_compare_exchange_n(&mm->mm_users, &users, users + 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	return false;
}

static inline int atomic_read_mm_users(struct mm_struct *mm)
{
	return __atomic_load_n(&mm->mm_users, __ATOMIC_RELAXED);
}

/* Drops a user; the last unmaps everything (exit_mmap) and drops the users' mm_count. May sleep. */
void mmput(struct mm_struct *mm);
/* The task's mm with an mm_users reference (mmput it), or NULL: a kernel thread, exited. */
struct mm_struct *get_task_mm(struct task_struct *task);
/* mm->exe_file: exec sets it (a reference), get_mm_exe_file returns it with another. */
void set_mm_exe_file(struct mm_struct *mm, struct file *new_exe_file);
struct file *get_mm_exe_file(struct mm_struct *mm);
/* A new, empty address space (pgd allocated, no VMAs), or NULL. */
struct mm_struct *mm_alloc(void);
/* mm/mmap.c: where mmap's top-down area starts (below the stack rlimit and its gap). */
void arch_pick_mmap_layout(struct mm_struct *mm);
/* fork: a copy of oldmm for tsk, private pages shared copy-on-write; NULL on failure. */
struct mm_struct *dup_mm(struct task_struct *tsk, struct mm_struct *oldmm);

static inline void mmap_read_lock(struct mm_struct *mm)	{ down_read(&mm->mmap_lock); }
static inline void mmap_read_unlock(struct mm_struct *mm)	{ up_read(&mm->mmap_lock); }
static inline bool mmap_read_trylock(struct mm_struct *mm)	{ return down_read_trylock(&mm->mmap_lock); }
static inline void mmap_write_lock(struct mm_struct *mm)	{ down_write(&mm->mmap_lock); }
static inline void mmap_write_unlock(struct mm_struct *mm)	{ up_write(&mm->mmap_lock); }

#endif
