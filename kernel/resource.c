/*
 * The resource tree (Linux's kernel/resource.c): ranges of physical addresses nested by
 * containment, siblings sorted by address and never overlapping, and /proc/iomem.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/init.h>
#include <linux/spinlock.h>
#include <linux/ioport.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>

struct resource iomem_resource = {
	.name	= "PCI mem",
	.start	= 0,
	.end	= -1,
	.flags	= IORESOURCE_MEM,
};

/* Covers every resource's parent, sibling and child links. */
static DEFINE_SPINLOCK(resource_lock);

/* Links new among root's children; the child it overlaps, or NULL when it fitted. */
static struct resource *__request_resource(struct resource *root, struct resource *new)
{
	struct resource **p = &root->child, *tmp;

	if (new->end < new->start || new->start < root->start || new->end > root->end)
		return root;
	for (;;) {
		tmp = *p;
		if (!tmp || tmp->start > new->end) {
			new->sibling = tmp;
			*p = new;
			new->parent = root;
			return NULL;
		}
		p = &tmp->sibling;
		if (tmp->end < new->start)
			continue;
		return tmp;
	}
}

int request_resource(struct resource *root, struct resource *new)
{
	struct resource *conflict;

	spin_lock(&resource_lock);
	conflict = __request_resource(root, new);
	spin_unlock(&resource_lock);
	return conflict ? -EBUSY : 0;
}

static struct resource *alloc_busy_resource(resource_size_t start, resource_size_t end,
					     const char *name, unsigned long type)
{
	struct resource *res = kzalloc(sizeof(*res), GFP_KERNEL);

	if (res)
		*res = (struct resource){ .start = start, .end = end, .name = name,
					  .flags = type | IORESOURCE_BUSY };
	return res;
}

/*
 * Linux's __reserve_region_with_split: put the range in; where it meets a child, keep
 * the part before it and try the part after it next, until all of it is placed.
 */
void reserve_region_with_split(struct resource *root, resource_size_t start,
			       resource_size_t end, const char *name)
{
	unsigned long type = root->flags & (IORESOURCE_MEM | IORESOURCE_SYSRAM);
	struct resource *res = alloc_busy_resource(start, end, name, type);
	struct resource *next_res = NULL, *conflict;

	spin_lock(&resource_lock);
	while (res) {
		conflict = __request_resource(root, res);
		if (!conflict) {
			res = next_res;
			next_res = NULL;
			continue;
		}
		if (conflict == root || (conflict->start <= res->start && conflict->end >= res->end)) {
			kfree(res);	/* outside root, or wholly taken */
			break;
		}
		if (conflict->start > res->start) {
			end = res->end;
			res->end = conflict->start - 1;
			if (conflict->end < end && !next_res) {
				spin_unlock(&resource_lock);
				next_res = alloc_busy_resource(conflict->end + 1, end, name, type);
				spin_lock(&resource_lock);
			}
		} else {
			res->start = conflict->end + 1;
		}
	}
	spin_unlock(&resource_lock);
	kfree(next_res);
}

/* Preorder: the first child, else the next sibling of p or of its nearest ancestor. */
static struct resource *next_resource(struct resource *p)
{
	if (p->child)
		return p->child;
	while (!p->sibling && p->parent)
		p = p->parent;
	return p->sibling;
}

static void *r_next(struct seq_file *m, void *v, loff_t *pos)
{
	(*pos)++;
	return next_resource(v);
}

static void *r_start(struct seq_file *m, loff_t *pos)
{
	struct resource *p = iomem_resource.child;
	loff_t l = 0;

	spin_lock(&resource_lock);
	while (p && l < *pos)
		p = r_next(m, p, &l);
	return p;
}

static void r_stop(struct seq_file *m, void *v)
{
	spin_unlock(&resource_lock);
}

/* Two spaces per level; addresses only for root (CAP_SYS_ADMIN), else 0, as in Linux. */
static int r_show(struct seq_file *m, void *v)
{
	struct resource *r = v, *p;
	unsigned long long start = 0, end = 0;
	int depth = 0;

	for (p = r->parent; p && p != &iomem_resource; p = p->parent)
		depth++;
	if (!current->cred->euid) {
		start = r->start;
		end = r->end;
	}
	seq_printf(m, "%*s%0*llx-%0*llx : %s\n", depth * 2, "", 8, start, 8, end,
		   r->name ? r->name : "<BAD>");
	return 0;
}

static const struct seq_operations resource_op = {
	.start	= r_start,
	.next	= r_next,
	.stop	= r_stop,
	.show	= r_show,
};

static int __init ioresources_init(void)
{
	proc_create_seq("iomem", 0400, NULL, &resource_op);
	return 0;
}
late_initcall(ioresources_init);
