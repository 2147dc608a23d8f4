// A plain ustar archive of a snapshot folder, for download. Deterministic: entries in sorted order, fixed mode,
// owner and modification time, so the same folder gives the same archive bytes. Files are streamed in chunks.
import { closeSync, openSync, readdirSync, readSync, statSync, writeSync } from "node:fs";
import path from "node:path";

const BLOCK = 512;

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, "0") + "\0";
}

function header(name: string, size: number, type: "0" | "5", mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  let prefix = "";
  let short = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf("/", 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new RangeError(`path too long for a tar archive: ${name}`);
    prefix = name.slice(0, cut);
    short = name.slice(cut + 1);
  }
  h.write(short, 0, 100, "utf8");
  h.write(octal(type === "5" ? 0o755 : 0o644, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii");
  h.write(octal(0, 8), 116, "ascii");
  h.write(octal(size, 12), 124, "ascii");
  h.write(octal(mtime, 12), 136, "ascii");
  h.write("        ", 148, "ascii");
  h.write(type, 156, "ascii");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  h.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + " ", 148, "ascii");
  return h;
}

/** Every file under root, relative, sorted (POSIX separators). */
export function listFiles(root: string, dir = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(root, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** Writes <archive> holding <root>'s files under the folder name `top`. */
export function writeTar(root: string, archive: string, top: string, mtime = 0): void {
  const fd = openSync(archive, "w");
  try {
    const dirs = new Set<string>();
    const buf = Buffer.alloc(1 << 20);
    const files = listFiles(root);
    writeSync(fd, header(`${top}/`, 0, "5", mtime));
    for (const rel of files) {
      const parts = rel.split("/");
      for (let i = 1; i < parts.length; i++) {
        const d = parts.slice(0, i).join("/");
        if (!dirs.has(d)) {
          dirs.add(d);
          writeSync(fd, header(`${top}/${d}/`, 0, "5", mtime));
        }
      }
      const file = path.join(root, rel);
      const size = statSync(file).size;
      writeSync(fd, header(`${top}/${rel}`, size, "0", mtime));
      const src = openSync(file, "r");
      try {
        let left = size;
        while (left > 0) {
          const n = readSync(src, buf, 0, Math.min(buf.length, left), null);
          if (n <= 0) throw new Error(`${rel} changed while it was archived`);
          writeSync(fd, buf, 0, n);
          left -= n;
        }
      } finally {
        closeSync(src);
      }
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (pad) writeSync(fd, Buffer.alloc(pad));
    }
    writeSync(fd, Buffer.alloc(BLOCK * 2));
  } finally {
    closeSync(fd);
  }
}
