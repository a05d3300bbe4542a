/*
 * Delivering signals to user space on arm64 (Linux's arch/arm64/kernel/signal.c): the
 * rt_sigframe pushed on the user (or alternate) stack holds the siginfo and a ucontext
 * whose sigcontext has the registers and, in its record area, the FP/SIMD state and for
 * faults the ESR; below it a frame record chains the handler's frame to the interrupted
 * one. The handler returns through the sigreturn trampoline of the process's sigpage
 * (Linux's vDSO sigtramp) unless SA_RESTORER names another; rt_sigreturn reads the
 * frame back, checking every field it restores.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <linux/mm.h>
#include <uapi/asm-generic/unistd.h>
#include <uapi/asm/sigcontext.h>
#include <asm/elf.h>
#include <asm/fpsimd.h>
#include <asm/processor.h>
#include <asm/signal.h>
#include <asm/uaccess.h>

struct rt_sigframe {
	kernel_siginfo_t info;
	struct ucontext uc;
};

struct frame_record {
	u64 fp;
	u64 lr;
};

#define TERMINATOR_SIZE		16
#define RESERVED_OFFSET		offsetof(struct rt_sigframe, uc.uc_mcontext.__reserved)

/* Where the records of one frame go: fpsimd always, esr for faults, then the end. */
struct rt_sigframe_user_layout {
	struct rt_sigframe __user *sigframe;
	struct frame_record __user *next_frame;
	unsigned long size;		/* bytes used from the start of the frame */
	unsigned long fpsimd_offset;
	unsigned long esr_offset;	/* 0: none */
	unsigned long end_offset;
};

_Static_assert(sizeof(kernel_siginfo_t) == SI_MAX_SIZE, "siginfo is 128 bytes");
_Static_assert(offsetof(struct rt_sigframe, uc.uc_mcontext) == 304, "Linux's rt_sigframe layout");

static void sigframe_layout(struct rt_sigframe_user_layout *user, bool fault)
{
	user->size = RESERVED_OFFSET;
	user->fpsimd_offset = user->size;
	user->size += round_up(sizeof(struct fpsimd_context), 16);
	user->esr_offset = 0;
	if (fault) {
		user->esr_offset = user->size;
		user->size += round_up(sizeof(struct esr_context), 16);
	}
	user->end_offset = user->size;
	user->size += TERMINATOR_SIZE;
}

static void __user *apply_user_offset(struct rt_sigframe_user_layout *user, unsigned long off)
{
	return (char __user *)user->sigframe + off;
}

static int preserve_fpsimd_context(struct fpsimd_context __user *ctx)
{
	struct user_fpsimd_state *st = &current->thread.uw.fpsimd_state;
	int err = 0;

	fpsimd_save_state(st);
	err |= copy_to_user(ctx->vregs, st->vregs, sizeof(st->vregs)) ? -EFAULT : 0;
	err |= put_user(st->fpsr, &ctx->fpsr);
	err |= put_user(st->fpcr, &ctx->fpcr);
	err |= put_user((u32)FPSIMD_MAGIC, &ctx->head.magic);
	err |= put_user((u32)sizeof(struct fpsimd_context), &ctx->head.size);
	return err;
}

static int restore_fpsimd_context(struct fpsimd_context __user *ctx)
{
	struct user_fpsimd_state st;
	int err = 0;

	err |= copy_from_user(st.vregs, ctx->vregs, sizeof(st.vregs)) ? -EFAULT : 0;
	err |= get_user(st.fpsr, &ctx->fpsr);
	err |= get_user(st.fpcr, &ctx->fpcr);
	if (err)
		return err;
	current->thread.uw.fpsimd_state = st;
	fpsimd_load_state(&current->thread.uw.fpsimd_state);
	return 0;
}

static int setup_sigframe(struct rt_sigframe_user_layout *user, struct pt_regs *regs,
			  sigset_t *set)
{
	struct rt_sigframe __user *sf = user->sigframe;
	struct esr_context __user *esr;
	int err = 0;

	err |= put_user(regs->regs[29], &user->next_frame->fp);
	err |= put_user(regs->regs[30], &user->next_frame->lr);
	err |= copy_to_user(sf->uc.uc_mcontext.regs, regs->regs, sizeof(regs->regs)) ? -EFAULT : 0;
	err |= put_user(regs->sp, &sf->uc.uc_mcontext.sp);
	err |= put_user(regs->pc, &sf->uc.uc_mcontext.pc);
	err |= put_user(regs->pstate, &sf->uc.uc_mcontext.pstate);
	err |= put_user(current->thread.fault_address, &sf->uc.uc_mcontext.fault_address);
	err |= copy_to_user(&sf->uc.uc_sigmask, set, sizeof(*set)) ? -EFAULT : 0;
	if (!err)
		err = preserve_fpsimd_context(apply_user_offset(user, user->fpsimd_offset));
	if (!err && user->esr_offset) {
		esr = apply_user_offset(user, user->esr_offset);
		err |= put_user((u32)ESR_MAGIC, &esr->head.magic);
		err |= put_user((u32)sizeof(*esr), &esr->head.size);
		err |= put_user(current->thread.fault_code, &esr->esr);
	}
	if (!err)
		err = clear_user(apply_user_offset(user, user->end_offset), TERMINATOR_SIZE) ?
		      -EFAULT : 0;
	return err;
}

/* The alternate stack's top when the handler asks for it and we are not on it already. */
static unsigned long sigsp(unsigned long sp, struct ksignal *ksig)
{
	if ((ksig->ka.sa.sa_flags & SA_ONSTACK) && !sas_ss_flags(sp))
		return current->sas_ss_sp + current->sas_ss_size;
	return sp;
}

static int get_sigframe(struct rt_sigframe_user_layout *user, struct ksignal *ksig,
			struct pt_regs *regs)
{
	unsigned long sp, sp_top;

	sigframe_layout(user, current->thread.fault_code != 0);
	sp = sp_top = sigsp(regs->sp, ksig);
	sp = round_down(sp - sizeof(struct frame_record), 16);
	user->next_frame = (struct frame_record __user *)sp;
	sp = round_down(sp, 16) - round_up(user->size, 16);
	user->sigframe = (struct rt_sigframe __user *)sp;
	if (!access_ok(user->sigframe, sp_top - sp))
		return -EFAULT;
	return 0;
}

static void setup_return(struct pt_regs *regs, struct k_sigaction *ka,
			 struct rt_sigframe_user_layout *user, int usig)
{
	regs->regs[0] = usig;
	regs->sp = (unsigned long)user->sigframe;
	regs->regs[29] = (unsigned long)&user->next_frame->fp;
	regs->pc = (unsigned long)ka->sa.sa_handler;
	if (ka->sa.sa_flags & SA_RESTORER)
		regs->regs[30] = (unsigned long)ka->sa.sa_restorer;
	else
		regs->regs[30] = current->mm->sigpage + SIGPAGE_SIGRETURN;
}

static int setup_rt_frame(struct ksignal *ksig, sigset_t *set, struct pt_regs *regs)
{
	struct rt_sigframe_user_layout user;
	struct rt_sigframe __user *frame;
	int err;

	if (get_sigframe(&user, ksig, regs))
		return 1;
	frame = user.sigframe;
	err = put_user(0UL, &frame->uc.uc_flags);
	err |= put_user((struct ucontext __user *)NULL, &frame->uc.uc_link);
	err |= __save_altstack(&frame->uc.uc_stack, regs->sp);
	err |= setup_sigframe(&user, regs, set);
	if (!err && (ksig->ka.sa.sa_flags & SA_SIGINFO)) {
		err |= copy_to_user(&frame->info, &ksig->info, sizeof(frame->info)) ? -EFAULT : 0;
		if (!err) {
			setup_return(regs, &ksig->ka, &user, ksig->sig);
			regs->regs[1] = (unsigned long)&frame->info;
			regs->regs[2] = (unsigned long)&frame->uc;
		}
	} else if (!err) {
		setup_return(regs, &ksig->ka, &user, ksig->sig);
	}
	return err;
}

static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	sigset_t *oldset = current->restore_sigmask ? &current->saved_sigmask : &current->blocked;
	int ret = setup_rt_frame(ksig, oldset, regs);

	/* A single-step of the interrupted code must not continue into the handler. */
	regs->pstate &= ~PSR_SS_BIT;
	current->restore_sigmask = false;
	current->thread.fault_code = 0;
	signal_setup_done(ret, ksig, 0);
}

static void restore_saved_sigmask(void)
{
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		set_current_blocked(&current->saved_sigmask);
	}
}

void do_signal(struct pt_regs *regs)
{
	unsigned long continue_addr = 0, restart_addr = 0;
	bool syscall = in_syscall(regs);
	struct ksignal ksig;
	long retval = 0;

	if (syscall) {
		continue_addr = regs->pc;
		restart_addr = continue_addr - 4;
		retval = regs->regs[0];
		forget_syscall(regs);
		switch (retval) {
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
		case -ERESTART_RESTARTBLOCK:
			regs->regs[0] = regs->orig_x0;
			regs->pc = restart_addr;
			break;
		}
	}
	if (get_signal(&ksig)) {
		if (regs->pc == restart_addr &&
		    (retval == -ERESTARTNOHAND || retval == -ERESTART_RESTARTBLOCK ||
		     (retval == -ERESTARTSYS && !(ksig.ka.sa.sa_flags & SA_RESTART)))) {
			regs->regs[0] = -EINTR;
			regs->pc = continue_addr;
		}
		handle_signal(&ksig, regs);
		return;
	}
	/* No handler ran: the call goes on through restart_syscall and its restart_block. */
	if (syscall && regs->pc == restart_addr && retval == -ERESTART_RESTARTBLOCK)
		regs->regs[8] = __NR_restart_syscall;
	restore_saved_sigmask();
}

/* Walks the records of a frame being returned from: fpsimd required, others skipped. */
static int parse_user_sigframe(struct rt_sigframe __user *sf)
{
	char __user *base = (char __user *)&sf->uc.uc_mcontext.__reserved;
	unsigned long offset = 0, limit = sizeof(sf->uc.uc_mcontext.__reserved);
	bool have_fpsimd = false;

	while (offset + sizeof(struct _aarch64_ctx) <= limit) {
		struct _aarch64_ctx __user *head = (void __user *)(base + offset);
		u32 magic, size;

		if (get_user(magic, &head->magic) || get_user(size, &head->size))
			return -EFAULT;
		if (!magic)
			return (size || !have_fpsimd) ? -EINVAL : 0;
		if (size < sizeof(*head) || size % 16 || size > limit - offset)
			return -EINVAL;
		if (magic == FPSIMD_MAGIC) {
			if (have_fpsimd || size != sizeof(struct fpsimd_context))
				return -EINVAL;
			if (restore_fpsimd_context((void __user *)head))
				return -EFAULT;
			have_fpsimd = true;
		} else if (magic != ESR_MAGIC) {
			return -EINVAL;
		}
		offset += size;
	}
	return -EINVAL;
}

static int restore_sigframe(struct pt_regs *regs, struct rt_sigframe __user *sf)
{
	sigset_t set;
	int err = 0;

	err |= copy_from_user(&set, &sf->uc.uc_sigmask, sizeof(set)) ? -EFAULT : 0;
	if (!err)
		set_current_blocked(&set);
	err |= copy_from_user(regs->regs, sf->uc.uc_mcontext.regs, sizeof(regs->regs)) ? -EFAULT : 0;
	err |= get_user(regs->sp, &sf->uc.uc_mcontext.sp);
	err |= get_user(regs->pc, &sf->uc.uc_mcontext.pc);
	err |= get_user(regs->pstate, &sf->uc.uc_mcontext.pstate);
	forget_syscall(regs);
	if (err || !valid_user_regs(regs))
		return -EFAULT;
	return parse_user_sigframe(sf);
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	struct rt_sigframe __user *frame;

	if (regs->sp & 15)
		goto badframe;
	frame = (struct rt_sigframe __user *)regs->sp;
	/*
	 * The fixed part only: a frame just below the stack top (no randomisation here)
	 * may have less than the whole record area above it; each record is checked as
	 * it is read.
	 */
	if (!access_ok(frame, RESERVED_OFFSET))
		goto badframe;
	if (restore_sigframe(regs, frame))
		goto badframe;
	if (restore_altstack(&frame->uc.uc_stack))
		goto badframe;
	return regs->regs[0];

badframe:
	force_sig(SIGSEGV);
	return 0;
}

/* Linux's signal_minsigstksz: the largest frame (with the esr record), its frame record, alignment. */
unsigned long signal_minsigstksz(void)
{
	struct rt_sigframe_user_layout user;

	sigframe_layout(&user, true);
	return round_up(user.size, 16) + round_up(sizeof(struct frame_record), 16) + 16;
}
