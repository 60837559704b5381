/*
 * sized.c - public structs that carry their size (the ABI rule in
 * include/bobao.h): the library reads and writes only as much of them as
 * the program was compiled with.
 */
#include <string.h>

#include "bb.h"

void bb_sized_init(void *dst, size_t size, const void *full, size_t full_size)
{
	size_t n = size < full_size ? size : full_size;

	if (!dst)
		return;   /* the API's rule: a NULL result pointer is ignored */
	memcpy(dst, full, n);
	if (n >= sizeof(size_t))
		memcpy(dst, &n, sizeof(size_t));
}

bobao_code bb_sized_read(void *dst, size_t dst_size, const void *src, const char *what,
                         struct bb_err *err)
{
	size_t size;

	memcpy(&size, src, sizeof(size));
	if (size < sizeof(size_t) || size > BB_SIZED_MAX)
		return bb_err_set(err, BOBAO_E_ARG, "struct %s not initialised (call %s_init)", what,
		                  what);
	memcpy(dst, src, size < dst_size ? size : dst_size);
	memcpy(dst, &dst_size, sizeof(size_t));
	return BOBAO_OK;
}
