/*
 * The tty layer's character devices: /dev/console, /dev/tty and /dev/ttyAMA0, all on the
 * one PL011 terminal (console_tty). Reads, writes, poll and the termios, window size and
 * job-control ioctls, the controlling tty (taken on open by a session leader without one,
 * or by TIOCSCTTY; never by opening /dev/console, as Linux), background-group checks
 * (SIGTTIN on read, SIGTTOU on termios and pgrp changes), and flush_to_ldisc, which feeds
 * the receive interrupt's bytes to n_tty and sends the signals it asks for.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/poll.h>
#include <linux/console.h>
#include <linux/tty.h>
#include <linux/devtmpfs.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/jiffies.h>
#include <asm/uaccess.h>

#define TTY_CHUNK	256

static void pl011_tty_write(struct tty_struct *tty, const unsigned char *buf, unsigned int n)
{
	pl011_tty_put_chars((const char *)buf, n);
}

static const struct tty_operations pl011_tty_ops = {
	.write = pl011_tty_write,
};

static void flush_to_ldisc(struct work_struct *work);

/* The one terminal is the PL011's: /dev/console and /dev/tty reach it too. */
dev_t tty_devnum(struct tty_struct *tty)
{
	return MKDEV(AMBA_MAJOR, AMBA_MINOR);
}

struct tty_struct console_tty = {
	.name		= "ttyAMA0",
	.ops		= &pl011_tty_ops,
	.winsize	= { .ws_row = 24, .ws_col = 80 },
	.read_lock	= __SPIN_LOCK_UNLOCKED(console_tty.read_lock),
	.write_lock	= __MUTEX_INITIALIZER(console_tty.write_lock),
	.read_wait	= __WAIT_QUEUE_HEAD_INITIALIZER(console_tty.read_wait),
	.termios_rwsem	= __RWSEM_INITIALIZER(console_tty.termios_rwsem),
};

/* ---- input: interrupt -> flip buffer -> work -> n_tty ---------------------------------- */

void tty_insert_flip_chars(struct tty_struct *tty, const unsigned char *chars, unsigned int n)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->read_lock, flags);
	n = min(n, TTY_FLIPBUF_SIZE - tty->flip_count);	/* overrun: the rest is lost */
	memcpy(tty->flip + tty->flip_count, chars, n);
	tty->flip_count += n;
	spin_unlock_irqrestore(&tty->read_lock, flags);
	schedule_work(&tty->flip_work);
}

static void flush_to_ldisc(struct work_struct *work)
{
	struct tty_struct *tty = container_of(work, struct tty_struct, flip_work);
	unsigned char buf[TTY_FLIPBUF_SIZE];
	unsigned long sigs;
	unsigned int n;
	pid_t pgrp;

	down_read(&tty->termios_rwsem);
	spin_lock_irq(&tty->read_lock);
	n = tty->flip_count;
	memcpy(buf, tty->flip, n);
	tty->flip_count = 0;
	sigs = n_tty_receive_buf(tty, buf, n);
	spin_unlock_irq(&tty->read_lock);
	up_read(&tty->termios_rwsem);
	spin_lock(&tasklist_lock);
	pgrp = tty->pgrp;
	spin_unlock(&tasklist_lock);
	for (int sig = 1; sigs && pgrp && sig < BITS_PER_LONG; sig++)
		if (sigs & (1UL << sig))
			kill_pgrp(pgrp, sig, 1);
	wake_up_all(&tty->read_wait);
}

/* ---- sessions and job control ---------------------------------------------------------- */

/* Whether some live process is in session sid; tasklist_lock held. */
static bool session_alive(pid_t sid)
{
	struct task_struct *p;

	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->signal->session == sid && !p->exit_state)
			return true;
	return false;
}

/* Makes tty current's controlling tty; tasklist_lock held, current a session leader. */
static void proc_set_tty(struct tty_struct *tty)
{
	tty->session = current->signal->session;
	tty->pgrp = current->signal->pgrp;
	current->signal->tty = tty;
}

static bool sig_ignored_or_blocked(int sig)
{
	return sigismember(&current->blocked, sig) ||
	       current->sighand->action[sig - 1].sa.sa_handler == SIG_IGN;
}

/*
 * A background process of the tty's session touching it: sig to its group and a
 * restart, or -EIO when sig would be lost (ignored or blocked: for SIGTTOU, allowed).
 */
static int tty_check_change(struct tty_struct *tty, int sig)
{
	pid_t pgrp, tty_pgrp;

	spin_lock(&tasklist_lock);
	pgrp = current->signal->pgrp;
	tty_pgrp = tty->pgrp;
	spin_unlock(&tasklist_lock);
	if (current->signal->tty != tty || !tty_pgrp || pgrp == tty_pgrp)
		return 0;
	if (sig_ignored_or_blocked(sig))
		return sig == SIGTTOU ? 0 : -EIO;
	kill_pgrp(pgrp, sig, 1);
	return -ERESTARTSYS;
}

/* ---- file operations ------------------------------------------------------------------- */

static int tty_open(struct inode *inode, struct file *filp)
{
	struct tty_struct *tty = &console_tty;
	bool noctty = (filp->f_flags & O_NOCTTY) || inode->i_rdev == MKDEV(TTYAUX_MAJOR, 1);

	if (inode->i_rdev == MKDEV(TTYAUX_MAJOR, 0)) {
		if (current->signal->tty != tty)
			return -ENXIO;
		noctty = true;
	}
	filp->private_data = tty;
	stream_open(inode, filp);
	if (noctty)
		return 0;
	spin_lock(&tasklist_lock);
	if (current->signal->leader && !current->signal->tty &&
	    (!tty->session || !session_alive(tty->session)))
		proc_set_tty(tty);
	spin_unlock(&tasklist_lock);
	return 0;
}

/* Whether want bytes (a line or EOF in canonical mode) are there to read. */
static bool input_ready(struct tty_struct *tty, size_t want)
{
	unsigned long flags;
	bool ready;

	spin_lock_irqsave(&tty->read_lock, flags);
	ready = n_tty_readable(tty) >= want;
	spin_unlock_irqrestore(&tty->read_lock, flags);
	return ready;
}

/* Sleeps until input_ready or timeout jiffies; -ERESTARTSYS on a signal, 0 on timeout. */
static long wait_input(struct tty_struct *tty, size_t want, long timeout)
{
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
		if (input_ready(tty, want))
			break;
		if (signal_pending(current)) {
			timeout = -ERESTARTSYS;
			break;
		}
		timeout = schedule_timeout(timeout);
		if (!timeout)
			break;
	}
	finish_wait(&tty->read_wait, &wait);
	return timeout;
}

/*
 * A raw read's rules, as Linux's n_tty_read: with VMIN, wait for a first byte however
 * long, then return once VMIN bytes came or VTIME tenths passed without another (the
 * inter-byte timer, *time); with VMIN 0, return what comes within VTIME (*timeout: 0
 * for a poll). Canonical mode waits for a line without a timer. Returns the minimum.
 */
static size_t read_rules(struct tty_struct *tty, long *timeout, long *time)
{
	cc_t vmin = tty->termios.c_cc[VMIN], vtime = tty->termios.c_cc[VTIME];

	*timeout = MAX_SCHEDULE_TIMEOUT;
	*time = 0;
	if (tty->termios.c_lflag & ICANON)
		return 1;
	if (vmin) {
		*time = (long)vtime * HZ / 10;
		return vmin;
	}
	*timeout = (long)vtime * HZ / 10;
	return 1;
}

static ssize_t tty_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct tty_struct *tty = iocb->ki_filp->private_data;
	unsigned char buf[TTY_CHUNK];
	ssize_t ret = tty_check_change(tty, SIGTTIN), done = 0;
	size_t minimum, n;
	long timeout, time;
	bool canon, eof = false;

	if (ret)
		return ret;
	down_read(&tty->termios_rwsem);
	canon = tty->termios.c_lflag & ICANON;
	minimum = read_rules(tty, &timeout, &time);
	up_read(&tty->termios_rwsem);
	while (iov_iter_count(to)) {
		if (!input_ready(tty, 1)) {
			if (!timeout)
				break;
			if (iocb->ki_flags & IOCB_NOWAIT) {
				ret = -EAGAIN;
				break;
			}
			timeout = wait_input(tty, 1, timeout);
			if (timeout < 0) {
				ret = timeout;
				break;
			}
			continue;
		}
		spin_lock_irq(&tty->read_lock);
		n = n_tty_copy_out(tty, buf, min(sizeof(buf), iov_iter_count(to)), &eof);
		spin_unlock_irq(&tty->read_lock);
		if (n && copy_to_iter(buf, n, to) != n)
			return -EFAULT;
		done += (ssize_t)n;
		/* One line (or EOF) per canonical read. */
		if (canon || eof || done >= (ssize_t)minimum)
			break;
		if (time)
			timeout = time;
	}
	return done ? done : ret;
}

static ssize_t tty_write(struct kiocb *iocb, struct iov_iter *from)
{
	struct tty_struct *tty = iocb->ki_filp->private_data;
	unsigned char buf[TTY_CHUNK];
	ssize_t done = 0;

	/* TOSTOP: a background group's output stops it, as its input does. */
	if (tty->termios.c_lflag & TOSTOP) {
		done = tty_check_change(tty, SIGTTOU);
		if (done)
			return done;
	}
	mutex_lock(&tty->write_lock);
	while (iov_iter_count(from)) {
		size_t want = min(sizeof(buf), iov_iter_count(from));
		size_t n = copy_from_iter(buf, want, from);

		n_tty_write_out(tty, buf, n);
		done += (ssize_t)n;
		if (n < want)
			break;
	}
	mutex_unlock(&tty->write_lock);
	return done ? done : -EFAULT;
}

static unsigned int tty_poll(struct file *filp, poll_table *wait)
{
	struct tty_struct *tty = filp->private_data;
	unsigned int mask = EPOLLOUT | EPOLLWRNORM;
	cc_t vmin = tty->termios.c_cc[VMIN];
	bool canon = tty->termios.c_lflag & ICANON;

	poll_wait(filp, &tty->read_wait, wait);
	/* Raw with VMIN and no VTIME: readable once VMIN bytes are, as Linux's poll says. */
	if (input_ready(tty, !canon && vmin && !tty->termios.c_cc[VTIME] ? vmin : 1))
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

/* ---- ioctls ------------------------------------------------------------------------------ */

static int set_termios(struct tty_struct *tty, unsigned int cmd, const void __user *arg)
{
	struct termios t;
	struct ktermios old;
	int err = tty_check_change(tty, SIGTTOU);

	if (err)
		return err;
	if (copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	down_write(&tty->termios_rwsem);
	old = tty->termios;
	tty->termios.c_iflag = t.c_iflag;
	tty->termios.c_oflag = t.c_oflag;
	tty->termios.c_cflag = t.c_cflag;
	tty->termios.c_lflag = t.c_lflag;
	tty->termios.c_line = t.c_line;
	memcpy(tty->termios.c_cc, t.c_cc, NCCS);
	spin_lock_irq(&tty->read_lock);
	if (cmd == TCSETSF)
		n_tty_flush_input(tty);
	n_tty_set_termios(tty, &old);
	spin_unlock_irq(&tty->read_lock);
	up_write(&tty->termios_rwsem);
	wake_up_all(&tty->read_wait);
	return 0;
}

static int get_termios(struct tty_struct *tty, void __user *arg)
{
	struct termios t;

	down_read(&tty->termios_rwsem);
	t.c_iflag = tty->termios.c_iflag;
	t.c_oflag = tty->termios.c_oflag;
	t.c_cflag = tty->termios.c_cflag;
	t.c_lflag = tty->termios.c_lflag;
	t.c_line = tty->termios.c_line;
	memcpy(t.c_cc, tty->termios.c_cc, NCCS);
	up_read(&tty->termios_rwsem);
	return copy_to_user(arg, &t, sizeof(t)) ? -EFAULT : 0;
}

static int set_winsize(struct tty_struct *tty, const void __user *arg)
{
	struct winsize ws;
	bool changed;
	pid_t pgrp;

	if (copy_from_user(&ws, arg, sizeof(ws)))
		return -EFAULT;
	down_write(&tty->termios_rwsem);
	changed = memcmp(&ws, &tty->winsize, sizeof(ws));
	tty->winsize = ws;
	up_write(&tty->termios_rwsem);
	spin_lock(&tasklist_lock);
	pgrp = tty->pgrp;
	spin_unlock(&tasklist_lock);
	if (changed && pgrp)
		kill_pgrp(pgrp, SIGWINCH, 1);
	return 0;
}

/*
 * The session of process group pgrp (a live member's, else the task whose pid it is, as
 * Linux's session_of_pgrp), or -1 when no task has it; tasklist_lock held.
 */
static pid_t pgrp_session(pid_t pgrp)
{
	struct task_struct *p;
	pid_t sid = -1;

	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (p->exit_state)
			continue;
		if (p->signal->pgrp == pgrp)
			return p->signal->session;
		if (p->pid == pgrp)
			sid = p->signal->session;
	}
	return sid;
}

/* TIOCSPGRP: -ESRCH for a group nobody has, -EPERM for one of another session. */
static int set_pgrp(struct tty_struct *tty, const pid_t __user *arg)
{
	int err = tty_check_change(tty, SIGTTOU);
	pid_t pgrp, sid;

	if (err)
		return err;
	if (get_user(pgrp, arg))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	sid = pgrp_session(pgrp);
	if (current->signal->tty != tty || current->signal->session != tty->session)
		err = -ENOTTY;
	else if (sid < 0)
		err = -ESRCH;
	else if (sid != tty->session)
		err = -EPERM;
	else
		tty->pgrp = pgrp;
	spin_unlock(&tasklist_lock);
	return err;
}

static int set_ctty(struct tty_struct *tty, unsigned long arg)
{
	int err = 0;

	spin_lock(&tasklist_lock);
	if (current->signal->tty == tty && current->signal->leader)
		goto out;
	if (!current->signal->leader || current->signal->tty) {
		err = -EPERM;
		goto out;
	}
	/* Taken from another live session only with arg 1 (root may). */
	if (tty->session && session_alive(tty->session) && arg != 1) {
		err = -EPERM;
		goto out;
	}
	proc_set_tty(tty);
out:
	spin_unlock(&tasklist_lock);
	return err;
}

static int no_ctty(struct tty_struct *tty)
{
	spin_lock(&tasklist_lock);
	if (current->signal->tty != tty) {
		spin_unlock(&tasklist_lock);
		return -ENOTTY;
	}
	current->signal->tty = NULL;
	if (current->signal->leader)
		tty->session = tty->pgrp = 0;
	spin_unlock(&tasklist_lock);
	return 0;
}

/* TIOCGPGRP and TIOCGSID: only on one's controlling tty. */
static int get_ctty_id(struct tty_struct *tty, bool sid, pid_t __user *arg)
{
	pid_t id;

	spin_lock(&tasklist_lock);
	id = sid ? tty->session : tty->pgrp;
	if (current->signal->tty != tty)
		id = -1;
	spin_unlock(&tasklist_lock);
	if (id < 0)
		return -ENOTTY;
	return put_user(id, arg);
}

static long tty_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = filp->private_data;
	void __user *p = (void __user *)arg;
	int count;

	switch (cmd) {
	case TCGETS:
		return get_termios(tty, p);
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tty, cmd, p);
	case TIOCGWINSZ:
		return copy_to_user(p, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return set_winsize(tty, p);
	case TIOCGPGRP:
		return get_ctty_id(tty, false, p);
	case TIOCGSID:
		return get_ctty_id(tty, true, p);
	case TIOCSPGRP:
		return set_pgrp(tty, p);
	case TIOCSCTTY:
		return set_ctty(tty, arg);
	case TIOCNOTTY:
		return no_ctty(tty);
	case FIONREAD:
		spin_lock_irq(&tty->read_lock);
		count = (int)n_tty_readable(tty);
		spin_unlock_irq(&tty->read_lock);
		return put_user(count, (int __user *)p);
	case TCFLSH:
		if (arg != TCIFLUSH && arg != TCOFLUSH && arg != TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH) {
			spin_lock_irq(&tty->read_lock);
			n_tty_flush_input(tty);
			spin_unlock_irq(&tty->read_lock);
		}
		return 0;
	case TIOCOUTQ:
		return put_user(0, (int __user *)p);
	case TCSBRK:
	case TCXONC:
		return 0;	/* output is never held back: nothing to drain or resume */
	default:
		return -ENOIOCTLCMD;
	}
}

static const struct file_operations tty_fops = {
	.llseek		= no_llseek,
	.open		= tty_open,
	.read_iter	= tty_read,
	.write_iter	= tty_write,
	.poll		= tty_poll,
	.unlocked_ioctl	= tty_ioctl,
};

int __init tty_init(void)
{
	/* region: the name /proc/devices gives its minors (Linux's, the PL011's 14 ports). */
	static const struct {
		const char *name;
		unsigned int major, minor;
		umode_t mode;
		const char *region;
		unsigned int minors;
	} nodes[] = {
		{ "tty", TTYAUX_MAJOR, 0, 0666, "/dev/tty", 1 },
		{ "console", TTYAUX_MAJOR, 1, 0600, "/dev/console", 1 },
		{ "ttyAMA0", AMBA_MAJOR, AMBA_MINOR, 0600, "ttyAMA", 14 },
	};

	console_tty.termios = tty_std_termios;
	INIT_WORK(&console_tty.flip_work, flush_to_ldisc);
	n_tty_init(&console_tty);
	for (unsigned int i = 0; i < ARRAY_SIZE(nodes); i++) {
		int err = register_chrdev_region(MKDEV(nodes[i].major, nodes[i].minor),
						 nodes[i].minors, nodes[i].region);

		if (!err)
			err = register_chrdev(nodes[i].major, nodes[i].minor, nodes[i].name, &tty_fops);
		if (!err)
			err = devtmpfs_create_node(nodes[i].name, S_IFCHR | nodes[i].mode,
						   MKDEV(nodes[i].major, nodes[i].minor));
		if (err)
			return err;
	}
	return pl011_startup_rx();
}
