/*
 * Host tests of n_tty: bytes go in as the UART would deliver them, and what a read
 * gets, what is echoed and which signals are asked for come out: canonical lines with
 * erase, word erase and kill, EOF, ICRNL, literal next, ^C/^Z/^\ with the input flushed,
 * raw mode with and without echo, OPOST/ONLCR, a full buffer, and mode switches.
 */
#include <string.h>
#include <linux/tty.h>
#include <uapi/asm-generic/signal.h>
#include "ktest.h"

static char echoed[4096];
static size_t echoed_len;

static void capture(struct tty_struct *tty, const unsigned char *buf, unsigned int n)
{
	ASSERT_TRUE(echoed_len + n < sizeof(echoed));
	memcpy(echoed + echoed_len, buf, n);
	echoed_len += n;
	echoed[echoed_len] = 0;
}

static const struct tty_operations capture_ops = { .write = capture };
static struct tty_struct tty;

static void fresh_tty(void)
{
	memset(&tty, 0, sizeof(tty));
	tty.ops = &capture_ops;
	tty.termios = tty_std_termios;
	n_tty_init(&tty);
	echoed_len = 0;
	echoed[0] = 0;
}

static unsigned long type(const char *s)
{
	return n_tty_receive_buf(&tty, (const unsigned char *)s, strlen(s));
}

/* One read of up to n bytes as a string; eof says whether an EOF ended it. */
static const char *read_str(size_t n, bool *eof)
{
	static char buf[N_TTY_BUF_SIZE + 1];
	bool e;
	size_t got = n_tty_copy_out(&tty, (unsigned char *)buf, n, eof ? eof : &e);

	buf[got] = 0;
	return buf;
}

static void canonical_line_and_echo(void)
{
	fresh_tty();
	type("ls -l");
	EXPECT_EQ(n_tty_readable(&tty), 0);	/* no line yet */
	type("\r");				/* Enter sends CR; ICRNL makes it NL */
	EXPECT_STREQ(read_str(100, NULL), "ls -l\n");
	EXPECT_STREQ(echoed, "ls -l\r\n");	/* ONLCR on the echo */
}

static void erase_word_erase_kill(void)
{
	fresh_tty();
	type("abc\177d\n");
	EXPECT_STREQ(read_str(100, NULL), "abd\n");
	EXPECT_STREQ(echoed, "abc\b \bd\r\n");
	type("one two  \027three\n");		/* ^W takes "two  " back */
	EXPECT_STREQ(read_str(100, NULL), "one three\n");
	type("junk\025ok\n");			/* ^U kills the line */
	EXPECT_STREQ(read_str(100, NULL), "ok\n");
	type("\177\177x\n");			/* erase at line start does nothing */
	EXPECT_STREQ(read_str(100, NULL), "x\n");
}

static void eof_and_partial_reads(void)
{
	bool eof;

	fresh_tty();
	type("abc\004");			/* ^D ends the line without a newline... */
	EXPECT_STREQ(read_str(100, &eof), "abc");
	EXPECT_TRUE(eof);			/* ...and goes with it, as Linux's */
	EXPECT_EQ(n_tty_readable(&tty), 0);
	type("\004");				/* at line start: end of file at once */
	EXPECT_EQ(n_tty_readable(&tty), 1);
	EXPECT_STREQ(read_str(100, &eof), "");
	EXPECT_TRUE(eof);
	type("hello\n");
	EXPECT_STREQ(read_str(2, NULL), "he");	/* a short read takes part of the line */
	EXPECT_STREQ(read_str(100, NULL), "llo\n");
	EXPECT_EQ(n_tty_readable(&tty), 0);
}

static void signals_flush_input(void)
{
	fresh_tty();
	type("half");
	EXPECT_EQ(type("\003"), 1UL << SIGINT);
	EXPECT_STREQ(echoed, "half^C");
	type("\n");
	EXPECT_STREQ(read_str(100, NULL), "\n");	/* "half" went with the ^C */
	EXPECT_EQ(type("\032"), 1UL << SIGTSTP);
	EXPECT_EQ(type("\034"), 1UL << SIGQUIT);
	tty.termios.c_lflag &= ~ISIG;
	EXPECT_EQ(type("\003\n"), 0);
	EXPECT_STREQ(read_str(100, NULL), "\003\n");
}

static void literal_next(void)
{
	fresh_tty();
	type("\026\003\026\177\n");		/* ^V^C and ^V DEL are data */
	EXPECT_STREQ(read_str(100, NULL), "\003\177\n");
}

static void raw_mode(void)
{
	fresh_tty();
	tty.termios.c_lflag &= ~(ICANON | ECHO);
	tty.termios.c_iflag &= ~ICRNL;
	type("a\rb\177");
	EXPECT_EQ(n_tty_readable(&tty), 4);	/* every byte, as it came */
	EXPECT_STREQ(read_str(2, NULL), "a\r");
	EXPECT_STREQ(read_str(10, NULL), "b\177");
	EXPECT_EQ(echoed_len, 0);
}

static void mode_switch_keeps_input(void)
{
	struct ktermios old = tty_std_termios;

	fresh_tty();
	type("par");
	tty.termios.c_lflag &= ~ICANON;
	n_tty_set_termios(&tty, &old);
	EXPECT_STREQ(read_str(100, NULL), "par");	/* the unfinished line is readable raw */
	old = tty.termios;
	type("raw");
	tty.termios.c_lflag |= ICANON;
	n_tty_set_termios(&tty, &old);
	EXPECT_STREQ(read_str(100, NULL), "raw");	/* raw bytes become a line */
}

static void output_processing(void)
{
	fresh_tty();
	n_tty_write_out(&tty, (const unsigned char *)"a\nb\n", 4);
	EXPECT_STREQ(echoed, "a\r\nb\r\n");
	echoed_len = 0;
	tty.termios.c_oflag &= ~OPOST;
	n_tty_write_out(&tty, (const unsigned char *)"a\nb", 3);
	EXPECT_STREQ(echoed, "a\nb");
}

static void full_buffer_keeps_room_for_newline(void)
{
	static char line[N_TTY_BUF_SIZE + 100];

	fresh_tty();
	tty.termios.c_lflag &= ~ECHO;
	memset(line, 'x', sizeof(line) - 1);
	type(line);
	type("\n");
	EXPECT_EQ(n_tty_readable(&tty), N_TTY_BUF_SIZE);
	EXPECT_EQ(strlen(read_str(N_TTY_BUF_SIZE, NULL)), N_TTY_BUF_SIZE);
	/* The ring goes on after wrapping. */
	type("again\n");
	EXPECT_STREQ(read_str(100, NULL), "again\n");
}

KTEST_MAIN("n_tty",
	   KTEST_CASE(canonical_line_and_echo),
	   KTEST_CASE(erase_word_erase_kill),
	   KTEST_CASE(eof_and_partial_reads),
	   KTEST_CASE(signals_flush_input),
	   KTEST_CASE(literal_next),
	   KTEST_CASE(raw_mode),
	   KTEST_CASE(mode_switch_keeps_input),
	   KTEST_CASE(output_processing),
	   KTEST_CASE(full_buffer_keeps_room_for_newline))
