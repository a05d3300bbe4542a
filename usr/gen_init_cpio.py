#!/usr/bin/env python3
"""Builds a newc cpio archive (optionally gzip'd) from a list in Linux's gen_init_cpio format:

    file <name> <location> <mode> <uid> <gid> [<hard links>...]
    dir <name> <mode> <uid> <gid>
    nod <name> <mode> <uid> <gid> <dev type: b|c> <maj> <min>
    slink <name> <target> <mode> <uid> <gid>
    pipe <name> <mode> <uid> <gid>

Usage: gen_init_cpio.py [-z] [-t MTIME] LIST OUTPUT. Also importable: Archive builds one in code.
"""
import gzip
import os
import stat
import sys


class Archive:
    """newc entries in order; bytes() gives the archive with its trailer."""

    def __init__(self, mtime=0):
        self.out = bytearray()
        self.ino = 721
        self.mtime = mtime

    def _entry(self, name, mode, uid, gid, nlink, body=b'', rmaj=0, rmin=0, ino=None):
        name = name.lstrip('/') or '.'
        namez = name.encode() + b'\0'
        if ino is None:
            ino = self.ino
            self.ino += 1
        fields = [ino, mode, uid, gid, nlink, self.mtime, len(body), 3, 1, rmaj, rmin,
                  len(namez), 0]
        hdr = b'070701' + b''.join(b'%08X' % f for f in fields)
        self.out += hdr + namez
        self.out += b'\0' * (-len(self.out) % 4)
        self.out += body
        self.out += b'\0' * (-len(self.out) % 4)

    def dir(self, name, mode=0o755, uid=0, gid=0):
        self._entry(name, stat.S_IFDIR | mode, uid, gid, 2)

    def file(self, name, data, mode=0o644, uid=0, gid=0, links=()):
        ino = self.ino
        self.ino += 1
        nlink = 1 + len(links)
        # As gen_init_cpio: the data goes with the last name, the others are empty.
        for n in links:
            self._entry(n, stat.S_IFREG | mode, uid, gid, nlink, b'', ino=ino)
        self._entry(name, stat.S_IFREG | mode, uid, gid, nlink, data, ino=ino)

    def nod(self, name, mode, uid, gid, kind, major, minor):
        ftype = stat.S_IFCHR if kind == 'c' else stat.S_IFBLK
        self._entry(name, ftype | mode, uid, gid, 1, rmaj=major, rmin=minor)

    def slink(self, name, target, mode=0o777, uid=0, gid=0):
        self._entry(name, stat.S_IFLNK | mode, uid, gid, 1, target.encode())

    def pipe(self, name, mode=0o644, uid=0, gid=0):
        self._entry(name, stat.S_IFIFO | mode, uid, gid, 1)

    def trailer(self):
        self._entry('TRAILER!!!', 0, 0, 0, 1, ino=0)
        self.out += b'\0' * (-len(self.out) % 512)

    def bytes(self, compress=False):
        data = bytes(self.out)
        return gzip.compress(data, mtime=0) if compress else data


def build_from_list(lines, mtime=0):
    a = Archive(mtime)
    for raw in lines:
        line = raw.split('#', 1)[0].split()
        if not line:
            continue
        kind, args = line[0], line[1:]
        if kind == 'file':
            with open(args[1], 'rb') as f:
                data = f.read()
            a.file(args[0], data, int(args[2], 8), int(args[3]), int(args[4]), args[5:])
        elif kind == 'dir':
            a.dir(args[0], int(args[1], 8), int(args[2]), int(args[3]))
        elif kind == 'nod':
            a.nod(args[0], int(args[1], 8), int(args[2]), int(args[3]), args[4],
                  int(args[5]), int(args[6]))
        elif kind == 'slink':
            a.slink(args[0], args[1], int(args[2], 8), int(args[3]), int(args[4]))
        elif kind == 'pipe':
            a.pipe(args[0], int(args[1], 8), int(args[2]), int(args[3]))
        else:
            raise SystemExit(f'gen_init_cpio: unknown entry type {kind!r}')
    a.trailer()
    return a


def main(argv):
    compress = '-z' in argv
    argv = [a for a in argv if a != '-z']
    mtime = 0
    if '-t' in argv:
        i = argv.index('-t')
        mtime = int(argv[i + 1])
        del argv[i:i + 2]
    if len(argv) != 2:
        raise SystemExit(__doc__)
    with open(argv[0]) as f:
        archive = build_from_list(f, mtime)
    tmp = argv[1] + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(archive.bytes(compress))
    os.replace(tmp, argv[1])


if __name__ == '__main__':
    main(sys.argv[1:])
