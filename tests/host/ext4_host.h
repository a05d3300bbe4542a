/* The ext4 suites' shared harness (ext4_host.c): the VFS stand-ins and unmounting. */
#ifndef EXT4_HOST_H
#define EXT4_HOST_H

struct super_block;

extern long host_ext4_inodes;		/* in-core inodes alive, for leak checks */

/* Unmounts an image mounted by a suite, checking that no inode or buffer is left. */
void umount_img(struct super_block *sb);

#endif
