/* The cpus' devices under /sys/devices/system/cpu (Linux's cpu.h, the sysfs part). */
#ifndef _LINUX_CPU_H
#define _LINUX_CPU_H

struct kobject;

/* cpu's directory /sys/devices/system/cpu/cpuN, or NULL before cpu_dev_init. */
struct kobject *get_cpu_kobj(int cpu);
/* /sys/devices/system/cpu, then /sys/devices/system/node (node_dev_init links to the cpus). */
int cpu_dev_init(void);
int node_dev_init(void);

#endif
