/*
 * Host tests of mm/rmap.c: anon_vma chains through fork trees (who links to whom, the
 * reuse of an anon_vma whose VMA went, everything freed when the last VMA goes), the
 * rmap walk finding every VMA of a fork tree, and the mapcount and NR_*_MAPPED counts
 * of the page_add_*_rmap / page_remove_rmap calls, and reclaim's walks: folio_referenced
 * clearing access flags, try_to_unmap discarding a clean lazily freed page and keeping
 * one written after MADV_FREE or mapped by a VM_LOCKED VMA. VMAs and pages are plain
 * structs, each process's page table a flat array of its VMA's entries; the slab
 * caches are counted mallocs, so a leak of an anon_vma or a chain shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <asm/pgtable.h>
#include "../../mm/internal.h"
#include "ktest.h"

/* ---- stand-ins: counted slab caches, one node, node counters ---- */

struct kmem_cache {
	unsigned int size;
	long live;
};

static struct kmem_cache caches[2];
static int nr_caches;

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s = &caches[nr_caches++];

	s->size = size;
	return s;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfpflags)
{
	s->live++;
	return calloc(1, s->size);
}

void kmem_cache_free(struct kmem_cache *s, void *x)
{
	s->live--;
	free(x);
}

static struct pglist_data node0;
struct pglist_data *node_data[MAX_NUMNODES] = { &node0 };
static long node_stat[NR_VM_NODE_STAT_ITEMS];

void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta)
{
	node_stat[item] += delta;
}

/* A VM_BUG_ON_PAGE's report (BUG follows and fails the case). */
void dump_page(struct page *page, const char *reason)
{
	printf("# page %p mapcount %d mapping %p: %s\n", (void *)page, page->_mapcount + 1,
	       (void *)page->mapping, reason);
}

/* The pages reclaim's walks look up by pfn: vmemmap[pfn] is test_pages[pfn]. */
#define NR_TEST_PAGES	8
static struct page test_pages[NR_TEST_PAGES];
struct page *vmemmap = test_pages;

/* mlock_folio / munlock_folio calls seen (mm/mlock.c is not linked). */
static int mlock_calls, munlock_calls;

void mlock_folio(struct folio *folio)
{
	mlock_calls++;
}

void munlock_folio(struct folio *folio)
{
	munlock_calls++;
}

/* mm/mmap.c's: each case's process has a single VMA, with no neighbour to share with. */
struct anon_vma *find_mergeable_anon_vma(struct vm_area_struct *vma)
{
	return NULL;
}

/* No TLB on the host: the entries in the flat tables are all there is. */
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
}

/* The cases here keep a reference on every page they unmap: a free is a bug. */
void __folio_put(struct folio *folio)
{
	BUG();
}

/* Only file pages are dirtied through it, and the cases unmap anonymous ones. */
bool set_page_dirty(struct page *page)
{
	BUG();
}

static long live_objects(void)
{
	return caches[0].live + caches[1].live;
}

/* ---- a process: an mm and one anonymous VMA ---- */

#define START	0x400000UL
#define PAGES	16

struct proc {
	struct mm_struct mm;
	struct vm_area_struct vma;
	pte_t pte[PAGES];	/* the VMA's page table */
};

pte_t *walk_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct proc *p = container_of(mm, struct proc, mm);

	if (addr < START || addr >= START + PAGES * PAGE_SIZE)
		return NULL;
	return &p->pte[(addr - START) >> PAGE_SHIFT];
}

static struct proc *new_proc(void)
{
	struct proc *p = calloc(1, sizeof(*p));

	spin_lock_init(&p->mm.page_table_lock);
	p->vma.vm_mm = &p->mm;
	p->vma.vm_start = START;
	p->vma.vm_end = START + PAGES * PAGE_SIZE;
	p->vma.vm_pgoff = START >> PAGE_SHIFT;
	INIT_LIST_HEAD(&p->vma.anon_vma_chain);
	return p;
}

static struct proc *fork_proc(struct proc *parent)
{
	struct proc *child = new_proc();

	child->vma.anon_vma = parent->vma.anon_vma;	/* vm_area_dup's copy */
	ASSERT_EQ(anon_vma_fork(&child->vma, &parent->vma), 0);
	return child;
}

static void exit_proc(struct proc *p)
{
	unlink_anon_vmas(&p->vma);
	free(p);
}

static bool chained(struct vm_area_struct *vma, struct anon_vma *anon_vma)
{
	struct anon_vma_chain *avc;

	list_for_each_entry(avc, &vma->anon_vma_chain, same_vma)
		if (avc->anon_vma == anon_vma)
			return true;
	return false;
}

static int chain_length(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc;
	int n = 0;

	list_for_each_entry(avc, &vma->anon_vma_chain, same_vma)
		n++;
	return n;
}

/* A case's first process, its VMA's anon_vma prepared; *before: objects live before. */
static struct proc *first_proc(long *before)
{
	struct proc *p;

	if (!nr_caches)
		anon_vma_init();
	*before = live_objects();
	p = new_proc();
	ASSERT_EQ(anon_vma_prepare(&p->vma), 0);
	return p;
}

/* ---- cases ---- */

/*
 * A forks B, B forks C:
 *	A: [avA]            B: [avB, avA]         C: [avC, avB, avA]
 * every anon_vma has the root avA, and each VMA heads its chain with its own.
 */
static void test_fork_chain(void)
{
	struct proc *a, *b, *c;
	long before;

	a = first_proc(&before);
	b = fork_proc(a);
	c = fork_proc(b);
	EXPECT_EQ(chain_length(&a->vma), 1);
	EXPECT_EQ(chain_length(&b->vma), 2);
	EXPECT_EQ(chain_length(&c->vma), 3);
	EXPECT_TRUE(chained(&c->vma, a->vma.anon_vma) && chained(&c->vma, b->vma.anon_vma));
	EXPECT_EQ(c->vma.anon_vma->root, a->vma.anon_vma);
	EXPECT_EQ(c->vma.anon_vma->parent, b->vma.anon_vma);
	EXPECT_EQ(list_first_entry(&c->vma.anon_vma_chain, struct anon_vma_chain,
				   same_vma)->anon_vma, c->vma.anon_vma);
	EXPECT_EQ(a->vma.anon_vma->num_children, 2);	/* itself and B's */
	exit_proc(b);
	exit_proc(a);
	/* C's chains keep avA and avB alive: its pages may still be theirs. */
	EXPECT_EQ(chain_length(&c->vma), 3);
	exit_proc(c);
	EXPECT_EQ(live_objects(), before);
}

/*
 * The anon_vma of a VMA that went, with one child, is reused by the next fork down
 * the chain: A forks B, B forks C, B exits, C forks D: D's anon_vma is avB.
 */
static void test_fork_reuses_orphan(void)
{
	struct proc *a, *b, *c, *d;
	struct anon_vma *avb;
	long before;

	a = first_proc(&before);
	b = fork_proc(a);
	avb = b->vma.anon_vma;
	c = fork_proc(b);
	exit_proc(b);
	EXPECT_EQ(avb->num_active_vmas, 0);
	d = fork_proc(c);
	EXPECT_EQ(d->vma.anon_vma, avb);
	EXPECT_EQ(avb->num_active_vmas, 1);
	EXPECT_EQ(chain_length(&d->vma), 3);
	exit_proc(d);
	exit_proc(c);
	exit_proc(a);
	EXPECT_EQ(live_objects(), before);
}

struct walk_seen {
	struct vm_area_struct *vma[8];
	unsigned long addr[8];
	int n;
};

static bool record_vma(struct page *page, struct vm_area_struct *vma, unsigned long addr,
		       void *arg)
{
	struct walk_seen *seen = arg;

	seen->vma[seen->n] = vma;
	seen->addr[seen->n++] = addr;
	return true;
}

/*
 * A page made in A before two forks is found in A and B at its address (C's VMA no
 * longer covers its index: skipped); a page B copied after the fork is found in B
 * only: the parent does not link the child's anon_vma.
 */
static void test_rmap_walk(void)
{
	struct page shared = { ._mapcount = -1 }, late = { ._mapcount = -1 };
	unsigned long addr = START + 3 * PAGE_SIZE;
	struct walk_seen seen = { .n = 0 };
	struct rmap_walk_control rwc = { .arg = &seen, .rmap_one = record_vma };
	struct proc *a, *b, *c;
	long before;

	a = first_proc(&before);
	page_add_new_anon_rmap(&shared, &a->vma, addr);
	b = fork_proc(a);
	c = fork_proc(a);
	c->vma.vm_start = START + 4 * PAGE_SIZE;	/* C's VMA no longer covers it */
	c->vma.vm_pgoff = c->vma.vm_start >> PAGE_SHIFT;
	rmap_walk(&shared, &rwc);
	EXPECT_EQ(seen.n, 2);
	EXPECT_TRUE(seen.vma[0] == &a->vma && seen.vma[1] == &b->vma);
	EXPECT_TRUE(seen.addr[0] == addr && seen.addr[1] == addr);
	page_move_anon_rmap(&shared, &b->vma);		/* B reused it on a write */
	seen.n = 0;
	rmap_walk(&shared, &rwc);
	EXPECT_TRUE(seen.n == 1 && seen.vma[0] == &b->vma);
	EXPECT_TRUE(PageAnonExclusive(&shared));
	page_add_new_anon_rmap(&late, &b->vma, addr);
	seen.n = 0;
	rmap_walk(&late, &rwc);
	EXPECT_TRUE(seen.n == 1 && seen.vma[0] == &b->vma);
	exit_proc(c);
	exit_proc(b);
	exit_proc(a);
	EXPECT_EQ(live_objects(), before);
}

/* mapcount and the node's mapped counts through a page's mappings. */
static void test_mapcounts(void)
{
	struct page anon = { ._mapcount = -1 }, file = { ._mapcount = -1 };
	long anon0 = node_stat[NR_ANON_MAPPED], file0 = node_stat[NR_FILE_MAPPED], before;
	struct proc *a = first_proc(&before), *b;

	page_add_new_anon_rmap(&anon, &a->vma, START);
	EXPECT_TRUE(PageAnon(&anon) && PageAnonExclusive(&anon) && PageSwapBacked(&anon));
	EXPECT_EQ(page_anon_vma(&anon), a->vma.anon_vma);
	EXPECT_EQ(anon.index, START >> PAGE_SHIFT);
	EXPECT_EQ(page_mapcount(&anon), 1);
	b = fork_proc(a);
	page_try_dup_anon_rmap(&anon, false, &a->vma);
	EXPECT_EQ(page_mapcount(&anon), 2);
	EXPECT_FALSE(PageAnonExclusive(&anon));
	EXPECT_EQ(node_stat[NR_ANON_MAPPED], anon0 + 1);
	page_remove_rmap(&anon, &a->vma, false);
	EXPECT_EQ(node_stat[NR_ANON_MAPPED], anon0 + 1);
	page_remove_rmap(&anon, &b->vma, false);
	EXPECT_EQ(node_stat[NR_ANON_MAPPED], anon0);
	EXPECT_FALSE(page_mapped(&anon));
	/* Back in a page table (as swap-in would): the first mapping counts again. */
	page_add_anon_rmap(&anon, &b->vma, START, RMAP_EXCLUSIVE);
	EXPECT_EQ(node_stat[NR_ANON_MAPPED], anon0 + 1);
	EXPECT_EQ(page_anon_vma(&anon), b->vma.anon_vma);
	page_remove_rmap(&anon, &b->vma, false);
	page_add_file_rmap(&file, &a->vma, false);
	page_dup_file_rmap(&file, false);
	EXPECT_EQ(node_stat[NR_FILE_MAPPED], file0 + 1);
	page_remove_rmap(&file, &a->vma, false);
	page_remove_rmap(&file, &b->vma, false);
	EXPECT_EQ(node_stat[NR_FILE_MAPPED], file0);
	EXPECT_EQ(node_stat[NR_ANON_MAPPED], anon0);
	exit_proc(b);
	exit_proc(a);
	EXPECT_EQ(live_objects(), before);
}

/* Two threads racing to prepare: the loser's anon_vma and chain are freed. */
static void test_prepare_twice(void)
{
	struct proc *a;
	struct anon_vma *first;
	long before;

	a = first_proc(&before);
	first = a->vma.anon_vma;
	ASSERT_EQ(__anon_vma_prepare(&a->vma), 0);
	EXPECT_EQ(a->vma.anon_vma, first);
	EXPECT_EQ(chain_length(&a->vma), 1);
	exit_proc(a);
	EXPECT_EQ(live_objects(), before);
}

/* ---- reclaim's walks ---- */

/* A young, clean, writable entry for test page i, as a fault makes them. */
static pte_t test_pte(int i)
{
	return pfn_pte(i, PAGE_SHARED);
}

/* Maps test page i at START in p (a new anonymous page, or one more mapping at fork). */
static struct page *map_test_page(struct proc *p, int i, bool first, pte_t pte)
{
	struct page *page = &test_pages[i];

	if (first) {
		memset(page, 0, sizeof(*page));
		page->_mapcount = -1;
		page_add_new_anon_rmap(page, &p->vma, START);
	} else {
		page_try_dup_anon_rmap(page, false, &p->vma);
	}
	page_ref_inc(page);			/* the entry's reference */
	add_mm_counter(&p->mm, MM_ANONPAGES, 1);
	p->pte[0] = pte;
	return page;
}

/*
 * A page mapped young in A and in its fork child B: both count, and the walk leaves
 * both entries old, so a second look sees no use.
 */
static void test_referenced_clears_young(void)
{
	struct proc *a, *b;
	struct page *page;
	unsigned long vm_flags;
	long before;

	a = first_proc(&before);
	page = map_test_page(a, 1, true, test_pte(1));
	b = fork_proc(a);
	map_test_page(b, 1, false, test_pte(1));
	EXPECT_EQ(folio_referenced(page_folio(page), 0, NULL, &vm_flags), 2);
	EXPECT_FALSE(pte_young(a->pte[0]) || pte_young(b->pte[0]));
	EXPECT_EQ(folio_referenced(page_folio(page), 0, NULL, &vm_flags), 0);
	exit_proc(b);
	exit_proc(a);
	EXPECT_EQ(live_objects(), before);
}

/*
 * MADV_FREE's page (PG_swapbacked clear, entry clean) with only the caller's extra
 * reference: try_to_unmap clears the entry and its rmap and drops the entry's reference.
 */
static void test_unmap_lazyfree_clean(void)
{
	struct proc *a;
	struct page *page;
	long before;

	a = first_proc(&before);
	page = map_test_page(a, 2, true, pte_mkclean(test_pte(2)));
	set_page_count(page, 2);		/* the entry's and reclaim's isolation */
	ClearPageSwapBacked(page);
	try_to_unmap(page_folio(page), 0);
	EXPECT_FALSE(page_mapped(page));
	EXPECT_EQ(pte_val(a->pte[0]), 0);
	EXPECT_EQ(page_count(page), 1);
	EXPECT_EQ(get_mm_counter(&a->mm, MM_ANONPAGES), 0);
	exit_proc(a);
	EXPECT_EQ(live_objects(), before);
}

/*
 * Written after MADV_FREE (a dirty entry): the data must stay. The entry is put back,
 * the page is swap-backed (anonymous memory) again and dirty.
 */
static void test_unmap_lazyfree_redirtied(void)
{
	struct proc *a;
	struct page *page;
	pte_t pte = pte_mkwrite_dirty(test_pte(3));
	long before;

	a = first_proc(&before);
	page = map_test_page(a, 3, true, pte);
	set_page_count(page, 2);
	ClearPageSwapBacked(page);
	try_to_unmap(page_folio(page), 0);
	EXPECT_TRUE(page_mapped(page));
	EXPECT_EQ(pte_val(a->pte[0]), pte_val(pte));
	EXPECT_TRUE(PageSwapBacked(page) && PageDirty(page));
	EXPECT_EQ(page_count(page), 2);
	page_remove_rmap(page, &a->vma, false);
	exit_proc(a);
	EXPECT_EQ(live_objects(), before);
}

/* A VM_LOCKED mapping: the page is mlocked instead of unmapped, and referenced says so. */
static void test_unmap_mlocked(void)
{
	struct proc *a;
	struct page *page;
	unsigned long vm_flags;
	int mlocks;
	long before;

	a = first_proc(&before);
	page = map_test_page(a, 4, true, pte_mkclean(test_pte(4)));
	set_page_count(page, 2);
	ClearPageSwapBacked(page);
	a->vma.vm_flags |= VM_LOCKED;
	mlocks = mlock_calls;
	try_to_unmap(page_folio(page), 0);
	EXPECT_TRUE(page_mapped(page));
	EXPECT_EQ(mlock_calls, mlocks + 1);
	folio_referenced(page_folio(page), 0, NULL, &vm_flags);
	EXPECT_TRUE(vm_flags & VM_LOCKED);
	EXPECT_EQ(mlock_calls, mlocks + 2);
	page_remove_rmap(page, &a->vma, false);
	EXPECT_EQ(munlock_calls, 1);
	exit_proc(a);
	EXPECT_EQ(live_objects(), before);
}

KTEST_MAIN("rmap",
	   KTEST_CASE(test_fork_chain),
	   KTEST_CASE(test_fork_reuses_orphan),
	   KTEST_CASE(test_rmap_walk),
	   KTEST_CASE(test_mapcounts),
	   KTEST_CASE(test_prepare_twice),
	   KTEST_CASE(test_referenced_clears_young),
	   KTEST_CASE(test_unmap_lazyfree_clean),
	   KTEST_CASE(test_unmap_lazyfree_redirtied),
	   KTEST_CASE(test_unmap_mlocked));
