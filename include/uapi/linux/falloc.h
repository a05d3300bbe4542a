/*
 * fallocate(2)'s mode bits (Linux's include/uapi/linux/falloc.h).
 */
#ifndef _UAPI_FALLOC_H_
#define _UAPI_FALLOC_H_

#define FALLOC_FL_KEEP_SIZE	0x01	/* allocate, but i_size stays */
#define FALLOC_FL_PUNCH_HOLE	0x02	/* free the range (with KEEP_SIZE) */
#define FALLOC_FL_NO_HIDE_STALE	0x04	/* reserved */
#define FALLOC_FL_COLLAPSE_RANGE 0x08	/* remove the range, shifting what follows */
#define FALLOC_FL_ZERO_RANGE	0x10	/* the range reads as zeroes afterwards */
#define FALLOC_FL_INSERT_RANGE	0x20	/* insert a hole, shifting what follows */
#define FALLOC_FL_UNSHARE_RANGE	0x40	/* unshare shared blocks */

#endif
