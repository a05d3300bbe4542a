/*
 * fallocate(2)'s modes as the VFS checks them (Linux's include/linux/falloc.h).
 */
#ifndef _FALLOCATE_H_
#define _FALLOCATE_H_

#include <uapi/linux/falloc.h>

#define FALLOC_FL_SUPPORTED_MASK	(FALLOC_FL_KEEP_SIZE |		\
					 FALLOC_FL_PUNCH_HOLE |		\
					 FALLOC_FL_COLLAPSE_RANGE |	\
					 FALLOC_FL_ZERO_RANGE |		\
					 FALLOC_FL_INSERT_RANGE |	\
					 FALLOC_FL_UNSHARE_RANGE)

#endif
