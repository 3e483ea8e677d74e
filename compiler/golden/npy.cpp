// tinyaot golden: .npy parsing. The header is a Python dict literal, e.g.
//   {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
// padded with spaces to an aligned length. We read just the three keys with a tiny scanner rather than a
// Python-literal parser: np.save always writes this exact form.
#include "compiler/golden/npy.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

#include "compiler/support/error.h"

namespace tinyaot::golden {

namespace {

[[noreturn]] void bad(const std::string& file, const std::string& why) {
  throw Error(ErrorKind::kUsage, "not a supported .npy file: " + why).in_file(file);
}

/// The text after `'key':` with leading spaces skipped, or npos.
std::size_t value_pos(const std::string& h, const std::string& key) {
  std::size_t p = h.find("'" + key + "'");
  if (p == std::string::npos) p = h.find("\"" + key + "\"");
  if (p == std::string::npos) return p;
  p = h.find(':', p);
  if (p == std::string::npos) return p;
  return h.find_first_not_of(' ', p + 1);
}

}  // namespace

double NpyArray::value(std::size_t i) const {
  const uint8_t* p = data.data() + i * static_cast<std::size_t>(item_size);
  auto load = [p](auto v) {
    std::memcpy(&v, p, sizeof v);
    return static_cast<double>(v);
  };
  switch (kind) {
    case 'f': return item_size == 4 ? load(float{}) : load(double{});
    case 'b': return p[0] ? 1.0 : 0.0;
    case 'u':
      switch (item_size) {
        case 1: return load(uint8_t{});
        case 2: return load(uint16_t{});
        case 4: return load(uint32_t{});
        default: return load(uint64_t{});
      }
    default:
      switch (item_size) {
        case 1: return load(int8_t{});
        case 2: return load(int16_t{});
        case 4: return load(int32_t{});
        default: return load(int64_t{});
      }
  }
}

NpyArray parse_npy(const std::vector<uint8_t>& b, const std::string& file) {
  static const char kMagic[] = "\x93NUMPY";
  if (b.size() < 10 || std::memcmp(b.data(), kMagic, 6) != 0) bad(file, "missing the \\x93NUMPY magic");
  const int major = b[6];
  std::size_t header_len = 0, start = 0;
  if (major == 1) {
    header_len = b[8] | (static_cast<std::size_t>(b[9]) << 8);
    start = 10;
  } else if (major == 2 || major == 3) {
    if (b.size() < 12) bad(file, "truncated header");
    header_len = b[8] | (static_cast<std::size_t>(b[9]) << 8) | (static_cast<std::size_t>(b[10]) << 16) |
                 (static_cast<std::size_t>(b[11]) << 24);
    start = 12;
  } else {
    bad(file, "format version " + std::to_string(major) + " (1, 2 and 3 are supported)");
  }
  if (b.size() < start + header_len) bad(file, "truncated header");
  const std::string h(b.begin() + static_cast<std::ptrdiff_t>(start),
                      b.begin() + static_cast<std::ptrdiff_t>(start + header_len));

  NpyArray a;
  std::size_t p = value_pos(h, "descr");
  if (p == std::string::npos || (h[p] != '\'' && h[p] != '"')) bad(file, "no 'descr' in the header");
  const std::size_t q = h.find(h[p], p + 1);
  if (q == std::string::npos) bad(file, "unterminated 'descr'");
  a.descr = h.substr(p + 1, q - p - 1);
  if (a.descr.size() < 3 || std::string("<>|=").find(a.descr[0]) == std::string::npos)
    bad(file, "dtype '" + a.descr + "' (structured and object arrays are not supported)");
  a.kind = a.descr[1];
  a.item_size = std::atoi(a.descr.c_str() + 2);
  const bool kinds_ok = (a.kind == 'i' || a.kind == 'u') ? (a.item_size == 1 || a.item_size == 2 ||
                                                             a.item_size == 4 || a.item_size == 8)
                        : a.kind == 'f'                  ? (a.item_size == 4 || a.item_size == 8)
                                                         : a.kind == 'b' && a.item_size == 1;
  if (!kinds_ok) bad(file, "dtype '" + a.descr + "' (use bool, int8..int64, uint8..uint64, float32 or float64)");

  p = value_pos(h, "fortran_order");
  if (p == std::string::npos) bad(file, "no 'fortran_order' in the header");
  if (h.compare(p, 4, "True") == 0) bad(file, "fortran_order is True; save np.ascontiguousarray(x) instead");

  p = value_pos(h, "shape");
  if (p == std::string::npos || h[p] != '(') bad(file, "no 'shape' tuple in the header");
  const std::size_t close = h.find(')', p);
  if (close == std::string::npos) bad(file, "unterminated 'shape'");
  std::size_t count = 1;
  for (std::size_t i = p + 1; i < close;) {
    i = h.find_first_not_of(" ,", i);
    if (i >= close) break;
    std::size_t used = 0;
    long long d = 0;
    try {
      d = std::stoll(h.substr(i, close - i), &used);
    } catch (const std::exception&) {
      bad(file, "bad 'shape' " + h.substr(p, close - p + 1));
    }
    if (d < 0 || used == 0) bad(file, "bad 'shape' " + h.substr(p, close - p + 1));
    a.shape.push_back(d);
    if (d > 0 && count > (1ull << 40) / static_cast<std::size_t>(d)) bad(file, "shape too large");
    count *= static_cast<std::size_t>(d);
    i += used;
  }

  const std::size_t bytes = count * static_cast<std::size_t>(a.item_size);
  const std::size_t data_start = start + header_len;
  if (b.size() - data_start != bytes)
    bad(file, "shape " + h.substr(p, close - p + 1) + " of '" + a.descr + "' needs " + std::to_string(bytes) +
                  " data bytes, the file has " + std::to_string(b.size() - data_start));
  a.data.assign(b.begin() + static_cast<std::ptrdiff_t>(data_start), b.end());
  if (a.descr[0] == '>' && a.item_size > 1)  // big-endian: swap every element
    for (std::size_t i = 0; i < a.data.size(); i += static_cast<std::size_t>(a.item_size))
      std::reverse(a.data.begin() + static_cast<std::ptrdiff_t>(i),
                   a.data.begin() + static_cast<std::ptrdiff_t>(i) + a.item_size);
  return a;
}

std::vector<uint8_t> read_file_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw Error(ErrorKind::kIo, "cannot read the file").in_file(path);
  std::vector<uint8_t> v((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (f.bad()) throw Error(ErrorKind::kIo, "cannot read the file").in_file(path);
  return v;
}

NpyArray read_npy(const std::string& path) { return parse_npy(read_file_bytes(path), path); }

}  // namespace tinyaot::golden
