import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { datasetCard, datasetInfo, sizeCategory } from "./card";
import { defaultRenderer, pngTextChunks, writeImage } from "./image-writer";
import { hashFiles, manifestFileText, verifySnapshot } from "./manifest";
import { listFiles, tarChunks, tarPlan, writeTar } from "./tar";

function folder() {
  const root = mkdtempSync(path.join(os.tmpdir(), "export-unit-"));
  mkdirSync(path.join(root, "sft"));
  writeFileSync(path.join(root, "sft", "train.jsonl"), '{"messages":[]}\n');
  writeFileSync(path.join(root, "README.md"), "card\n");
  writeFileSync(path.join(root, "x".repeat(90) + ".txt"), "long name\n");
  return root;
}

describe("archive, manifest and verify", () => {
  it("writes a tar that tar reads back, with the same bytes for the same folder", async () => {
    const root = folder();
    await writeTar(tarPlan(root, "snap"), `${root}.a.tar`);
    await writeTar(tarPlan(root, "snap"), `${root}.b.tar`);
    expect(readFileSync(`${root}.a.tar`).equals(readFileSync(`${root}.b.tar`))).toBe(true);
    const list = spawnSync("tar", ["-tf", `${root}.a.tar`], { encoding: "utf8" }).stdout.split("\n").filter((l) => l && !l.endsWith("/"));
    expect(list.sort()).toEqual(listFiles(root).map((f) => `snap/${f}`).sort());
    expect(spawnSync("tar", ["-xOf", `${root}.a.tar`, "snap/sft/train.jsonl"], { encoding: "utf8" }).stdout).toBe('{"messages":[]}\n');
  });

  it("streams the same bytes it writes, of the size it plans, and fails naming a file that grew meanwhile", async () => {
    const root = folder();
    // Larger than one read chunk, and not a multiple of the 512-byte block.
    writeFileSync(path.join(root, "sft", "big.jsonl"), "x".repeat((1 << 20) * 2 + 77));
    const plan = tarPlan(root, "snap");
    await writeTar(plan, `${root}.w.tar`);
    const parts: Buffer[] = [];
    for await (const c of tarChunks(plan)) parts.push(c);
    const streamed = Buffer.concat(parts);
    expect(streamed.length).toBe(plan.bytes);
    expect(statSync(`${root}.w.tar`).size).toBe(plan.bytes);
    expect(streamed.equals(readFileSync(`${root}.w.tar`))).toBe(true);
    writeFileSync(path.join(root, "sft", "train.jsonl"), '{"messages":[]}\n{"messages":[]}\n');
    await expect(async () => {
      for await (const c of tarChunks(plan)) void c;
    }).rejects.toThrow("sft/train.jsonl changed while it was archived");
  });

  it("verify names a changed, a missing and an added file, and an edited manifest", () => {
    const root = folder();
    writeFileSync(path.join(root, "manifest.json"), manifestFileText({ manifestVersion: 1, name: "t", app: { name: "a", version: "1" }, createdBy: null, createdAt: null, definition: {}, counts: {} as never, files: hashFiles(root) }));
    expect(verifySnapshot(root)).toMatchObject({ ok: true, files: 3 });
    writeFileSync(path.join(root, "sft", "train.jsonl"), '{"messages":[1]}\n');
    writeFileSync(path.join(root, "extra.txt"), "x");
    const r = verifySnapshot(root);
    expect(r.problems).toEqual([
      { path: "sft/train.jsonl", problem: "changed" },
      { path: "extra.txt", problem: "unexpected" },
    ]);
    const m = JSON.parse(readFileSync(path.join(root, "manifest.json"), "utf8"));
    m.name = "other";
    writeFileSync(path.join(root, "manifest.json"), JSON.stringify(m, null, 2) + "\n");
    expect(verifySnapshot(root).problems).toEqual([{ path: "manifest.json", problem: "changed" }]);
  });
});

describe("images", () => {
  function png(width: number, height: number, withText: boolean): Buffer {
    const p = new PNG({ width, height });
    for (let i = 0; i < width * height; i++) p.data.set([i % 256, 0, 0, 255], i * 4);
    const buf = PNG.sync.write(p);
    if (!withText) return buf;
    // A tEXt chunk after IHDR (8 + 25 bytes), as a PNG carrying a patient name would have it.
    const data = Buffer.from("Author\0Jane Doe", "latin1");
    const chunk = Buffer.alloc(12 + data.length);
    chunk.writeUInt32BE(data.length, 0);
    chunk.write("tEXt", 4, "latin1");
    data.copy(chunk, 8);
    return Buffer.concat([buf.subarray(0, 33), chunk, buf.subarray(33)]);
  }

  it("re-encodes a PNG (no text chunk survives), names it by content hash, and keeps the longest side under maxSide", async () => {
    const src = png(200, 100, true);
    expect(pngTextChunks(src)).toEqual(["tEXt"]);
    const root = mkdtempSync(path.join(os.tmpdir(), "export-img-"));
    const w = await writeImage(root, { format: "png", bytes: src, window: null, name: "x.png" }, defaultRenderer, 64);
    expect(w).toMatchObject({ width: 64, height: 32 });
    expect(w.path).toMatch(/^images\/[0-9a-f]{64}\.png$/);
    const out = readFileSync(path.join(root, w.path));
    expect(pngTextChunks(out)).toEqual([]);
    expect(PNG.sync.read(out).width).toBe(64);
    const again = await writeImage(root, { format: "png", bytes: src, window: null, name: "x.png" }, defaultRenderer, 64);
    expect(again.path).toBe(w.path);
  });

  it("refuses what it cannot decode, naming the file (never a black image)", async () => {
    await expect(defaultRenderer({ bytes: Buffer.from("not a png"), mime: "image/png", name: "broken.png" })).rejects.toThrow(/broken\.png/);
    await expect(defaultRenderer({ bytes: Buffer.from("DICM"), mime: "application/dicom", name: "ct.dcm" })).rejects.toThrow(/ct\.dcm/);
    await expect(defaultRenderer({ bytes: Buffer.from("x"), mime: "image/gif", name: "a.gif" })).rejects.toMatchObject({ name: "RenderError" });
  });
});

describe("dataset card and LLaMA-Factory info", () => {
  const files = ["eval/mcq_text", "kto/train", "native/test", "native/train", "preference_llamafactory/train", "sft/test", "sft/train"];
  it("lists configs with their data files per split, licence, languages and size category", () => {
    const card = datasetCard({ name: "s", files, counts: { "sft/train": 3 }, items: 1500, languages: ["en", "zh"], licences: ["CC-BY-4.0"], parquet: true, createdAt: null });
    expect(card).toContain("license: cc-by-4.0\n");
    expect(card).toContain("language:\n- en\n- zh\n");
    expect(card).toContain("size_categories:\n- 1K<n<10K\n");
    expect(card).toContain("- config_name: sft\n  data_files:\n  - split: train\n    path: sft/train.parquet\n  - split: test\n    path: sft/test.parquet\n");
    expect(card).toContain("- config_name: eval\n  data_files:\n  - split: mcq_text\n    path: eval/mcq_text.parquet\n");
    expect(sizeCategory(999)).toBe("n<1K");
    expect(datasetCard({ name: "s", files, counts: {}, items: 1, languages: [], licences: ["A", "B"], parquet: false, createdAt: null })).toContain('license: other\nlicense_name: "A; B"');
  });
  it("maps SFT, preference and KTO files in the sharegpt form", () => {
    const info = datasetInfo({ name: "my-snap", files }) as Record<string, Record<string, unknown>>;
    expect(Object.keys(info).sort()).toEqual(["my_snap_kto_train", "my_snap_preference_train", "my_snap_sft_test", "my_snap_sft_train"]);
    expect(info.my_snap_sft_train).toMatchObject({ file_name: "sft/train.jsonl", formatting: "sharegpt", columns: { messages: "messages", images: "images" } });
    expect(info.my_snap_preference_train).toMatchObject({ ranking: true, columns: { messages: "conversations", chosen: "chosen", rejected: "rejected" } });
    expect(info.my_snap_kto_train).toMatchObject({ columns: { kto_tag: "label" } });
  });
});
