/* The test initramfs's /init: says it ran as pid 1 with its arguments, then powers off. */
#include <stdio.h>
#include <unistd.h>
#include <sys/reboot.h>

int main(int argc, char **argv, char **envp)
{
	printf("init: pid %d, argc %d", getpid(), argc);
	for (int i = 0; i < argc; i++)
		printf(" argv[%d]=%s", i, argv[i]);
	for (int i = 0; envp[i]; i++)
		printf(" env=%s", envp[i]);
	printf("\n");
	fflush(stdout);
	reboot(RB_POWER_OFF);
	return 1;
}
