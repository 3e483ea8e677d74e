// tinyaot runtime: TINYAOT_RT_DISPATCH, for kernel entry points that only choose among their forms (pair
// or single pixel, fixed window or not, bias or not). Inlined into the generated invoke(), where the
// parameters are constexpr objects, the choice folds away and only the forms a model uses are linked
// (the work itself stays in out-of-line functions shared by all layers).
#pragma once

#ifndef TINYAOT_RT_DISPATCH
#if defined(__GNUC__)
#define TINYAOT_RT_DISPATCH inline __attribute__((always_inline))
#else
#define TINYAOT_RT_DISPATCH inline
#endif
#endif
