/*
 * n_tty, the line discipline: input processing (ICRNL, INLCR, IGNCR, ISTRIP), signals
 * (ISIG: VINTR, VQUIT, VSUSP), canonical line editing (VERASE, VWERASE, VKILL, VEOF,
 * VLNEXT), echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL) and output processing
 * (OPOST, ONLCR, OCRNL, ONLRET). Bytes wait in a ring of N_TTY_BUF_SIZE; in canonical mode
 * only finished lines (up to canon_head) are readable, each ending at an eol_flags bit,
 * and an EOF ends a line without a byte of its own (eof_flags). Nothing here sleeps or
 * sends signals: the caller (tty_io.c) does both, so this file runs in host tests as is.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/tty.h>
#include <uapi/asm-generic/signal.h>

#define MASK(x)		((x) & (N_TTY_BUF_SIZE - 1))
#define L_FLAG(tty, f)	((tty)->termios.c_lflag & (f))
#define I_FLAG(tty, f)	((tty)->termios.c_iflag & (f))
#define O_FLAG(tty, f)	((tty)->termios.c_oflag & (f))
#define CC(tty, c)	((tty)->termios.c_cc[c])

/* Linux's defaults: cooked mode with echo and signals, 38400 8N1. */
const struct ktermios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = { [VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025, [VEOF] = 004,
		  [VTIME] = 0, [VMIN] = 1, [VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032,
		  [VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026 },
};

void n_tty_init(struct tty_struct *tty)
{
	memset(&tty->ldata, 0, sizeof(tty->ldata));
}

/* ---- output ------------------------------------------------------------------------------ */

/* Writes one byte with OPOST processing, keeping the column for erase's sake. */
static void out_char(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;

	if (O_FLAG(tty, OPOST)) {
		if (c == '\n' && O_FLAG(tty, ONLCR)) {
			tty->ops->write(tty, (const unsigned char *)"\r\n", 2);
			ld->column = 0;
			return;
		}
		if (c == '\r' && O_FLAG(tty, OCRNL)) {
			c = '\n';
			if (O_FLAG(tty, ONLRET))
				ld->column = 0;
		}
	}
	if (c == '\r' || c == '\n')
		ld->column = 0;
	else if (c == '\t')
		ld->column = (ld->column | 7) + 1;
	else if (c == '\b')
		ld->column -= ld->column > 0;
	else if (c >= ' ' && c != 0177)
		ld->column++;
	tty->ops->write(tty, &c, 1);
}

void n_tty_write_out(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	size_t start = 0;

	if (!O_FLAG(tty, OPOST)) {
		tty->ops->write(tty, buf, (unsigned int)n);
		return;
	}
	/* Runs of bytes that need no processing go out in one call. */
	for (size_t i = 0; i < n; i++) {
		if (buf[i] != '\n' && buf[i] != '\r' && buf[i] != '\t' && buf[i] != '\b')
			continue;
		if (i > start)
			tty->ops->write(tty, buf + start, (unsigned int)(i - start));
		tty->ldata.column += (unsigned int)(i - start);
		out_char(tty, buf[i]);
		start = i + 1;
	}
	if (n > start) {
		tty->ops->write(tty, buf + start, (unsigned int)(n - start));
		tty->ldata.column += (unsigned int)(n - start);
	}
}

/* Echoes c; control characters as ^X under ECHOCTL (but tab and newline as they are). */
static void echo_char(struct tty_struct *tty, unsigned char c)
{
	if (!L_FLAG(tty, ECHO))
		return;
	if (L_FLAG(tty, ECHOCTL) && (c < ' ' || c == 0177) && c != '\t' && c != '\n') {
		unsigned char caret[2] = { '^', c ^ 0100 };

		n_tty_write_out(tty, caret, 2);
		return;
	}
	out_char(tty, c);
}

/* ---- the read buffer ------------------------------------------------------------------- */

static size_t read_cnt(const struct n_tty_data *ld)
{
	return ld->read_head - ld->read_tail;
}

static void put_tty_queue(struct n_tty_data *ld, unsigned char c)
{
	ld->read_buf[MASK(ld->read_head)] = c;
	__clear_bit(MASK(ld->read_head), ld->eol_flags);
	__clear_bit(MASK(ld->read_head), ld->eof_flags);
	ld->read_head++;
}

void n_tty_flush_input(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;

	ld->read_tail = ld->canon_head = ld->read_head;
	ld->lnext = false;
}

/* Ends the line being edited at the last byte queued (or, for EOF, with no byte). */
static void finish_line(struct n_tty_data *ld, bool eof)
{
	if (eof) {
		put_tty_queue(ld, 0);
		__set_bit(MASK(ld->read_head - 1), ld->eof_flags);
	}
	__set_bit(MASK(ld->read_head - 1), ld->eol_flags);
	ld->canon_head = ld->read_head;
}

/* The columns c took when echoed: for erasing it again. */
static unsigned int echo_width(struct tty_struct *tty, unsigned char c)
{
	if (L_FLAG(tty, ECHOCTL) && (c < ' ' || c == 0177) && c != '\t')
		return 2;
	return 1;
}

/* Erases back over the line being edited: one char (VERASE), a word, or all (VKILL). */
static void eraser(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;
	bool kill = c == CC(tty, VKILL), word = c == CC(tty, VWERASE) && L_FLAG(tty, IEXTEN);
	bool seen_word = false;

	if (kill && L_FLAG(tty, ECHO) && !L_FLAG(tty, ECHOKE)) {
		ld->read_head = ld->canon_head;
		echo_char(tty, c);
		if (L_FLAG(tty, ECHOK))
			out_char(tty, '\n');
		return;
	}
	while (ld->read_head != ld->canon_head) {
		unsigned char prev = ld->read_buf[MASK(ld->read_head - 1)];
		bool space = prev == ' ' || prev == '\t';

		if (word && space && seen_word)
			break;
		seen_word |= !space;
		ld->read_head--;
		if (L_FLAG(tty, ECHO) && L_FLAG(tty, ECHOE) && prev != '\t') {
			for (unsigned int w = echo_width(tty, prev); w; w--)
				n_tty_write_out(tty, (const unsigned char *)"\b \b", 3);
		}
		if (!kill && !word)
			break;
	}
}

/* A signal character: the input goes (unless NOFLSH), the character is echoed. */
static unsigned long isig(struct tty_struct *tty, int sig, unsigned char c)
{
	if (!L_FLAG(tty, NOFLSH))
		n_tty_flush_input(tty);
	echo_char(tty, c);
	return 1UL << sig;
}

/* One byte of input in canonical mode. */
static void receive_canon(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;
	bool eol = c == '\n' || (c && (c == CC(tty, VEOL) || c == CC(tty, VEOL2)));

	if (c == CC(tty, VERASE) || c == CC(tty, VKILL) ||
	    (c == CC(tty, VWERASE) && L_FLAG(tty, IEXTEN))) {
		eraser(tty, c);
		return;
	}
	if (c == CC(tty, VLNEXT) && L_FLAG(tty, IEXTEN)) {
		ld->lnext = true;
		if (L_FLAG(tty, ECHO) && L_FLAG(tty, ECHOCTL))
			n_tty_write_out(tty, (const unsigned char *)"^\b", 2);
		return;
	}
	if (c == CC(tty, VEOF)) {
		if (read_cnt(ld) < N_TTY_BUF_SIZE)
			finish_line(ld, true);
		return;
	}
	/* Keep one slot for the newline that ends a full line. */
	if (read_cnt(ld) >= N_TTY_BUF_SIZE - (eol ? 0 : 1))
		return;
	echo_char(tty, c);
	if (eol && !L_FLAG(tty, ECHO) && L_FLAG(tty, ECHONL))
		out_char(tty, '\n');
	put_tty_queue(ld, c);
	if (eol)
		finish_line(ld, false);
}

static unsigned long receive_char(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;

	if (I_FLAG(tty, ISTRIP))
		c &= 0x7f;
	if (ld->lnext) {
		ld->lnext = false;
		if (L_FLAG(tty, ECHO) && L_FLAG(tty, ECHOCTL))
			n_tty_write_out(tty, (const unsigned char *)"\b\b", 2);
		if (read_cnt(ld) < N_TTY_BUF_SIZE - 1) {
			echo_char(tty, c);
			put_tty_queue(ld, c);
		}
		return 0;
	}
	if (c == '\r') {
		if (I_FLAG(tty, IGNCR))
			return 0;
		if (I_FLAG(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I_FLAG(tty, INLCR)) {
		c = '\r';
	}
	if (L_FLAG(tty, ISIG)) {
		if (c == CC(tty, VINTR))
			return isig(tty, SIGINT, c);
		if (c == CC(tty, VQUIT))
			return isig(tty, SIGQUIT, c);
		if (c == CC(tty, VSUSP))
			return isig(tty, SIGTSTP, c);
	}
	if (L_FLAG(tty, ICANON)) {
		receive_canon(tty, c);
		return 0;
	}
	if (read_cnt(ld) < N_TTY_BUF_SIZE) {
		echo_char(tty, c);
		put_tty_queue(ld, c);
	}
	return 0;
}

unsigned long n_tty_receive_buf(struct tty_struct *tty, const unsigned char *cp, size_t n)
{
	unsigned long sigs = 0;

	for (size_t i = 0; i < n; i++)
		sigs |= receive_char(tty, cp[i]);
	return sigs;
}

size_t n_tty_readable(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;

	if (L_FLAG(tty, ICANON))
		return ld->canon_head - ld->read_tail;
	return read_cnt(ld);
}

size_t n_tty_copy_out(struct tty_struct *tty, unsigned char *buf, size_t n, bool *eof)
{
	struct n_tty_data *ld = &tty->ldata;
	bool canon = L_FLAG(tty, ICANON);
	size_t avail = n_tty_readable(tty), done = 0;

	*eof = false;
	while (done < n && avail) {
		size_t pos = MASK(ld->read_tail);
		bool line_end = canon && test_bit(pos, ld->eol_flags);

		ld->read_tail++;
		avail--;
		if (canon && test_bit(pos, ld->eof_flags)) {
			*eof = true;
			break;
		}
		buf[done++] = ld->read_buf[pos];
		if (line_end)
			break;
	}
	return done;
}

/*
 * Leaving canonical mode makes the line being edited readable; entering it ends the
 * raw bytes already there as if they were a line, so none is lost or stuck.
 */
void n_tty_set_termios(struct tty_struct *tty, const struct ktermios *old)
{
	struct n_tty_data *ld = &tty->ldata;

	if ((old->c_lflag ^ tty->termios.c_lflag) & ICANON) {
		if (L_FLAG(tty, ICANON) && read_cnt(ld))
			__set_bit(MASK(ld->read_head - 1), ld->eol_flags);
		ld->canon_head = ld->read_head;
	}
}
