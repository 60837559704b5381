/*
 * fuzz.h - what every libFuzzer target includes (see README.md).
 *
 * A target defines LLVMFuzzerTestOneInput() and, when it needs state set
 * up once (a reader, a handle), LLVMFuzzerInitialize().  It must not leak,
 * print, exit or keep state between inputs that changes what an input
 * does: a crash must replay from its one input file (replay.c).
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* An invariant that must hold: a broken one is a crash libFuzzer keeps. */
#define FUZZ_ASSERT(x) do { if (!(x)) abort(); } while (0)

#endif
