#!/usr/bin/env bash
# Dumps the device trees QEMU's virt machine builds, for the host tests of lib/fdt.c and
# drivers/of: make-dtbs.sh OUTDIR. The .dtb files are build output, never committed.
set -euo pipefail

out=${1:?usage: make-dtbs.sh OUTDIR}
QEMU=${QEMU:-qemu-system-aarch64}
mkdir -p "$out"
: > "$out/empty-kernel"
# An initrd of a known size: the test checks linux,initrd-end - linux,initrd-start.
head -c 12345 /dev/zero > "$out/initrd.img"

numa4=()
for n in 0 1 2 3; do
	numa4+=(-object "memory-backend-ram,id=m$n,size=256M"
		-numa "node,memdev=m$n,cpus=$n,nodeid=$n")
done
# distance(a, b) = 10 + 10 * |a - b|: 20 to a neighbour, 40 across.
dist=()
for a in 0 1 2 3; do
	for b in 0 1 2 3; do
		[ "$a" -lt "$b" ] && dist+=(-numa "dist,src=$a,dst=$b,val=$((10 + 10 * (b - a)))")
	done
done

# dump NAME MACHINE-OPTIONS QEMU-ARGS...
dump() {
	local name=$1 mopts=$2
	shift 2
	"$QEMU" -M "virt$mopts,dumpdtb=$out/$name.dtb.tmp" -cpu cortex-a57 -nographic -nic none \
		-kernel "$out/empty-kernel" -append "console=ttyAMA0 loglevel=8" "$@" \
		>/dev/null 2>"$out/$name.log" || { cat "$out/$name.log" >&2; exit 1; }
	mv "$out/$name.dtb.tmp" "$out/$name.dtb"
	rm -f "$out/$name.log"
}

dump virt-numa4 "" -smp 4 -m 1024 "${numa4[@]}"
dump virt-numa4-dist "" -smp 4 -m 1024 "${numa4[@]}" "${dist[@]}"
dump virt-gicv3-4g ",gic-version=3" -smp 1 -m 4096
dump virt-initrd "" -smp 1 -m 1024 -initrd "$out/initrd.img"
