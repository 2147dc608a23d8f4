import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("staged uploads", () => {
  it("are found from their items file and removed after the import", async () => {
    process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "uploads-"));
    const { newUpload, removeUpload, uploadDir, uploadIdOf } = await import("./uploads");
    const id = newUpload();
    const items = path.join(uploadDir(id), "items.jsonl");
    expect(uploadIdOf(items)).toBe(id);
    expect(uploadIdOf("/somewhere/else/items.jsonl")).toBeNull();
    expect(uploadIdOf(path.join(process.env.DATA_DIR, "uploads", "..", "x", "items.jsonl"))).toBeNull();
    removeUpload(id);
    expect(existsSync(uploadDir(id))).toBe(false);
    expect(() => uploadDir("../../etc")).toThrow("No such upload.");
  });
});
