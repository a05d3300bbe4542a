/*
 * The tty layer (drivers/tty): a tty_struct per terminal (here the console, ttyAMA0),
 * its termios, window size, foreground process group and session, and the n_tty line
 * discipline's state. The UART's receive interrupt queues bytes in the flip buffer;
 * flush_to_ldisc (a work item, process context) feeds them to n_tty, which edits lines,
 * echoes and raises signals; readers sleep on read_wait.
 *
 * Locks: read_lock (a spinlock, irqs off: the interrupt fills the flip buffer under it)
 * covers the flip buffer and the n_tty read buffer; termios_rwsem covers termios and
 * winsize; pgrp and session are read and written under tasklist_lock; write_lock (a
 * mutex) keeps one writer's output together.
 */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/bitmap.h>
#include <uapi/asm-generic/termbits.h>

#define TTYAUX_MAJOR	5	/* /dev/tty 5:0, /dev/console 5:1 */
#define AMBA_MAJOR	204	/* ttyAMA0 is 204:64 */
#define AMBA_MINOR	64

struct tty_struct;
/* The device number of tty (Linux's tty_devnum), for /proc/PID/stat's tty_nr. */
dev_t tty_devnum(struct tty_struct *tty);

#define N_TTY_BUF_SIZE	4096
#define TTY_FLIPBUF_SIZE 1024

struct tty_struct;

struct ktermios {
	tcflag_t c_iflag;
	tcflag_t c_oflag;
	tcflag_t c_cflag;
	tcflag_t c_lflag;
	cc_t c_line;
	cc_t c_cc[NCCS];
};

struct tty_operations {
	/* Sends n bytes to the hardware, as they are; any context. */
	void (*write)(struct tty_struct *tty, const unsigned char *buf, unsigned int n);
};

/* n_tty's state: the read buffer (free-running indices, masked) and its line marks. */
struct n_tty_data {
	unsigned char read_buf[N_TTY_BUF_SIZE];
	unsigned long eol_flags[BITS_TO_LONGS(N_TTY_BUF_SIZE)];	/* a line ends here */
	unsigned long eof_flags[BITS_TO_LONGS(N_TTY_BUF_SIZE)];	/* ...with EOF, not data */
	size_t read_head, read_tail;
	size_t canon_head;		/* the end of the last finished line */
	bool lnext;			/* the next byte is literal (VLNEXT) */
	unsigned int column;		/* the cursor's, for erasing tabs and ^X */
};

struct tty_struct {
	const char *name;
	const struct tty_operations *ops;
	struct ktermios termios;
	struct winsize winsize;
	struct rw_semaphore termios_rwsem;
	int pgrp;			/* the foreground process group, 0 for none */
	int session;			/* the session it controls, 0 for none */
	spinlock_t read_lock;
	struct mutex write_lock;
	wait_queue_head_t read_wait;
	unsigned char flip[TTY_FLIPBUF_SIZE];
	unsigned int flip_count;
	struct work_struct flip_work;
	struct n_tty_data ldata;
};

extern const struct ktermios tty_std_termios;

/* drivers/tty/n_tty.c: the line discipline, under tty->read_lock unless said otherwise. */
/* Processes n received bytes; returns the signals (bit per signal) to send to the pgrp. */
unsigned long n_tty_receive_buf(struct tty_struct *tty, const unsigned char *cp, size_t n);
/* Bytes a read may take now: a finished line (canonical) or anything (raw). */
size_t n_tty_readable(struct tty_struct *tty);
/* Copies up to n readable bytes into buf; *eof set when a canonical EOF ended the read. */
size_t n_tty_copy_out(struct tty_struct *tty, unsigned char *buf, size_t n, bool *eof);
/* Throws away the unread input (TCIFLUSH, signals without NOFLSH). */
void n_tty_flush_input(struct tty_struct *tty);
/* After a termios change: the discipline's view of what is already buffered. */
void n_tty_set_termios(struct tty_struct *tty, const struct ktermios *old);
/* Writes buf with OPOST processing through tty->ops->write; no lock needed. */
void n_tty_write_out(struct tty_struct *tty, const unsigned char *buf, size_t n);
void n_tty_init(struct tty_struct *tty);

/* drivers/tty/tty_io.c */
/* Registers the console's devices and makes their /dev nodes; after devtmpfs_init. */
int tty_init(void);
/* From the UART's receive interrupt: queues n bytes for the line discipline. */
void tty_insert_flip_chars(struct tty_struct *tty, const unsigned char *chars, unsigned int n);
/* The console tty the UART driver feeds. */
extern struct tty_struct console_tty;

#endif
