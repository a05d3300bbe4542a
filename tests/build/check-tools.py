#!/usr/bin/env python3
"""The tools a Linux reader expects, checked against the build: `make compile_commands.json`
lists every kernel source with the command that really built it (re-running the command
gives the same object, byte for byte), and `make tags` indexes the kernel. Prints TAP.
Run after `make` (make test does).
"""
import concurrent.futures
import json
import os
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import tap  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KERNEL_DIRS = ('arch', 'block', 'drivers', 'fs', 'init', 'kernel', 'lib', 'mm')


def kernel_sources():
	"""Every tracked .c and .S of the kernel proper (the linker script is not compiled)."""
	out = subprocess.run(['git', 'ls-files', '--', *KERNEL_DIRS], cwd=ROOT, check=True,
			     capture_output=True, text=True).stdout.split()
	# The Makefile's EXT4_WAITING: fs/ext4 and fs/jbd2 wait for the buffer cache.
	waiting = () if os.path.exists(os.path.join(ROOT, 'include/linux/buffer_head.h')) \
		else ('fs/ext4/', 'fs/jbd2/')
	return sorted(f for f in out if f.endswith(('.c', '.S')) and not f.endswith('.lds.S')
		      and not f.startswith(waiting))


def make(*targets):
	return subprocess.run(['make', '--no-print-directory', *targets], cwd=ROOT,
			      capture_output=True, text=True)


def rebuild_problem(entry, tmp):
	"""Re-runs entry's command into tmp; a string if the object differs from the build's."""
	args = shlex.split(entry['command'])
	out = os.path.join(tmp, os.path.basename(entry['output']))
	args[args.index('-o') + 1] = out
	p = subprocess.run(args, cwd=entry['directory'], capture_output=True, text=True)
	if p.returncode:
		return f'{entry["file"]}: command failed: {p.stderr.strip()[:200]}'
	with open(out, 'rb') as a, open(entry['output'], 'rb') as b:
		if a.read() != b.read():
			return f'{entry["file"]}: its command builds another object than the build did'
	return None


def check_compile_commands():
	results = []
	p = make('compile_commands.json')
	if p.returncode:
		return [('compile_commands_json_builds', [p.stdout[-300:] + p.stderr[-300:]])]
	with open(os.path.join(ROOT, 'compile_commands.json')) as f:
		entries = json.load(f)
	listed = sorted(os.path.relpath(e['file'], ROOT) for e in entries)
	missing = sorted(set(kernel_sources()) - set(listed))
	extra = sorted(set(listed) - set(kernel_sources()))
	twice = sorted({f for f in listed if listed.count(f) > 1})
	results.append(('compile_commands_lists_every_kernel_source',
			[f'missing: {m}' for m in missing] + [f'not a kernel source: {x}' for x in extra] +
			[f'listed twice: {t}' for t in twice]))
	with tempfile.TemporaryDirectory() as tmp, \
	     concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
		found = [p for p in pool.map(lambda e: rebuild_problem(e, tmp), entries) if p]
	results.append(('compile_commands_rebuild_the_same_objects', found))
	return results


def check_tags():
	p = make('tags')
	if p.returncode:
		return [('make_tags', [p.stdout[-300:] + p.stderr[-300:]])]
	problems = []
	with open(os.path.join(ROOT, 'tags'), errors='replace') as f:
		tags = [line.split('\t') for line in f if not line.startswith('!')]
	for name, path in (('start_kernel', 'init/main.c'), ('__rmqueue_smallest', 'mm/page_alloc.c'),
			   ('struct zone', 'include/linux/mmzone.h')):
		ident = name.split()[-1]
		if not any(t[0] == ident and t[1] == path for t in tags if len(t) > 1):
			problems.append(f'tags: no {name} in {path}')
	p = subprocess.run(['cscope', '-d', '-L', '-1', 'memblock_add'], cwd=ROOT,
			   capture_output=True, text=True)
	if not p.stdout.startswith('mm/memblock.c memblock_add '):
		problems.append(f'cscope -L -1 memblock_add: {p.stdout.strip()[:200]!r}')
	return [('make_tags_indexes_the_kernel', problems)]


def main():
	results = check_compile_commands() + check_tags()
	return tap.report('build-tools', results)


if __name__ == '__main__':
	sys.exit(main())
