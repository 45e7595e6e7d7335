#ifndef GANSCOPE_CPU_CHECK_H
#define GANSCOPE_CPU_CHECK_H

// The instruction-set extensions this binary was compiled for, checked against the CPU it
// runs on before any of its own code runs (cpu_check.c). Returns the number of extensions
// checked; the executable calls it so that the linker keeps the check.
int ganscope_cpu_extensions_checked(void);

// Whether this binary was compiled for 512-bit vector registers (AVX-512F; vector_width.c):
// the matrix kernels (Sources/GANCore/Numerics/Kernels.swift) then keep sixteen 16-float
// accumulators in the 32 zmm registers. Built for AVX2 (16 ymm registers, each half a
// 16-float vector) or for another architecture, half as many fit and the kernels take a
// narrower block instead of spilling. Compiled with the same -march as the Swift code
// (Package.swift), so it is the build's width, not the CPU's.
int ganscope_built_for_wide_vectors(void);

// Whether this CPU, and the operating system's saving of its registers, can run the
// AVX-512 copies of the training passes (Sources/GANKernelsWide: AVX-512 F, CD, VL, BW and
// DQ).
// 0 off x86-64, and when GANSCOPE_NO_WIDE_KERNELS=1 (to measure or test the baseline
// copies on a CPU that has them).
int ganscope_cpu_has_wide_vectors(void);

#endif
