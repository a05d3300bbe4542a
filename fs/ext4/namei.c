/*
 * ext4 directories: finding, adding and removing names in directory blocks, linear or
 * through the hashed index (htree), and the inode operations built on them (lookup,
 * create, mkdir, rmdir, unlink, link, symlink, mknod, rename), as Linux's fs/ext4/namei.c.
 *
 * An indexed directory's block 0 (dx_root) holds "." and "..", then dx_root_info and an
 * array of dx_entry {hash, block} sorted by hash; entry 0's hash is implicit (0). With
 * indirect_levels > 0 the blocks named are dx_nodes (one empty record hiding another such
 * array) and only the last level names leaf blocks of ordinary records. A leaf holds the
 * names whose hash lies between its entry's hash and the next entry's; the low bit of an
 * entry's hash says the previous leaf ends with the same hash (a collision run spanning
 * leaves). With metadata_csum every index block ends in a dx_tail and every leaf in an
 * ext4_dir_entry_tail, and both are checked on read and set on every write.
 * Callers hold the directory's i_rwsem (the VFS takes it), which serialises all of this.
 */
#include <linux/buffer_head.h>
#include <linux/dcache.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/iversion.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "ext4.h"
#include "ext4_jbd2.h"

/* What a caller expects ext4_read_dirblock to find, to check it accordingly. */
typedef enum {
	EITHER, INDEX, DIRENT, DIRENT_HTREE
} dirblock_type_t;

struct fake_dirent {
	__le32 inode;
	__le16 rec_len;
	u8 name_len;
	u8 file_type;
};

struct dx_countlimit {
	__le16 limit;
	__le16 count;
};

struct dx_entry {
	__le32 hash;
	__le32 block;
};

/* hash_version is placed so that a dirent laid over it has a version of 0 mod 4. */
struct dx_root {
	struct fake_dirent dot;
	char dot_name[4];
	struct fake_dirent dotdot;
	char dotdot_name[4];
	struct dx_root_info {
		__le32 reserved_zero;
		u8 hash_version;
		u8 info_length;		/* 8 */
		u8 indirect_levels;
		u8 unused_flags;
	} info;
	struct dx_entry entries[];
};

struct dx_node {
	struct fake_dirent fake;
	struct dx_entry entries[];
};

/* One level of a path from the root to a leaf: the block and the entry followed. */
struct dx_frame {
	struct buffer_head *bh;
	struct dx_entry *entries;
	struct dx_entry *at;
};

/* A leaf's live entry while the leaf is split: its hash, offset / 4 and record size. */
struct dx_map_entry {
	u32 hash;
	u16 offs;
	u16 size;
};

/* The checksum after an index block's dx_entry array (limit entries long). */
struct dx_tail {
	u32 dt_reserved;
	__le32 dt_checksum;
};

static int ext4_dx_csum_verify(struct inode *inode, struct ext4_dir_entry *dirent);

static inline bool is_dx(struct inode *dir)
{
	return ext4_has_feature_dir_index(dir->i_sb) &&
	       ext4_test_inode_flag(dir, EXT4_INDEX_FL);
}

/* Without dir_index on the file system, a directory changed here keeps no index. */
static void ext4_update_dx_flag(struct inode *inode)
{
	if (!ext4_has_feature_dir_index(inode->i_sb))
		ext4_clear_inode_flag(inode, EXT4_INDEX_FL);
}

static inline int ext4_dir_htree_level(struct super_block *sb)
{
	return ext4_has_feature_largedir(sb) ? EXT4_HTREE_LEVEL : EXT4_HTREE_LEVEL_COMPAT;
}

static inline struct ext4_dir_entry_2 *ext4_next_entry(struct ext4_dir_entry_2 *p,
						       unsigned long blocksize)
{
	return (struct ext4_dir_entry_2 *)((char *)p +
		ext4_rec_len_from_disk(p->rec_len, blocksize));
}

static inline int ext4_csum_tail_size(struct super_block *sb)
{
	return ext4_has_metadata_csum(sb) ? sizeof(struct ext4_dir_entry_tail) : 0;
}

/* A new block at the end of the directory, allocated, with write access; i_size grows. */
static struct buffer_head *ext4_append(handle_t *handle, struct inode *inode,
				       ext4_lblk_t *block)
{
	struct buffer_head *bh;
	int err;

	*block = inode->i_size >> inode->i_sb->s_blocksize_bits;
	bh = ext4_bread(handle, inode, *block, EXT4_GET_BLOCKS_CREATE);
	if (IS_ERR(bh))
		return bh;
	if (!bh) {
		EXT4_ERROR_INODE(inode, "no block allocated at %u", *block);
		return ERR_PTR(-EFSCORRUPTED);
	}
	inode->i_size += inode->i_sb->s_blocksize;
	EXT4_I(inode)->i_disksize = inode->i_size;
	err = ext4_mark_inode_dirty(handle, inode);
	if (!err)
		err = ext4_journal_get_write_access(handle, inode->i_sb, bh, EXT4_JTR_NONE);
	if (err) {
		brelse(bh);
		return ERR_PTR(err);
	}
	return bh;
}

static bool is_dx_block_of(struct inode *inode, ext4_lblk_t block,
			   struct ext4_dir_entry *dirent)
{
	if (!is_dx(inode))
		return false;
	return block == 0 || ext4_rec_len_from_disk(dirent->rec_len,
						     inode->i_sb->s_blocksize) ==
			     inode->i_sb->s_blocksize;
}

#define ext4_read_dirblock(inode, block, type) \
	__ext4_read_dirblock((inode), (block), (type), __func__, __LINE__)

/*
 * Block `block` of a directory, its checksum verified once (buffer_verified); NULL for
 * a hole in a linear directory, ERR_PTR for an error or a block that is not what type
 * says (an index where an index must be, a leaf's tail where a leaf must be).
 */
static struct buffer_head *__ext4_read_dirblock(struct inode *inode, ext4_lblk_t block,
						dirblock_type_t type, const char *func,
						unsigned int line)
{
	struct ext4_dir_entry *dirent;
	struct buffer_head *bh;
	bool is_dx_block;

	if (block >= inode->i_size >> inode->i_sb->s_blocksize_bits) {
		ext4_error_inode(inode, func, line, block,
				 "Attempting to read directory block (%u) that is past i_size (%lld)",
				 block, (long long)inode->i_size);
		return ERR_PTR(-EFSCORRUPTED);
	}
	bh = ext4_bread(NULL, inode, block, 0);
	if (IS_ERR(bh))
		return bh;
	if (!bh && (type == INDEX || type == DIRENT_HTREE || block == 0)) {
		ext4_error_inode(inode, func, line, block, "Directory hole found for htree %s block %u",
				 type == INDEX ? "index" : "leaf", block);
		return ERR_PTR(-EFSCORRUPTED);
	}
	if (!bh)
		return NULL;
	dirent = (struct ext4_dir_entry *)bh->b_data;
	is_dx_block = is_dx_block_of(inode, block, dirent);
	if (!is_dx_block && type == INDEX) {
		ext4_error_inode(inode, func, line, block,
				 "directory leaf block found instead of index block");
		brelse(bh);
		return ERR_PTR(-EFSCORRUPTED);
	}
	if (!ext4_has_metadata_csum(inode->i_sb) || buffer_verified(bh))
		return bh;
	/* An empty leaf looks like an index node: only a caller that knows may check it so. */
	if (is_dx_block && type == INDEX) {
		if (!ext4_dx_csum_verify(inode, dirent))
			goto bad_csum;
		set_buffer_verified(bh);
	}
	if (!is_dx_block) {
		if (!ext4_dirblock_csum_verify(inode, bh))
			goto bad_csum;
		set_buffer_verified(bh);
	}
	return bh;
bad_csum:
	ext4_error_inode(inode, func, line, block, "Directory %s failed checksum",
			 is_dx_block ? "index" : "block");
	brelse(bh);
	return ERR_PTR(-EFSBADCRC);
}

/* ---- leaf checksums: the ext4_dir_entry_tail in a leaf's last 12 bytes ---- */

void ext4_initialize_dirent_tail(struct buffer_head *bh, unsigned int blocksize)
{
	struct ext4_dir_entry_tail *t = EXT4_DIRENT_TAIL(bh->b_data, blocksize);

	memset(t, 0, sizeof(*t));
	t->det_rec_len = ext4_rec_len_to_disk(sizeof(*t), blocksize);
	t->det_reserved_ft = EXT4_FT_DIR_CSUM;
}

static struct ext4_dir_entry_tail *get_dirent_tail(struct inode *inode,
						   struct buffer_head *bh)
{
	unsigned int blocksize = inode->i_sb->s_blocksize;
	struct ext4_dir_entry_tail *t = EXT4_DIRENT_TAIL(bh->b_data, blocksize);

	if (t->det_reserved_zero1 ||
	    ext4_rec_len_from_disk(t->det_rec_len, blocksize) != sizeof(*t) ||
	    t->det_reserved_zero2 || t->det_reserved_ft != EXT4_FT_DIR_CSUM)
		return NULL;
	return t;
}

static __le32 ext4_dirblock_csum(struct inode *inode, void *dirent, int size)
{
	return cpu_to_le32(ext4_chksum(EXT4_SB(inode->i_sb), EXT4_I(inode)->i_csum_seed,
				       dirent, size));
}

static void warn_no_space_for_csum(struct inode *inode)
{
	ext4_warning_inode(inode, "No space for directory leaf checksum. Please run e2fsck -D.");
}

/* Whether a leaf's checksum matches (always, without metadata_csum). */
int ext4_dirblock_csum_verify(struct inode *inode, struct buffer_head *bh)
{
	struct ext4_dir_entry_tail *t;

	if (!ext4_has_metadata_csum(inode->i_sb))
		return 1;
	t = get_dirent_tail(inode, bh);
	if (!t) {
		warn_no_space_for_csum(inode);
		return 0;
	}
	return t->det_checksum == ext4_dirblock_csum(inode, bh->b_data,
						     (char *)t - bh->b_data);
}

static void ext4_dirblock_csum_set(struct inode *inode, struct buffer_head *bh)
{
	struct ext4_dir_entry_tail *t;

	if (!ext4_has_metadata_csum(inode->i_sb))
		return;
	t = get_dirent_tail(inode, bh);
	if (!t) {
		warn_no_space_for_csum(inode);
		return;
	}
	t->det_checksum = ext4_dirblock_csum(inode, bh->b_data, (char *)t - bh->b_data);
}

/* Seals a changed leaf: its checksum, then the journal (or the dirty bit). */
int ext4_handle_dirty_dirblock(handle_t *handle, struct inode *inode, struct buffer_head *bh)
{
	ext4_dirblock_csum_set(inode, bh);
	return ext4_handle_dirty_metadata(handle, inode, bh);
}

/* ---- index checksums: the dx_tail after the limit'th dx_entry ---- */

/* The count/limit header of an index block (root or node) and its offset; NULL if none. */
static struct dx_countlimit *get_dx_countlimit(struct inode *inode,
					       struct ext4_dir_entry *dirent, int *offset)
{
	unsigned int blocksize = inode->i_sb->s_blocksize;
	unsigned int rlen = ext4_rec_len_from_disk(dirent->rec_len, blocksize);
	struct ext4_dir_entry *dp;
	struct dx_root_info *root;
	int count_offset;

	if (rlen == blocksize) {
		count_offset = 8;
	} else if (rlen == 12) {
		dp = (struct ext4_dir_entry *)((char *)dirent + 12);
		if (ext4_rec_len_from_disk(dp->rec_len, blocksize) != blocksize - 12)
			return NULL;
		root = (struct dx_root_info *)((char *)dp + 12);
		if (root->reserved_zero || root->info_length != sizeof(struct dx_root_info))
			return NULL;
		count_offset = 32;
	} else {
		return NULL;
	}
	*offset = count_offset;
	return (struct dx_countlimit *)((char *)dirent + count_offset);
}

/* crc32c over the header and the count used entries, then the tail with a zero checksum. */
static __le32 ext4_dx_csum(struct inode *inode, struct ext4_dir_entry *dirent,
			   int count_offset, int count, struct dx_tail *t)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	u32 csum, zero = 0;

	csum = ext4_chksum(sbi, EXT4_I(inode)->i_csum_seed, dirent,
			   count_offset + count * sizeof(struct dx_entry));
	csum = ext4_chksum(sbi, csum, t, offsetof(struct dx_tail, dt_checksum));
	csum = ext4_chksum(sbi, csum, &zero, sizeof(zero));
	return cpu_to_le32(csum);
}

/* The dx_tail of an index block, or NULL (with a report) when the block has none. */
static struct dx_tail *get_dx_tail(struct inode *inode, struct ext4_dir_entry *dirent,
				   int *count_offset, int *count)
{
	struct dx_countlimit *c = get_dx_countlimit(inode, dirent, count_offset);
	int limit;

	if (!c) {
		EXT4_ERROR_INODE(inode, "dir seems corrupt?  Run e2fsck -D.");
		return NULL;
	}
	limit = le16_to_cpu(c->limit);
	*count = le16_to_cpu(c->count);
	if (*count_offset + limit * sizeof(struct dx_entry) >
	    inode->i_sb->s_blocksize - sizeof(struct dx_tail)) {
		warn_no_space_for_csum(inode);
		return NULL;
	}
	return (struct dx_tail *)((struct dx_entry *)c + limit);
}

static int ext4_dx_csum_verify(struct inode *inode, struct ext4_dir_entry *dirent)
{
	int count_offset, count;
	struct dx_tail *t;

	if (!ext4_has_metadata_csum(inode->i_sb))
		return 1;
	t = get_dx_tail(inode, dirent, &count_offset, &count);
	return t && t->dt_checksum == ext4_dx_csum(inode, dirent, count_offset, count, t);
}

static void ext4_dx_csum_set(struct inode *inode, struct ext4_dir_entry *dirent)
{
	int count_offset, count;
	struct dx_tail *t;

	if (!ext4_has_metadata_csum(inode->i_sb))
		return;
	t = get_dx_tail(inode, dirent, &count_offset, &count);
	if (t)
		t->dt_checksum = ext4_dx_csum(inode, dirent, count_offset, count, t);
}

static int ext4_handle_dirty_dx_node(handle_t *handle, struct inode *inode,
				     struct buffer_head *bh)
{
	ext4_dx_csum_set(inode, (struct ext4_dir_entry *)bh->b_data);
	return ext4_handle_dirty_metadata(handle, inode, bh);
}

/* ---- dx_entry arrays; the high four bits of block are reserved ---- */

static inline ext4_lblk_t dx_get_block(struct dx_entry *entry)
{
	return le32_to_cpu(entry->block) & 0x0fffffff;
}

static inline void dx_set_block(struct dx_entry *entry, ext4_lblk_t value)
{
	entry->block = cpu_to_le32(value);
}

static inline unsigned int dx_get_hash(struct dx_entry *entry)
{
	return le32_to_cpu(entry->hash);
}

static inline void dx_set_hash(struct dx_entry *entry, unsigned int value)
{
	entry->hash = cpu_to_le32(value);
}

/* Entry 0's hash field holds the array's count and limit. */
static inline unsigned int dx_get_count(struct dx_entry *entries)
{
	return le16_to_cpu(((struct dx_countlimit *)entries)->count);
}

static inline unsigned int dx_get_limit(struct dx_entry *entries)
{
	return le16_to_cpu(((struct dx_countlimit *)entries)->limit);
}

static inline void dx_set_count(struct dx_entry *entries, unsigned int value)
{
	((struct dx_countlimit *)entries)->count = cpu_to_le16(value);
}

static inline void dx_set_limit(struct dx_entry *entries, unsigned int value)
{
	((struct dx_countlimit *)entries)->limit = cpu_to_le16(value);
}

static inline unsigned int dx_root_limit(struct inode *dir, unsigned int infosize)
{
	unsigned int entry_space = dir->i_sb->s_blocksize - ext4_dir_rec_len(1, NULL) -
				   ext4_dir_rec_len(2, NULL) - infosize;

	if (ext4_has_metadata_csum(dir->i_sb))
		entry_space -= sizeof(struct dx_tail);
	return entry_space / sizeof(struct dx_entry);
}

static inline unsigned int dx_node_limit(struct inode *dir)
{
	unsigned int entry_space = dir->i_sb->s_blocksize - ext4_dir_rec_len(0, dir);

	if (ext4_has_metadata_csum(dir->i_sb))
		entry_space -= sizeof(struct dx_tail);
	return entry_space / sizeof(struct dx_entry);
}

/* The hash version and seed a directory's names are hashed with (dx_root's or default). */
static void ext4_dx_hash_setup(struct inode *dir, int version, struct dx_hash_info *hinfo)
{
	struct ext4_sb_info *sbi = EXT4_SB(dir->i_sb);

	hinfo->hash_version = version;
	if (version <= DX_HASH_TEA)
		hinfo->hash_version += sbi->s_hash_unsigned;
	hinfo->seed = sbi->s_hash_seed;
}

/* Checks the root's header before any of its entries is trusted; false when bad. */
static bool dx_root_info_valid(struct inode *dir, struct dx_root *root)
{
	unsigned int indirect = root->info.indirect_levels;
	u8 version = root->info.hash_version;

	if (version != DX_HASH_TEA && version != DX_HASH_HALF_MD4 &&
	    version != DX_HASH_LEGACY) {
		ext4_warning_inode(dir, "Unrecognised inode hash code %u", version);
		return false;
	}
	if (root->info.unused_flags & 1) {
		ext4_warning_inode(dir, "Unimplemented hash flags: %#06x",
				   root->info.unused_flags);
		return false;
	}
	if (indirect >= (unsigned int)ext4_dir_htree_level(dir->i_sb)) {
		ext4_warning_inode(dir, "htree depth %u exceeds the supported %d", indirect,
				   ext4_dir_htree_level(dir->i_sb));
		return false;
	}
	if (root->info.info_length != sizeof(root->info)) {
		ext4_warning_inode(dir, "dx root info length %u", root->info.info_length);
		return false;
	}
	return true;
}

/* The last entry whose hash is <= hash (entry 0 when none); entries are sorted. */
static struct dx_entry *dx_search(struct dx_entry *entries, unsigned int count, u32 hash)
{
	struct dx_entry *p = entries + 1, *q = entries + count - 1, *m;

	while (p <= q) {
		m = p + (q - p) / 2;
		if (dx_get_hash(m) > hash)
			q = m - 1;
		else
			p = m + 1;
	}
	return p - 1;
}

/* Hashes fname's name into hinfo with the root's hash version (no name: the version only). */
static int dx_probe_hash(struct ext4_filename *fname, struct inode *dir, struct dx_root *root,
			 struct dx_hash_info *hinfo)
{
	ext4_dx_hash_setup(dir, root->info.hash_version, hinfo);
	if (!fname)
		return 0;
	return ext4fs_dirhash(dir, fname_name(fname), fname_len(fname), hinfo);
}

/* The root's entries, after its info; NULL when their limit is not the root's. */
static struct dx_entry *dx_root_entries(struct inode *dir, struct dx_root *root)
{
	struct dx_entry *entries;

	entries = (struct dx_entry *)((char *)&root->info + root->info.info_length);
	if (dx_get_limit(entries) != dx_root_limit(dir, root->info.info_length)) {
		ext4_warning_inode(dir, "dx entry: limit %u != root limit %u",
				   dx_get_limit(entries),
				   dx_root_limit(dir, root->info.info_length));
		return NULL;
	}
	return entries;
}

/*
 * Points frame at the entry of entries (a node at depth level) for hash; false when the
 * node's count is bad or the entry's block is one of blocks[0..level], the path from
 * the root (a cycle).
 */
static bool dx_probe_frame(struct inode *dir, struct dx_frame *frame, struct dx_entry *entries,
			   u32 hash, const ext4_lblk_t *blocks, unsigned int level)
{
	unsigned int count = dx_get_count(entries), i;
	ext4_lblk_t block;

	if (!count || count > dx_get_limit(entries)) {
		ext4_warning_inode(dir, "dx entry: count %u beyond limit %u",
				   count, dx_get_limit(entries));
		return false;
	}
	frame->entries = entries;
	frame->at = dx_search(entries, count, hash);
	block = dx_get_block(frame->at);
	for (i = 0; i <= level; i++) {
		if (blocks[i] == block) {
			ext4_warning_inode(dir, "dx entry: tree cycle block %u points back to block %u",
					   blocks[level], block);
			return false;
		}
	}
	return true;
}

/*
 * Walks the index from the root to the leaf that holds hinfo->hash (fname's hash,
 * computed here, when fname is given), filling frame_in[0..levels]. Returns the last
 * frame, or ERR_PTR: ERR_BAD_DX_DIR when the index is damaged (the caller may fall back
 * to a linear search; never reported to users), another error when a block is unreadable.
 */
static struct dx_frame *dx_probe(struct ext4_filename *fname, struct inode *dir,
				 struct dx_hash_info *hinfo, struct dx_frame *frame_in)
{
	struct dx_frame *frame = frame_in, *ret_err = ERR_PTR(ERR_BAD_DX_DIR);
	ext4_lblk_t block, blocks[EXT4_HTREE_LEVEL];
	unsigned int indirect, level;
	struct dx_entry *entries;
	struct dx_root *root;
	int err;

	memset(frame_in, 0, EXT4_HTREE_LEVEL * sizeof(frame_in[0]));
	frame->bh = ext4_read_dirblock(dir, 0, INDEX);
	if (IS_ERR(frame->bh))
		return (struct dx_frame *)frame->bh;
	root = (struct dx_root *)frame->bh->b_data;
	if (!dx_root_info_valid(dir, root))
		goto fail;
	if (fname)
		hinfo = &fname->hinfo;
	err = dx_probe_hash(fname, dir, root, hinfo);
	if (err < 0) {
		ret_err = ERR_PTR(err);
		goto fail;
	}
	indirect = root->info.indirect_levels;
	entries = dx_root_entries(dir, root);
	if (!entries)
		goto fail;
	level = 0;
	blocks[0] = 0;
	for (;;) {
		if (!dx_probe_frame(dir, frame, entries, hinfo->hash, blocks, level))
			goto fail;
		block = dx_get_block(frame->at);
		if (++level > indirect)
			return frame;
		blocks[level] = block;
		frame++;
		frame->bh = ext4_read_dirblock(dir, block, INDEX);
		if (IS_ERR(frame->bh)) {
			ret_err = (struct dx_frame *)frame->bh;
			frame->bh = NULL;
			goto fail;
		}
		entries = ((struct dx_node *)frame->bh->b_data)->entries;
		if (dx_get_limit(entries) != dx_node_limit(dir)) {
			ext4_warning_inode(dir, "dx entry: limit %u != node limit %u",
					   dx_get_limit(entries), dx_node_limit(dir));
			goto fail;
		}
	}
fail:
	for (; frame >= frame_in; frame--) {
		brelse(frame->bh);
		frame->bh = NULL;
	}
	if (ret_err == ERR_PTR(ERR_BAD_DX_DIR))
		ext4_warning_inode(dir, "Corrupt directory, running e2fsck is recommended");
	return ret_err;
}

static void dx_release(struct dx_frame *frames)
{
	int i;

	for (i = 0; i < EXT4_HTREE_LEVEL && frames[i].bh; i++) {
		brelse(frames[i].bh);
		frames[i].bh = NULL;
	}
}

#define HASH_NB_ALWAYS 1

/*
 * Steps the path in frames to the next leaf, reading the index nodes on the way.
 * With an even hash, only when the next leaf continues that hash (a collision run);
 * with HASH_NB_ALWAYS, always. Returns 1 when it moved, 0 at the end, or an error;
 * *start_hash gets the next leaf's starting hash.
 */
static int ext4_htree_next_block(struct inode *dir, u32 hash, struct dx_frame *frame,
				 struct dx_frame *frames, u32 *start_hash)
{
	struct dx_frame *p = frame;
	struct buffer_head *bh;
	int num_frames = 0;
	u32 bhash;

	while (++p->at >= p->entries + dx_get_count(p->entries)) {
		if (p == frames)
			return 0;
		num_frames++;
		p--;
	}
	bhash = dx_get_hash(p->at);
	if (start_hash)
		*start_hash = bhash;
	if ((hash & 1) == 0 && (bhash & ~1) != hash)
		return 0;
	while (num_frames--) {
		bh = ext4_read_dirblock(dir, dx_get_block(p->at), INDEX);
		if (IS_ERR(bh))
			return PTR_ERR(bh);
		p++;
		brelse(p->bh);
		p->bh = bh;
		p->at = p->entries = ((struct dx_node *)bh->b_data)->entries;
	}
	return 1;
}

/* ---- readdir in hash order (dir.c keeps the names in a tree sorted by hash) ---- */

/*
 * Adds the live names of leaf `block` whose (hash, minor_hash) is at or past the start
 * to dir_file's tree; returns how many, or an error.
 */
static int htree_dirblock_to_tree(struct file *dir_file, struct inode *dir, ext4_lblk_t block,
				  struct dx_hash_info *hinfo, u32 start_hash,
				  u32 start_minor_hash)
{
	unsigned int blocksize = dir->i_sb->s_blocksize;
	struct ext4_dir_entry_2 *de, *top;
	struct buffer_head *bh;
	int err, count = 0;

	bh = ext4_read_dirblock(dir, block, DIRENT_HTREE);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	de = (struct ext4_dir_entry_2 *)bh->b_data;
	top = (struct ext4_dir_entry_2 *)((char *)de + blocksize -
					  ext4_dir_rec_len(0, NULL));
	for (; de < top; de = ext4_next_entry(de, blocksize)) {
		struct qstr name = QSTR_INIT(de->name, de->name_len);

		/* a bad record ends the block for readdir, as in Linux */
		if (ext4_check_dir_entry(dir, NULL, de, bh, bh->b_data, bh->b_size,
					 (block << dir->i_sb->s_blocksize_bits) +
					 ((char *)de - bh->b_data)))
			break;
		err = ext4fs_dirhash(dir, de->name, de->name_len, hinfo);
		if (err < 0) {
			count = err;
			break;
		}
		if (hinfo->hash < start_hash ||
		    (hinfo->hash == start_hash && hinfo->minor_hash < start_minor_hash))
			continue;
		if (de->inode == 0)
			continue;
		err = ext4_htree_store_dirent(dir_file, hinfo->hash, hinfo->minor_hash, de, &name);
		if (err) {
			count = err;
			break;
		}
		count++;
	}
	brelse(bh);
	return count;
}

/* Stores "." (hash 0) and ".." (hash 2) from the root block when the range starts there. */
static int htree_store_dots(struct file *dir_file, struct inode *dir, struct buffer_head *bh,
			    u32 start_hash, u32 start_minor_hash)
{
	struct ext4_dir_entry_2 *de = (struct ext4_dir_entry_2 *)bh->b_data;
	struct qstr name = QSTR_INIT(de->name, de->name_len);
	int err, count = 0;

	if (!start_hash && !start_minor_hash) {
		err = ext4_htree_store_dirent(dir_file, 0, 0, de, &name);
		if (err)
			return err;
		count++;
	}
	if (start_hash < 2 || (start_hash == 2 && start_minor_hash == 0)) {
		de = ext4_next_entry(de, dir->i_sb->s_blocksize);
		name = (struct qstr)QSTR_INIT(de->name, de->name_len);
		err = ext4_htree_store_dirent(dir_file, 2, 0, de, &name);
		if (err)
			return err;
		count++;
	}
	return count;
}

/*
 * Fills dir_file's tree with the names hashed at or past (start_hash, start_minor_hash),
 * leaf by leaf until at least one name is in and the next leaf starts a new hash (so
 * a collision run is never cut). *next_hash gets where the next call starts (~0: end).
 * Returns the number of names stored or an error (ERR_BAD_DX_DIR: use linear readdir).
 */
int ext4_htree_fill_tree(struct file *dir_file, u32 start_hash, u32 start_minor_hash,
			 u32 *next_hash)
{
	struct dx_frame frames[EXT4_HTREE_LEVEL], *frame;
	struct inode *dir = file_inode(dir_file);
	struct dx_hash_info hinfo;
	int count, ret;
	u32 hashval;

	if (!ext4_test_inode_flag(dir, EXT4_INDEX_FL)) {
		ext4_dx_hash_setup(dir, EXT4_SB(dir->i_sb)->s_def_hash_version, &hinfo);
		*next_hash = ~0;
		return htree_dirblock_to_tree(dir_file, dir, 0, &hinfo, start_hash,
					      start_minor_hash);
	}
	hinfo.hash = start_hash;
	hinfo.minor_hash = 0;
	frame = dx_probe(NULL, dir, &hinfo, frames);
	if (IS_ERR(frame))
		return PTR_ERR(frame);
	count = htree_store_dots(dir_file, dir, frames[0].bh, start_hash, start_minor_hash);
	if (count < 0)
		goto out;
	for (;;) {
		ret = htree_dirblock_to_tree(dir_file, dir, dx_get_block(frame->at), &hinfo,
					     start_hash, start_minor_hash);
		if (ret < 0) {
			count = ret;
			goto out;
		}
		count += ret;
		hashval = ~0;
		ret = ext4_htree_next_block(dir, HASH_NB_ALWAYS, frame, frames, &hashval);
		*next_hash = hashval;
		if (ret < 0) {
			count = ret;
			goto out;
		}
		if (ret == 0 || (count && (hashval & 1) == 0))
			break;
	}
out:
	dx_release(frames);
	return count;
}

/* ---- finding a name ---- */

static bool ext4_match(const struct ext4_filename *fname, const struct ext4_dir_entry_2 *de)
{
	if (!de->inode || de->name_len != fname_len(fname))
		return false;
	return !memcmp(fname_name(fname), de->name, de->name_len);
}

/*
 * Searches one block's records for fname: 1 with *res_dir set, 0 when absent,
 * -EFSCORRUPTED when the block's chain is broken. offset is the block's position in
 * the directory, for reports.
 */
static int ext4_search_dir(struct buffer_head *bh, char *search_buf, int buf_size,
			   struct inode *dir, struct ext4_filename *fname,
			   unsigned int offset, struct ext4_dir_entry_2 **res_dir)
{
	struct ext4_dir_entry_2 *de = (struct ext4_dir_entry_2 *)search_buf;
	char *dlimit = search_buf + buf_size;
	int de_len;

	while ((char *)de < dlimit - EXT4_BASE_DIR_LEN) {
		/* cheap checks first: this runs for every record of every block searched */
		if (de->name + de->name_len <= dlimit && ext4_match(fname, de)) {
			if (ext4_check_dir_entry(dir, NULL, de, bh, search_buf, buf_size,
						 offset))
				return -EFSCORRUPTED;
			*res_dir = de;
			return 1;
		}
		de_len = ext4_rec_len_from_disk(de->rec_len, dir->i_sb->s_blocksize);
		if (de_len <= 0)
			return -EFSCORRUPTED;
		offset += de_len;
		de = (struct ext4_dir_entry_2 *)((char *)de + de_len);
	}
	return 0;
}

static inline int search_dirblock(struct buffer_head *bh, struct inode *dir,
				  struct ext4_filename *fname, unsigned int offset,
				  struct ext4_dir_entry_2 **res_dir)
{
	return ext4_search_dir(bh, bh->b_data, dir->i_sb->s_blocksize, dir, fname, offset,
			       res_dir);
}

/* The leaf holding fname through the index, NULL when absent, ERR_PTR on errors. */
static struct buffer_head *ext4_dx_find_entry(struct inode *dir, struct ext4_filename *fname,
					      struct ext4_dir_entry_2 **res_dir)
{
	struct dx_frame frames[EXT4_HTREE_LEVEL], *frame;
	unsigned int bits = dir->i_sb->s_blocksize_bits;
	struct buffer_head *bh;
	ext4_lblk_t block;
	int retval;

	frame = dx_probe(fname, dir, NULL, frames);
	if (IS_ERR(frame))
		return (struct buffer_head *)frame;
	do {
		block = dx_get_block(frame->at);
		bh = ext4_read_dirblock(dir, block, DIRENT_HTREE);
		if (IS_ERR(bh))
			goto out;
		retval = search_dirblock(bh, dir, fname, block << bits, res_dir);
		if (retval == 1)
			goto out;
		brelse(bh);
		if (retval < 0) {
			bh = ERR_PTR(ERR_BAD_DX_DIR);
			goto out;
		}
		retval = ext4_htree_next_block(dir, fname->hinfo.hash, frame, frames, NULL);
		if (retval < 0) {
			ext4_warning_inode(dir, "error %d reading directory index block", retval);
			bh = ERR_PTR(retval);
			goto out;
		}
	} while (retval == 1);
	bh = NULL;
out:
	dx_release(frames);
	return bh;
}

/* Reads block of a linear directory for a search: NULL for a hole, checked otherwise. */
static struct buffer_head *ext4_search_block(struct inode *dir, ext4_lblk_t block)
{
	struct buffer_head *bh = ext4_bread(NULL, dir, block, 0);

	if (IS_ERR_OR_NULL(bh))
		return bh;
	if (!buffer_verified(bh) &&
	    !is_dx_block_of(dir, block, (struct ext4_dir_entry *)bh->b_data) &&
	    !ext4_dirblock_csum_verify(dir, bh)) {
		EXT4_ERROR_INODE(dir, "checksumming directory block %lu", (unsigned long)block);
		brelse(bh);
		return ERR_PTR(-EFSBADCRC);
	}
	set_buffer_verified(bh);
	return bh;
}

/*
 * Searches the directory's blocks in turn, starting where the last search succeeded
 * (i_dir_start_lookup) and wrapping around; "." and ".." only in block 0.
 */
static struct buffer_head *ext4_linear_find_entry(struct inode *dir,
						  struct ext4_filename *fname,
						  struct ext4_dir_entry_2 **res_dir)
{
	unsigned int bits = dir->i_sb->s_blocksize_bits;
	const char *name = fname_name(fname);
	ext4_lblk_t start, block, nblocks;
	struct buffer_head *bh;
	int ret;

	nblocks = dir->i_size >> bits;
	start = EXT4_I(dir)->i_dir_start_lookup;
	if (fname_len(fname) <= 2 && name[0] == '.' &&
	    (fname_len(fname) == 1 || name[1] == '.'))
		nblocks = min_t(ext4_lblk_t, nblocks, 1);
	if (start >= nblocks)
		start = 0;
	for (block = start; nblocks; ) {
		bh = ext4_search_block(dir, block);
		if (IS_ERR(bh))
			return bh;
		if (bh) {
			ret = search_dirblock(bh, dir, fname, block << bits, res_dir);
			if (ret == 1) {
				EXT4_I(dir)->i_dir_start_lookup = block;
				return bh;
			}
			brelse(bh);
			if (ret < 0)
				return ERR_PTR(ret);
		}
		if (++block >= nblocks)
			block = 0;
		if (block == start)
			break;
	}
	return NULL;
}

/*
 * The block holding the entry named fname in dir, with *res_dir pointing at the entry;
 * NULL when there is none; ERR_PTR on errors. The buffer is the caller's to brelse.
 */
static struct buffer_head *__ext4_find_entry(struct inode *dir, struct ext4_filename *fname,
					     struct ext4_dir_entry_2 **res_dir)
{
	const char *name = fname_name(fname);
	struct buffer_head *bh;

	*res_dir = NULL;
	if (fname_len(fname) > EXT4_NAME_LEN)
		return NULL;
	if (is_dx(dir) && !(fname_len(fname) <= 2 && name[0] == '.' &&
			    (fname_len(fname) == 1 || name[1] == '.'))) {
		bh = ext4_dx_find_entry(dir, fname, res_dir);
		/* a damaged index: the names are still in the leaves, search them all */
		if (!IS_ERR(bh) || PTR_ERR(bh) != ERR_BAD_DX_DIR)
			return bh;
	}
	return ext4_linear_find_entry(dir, fname, res_dir);
}

static struct buffer_head *ext4_find_entry(struct inode *dir, const struct qstr *d_name,
					   struct ext4_dir_entry_2 **res_dir)
{
	struct ext4_filename fname = { .usr_fname = d_name };

	return __ext4_find_entry(dir, &fname, res_dir);
}

static struct dentry *ext4_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	struct ext4_dir_entry_2 *de;
	struct inode *inode = NULL;
	struct buffer_head *bh;
	u32 ino;

	if (dentry->d_name.len > EXT4_NAME_LEN)
		return ERR_PTR(-ENAMETOOLONG);
	bh = ext4_find_entry(dir, &dentry->d_name, &de);
	if (IS_ERR(bh))
		return ERR_CAST(bh);
	if (bh) {
		ino = le32_to_cpu(de->inode);
		brelse(bh);
		if (!ext4_valid_inum(dir->i_sb, ino)) {
			EXT4_ERROR_INODE(dir, "bad inode number: %u", ino);
			return ERR_PTR(-EFSCORRUPTED);
		}
		if (ino == dir->i_ino) {
			EXT4_ERROR_INODE(dir, "'%s' linked to parent dir", dentry->d_name.name);
			return ERR_PTR(-EFSCORRUPTED);
		}
		inode = ext4_iget(dir->i_sb, ino, EXT4_IGET_NORMAL);
		if (inode == ERR_PTR(-ESTALE)) {
			EXT4_ERROR_INODE(dir, "deleted inode referenced: %u", ino);
			return ERR_PTR(-EFSCORRUPTED);
		}
		if (IS_ERR(inode))
			return ERR_CAST(inode);
	}
	d_add(dentry, inode);
	return NULL;
}

/* ---- adding a name: leaf space, leaf splits, index growth ---- */

/* Maps a leaf's live records at the end of map_tail's buffer (growing down); their count. */
static int dx_make_map(struct inode *dir, struct buffer_head *bh, struct dx_hash_info *hinfo,
		       struct dx_map_entry *map_tail)
{
	unsigned int blocksize = dir->i_sb->s_blocksize;
	unsigned int buflen = blocksize - ext4_csum_tail_size(dir->i_sb);
	struct ext4_dir_entry_2 *de = (struct ext4_dir_entry_2 *)bh->b_data;
	struct dx_hash_info h = *hinfo;
	char *base = bh->b_data;
	int count = 0, err;

	while ((char *)de < base + buflen) {
		if (ext4_check_dir_entry(dir, NULL, de, bh, base, buflen, (char *)de - base))
			return -EFSCORRUPTED;
		if (de->name_len && de->inode) {
			err = ext4fs_dirhash(dir, de->name, de->name_len, &h);
			if (err < 0)
				return err;
			map_tail--;
			map_tail->hash = h.hash;
			map_tail->offs = ((char *)de - base) >> 2;
			map_tail->size = ext4_rec_len_from_disk(de->rec_len, blocksize);
			count++;
		}
		de = ext4_next_entry(de, blocksize);
	}
	return count;
}

/* Sorts the map by hash: a comb sort down to gaps of 11, then a bubble sort. */
static void dx_sort_map(struct dx_map_entry *map, unsigned int count)
{
	struct dx_map_entry *p, *q, *top = map + count - 1;
	bool more;

	while (count > 2) {
		count = count * 10 / 13;
		if (count - 9 < 2)	/* 9 and 10 become 11 */
			count = 11;
		for (p = top, q = p - count; q >= map; p--, q--)
			if (p->hash < q->hash)
				swap(*p, *q);
	}
	do {
		more = false;
		for (q = top; q-- > map; ) {
			if (q[1].hash >= q[0].hash)
				continue;
			swap(q[1], q[0]);
			more = true;
		}
	} while (more);
}

/* Inserts {hash, block} after frame->at; the array has room. */
static void dx_insert_block(struct dx_frame *frame, u32 hash, ext4_lblk_t block)
{
	struct dx_entry *entries = frame->entries, *new = frame->at + 1;
	unsigned int count = dx_get_count(entries);

	WARN_ON(count >= dx_get_limit(entries));
	memmove(new + 1, new, (char *)(entries + count) - (char *)new);
	dx_set_hash(new, hash);
	dx_set_block(new, block);
	dx_set_count(entries, count + 1);
}

/* Copies the mapped records to `to`, packed, wiping them at `from`; the last one copied. */
static struct ext4_dir_entry_2 *dx_move_dirents(struct inode *dir, char *from, char *to,
						struct dx_map_entry *map, int count,
						unsigned int blocksize)
{
	unsigned int rec_len = 0;

	while (count--) {
		struct ext4_dir_entry_2 *de = (struct ext4_dir_entry_2 *)(from + (map->offs << 2));

		rec_len = ext4_dir_rec_len(de->name_len, dir);
		memcpy(to, de, rec_len);
		((struct ext4_dir_entry_2 *)to)->rec_len = ext4_rec_len_to_disk(rec_len, blocksize);
		de->inode = 0;
		memset(&de->name_len, 0, ext4_rec_len_from_disk(de->rec_len, blocksize) -
		       offsetof(struct ext4_dir_entry_2, name_len));
		map++;
		to += rec_len;
	}
	return (struct ext4_dir_entry_2 *)(to - rec_len);
}

/* Packs the live records of the block at base to its start; the last one. */
static struct ext4_dir_entry_2 *dx_pack_dirents(struct inode *dir, char *base,
						unsigned int blocksize)
{
	struct ext4_dir_entry_2 *next, *to, *prev, *de = (struct ext4_dir_entry_2 *)base;
	unsigned int rec_len;

	prev = to = de;
	while ((char *)de < base + blocksize) {
		next = ext4_next_entry(de, blocksize);
		if (de->inode && de->name_len) {
			rec_len = ext4_dir_rec_len(de->name_len, dir);
			if (de > to)
				memmove(to, de, rec_len);
			to->rec_len = ext4_rec_len_to_disk(rec_len, blocksize);
			prev = to;
			to = (struct ext4_dir_entry_2 *)((char *)to + rec_len);
		}
		de = next;
	}
	return prev;
}

/* Where in the sorted map a full leaf splits: neither half over half the block. */
static unsigned int dx_split_point(struct dx_map_entry *map, int count, unsigned int blocksize)
{
	unsigned int size = 0, move = 0;
	int i;

	for (i = count - 1; i >= 0; i--) {
		/* is more than half of this entry in the second half of the block? */
		if (size + map[i].size / 2 > blocksize / 2)
			break;
		size += map[i].size;
		move++;
	}
	return i >= 0 ? count - move : (unsigned int)count / 2;
}

/* Stretches last, the leaf's last record, to the leaf's end or its checksum tail (made here). */
static void dx_close_leaf(struct inode *dir, struct buffer_head *bh,
			  struct ext4_dir_entry_2 *last)
{
	unsigned int blocksize = dir->i_sb->s_blocksize;
	int csum_size = ext4_csum_tail_size(dir->i_sb);

	last->rec_len = ext4_rec_len_to_disk(bh->b_data + (blocksize - csum_size) - (char *)last,
					     blocksize);
	if (csum_size)
		ext4_initialize_dirent_tail(bh, blocksize);
}

/*
 * Splits the full leaf *bh, under frame, in two by hash: the upper half moves to a new
 * block, whose entry goes into frame's index block. Returns the record in the leaf that
 * should take hinfo's name (*bh is then that leaf), or ERR_PTR with *bh released.
 */
static struct ext4_dir_entry_2 *do_split(handle_t *handle, struct inode *dir,
					 struct buffer_head **bh, struct dx_frame *frame,
					 struct dx_hash_info *hinfo)
{
	unsigned int blocksize = dir->i_sb->s_blocksize, split, continued;
	struct ext4_dir_entry_2 *de, *de2;
	char *data1 = (*bh)->b_data, *data2;
	int count, err;
	struct dx_map_entry *map;
	struct buffer_head *bh2;
	ext4_lblk_t newblock;
	u32 hash2;

	bh2 = ext4_append(handle, dir, &newblock);
	if (IS_ERR(bh2)) {
		brelse(*bh);
		*bh = NULL;
		return (struct ext4_dir_entry_2 *)bh2;
	}
	err = ext4_journal_get_write_access(handle, dir->i_sb, *bh, EXT4_JTR_NONE);
	if (!err)
		err = ext4_journal_get_write_access(handle, dir->i_sb, frame->bh,
						    EXT4_JTR_NONE);
	if (err)
		goto journal_error;
	data2 = bh2->b_data;
	/* the map lives at the end of the new, still empty, block */
	map = (struct dx_map_entry *)(data2 + blocksize);
	count = dx_make_map(dir, *bh, hinfo, map);
	if (count < 0) {
		err = count;
		goto journal_error;
	}
	map -= count;
	dx_sort_map(map, count);
	split = dx_split_point(map, count, blocksize);
	hash2 = map[split].hash;
	continued = split > 0 ? hash2 == map[split - 1].hash : 0;
	de2 = dx_move_dirents(dir, data1, data2, map + split, count - split, blocksize);
	de = dx_pack_dirents(dir, data1, blocksize);
	dx_close_leaf(dir, *bh, de);
	dx_close_leaf(dir, bh2, de2);
	if (hinfo->hash >= hash2) {
		swap(*bh, bh2);
		de = de2;
	}
	dx_insert_block(frame, hash2 + continued, newblock);
	err = ext4_handle_dirty_dirblock(handle, dir, bh2);
	if (!err)
		err = ext4_handle_dirty_dx_node(handle, dir, frame->bh);
	if (err)
		goto journal_error;
	brelse(bh2);
	return de;
journal_error:
	brelse(*bh);
	brelse(bh2);
	*bh = NULL;
	ext4_std_error(dir->i_sb, err);
	return ERR_PTR(err);
}

/*
 * The first record in buf with room for fname (an unused record, or a live one with
 * slack after its name): 0 with *dest_de set, -ENOSPC, -EEXIST if fname is there, or
 * -EFSCORRUPTED.
 */
static int ext4_find_dest_de(struct inode *dir, struct buffer_head *bh, void *buf,
			     int buf_size, struct ext4_filename *fname,
			     struct ext4_dir_entry_2 **dest_de)
{
	unsigned int reclen = ext4_dir_rec_len(fname_len(fname), dir);
	struct ext4_dir_entry_2 *de = buf;
	char *top = (char *)buf + buf_size - reclen;
	unsigned int offset = 0;
	int nlen, rlen;

	while ((char *)de <= top) {
		if (ext4_check_dir_entry(dir, NULL, de, bh, buf, buf_size, offset))
			return -EFSCORRUPTED;
		if (ext4_match(fname, de))
			return -EEXIST;
		nlen = ext4_dir_rec_len(de->name_len, dir);
		rlen = ext4_rec_len_from_disk(de->rec_len, buf_size);
		if ((de->inode ? rlen - nlen : rlen) >= (int)reclen)
			break;
		de = (struct ext4_dir_entry_2 *)((char *)de + rlen);
		offset += rlen;
	}
	if ((char *)de > top)
		return -ENOSPC;
	*dest_de = de;
	return 0;
}

static void ext4_set_de_type(struct super_block *sb, struct ext4_dir_entry_2 *de, umode_t mode)
{
	static const u8 ext4_type_by_mode[16] = {
		[S_IFREG >> 12] = EXT4_FT_REG_FILE,	[S_IFDIR >> 12] = EXT4_FT_DIR,
		[S_IFCHR >> 12] = EXT4_FT_CHRDEV,	[S_IFBLK >> 12] = EXT4_FT_BLKDEV,
		[S_IFIFO >> 12] = EXT4_FT_FIFO,		[S_IFSOCK >> 12] = EXT4_FT_SOCK,
		[S_IFLNK >> 12] = EXT4_FT_SYMLINK,
	};

	if (ext4_has_feature_filetype(sb))
		de->file_type = ext4_type_by_mode[(mode & S_IFMT) >> 12];
}

/* Writes inode's name into de, splitting off de's slack first when de is live. */
static void ext4_insert_dentry(struct inode *dir, struct inode *inode,
			       struct ext4_dir_entry_2 *de, int buf_size,
			       struct ext4_filename *fname)
{
	int nlen = ext4_dir_rec_len(de->name_len, dir);
	int rlen = ext4_rec_len_from_disk(de->rec_len, buf_size);

	if (de->inode) {
		struct ext4_dir_entry_2 *de1 = (struct ext4_dir_entry_2 *)((char *)de + nlen);

		de1->rec_len = ext4_rec_len_to_disk(rlen - nlen, buf_size);
		de->rec_len = ext4_rec_len_to_disk(nlen, buf_size);
		de = de1;
	}
	de->file_type = EXT4_FT_UNKNOWN;
	de->inode = cpu_to_le32(inode->i_ino);
	ext4_set_de_type(inode->i_sb, de, inode->i_mode);
	de->name_len = fname_len(fname);
	memcpy(de->name, fname_name(fname), fname_len(fname));
}

/*
 * Adds fname -> inode to the leaf bh, at de when the caller found room already, else
 * wherever there is room: 0, -ENOSPC (the leaf is full), -EEXIST, or another error.
 */
static int add_dirent_to_buf(handle_t *handle, struct ext4_filename *fname, struct inode *dir,
			     struct inode *inode, struct ext4_dir_entry_2 *de,
			     struct buffer_head *bh)
{
	unsigned int blocksize = dir->i_sb->s_blocksize;
	int err, err2;

	if (!de) {
		err = ext4_find_dest_de(dir, bh, bh->b_data,
					blocksize - ext4_csum_tail_size(dir->i_sb), fname, &de);
		if (err)
			return err;
	}
	err = ext4_journal_get_write_access(handle, dir->i_sb, bh, EXT4_JTR_NONE);
	if (err) {
		ext4_std_error(dir->i_sb, err);
		return err;
	}
	ext4_insert_dentry(dir, inode, de, blocksize, fname);
	dir->i_mtime = dir->i_ctime = current_time(dir);
	ext4_update_dx_flag(dir);
	inode_inc_iversion(dir);
	err2 = ext4_mark_inode_dirty(handle, dir);
	err = ext4_handle_dirty_dirblock(handle, dir, bh);
	if (err)
		ext4_std_error(dir->i_sb, err);
	return err ? err : err2;
}

/* "." and ".." at the start of a block that is to become a dx_root. */
static bool ext4_check_dx_root(struct inode *dir, struct dx_root *root)
{
	unsigned int blocksize = dir->i_sb->s_blocksize;
	char *blockend = (char *)root + blocksize;
	const char *error_msg = NULL;

	if (root->dot.name_len != 1 || root->dot_name[0] != '.')
		error_msg = "invalid name for '.'";
	else if ((char *)&root->dot + ext4_rec_len_from_disk(root->dot.rec_len, blocksize) >=
		 blockend)
		error_msg = "invalid rec_len for '.'";
	else if (root->dotdot.name_len != 2 || strncmp(root->dotdot_name, "..", 2))
		error_msg = "invalid name for '..'";
	else if ((char *)&root->dotdot +
		 ext4_rec_len_from_disk(root->dotdot.rec_len, blocksize) >= blockend)
		error_msg = "invalid rec_len for '..'";
	if (!error_msg)
		return true;
	EXT4_ERROR_INODE(dir, "Corrupt dir, %s, running e2fsck is recommended", error_msg);
	return false;
}

/*
 * Moves the records after ".." out of block 0 into a new block (bh2, returned) and
 * stretches the last one to the end; block 0's records are wiped.
 */
static struct buffer_head *move_root_dirents(handle_t *handle, struct inode *dir,
					     struct dx_root *root)
{
	unsigned int blocksize = dir->i_sb->s_blocksize;
	int csum_size = ext4_csum_tail_size(dir->i_sb);
	struct ext4_dir_entry_2 *de, *de2;
	struct buffer_head *bh2;
	ext4_lblk_t block;
	char *data2, *top;
	unsigned int len;

	de = (struct ext4_dir_entry_2 *)((char *)&root->dotdot +
		ext4_rec_len_from_disk(root->dotdot.rec_len, blocksize));
	len = (char *)root + (blocksize - csum_size) - (char *)de;
	bh2 = ext4_append(handle, dir, &block);
	if (IS_ERR(bh2))
		return bh2;
	data2 = bh2->b_data;
	memcpy(data2, de, len);
	memset(de, 0, len);
	de = (struct ext4_dir_entry_2 *)data2;
	top = data2 + len;
	while ((char *)(de2 = ext4_next_entry(de, blocksize)) < top) {
		if (ext4_check_dir_entry(dir, NULL, de, bh2, data2, len,
					 (char *)de - data2)) {
			brelse(bh2);
			return ERR_PTR(-EFSCORRUPTED);
		}
		de = de2;
	}
	de->rec_len = ext4_rec_len_to_disk(data2 + (blocksize - csum_size) - (char *)de,
					   blocksize);
	if (csum_size)
		ext4_initialize_dirent_tail(bh2, blocksize);
	return bh2;
}

/*
 * Turns a full one-block directory into an indexed one: block 0 becomes the dx_root
 * with one entry for a new block 1 that takes its records; then that leaf is split and
 * fname added. bh (block 0) is released.
 */
static int make_indexed_dir(handle_t *handle, struct ext4_filename *fname, struct inode *dir,
			    struct inode *inode, struct buffer_head *bh)
{
	unsigned int blocksize = dir->i_sb->s_blocksize;
	struct dx_frame frames[EXT4_HTREE_LEVEL], *frame;
	struct dx_root *root = (struct dx_root *)bh->b_data;
	struct buffer_head *bh2;
	struct dx_entry *entries;
	struct ext4_dir_entry_2 *de;
	int retval;

	memset(frames, 0, sizeof(frames));
	retval = ext4_journal_get_write_access(handle, dir->i_sb, bh, EXT4_JTR_NONE);
	if (retval || !ext4_check_dx_root(dir, root)) {
		brelse(bh);
		return retval ? retval : -EFSCORRUPTED;
	}
	bh2 = move_root_dirents(handle, dir, root);
	if (IS_ERR(bh2)) {
		brelse(bh);
		return PTR_ERR(bh2);
	}
	ext4_set_inode_flag(dir, EXT4_INDEX_FL);
	root->dotdot.rec_len = ext4_rec_len_to_disk(blocksize - ext4_dir_rec_len(1, NULL),
						    blocksize);
	memset(&root->info, 0, sizeof(root->info));
	root->info.info_length = sizeof(root->info);
	root->info.hash_version = EXT4_SB(dir->i_sb)->s_def_hash_version;
	entries = root->entries;
	dx_set_block(entries, 1);
	dx_set_count(entries, 1);
	dx_set_limit(entries, dx_root_limit(dir, sizeof(root->info)));
	ext4_dx_hash_setup(dir, root->info.hash_version, &fname->hinfo);
	retval = ext4fs_dirhash(dir, fname_name(fname), fname_len(fname), &fname->hinfo);
	if (retval < 0)
		goto out_frames;
	frame = frames;
	frame->entries = entries;
	frame->at = entries;
	frame->bh = bh;
	bh = NULL;
	retval = ext4_handle_dirty_dx_node(handle, dir, frame->bh);
	if (!retval)
		retval = ext4_handle_dirty_dirblock(handle, dir, bh2);
	if (retval)
		goto out_frames;
	de = do_split(handle, dir, &bh2, frame, &fname->hinfo);
	if (IS_ERR(de)) {
		retval = PTR_ERR(de);
		goto out_frames;
	}
	retval = add_dirent_to_buf(handle, fname, dir, inode, de, bh2);
out_frames:
	/* what was changed so far is written out either way, or the index is half-made */
	if (retval)
		ext4_mark_inode_dirty(handle, dir);
	dx_release(frames);
	brelse(bh);
	brelse(bh2);
	return retval;
}

/*
 * Splits the full index node of frame: the upper half of its entries go to the new node
 * (entries2, at block newblock), which the parent (frame - 1, with room) gains.
 */
static int dx_split_index(handle_t *handle, struct inode *dir, struct dx_frame *frame,
			  struct buffer_head *bh2, ext4_lblk_t newblock)
{
	struct dx_entry *entries = frame->entries;
	struct dx_entry *entries2 = ((struct dx_node *)bh2->b_data)->entries;
	unsigned int icount = dx_get_count(entries), icount1 = icount / 2;
	int err;

	err = ext4_journal_get_write_access(handle, dir->i_sb, (frame - 1)->bh, EXT4_JTR_NONE);
	if (err)
		return err;
	memcpy(entries2, entries + icount1, (icount - icount1) * sizeof(struct dx_entry));
	dx_set_count(entries, icount1);
	dx_set_count(entries2, icount - icount1);
	dx_set_limit(entries2, dx_node_limit(dir));
	dx_insert_block(frame - 1, dx_get_hash(entries + icount1), newblock);
	err = ext4_handle_dirty_dx_node(handle, dir, bh2);
	if (!err)
		err = ext4_handle_dirty_dx_node(handle, dir, (frame - 1)->bh);
	return err;
}

/* Deepens the tree: the root's entries move to the new node, the root points at it alone. */
static int dx_add_index_level(handle_t *handle, struct inode *dir, struct dx_frame *frames,
			      struct buffer_head *bh2, ext4_lblk_t newblock)
{
	struct dx_root *dxroot = (struct dx_root *)frames[0].bh->b_data;
	struct dx_entry *entries = frames[0].entries;
	struct dx_entry *entries2 = ((struct dx_node *)bh2->b_data)->entries;

	memcpy(entries2, entries, dx_get_count(entries) * sizeof(struct dx_entry));
	dx_set_limit(entries2, dx_node_limit(dir));
	dx_set_count(entries, 1);
	dx_set_block(entries, newblock);
	dxroot->info.indirect_levels += 1;
	return ext4_handle_dirty_dx_node(handle, dir, bh2);
}

/*
 * Splits the full index block of frame (when its parent has room) or, at the root, moves
 * the root's entries down into a new node and deepens the tree. Returns 1 when the path
 * changed and the caller must probe again, 0 when frame is ready for do_split, or an error.
 */
static int dx_grow_index(handle_t *handle, struct inode *dir, struct dx_frame *frames,
			 struct dx_frame *frame)
{
	struct super_block *sb = dir->i_sb;
	int levels = frame - frames + 1, err;
	bool add_level = true;
	struct buffer_head *bh2;
	struct dx_node *node2;
	ext4_lblk_t newblock;

	/* find the lowest ancestor with room; everything below it is full */
	while (frame > frames) {
		if (dx_get_count((frame - 1)->entries) < dx_get_limit((frame - 1)->entries)) {
			add_level = false;
			break;
		}
		frame--;
	}
	if (add_level && levels == ext4_dir_htree_level(sb)) {
		ext4_warning(sb, "Directory (ino: %lu) index full, reach max htree level :%d",
			     dir->i_ino, levels);
		return -ENOSPC;
	}
	bh2 = ext4_append(handle, dir, &newblock);
	if (IS_ERR(bh2))
		return PTR_ERR(bh2);
	node2 = (struct dx_node *)bh2->b_data;
	memset(&node2->fake, 0, sizeof(node2->fake));
	node2->fake.rec_len = ext4_rec_len_to_disk(sb->s_blocksize, sb->s_blocksize);
	err = ext4_journal_get_write_access(handle, sb, frame->bh, EXT4_JTR_NONE);
	if (err)
		goto out;
	if (add_level)
		err = dx_add_index_level(handle, dir, frames, bh2, newblock);
	else
		err = dx_split_index(handle, dir, frame, bh2, newblock);
	if (!err)
		err = ext4_handle_dirty_dx_node(handle, dir, frame->bh);
out:
	brelse(bh2);
	if (err)
		ext4_std_error(sb, err);
	return err ? err : 1;
}

/*
 * Adds fname to an indexed directory: into its leaf, or splitting the leaf (and the
 * index nodes above it when full, probing again afterwards). 0 or an error;
 * ERR_BAD_DX_DIR when the index is unusable.
 */
static int ext4_dx_add_entry(handle_t *handle, struct ext4_filename *fname,
			     struct inode *dir, struct inode *inode)
{
	struct dx_frame frames[EXT4_HTREE_LEVEL], *frame;
	struct ext4_dir_entry_2 *de;
	struct buffer_head *bh;
	int err;

again:
	frame = dx_probe(fname, dir, NULL, frames);
	if (IS_ERR(frame))
		return PTR_ERR(frame);
	bh = ext4_read_dirblock(dir, dx_get_block(frame->at), DIRENT_HTREE);
	if (IS_ERR(bh)) {
		err = PTR_ERR(bh);
		bh = NULL;
		goto cleanup;
	}
	err = add_dirent_to_buf(handle, fname, dir, inode, NULL, bh);
	if (err != -ENOSPC)
		goto cleanup;
	if (dx_get_count(frame->entries) == dx_get_limit(frame->entries)) {
		err = dx_grow_index(handle, dir, frames, frame);
		if (err == 1) {
			brelse(bh);
			dx_release(frames);
			goto again;
		}
		goto cleanup;
	}
	de = do_split(handle, dir, &bh, frame, &fname->hinfo);
	if (IS_ERR(de)) {
		err = PTR_ERR(de);
		goto cleanup;
	}
	err = add_dirent_to_buf(handle, fname, dir, inode, de, bh);
cleanup:
	brelse(bh);
	dx_release(frames);
	return err;
}

/* A fresh leaf at the end of a linear directory, holding fname. */
static int add_to_new_block(handle_t *handle, struct ext4_filename *fname, struct inode *dir,
			    struct inode *inode)
{
	unsigned int blocksize = dir->i_sb->s_blocksize;
	int csum_size = ext4_csum_tail_size(dir->i_sb), retval;
	struct ext4_dir_entry_2 *de;
	struct buffer_head *bh;
	ext4_lblk_t block;

	bh = ext4_append(handle, dir, &block);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	de = (struct ext4_dir_entry_2 *)bh->b_data;
	de->inode = 0;
	de->rec_len = ext4_rec_len_to_disk(blocksize - csum_size, blocksize);
	if (csum_size)
		ext4_initialize_dirent_tail(bh, blocksize);
	retval = add_dirent_to_buf(handle, fname, dir, inode, de, bh);
	brelse(bh);
	return retval;
}

/*
 * Adds dentry's name -> inode to its parent directory: through the index when it has
 * one, else into the first leaf with room, indexing a full one-block directory (with
 * dir_index), or in a new block. 0, -EEXIST, -ENOSPC or another error.
 */
static int ext4_add_entry(handle_t *handle, struct dentry *dentry, struct inode *inode)
{
	struct inode *dir = d_inode(dentry->d_parent);
	struct ext4_filename fname = { .usr_fname = &dentry->d_name };
	struct super_block *sb = dir->i_sb;
	ext4_lblk_t block, blocks;
	bool dx_fallback = false;
	struct buffer_head *bh;
	int retval;

	if (!dentry->d_name.len)
		return -EINVAL;
	if (dentry->d_name.len > EXT4_NAME_LEN)
		return -ENAMETOOLONG;
	if (is_dx(dir)) {
		retval = ext4_dx_add_entry(handle, &fname, dir, inode);
		if (retval != ERR_BAD_DX_DIR)
			return retval;
		/* with checksums a damaged index is corruption; without, it is dropped */
		if (ext4_has_metadata_csum(sb)) {
			EXT4_ERROR_INODE(dir, "Directory has corrupted htree index.");
			return -EFSCORRUPTED;
		}
		ext4_clear_inode_flag(dir, EXT4_INDEX_FL);
		dx_fallback = true;
		retval = ext4_mark_inode_dirty(handle, dir);
		if (retval)
			return retval;
	}
	blocks = dir->i_size >> sb->s_blocksize_bits;
	for (block = 0; block < blocks; block++) {
		bh = ext4_read_dirblock(dir, block, DIRENT);
		if (!bh)
			continue;	/* a hole: left to e2fsck, the name goes elsewhere */
		if (IS_ERR(bh))
			return PTR_ERR(bh);
		retval = add_dirent_to_buf(handle, &fname, dir, inode, NULL, bh);
		if (retval != -ENOSPC) {
			brelse(bh);
			return retval;
		}
		if (blocks == 1 && !dx_fallback && ext4_has_feature_dir_index(sb))
			return make_indexed_dir(handle, &fname, dir, inode, bh);
		brelse(bh);
	}
	return add_to_new_block(handle, &fname, dir, inode);
}

/* ---- removing a name ---- */

/*
 * Removes de_del from the records in entry_buf by merging it into the record before it
 * (or, first in the block, by marking it unused). 0, -ENOENT, or -EFSCORRUPTED.
 */
static int ext4_generic_delete_entry(struct inode *dir, struct ext4_dir_entry_2 *de_del,
				     struct buffer_head *bh, void *entry_buf, int buf_size,
				     int csum_size)
{
	unsigned int blocksize = dir->i_sb->s_blocksize;
	struct ext4_dir_entry_2 *de = entry_buf, *pde = NULL;
	unsigned int rlen;
	int i = 0;

	while (i < buf_size - csum_size) {
		if (ext4_check_dir_entry(dir, NULL, de, bh, entry_buf, buf_size, i))
			return -EFSCORRUPTED;
		rlen = ext4_rec_len_from_disk(de->rec_len, blocksize);
		if (de == de_del) {
			if (pde) {
				pde->rec_len = ext4_rec_len_to_disk(
					ext4_rec_len_from_disk(pde->rec_len, blocksize) + rlen,
					blocksize);
				memset(de, 0, rlen);
			} else {
				de->inode = 0;
				memset(&de->name_len, 0,
				       rlen - offsetof(struct ext4_dir_entry_2, name_len));
			}
			inode_inc_iversion(dir);
			return 0;
		}
		i += rlen;
		pde = de;
		de = ext4_next_entry(de, blocksize);
	}
	return -ENOENT;
}

static int ext4_delete_entry(handle_t *handle, struct inode *dir,
			     struct ext4_dir_entry_2 *de_del, struct buffer_head *bh)
{
	int err;

	err = ext4_journal_get_write_access(handle, dir->i_sb, bh, EXT4_JTR_NONE);
	if (!err)
		err = ext4_generic_delete_entry(dir, de_del, bh, bh->b_data,
						dir->i_sb->s_blocksize,
						ext4_csum_tail_size(dir->i_sb));
	if (!err)
		err = ext4_handle_dirty_dirblock(handle, dir, bh);
	if (err && err != -ENOENT)
		ext4_std_error(dir->i_sb, err);
	return err;
}

/* ---- the inode operations ---- */

/* dir_nlink: an indexed directory's link count saturates at 1 instead of overflowing. */
#define EXT4_DIR_LINK_MAX(dir) ((dir)->i_nlink >= EXT4_LINK_MAX && \
				!(ext4_has_feature_dir_nlink((dir)->i_sb) && is_dx(dir)))
#define EXT4_DIR_LINK_EMPTY(dir) ((dir)->i_nlink == 2 || (dir)->i_nlink == 1)

/* Transaction credits of one directory operation (one name added or removed). */
#define EXT4_DIR_OP_CREDITS(sb) \
	(EXT4_DATA_TRANS_BLOCKS(sb) + EXT4_INDEX_EXTRA_TRANS_BLOCKS + 3)

/* One more link; a directory past EXT4_LINK_MAX (or at 2 from 1) stays at 1. */
static void ext4_inc_count(struct inode *inode)
{
	inc_nlink(inode);
	if (is_dx(inode) && (inode->i_nlink > EXT4_LINK_MAX || inode->i_nlink == 2))
		set_nlink(inode, 1);
}

/* One link less, except for a directory counting 1 ("too many to count"). */
static void ext4_dec_count(struct inode *inode)
{
	if (!S_ISDIR(inode->i_mode) || inode->i_nlink > 2)
		drop_nlink(inode);
}

/*
 * Names a new non-directory inode in dentry's parent. On success the reference moves
 * to the dentry and *inodep is cleared; on failure the inode is left unlinked, for the
 * caller's iput to free.
 */
static int ext4_add_nondir(handle_t *handle, struct dentry *dentry, struct inode **inodep)
{
	struct inode *inode = *inodep;
	int err = ext4_add_entry(handle, dentry, inode);

	if (!err) {
		err = ext4_mark_inode_dirty(handle, inode);
		d_instantiate_new(dentry, inode);
		*inodep = NULL;
		return err;
	}
	drop_nlink(inode);
	ext4_mark_inode_dirty(handle, inode);
	unlock_new_inode(inode);
	return err;
}

/*
 * Makes a non-directory inode of mode, lets setup fill in its operations, and names it
 * at dentry: the common body of create, mknod and symlink.
 */
static int ext4_create_nondir(struct inode *dir, struct dentry *dentry, umode_t mode,
			      int (*setup)(handle_t *handle, struct inode *inode,
					   const void *arg), const void *arg)
{
	struct inode *inode;
	handle_t *handle;
	int err;

	inode = ext4_new_inode_start_handle(dir, mode, &dentry->d_name, 0, NULL, 0,
					    EXT4_HT_DIR, EXT4_DIR_OP_CREDITS(dir->i_sb));
	handle = ext4_journal_current_handle();
	if (IS_ERR(inode)) {
		err = PTR_ERR(inode);
		goto out;
	}
	err = setup(handle, inode, arg);
	if (err) {
		clear_nlink(inode);
		ext4_mark_inode_dirty(handle, inode);
		unlock_new_inode(inode);
	} else {
		err = ext4_add_nondir(handle, dentry, &inode);
	}
out:
	if (handle)
		ext4_journal_stop(handle);
	if (!IS_ERR_OR_NULL(inode))
		iput(inode);
	return err;
}

static int ext4_setup_file(handle_t *handle, struct inode *inode, const void *arg)
{
	inode->i_op = &ext4_file_inode_operations;
	inode->i_fop = &ext4_file_operations;
	ext4_set_aops(inode);
	return 0;
}

static int ext4_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	return ext4_create_nondir(dir, dentry, mode, ext4_setup_file, NULL);
}

static int ext4_setup_special(handle_t *handle, struct inode *inode, const void *arg)
{
	init_special_inode(inode, inode->i_mode, *(const dev_t *)arg);
	inode->i_op = &ext4_special_inode_operations;
	return 0;
}

static int ext4_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t rdev)
{
	return ext4_create_nondir(dir, dentry, mode, ext4_setup_special, &rdev);
}

/*
 * A symlink's target: up to 59 bytes (with its NUL, in i_block's 60) inline, a "fast"
 * symlink without blocks or extents; longer, in the inode's first block.
 */
static int ext4_setup_symlink(handle_t *handle, struct inode *inode, const void *arg)
{
	const char *symname = arg;
	size_t len = strlen(symname) + 1;
	struct buffer_head *bh;
	int err;

	if (len <= sizeof(EXT4_I(inode)->i_data)) {
		inode->i_op = &ext4_fast_symlink_inode_operations;
		ext4_clear_inode_flag(inode, EXT4_EXTENTS_FL);
		memset(EXT4_I(inode)->i_data, 0, sizeof(EXT4_I(inode)->i_data));
		memcpy(EXT4_I(inode)->i_data, symname, len);
		inode->i_link = (char *)EXT4_I(inode)->i_data;
	} else {
		inode->i_op = &ext4_symlink_inode_operations;
		bh = ext4_bread(handle, inode, 0, EXT4_GET_BLOCKS_CREATE);
		if (IS_ERR(bh))
			return PTR_ERR(bh);
		err = ext4_journal_get_write_access(handle, inode->i_sb, bh, EXT4_JTR_NONE);
		if (!err) {
			memset(bh->b_data, 0, inode->i_sb->s_blocksize);
			memcpy(bh->b_data, symname, len);
			err = ext4_handle_dirty_metadata(handle, inode, bh);
		}
		brelse(bh);
		if (err)
			return err;
	}
	inode->i_size = len - 1;
	EXT4_I(inode)->i_disksize = inode->i_size;
	return 0;
}

static int ext4_symlink(struct inode *dir, struct dentry *dentry, const char *symname)
{
	size_t len = strlen(symname);

	if (len + 1 > dir->i_sb->s_blocksize)
		return -ENAMETOOLONG;
	return ext4_create_nondir(dir, dentry, S_IFLNK | 0777, ext4_setup_symlink, symname);
}

/* Writes "." and ".." at de: ".." takes the rest of the block, or its own size. */
static struct ext4_dir_entry_2 *ext4_init_dot_dotdot(struct inode *inode,
						     struct ext4_dir_entry_2 *de,
						     int blocksize, int csum_size,
						     unsigned int parent_ino, int dotdot_real_len)
{
	de->inode = cpu_to_le32(inode->i_ino);
	de->name_len = 1;
	de->rec_len = ext4_rec_len_to_disk(ext4_dir_rec_len(1, NULL), blocksize);
	memcpy(de->name, ".", 2);
	ext4_set_de_type(inode->i_sb, de, S_IFDIR);
	de = ext4_next_entry(de, blocksize);
	de->inode = cpu_to_le32(parent_ino);
	de->name_len = 2;
	if (!dotdot_real_len)
		de->rec_len = ext4_rec_len_to_disk(blocksize -
						   (csum_size + ext4_dir_rec_len(1, NULL)),
						   blocksize);
	else
		de->rec_len = ext4_rec_len_to_disk(ext4_dir_rec_len(2, NULL), blocksize);
	memcpy(de->name, "..", 3);
	ext4_set_de_type(inode->i_sb, de, S_IFDIR);
	return ext4_next_entry(de, blocksize);
}

/* A new directory's first block, with "." and ".." and its tail; nlink 2. */
static int ext4_init_new_dir(handle_t *handle, struct inode *dir, struct inode *inode)
{
	unsigned int blocksize = dir->i_sb->s_blocksize;
	int csum_size = ext4_csum_tail_size(dir->i_sb), err;
	struct buffer_head *dir_block;
	ext4_lblk_t block = 0;

	inode->i_size = 0;
	dir_block = ext4_append(handle, inode, &block);
	if (IS_ERR(dir_block))
		return PTR_ERR(dir_block);
	ext4_init_dot_dotdot(inode, (struct ext4_dir_entry_2 *)dir_block->b_data, blocksize,
			     csum_size, dir->i_ino, 0);
	set_nlink(inode, 2);
	if (csum_size)
		ext4_initialize_dirent_tail(dir_block, blocksize);
	err = ext4_handle_dirty_dirblock(handle, inode, dir_block);
	if (!err)
		set_buffer_verified(dir_block);
	brelse(dir_block);
	return err;
}

static int ext4_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	struct inode *inode;
	handle_t *handle;
	int err;

	if (EXT4_DIR_LINK_MAX(dir))
		return -EMLINK;
	inode = ext4_new_inode_start_handle(dir, S_IFDIR | mode, &dentry->d_name, 0, NULL, 0,
					    EXT4_HT_DIR, EXT4_DIR_OP_CREDITS(dir->i_sb));
	handle = ext4_journal_current_handle();
	err = PTR_ERR(inode);
	if (IS_ERR(inode))
		goto out_stop;
	inode->i_op = &ext4_dir_inode_operations;
	inode->i_fop = &ext4_dir_operations;
	err = ext4_init_new_dir(handle, dir, inode);
	if (!err)
		err = ext4_mark_inode_dirty(handle, inode);
	if (!err)
		err = ext4_add_entry(handle, dentry, inode);
	if (err)
		goto out_clear_inode;
	ext4_inc_count(dir);
	ext4_update_dx_flag(dir);
	err = ext4_mark_inode_dirty(handle, dir);
	if (err)
		goto out_clear_inode;
	d_instantiate_new(dentry, inode);
	goto out_stop;
out_clear_inode:
	clear_nlink(inode);
	unlock_new_inode(inode);
	ext4_mark_inode_dirty(handle, inode);
	ext4_journal_stop(handle);
	iput(inode);
	return err;
out_stop:
	if (handle)
		ext4_journal_stop(handle);
	return err;
}

/*
 * Block 0 of a directory with its "." (this inode) and ".." (live) checked; *offset gets
 * the position after "..". NULL (reported) when they are damaged.
 */
static struct buffer_head *ext4_get_first_dir_block(struct inode *inode,
						    struct ext4_dir_entry_2 **parent_de,
						    unsigned int *offset)
{
	unsigned int blocksize = inode->i_sb->s_blocksize;
	struct ext4_dir_entry_2 *de;
	struct buffer_head *bh;

	bh = ext4_read_dirblock(inode, 0, EITHER);
	if (IS_ERR(bh))
		return NULL;
	de = (struct ext4_dir_entry_2 *)bh->b_data;
	if (ext4_check_dir_entry(inode, NULL, de, bh, bh->b_data, bh->b_size, 0) ||
	    le32_to_cpu(de->inode) != inode->i_ino || de->name_len != 1 || de->name[0] != '.') {
		ext4_warning_inode(inode, "directory missing '.'");
		goto bad;
	}
	*offset = ext4_rec_len_from_disk(de->rec_len, blocksize);
	de = ext4_next_entry(de, blocksize);
	if (ext4_check_dir_entry(inode, NULL, de, bh, bh->b_data, bh->b_size, *offset) ||
	    le32_to_cpu(de->inode) == 0 || de->name_len != 2 || memcmp(de->name, "..", 2)) {
		ext4_warning_inode(inode, "directory missing '..'");
		goto bad;
	}
	*offset += ext4_rec_len_from_disk(de->rec_len, blocksize);
	*parent_de = de;
	return bh;
bad:
	brelse(bh);
	return NULL;
}

/* Whether a directory holds nothing but "." and ".." (false when it cannot be read). */
bool ext4_empty_dir(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext4_dir_entry_2 *de;
	struct buffer_head *bh;
	unsigned int offset;

	if (inode->i_size < ext4_dir_rec_len(1, NULL) + ext4_dir_rec_len(2, NULL)) {
		EXT4_ERROR_INODE(inode, "invalid size");
		return false;
	}
	bh = ext4_get_first_dir_block(inode, &de, &offset);
	if (!bh)
		return false;
	while (offset < inode->i_size) {
		if (!(offset & (sb->s_blocksize - 1))) {
			brelse(bh);
			bh = ext4_read_dirblock(inode, offset >> sb->s_blocksize_bits, EITHER);
			if (!bh) {
				offset += sb->s_blocksize;
				continue;
			}
			if (IS_ERR(bh))
				return false;
		}
		de = (struct ext4_dir_entry_2 *)(bh->b_data + (offset & (sb->s_blocksize - 1)));
		if (ext4_check_dir_entry(inode, NULL, de, bh, bh->b_data, bh->b_size, offset) ||
		    le32_to_cpu(de->inode)) {
			brelse(bh);
			return false;
		}
		offset += ext4_rec_len_from_disk(de->rec_len, sb->s_blocksize);
	}
	brelse(bh);
	return true;
}

static int ext4_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);
	struct ext4_dir_entry_2 *de;
	handle_t *handle = NULL;
	struct buffer_head *bh;
	int retval;

	bh = ext4_find_entry(dir, &dentry->d_name, &de);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	retval = -ENOENT;
	if (!bh)
		goto end_rmdir;
	retval = -EFSCORRUPTED;
	if (le32_to_cpu(de->inode) != inode->i_ino)
		goto end_rmdir;
	retval = -ENOTEMPTY;
	if (!ext4_empty_dir(inode))
		goto end_rmdir;
	handle = ext4_journal_start(dir, EXT4_HT_DIR, EXT4_DATA_TRANS_BLOCKS(dir->i_sb));
	if (IS_ERR(handle)) {
		retval = PTR_ERR(handle);
		handle = NULL;
		goto end_rmdir;
	}
	retval = ext4_delete_entry(handle, dir, de, bh);
	if (retval)
		goto end_rmdir;
	if (!EXT4_DIR_LINK_EMPTY(inode))
		ext4_warning_inode(inode, "empty directory '%.*s' has too many links (%u)",
				   dentry->d_name.len, dentry->d_name.name, inode->i_nlink);
	inode_inc_iversion(inode);
	clear_nlink(inode);
	/* the blocks go when the last reference does (ext4_evict_inode truncates) */
	inode->i_size = 0;
	ext4_orphan_add(handle, inode);
	inode->i_ctime = dir->i_ctime = dir->i_mtime = current_time(inode);
	retval = ext4_mark_inode_dirty(handle, inode);
	if (retval)
		goto end_rmdir;
	ext4_dec_count(dir);
	ext4_update_dx_flag(dir);
	retval = ext4_mark_inode_dirty(handle, dir);
end_rmdir:
	brelse(bh);
	if (handle)
		ext4_journal_stop(handle);
	return retval;
}

static int ext4_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);
	struct ext4_dir_entry_2 *de;
	struct buffer_head *bh;
	handle_t *handle;
	int retval;

	bh = ext4_find_entry(dir, &dentry->d_name, &de);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	if (!bh)
		return -ENOENT;
	retval = -ENOENT;
	if (le32_to_cpu(de->inode) != inode->i_ino)
		goto out_bh;
	handle = ext4_journal_start(dir, EXT4_HT_DIR, EXT4_DATA_TRANS_BLOCKS(dir->i_sb));
	if (IS_ERR(handle)) {
		retval = PTR_ERR(handle);
		goto out_bh;
	}
	retval = ext4_delete_entry(handle, dir, de, bh);
	if (retval)
		goto out_handle;
	dir->i_ctime = dir->i_mtime = current_time(dir);
	ext4_update_dx_flag(dir);
	retval = ext4_mark_inode_dirty(handle, dir);
	if (retval)
		goto out_handle;
	if (inode->i_nlink == 0)
		ext4_warning_inode(inode, "Deleting file '%.*s' with no links",
				   dentry->d_name.len, dentry->d_name.name);
	else
		drop_nlink(inode);
	/* Kept until the last close (ext4_evict_inode), or the next mount after a crash. */
	if (!inode->i_nlink)
		ext4_orphan_add(handle, inode);
	inode->i_ctime = current_time(inode);
	retval = ext4_mark_inode_dirty(handle, inode);
out_handle:
	ext4_journal_stop(handle);
out_bh:
	brelse(bh);
	return retval;
}

static int ext4_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = d_inode(old_dentry);
	handle_t *handle;
	int err;

	if (inode->i_nlink >= EXT4_LINK_MAX)
		return -EMLINK;
	handle = ext4_journal_start(dir, EXT4_HT_DIR,
				    EXT4_DATA_TRANS_BLOCKS(dir->i_sb) +
				    EXT4_INDEX_EXTRA_TRANS_BLOCKS + 1);
	if (IS_ERR(handle))
		return PTR_ERR(handle);
	inode->i_ctime = current_time(inode);
	ext4_inc_count(inode);
	ihold(inode);
	err = ext4_add_entry(handle, dentry, inode);
	if (!err) {
		err = ext4_mark_inode_dirty(handle, inode);
		d_instantiate(dentry, inode);
	} else {
		drop_nlink(inode);
		iput(inode);
	}
	ext4_journal_stop(handle);
	return err;
}

/* ---- rename ---- */

/* One side of a rename: the directory, the name's entry, and for a directory its "..". */
struct ext4_renament {
	struct inode *dir;
	struct dentry *dentry;
	struct inode *inode;
	bool is_dir;
	int dir_nlink_delta;
	struct buffer_head *bh;		/* the leaf holding de */
	struct ext4_dir_entry_2 *de;
	struct buffer_head *dir_bh;	/* a moved directory's block 0, holding parent_de */
	struct ext4_dir_entry_2 *parent_de;
};

static int ext4_rename_dir_prepare(handle_t *handle, struct ext4_renament *ent)
{
	unsigned int offset;

	ent->dir_bh = ext4_get_first_dir_block(ent->inode, &ent->parent_de, &offset);
	if (!ent->dir_bh)
		return -EFSCORRUPTED;
	if (le32_to_cpu(ent->parent_de->inode) != ent->dir->i_ino)
		return -EFSCORRUPTED;
	return ext4_journal_get_write_access(handle, ent->dir->i_sb, ent->dir_bh,
					     EXT4_JTR_NONE);
}

/* Points the moved directory's ".." at dir_ino; block 0 may be a dx_root. */
static int ext4_rename_dir_finish(handle_t *handle, struct ext4_renament *ent,
				  unsigned int dir_ino)
{
	int retval;

	ent->parent_de->inode = cpu_to_le32(dir_ino);
	if (is_dx(ent->inode))
		retval = ext4_handle_dirty_dx_node(handle, ent->inode, ent->dir_bh);
	else
		retval = ext4_handle_dirty_dirblock(handle, ent->inode, ent->dir_bh);
	if (retval)
		ext4_std_error(ent->dir->i_sb, retval);
	return retval;
}

/* Points ent's existing entry at inode ino. */
static int ext4_setent(handle_t *handle, struct ext4_renament *ent, unsigned int ino,
		       unsigned int file_type)
{
	int retval, retval2;

	retval = ext4_journal_get_write_access(handle, ent->dir->i_sb, ent->bh, EXT4_JTR_NONE);
	if (retval)
		return retval;
	ent->de->inode = cpu_to_le32(ino);
	if (ext4_has_feature_filetype(ent->dir->i_sb))
		ent->de->file_type = file_type;
	inode_inc_iversion(ent->dir);
	ent->dir->i_ctime = ent->dir->i_mtime = current_time(ent->dir);
	retval = ext4_mark_inode_dirty(handle, ent->dir);
	retval2 = ext4_handle_dirty_dirblock(handle, ent->dir, ent->bh);
	if (retval2) {
		ext4_std_error(ent->dir->i_sb, retval2);
		return retval2;
	}
	return retval;
}

static int ext4_find_delete_entry(handle_t *handle, struct inode *dir,
				  const struct qstr *d_name)
{
	struct ext4_dir_entry_2 *de;
	struct buffer_head *bh;
	int retval = -ENOENT;

	bh = ext4_find_entry(dir, d_name, &de);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	if (bh) {
		retval = ext4_delete_entry(handle, dir, de, bh);
		brelse(bh);
	}
	return retval;
}

/*
 * Removes the old name. Adding the new name may have split the very leaf ent->de was
 * in (same directory), so de is trusted only if it still names the old inode.
 */
static void ext4_rename_delete(handle_t *handle, struct ext4_renament *ent)
{
	int retval;

	if (le32_to_cpu(ent->de->inode) != ent->inode->i_ino ||
	    ent->de->name_len != ent->dentry->d_name.len ||
	    memcmp(ent->de->name, ent->dentry->d_name.name, ent->de->name_len)) {
		retval = ext4_find_delete_entry(handle, ent->dir, &ent->dentry->d_name);
	} else {
		retval = ext4_delete_entry(handle, ent->dir, ent->de, ent->bh);
		if (retval == -ENOENT)
			retval = ext4_find_delete_entry(handle, ent->dir,
							&ent->dentry->d_name);
	}
	if (retval)
		ext4_warning_inode(ent->dir, "Deleting old file: nlink %d, error=%d",
				   ent->dir->i_nlink, retval);
}

static void ext4_update_dir_count(handle_t *handle, struct ext4_renament *ent)
{
	if (!ent->dir_nlink_delta)
		return;
	if (ent->dir_nlink_delta == -1)
		ext4_dec_count(ent->dir);
	else
		ext4_inc_count(ent->dir);
	ext4_mark_inode_dirty(handle, ent->dir);
}

/* Finds both names of a rename; ENOENT unless old's entry names old's inode. */
static int ext4_rename_find(struct ext4_renament *old, struct ext4_renament *new)
{
	old->bh = ext4_find_entry(old->dir, &old->dentry->d_name, &old->de);
	if (IS_ERR(old->bh)) {
		int err = PTR_ERR(old->bh);

		old->bh = NULL;
		return err;
	}
	if (!old->bh || le32_to_cpu(old->de->inode) != old->inode->i_ino)
		return -ENOENT;
	new->bh = ext4_find_entry(new->dir, &new->dentry->d_name, &new->de);
	if (IS_ERR(new->bh)) {
		int err = PTR_ERR(new->bh);

		new->bh = NULL;
		return err;
	}
	return 0;
}

/* The new name for old's inode: a new entry, or the target's entry repointed. */
static int ext4_rename_set_new(handle_t *handle, struct ext4_renament *old,
			       struct ext4_renament *new, u8 old_file_type)
{
	if (!new->bh)
		return ext4_add_entry(handle, new->dentry, old->inode);
	return ext4_setent(handle, new, old->inode->i_ino, old_file_type);
}

/* After the names moved: "..", the parents' link counts, the replaced target's. */
static int ext4_rename_finish(handle_t *handle, struct ext4_renament *old,
			      struct ext4_renament *new)
{
	int retval;

	if (new->inode) {
		ext4_dec_count(new->inode);
		new->inode->i_ctime = current_time(new->inode);
	}
	old->dir->i_ctime = old->dir->i_mtime = current_time(old->dir);
	ext4_update_dx_flag(old->dir);
	if (old->dir_bh) {
		retval = ext4_rename_dir_finish(handle, old, new->dir->i_ino);
		if (retval)
			return retval;
		ext4_dec_count(old->dir);
		if (new->inode) {
			/* a replaced directory was empty: its "." link goes too */
			clear_nlink(new->inode);
		} else {
			ext4_inc_count(new->dir);
			ext4_update_dx_flag(new->dir);
			retval = ext4_mark_inode_dirty(handle, new->dir);
			if (retval)
				return retval;
		}
	}
	retval = ext4_mark_inode_dirty(handle, old->dir);
	if (retval || !new->inode)
		return retval;
	/* The replaced inode may still be open: an orphan until its last close. */
	if (!new->inode->i_nlink) {
		retval = ext4_orphan_add(handle, new->inode);
		if (retval)
			return retval;
	}
	return ext4_mark_inode_dirty(handle, new->inode);
}

/*
 * Moves old_dentry's name to new_dentry (in the same or another directory), replacing
 * what new_dentry names (the VFS checked it may: an empty directory for a directory, a
 * non-directory for a non-directory; RENAME_NOREPLACE refused an existing one). A moved
 * directory's ".." follows it, and the parents' link counts with it.
 */
static int ext4_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		       struct dentry *new_dentry, unsigned int flags)
{
	struct ext4_renament old = { .dir = old_dir, .dentry = old_dentry,
				     .inode = d_inode(old_dentry) };
	struct ext4_renament new = { .dir = new_dir, .dentry = new_dentry,
				     .inode = d_inode(new_dentry) };
	handle_t *handle = NULL;
	u8 old_file_type;
	int retval;

	if (new.inode && new.inode->i_nlink == 0) {
		EXT4_ERROR_INODE(new.inode, "target of rename is already freed");
		return -EFSCORRUPTED;
	}
	retval = ext4_rename_find(&old, &new);
	if (retval)
		goto release_bh;
	if (new.bh && !new.inode) {
		brelse(new.bh);
		new.bh = NULL;
	}
	handle = ext4_journal_start(old.dir, EXT4_HT_DIR,
				    2 * EXT4_DATA_TRANS_BLOCKS(old.dir->i_sb) +
				    EXT4_INDEX_EXTRA_TRANS_BLOCKS + 2);
	if (IS_ERR(handle)) {
		retval = PTR_ERR(handle);
		handle = NULL;
		goto release_bh;
	}
	old_file_type = old.de->file_type;
	if (S_ISDIR(old.inode->i_mode)) {
		retval = -ENOTEMPTY;
		if (new.inode && !ext4_empty_dir(new.inode))
			goto release_bh;
		retval = -EMLINK;
		if (!new.inode && new.dir != old.dir && EXT4_DIR_LINK_MAX(new.dir))
			goto release_bh;
		retval = ext4_rename_dir_prepare(handle, &old);
		if (retval)
			goto release_bh;
	}
	retval = ext4_rename_set_new(handle, &old, &new, old_file_type);
	if (retval)
		goto release_bh;
	old.inode->i_ctime = current_time(old.inode);
	retval = ext4_mark_inode_dirty(handle, old.inode);
	if (retval)
		goto release_bh;
	ext4_rename_delete(handle, &old);
	retval = ext4_rename_finish(handle, &old, &new);
release_bh:
	if (handle)
		ext4_journal_stop(handle);
	brelse(old.dir_bh);
	brelse(old.bh);
	brelse(new.bh);
	return retval;
}

/*
 * The swap of RENAME_EXCHANGE, both entries found and the directories' ".." ready:
 * each entry takes the other's inode, the moved directories' ".." their new parents,
 * and the parents' link counts follow (dir_nlink_delta).
 */
static int ext4_exchange_entries(handle_t *handle, struct ext4_renament *old,
				 struct ext4_renament *new)
{
	u8 new_file_type = new->de->file_type;
	int retval;

	retval = ext4_setent(handle, new, old->inode->i_ino, old->de->file_type);
	if (!retval)
		retval = ext4_setent(handle, old, new->inode->i_ino, new_file_type);
	if (retval)
		return retval;
	old->inode->i_ctime = new->inode->i_ctime = current_time(old->inode);
	retval = ext4_mark_inode_dirty(handle, old->inode);
	if (!retval)
		retval = ext4_mark_inode_dirty(handle, new->inode);
	if (!retval && old->dir_bh)
		retval = ext4_rename_dir_finish(handle, old, new->dir->i_ino);
	if (!retval && new->dir_bh)
		retval = ext4_rename_dir_finish(handle, new, old->dir->i_ino);
	if (retval)
		return retval;
	ext4_update_dir_count(handle, old);
	ext4_update_dir_count(handle, new);
	return 0;
}

/*
 * RENAME_EXCHANGE: the two names swap inodes. Directories' ".." swap parents, and when
 * a directory and a non-directory trade places across directories, the parents' link
 * counts move with the directory.
 */
static int ext4_cross_rename(struct inode *old_dir, struct dentry *old_dentry,
			     struct inode *new_dir, struct dentry *new_dentry)
{
	struct ext4_renament old = { .dir = old_dir, .dentry = old_dentry,
				     .inode = d_inode(old_dentry) };
	struct ext4_renament new = { .dir = new_dir, .dentry = new_dentry,
				     .inode = d_inode(new_dentry) };
	handle_t *handle = NULL;
	int retval;

	retval = ext4_rename_find(&old, &new);
	if (retval)
		goto end_rename;
	retval = -ENOENT;
	if (!new.bh || le32_to_cpu(new.de->inode) != new.inode->i_ino)
		goto end_rename;
	handle = ext4_journal_start(old.dir, EXT4_HT_DIR,
				    2 * EXT4_DATA_TRANS_BLOCKS(old.dir->i_sb) +
				    2 * EXT4_INDEX_EXTRA_TRANS_BLOCKS + 2);
	if (IS_ERR(handle)) {
		retval = PTR_ERR(handle);
		handle = NULL;
		goto end_rename;
	}
	old.is_dir = S_ISDIR(old.inode->i_mode);
	new.is_dir = S_ISDIR(new.inode->i_mode);
	if (old.is_dir && (retval = ext4_rename_dir_prepare(handle, &old)))
		goto end_rename;
	if (new.is_dir && (retval = ext4_rename_dir_prepare(handle, &new)))
		goto end_rename;
	if (old.dir != new.dir && old.is_dir != new.is_dir) {
		old.dir_nlink_delta = old.is_dir ? -1 : 1;
		new.dir_nlink_delta = -old.dir_nlink_delta;
		retval = -EMLINK;
		if ((old.dir_nlink_delta > 0 && EXT4_DIR_LINK_MAX(old.dir)) ||
		    (new.dir_nlink_delta > 0 && EXT4_DIR_LINK_MAX(new.dir)))
			goto end_rename;
	}
	retval = ext4_exchange_entries(handle, &old, &new);
end_rename:
	brelse(old.dir_bh);
	brelse(new.dir_bh);
	brelse(old.bh);
	brelse(new.bh);
	if (handle)
		ext4_journal_stop(handle);
	return retval;
}

static int ext4_rename2(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
			struct dentry *new_dentry, unsigned int flags)
{
	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	if (flags & RENAME_EXCHANGE)
		return ext4_cross_rename(old_dir, old_dentry, new_dir, new_dentry);
	return ext4_rename(old_dir, old_dentry, new_dir, new_dentry, flags);
}

const struct inode_operations ext4_dir_inode_operations = {
	.create		= ext4_create,
	.lookup		= ext4_lookup,
	.link		= ext4_link,
	.unlink		= ext4_unlink,
	.symlink	= ext4_symlink,
	.mkdir		= ext4_mkdir,
	.rmdir		= ext4_rmdir,
	.mknod		= ext4_mknod,
	.rename		= ext4_rename2,
	.setattr	= ext4_setattr,
};

const struct inode_operations ext4_special_inode_operations = {
	.setattr	= ext4_setattr,
};
