/*
 * The arm64 signal frame's machine context, as user space reads it: struct sigcontext
 * with a 4096-byte record area holding an fpsimd_context, an esr_context for faults,
 * and a zero terminator (Linux's uapi/asm/sigcontext.h and ucontext.h layout).
 */
#ifndef _UAPI_ASM_SIGCONTEXT_H
#define _UAPI_ASM_SIGCONTEXT_H

#include <linux/types.h>
#include <uapi/asm-generic/signal.h>

struct sigcontext {
	u64 fault_address;
	u64 regs[31];
	u64 sp;
	u64 pc;
	u64 pstate;
	u8 __reserved[4096] __attribute__((__aligned__(16)));
};

/* The header of each record in __reserved; magic 0 and size 0 end the list. */
struct _aarch64_ctx {
	u32 magic;
	u32 size;
};

#define FPSIMD_MAGIC	0x46508001
struct fpsimd_context {
	struct _aarch64_ctx head;
	u32 fpsr;
	u32 fpcr;
	__uint128_t vregs[32];
};

#define ESR_MAGIC	0x45535201
struct esr_context {
	struct _aarch64_ctx head;
	u64 esr;
};

#define EXTRA_MAGIC	0x45585401
#define SVE_MAGIC	0x53564501

struct ucontext {
	unsigned long uc_flags;
	struct ucontext __user *uc_link;
	stack_t uc_stack;
	sigset_t uc_sigmask;
	u8 __unused[1024 / 8 - sizeof(sigset_t)];
	struct sigcontext uc_mcontext;
};

#endif
