#include "cpu_check.h"

int ganscope_built_for_wide_vectors(void) {
#ifdef __AVX512F__
  return 1;
#else
  return 0;
#endif
}
