/* tests/host/host_jbd2.c: what a test can see of the host's block layer and clock. */
#ifndef _HOST_JBD2_H
#define _HOST_JBD2_H

extern long host_flushes;	/* cache flushes: blkdev_issue_flush, REQ_PREFLUSH */
extern long host_fua_writes;	/* writes with REQ_FUA */
extern u64 jiffies_64;

#endif
