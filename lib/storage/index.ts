import "server-only";
// The image store: files kept by the sha256 of their content, so the same file imported twice is stored once.
// Everything that reads or writes image bytes goes through this module; a shared store (e.g. an object store
// for several instances) replaces the local folder by implementing ImageStore.
// An import stages its new files under the store (one folder per import batch) and moves them in only when the
// batch commits: a refused or crashed import leaves no file that no row refers to (files that may carry PHI).
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
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
  remove(key: string): Promise<void>;
  /** Every stored key (not the staged files). */
  keys(): AsyncGenerator<string>;
  /** Stages a file for a batch: `created` is false when the store (or this batch's staging) already has it. */
  stage(batchId: string, content: Buffer): Promise<StoredObject>;
  /** Moves a batch's staged files into the store; returns the keys it added (to take back if the commit fails). */
  commitStaged(batchId: string): Promise<string[]>;
  discardStaged(batchId: string): Promise<void>;
  /** The staging folders present: batch id and last change. */
  stagingAreas(): Promise<{ batchId: string; changedAt: Date }[]>;
}

export function sha256(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

const KEY = /^[a-f0-9]{64}$/;
const BATCH_ID = /^[a-z0-9]{1,64}$/;
const STAGING = ".staging";

async function writeAtomically(file: string, content: Buffer) {
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
}

export class LocalImageStore implements ImageStore {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`Invalid image key: ${key.slice(0, 80)}`);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  private stagingOf(batchId: string): string {
    if (!BATCH_ID.test(batchId)) throw new Error(`Invalid batch id: ${batchId.slice(0, 80)}`);
    return path.join(this.root, STAGING, batchId);
  }

  async put(content: Buffer): Promise<StoredObject> {
    const key = sha256(content);
    const file = this.pathOf(key);
    if (existsSync(file)) return { key, sha256: key, size: content.length, created: false };
    await writeAtomically(file, content);
    return { key, sha256: key, size: content.length, created: true };
  }

  async remove(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
  }

  async *keys(): AsyncGenerator<string> {
    const list = async (dir: string) => readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const a of await list(this.root)) {
      if (!a.isDirectory() || !/^[a-f0-9]{2}$/.test(a.name)) continue;
      for (const b of await list(path.join(this.root, a.name))) {
        if (!b.isDirectory() || !/^[a-f0-9]{2}$/.test(b.name)) continue;
        for (const f of await list(path.join(this.root, a.name, b.name))) if (f.isFile() && KEY.test(f.name)) yield f.name;
      }
    }
  }

  async stage(batchId: string, content: Buffer): Promise<StoredObject> {
    const key = sha256(content);
    const staged = path.join(this.stagingOf(batchId), key);
    if (existsSync(this.pathOf(key)) || existsSync(staged)) return { key, sha256: key, size: content.length, created: false };
    await writeAtomically(staged, content);
    return { key, sha256: key, size: content.length, created: true };
  }

  async commitStaged(batchId: string): Promise<string[]> {
    const dir = this.stagingOf(batchId);
    const added: string[] = [];
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!KEY.test(name)) continue;
      const file = this.pathOf(name);
      if (existsSync(file)) continue;
      await mkdir(path.dirname(file), { recursive: true });
      await rename(path.join(dir, name), file);
      added.push(name);
    }
    await rm(dir, { recursive: true, force: true });
    return added;
  }

  async discardStaged(batchId: string): Promise<void> {
    await rm(this.stagingOf(batchId), { recursive: true, force: true });
  }

  async stagingAreas(): Promise<{ batchId: string; changedAt: Date }[]> {
    const root = path.join(this.root, STAGING);
    const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
    const out: { batchId: string; changedAt: Date }[] = [];
    for (const e of entries) {
      if (!e.isDirectory() || !BATCH_ID.test(e.name)) continue;
      const s = await stat(path.join(root, e.name)).catch(() => null);
      if (s) out.push({ batchId: e.name, changedAt: s.mtime });
    }
    return out;
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
