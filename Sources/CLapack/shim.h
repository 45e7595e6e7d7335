// LAPACK's dgeev (Debian: liblapack-dev), declared here because the package ships no C
// header. Fortran conventions: every argument by pointer, matrices column-major, and the
// lengths of the two character arguments passed last (gfortran's hidden size_t arguments).
#include <stddef.h>

void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda,
            double *wr, double *wi, double *vl, const int *ldvl, double *vr, const int *ldvr,
            double *work, const int *lwork, int *info, size_t jobvl_length,
            size_t jobvr_length);
