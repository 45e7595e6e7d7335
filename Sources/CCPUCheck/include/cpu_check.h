#ifndef GANSCOPE_CPU_CHECK_H
#define GANSCOPE_CPU_CHECK_H

// The instruction-set extensions this binary was compiled for, checked against the CPU it
// runs on before any of its own code runs (cpu_check.c). Returns the number of extensions
// checked; the executable calls it so that the linker keeps the check.
int ganscope_cpu_extensions_checked(void);

#endif
