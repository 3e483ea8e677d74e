// tinyaot Ethos-U: copies of builtin options tables (see options_copy.h). One line per table of
// compiler/reader/tflite_subset.fbs; the Create functions take the fields in schema order.
#include "compiler/ethosu/options_copy.h"

#include <fmt/format.h>

#include "compiler/support/error.h"

namespace tinyaot::ethosu {

namespace {

namespace fb = flatbuffers;
using tfl::BuiltinOptions;

fb::Offset<fb::Vector<int32_t>> ints(fb::FlatBufferBuilder& b, const fb::Vector<int32_t>* v) {
  return v ? b.CreateVector(v->data(), v->size()) : fb::Offset<fb::Vector<int32_t>>();
}

// COPY(T, args): a copy of a T whose fields are read from `o` (the source table) inside the builder call.
// A missing table (type set, no table) reads as all defaults, and so does the empty table written for it.
#define COPY(T, ...)                                                                        \
  case BuiltinOptions::T: {                                                                 \
    const tfl::T* o = src.builtin_options_as_##T();                                         \
    if (!o)                                                                                 \
      return make_options(BuiltinOptions::T, [](fb::FlatBufferBuilder& b) {                 \
        return tfl::T##Builder(b).Finish().Union();                                         \
      });                                                                                   \
    return make_options(BuiltinOptions::T, [o](fb::FlatBufferBuilder& b) {                  \
      (void)o;                                                                              \
      return tfl::Create##T(b __VA_OPT__(, ) __VA_ARGS__).Union();                          \
    });                                                                                     \
  }

OptionsFn copy(const tfl::Operator& src) {
  switch (src.builtin_options_type()) {
    case BuiltinOptions::NONE: return {};
    COPY(Conv2DOptions, o->padding(), o->stride_w(), o->stride_h(), o->fused_activation_function(),
         o->dilation_w_factor(), o->dilation_h_factor(), o->quantized_bias_type())
    COPY(DepthwiseConv2DOptions, o->padding(), o->stride_w(), o->stride_h(), o->depth_multiplier(),
         o->fused_activation_function(), o->dilation_w_factor(), o->dilation_h_factor())
    COPY(Pool2DOptions, o->padding(), o->stride_w(), o->stride_h(), o->filter_width(), o->filter_height(),
         o->fused_activation_function())
    COPY(SVDFOptions, o->rank(), o->fused_activation_function(), o->asymmetric_quantize_inputs())
    COPY(FullyConnectedOptions, o->fused_activation_function(), o->weights_format(), o->keep_num_dims(),
         o->asymmetric_quantize_inputs(), o->quantized_bias_type())
    COPY(SoftmaxOptions, o->beta())
    COPY(ConcatenationOptions, o->axis(), o->fused_activation_function())
    COPY(AddOptions, o->fused_activation_function(), o->pot_scale_int16())
    COPY(MulOptions, o->fused_activation_function())
    COPY(L2NormOptions, o->fused_activation_function())
    COPY(UnidirectionalSequenceLSTMOptions, o->fused_activation_function(), o->cell_clip(), o->proj_clip(),
         o->time_major(), o->asymmetric_quantize_inputs(), o->diagonal_recurrent_tensors())
    COPY(ResizeBilinearOptions, o->align_corners(), o->half_pixel_centers())
    COPY(ResizeNearestNeighborOptions, o->align_corners(), o->half_pixel_centers())
    COPY(PadOptions)
    COPY(PadV2Options)
    COPY(ReshapeOptions, ints(b, o->new_shape()))
    COPY(SpaceToBatchNDOptions)
    COPY(BatchToSpaceNDOptions)
    COPY(SpaceToDepthOptions, o->block_size())
    COPY(DepthToSpaceOptions, o->block_size())
    COPY(SubOptions, o->fused_activation_function(), o->pot_scale_int16())
    COPY(DivOptions, o->fused_activation_function())
    COPY(GatherOptions, o->axis(), o->batch_dims())
    COPY(TransposeOptions)
    COPY(ExpOptions)
    COPY(ReducerOptions, o->keep_dims())
    COPY(SqueezeOptions, ints(b, o->squeeze_dims()))
    COPY(SplitOptions, o->num_splits())
    COPY(SplitVOptions, o->num_splits())
    COPY(StridedSliceOptions, o->begin_mask(), o->end_mask(), o->ellipsis_mask(), o->new_axis_mask(),
         o->shrink_axis_mask(), o->offset())
    COPY(LogSoftmaxOptions)
    COPY(CastOptions, o->in_data_type(), o->out_data_type())
    COPY(DequantizeOptions)
    COPY(MaximumMinimumOptions)
    COPY(TileOptions)
    COPY(ArgMaxOptions, o->output_type())
    COPY(ArgMinOptions, o->output_type())
    COPY(NegOptions)
    COPY(SliceOptions)
    COPY(TransposeConvOptions, o->padding(), o->stride_w(), o->stride_h(), o->fused_activation_function(),
         o->quantized_bias_type())
    COPY(ExpandDimsOptions)
    COPY(PackOptions, o->values_count(), o->axis())
    COPY(UnpackOptions, o->num(), o->axis())
    COPY(LeakyReluOptions, o->alpha())
    COPY(SquaredDifferenceOptions)
    COPY(MirrorPadOptions, o->mode())
    COPY(AbsOptions)
    COPY(QuantizeOptions)
    COPY(HardSwishOptions)
    COPY(BatchMatMulOptions, o->adj_x(), o->adj_y(), o->asymmetric_quantize_inputs())
    COPY(GeluOptions, o->approximate())
  }
  throw Error(ErrorKind::kUnsupported,
              fmt::format("builtin options type {} cannot be written back", static_cast<int>(src.builtin_options_type())));
}

#undef COPY

}  // namespace

OptionsFn copy_builtin_options(const tfl::Operator& src) { return copy(src); }

}  // namespace tinyaot::ethosu
