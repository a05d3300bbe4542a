/*
 * Interrupt chips and flow handlers (Linux's irq.h, much shorter): struct irq_chip is the
 * controller's mask/unmask/eoi, struct irq_data one line's view of it, and a flow handler
 * (handle_fasteoi_irq, handle_percpu_devid_irq) drives a line from arrival to eoi.
 */
#ifndef _LINUX_IRQ_H
#define _LINUX_IRQ_H

#include <linux/types.h>
#include <asm/irq.h>

/* Linux irq numbers 1..NR_IRQS-1 (0 is "no irq"); like Linux's arm64 default. */
#define NR_IRQS		64

/* Trigger types, as the DT's third interrupt cell gives them (low 4 bits). */
#define IRQ_TYPE_NONE		0x0
#define IRQ_TYPE_EDGE_RISING	0x1
#define IRQ_TYPE_EDGE_FALLING	0x2
#define IRQ_TYPE_EDGE_BOTH	0x3
#define IRQ_TYPE_LEVEL_HIGH	0x4
#define IRQ_TYPE_LEVEL_LOW	0x8
#define IRQ_TYPE_LEVEL_MASK	(IRQ_TYPE_LEVEL_HIGH | IRQ_TYPE_LEVEL_LOW)
#define IRQ_TYPE_SENSE_MASK	0xf

struct irq_desc;
struct irq_domain;
struct seq_file;

/* One line as its chip sees it. Set up at mapping time, then read-only. */
struct irq_data {
	unsigned int irq;		/* Linux irq number */
	unsigned long hwirq;		/* the controller's number (GIC INTID) */
	unsigned int type;		/* IRQ_TYPE_* */
	struct irq_chip *chip;
	struct irq_domain *domain;
	void *chip_data;
};

struct irq_chip {
	const char *name;
	void (*irq_mask)(struct irq_data *d);
	void (*irq_unmask)(struct irq_data *d);
	void (*irq_eoi)(struct irq_data *d);
	int (*irq_set_type)(struct irq_data *d, unsigned int type);
	void (*irq_print_chip)(struct irq_data *d, struct seq_file *p);
	int (*irq_set_irqchip_state)(struct irq_data *d, int which, bool state);
};

/* irq_set_irqchip_state's which: the line's pending latch (software-triggers it). */
#define IRQCHIP_STATE_PENDING	0
/* Sets the chip-level state of irq (make it pending, ...); -EINVAL when unsupported. */
int irq_set_irqchip_state(unsigned int irq, int which, bool state);

typedef void (*irq_flow_handler_t)(struct irq_desc *desc);

/* Flow handlers: SPIs (one cpu, eoi at the end), PPIs/SGIs (one action per cpu). */
void handle_fasteoi_irq(struct irq_desc *desc);
void handle_percpu_devid_irq(struct irq_desc *desc);

/* Gives irq its chip, chip data and flow handler; false for an irq out of range. */
bool irq_set_chip_and_handler_data(unsigned int irq, struct irq_chip *chip, void *data,
				   irq_flow_handler_t handle);
/* Marks irq per-cpu (PPI, SGI): request_percpu_irq only, counted on each cpu. */
void irq_set_percpu_devid(unsigned int irq);
/* Hidden irqs (IPIs) stay out of the main /proc/interrupts list. */
void irq_set_hidden(unsigned int irq);

/*
 * irq_domain: a controller's hwirq <-> Linux irq table (linear: an array by hwirq).
 * translate() turns a DT specifier into (hwirq, type); map() sets chip and handler.
 */
struct irq_domain_ops {
	int (*translate)(struct irq_domain *d, const u32 *spec, int cells,
			 unsigned long *hwirq, unsigned int *type);
	int (*map)(struct irq_domain *d, unsigned int irq, unsigned long hwirq);
};

struct irq_domain {
	const char *name;
	const struct irq_domain_ops *ops;
	void *host_data;
	unsigned int hwirq_max;		/* size of linear_revmap */
	unsigned int *linear_revmap;	/* hwirq -> irq, 0 = unmapped */
};

/* A linear domain of size hwirqs backed by revmap (the caller's array, zeroed). */
void irq_domain_init_linear(struct irq_domain *d, const char *name, unsigned int size,
			    unsigned int *revmap, const struct irq_domain_ops *ops, void *data);
/* The irq for hwirq, allocating and mapping one if needed; 0 on failure. */
unsigned int irq_create_mapping(struct irq_domain *d, unsigned long hwirq);
/* The irq mapped to hwirq, or 0. */
unsigned int irq_find_mapping(struct irq_domain *d, unsigned long hwirq);
/* Maps one DT interrupt specifier (cells cells) through d and sets its type; 0 on failure. */
unsigned int irq_create_of_mapping(struct irq_domain *d, const u32 *spec, int cells);
/* The domain of the root controller; DT specifiers resolve through it (no interrupt-parent walk yet). */
extern struct irq_domain *irq_default_domain;
void irq_set_default_host(struct irq_domain *d);

/* Called from the root handler: counts and runs the irq mapped to hwirq; -EINVAL if none. */
int generic_handle_domain_irq(struct irq_domain *d, unsigned long hwirq);

/* Prints the NR_IRQS line and readies the descriptor table (start of init_IRQ). */
void early_irq_init(void);
/* /proc/interrupts, Linux's columns, for the online cpus. */
int show_interrupts(struct seq_file *p, void *v);

#endif
