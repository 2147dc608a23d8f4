import "server-only";
// The image store: files kept by the sha256 of their content, so the same file imported twice is stored once.
// Everything that reads or writes image bytes goes through this module; a shared store (e.g. an object store
// for several instances) replaces the local folder by implementing ImageStore.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { dataDir } from "@/lib/db/config";

export interface StoredObject {
  key: string;
  sha256: string;
  size: number;
  created: boolean; // false when the same content was already there
}

export interface ImageStore {
  put(content: Buffer): Promise<StoredObject>;
  read(key: string): Promise<Buffer>;
  stream(key: string): Promise<{ stream: Readable; size: number }>;
  has(key: string): Promise<boolean>;
}

export function sha256(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

const KEY = /^[a-f0-9]{64}$/;

export class LocalImageStore implements ImageStore {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`Invalid image key: ${key.slice(0, 80)}`);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(content: Buffer): Promise<StoredObject> {
    const key = sha256(content);
    const file = this.pathOf(key);
    if (existsSync(file)) return { key, sha256: key, size: content.length, created: false };
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a crash never leaves a half-written file under its final name.
    const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(tmp, content);
    try {
      await rename(tmp, file);
    } catch (e) {
      await unlink(tmp).catch(() => {});
      throw e;
    }
    return { key, sha256: key, size: content.length, created: true };
  }

  async read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async stream(key: string) {
    const file = this.pathOf(key);
    const { size } = await stat(file);
    return { stream: createReadStream(file), size };
  }

  async has(key: string): Promise<boolean> {
    return existsSync(this.pathOf(key));
  }
}

let store: ImageStore | undefined;

/** The configured store: IMAGE_STORE_DIR, or <data dir>/images. */
export function imageStore(): ImageStore {
  store ??= new LocalImageStore(process.env.IMAGE_STORE_DIR ? path.resolve(process.env.IMAGE_STORE_DIR) : path.join(dataDir(), "images"));
  return store;
}
