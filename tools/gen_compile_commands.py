#!/usr/bin/env python3
"""Writes compile_commands.json (the compilation database clangd, clang-tidy and editors
read) from the commands the build really ran, as Linux's gen_compile_commands.py does: the
Makefile saves each object's command in .NAME.o.cmd beside it ("cmd_OBJ := COMMAND").
Usage: gen_compile_commands.py [-o compile_commands.json] OBJECT...
"""
import argparse
import json
import os
import shlex
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def saved_command(obj):
	"""The command that built obj, from its .cmd file; None if there is none."""
	cmd_file = os.path.join(os.path.dirname(obj), '.' + os.path.basename(obj) + '.cmd')
	try:
		with open(cmd_file) as f:
			line = f.readline().rstrip('\n')
	except FileNotFoundError:
		return None
	prefix = f'cmd_{obj} := '
	if not line.startswith(prefix):
		raise ValueError(f'{cmd_file}: does not start with "{prefix}"')
	return line[len(prefix):]


def entry(obj, command):
	args = shlex.split(command)
	try:
		source = args[args.index('-c') + 1]
	except (ValueError, IndexError):
		raise ValueError(f'{obj}: no "-c SOURCE" in its command') from None
	return {'directory': ROOT, 'file': os.path.join(ROOT, source),
		'output': os.path.join(ROOT, obj), 'command': command}


def main():
	ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	ap.add_argument('-o', '--output', default='compile_commands.json')
	ap.add_argument('objects', nargs='+')
	opts = ap.parse_args()
	os.chdir(ROOT)
	entries = []
	for obj in opts.objects:
		command = saved_command(obj)
		if command is None:
			sys.exit(f'gen_compile_commands: {obj} has no saved command; '
				 f'rebuild it (rm {obj}; make)')
		entries.append(entry(obj, command))
	with open(opts.output, 'w') as f:
		json.dump(sorted(entries, key=lambda e: e['file']), f, indent=1)
		f.write('\n')


if __name__ == '__main__':
	main()
