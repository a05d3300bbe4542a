/*
 * Where output goes when there is no console and no device tree to find one: QEMU virt's
 * PL011, like Linux's DEBUG_LL. head.S writes there with the MMU off; panic maps it.
 */
#ifndef _ASM_EARLY_UART_H
#define _ASM_EARLY_UART_H

#define EARLY_UART_PHYS		0x09000000
#define EARLY_UART_DR		0x00	/* data register */
#define EARLY_UART_FR		0x18	/* flag register */
#define EARLY_UART_FR_TXFF_BIT	5	/* transmit FIFO full */

#endif
