// tinyaot: compile-time geometry helpers for data-movement, reduction and resize ops (see shape_util.h).
#include "compiler/ops/shape_util.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/op_def.h"

namespace tinyaot {

std::vector<int64_t> const_ints(const Graph& g, const Op& op, int tensor_id, std::string_view what) {
  if (tensor_id < 0) op_error(g, op, ErrorKind::kInvalidModel, fmt::format("{} is missing", what));
  const Tensor& t = g.tensor(tensor_id);
  if (t.type != DType::kInt32 && t.type != DType::kInt64)
    op_error(g, op, ErrorKind::kUnsupported,
             fmt::format("{} has type {}; it must be int32 or int64", what, dtype_name(t.type)), tensor_id);
  if (!t.is_const)
    op_error(g, op, ErrorKind::kUnsupported,
             fmt::format("{} must be a constant tensor (the geometry is fixed at compile time)", what), tensor_id);
  std::vector<int64_t> v;
  for (int64_t i = 0; i < t.num_elements(); ++i)
    v.push_back(t.type == DType::kInt64 ? t.data_as<int64_t>()[i] : t.data_as<int32_t>()[i]);
  return v;
}

int normalize_axis(const Graph& g, const Op& op, int64_t axis, int rank, int tensor_id) {
  const int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    op_error(g, op, ErrorKind::kInvalidModel, fmt::format("axis {} is out of range for rank {}", axis, rank),
             tensor_id);
  return static_cast<int>(a);
}

std::vector<int> resolve_axes(const Graph& g, const Op& op, int axis_tensor_id, int rank) {
  std::vector<int> r;
  for (int64_t v : const_ints(g, op, axis_tensor_id, "axis")) {
    const int a = normalize_axis(g, op, v, rank, axis_tensor_id);
    if (std::find(r.begin(), r.end(), a) == r.end()) r.push_back(a);
  }
  std::sort(r.begin(), r.end());
  return r;
}

int64_t shape_product(const Shape& s, std::size_t begin, std::size_t end) {
  int64_t n = 1;
  for (std::size_t i = begin; i < end && i < s.size(); ++i) n *= s[i];
  return n;
}

std::vector<int64_t> row_major_strides(const Shape& s) {
  std::vector<int64_t> r(s.size());
  int64_t stride = 1;
  for (std::size_t i = s.size(); i-- > 0;) {
    r[i] = stride;
    stride *= s[i];
  }
  return r;
}

void expect_int32_sized(const Graph& g, const Op& op, int tensor_id) {
  if (g.tensor(tensor_id).bytes() > static_cast<std::size_t>(INT32_MAX))
    op_error(g, op, ErrorKind::kUnsupported, "tensors of 2 GiB or more are not supported", tensor_id);
}

void expect_movable_type(const Graph& g, const Op& op, int tensor_id) {
  const Tensor& t = g.tensor(tensor_id);
  if (dtype_size(t.type) == 0)
    op_error(g, op, ErrorKind::kUnsupported, fmt::format("type {} is not supported", dtype_name(t.type)),
             tensor_id);
}

std::optional<CopyWalk> make_copy_walk(const std::vector<int64_t>& dims, const std::vector<int64_t>& strides,
                                       int64_t offset) {
  std::vector<int64_t> d, s;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] == 1) continue;
    if (!d.empty() && s.back() == strides[i] * dims[i]) {
      d.back() *= dims[i];
      s.back() = strides[i];
    } else {
      d.push_back(dims[i]);
      s.push_back(strides[i]);
    }
  }
  if (d.size() > 6) return std::nullopt;
  CopyWalk w;
  w.offset = offset;
  const std::size_t lead = 6 - d.size();
  for (std::size_t i = 0; i < d.size(); ++i) {
    w.dims[lead + i] = static_cast<int32_t>(d[i]);
    w.strides[lead + i] = static_cast<int32_t>(s[i]);
  }
  return w;
}

void emit_strided_copy(EmitContext& e, const Graph& g, int in_id, int out_id, const CopyWalk& w) {
  const std::string params = e.op_prefix() + "_params";
  e.use_runtime("tinyaot_rt/strided_copy.h");
  e.decl(fmt::format(
      "constexpr tinyaot_rt::StridedCopyParams {} = {{/*offset=*/{}, /*dims=*/{{{}}}, /*strides=*/{{{}}}}};", params,
      w.offset, fmt::join(w.dims, ", "), fmt::join(w.strides, ", ")));
  e.code(fmt::format("tinyaot_rt::strided_copy<{}>({}, {}, {});", dtype_ctype(g.tensor(out_id).type), params,
                     e.ptr(in_id), e.ptr(out_id)));
}

std::vector<RowCopy> axis_piece_copies(const Shape& whole, std::size_t axis, const std::vector<int64_t>& sizes,
                                       int64_t elem_size, bool into_whole) {
  const int64_t outer = shape_product(whole, 0, axis);
  const int64_t inner = shape_product(whole, axis + 1, whole.size()) * elem_size;
  const int64_t whole_row = whole[axis] * inner;
  std::vector<RowCopy> r;
  int64_t offset = 0;
  for (int64_t size : sizes) {
    const int64_t row = size * inner;
    if (into_whole) r.push_back(RowCopy{outer, row, 0, row, offset, whole_row});
    else r.push_back(RowCopy{outer, row, offset, whole_row, 0, row});
    offset += row;
  }
  return r;
}

void emit_copy_rows(EmitContext& e, const std::vector<RowCopy>& copies, const std::vector<int>& srcs,
                    const std::vector<int>& dsts) {
  std::vector<std::string> inits;
  std::vector<std::size_t> used;
  for (std::size_t i = 0; i < copies.size(); ++i) {
    const RowCopy& c = copies[i];
    if (c.rows == 0 || c.row_bytes == 0) continue;
    used.push_back(i);
    inits.push_back(fmt::format("{{/*rows=*/{}, /*row_bytes=*/{}, /*src_offset=*/{}, /*src_pitch=*/{}, "
                                "/*dst_offset=*/{}, /*dst_pitch=*/{}}}",
                                c.rows, c.row_bytes, c.src_offset, c.src_pitch, c.dst_offset, c.dst_pitch));
  }
  if (used.empty()) return;
  const std::string params = e.op_prefix() + "_params";
  e.use_runtime("tinyaot_rt/strided_copy.h");
  e.decl(fmt::format("constexpr tinyaot_rt::CopyRowsParams {}[{}] = {{\n    {}}};", params, inits.size(),
                     fmt::join(inits, ",\n    ")));
  for (std::size_t k = 0; k < used.size(); ++k)
    e.code(fmt::format("tinyaot_rt::copy_rows({}[{}], {}, {});", params, k, e.ptr(srcs[used[k]]),
                       e.ptr(dsts[used[k]])));
}

std::optional<ReduceWalks> make_reduce_walks(const Shape& s, const std::vector<int>& axes) {
  std::vector<std::pair<int64_t, int64_t>> kept, red;  // (extent, stride)
  const std::vector<int64_t> strides = row_major_strides(s);
  int last_kind = -1;  // 0 kept, 1 reduced
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == 1) continue;
    const int kind = std::count(axes.begin(), axes.end(), static_cast<int>(i)) ? 1 : 0;
    auto& list = kind ? red : kept;
    if (kind == last_kind) {
      // Only unit dimensions in between in a dense tensor: the previous run continues into this one.
      list.back().first *= s[i];
      list.back().second = strides[i];
    } else {
      list.emplace_back(s[i], strides[i]);
    }
    last_kind = kind;
  }
  if (kept.size() > 4 || red.size() > 4) return std::nullopt;
  ReduceWalks w;
  for (std::size_t i = 0, lead = 4 - kept.size(); i < kept.size(); ++i) {
    w.kept_dims[lead + i] = static_cast<int32_t>(kept[i].first);
    w.kept_strides[lead + i] = static_cast<int32_t>(kept[i].second);
  }
  for (std::size_t i = 0, lead = 4 - red.size(); i < red.size(); ++i) {
    w.red_dims[lead + i] = static_cast<int32_t>(red[i].first);
    w.red_strides[lead + i] = static_cast<int32_t>(red[i].second);
  }
  return w;
}

std::string reduce_walk_init(const ReduceWalks& w) {
  return fmt::format("{{/*kept_dims=*/{{{}}}, /*kept_strides=*/{{{}}}, /*red_dims=*/{{{}}}, /*red_strides=*/{{{}}}}}",
                     fmt::join(w.kept_dims, ", "), fmt::join(w.kept_strides, ", "), fmt::join(w.red_dims, ", "),
                     fmt::join(w.red_strides, ", "));
}

Shape reduced_shape(const Shape& in, const std::vector<int>& axes, bool keep_dims) {
  Shape out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const bool reduced = std::count(axes.begin(), axes.end(), static_cast<int>(i)) > 0;
    if (!reduced) out.push_back(in[i]);
    else if (keep_dims) out.push_back(1);
  }
  return out;
}

}  // namespace tinyaot
