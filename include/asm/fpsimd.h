/* Saving and switching user FP/SIMD state (arch/arm64/kernel/fpsimd.c, entry-fpsimd.S). */
#ifndef _ASM_FPSIMD_H
#define _ASM_FPSIMD_H

struct task_struct;
struct user_fpsimd_state;

void fpsimd_save_state(struct user_fpsimd_state *state);
void fpsimd_load_state(const struct user_fpsimd_state *state);
/* From __switch_to, irqs off: current's registers out, next's in. */
void fpsimd_thread_switch(struct task_struct *next);
void fpsimd_preserve_current_state(void);
void fpsimd_flush_thread(void);

#endif
