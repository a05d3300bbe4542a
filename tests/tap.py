"""TAP output shared by the python checks (tools/run-tests counts the "ok" lines)."""


def report(suite, results):
	"""Prints (name, problems) pairs as one TAP suite; returns the exit status."""
	print(f'TAP version 13\n# suite: {suite}\n1..{len(results)}')
	for i, (name, problems) in enumerate(results, 1):
		for p in problems:
			print(f'# {name}: {p}')
		print(f'{"not " if problems else ""}ok {i} - {name}', flush=True)
	return 1 if any(p for _, p in results) else 0
