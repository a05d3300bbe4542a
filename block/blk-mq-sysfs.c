/* /sys/block/<disk>/mq/: a directory per hardware queue (Linux's block/blk-mq-sysfs.c). */
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/sysfs.h>
#include <linux/blk-mq.h>
#include "blk.h"

#define to_hctx(k)	container_of(k, struct blk_mq_hw_ctx, kobj)

static ssize_t nr_tags_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_hctx(kobj)->tags->nr_tags);
}

/* The cpus whose requests go to this queue: "0, 4". */
static ssize_t cpu_list_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct blk_mq_hw_ctx *hctx = to_hctx(kobj);
	unsigned int cpu;
	int at = 0;

	for_each_possible_cpu(cpu)
		if (blk_mq_map_cpu(hctx->queue, cpu) == hctx->queue_num)
			at += sysfs_emit_at(buf, at, "%s%u", at ? ", " : "", cpu);
	return at + sysfs_emit_at(buf, at, "\n");
}

static struct kobj_attribute nr_tags_attr = __ATTR_RO(nr_tags);
static struct kobj_attribute cpu_list_attr = __ATTR_RO(cpu_list);

static struct attribute *hctx_attrs[] = { &nr_tags_attr.attr, &cpu_list_attr.attr, NULL };

static const struct attribute_group hctx_attr_group = { .attrs = hctx_attrs };

int blk_mq_sysfs_register(struct gendisk *disk)
{
	struct request_queue *q = disk->queue;
	struct kobject *mq = kobject_create_and_add("mq", &disk->part0->bd_device.kobj);
	int err = mq ? 0 : -ENOMEM;

	for (unsigned int i = 0; i < q->nr_hw_queues && !err; i++) {
		struct blk_mq_hw_ctx *hctx = q->queue_hw_ctx[i];

		err = kobject_init_and_add(&hctx->kobj, mq, "%u", i);
		if (!err)
			err = sysfs_create_group(&hctx->kobj, &hctx_attr_group);
	}
	return err;
}
