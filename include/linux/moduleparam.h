/* Splitting the command line into param=value words. */
#ifndef _LINUX_MODULEPARAM_H
#define _LINUX_MODULEPARAM_H

/*
 * Calls unknown(param, val, doing, arg) for every word of args (which it edits in place);
 * val is NULL for a word without '='. Stops at the first non-zero return and returns it.
 */
int parse_args(const char *doing, char *args, void *arg,
	       int (*unknown)(char *param, char *val, const char *doing, void *arg));
/* True when a and b are the same parameter name; '-' and '_' are the same. */
bool parameq(const char *a, const char *b);

#endif
