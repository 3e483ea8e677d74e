#!/usr/bin/env python3
"""tinyaot pipeline tests: writes a NumPy .npy file (format 1.0) without numpy, for `tinyaot golden` tests.

usage: npy_write.py OUT DTYPE SHAPE SRC [--dequantize SCALE,ZP] [--raw] [--fortran]
  DTYPE   i1 (int8) or f4 (float32); SHAPE comma-separated, e.g. 5,1,1
  SRC     raw int8 values; with --dequantize each q becomes the float32 (q - ZP) * SCALE
  --raw   write only the data (a raw .bin), no .npy header
  --fortran  mark the array fortran_order True (to test that it is refused)
"""
import struct
import sys


def main(argv):
    out, dtype, shape, src = argv[1:5]
    opts = argv[5:]
    q = struct.unpack(f"{len(open(src, 'rb').read())}b", open(src, "rb").read())
    if "--dequantize" in opts:
        scale, zp = opts[opts.index("--dequantize") + 1].split(",")
        values = [(v - int(zp)) * float(scale) for v in q]
    else:
        values = list(q)
    fmt = {"i1": "b", "f4": "f"}[dtype]
    data = struct.pack(f"<{len(values)}{fmt}", *values)
    dims = [int(d) for d in shape.split(",")]
    shape_text = "(" + ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"
    descr = "|i1" if dtype == "i1" else "<f4"
    fortran = "True" if "--fortran" in opts else "False"
    header = f"{{'descr': '{descr}', 'fortran_order': {fortran}, 'shape': {shape_text}, }}"
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    with open(out, "wb") as f:
        if "--raw" not in opts:
            f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1"))
        f.write(data)


if __name__ == "__main__":
    main(sys.argv)
