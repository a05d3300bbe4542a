/* Turning a user exception into a signal (arch/arm64/kernel/traps.c). */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

/*
 * Records far/esr for the signal frame and forces sig on current; logs the fault (as
 * Linux's show_unhandled_signals) when no handler will take it.
 */
void arm64_force_sig_fault(int signo, int code, unsigned long far, unsigned long esr,
			   const char *str);

#endif
