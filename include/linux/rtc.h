/* Real-time clocks (Linux's rtc.h): the broken-down time an RTC reads, and its conversion. */
#ifndef _LINUX_RTC_H
#define _LINUX_RTC_H

#include <linux/time64.h>

/* As struct tm: tm_year counts from 1900, tm_mon from 0, tm_yday from 0. */
struct rtc_time {
	int tm_sec;
	int tm_min;
	int tm_hour;
	int tm_mday;
	int tm_mon;
	int tm_year;
	int tm_wday;
	int tm_yday;
	int tm_isdst;
};

/* Seconds since 1970 (UTC, time >= 0) to calendar fields. */
void rtc_time64_to_tm(time64_t time, struct rtc_time *tm);

#endif
