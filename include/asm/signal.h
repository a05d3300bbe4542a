/* The sigreturn trampoline page mapped into every process (arch/arm64/kernel/sigpage.c). */
#ifndef _ASM_SIGNAL_H
#define _ASM_SIGNAL_H

/* Offset of `mov x8, #__NR_rt_sigreturn; svc #0` in the page. */
#define SIGPAGE_SIGRETURN	0

struct linux_binprm;
/* exec: maps the page into the new mm; sets mm->sigpage. */
int arch_setup_additional_pages(struct linux_binprm *bprm, int uses_interp);
/* Boot: writes the trampoline page. */
void sigpage_init(void);

#endif
