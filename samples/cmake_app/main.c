/* tinyaot sample application (C): the same as main.cpp through the C API that `--c-api` generates
 * (app_model_c_api.h), as firmware written in C would call the model. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "app_model_c_api.h"

#if APP_MODEL_ARENA_SIZE > 0
static _Alignas(APP_MODEL_ARENA_ALIGNMENT) unsigned char arena[APP_MODEL_ARENA_SIZE];
#else
static _Alignas(APP_MODEL_ARENA_ALIGNMENT) unsigned char arena[1];
#endif

int main(void) {
  app_model_reset(arena);
  unsigned char* in = (unsigned char*)app_model_input(0, arena);
  for (size_t i = 0; i < app_model_input_bytes(0); ++i) in[i] = (unsigned char)((i * 37u) & 0xFFu);
  if (app_model_invoke(arena) != 0) {
    printf("cmake_app: invoke failed\n");
    return 1;
  }
  const signed char* out = (const signed char*)app_model_output(0, arena);
  printf("cmake_app: arena %zu bytes, output 0:", app_model_arena_size());
  for (size_t i = 0; i < app_model_output_bytes(0) && i < 16; ++i) printf(" %d", out[i]);
  printf("\n");
  return 0;
}
