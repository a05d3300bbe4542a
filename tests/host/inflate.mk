# The gzip decompressor (lib/decompress_inflate.c over lib/zlib_inflate/inflate.c) against
# the host's gzip: sizes, levels and kinds of data, and damaged streams of every sort.
HOST_TESTS += inflate
inflate_SRCS := lib/zlib_inflate/inflate.c lib/decompress_inflate.c lib/decompress.c \
	tests/host/host_slab.c
