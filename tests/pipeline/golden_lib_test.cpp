// tinyaot pipeline tests: the golden library (compiler/golden/): .npy parsing, TFLite quantization,
// record layouts, comparison reports and vector folders.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "compiler/golden/compare.h"
#include "compiler/golden/golden.h"
#include "compiler/golden/npy.h"
#include "compiler/golden/vectors.h"
#include "compiler/support/error.h"

namespace fs = std::filesystem;
using namespace tinyaot;
using namespace tinyaot::golden;

namespace {

/// A .npy file image: version `major`, header dict `dict`, then `data`.
std::vector<uint8_t> npy(const std::string& dict, const std::vector<uint8_t>& data, int major = 1) {
  std::string h = dict;
  const std::size_t pre = major == 1 ? 10 : 12;
  while ((pre + h.size() + 1) % 64) h += ' ';
  h += '\n';
  std::vector<uint8_t> b = {0x93, 'N', 'U', 'M', 'P', 'Y', static_cast<uint8_t>(major), 0};
  for (std::size_t i = 0; i < pre - 8; ++i) b.push_back(static_cast<uint8_t>((h.size() >> (8 * i)) & 0xFF));
  b.insert(b.end(), h.begin(), h.end());
  b.insert(b.end(), data.begin(), data.end());
  return b;
}

std::vector<uint8_t> floats(const std::vector<float>& v) {
  std::vector<uint8_t> b(v.size() * 4);
  std::memcpy(b.data(), v.data(), b.size());
  return b;
}

ErrorKind kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::kInternal;
}

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tinyaot_golden_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::vector<uint8_t>& b) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    return p.string();
  }
  fs::path dir_;
};

TensorSpec spec(const std::string& name, DType t, Shape shape, float scale = 0, int32_t zp = 0) {
  TensorSpec s{name, t, shape, 0, scale, zp};
  std::size_t n = 1;
  for (int d : shape) n *= static_cast<std::size_t>(d);
  s.bytes = n * dtype_size(t);
  return s;
}

}  // namespace

TEST(Npy, ParsesVersion1Int8) {
  const NpyArray a = parse_npy(npy("{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), }", {1, 2, 3, 4, 5, 0xFF}), "a.npy");
  EXPECT_EQ(a.kind, 'i');
  EXPECT_EQ(a.item_size, 1);
  EXPECT_EQ(a.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(a.num_elements(), 6u);
  EXPECT_EQ(a.value(5), -1.0);
}

TEST(Npy, ParsesVersion2AndSwapsBigEndian) {
  const NpyArray a = parse_npy(npy("{'descr': '>i2', 'fortran_order': False, 'shape': (2,), }", {0x01, 0x02, 0xFF, 0xFE}, 2), "b.npy");
  EXPECT_EQ(a.value(0), 258.0);
  EXPECT_EQ(a.value(1), -2.0);
}

TEST(Npy, ScalarAndFloat64) {
  double d = -1.5;
  std::vector<uint8_t> b(8);
  std::memcpy(b.data(), &d, 8);
  const NpyArray a = parse_npy(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", b), "s.npy");
  EXPECT_TRUE(a.shape.empty());
  EXPECT_EQ(a.num_elements(), 1u);
  EXPECT_EQ(a.value(0), -1.5);
}

TEST(Npy, RefusesWhatItCannotRead) {
  auto msg = [](const std::vector<uint8_t>& b) {
    try {
      parse_npy(b, "x.npy");
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kUsage);
      EXPECT_EQ(e.file(), "x.npy");
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(msg(npy("{'descr': '|i1', 'fortran_order': True, 'shape': (1,), }", {1})).find("fortran_order"), std::string::npos);
  EXPECT_NE(msg(npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", {1})).find("dtype"), std::string::npos);
  EXPECT_NE(msg(npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", {1, 0, 0, 0})).find("needs 8 data bytes"), std::string::npos);
  EXPECT_NE(msg({'n', 'o', 'p', 'e', 0, 0, 0, 0, 0, 0, 0}).find("magic"), std::string::npos);
  EXPECT_NE(msg(npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", {0, 0, 0, 0, 0, 0, 0, 0})).find("dtype"), std::string::npos);
}

TEST(Quantize, RoundsHalfAwayFromZeroThenClamps) {
  EXPECT_EQ(quantize_value(2.5f, 1.0f, 0, DType::kInt8), 3);
  EXPECT_EQ(quantize_value(-2.5f, 1.0f, 0, DType::kInt8), -3);
  EXPECT_EQ(quantize_value(0.49f, 1.0f, 0, DType::kInt8), 0);
  EXPECT_EQ(quantize_value(1.0f, 0.5f, -128, DType::kInt8), -126);
  EXPECT_EQ(quantize_value(1000.0f, 0.5f, -128, DType::kInt8), 127);
  EXPECT_EQ(quantize_value(-1000.0f, 0.5f, 10, DType::kUInt8), 0);
  EXPECT_EQ(quantize_value(40000.0f, 1.0f, 0, DType::kInt16), 32767);
}

TEST_F(TempDir, RecordsFromOneConcatenatedFileOrOneFilePerTensor) {
  const std::vector<TensorSpec> specs = {spec("a", DType::kInt8, {1, 2}), spec("b", DType::kInt16, {1})};
  // Two records of a(2 bytes) + b(2 bytes), concatenated as in shared/golden.
  const std::vector<uint8_t> raw = {1, 2, 3, 0, 4, 5, 6, 0};
  Records r = load_records({write("all.bin", raw)}, specs, {});
  EXPECT_EQ(r.count, 2u);
  EXPECT_EQ(r.record_bytes, 4u);
  EXPECT_EQ(r.data, raw);
  // The same as one file per tensor.
  r = load_records({write("a.bin", {1, 2, 4, 5}), write("b.bin", {3, 0, 6, 0})}, specs, {});
  EXPECT_EQ(r.data, raw);
  // An odd size is refused, naming the file.
  EXPECT_EQ(kind_of([&] { load_records({write("odd.bin", {1, 2, 3})}, specs, {}); }), ErrorKind::kUsage);
  // So are files holding different numbers of records.
  EXPECT_EQ(kind_of([&] { load_records({write("a1.bin", {1, 2}), write("b2.bin", {3, 0, 6, 0})}, specs, {}); }),
            ErrorKind::kUsage);
  EXPECT_EQ(kind_of([&] { load_records({write("c.bin", raw), write("d.bin", raw), write("e.bin", raw)}, specs, {}); }),
            ErrorKind::kUsage);
}

TEST_F(TempDir, FloatsAreQuantizedAndIntegersRangeChecked) {
  const std::vector<TensorSpec> specs = {spec("x", DType::kInt8, {3}, 0.5f, -10)};
  const std::string f = write("f.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", floats({0.0f, 1.25f, -100.0f})));
  Records r = load_records({f}, specs, {});
  EXPECT_EQ(r.data, (std::vector<uint8_t>{static_cast<uint8_t>(-10), static_cast<uint8_t>(-7), static_cast<uint8_t>(-128)}));
  // Raw float32 with float_bin.
  r = load_records({write("f.bin", floats({0.0f, 1.25f, -100.0f}))}, specs, {true, "input"});
  EXPECT_EQ(r.data[1], static_cast<uint8_t>(-7));
  // int64 values (numpy's default integer type) are converted when in range...
  std::vector<uint8_t> i64(16, 0);
  i64[0] = 5;
  i64[8] = 0xFE;
  for (int k = 9; k < 16; ++k) i64[static_cast<std::size_t>(k)] = 0xFF;
  const std::vector<TensorSpec> two = {spec("y", DType::kInt8, {2})};
  r = load_records({write("i.npy", npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", i64))}, two, {});
  EXPECT_EQ(r.data, (std::vector<uint8_t>{5, 0xFE}));
  // ... and refused when not.
  i64[0] = 200;
  EXPECT_EQ(kind_of([&] {
              load_records({write("j.npy", npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", i64))}, two, {});
            }),
            ErrorKind::kUsage);
  // Floats for a tensor without quantization cannot be converted.
  const std::vector<TensorSpec> unq = {spec("z", DType::kInt8, {3})};
  EXPECT_EQ(kind_of([&] { load_records({f}, unq, {}); }), ErrorKind::kUsage);
}

TEST(Compare, CountsLargestDifferenceAndFirstMismatch) {
  const std::vector<TensorSpec> outs = {spec("p", DType::kInt8, {2, 3}), spec("q", DType::kInt16, {1})};
  Records e{2, 8, {0, 1, 2, 3, 4, 5, 7, 0, 0, 1, 2, 3, 4, 5, 7, 0}};
  Records g = e;
  g.data[8 + 4] = 9;   // record 2, p[1,1]: 4 -> 9
  g.data[8 + 5] = 6;   // record 2, p[1,2]: 5 -> 6
  auto d = compare_records(g, e, outs, 0);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].mismatches, 2u);
  EXPECT_EQ(d[0].elements, 12u);
  EXPECT_EQ(d[0].max_diff, 5.0);
  EXPECT_EQ(d[0].first_record, 1u);
  EXPECT_EQ(d[0].first_element, 4u);
  EXPECT_TRUE(d[1].ok());
  const std::string text = format_diff(d[0], 0);
  EXPECT_NE(text.find("output 0 'p' int8[2,3]: 2 of 12 elements differ (2 records), largest difference 5, first at record 2, "
                      "element [1,1] (flat 4): expected 4, got 9"),
            std::string::npos)
      << text;
  d = compare_records(g, e, outs, 1);
  EXPECT_EQ(d[0].mismatches, 1u);
  EXPECT_EQ(index_text({2, 3, 4}, 23), "[1,2,3]");
}

TEST_F(TempDir, VectorPairsInNumericOrder) {
  for (const char* f : {"input_1.bin", "input_10.bin", "input_2.npy", "output_1.bin", "output_10.bin", "output_2.npy",
                        "manifest.json"})
    write(f, {0});
  const auto pairs = find_vector_pairs(dir_.string());
  ASSERT_EQ(pairs.size(), 3u);
  EXPECT_EQ(fs::path(pairs[1].first).filename(), "input_2.npy");
  EXPECT_EQ(fs::path(pairs[2].second).filename(), "output_10.bin");
  write("input_3.bin", {0});
  EXPECT_EQ(kind_of([&] { find_vector_pairs(dir_.string()); }), ErrorKind::kUsage);
}
