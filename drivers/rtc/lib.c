/* Calendar arithmetic for real-time clocks (Linux's drivers/rtc/lib.c). */
#include <linux/kernel.h>
#include <linux/rtc.h>

static bool is_leap_year(unsigned int year)
{
	return (!(year % 4) && (year % 100)) || !(year % 400);
}

/*
 * Days are counted from 1 March of year 0, so that the leap day ends a year: 146097 days
 * make 400 years, 36524 a century (but the fourth, which has one more), 1461 four years.
 */
void rtc_time64_to_tm(time64_t time, struct rtc_time *tm)
{
	static const unsigned short days_before_month[] = {	/* from March */
		0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337,
	};
	u64 days = (u64)time / 86400, secs = (u64)time % 86400;
	u64 day = days + 719468;	/* 1970-01-01 from 0000-03-01 */
	u64 era = day / 146097, doe = day % 146097;
	u64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	u64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);	/* from 1 March */
	unsigned int mon = 0, year = (unsigned int)(yoe + era * 400);

	while (mon < 11 && doy >= days_before_month[mon + 1])
		mon++;
	tm->tm_mday = (int)(doy - days_before_month[mon]) + 1;
	mon += 2;	/* from January, and the year ends in February */
	if (mon >= 12) {
		mon -= 12;
		year++;
	}
	tm->tm_mon = (int)mon;
	tm->tm_year = (int)year - 1900;
	tm->tm_yday = (int)(doy + (mon >= 2 ? 59 + is_leap_year(year) : -306));
	tm->tm_wday = (int)((days + 4) % 7);	/* 1970-01-01 was a Thursday */
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_isdst = 0;
}
