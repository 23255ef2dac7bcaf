#!/usr/bin/env python3
"""Writes a FIT activity file of about SIZE_MB megabytes: the data section of a real Garmin
fenix 2 run (Tests/MileQuestKitTests/Fixtures/fit/activity-small-fenix2-run.fit, python-fitparse's
test file, MIT) repeated, with the header's data size and both CRCs written anew, so every
definition and data message is a real device's. Usage: generate_fit.py OUT.fit [SIZE_MB=10]"""
import os
import struct
import sys

SOURCE = "Tests/MileQuestKitTests/Fixtures/fit/activity-small-fenix2-run.fit"


def crc16(data, crc=0):
    table = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
             0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400]
    for byte in data:
        tmp = table[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ table[byte & 0xF]
        tmp = table[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc = crc ^ tmp ^ table[(byte >> 4) & 0xF]
    return crc


def main(out, size_mb, root):
    raw = open(os.path.join(root, SOURCE), "rb").read()
    header_size = raw[0]
    data_size = struct.unpack_from("<I", raw, 4)[0]
    data = raw[header_size:header_size + data_size]
    copies = max(1, (size_mb * 1024 * 1024) // len(data))
    body = data * copies
    header = bytearray(raw[:header_size])
    struct.pack_into("<I", header, 4, len(body))
    if header_size == 14:
        struct.pack_into("<H", header, 12, crc16(header[:12]))
    whole = bytes(header) + body
    with open(out, "wb") as f:
        f.write(whole + struct.pack("<H", crc16(whole)))


if __name__ == "__main__":
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10, root)
