// tinyaot: the table of DSP / Helium kernel variants (see kernel_variants.h).
#include "compiler/emit/kernel_variants.h"

#include <array>

namespace tinyaot {
namespace {

// Only int8 kernels have variants; int16 (_s16) calls always take the reference kernels.
constexpr std::array<KernelVariant, 14> kVariants = {{
    {KernelIsa::kDsp, "fully_connected_s8", "fully_connected_s8_dsp", "tinyaot_rt/fully_connected_dsp.h"},
    {KernelIsa::kDsp, "conv2d_s8", "conv2d_s8_dsp", "tinyaot_rt/conv2d_dsp.h"},
    {KernelIsa::kDsp, "depthwise_conv2d_s8", "depthwise_conv2d_s8_dsp", "tinyaot_rt/depthwise_conv2d_dsp.h"},
    {KernelIsa::kMve, "fully_connected_s8", "fully_connected_s8_mve", "tinyaot_rt/fully_connected_mve.h"},
    {KernelIsa::kMve, "conv2d_s8", "conv2d_s8_mve", "tinyaot_rt/conv2d_mve.h"},
    {KernelIsa::kMve, "depthwise_conv2d_s8", "depthwise_conv2d_s8_mve", "tinyaot_rt/depthwise_conv2d_mve.h"},
    // The in-place forms (conv_inplace.h) the in-place pass asks for.
    {KernelIsa::kDsp, "conv2d_inplace_s8", "conv2d_inplace_s8_dsp", "tinyaot_rt/conv_inplace_dsp.h"},
    {KernelIsa::kDsp, "depthwise_conv2d_inplace_s8", "depthwise_conv2d_inplace_s8_dsp",
     "tinyaot_rt/conv_inplace_dsp.h"},
    {KernelIsa::kMve, "conv2d_inplace_s8", "conv2d_inplace_s8_mve", "tinyaot_rt/conv_inplace_mve.h"},
    {KernelIsa::kMve, "depthwise_conv2d_inplace_s8", "depthwise_conv2d_inplace_s8_mve",
     "tinyaot_rt/conv_inplace_mve.h"},
    // Templates over int8 / int16: the int16 forms forward to the reference kernels.
    {KernelIsa::kDsp, "add_elementwise", "add_elementwise_dsp", "tinyaot_rt/add_dsp.h"},
    {KernelIsa::kMve, "add_elementwise", "add_elementwise_mve", "tinyaot_rt/add_mve.h"},
    {KernelIsa::kDsp, "average_pool", "average_pool_dsp", "tinyaot_rt/pooling_dsp.h"},
    {KernelIsa::kMve, "average_pool", "average_pool_mve", "tinyaot_rt/pooling_mve.h"},
}};

}  // namespace

std::span<const KernelVariant> kernel_variants() { return kVariants; }

const KernelVariant* find_kernel_variant(KernelIsa isa, std::string_view generic) {
  for (const KernelVariant& v : kVariants)
    if (v.isa == isa && v.generic == generic) return &v;
  return nullptr;
}

}  // namespace tinyaot
