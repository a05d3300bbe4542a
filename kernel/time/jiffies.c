/* jiffies_64, loops_per_jiffy, and the boot line that reports them (calibrate_delay). */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/jiffies.h>

u64 jiffies_64 = INITIAL_JIFFIES;
/* Set by time_init from the timer frequency (Linux's lpj_fine); read-only after. */
unsigned long loops_per_jiffy;

/* Linux's calibrate_delay when the timer gives lpj: nothing is timed, only printed. */
void calibrate_delay(void)
{
	pr_info("Calibrating delay loop (skipped), value calculated using timer frequency.. "
		"%lu.%02lu BogoMIPS (lpj=%lu)\n", loops_per_jiffy / (500000 / HZ),
		(loops_per_jiffy / (5000 / HZ)) % 100, loops_per_jiffy);
}
