/*
 * The PL011 UARTs of QEMU's virt machine: the boot console (earlycon), the kernel console
 * ttyAMA<n>, and the last-resort output panic uses when nothing else is registered.
 * Until ioremap exists the registers are reached through the FIX_EARLYCON_MEM_BASE slot.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/console.h>
#include <linux/string.h>
#include <linux/libfdt.h>
#include <linux/of_fdt.h>
#include <asm/early_uart.h>
#include <asm/fixmap.h>
#include <asm/io.h>

#define UART01x_DR		0x00
#define UART01x_FR		0x18
#define UART011_IBRD		0x24
#define UART011_FBRD		0x28
#define UART011_LCRH		0x2c
#define UART011_CR		0x30
#define UART011_IMSC		0x38
#define UART011_ICR		0x44
#define UART01x_FR_TXFF		(1 << 5)
#define UART01x_FR_BUSY		(1 << 3)
#define UART011_CR_UARTEN	(1 << 0)
#define UART011_CR_TXE		(1 << 8)
#define UART011_CR_RXE		(1 << 9)
#define UART01x_LCRH_WLEN_8	(3 << 5)
#define UART01x_LCRH_FEN	(1 << 4)


static phys_addr_t pl011_phys;
static void *pl011_base;

static void pl011_putc(char c)
{
	while (readl_relaxed(pl011_base + UART01x_FR) & UART01x_FR_TXFF)
		cpu_relax();
	writel_relaxed(c, pl011_base + UART01x_DR);
}

static void pl011_console_write(struct console *con, const char *s, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		if (s[i] == '\n')
			pl011_putc('\r');
		pl011_putc(s[i]);
	}
}

static void pl011_map(phys_addr_t phys)
{
	pl011_phys = phys;
	set_fixmap_io(FIX_EARLYCON_MEM_BASE, phys & PAGE_MASK);
	pl011_base = (void *)(fix_to_virt(FIX_EARLYCON_MEM_BASE) + (phys & ~PAGE_MASK));
}

/* The "reg" address of a PL011 node. */
static int __init pl011_node_phys(int node, phys_addr_t *phys)
{
	const __be32 *reg;
	int len;

	if (node < 0 || fdt_node_check_compatible(initial_boot_params, node, "arm,pl011"))
		return -ENODEV;
	reg = fdt_getprop(initial_boot_params, node, "reg", &len);
	if (!reg || len < (int)(dt_root_addr_cells * sizeof(*reg)))
		return -EINVAL;
	*phys = dt_mem_next_cell(dt_root_addr_cells, &reg);
	return 0;
}

/* The address of the node /chosen stdout-path names, if it is a PL011. */
static int __init pl011_find_stdout(phys_addr_t *phys)
{
	return pl011_node_phys(of_get_stdout_node(), phys);
}

/* The PL011 nodes in tree order: ttyAMA0, ttyAMA1, ... as the driver probes them. */
#define for_each_pl011_node(node)							\
	for (node = fdt_node_offset_by_compatible(initial_boot_params, -1, "arm,pl011");	\
	     node >= 0;									\
	     node = fdt_node_offset_by_compatible(initial_boot_params, node, "arm,pl011"))

/* The ttyAMA number of the stdout-path node; -ENODEV when it is no PL011. */
static int __init pl011_stdout_index(void)
{
	int stdout = of_get_stdout_node(), node, idx = 0;

	for_each_pl011_node(node) {
		if (node == stdout)
			return idx;
		idx++;
	}
	return -ENODEV;
}

/* Named as Linux's earlycon names it: "pl011" split into name "pl" and index 11. */
static struct console pl011_early_con = {
	.name = "pl",
	.index = 11,
	.write = pl011_console_write,
	.flags = CON_PRINTBUFFER | CON_BOOT,
};

/* earlycon[=pl011,[mmio32,]ADDR]: without a value, the device /chosen stdout-path names. */
static int __init param_setup_earlycon(char *buf)
{
	unsigned long long phys;
	char *opt;

	if (!buf || !*buf) {
		if (pl011_find_stdout((phys_addr_t *)&phys))
			return 0;
	} else {
		if (strncmp(buf, "pl011", 5))
			return 0;
		opt = strrchr(buf, ',');
		if (!opt || kstrtoull(opt + 1, 0, &phys))
			return -EINVAL;
	}
	pl011_map(phys);
	register_console(&pl011_early_con);
	return 0;
}
early_param("earlycon", param_setup_earlycon);


/* 8N1 with FIFOs; QEMU ignores the divisor, real hardware wants it for 115200 at 24 MHz. */
static void pl011_hw_init(void)
{
	while (readl(pl011_base + UART01x_FR) & UART01x_FR_BUSY)
		cpu_relax();
	writel(0, pl011_base + UART011_CR);
	writel(13, pl011_base + UART011_IBRD);
	writel(1, pl011_base + UART011_FBRD);
	writel(UART01x_LCRH_WLEN_8 | UART01x_LCRH_FEN, pl011_base + UART011_LCRH);
	writel(0, pl011_base + UART011_IMSC);
	writel(0x7ff, pl011_base + UART011_ICR);
	writel(UART011_CR_UARTEN | UART011_CR_TXE | UART011_CR_RXE, pl011_base + UART011_CR);
}

/*
 * register_console's setup of ttyAMA<con->index>: finds that PL011 and starts it. The
 * options (console=ttyAMA0,115200) are not applied: the divisor is 115200's, which
 * QEMU ignores anyway.
 */
static int __init pl011_console_setup(struct console *con, char *options)
{
	phys_addr_t phys;
	int node, idx = 0;

	for_each_pl011_node(node)
		if (idx++ == con->index)
			break;
	if (pl011_node_phys(node, &phys))
		return -ENODEV;
	/* The registers in the vmalloc range, as Linux's driver maps them; the fixmap if not. */
	pl011_phys = phys;
	pl011_base = ioremap(phys, PAGE_SIZE);
	if (!pl011_base)
		pl011_map(phys);
	pl011_hw_init();
	pr_info("%lx.pl011: ttyAMA%d at MMIO 0x%lx is a PL011 rev1\n",
		(unsigned long)phys, con->index, (unsigned long)phys);
	return 0;
}

static struct console pl011_con = {
	.name = "ttyAMA",
	.write = pl011_console_write,
	.setup = pl011_console_setup,
	.flags = CON_PRINTBUFFER,
	.index = -1,
};

/*
 * Registers ttyAMA<n>: the one console= names, else the one stdout-path names (Linux's
 * of_console_check), else ttyAMA0 if no console was named at all. It takes over from
 * the earlycon. Return: 0, or -ENODEV when no PL011 became the console.
 */
int __init pl011_console_init(void)
{
	int idx = pl011_stdout_index();

	if (idx >= 0 && !console_set_on_cmdline)
		add_preferred_console(pl011_con.name, idx, NULL);
	register_console(&pl011_con);
	return (pl011_con.flags & CON_ENABLED) ? 0 : -ENODEV;
}

/*
 * For panic when no console was ever registered: the device tree may be the problem, so
 * the earlycon, on the UART found before or QEMU's, always enabled as a boot console.
 */
void pl011_emergency_console(void)
{
	if (!pl011_base)
		pl011_map(EARLY_UART_PHYS);
	register_console(&pl011_early_con);
}
