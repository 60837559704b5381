/* unit.h - what every unit test includes. */
#ifndef UNIT_H
#define UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bobao.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Report which table row failed before cmocka's own message. */
#define assert_row_string_equal(row, got, want)                                  \
	do {                                                                     \
		if (strcmp((got), (want)))                                       \
			print_error("row %zu: %s\n", (size_t)(row), (want));     \
		assert_string_equal((got), (want));                              \
	} while (0)

#endif
