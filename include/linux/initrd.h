/* The initramfs (init/initramfs.c). */
#ifndef _LINUX_INITRD_H
#define _LINUX_INITRD_H

/*
 * Fills rootfs: Linux's default entries (/dev, /dev/console, /root), then the archive
 * the boot loader passed, whose memory it frees ("Freeing initrd memory"). kernel_init.
 */
void populate_rootfs(void);
/* Unpacks the newc cpio archive(s), maybe gzip'd, in buf; NULL or what went wrong. */
const char *unpack_to_rootfs(char *buf, unsigned long len);

#endif
