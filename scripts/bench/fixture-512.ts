// Adds case bench-case-512 to the database DATA_DIR names: a synthetic sagittal T2 series of 512×512 slices,
// through the ordinary import. Used by bench:viewer.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { disconnectDatabase, prepareDatabase } from "@/lib/db/client";
import { syntheticSagittalMrStack } from "@/lib/dicom/synthetic";
import { runImport } from "@/lib/import/run";

async function main() {
  await prepareDatabase();
  const root = mkdtempSync(path.join(os.tmpdir(), "bench-512-"));
  const dir = path.join(root, "images", "bench-case-512", "sag_t2_512");
  mkdirSync(dir, { recursive: true });
  const stack = syntheticSagittalMrStack({ caseId: "bench-case-512", seed: 5, slices: 9, size: 512 });
  const landmarks: string[] = [];
  for (const f of stack.files) {
    const rel = `bench-case-512/sag_t2_512/IM${f.instanceNumber}.dcm`;
    writeFileSync(path.join(root, "images", rel), f.buffer);
    for (const l of f.landmarks) landmarks.push(JSON.stringify({ image: rel, level: l.level, x: l.x, y: l.y }));
  }
  writeFileSync(path.join(root, "images", "landmarks.jsonl"), landmarks.join("\n") + "\n");
  writeFileSync(path.join(root, "empty.jsonl"), "");
  const r = await runImport({ itemsFile: path.join(root, "empty.jsonl"), imagesDir: path.join(root, "images"), policy: "refuse", dryRun: false, skipInvalid: false, actorId: null });
  console.log(`bench fixture: ${r.counts.images.newRows} images of 512×512 (${r.status})`);
  rmSync(root, { recursive: true, force: true });
  await disconnectDatabase();
}

void main();
