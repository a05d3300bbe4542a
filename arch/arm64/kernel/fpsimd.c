/*
 * FP/SIMD state of user tasks, switched eagerly: the kernel itself never touches the
 * FP/SIMD registers (-mgeneral-regs-only), so the live registers belong to the user task
 * last run on this cpu. __switch_to saves them into the outgoing user task and loads the
 * incoming one's (Linux 6.1 defers the load to the return to user, TIF_FOREIGN_FPSTATE;
 * eager is the simpler of the two it allows).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <asm/fpsimd.h>

static bool has_user_fpsimd(struct task_struct *p)
{
	return !(p->flags & PF_KTHREAD);
}

void fpsimd_thread_switch(struct task_struct *next)
{
	if (has_user_fpsimd(current))
		fpsimd_save_state(&current->thread.uw.fpsimd_state);
	if (has_user_fpsimd(next))
		fpsimd_load_state(&next->thread.uw.fpsimd_state);
}

/* Before current's task_struct is copied (fork): memory must hold the live registers. */
void fpsimd_preserve_current_state(void)
{
	if (has_user_fpsimd(current))
		fpsimd_save_state(&current->thread.uw.fpsimd_state);
}

/* exec: the new program starts with every FP/SIMD register and FPSR/FPCR zero. */
void fpsimd_flush_thread(void)
{
	memset(&current->thread.uw.fpsimd_state, 0, sizeof(current->thread.uw.fpsimd_state));
	fpsimd_load_state(&current->thread.uw.fpsimd_state);
}
