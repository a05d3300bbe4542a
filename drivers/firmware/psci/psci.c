/*
 * PSCI through HVC or SMC, as the device tree's /psci "method" says: version probing at
 * boot, CPU_ON for secondaries, SYSTEM_OFF and SYSTEM_RESET to end a run.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/psci.h>
#include <linux/libfdt.h>
#include <linux/of_fdt.h>
#include <asm/sysreg.h>

static enum psci_conduit psci_conduit;

static unsigned long __invoke_psci_fn_hvc(unsigned long fn, unsigned long a0,
					  unsigned long a1, unsigned long a2)
{
	register unsigned long x0 __asm__("x0") = fn;
	register unsigned long x1 __asm__("x1") = a0;
	register unsigned long x2 __asm__("x2") = a1;
	register unsigned long x3 __asm__("x3") = a2;

	__asm__ __volatile__("hvc #0" : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3) : : "memory");
	return x0;
}

static unsigned long __invoke_psci_fn_smc(unsigned long fn, unsigned long a0,
					  unsigned long a1, unsigned long a2)
{
	register unsigned long x0 __asm__("x0") = fn;
	register unsigned long x1 __asm__("x1") = a0;
	register unsigned long x2 __asm__("x2") = a1;
	register unsigned long x3 __asm__("x3") = a2;

	__asm__ __volatile__("smc #0" : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3) : : "memory");
	return x0;
}

static long invoke_psci_fn(unsigned long fn, unsigned long a0, unsigned long a1,
			   unsigned long a2)
{
	switch (psci_conduit) {
	case PSCI_CONDUIT_HVC:
		return (long)__invoke_psci_fn_hvc(fn, a0, a1, a2);
	case PSCI_CONDUIT_SMC:
		return (long)__invoke_psci_fn_smc(fn, a0, a1, a2);
	default:
		return PSCI_RET_NOT_SUPPORTED;
	}
}

static int psci_to_linux_errno(long err)
{
	switch (err) {
	case PSCI_RET_SUCCESS:
		return 0;
	case PSCI_RET_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case PSCI_RET_INVALID_PARAMS:
		return -EINVAL;
	case PSCI_RET_DENIED:
		return -EPERM;
	case PSCI_RET_ALREADY_ON:
		return -EBUSY;
	default:
		return -EINVAL;
	}
}

void psci_set_fallback_conduit(bool booted_at_el2)
{
	/* QEMU virt: PSCI over SMC when it emulates EL2 for us, HVC otherwise. */
	if (psci_conduit == PSCI_CONDUIT_NONE)
		psci_conduit = booted_at_el2 ? PSCI_CONDUIT_SMC : PSCI_CONDUIT_HVC;
}

static int __init psci_find_node(void)
{
	static const char *const compat[] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci" };

	for (unsigned int i = 0; i < ARRAY_SIZE(compat); i++) {
		int node = fdt_node_offset_by_compatible(initial_boot_params, -1, compat[i]);

		if (node >= 0)
			return node;
	}
	return -ENODEV;
}

static void __init psci_print_versions(void)
{
	long ver = invoke_psci_fn(PSCI_0_2_FN_PSCI_VERSION, 0, 0, 0);
	long smccc;

	pr_info("psci: PSCIv%ld.%ld detected in firmware.\n", (ver >> 16) & 0xffff, ver & 0xffff);
	pr_info("psci: Using standard PSCI v0.2 function IDs\n");
	if (invoke_psci_fn(PSCI_0_2_FN_MIGRATE_INFO_TYPE, 0, 0, 0) == PSCI_0_2_TOS_MP)
		pr_info("psci: Trusted OS migration not required\n");
	smccc = invoke_psci_fn(PSCI_1_0_FN_PSCI_FEATURES, ARM_SMCCC_VERSION_FUNC_ID, 0, 0);
	if (smccc >= 0)
		smccc = invoke_psci_fn(ARM_SMCCC_VERSION_FUNC_ID, 0, 0, 0);
	if (smccc < 0)
		smccc = 0x10000;
	pr_info("psci: SMC Calling Convention v%ld.%ld\n", (smccc >> 16) & 0x7fff, smccc & 0xffff);
}

int __init psci_dt_init(void)
{
	const char *method;
	int node, len;

	pr_info("psci: probing for conduit method from DT.\n");
	node = psci_find_node();
	if (node < 0) {
		pr_warn("psci: no psci node in the device tree\n");
		return node;
	}
	method = fdt_getprop(initial_boot_params, node, "method", &len);
	if (!method || strnlen(method, len) == (size_t)len) {
		pr_warn("psci: missing \"method\" property\n");
		return -ENXIO;
	}
	if (!strcmp(method, "hvc")) {
		psci_conduit = PSCI_CONDUIT_HVC;
	} else if (!strcmp(method, "smc")) {
		psci_conduit = PSCI_CONDUIT_SMC;
	} else {
		pr_warn("psci: invalid \"method\" property: %s\n", method);
		return -EINVAL;
	}
	psci_print_versions();
	return 0;
}

int psci_cpu_on(u64 mpidr, phys_addr_t entry_point)
{
	return psci_to_linux_errno(invoke_psci_fn(PSCI_0_2_FN64_CPU_ON, mpidr, entry_point, 0));
}

void psci_system_off(void)
{
	invoke_psci_fn(PSCI_0_2_FN_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		wfi();
}

void psci_system_reset(void)
{
	invoke_psci_fn(PSCI_0_2_FN_SYSTEM_RESET, 0, 0, 0);
	for (;;)
		wfi();
}
