/* PSCI: the firmware interface that powers cpus and the machine on and off. */
#ifndef _LINUX_PSCI_H
#define _LINUX_PSCI_H

#include <linux/types.h>

#define PSCI_0_2_FN_PSCI_VERSION	0x84000000
#define PSCI_0_2_FN_CPU_OFF		0x84000002
#define PSCI_0_2_FN64_CPU_ON		0xc4000003
#define PSCI_0_2_FN_MIGRATE_INFO_TYPE	0x84000006
#define PSCI_0_2_FN_SYSTEM_OFF		0x84000008
#define PSCI_0_2_FN_SYSTEM_RESET	0x84000009
#define PSCI_1_0_FN_PSCI_FEATURES	0x8400000a
#define ARM_SMCCC_VERSION_FUNC_ID	0x80000000

#define PSCI_RET_SUCCESS		0
#define PSCI_RET_NOT_SUPPORTED		-1
#define PSCI_RET_INVALID_PARAMS		-2
#define PSCI_RET_DENIED			-3
#define PSCI_RET_ALREADY_ON		-4

#define PSCI_0_2_TOS_MP			2

enum psci_conduit { PSCI_CONDUIT_NONE, PSCI_CONDUIT_HVC, PSCI_CONDUIT_SMC };

/* Finds the psci node and its conduit; prints the firmware's version. */
int psci_dt_init(void);
/* Powers cpu (by MPIDR) on at entry_point (physical); 0 or -errno. */
int psci_cpu_on(u64 mpidr, phys_addr_t entry_point);
void __noreturn psci_system_off(void);
void __noreturn psci_system_reset(void);
/* Before the device tree is read: guess the conduit from the boot exception level. */
void psci_set_fallback_conduit(bool booted_at_el2);

#endif
