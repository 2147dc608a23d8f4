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
