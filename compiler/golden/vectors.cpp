// tinyaot golden: loading test vectors (see vectors.h).
#include "compiler/golden/vectors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

#include "compiler/golden/npy.h"
#include "compiler/support/error.h"

namespace tinyaot::golden {

namespace {

/// A file's contents as a flat sequence of elements of one source type.
struct Source {
  std::string file;
  bool raw = false;  ///< bytes are copied as they are (tensor dtype)
  NpyArray array;    ///< otherwise: elements to convert
};

[[noreturn]] void fail(const std::string& file, const std::string& why) {
  throw Error(ErrorKind::kUsage, why).in_file(file);
}

bool is_ext(const std::string& f, const char* ext) {
  const std::size_t n = std::strlen(ext);
  return f.size() >= n && f.compare(f.size() - n, n, ext) == 0;
}

Source open_source(const std::string& file, const LoadOptions& opts) {
  Source s;
  s.file = file;
  if (is_ext(file, ".npy")) {
    s.array = read_npy(file);
  } else if (opts.float_bin) {
    s.array.kind = 'f';
    s.array.item_size = 4;
    s.array.descr = "<f4";
    s.array.data = read_file_bytes(file);
    if (s.array.data.size() % 4 != 0) fail(file, fmt::format("{} bytes is not a whole number of float32 values", s.array.data.size()));
  } else {
    s.raw = true;
    s.array.data = read_file_bytes(file);
  }
  return s;
}

/// The npy kind/size that is the tensor's own dtype (so its bytes can be copied as they are).
bool same_type(const NpyArray& a, DType t) {
  switch (t) {
    case DType::kInt8: return a.kind == 'i' && a.item_size == 1;
    case DType::kUInt8: return a.kind == 'u' && a.item_size == 1;
    case DType::kInt16: return a.kind == 'i' && a.item_size == 2;
    case DType::kInt32: return a.kind == 'i' && a.item_size == 4;
    case DType::kInt64: return a.kind == 'i' && a.item_size == 8;
    case DType::kFloat32: return a.kind == 'f' && a.item_size == 4;
    case DType::kBool: return (a.kind == 'b' || a.kind == 'u') && a.item_size == 1;
    default: return false;
  }
}

/// Converts element `i` of `src` to `spec`'s dtype and stores it at `dst`.
void convert(const Source& src, std::size_t i, const TensorSpec& spec, uint8_t* dst) {
  const double v = src.array.value(i);
  if (spec.type == DType::kFloat32) {
    const auto f = static_cast<float>(v);
    std::memcpy(dst, &f, 4);
    return;
  }
  if (spec.type == DType::kBool) {
    dst[0] = v != 0 ? 1 : 0;
    return;
  }
  int64_t q;
  if (src.array.kind == 'f') {
    if (spec.scale == 0.0f)
      fail(src.file, fmt::format("float values for {} '{}' ({}), which has no quantization to convert them with",
                                 "tensor", spec.name, dtype_name(spec.type)));
    q = quantize_value(static_cast<float>(v), spec.scale, spec.zero_point, spec.type);
  } else {
    if (v < static_cast<double>(dtype_min(spec.type)) || v > static_cast<double>(dtype_max(spec.type)))
      fail(src.file, fmt::format("element {} is {}, outside the range of {} '{}' ({})", i, v, "tensor", spec.name,
                                 dtype_name(spec.type)));
    q = static_cast<int64_t>(v);
  }
  // Little-endian store of the low dtype_size bytes (hosts we run on are little-endian).
  std::memcpy(dst, &q, dtype_size(spec.type));
}

}  // namespace

int64_t dtype_min(DType t) {
  switch (t) {
    case DType::kInt8: return -128;
    case DType::kUInt8: return 0;
    case DType::kInt16: return -32768;
    case DType::kInt32: return std::numeric_limits<int32_t>::min();
    case DType::kBool: return 0;
    default: return std::numeric_limits<int64_t>::min();
  }
}

int64_t dtype_max(DType t) {
  switch (t) {
    case DType::kInt8: return 127;
    case DType::kUInt8: return 255;
    case DType::kInt16: return 32767;
    case DType::kInt32: return std::numeric_limits<int32_t>::max();
    case DType::kBool: return 1;
    default: return std::numeric_limits<int64_t>::max();
  }
}

int64_t quantize_value(float x, float scale, int32_t zero_point, DType type) {
  // As TFLite's AffineQuantize: float division, std::round (half away from zero), add zero point, clamp.
  const float scaled = x / scale;
  double r = std::round(static_cast<double>(scaled));
  if (std::isnan(r)) r = 0;
  r = std::clamp(r, -9.0e18, 9.0e18);
  const int64_t q = static_cast<int64_t>(r) + zero_point;
  return std::clamp(q, dtype_min(type), dtype_max(type));
}

Records load_records(const std::vector<std::string>& files, const std::vector<TensorSpec>& specs,
                     const LoadOptions& opts) {
  Records out;
  for (const auto& s : specs) out.record_bytes += s.bytes;
  const bool per_tensor = files.size() == specs.size();
  if (!per_tensor && files.size() != 1)
    throw Error(ErrorKind::kUsage,
                fmt::format("the model has {} {}s but {} {} files were given: give one file per {} or one file "
                            "with all of them concatenated",
                            specs.size(), opts.role, files.size(), opts.role, opts.role));
  // Groups of tensors per file: each tensor alone, or all of them in the one file.
  std::vector<std::vector<std::size_t>> groups;
  if (per_tensor)
    for (std::size_t i = 0; i < specs.size(); ++i) groups.push_back({i});
  else
    groups.push_back([&] {
      std::vector<std::size_t> all(specs.size());
      for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
      return all;
    }());

  std::vector<Source> sources;
  std::vector<std::size_t> counts;
  for (std::size_t f = 0; f < files.size(); ++f) {
    sources.push_back(open_source(files[f], opts));
    const Source& s = sources.back();
    std::size_t unit = 0, have = 0;
    const char* what = "bytes";
    for (std::size_t t : groups[f]) unit += s.raw ? specs[t].bytes : specs[t].elements();
    if (s.raw) {
      have = s.array.data.size();
    } else {
      have = s.array.num_elements();
      what = "elements";
    }
    std::string tensors;
    for (std::size_t t : groups[f]) tensors += fmt::format("{}{} '{}' {}", tensors.empty() ? "" : " + ", opts.role, specs[t].name, dtype_name(specs[t].type));
    if (unit == 0 || have == 0 || have % unit != 0)
      fail(s.file, fmt::format("has {} {}, not a multiple of the {} {} of one record ({})", have, what, unit, what, tensors));
    counts.push_back(have / unit);
    if (counts.back() != counts.front())
      fail(s.file, fmt::format("holds {} records but {} holds {}", counts.back(), files.front(), counts.front()));
  }
  out.count = counts.front();
  out.data.resize(out.count * out.record_bytes);

  for (std::size_t f = 0; f < files.size(); ++f) {
    const Source& s = sources[f];
    const bool copy = s.raw || [&] {
      for (std::size_t t : groups[f])
        if (!same_type(s.array, specs[t].type)) return false;
      return true;
    }();
    std::size_t src_pos = 0;  // bytes (copy) or elements (convert) consumed so far
    for (std::size_t k = 0; k < out.count; ++k) {
      std::size_t dst_pos = k * out.record_bytes;
      for (std::size_t t = 0; t < specs.size(); ++t) {
        const bool mine = std::find(groups[f].begin(), groups[f].end(), t) != groups[f].end();
        if (mine) {
          uint8_t* dst = out.data.data() + dst_pos;
          if (copy) {
            std::memcpy(dst, s.array.data.data() + src_pos, specs[t].bytes);
            src_pos += specs[t].bytes;
          } else {
            const std::size_t esize = dtype_size(specs[t].type);
            for (std::size_t e = 0; e < specs[t].elements(); ++e) convert(s, src_pos++, specs[t], dst + e * esize);
          }
        }
        dst_pos += specs[t].bytes;
      }
    }
  }
  return out;
}

void write_records(const std::string& path, const Records& r) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(r.data.data()), static_cast<std::streamsize>(r.data.size()));
  f.close();
  if (!f) throw Error(ErrorKind::kIo, "cannot write the file").in_file(path);
}

}  // namespace tinyaot::golden
