// tinyaot: unit tests of the data-movement kernels (strided_copy, copy_rows, gather, space_to_batch,
// batch_to_space) with hand-computed expected values.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "tinyaot_rt/gather.h"
#include "tinyaot_rt/space_batch.h"
#include "tinyaot_rt/strided_copy.h"

namespace {

TEST(StridedCopyKernel, ReversesWithNegativeStride) {
  const tinyaot_rt::StridedCopyParams p = {/*offset=*/4, {1, 1, 1, 1, 1, 5}, {0, 0, 0, 0, 0, -1}};
  const std::vector<int8_t> in = {1, 2, 3, 4, 5};
  std::vector<int8_t> out(5);
  tinyaot_rt::strided_copy(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{5, 4, 3, 2, 1}));
}

TEST(StridedCopyKernel, SlicesRowsAndEveryOtherColumn) {
  // [3, 4] = 0..11; rows 1..2, columns 1 and 3: offset 1 * 4 + 1, steps (4, 2).
  const tinyaot_rt::StridedCopyParams p = {/*offset=*/5, {1, 1, 1, 1, 2, 2}, {0, 0, 0, 0, 4, 2}};
  std::vector<int16_t> in(12);
  for (int i = 0; i < 12; ++i) in[static_cast<std::size_t>(i)] = static_cast<int16_t>(i * 100);
  std::vector<int16_t> out(4);
  tinyaot_rt::strided_copy(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int16_t>{500, 700, 900, 1100}));
}

TEST(CopyRowsKernel, ConcatenatesAlongTheLastAxis) {
  // [2, 1] and [2, 2] -> [2, 3].
  const std::vector<int8_t> a = {1, 2}, b = {3, 4, 5, 6};
  std::vector<int8_t> out(6, 0);
  const tinyaot_rt::CopyRowsParams pa = {/*rows=*/2, /*row_bytes=*/1, 0, 1, /*dst_offset=*/0, /*dst_pitch=*/3};
  const tinyaot_rt::CopyRowsParams pb = {/*rows=*/2, /*row_bytes=*/2, 0, 2, /*dst_offset=*/1, /*dst_pitch=*/3};
  tinyaot_rt::copy_rows(pa, a.data(), out.data());
  tinyaot_rt::copy_rows(pb, b.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{1, 3, 4, 2, 5, 6}));
}

TEST(CopyRowsKernel, SplitsInt16InBytes) {
  // [2, 3] int16, take columns 1..2 of each row: 4 bytes per row from byte 2, pitch 6.
  const std::vector<int16_t> in = {1, 2, 3, 4, 5, 6};
  std::vector<int16_t> out(4);
  const tinyaot_rt::CopyRowsParams p = {/*rows=*/2, /*row_bytes=*/4, /*src_offset=*/2, /*src_pitch=*/6, 0, 4};
  tinyaot_rt::copy_rows(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int16_t>{2, 3, 5, 6}));
}

TEST(GatherKernel, SelectsRowsAndRejectsBadIndices) {
  // [3, 2] gathered along axis 0.
  const std::vector<int8_t> in = {10, 11, 20, 21, 30, 31};
  const tinyaot_rt::GatherParams p = {/*outer=*/1, /*axis_size=*/3, /*num_indices=*/3, /*block_bytes=*/2};
  const std::vector<int32_t> idx = {2, 0, 2};
  std::vector<int8_t> out(6);
  EXPECT_TRUE(tinyaot_rt::gather(p, in.data(), idx.data(), out.data()));
  EXPECT_EQ(out, (std::vector<int8_t>{30, 31, 10, 11, 30, 31}));
  const std::vector<int64_t> bad = {1, 3, 0};
  EXPECT_FALSE(tinyaot_rt::gather(p, in.data(), bad.data(), out.data()));
  const std::vector<int64_t> negative = {-1, 0, 0};
  EXPECT_FALSE(tinyaot_rt::gather(p, in.data(), negative.data(), out.data()));
}

TEST(GatherKernel, InnerAxisWithOuterBlocks) {
  // [2, 3] gathered along axis 1 with indices {2, 1}: outer 2, blocks of one element.
  const std::vector<int8_t> in = {1, 2, 3, 4, 5, 6};
  const tinyaot_rt::GatherParams p = {/*outer=*/2, /*axis_size=*/3, /*num_indices=*/2, /*block_bytes=*/1};
  const std::vector<int64_t> idx = {2, 1};
  std::vector<int8_t> out(4);
  EXPECT_TRUE(tinyaot_rt::gather(p, in.data(), idx.data(), out.data()));
  EXPECT_EQ(out, (std::vector<int8_t>{3, 2, 6, 5}));
}

TEST(SpaceBatchKernel, SpaceToBatchWithPaddingWritesZeroBytes) {
  // [1, 1, 2, 1] = {1, 2}, block 2x2, one row of padding on top -> [4, 1, 1, 1]: batches with a top
  // block row see padding.
  const tinyaot_rt::SpaceBatchParams p = {1, 1, 2, /*out=*/4, 1, 1, /*block=*/2, 2, /*before=*/1, 0, 1};
  const std::vector<int8_t> in = {1, 2};
  std::vector<int8_t> out(4, 99);
  tinyaot_rt::space_to_batch(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, 0, 1, 2}));
}

TEST(SpaceBatchKernel, SpaceToBatchAndBackAreInverse) {
  // [1, 2, 2, 1] <-> [4, 1, 1, 1] with block 2x2, no padding.
  const std::vector<int8_t> in = {1, 2, 3, 4};
  std::vector<int8_t> mid(4), back(4);
  const tinyaot_rt::SpaceBatchParams s2b = {1, 2, 2, 4, 1, 1, 2, 2, 0, 0, 1};
  const tinyaot_rt::SpaceBatchParams b2s = {4, 1, 1, 1, 2, 2, 2, 2, 0, 0, 1};
  tinyaot_rt::space_to_batch(s2b, in.data(), mid.data());
  EXPECT_EQ(mid, (std::vector<int8_t>{1, 2, 3, 4}));
  tinyaot_rt::batch_to_space(b2s, mid.data(), back.data());
  EXPECT_EQ(back, in);
}

TEST(SpaceBatchKernel, BatchToSpaceCrops) {
  // [4, 1, 2, 1] with block 2x2 -> uncropped [1, 2, 4, 1] = {1,3,2,4 / 5,7,6,8}; crop one column left.
  const std::vector<int8_t> in = {1, 2, 3, 4, 5, 6, 7, 8};
  const tinyaot_rt::SpaceBatchParams p = {4, 1, 2, /*out=*/1, 2, 3, /*block=*/2, 2, /*before=*/0, 1, 1};
  std::vector<int8_t> out(6);
  tinyaot_rt::batch_to_space(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{3, 2, 4, 7, 6, 8}));
}

}  // namespace
