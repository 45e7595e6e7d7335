// ganscope is built for a stated level (by default x86-64-v3: haswell, AVX2 + FMA, with
// AVX-512 copies of the training passes chosen at run time) or for the CPU it is built on
// (GANSCOPE_CPU=native). Copied to a CPU below its level — a cluster node older than the
// login node — its first AVX2 or AVX-512 instruction would kill it with SIGILL and no word
// of why. This check runs as a constructor, before main and before any of ganscope's
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

// Every extension -march may enable that compiled code can use, in the order of their
// introduction (so the first missing one named is the oldest), with whether the compiler was
// allowed to use it.
static const struct extension extensions[] = {
#ifdef __SSE4_2__
    {"sse4.2", 1},
#endif
#ifdef __POPCNT__
    {"popcnt", 1},
#endif
#ifdef __AVX__
    {"avx", 1},
#endif
#ifdef __AVX2__
    {"avx2", 1},
#endif
#ifdef __FMA__
    {"fma", 1},
#endif
#ifdef __F16C__
    {"f16c", 1},
#endif
#ifdef __BMI__
    {"bmi", 1},
#endif
#ifdef __BMI2__
    {"bmi2", 1},
#endif
#ifdef __LZCNT__
    {"lzcnt", 1},
#endif
#ifdef __MOVBE__
    {"movbe", 1},
#endif
#ifdef __AES__
    {"aes", 1},
#endif
#ifdef __PCLMUL__
    {"pclmul", 1},
#endif
#ifdef __VAES__
    {"vaes", 1},
#endif
#ifdef __VPCLMULQDQ__
    {"vpclmulqdq", 1},
#endif
#ifdef __GFNI__
    {"gfni", 1},
#endif
#ifdef __AVX512F__
    {"avx512f", 1},
#endif
#ifdef __AVX512CD__
    {"avx512cd", 1},
#endif
#ifdef __AVX512DQ__
    {"avx512dq", 1},
#endif
#ifdef __AVX512BW__
    {"avx512bw", 1},
#endif
#ifdef __AVX512VL__
    {"avx512vl", 1},
#endif
#ifdef __AVX512IFMA__
    {"avx512ifma", 1},
#endif
#ifdef __AVX512VBMI__
    {"avx512vbmi", 1},
#endif
#ifdef __AVX512VBMI2__
    {"avx512vbmi2", 1},
#endif
#ifdef __AVX512VNNI__
    {"avx512vnni", 1},
#endif
#ifdef __AVX512BITALG__
    {"avx512bitalg", 1},
#endif
#ifdef __AVX512VPOPCNTDQ__
    {"avx512vpopcntdq", 1},
#endif
#ifdef __AVX512BF16__
    {"avx512bf16", 1},
#endif
    {NULL, 0},
};

// __builtin_cpu_supports needs a literal name, so each extension is asked by name here.
GANSCOPE_BASELINE static int cpu_has(const char *name) {
#define ASK(literal) \
  if (strcmp(name, literal) == 0) return __builtin_cpu_supports(literal)
  ASK("sse4.2");
  ASK("popcnt");
  ASK("avx");
  ASK("avx2");
  ASK("fma");
  ASK("f16c");
  ASK("bmi");
  ASK("bmi2");
  ASK("lzcnt");
  ASK("movbe");
  ASK("aes");
  ASK("pclmul");
  ASK("vaes");
  ASK("vpclmulqdq");
  ASK("gfni");
  ASK("avx512f");
  ASK("avx512cd");
  ASK("avx512dq");
  ASK("avx512bw");
  ASK("avx512vl");
  ASK("avx512ifma");
  ASK("avx512vbmi");
  ASK("avx512vbmi2");
  ASK("avx512vnni");
  ASK("avx512bitalg");
  ASK("avx512vpopcntdq");
  ASK("avx512bf16");
#undef ASK
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
  // A CPU without what the default build (haswell) needs cannot run it either: only a
  // native or portable one. AVX-512 and the newer extensions are what a native build adds.
  int below_haswell = 0;
  for (int i = 0; i < count; i++) {
    const char *name = missing[i];
    if (strncmp(name, "avx512", 6) != 0 && strcmp(name, "vaes") != 0 &&
        strcmp(name, "vpclmulqdq") != 0 && strcmp(name, "gfni") != 0) {
      below_haswell = 1;
    }
  }
  say(below_haswell
          ? ", which this CPU lacks: build it on this machine with GANSCOPE_CPU=native, or with "
            "GANSCOPE_PORTABLE=1 for any x86-64 CPU (much slower; docs/sweeps.md, \"The binary "
            "on the nodes\")\n"
          : ", which this CPU lacks: build it without GANSCOPE_CPU (swift build -c release: "
            "AVX2 and FMA, with AVX-512 used where the CPU has it; docs/sweeps.md, \"The binary "
            "on the nodes\")\n");
  _exit(1);
}

int ganscope_cpu_extensions_checked(void) {
  return (int)(sizeof extensions / sizeof extensions[0]) - 1;
}

#else
// Not x86-64: the compiler's own target checks are all there is.
int ganscope_cpu_extensions_checked(void) { return 0; }
#endif
