// A plain ustar archive of a snapshot folder, for download. Deterministic: entries in sorted order, fixed mode,
// owner and modification time, so the same folder gives the same archive bytes, whether it is streamed to a
// download (tarChunks) or written to a file (writeTar). Files are read in chunks, never whole.
import { createWriteStream, readdirSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
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

/** One archive entry: its header, and the file whose bytes follow it (directories have none). */
interface TarEntry {
  header: Buffer;
  file: string | null;
  rel: string;
  size: number;
}

/** The entries of <root>'s archive under the folder name `top`, and the archive's size in bytes. */
export function tarPlan(root: string, top: string, mtime = 0): { entries: TarEntry[]; bytes: number } {
  const entries: TarEntry[] = [{ header: header(`${top}/`, 0, "5", mtime), file: null, rel: "", size: 0 }];
  const dirs = new Set<string>();
  for (const rel of listFiles(root)) {
    const parts = rel.split("/");
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join("/");
      if (!dirs.has(d)) {
        dirs.add(d);
        entries.push({ header: header(`${top}/${d}/`, 0, "5", mtime), file: null, rel: d, size: 0 });
      }
    }
    const file = path.join(root, rel);
    const size = statSync(file).size;
    entries.push({ header: header(`${top}/${rel}`, size, "0", mtime), file, rel, size });
  }
  const bytes = entries.reduce((n, e) => n + BLOCK + padded(e.size), 0) + 2 * BLOCK;
  return { entries, bytes };
}

const padded = (size: number) => Math.ceil(size / BLOCK) * BLOCK;
const CHUNK = 1 << 20;

/**
 * The archive's bytes in order, read from the folder as they are asked for (a download streams the snapshot
 * without a second copy on disk). A file whose size differs from the plan's fails the stream, naming it.
 */
export async function* tarChunks(plan: { entries: TarEntry[] }): AsyncGenerator<Buffer> {
  for (const e of plan.entries) {
    yield e.header;
    if (!e.file) continue;
    const fh = await open(e.file, "r");
    try {
      let left = e.size;
      while (left > 0) {
        const buf = Buffer.allocUnsafe(Math.min(CHUNK, left));
        const { bytesRead } = await fh.read(buf, 0, buf.length, null);
        if (bytesRead <= 0) throw new Error(`${e.rel} changed while it was archived`);
        left -= bytesRead;
        yield bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
      }
      if ((await fh.read(Buffer.alloc(1), 0, 1, null)).bytesRead > 0) throw new Error(`${e.rel} changed while it was archived`);
    } finally {
      await fh.close();
    }
    const pad = padded(e.size) - e.size;
    if (pad) yield Buffer.alloc(pad);
  }
  yield Buffer.alloc(BLOCK * 2);
}

/** Writes the planned archive to a file: the bytes tarChunks streams, written as they are read. */
export async function writeTar(plan: { entries: TarEntry[] }, archive: string): Promise<void> {
  await pipeline(Readable.from(tarChunks(plan)), createWriteStream(archive));
}
