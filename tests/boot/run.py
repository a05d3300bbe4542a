#!/usr/bin/env python3
"""QEMU boot tests: each case boots the kernel once on one machine variant, reads the serial
console, and checks what the kernel printed and how QEMU ended. Prints TAP.

Every QEMU run has a timeout and is killed at the end. A case that expects the kernel to
halt (a panic without panic=-1) names the line to wait for; the kernel is then stopped.
Usage: run.py [-k SUBSTRING] [-j JOBS] [-v]
"""
import argparse
import concurrent.futures
import os
import re
import select
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORK = os.path.join(ROOT, 'build/boot')
TIMEOUT = 60

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases  # noqa: E402  (the case list, kept apart from the runner)


def type_dialog(case, proc, out, step, seen):
	"""Types the case's next lines on the serial line once the output shows what each waits
	for (searched after the previous match); returns the new (step, seen). The console ends
	lines with \r\n: the \r go, as in the log checked, so a pattern's $ matches wherever
	the output happened to be cut when it was read."""
	text = out.decode('utf-8', 'replace').replace('\r', '')
	while step < len(case.dialog):
		wait, keys = case.dialog[step]
		m = re.compile(wait, re.M).search(text, seen)
		if not m:
			break
		proc.stdin.write(keys)
		proc.stdin.flush()
		step, seen = step + 1, m.end()
	return step, seen


def boot(case):
	"""Runs one QEMU; returns (console text, exit code or None if killed, timed out)."""
	args = case.qemu_args(WORK)
	proc = subprocess.Popen(args, stdin=subprocess.PIPE if case.dialog else subprocess.DEVNULL,
				stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
	out = b''
	step, seen = 0, 0	# the next dialog step, and the output it searches from
	deadline = time.monotonic() + case.timeout
	timed_out = False
	eof = False
	try:
		while True:
			left = deadline - time.monotonic()
			if left <= 0:
				timed_out = True
				break
			ready, _, _ = select.select([proc.stdout], [], [], min(left, 1.0))
			if ready:
				chunk = os.read(proc.stdout.fileno(), 65536)
				if not chunk:
					eof = True
					break
				out += chunk
				step, seen = type_dialog(case, proc, out, step, seen)
				if case.stop_on and re.search(case.stop_on, out.decode('utf-8', 'replace'),
							      re.M):
					break
	finally:
		try:
			rc = proc.wait(timeout=10) if eof else proc.poll()
		except subprocess.TimeoutExpired:
			rc = None
		if rc is None:
			proc.kill()
			proc.wait(timeout=10)
		proc.stdout.close()
	return out.decode('utf-8', 'replace').replace('\r', ''), rc, timed_out


def check(case, log, rc, timed_out):
	"""The list of what is wrong with one boot; empty when it passed."""
	problems = []
	if timed_out:
		problems.append(f'timed out after {case.timeout}s')
	if case.exit_code is not None and rc != case.exit_code:
		problems.append(f'QEMU exit code {rc}, expected {case.exit_code}')
	for pattern in case.expect:
		if not re.search(pattern, log, re.M):
			problems.append(f'missing: /{pattern}/')
	for pattern in case.reject:
		m = re.search(pattern, log, re.M)
		if m:
			problems.append(f'unexpected: /{pattern}/ matched "{m.group(0)}"')
	for line in log.splitlines():
		if line.startswith('[') and not re.match(r'^\[\s*\d+\.\d{6}\] ', line):
			problems.append(f'bad timestamp: {line!r}')
			break
	problems += [p for p in (f(log) for f in case.checks) if p]
	return problems


def run_case(case):
	log, rc, timed_out = boot(case)
	return case, log, check(case, log, rc, timed_out)


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument('-k', default='', help='only cases whose name contains this')
	ap.add_argument('-j', type=int, default=max(2, os.cpu_count() or 2))
	ap.add_argument('-v', action='store_true', help='show every log')
	opts = ap.parse_args()
	os.makedirs(WORK, exist_ok=True)
	selected = [c for c in cases.all_cases() if opts.k in c.name]
	for c in selected:
		c.prepare(WORK)
	print(f'TAP version 13\n# suite: boot\n1..{len(selected)}', flush=True)
	failed = 0
	with concurrent.futures.ThreadPoolExecutor(max_workers=opts.j) as pool:
		results = list(pool.map(run_case, selected))
	for i, (case, log, problems) in enumerate(results, 1):
		if problems or opts.v:
			print(f'# ---- {case.name}: {" ".join(case.qemu_args(WORK))}')
			print('\n'.join('#   ' + line for line in log.splitlines()))
		for p in problems:
			print(f'# {case.name}: {p}')
		print(f'{"not " if problems else ""}ok {i} - {case.name}', flush=True)
		failed += bool(problems)
	return 1 if failed else 0


if __name__ == '__main__':
	sys.exit(main())
