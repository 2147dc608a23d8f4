import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { afterEach, describe, expect, it } from "vitest";
import { SnapshotOutputs } from "./outputs";
import { RawJson } from "./raw-json";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function nativeRecord(i: number, text: string) {
  return { id: `item-${i}`, split: "train", taskType: "open_qa", language: "zh", modality: null, subfield: "", status: "approved", finalDecision: "accept", levels: { after: [{ level: "L4-L5" }] }, images: [], final: { content: new RawJson(JSON.stringify({ answer: text })) } };
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("snapshot outputs", () => {
  it("writes each line's bytes once: the JSON Lines file, its hash and the Parquet record column agree, multi-byte text and buffer turns included", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "spinemed-outputs-"));
    dirs.push(root);
    const out = new SnapshotOutputs(root, true);
    // Long records (over the 4 MB write buffer in all) with Chinese text, an emoji and a line-separator character.
    const texts = Array.from({ length: 60 }, (_, i) => `腰椎间盘突出 L4/L5 ${i} 😀 \u2028 ${"椎".repeat(40_000 + i)}`);
    texts.forEach((t, i) => out.add("native/train", "native", nativeRecord(i, t)));
    const hashes = out.finish();
    const file = path.join(root, "native/train.jsonl");
    const bytes = readFileSync(file);
    expect(hashes.get("native/train.jsonl")).toEqual({ sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length });
    const lines = bytes.toString("utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((l) => JSON.parse(l).final.content.answer)).toEqual(texts);
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(path.join(root, "native/train.parquet")) });
    expect(rows.map((r) => r.record)).toEqual(lines);
    expect(rows.map((r) => r.id)).toEqual(texts.map((_, i) => `item-${i}`));
    expect(out.counts()).toEqual({ "native/train": 60 });
    // The Parquet file is hashed as it is written, as the JSON Lines file is.
    const parquet = path.join(root, "native/train.parquet");
    expect(hashes.get("native/train.parquet")).toEqual({ sha256: sha256(parquet), bytes: readFileSync(parquet).length });
  });

  it("a Parquet row the schema cannot hold fails the export with the encoder's reason", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "spinemed-outputs-"));
    dirs.push(root);
    const out = new SnapshotOutputs(root, true);
    // A record the native schema cannot hold (levels must be strings) reaches the encoder, which refuses it.
    const bad = { ...nativeRecord(0, "x"), levels: { after: [{ level: 42 }] } };
    let failure: unknown = null;
    try {
      for (let i = 0; i < 10_001; i++) out.add("native/train", "native", i === 5 ? bad : nativeRecord(i, "x"));
      out.finish();
    } catch (e) {
      failure = e;
    }
    out.abort();
    expect(String(failure)).toMatch(/parquet expected Uint8Array value, got number/);
    expect(failure).toBeInstanceOf(Error);
  });
});
