// Writes public/favicon.ico (16, 32 and 48 px) for browsers that ask for /favicon.ico, drawn from the same shapes
// as app/icon.svg: a teal rounded square with four light vertebrae. Rasterised here (4 × 4 supersampling) and
// packed by Netpbm's pamtowinicon (Debian package netpbm): `node scripts/favicon.mjs`.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// app/icon.svg, viewBox 0 0 32 32: [x, y, width, height, corner radius, rgb].
const TEAL = [0x0f, 0x76, 0x6e];
const LIGHT = [0xf0, 0xfd, 0xfa];
const SHAPES = [
  [0, 0, 32, 32, 6, TEAL],
  [11, 4, 10, 5, 2, LIGHT],
  [11, 11, 10, 5, 2, LIGHT],
  [11, 18, 10, 5, 2, LIGHT],
  [12, 25, 8, 4, 2, LIGHT],
];

function inside([x, y, w, h, r], px, py) {
  if (px < x || py < y || px > x + w || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

/** One RGBA frame of the icon, size × size, as a PAM image. */
function frame(size) {
  const S = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      const acc = [0, 0, 0, 0];
      for (let sj = 0; sj < S; sj++)
        for (let si = 0; si < S; si++) {
          const px = ((i + (si + 0.5) / S) * 32) / size;
          const py = ((j + (sj + 0.5) / S) * 32) / size;
          let colour = null;
          for (const shape of SHAPES) if (inside(shape, px, py)) colour = shape[5];
          if (colour) {
            acc[0] += colour[0];
            acc[1] += colour[1];
            acc[2] += colour[2];
            acc[3] += 1;
          }
        }
      const o = (j * size + i) * 4;
      const covered = acc[3];
      pixels[o] = covered ? Math.round(acc[0] / covered) : 0;
      pixels[o + 1] = covered ? Math.round(acc[1] / covered) : 0;
      pixels[o + 2] = covered ? Math.round(acc[2] / covered) : 0;
      pixels[o + 3] = Math.round((255 * covered) / (S * S));
    }
  const header = `P7\nWIDTH ${size}\nHEIGHT ${size}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n`;
  return Buffer.concat([Buffer.from(header, "ascii"), pixels]);
}

const stream = Buffer.concat([16, 32, 48].map(frame));
const result = spawnSync("pamtowinicon", [], { input: stream, maxBuffer: 1 << 22 });
if (result.status !== 0) {
  process.stderr.write(result.stderr?.toString() || "pamtowinicon failed (is the netpbm package installed?)\n");
  process.exit(1);
}
writeFileSync(join(root, "public/favicon.ico"), result.stdout);
process.stdout.write(`public/favicon.ico: ${result.stdout.length} bytes\n`);
