/*
 * Touching memory that may fault, shared by the tests/user programs: a test's SIGSEGV or
 * SIGBUS handler (SA_SIGINFO | SA_NODEFER) ends in fault_return, which records the signal
 * and its siginfo and jumps back into fault_sig.
 */
#ifndef TESTS_USER_FAULTS_H
#define TESTS_USER_FAULTS_H

#include <setjmp.h>
#include <signal.h>
#include <string.h>

static sigjmp_buf fault_jmp;
static volatile siginfo_t last_fault;
static volatile int last_sig;

static void __attribute__((noreturn)) fault_return(int sig, const siginfo_t *si)
{
	last_sig = sig;
	last_fault = *si;
	siglongjmp(fault_jmp, 1);
}

/* The signal touching p raised (0: none), its siginfo in last_fault; a write if write. */
static int fault_sig(volatile char *p, int write)
{
	memset((void *)&last_fault, 0, sizeof(last_fault));
	last_sig = 0;
	if (sigsetjmp(fault_jmp, 1))
		return last_sig;
	if (write)
		*p = 1;
	else
		(void)*p;
	return 0;
}

/* Whether touching p (a write if write) faults. */
static inline int faults(volatile char *p, int write)
{
	return fault_sig(p, write) != 0;
}

#endif
