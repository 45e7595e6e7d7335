#include "cpu_check.h"

#include <stdlib.h>
#include <string.h>

int ganscope_built_for_wide_vectors(void) {
#ifdef __AVX512F__
  return 1;
#else
  return 0;
#endif
}

int ganscope_cpu_has_wide_vectors(void) {
  const char *off = getenv("GANSCOPE_NO_WIDE_KERNELS");
  if (off != NULL && strcmp(off, "1") == 0) return 0;
#if defined(__x86_64__)
  // The compiler's runtime reads CPUID and XGETBV: an AVX-512 feature counts only when the
  // operating system saves the zmm registers.
  __builtin_cpu_init();
  // Every extension GANKernelsWide is compiled for (skylake-avx512, Package.swift) that
  // haswell, the baseline, lacks.
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
         __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512cd");
#else
  return 0;
#endif
}
