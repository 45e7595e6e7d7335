// ganscope is built for the CPU it is built on (-target-cpu native) or for a stated level
// (docs/sweeps.md: haswell, AVX2 + FMA). Copied to an older CPU — a cluster node older than
// the login node — its first AVX-512 or AVX2 instruction would kill it with SIGILL and no
// word of why. This check runs as a constructor, before main and before any of ganscope's
// own (vectorised) code, and says in one line what the CPU lacks and how to rebuild.
//
// It is compiled with the same target as the Swift code (Package.swift passes the C target
// the same -march), so the compiler's feature macros name exactly the extensions the
// compiled code may use. The function itself is compiled for baseline x86-64, so the check
// cannot fault on the instructions it checks for.
#include "cpu_check.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define GANSCOPE_BASELINE __attribute__((target("arch=x86-64")))

struct extension {
  const char *name;  // as __builtin_cpu_supports spells it
  int compiled_for;  // whether the compiler may have used it
};

static const struct extension extensions[] = {
#define EXTENSION(name, macro) {name, macro}
#ifdef __SSE4_2__
    EXTENSION("sse4.2", 1),
#endif
#ifdef __POPCNT__
    EXTENSION("popcnt", 1),
#endif
#ifdef __AVX__
    EXTENSION("avx", 1),
#endif
#ifdef __AVX2__
    EXTENSION("avx2", 1),
#endif
#ifdef __FMA__
    EXTENSION("fma", 1),
#endif
#ifdef __BMI__
    EXTENSION("bmi", 1),
#endif
#ifdef __BMI2__
    EXTENSION("bmi2", 1),
#endif
#ifdef __AVX512F__
    EXTENSION("avx512f", 1),
#endif
#ifdef __AVX512DQ__
    EXTENSION("avx512dq", 1),
#endif
#ifdef __AVX512BW__
    EXTENSION("avx512bw", 1),
#endif
#ifdef __AVX512VL__
    EXTENSION("avx512vl", 1),
#endif
    EXTENSION(NULL, 0)
#undef EXTENSION
};

// __builtin_cpu_supports needs a literal name, so each extension is asked by name here.
GANSCOPE_BASELINE static int cpu_has(const char *name) {
  if (strcmp(name, "sse4.2") == 0) return __builtin_cpu_supports("sse4.2");
  if (strcmp(name, "popcnt") == 0) return __builtin_cpu_supports("popcnt");
  if (strcmp(name, "avx") == 0) return __builtin_cpu_supports("avx");
  if (strcmp(name, "avx2") == 0) return __builtin_cpu_supports("avx2");
  if (strcmp(name, "fma") == 0) return __builtin_cpu_supports("fma");
  if (strcmp(name, "bmi") == 0) return __builtin_cpu_supports("bmi");
  if (strcmp(name, "bmi2") == 0) return __builtin_cpu_supports("bmi2");
  if (strcmp(name, "avx512f") == 0) return __builtin_cpu_supports("avx512f");
  if (strcmp(name, "avx512dq") == 0) return __builtin_cpu_supports("avx512dq");
  if (strcmp(name, "avx512bw") == 0) return __builtin_cpu_supports("avx512bw");
  if (strcmp(name, "avx512vl") == 0) return __builtin_cpu_supports("avx512vl");
  return 0;
}

GANSCOPE_BASELINE static void say(const char *text) {
  size_t length = strlen(text);
  while (length > 0) {
    ssize_t n = write(STDERR_FILENO, text, length);
    if (n <= 0) return;
    text += n;
    length -= (size_t)n;
  }
}

// GANSCOPE_CPU_CHECK_PRETEND_MISSING=avx2 makes the check treat one extension as missing,
// so that the end-to-end test sees the message a user on an older CPU would (nothing else
// can make a CPU lack an extension).
GANSCOPE_BASELINE __attribute__((constructor)) static void check_cpu(void) {
  __builtin_cpu_init();
  const char *pretend = getenv("GANSCOPE_CPU_CHECK_PRETEND_MISSING");
  const char *missing[sizeof extensions / sizeof extensions[0]];
  int count = 0;
  for (const struct extension *e = extensions; e->name != NULL; e++) {
    int lacks = !cpu_has(e->name) || (pretend != NULL && strcmp(pretend, e->name) == 0);
    if (e->compiled_for && lacks) missing[count++] = e->name;
  }
  if (count == 0) return;
  say("ganscope: this binary was built for a CPU with ");
  for (int i = 0; i < count; i++) {
    if (i > 0) say(i == count - 1 ? " and " : ", ");
    say(missing[i]);
  }
  say(", which this CPU lacks: build it here (swift build -c release), or build one binary "
      "for every node with AVX2 and FMA (docs/sweeps.md, \"The binary on the nodes\")\n");
  _exit(1);
}

int ganscope_cpu_extensions_checked(void) {
  return (int)(sizeof extensions / sizeof extensions[0]) - 1;
}

#else
// Not x86-64: the compiler's own target checks are all there is.
int ganscope_cpu_extensions_checked(void) { return 0; }
#endif
