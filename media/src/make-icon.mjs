// Draws media/icon.png (128x128): two loss curves on a dark tile — training loss falling, validation
// loss turning up where overfitting begins, with a dot at its minimum. No dependencies: the PNG is
// written with node:zlib. Run: node media/src/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const size = 128;
const ss = 4; // supersampling per axis, for smooth edges
const big = size * ss;
const rgba = new Float64Array(big * big * 4);

function blend(x, y, [r, g, b], a) {
  if (x < 0 || y < 0 || x >= big || y >= big) return;
  const i = (y * big + x) * 4;
  rgba[i] = rgba[i] * (1 - a) + r * a;
  rgba[i + 1] = rgba[i + 1] * (1 - a) + g * a;
  rgba[i + 2] = rgba[i + 2] * (1 - a) + b * a;
  rgba[i + 3] = rgba[i + 3] * (1 - a) + 255 * a;
}

// Rounded tile with a vertical gradient.
const radius = 22 * ss;
for (let y = 0; y < big; y++) {
  for (let x = 0; x < big; x++) {
    const cx = Math.min(Math.max(x, radius), big - radius);
    const cy = Math.min(Math.max(y, radius), big - radius);
    if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) continue;
    const t = y / big;
    blend(x, y, [30 + 10 * t, 42 + 8 * t, 64 - 14 * t], 1);
  }
}

function disc(px, py, r, color) {
  for (let y = Math.floor(py - r); y <= py + r; y++) for (let x = Math.floor(px - r); x <= px + r; x++) if ((x - px) ** 2 + (y - py) ** 2 <= r * r) blend(x, y, color, 1);
}

function curve(f, color, width) {
  // x and y in 0..1 of the plot area.
  const left = 20, right = 108, top = 24, bottom = 100;
  for (let s = 0; s <= 2000; s++) {
    const u = s / 2000;
    disc((left + u * (right - left)) * ss, (bottom - f(u) * (bottom - top)) * ss, (width / 2) * ss, color);
  }
}

// Axes.
curve(() => -0.02, [120, 135, 160], 3);
for (let y = 22; y <= 102; y += 0.25) disc(18 * ss, y * ss, 1.5 * ss, [120, 135, 160]);

const train = (u) => 0.05 + 0.9 * Math.exp(-3.2 * u) - 0.05 * u;
const val = (u) => 0.25 + 0.7 * Math.exp(-4 * u) + 0.55 * Math.max(0, u - 0.42) ** 1.6;
curve(train, [88, 166, 255], 7);
curve(val, [255, 150, 60], 7);
// The minimum of the validation curve: where overfitting begins.
let best = 0;
for (let s = 0; s <= 1000; s++) if (val(s / 1000) < val(best)) best = s / 1000;
disc((20 + best * 88) * ss, (100 - val(best) * 76) * ss, 7 * ss, [255, 236, 140]);

// Downsample and encode.
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0;
  for (let x = 0; x < size; x++) {
    const acc = [0, 0, 0, 0];
    for (let dy = 0; dy < ss; dy++) for (let dx = 0; dx < ss; dx++) {
      const i = ((y * ss + dy) * big + x * ss + dx) * 4;
      const a = rgba[i + 3] / 255;
      acc[0] += rgba[i] * a; acc[1] += rgba[i + 1] * a; acc[2] += rgba[i + 2] * a; acc[3] += rgba[i + 3];
    }
    const alpha = acc[3] / (ss * ss);
    const o = y * (size * 4 + 1) + 1 + x * 4;
    const norm = alpha > 0 ? (ss * ss * alpha) / 255 : 1;
    raw[o] = Math.round(acc[0] / norm); raw[o + 1] = Math.round(acc[1] / norm); raw[o + 2] = Math.round(acc[2] / norm); raw[o + 3] = Math.round(alpha);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
header[8] = 8; header[9] = 6; header[10] = 0; header[11] = 0; header[12] = 0;
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'icon.png'), png);
console.log(`icon.png: ${png.length} bytes`);
