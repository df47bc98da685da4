// Draws Rapport's icon (two overlapping circles: two parties in a relationship) as PNGs at
// build time, so no binary is committed. A tiny PNG encoder over node:zlib.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** RGBA pixels → PNG bytes. */
export function encodePng(size, rgba) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function drawIcon(size) {
  const px = Buffer.alloc(size * size * 4);
  const s = 4; // supersampling per axis
  const teal = [15, 118, 110], white = [255, 255, 255];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0, ring = 0;
      for (let sy = 0; sy < s; sy++) {
        for (let sx = 0; sx < s; sx++) {
          const u = (x + (sx + 0.5) / s) / size, v = (y + (sy + 0.5) / s) / size;
          // Rounded square background.
          const r = 0.18, dx = Math.max(Math.abs(u - 0.5) - (0.5 - r), 0), dy = Math.max(Math.abs(v - 0.5) - (0.5 - r), 0);
          if (dx * dx + dy * dy <= r * r) bg++;
          // Two rings.
          for (const cx of [0.38, 0.62]) {
            const d = Math.hypot(u - cx, v - 0.5);
            if (d <= 0.22 && d >= 0.14) { ring++; break; }
          }
        }
      }
      const a = bg / (s * s), w = Math.min(ring / (s * s), a);
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) px[i + k] = Math.round(a > 0 ? (teal[k] * (a - w) + white[k] * w) / a : 0);
      px[i + 3] = Math.round(a * 255);
    }
  }
  return encodePng(size, px);
}

export function writeIcons(dir) {
  for (const size of [16, 32, 64, 80]) writeFileSync(join(dir, `icon-${size}.png`), drawIcon(size));
}
