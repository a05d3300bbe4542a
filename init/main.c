/*
 * start_kernel: the order in which the kernel brings itself up, readable top to bottom.
 * So far: the banner, setup_arch (device tree, memory, NUMA, page tables, zones), the
 * zonelists, the command line, the allocators, the scheduler, interrupts and time, the
 * console; then rest_init starts kernel_init (pid 1) and kthreadd (pid 2) and the boot
 * task becomes cpu 0's idle task. kernel_init runs the initcalls (the self-tests and
 * benchmarks, in a CONFIG_SELFTESTS build) and ends the run with a power-off.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/moduleparam.h>
#include <linux/reboot.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/oom.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/percpu.h>
#include <linux/vmstat.h>
#include <linux/mmdebug.h>
#include <linux/interrupt.h>
#include <linux/smp.h>
#include <linux/clockchips.h>
#include <asm/irq.h>
#include <linux/console.h>
#include <linux/lkdtm.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/workqueue.h>
#include <linux/timer.h>
#include <linux/futex.h>
#include <linux/binfmts.h>
#include <linux/stat.h>
#include <linux/init_syscalls.h>
#include <asm/signal.h>
#include <linux/time.h>
#include <asm/current.h>
#include <asm/setup.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/devtmpfs.h>
#include <linux/debugfs.h>
#include <linux/page_ext.h>
#include <linux/memdev.h>
#include <linux/tty.h>
#include <linux/initrd.h>
#include <linux/proc_fs.h>
#include <linux/kobject.h>
#include <linux/cpu.h>

#define MAX_INIT_ARGS	32
#define MAX_INIT_ENVS	32

/* /proc/version shows the banner, /proc/cmdline the command line as given. */
const char linux_banner[] =
	"Linux version " UTS_RELEASE " (" LINUX_COMPILE_BY ") (" LINUX_COMPILER ") "
	UTS_VERSION "\n";

/* Untouched copy of the command line, and what init gets of it. */
char saved_command_line[COMMAND_LINE_SIZE];
static char static_command_line[COMMAND_LINE_SIZE];
static const char *argv_init[MAX_INIT_ARGS + 2] = { "init", NULL, };
static const char *envp_init[MAX_INIT_ENVS + 2] = { "HOME=/", "TERM=linux", NULL, };
static char unknown_params[COMMAND_LINE_SIZE];
/* rdinit= (the initramfs's init) and init= (the root file system's). */
static const char *ramdisk_execute_command;
static const char *execute_command;

static int __init init_setup(char *str)
{
	execute_command = str;
	return 0;
}
__setup("init=", init_setup);

static int __init rdinit_setup(char *str)
{
	ramdisk_execute_command = str;
	return 0;
}
__setup("rdinit=", rdinit_setup);

enum system_states system_state;
/* kernel_init waits for rest_init to have found kthreadd before it makes any kthread. */
static DECLARE_COMPLETION(kthreadd_done);

extern const struct obs_kernel_param __setup_start[], __setup_end[];

/*
 * A __setup("name=") handler that takes line, or an early one already run: true. An early
 * parameter whose name only begins line ("mem" for "memblock=debug") does not stop the
 * search.
 */
static bool obsolete_checksetup(char *line)
{
	bool had_early_param = false;

	for (const struct obs_kernel_param *p = __setup_start; p < __setup_end; p++) {
		size_t n = strlen(p->str);

		if (strncmp(line, p->str, n))
			continue;
		if (p->early) {
			if (line[n] == '\0' || line[n] == '=')
				had_early_param = true;
			continue;
		}
		if (p->setup_func(line + n) == 0)
			return true;
	}
	return had_early_param;
}

static void add_unknown(const char *param)
{
	size_t len = strlen(unknown_params);

	scnprintf(unknown_params + len, sizeof(unknown_params) - len, "%s%s",
		  len ? " " : "", param);
}

/* Parameters nobody claims go to init: "a=b" into its environment, the rest to argv. */
static int __init unknown_bootoption(char *param, char *val, const char *doing, void *arg)
{
	const char **list = val ? envp_init : argv_init;
	int max = val ? MAX_INIT_ENVS : MAX_INIT_ARGS;
	int i;

	if (val)
		val[-1] = '=';
	if (obsolete_checksetup(param))
		return 0;
	if (strchr(param, '.'))
		return 0;
	add_unknown(param);
	for (i = 0; list[i]; i++)
		;
	if (i >= max) {
		pr_warn("Too many boot %s vars at `%s'\n", val ? "env" : "init", param);
		return 0;
	}
	list[i] = param;
	return 0;
}

/*
 * initcall_debug: each initcall, and each stage of start_kernel and kernel_init, reported
 * as Linux reports an initcall ("calling  fn+0x0/0x.. @ pid", "initcall fn+0x0/0x..
 * returned 0 after N usecs") for tools/bootgraph. An early parameter, so it is known
 * from the end of setup_arch on.
 */
static bool initcall_debug;

static int __init initcall_debug_setup(char *str)
{
	initcall_debug = true;
	return 0;
}
early_param("initcall_debug", initcall_debug_setup);

/* A stage being timed: what runs, since when, and whether its "calling" line is out. */
struct boot_stage {
	void *fn;
	u64 start;		/* local_clock() ns */
	bool announced;
};

static void __init stage_announce(struct boot_stage *st)
{
	printk(KERN_DEBUG "calling  %pS @ %d\n", st->fn, current->pid);
	st->announced = true;
}

static struct boot_stage __init stage_begin(void *fn)
{
	struct boot_stage st = { .fn = fn };

	if (initcall_debug)
		stage_announce(&st);
	st.start = local_clock();
	return st;
}

/*
 * A stage that ran before initcall_debug was parsed (setup_arch) is announced at its end:
 * tools/bootgraph places every bar from the "returned" line, its time less the duration.
 */
static void __init stage_end(struct boot_stage *st, int ret)
{
	u64 usecs = (local_clock() - st->start) / NSEC_PER_USEC;

	if (!initcall_debug)
		return;
	if (!st->announced)
		stage_announce(st);
	printk(KERN_DEBUG "initcall %pS returned %d after %llu usecs\n", st->fn, ret,
	       (unsigned long long)usecs);
}

/* Calls fn(args), a stage of start_kernel or kernel_init, timed as an initcall. */
#define do_stage(fn, ...) do {					\
	struct boot_stage __st = stage_begin(fn);		\
	fn(__VA_ARGS__);					\
	stage_end(&__st, 0);					\
} while (0)

/* The allocators, each built on the one before: the buddy (mem_init), SLUB, vmalloc. */
static void __init mm_init(void)
{
	do_stage(mem_init);
	do_stage(kmem_cache_init);
	do_stage(vmalloc_init);
	mm_zero_page_init();
	anon_vma_init();
	sigpage_init();
}

static void __init setup_command_line(const char *command_line)
{
	strscpy(saved_command_line, command_line, COMMAND_LINE_SIZE);
	strscpy(static_command_line, command_line, COMMAND_LINE_SIZE);
}

extern const initcall_t __initcall_start[], __initcall7_start[], __initcall_end[];

static void __init do_one_initcall(initcall_t fn)
{
	struct boot_stage st = stage_begin(fn);
	int ret = fn();

	stage_end(&st, ret);
	if (ret)
		pr_warn("initcall %ps returned %d\n", fn, ret);
}

/* The early_initcalls: before the secondary cpus come up. */
static void __init do_pre_smp_initcalls(void)
{
	for (const initcall_t *fn = __initcall_start; fn < __initcall7_start; fn++)
		do_one_initcall(*fn);
}

/* The initcalls, level by level; so far there is only level 7 (late_initcall). */
static void __init do_initcalls(void)
{
	for (const initcall_t *fn = __initcall7_start; fn < __initcall_end; fn++)
		do_one_initcall(*fn);
}

/* After SMP, before user space. */
static void __init do_basic_setup(void)
{
	/* Linux's driver_init, fs_initcall and rootfs_initcall steps, before the late ones. */
	if (init_pipe_fs() || proc_root_init() || sysfs_init() || kobject_core_init())
		pr_err("VFS: cannot register pipefs, proc or sysfs\n");
	if (shmem_init())
		pr_err("shmem: no internal mount: shared anonymous mappings will fail\n");
	if (debugfs_init())
		pr_err("debugfs: not registered\n");
	/* Linux's driver_init: the cpus' and nodes' devices. */
	if (cpu_dev_init() || node_dev_init())
		pr_err("sysfs: cannot register the cpu and node devices\n");
	if (devtmpfs_init() || chr_dev_init() || tty_init())
		pr_err("devtmpfs: device nodes could not be made\n");
	populate_rootfs();
	do_initcalls();
}

/* Opens /dev/console as init's fds 0, 1 and 2. */
static void __init console_on_rootfs(void)
{
	struct file *file = filp_open("/dev/console", O_RDWR, 0);

	if (IS_ERR(file)) {
		pr_err("Warning: unable to open an initial console.\n");
		return;
	}
	for (int i = 0; i < 3; i++) {
		int fd = get_unused_fd_flags(0);

		if (fd < 0)
			break;
		fd_install((unsigned int)fd, get_file(file));
	}
	fput(file);
}

static void __init kernel_init_freeable(void)
{
	wait_for_completion(&kthreadd_done);
	/* The scheduler runs: allocations may block from now on. */
	gfp_allowed_mask = __GFP_BITS_MASK;
	do_pre_smp_initcalls();
	/* SMP bring-up: Linux calls smp_prepare_cpus(setup_max_cpus) here, then smp_init. */
	do_stage(smp_init);
	/*
	 * After smp_init here: it makes a kworker for each online cpu. Linux makes them
	 * before smp_init and adds each cpu's from the cpu-hotplug callback.
	 */
	do_stage(workqueue_init);
	do_stage(init_mm_internals);
	oom_init();
	/* Every node's deferred struct pages, then what needs all managed pages known. */
	do_stage(page_alloc_init_late);
	/* Linux's page_ext_init: page_owner's table, only with page_owner=on. */
	page_ext_init();
	/* A postcore_initcall in Linux: the watermarks need every zone's managed pages. */
	do_stage(init_per_zone_wmark_min);
	do_stage(mm_debug_show);
	do_basic_setup();
	console_on_rootfs();
	if (!ramdisk_execute_command)
		ramdisk_execute_command = "/init";
	/* No /init in the initramfs: the root= device becomes the root, if there is one. */
	if (init_eaccess(ramdisk_execute_command) != 0) {
		ramdisk_execute_command = NULL;
		prepare_namespace();
	}
}

/*
 * pid 1: the rest of the boot, on a task of its own that may sleep. Not __init itself:
 * it goes on after free_initmem has given the init sections away.
 */
static int run_init_process(const char *init_filename)
{
	argv_init[0] = init_filename;
	pr_info("Run %s as init process\n", init_filename);
	return kernel_execve(init_filename, argv_init, envp_init);
}

static int try_to_run_init_process(const char *init_filename)
{
	int ret = run_init_process(init_filename);

	if (ret && ret != -ENOENT)
		pr_err("Starting init: %s exists but couldn't execute it (error %d)\n",
		       init_filename, ret);
	return ret;
}

/*
 * pid 1: the rest of the boot, then user space: rdinit= (default /init, if the
 * initramfs has it), else init=, else the usual places. Returning 0 (an exec happened)
 * goes to user space through ret_from_fork. Not __init: it runs after free_initmem.
 */
static int kernel_init(void *unused)
{
	int ret;

	kernel_init_freeable();
	system_state = SYSTEM_FREEING_INITMEM;
	free_initmem();
	mark_rodata_ro();
	system_state = SYSTEM_RUNNING;
	lkdtm_boot_trigger();
	/* The boot's reports are done: init and its children may run on every cpu. */
	set_cpus_allowed_ptr(current, cpu_possible_mask);
	if (ramdisk_execute_command) {
		ret = run_init_process(ramdisk_execute_command);
		if (!ret)
			return 0;
		pr_err("Failed to execute %s (error %d)\n", ramdisk_execute_command, ret);
	}
	if (execute_command) {
		ret = run_init_process(execute_command);
		if (!ret)
			return 0;
		panic("Requested init %s failed (error %d).", execute_command, ret);
	}
	if (!try_to_run_init_process("/sbin/init") || !try_to_run_init_process("/etc/init") ||
	    !try_to_run_init_process("/bin/init") || !try_to_run_init_process("/bin/sh"))
		return 0;
	panic("No working init found.  Try passing init= option to kernel. "
	      "See Linux Documentation/admin-guide/init.rst for guidance.");
}

/*
 * Starts kernel_init and kthreadd, then turns the boot task into cpu 0's idle task: its
 * frame stays on that task's stack for good, so it is not __init (Linux's __ref).
 */
static void rest_init(void)
{
	struct cpumask boot_cpu;
	pid_t pid;

	/* Its own fd table (for the console it opens), the boot fs_struct shared (Linux: CLONE_FS). */
	pid = kernel_thread(kernel_init, NULL, "swapper/0", CLONE_FS);
	/*
	 * Pin init on the boot cpu, as Linux does until sched_init_smp. We keep it there
	 * for the whole boot, so the boot's reports come from cpu 0 whatever cpus come up;
	 * the self-tests spread their own threads.
	 */
	cpumask_clear(&boot_cpu);
	cpumask_set_cpu(smp_processor_id(), &boot_cpu);
	set_cpus_allowed_ptr(find_task_by_vpid(pid), &boot_cpu);
	pid = kernel_thread(kthreadd, NULL, "kthreadd", CLONE_FS | CLONE_FILES);
	kthreadd_task = find_task_by_vpid(pid);
	system_state = SYSTEM_SCHEDULING;
	complete(&kthreadd_done);
	schedule_preempt_disabled();
	cpu_startup_entry();
}

void __init start_kernel(void)
{
	char *command_line;

	smp_setup_processor_id();
	boot_cpu_init();
	pr_notice("%s", linux_banner);
	do_stage(setup_arch, &command_line);
	setup_command_line(command_line);
	setup_nr_cpu_ids();
	do_stage(setup_per_cpu_areas);
	do_stage(smp_prepare_boot_cpu);
	do_stage(build_all_zonelists, NULL);
	pr_notice("Kernel command line: %s\n", saved_command_line);
	parse_args("Booting kernel", static_command_line, NULL, unknown_bootoption);
	if (unknown_params[0])
		pr_notice("Unknown kernel command line parameters \"%s\", will be passed to user space.\n",
			  unknown_params);
	mm_init();
	do_stage(sched_init);
	futex_init();
	do_stage(workqueue_init_early);
	do_stage(init_IRQ);
	do_stage(init_timers);
	do_stage(time_init);
	local_irq_enable();
	do_stage(pl011_console_init);
	do_stage(setup_per_cpu_pageset);
	fork_init();
	vfs_caches_init();
	rest_init();
}
