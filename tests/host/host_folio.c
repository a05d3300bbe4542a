/*
 * The folio lock for host suites that run one thread (rmap's walkers try-lock folios):
 * nobody can be waiting on it, so unlocking is clearing PG_locked. mm/filemap.c's
 * folio_unlock also wakes waiters through the bit-wait table the host does not have.
 */
#include <linux/pagemap.h>

void folio_unlock(struct folio *folio)
{
	__folio_clear_locked(folio);
}
