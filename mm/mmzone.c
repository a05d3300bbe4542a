/*
 * Walking the nodes and zones: the helpers behind for_each_online_pgdat and for_each_zone;
 * and a node's LRU lists' set-up.
 */
#include <linux/mmzone.h>

struct pglist_data *first_online_pgdat(void)
{
	return NODE_DATA(first_node(&node_states[N_ONLINE]));
}

struct pglist_data *next_online_pgdat(struct pglist_data *pgdat)
{
	int nid = next_node(pgdat->node_id + 1, &node_states[N_ONLINE]);

	return nid == MAX_NUMNODES ? NULL : NODE_DATA(nid);
}

/* The zone after @zone: the next of its node, else the first of the next online node. */
struct zone *next_zone(struct zone *zone)
{
	pg_data_t *pgdat = zone->zone_pgdat;

	if (zone < pgdat->node_zones + MAX_NR_ZONES - 1)
		return zone + 1;
	pgdat = next_online_pgdat(pgdat);
	return pgdat ? pgdat->node_zones : NULL;
}

void lruvec_init(struct lruvec *lruvec)
{
	enum lru_list lru;

	spin_lock_init(&lruvec->lru_lock);
	for_each_lru(lru)
		INIT_LIST_HEAD(&lruvec->lists[lru]);
}
