#!/usr/bin/env python3
"""The documentation stays true to the tree. For README.md and every Documentation/*.md:
  - each `path:name` reference names a file of the repository that defines name (a C
    function, macro, struct, enum or variable; an assembler symbol; a python def or
    class; a Makefile target);
  - each other `path` in backticks that looks like a repository path exists (or is one the
    build makes, which git ignores);
  - each markdown link points to a file of the repository (no web pages, nothing outside).
And Documentation/kernel-parameters.md lists exactly the parameters the kernel registers
(early_param, __setup). Prints TAP.
"""
import glob
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import tap  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PARAMS_DOC = 'Documentation/kernel-parameters.md'
KERNEL_DIRS = ('arch', 'drivers', 'fs', 'init', 'kernel', 'lib', 'mm')
TOP_DIRS = KERNEL_DIRS + ('include', 'tests', 'tools', 'scripts', 'Documentation')
CODE = re.compile(r'`([^`\n]+)`')
REF = re.compile(r'^([\w./+-]+):(\w+)(?:\(\))?$')
LINK = re.compile(r'\[[^\]]*\]\(([^)\s]+)\)')


def definers(path, name):
	"""Regexes of a definition of name in a file of path's kind."""
	n = re.escape(name)
	if path.endswith(('.c', '.h')):
		return [rf'^[A-Za-z_][^;=]*[\s*]{n}\s*\([^;]*$',		# function definition
			rf'^#define\s+{n}\b',
			rf'^(typedef\s+)?(struct|union|enum)\s+{n}\s*{{',
			rf'^\s+{n}(\s*=.*)?,',					# enum constant
			rf'^[A-Za-z_][^(;]*[\s*]{n}(\[[^]]*\])*\s*(=|;|__)',	# variable
			rf'^(DEFINE|DECLARE)_\w+\({n}\b',
			rf'^(DEFINE|DECLARE)_PER_CPU\([^,]+,\s*{n}\)']
	if path.endswith('.S'):
		return [rf'^SYM_\w+_START(_LOCAL)?\({n}\)', rf'^{n}:']
	if path.endswith('.py') or open_text(path).startswith('#!/usr/bin/env python3'):
		return [rf'^\s*(def|class)\s+{n}\b', rf'^{n}\s*=']
	return [rf'^{n}\s*:', rf'^{n}\s*\(\)', rf'^{n}\s*[:?]?=']	# Makefile target, shell


def open_text(path):
	try:
		with open(os.path.join(ROOT, path), errors='replace') as f:
			return f.read()
	except (FileNotFoundError, IsADirectoryError):
		return ''


def looks_like_path(token):
	head = token.split('/')[0]
	return '/' in token and head in TOP_DIRS and not any(c in token for c in ' *<{')


def build_output(path):
	"""A path the build makes (arch/arm64/boot/Image): git ignores it."""
	return subprocess.run(['git', 'check-ignore', '-q', '--no-index', path], cwd=ROOT).returncode == 0


def check_refs(doc):
	"""The problems of one document's references and links."""
	text = open_text(doc)
	found = []
	for token in CODE.findall(text):
		m = REF.match(token)
		if m and looks_like_path(m.group(1)) or m and m.group(1) in ('Makefile', 'README.md'):
			path, name = m.groups()
			body = open_text(path)
			if not os.path.isfile(os.path.join(ROOT, path)):
				found.append(f'`{token}`: no file {path}')
			elif not any(re.search(p, body, re.M) for p in definers(path, name)):
				found.append(f'`{token}`: {path} defines no {name}')
		elif looks_like_path(token) and not glob.glob(os.path.join(ROOT, token.rstrip('/'))) \
				and not build_output(token):
			found.append(f'`{token}`: no such file or directory')
	for target in LINK.findall(text):
		path = target.split('#')[0]
		full = os.path.normpath(os.path.join(ROOT, os.path.dirname(doc), path))
		if re.match(r'^\w+:', target) or not path:
			found.append(f'link {target}: not a file of the repository')
		elif not full.startswith(ROOT + os.sep) or not os.path.exists(full):
			found.append(f'link {target}: no such file in the repository')
	return found


def registered_params():
	"""Every early_param("x") and __setup("x=") of the kernel, as x."""
	names = set()
	for d in KERNEL_DIRS:
		for path in glob.glob(os.path.join(ROOT, d, '**', '*.c'), recursive=True):
			for m in re.finditer(r'^\s*(early_param|__setup)\("([^"=]+)=?"', open_text(path), re.M):
				names.add(m.group(2))
	return names


def check_params():
	documented = set(re.findall(r'^\| `([\w.]+)[=`[]', open_text(PARAMS_DOC), re.M))
	code = registered_params()
	return [f'{p}: registered, not in {PARAMS_DOC}' for p in sorted(code - documented)] + \
	       [f'{p}: in {PARAMS_DOC}, registered nowhere' for p in sorted(documented - code)]


def main():
	docs = ['README.md'] + sorted(os.path.relpath(p, ROOT) for p in
				      glob.glob(os.path.join(ROOT, 'Documentation', '**', '*.md'),
						recursive=True))
	results = [(f'references_exist: {d}', check_refs(d)) for d in docs]
	results.append(('every_parameter_documented', check_params()))
	return tap.report('docs', results)


if __name__ == '__main__':
	sys.exit(main())
