#!/usr/bin/env python3
"""Unwraps a WOFF 1.0 file into the TrueType/OpenType file it contains.

usage: woff_to_ttf.py IN.woff OUT.ttf

Only the container changes: each table is inflated (or copied, when stored
uncompressed) and written back in the WOFF's directory order with a standard
sfnt header, so the glyphs, metrics and names are the font's own. Used for
fonts/NotoEmoji (published as WOFF only; see fonts/README.md).
"""
import struct, sys, zlib

data = open(sys.argv[1], "rb").read()
sig, flavor, _length, num, _res, _total, _maj, _min, *_ = struct.unpack(">4sIIHHIHHIIIII", data[:44])
if sig != b"wOFF":
    sys.exit(f"{sys.argv[1]}: not a WOFF 1.0 file")
tables = []
for i in range(num):
    tag, off, comp, orig, checksum = struct.unpack(">4sIIII", data[44 + 20 * i: 64 + 20 * i])
    raw = data[off: off + comp]
    body = zlib.decompress(raw) if comp < orig else raw
    if len(body) != orig:
        sys.exit(f"table {tag!r}: {len(body)} bytes, expected {orig}")
    tables.append((tag, checksum, body))
entry = 1
while entry * 2 <= num:
    entry *= 2
search = entry * 16
header = struct.pack(">IHHHH", flavor, num, search, entry.bit_length() - 1, num * 16 - search)
offset = 12 + 16 * num
directory, bodies = b"", b""
for tag, checksum, body in tables:
    directory += struct.pack(">4sIII", tag, checksum, offset + len(bodies), len(body))
    bodies += body + b"\0" * (-len(body) % 4)
open(sys.argv[2], "wb").write(header + directory + bodies)
print(f"{sys.argv[2]}: {num} tables, {len(header) + len(directory) + len(bodies)} bytes")
