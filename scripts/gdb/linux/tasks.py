# lx-ps and lx-cpus: the tasks (kernel/fork.c's list) and each cpu's run queue.
import gdb

from linux import utils

STATES = {0x0: 'R', 0x1: 'S', 0x2: 'D', 0x80: 'X', 0x200: 'W', 0x800: 'N'}


def task_list():
	"""Each cpu's idle task (not on the task list), then init_task.tasks in order."""
	tasks = [utils.per_cpu('runqueues', cpu)['idle'] for cpu in utils.cpu_mask('__cpu_online_mask')]
	head = gdb.parse_and_eval('init_task')['tasks']
	tasks += list(utils.list_for_each_entry(head, 'struct task_struct', 'tasks'))
	return tasks


def state_letter(task):
	state = int(task['__state'])
	return STATES.get(state, f'{state:#x}')


class LxPs(gdb.Command):
	"""List the tasks: address, pid, cpu, state and name.

State: R running or runnable, S sleeping, D uninterruptible, X dead, N new. The idle
tasks come first (pid 0, one per online cpu), then the task list."""

	def __init__(self):
		super().__init__('lx-ps', gdb.COMMAND_USER)

	def invoke(self, arg, from_tty):
		gdb.write(f'{"TASK":>18} {"PID":>5} {"CPU":>3} ST COMM\n')
		for t in task_list():
			gdb.write(f'{int(t):#018x} {int(t["pid"]):5d} {int(t["thread_info"]["cpu"]):3d} '
				  f'{state_letter(t):>2} {t["comm"].string()}\n')


class LxCpus(gdb.Command):
	"""List the cpus: the cpu masks, then each online cpu's offset, task and run queue.

Per online cpu: its __per_cpu_offset, the task it runs, and its run queue's length and
context-switch count."""

	def __init__(self):
		super().__init__('lx-cpus', gdb.COMMAND_USER)

	def invoke(self, arg, from_tty):
		for mask in ('possible', 'present', 'online'):
			cpus = utils.cpu_mask(f'__cpu_{mask}_mask')
			gdb.write(f'{mask}: {",".join(map(str, cpus))} ({len(cpus)})\n')
		gdb.write(f'{"CPU":>3} {"PER_CPU_OFFSET":>18} {"CURR":>18} {"PID":>5} {"COMM":16} '
			  f'{"NR_RUNNING":>10} {"SWITCHES":>9}\n')
		for cpu in utils.cpu_mask('__cpu_online_mask'):
			rq = utils.per_cpu('runqueues', cpu)
			curr = rq['curr']
			offset = int(gdb.parse_and_eval(f'__per_cpu_offset[{cpu}]'))
			gdb.write(f'{cpu:3d} {offset:#018x} {int(curr):#018x} {int(curr["pid"]):5d} '
				  f'{curr["comm"].string():16} {int(rq["nr_running"]):10d} '
				  f'{int(rq["nr_switches"]):9d}\n')


LxPs()
LxCpus()
