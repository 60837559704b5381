/*
 * day.c - a calendar day written YYYY-MM-DD, strictly: 2024-02-30 is none.
 */
#include <string.h>
#include <time.h>

#include "bb.h"

/* Digits at *s, at most max of them (one more than a field may have, to
 * tell too many), into *v; how many. */
static int digits(const char **s, int max, int *v)
{
	int n = 0;

	for (*v = 0; n < max && **s >= '0' && **s <= '9'; (*s)++, n++)
		*v = *v * 10 + (**s - '0');
	return n;
}

int bb_day(const char *s, struct tm *tm, const char **end)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, ny, nm, nd, leap;

	ny = digits(&s, 5, &y);
	if (!ny || *s != '-')
		return 0;
	s++;
	nm = digits(&s, 3, &m);
	if (!nm || *s != '-')
		return 0;
	s++;
	if (!(nd = digits(&s, 3, &d)))
		return 0;
	/* written as a day from here on: it must be one */
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (ny != 4 || nm > 2 || nd > 2 || y < 1 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap))
		return -1;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = 12;
	tm->tm_isdst = -1;
	mktime(tm);   /* the day of the week */
	if (end)
		*end = s;
	return 1;
}
