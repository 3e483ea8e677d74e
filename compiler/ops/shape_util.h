// tinyaot: compile-time geometry shared by the data-movement, reduction and resize ops: reading constant
// geometry inputs (axis, begin/end, paddings, sizes), axis normalisation, and turning index arithmetic
// into the merged walks and pitched copies the runtime kernels in tinyaot_rt/strided_copy.h and
// tinyaot_rt/reduce.h execute.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/graph.h"

namespace tinyaot {

class EmitContext;

/// Values of a constant int32 or int64 tensor; throws kUnsupported (naming `what`) when the tensor is not
/// constant or has another type.
std::vector<int64_t> const_ints(const Graph& g, const Op& op, int tensor_id, std::string_view what);

/// `axis` in [-rank, rank) made non-negative; throws kInvalidModel otherwise (tensor_id locates it).
int normalize_axis(const Graph& g, const Op& op, int64_t axis, int rank, int tensor_id = -1);

/// Sorted, de-duplicated axes of a constant axis tensor (negative values count from the end).
std::vector<int> resolve_axes(const Graph& g, const Op& op, int axis_tensor_id, int rank);

/// Product of shape[begin, end).
int64_t shape_product(const Shape& s, std::size_t begin, std::size_t end);
/// Row-major element strides of a shape.
std::vector<int64_t> row_major_strides(const Shape& s);

/// Throws kUnsupported unless the tensor has at most 2^31 - 1 bytes (kernels index with int32).
void expect_int32_sized(const Graph& g, const Op& op, int tensor_id);
/// Throws kUnsupported unless the type is one the copy kernels move (dtype_size > 0).
void expect_movable_type(const Graph& g, const Op& op, int tensor_id);

/// A strided gather: input element `offset`, then up to 6 dimensions (outermost first) with input strides;
/// unused leading entries have extent 1 and stride 0.
struct CopyWalk {
  int64_t offset = 0;
  std::array<int32_t, 6> dims{1, 1, 1, 1, 1, 1};
  std::array<int32_t, 6> strides{0, 0, 0, 0, 0, 0};
};

/// Builds a walk from per-dimension output extents and input strides: unit extents are dropped and a
/// dimension is merged into its outer neighbour when the input steps through both as one run. nullopt when
/// more than 6 dimensions remain.
std::optional<CopyWalk> make_copy_walk(const std::vector<int64_t>& dims, const std::vector<int64_t>& strides,
                                       int64_t offset);

/// Emits `tinyaot_rt::strided_copy<T>(params, in, out)` for the op (params named <prefix>_params).
void emit_strided_copy(EmitContext& e, const Graph& g, int in_id, int out_id, const CopyWalk& w);

/// One pitched byte copy (tinyaot_rt::CopyRowsParams).
struct RowCopy {
  int64_t rows = 0, row_bytes = 0, src_offset = 0, src_pitch = 0, dst_offset = 0, dst_pitch = 0;
};

/// Copies between a whole tensor and consecutive pieces of it along `axis` (piece i has extent sizes[i]
/// there, all other dimensions equal): `into_whole` places pieces into the whole (CONCATENATION, PACK),
/// otherwise the whole is cut into pieces (SPLIT, SPLIT_V, UNPACK). Byte units.
std::vector<RowCopy> axis_piece_copies(const Shape& whole, std::size_t axis, const std::vector<int64_t>& sizes,
                                       int64_t elem_size, bool into_whole);

/// Emits one constexpr array of CopyRowsParams and one `copy_rows` call per entry, copying from srcs[i]
/// to dsts[i] (tensor ids). Entries that copy nothing are skipped.
void emit_copy_rows(EmitContext& e, const std::vector<RowCopy>& copies, const std::vector<int>& srcs,
                    const std::vector<int>& dsts);

/// Reduction walks (tinyaot_rt::ReduceWalk): the input's non-unit dimensions split into kept and reduced
/// runs, neighbours of one kind merged. nullopt when either needs more than 4 dimensions.
struct ReduceWalks {
  std::array<int32_t, 4> kept_dims{1, 1, 1, 1}, kept_strides{0, 0, 0, 0};
  std::array<int32_t, 4> red_dims{1, 1, 1, 1}, red_strides{0, 0, 0, 0};
};
std::optional<ReduceWalks> make_reduce_walks(const Shape& s, const std::vector<int>& axes);
/// C++ aggregate initializer of tinyaot_rt::ReduceWalk.
std::string reduce_walk_init(const ReduceWalks& w);

/// Output shape of reducing `in` over `axes` (kept as 1 with keep_dims, else dropped).
Shape reduced_shape(const Shape& in, const std::vector<int>& axes, bool keep_dims);

}  // namespace tinyaot
