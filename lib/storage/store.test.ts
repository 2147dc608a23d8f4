import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalImageStore, sha256 } from "./index";

const root = mkdtempSync(path.join(os.tmpdir(), "store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("LocalImageStore", () => {
  it("stores by content hash and deduplicates", async () => {
    const store = new LocalImageStore(root);
    const a = await store.put(Buffer.from("first image"));
    const b = await store.put(Buffer.from("first image"));
    expect(a.key).toBe(sha256(Buffer.from("first image")));
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect((await store.read(a.key)).toString()).toBe("first image");
    const dir = path.join(root, a.key.slice(0, 2), a.key.slice(2, 4));
    expect(readdirSync(dir)).toEqual([a.key]); // no temporary file left behind
  });

  it("refuses keys that are not a sha256 (no path traversal)", async () => {
    const store = new LocalImageStore(root);
    await expect(store.read("../../etc/passwd")).rejects.toThrow("Invalid image key");
  });
});

describe("LocalImageStore staging", () => {
  it("keeps staged files out of the store until the batch commits", async () => {
    const store = new LocalImageStore(root);
    const staged = await store.stage("batch1", Buffer.from("staged image"));
    expect(staged.created).toBe(true);
    expect(await store.has(staged.key)).toBe(false);
    expect((await store.stage("batch1", Buffer.from("staged image"))).created).toBe(false);
    expect((await store.stagingAreas()).map((a) => a.batchId)).toEqual(["batch1"]);
    expect(await store.commitStaged("batch1")).toEqual([staged.key]);
    expect(await store.has(staged.key)).toBe(true);
    expect(await store.stagingAreas()).toEqual([]);
    const keys: string[] = [];
    for await (const k of store.keys()) keys.push(k);
    expect(keys).toContain(staged.key);
  });

  it("discards a rolled-back batch's files", async () => {
    const store = new LocalImageStore(root);
    const staged = await store.stage("batch2", Buffer.from("refused batch image"));
    await store.discardStaged("batch2");
    expect(await store.commitStaged("batch2")).toEqual([]);
    expect(await store.has(staged.key)).toBe(false);
    await store.remove(staged.key); // removing a missing file is not an error
  });
});
