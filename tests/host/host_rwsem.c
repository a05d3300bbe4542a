/*
 * Host stand-in for kernel/locking/rwsem.c: one thread, so a reader count or one
 * writer; a down that would have to wait (a deadlock here) is a BUG. The validator sees
 * them as the kernel's.
 */
#include <linux/kernel.h>
#include <linux/rwsem.h>

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key)
{
	sem->count = 0;
	lockdep_init_map(&sem->dep_map, name, key, LD_WAIT_SLEEP);
}

void down_read(struct rw_semaphore *sem)
{
	might_sleep();
	rwsem_acquire_read(&sem->dep_map, 0, 0, _RET_IP_);
	BUG_ON(sem->count < 0);
	sem->count++;
}

int down_read_trylock(struct rw_semaphore *sem)
{
	if (sem->count < 0)
		return 0;
	down_read(sem);
	return 1;
}

void up_read(struct rw_semaphore *sem)
{
	rwsem_release(&sem->dep_map, _RET_IP_);
	BUG_ON(sem->count <= 0);
	sem->count--;
}

static void host_down_write(struct rw_semaphore *sem, int subclass, unsigned long ip)
{
	might_sleep();
	rwsem_acquire(&sem->dep_map, subclass, 0, ip);
	BUG_ON(sem->count != 0);
	sem->count = -1;
}

void down_write(struct rw_semaphore *sem)
{
	host_down_write(sem, 0, _RET_IP_);
}

void down_write_nested(struct rw_semaphore *sem, int subclass)
{
	host_down_write(sem, subclass, _RET_IP_);
}

void up_write(struct rw_semaphore *sem)
{
	rwsem_release(&sem->dep_map, _RET_IP_);
	BUG_ON(sem->count != -1);
	sem->count = 0;
}
