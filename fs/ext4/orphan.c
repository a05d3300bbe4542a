/*
 * The orphan list (Linux 6.1's fs/ext4/orphan.c, without the orphan file): inodes that
 * must not outlive a crash as they are. An unlinked inode still open, and one being
 * truncated (which may take several transactions), are chained from the superblock's
 * s_last_orphan through each inode's i_dtime (NEXT_ORPHAN), newest first; the chain is
 * journalled with the change that needs it. At mount, ext4_orphan_cleanup finishes the
 * work a crash cut short: deletes the unlinked ones, truncates the others to i_size.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/buffer_head.h>
#include "ext4.h"
#include "ext4_jbd2.h"

/* The superblock's head of the chain becomes ino (s_sbh under the handle's access). */
static int ext4_orphan_set_head(handle_t *handle, struct super_block *sb, __u32 ino)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	int err = ext4_journal_get_write_access(handle, sb, sbi->s_sbh, EXT4_JTR_NONE);

	if (err)
		return err;
	lock_buffer(sbi->s_sbh);
	sbi->s_es->s_last_orphan = cpu_to_le32(ino);
	ext4_superblock_csum_set(sb);
	unlock_buffer(sbi->s_sbh);
	return ext4_handle_dirty_metadata(handle, NULL, sbi->s_sbh);
}

/**
 * ext4_orphan_add - put inode at the head of the orphan list
 * @handle: the running handle, which the list change joins
 * @inode: an inode whose link count reached 0, or one about to be truncated
 *
 * Nothing to do without a journal (e2fsck cleans up), or when it is already listed.
 * Return: 0 or -errno (the inode then is not on the list).
 */
int ext4_orphan_add(handle_t *handle, struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	__u32 max_ino = le32_to_cpu(sbi->s_es->s_inodes_count);
	int err;

	if (!sbi->s_journal || is_bad_inode(inode))
		return 0;
	if (!list_empty(&EXT4_I(inode)->i_orphan))
		return 0;
	mutex_lock(&sbi->s_orphan_lock);
	/* A crash may have left it chained on disk already: the chain stays as it is. */
	if (!NEXT_ORPHAN(inode) || NEXT_ORPHAN(inode) > max_ino) {
		NEXT_ORPHAN(inode) = le32_to_cpu(sbi->s_es->s_last_orphan);
		err = ext4_orphan_set_head(handle, sb, inode->i_ino);
		if (!err)
			err = ext4_mark_inode_dirty(handle, inode);
		if (err) {
			mutex_unlock(&sbi->s_orphan_lock);
			ext4_std_error(sb, err);
			return err;
		}
	}
	list_add(&EXT4_I(inode)->i_orphan, &sbi->s_orphan);
	mutex_unlock(&sbi->s_orphan_lock);
	return 0;
}

/**
 * ext4_orphan_del - take inode off the orphan list
 * @handle: the running handle; NULL on an error path, which only forgets it in memory
 * @inode: the inode (not listed: nothing to do)
 *
 * Its predecessor in the chain (the superblock, or the inode listed before it) is
 * pointed at its successor. Return: 0 or -errno.
 */
int ext4_orphan_del(handle_t *handle, struct inode *inode)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	struct list_head *prev;
	__u32 ino_next;
	int err;

	if (!sbi->s_journal && !(sbi->s_mount_state & EXT4_ORPHAN_FS))
		return 0;
	if (list_empty(&ei->i_orphan))
		return 0;
	mutex_lock(&sbi->s_orphan_lock);
	prev = ei->i_orphan.prev;
	list_del_init(&ei->i_orphan);
	if (!handle) {
		mutex_unlock(&sbi->s_orphan_lock);
		return 0;
	}
	ino_next = NEXT_ORPHAN(inode);
	if (prev == &sbi->s_orphan) {
		err = ext4_orphan_set_head(handle, inode->i_sb, ino_next);
	} else {
		struct inode *i_prev =
			&list_entry(prev, struct ext4_inode_info, i_orphan)->vfs_inode;

		NEXT_ORPHAN(i_prev) = ino_next;
		err = ext4_mark_inode_dirty(handle, i_prev);
	}
	mutex_unlock(&sbi->s_orphan_lock);
	if (!err) {
		NEXT_ORPHAN(inode) = 0;
		err = ext4_mark_inode_dirty(handle, inode);
	}
	ext4_std_error(inode->i_sb, err);
	return err;
}

/*
 * The inode ino the chain names, checked: a number in range, readable, truncatable if
 * still linked, a next link in range. ERR_PTR(-EFSCORRUPTED) otherwise (reported).
 */
static struct inode *ext4_orphan_get(struct super_block *sb, unsigned long ino)
{
	unsigned long max_ino = le32_to_cpu(EXT4_SB(sb)->s_es->s_inodes_count);
	struct inode *inode;

	if (ino < EXT4_FIRST_INO(sb) || ino > max_ino)
		goto bad_orphan;
	inode = ext4_iget(sb, ino, EXT4_IGET_NORMAL);
	if (IS_ERR(inode)) {
		ext4_error(sb, "couldn't read orphan inode %lu (err %ld)", ino, PTR_ERR(inode));
		return inode;
	}
	if ((inode->i_nlink && !S_ISREG(inode->i_mode) && !S_ISDIR(inode->i_mode) &&
	     !S_ISLNK(inode->i_mode)) || is_bad_inode(inode) || NEXT_ORPHAN(inode) > max_ino) {
		iput(inode);
		goto bad_orphan;
	}
	return inode;
bad_orphan:
	ext4_error(sb, "bad orphan inode %lu", ino);
	return ERR_PTR(-EFSCORRUPTED);
}

/* One orphan finished: a linked one truncated to its size, an unlinked one deleted. */
static void ext4_process_orphan(struct inode *inode, int *nr_truncates, int *nr_orphans)
{
	int ret;

	if (inode->i_nlink) {
		inode_lock(inode);
		truncate_inode_pages(inode->i_mapping, inode->i_size);
		ret = ext4_truncate(inode);
		if (ret) {
			ext4_orphan_del(NULL, inode);
			ext4_std_error(inode->i_sb, ret);
		}
		inode_unlock(inode);
		(*nr_truncates)++;
	} else {
		(*nr_orphans)++;
	}
	iput(inode);	/* the last reference: an unlinked inode is deleted here */
}

/**
 * ext4_orphan_cleanup - finish the orphans a crash left, at mount
 * @sb: the file system, its journal replayed and its root read
 * @es: its superblock
 *
 * Skipped on a file system with errors (the chain is then dropped: e2fsck's job).
 * Context: mount, before anyone else sees the file system.
 */
void ext4_orphan_cleanup(struct super_block *sb, struct ext4_super_block *es)
{
	unsigned long s_flags = sb->s_flags;
	int nr_orphans = 0, nr_truncates = 0;

	if (!es->s_last_orphan)
		return;
	if (EXT4_SB(sb)->s_mount_state & EXT4_ERROR_FS) {
		if (!(s_flags & SB_RDONLY)) {
			ext4_msg(sb, KERN_INFO, "Errors on filesystem, clearing orphan list.");
			es->s_last_orphan = 0;
		}
		return;
	}
	if (s_flags & SB_RDONLY) {
		ext4_msg(sb, KERN_INFO, "orphan cleanup on readonly fs");
		sb->s_flags &= ~SB_RDONLY;
	}
	EXT4_SB(sb)->s_mount_state |= EXT4_ORPHAN_FS;
	while (es->s_last_orphan) {
		__le32 head = es->s_last_orphan;
		struct inode *inode;

		if (EXT4_SB(sb)->s_mount_state & EXT4_ERROR_FS)
			break;
		inode = ext4_orphan_get(sb, le32_to_cpu(head));
		if (IS_ERR(inode))
			break;
		list_add(&EXT4_I(inode)->i_orphan, &EXT4_SB(sb)->s_orphan);
		ext4_process_orphan(inode, &nr_truncates, &nr_orphans);
		/* Processing takes it off the chain; one that stays would loop forever. */
		if (es->s_last_orphan == head) {
			ext4_error(sb, "orphan inode %u stays on the orphan list", le32_to_cpu(head));
			break;
		}
	}
	if (es->s_last_orphan)
		es->s_last_orphan = 0;
	EXT4_SB(sb)->s_mount_state &= ~EXT4_ORPHAN_FS;
	if (nr_orphans)
		ext4_msg(sb, KERN_INFO, "%d orphan inode%s deleted", nr_orphans,
			 nr_orphans == 1 ? "" : "s");
	if (nr_truncates)
		ext4_msg(sb, KERN_INFO, "%d truncate%s cleaned up", nr_truncates,
			 nr_truncates == 1 ? "" : "s");
	sb->s_flags = s_flags;
}
