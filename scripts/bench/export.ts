// npm run bench:export [-- --items 450000] — snapshot export at SpineMed scale on SQLite: wall time, items/s and
// peak RSS for native JSON Lines, ms-swift SFT and Parquet (each format with its Parquet twin), without image files
// (the archive streamed on download; once more with it written as a .tar), then both formats with both twins in one
// snapshot; and PNG renders per second. The 450,000-item database is bench:load's (built once through the real
// import, cached under bench-out/ by the generator's hash); a copy of it has every item approved set-based (one
// accepting review per item, with its level decisions). The last line is one JSON object, with the targets and which were met.
import { mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { generateItems } from "./generate-items";
import { REQUIRED_REVIEWS } from "./load-config";
import { buildSqliteCache, copyOfCache, sqliteCacheExists, sqliteCacheFile, tsxChild, WORK_DIR } from "./load-db";
import { syntheticPngXray } from "@/lib/dicom/synthetic";
import { defaultRenderer } from "@/lib/export/image-writer";
import { measureRenderRate } from "@/lib/export/render/bench";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ITEMS = arg("items", 450_000);
const log = (s: string) => process.stderr.write(`${s}\n`);
/** Per targeted export, at 450,000 items without images. */
const TARGETS = { seconds: 60, maxRssMB: 400 } as const;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function ensureCache() {
  if (sqliteCacheExists(ITEMS)) return { reused: true };
  mkdirSync(WORK_DIR, { recursive: true });
  const jsonl = path.join(WORK_DIR, `items-${ITEMS}.jsonl`);
  await generateItems(jsonl, ITEMS, 42, { requiredReviews: REQUIRED_REVIEWS });
  log(`building the cached ${ITEMS.toLocaleString("en-US")}-item database through the import…`);
  const r = buildSqliteCache(ITEMS, jsonl);
  rmSync(jsonl, { force: true });
  rmSync(path.join(WORK_DIR, "data-build"), { recursive: true, force: true });
  return { reused: false, importSeconds: round(r.seconds) };
}

/** Every item approved by one accepting review (and its level decisions), in a few set-based statements. */
function approveAll(file: string): number {
  const d = new Database(file);
  d.pragma("journal_mode = WAL");
  const t = performance.now();
  d.exec(`
    INSERT INTO "User" (id, email, name, role, passwordHash, active, sessionVersion, createdAt, updatedAt)
      SELECT 'benchexportreviewer', 'bench-export@example.org', 'Bench reviewer', 'reviewer', 'x', 1, 0, createdAt, createdAt FROM "Item" LIMIT 1;
    INSERT INTO "Review" (id, itemId, reviewerId, isAdjudication, round, baseVersionId, decision, timeSpentMs, submittedAt)
      SELECT 'bx' || id, id, 'benchexportreviewer', 0, 1, currentVersionId, 'accept', 30000, createdAt FROM "Item";
    INSERT INTO "LevelDecision" (id, reviewId, level, decision)
      SELECT 'bl' || id, 'bx' || itemId, level, 'accept' FROM "ItemLevel";
    UPDATE "Item" SET status = 'approved', finalDecision = 'accept', openSlots = 0;
  `);
  d.pragma("wal_checkpoint(TRUNCATE)");
  d.close();
  return (performance.now() - t) / 1000;
}

async function pngRendersPerSecond(): Promise<number> {
  const png = syntheticPngXray({ seed: 3 }).buffer;
  const t = performance.now();
  let n = 0;
  while (performance.now() - t < 3000) {
    await defaultRenderer({ bytes: png, mime: "image/png", name: "bench.png" });
    n++;
  }
  return n / ((performance.now() - t) / 1000);
}

async function main() {
  const cache = await ensureCache();
  log(`database: ${sqliteCacheFile(ITEMS)} (${cache.reused ? "reused" : "built"})`);
  const copy = await copyOfCache("sqlite", ITEMS, "export");
  const figures: Record<string, unknown> = { items: ITEMS, cache };
  try {
    figures.approveSeconds = round(approveAll(copy.where));
    const env = { DATABASE_URL: copy.url, DATA_DIR: path.join(WORK_DIR, "data-export"), NODE_OPTIONS: "--max-old-space-size=256" };
    // The targeted three: native JSON Lines, ms-swift SFT, and Parquet, i.e. a format with its Parquet twin beside
    // its JSON Lines ("parquet" is native's, the heavier of the two; "parquetSft" is SFT's). Also measured, without a
    // target: native with its twin and the archive written as a .tar (it is streamed from the folder on download),
    // and both formats with both twins in one snapshot.
    const runs: [string, string, string, string][] = [
      ["native", "native", "jsonl", "stream"],
      ["sft", "sft", "jsonl", "stream"],
      ["parquet", "native", "parquet", "stream"],
      ["parquetSft", "sft", "parquet", "stream"],
      ["parquetWithTar", "native", "parquet", "archive"],
      ["nativeAndSftWithParquet", "native,sft", "parquet", "stream"],
    ];
    for (const [label, formats, parquet, archive] of runs) {
      const out = path.join(WORK_DIR, `export-${label}-${process.pid}`);
      const r = tsxChild<{ seconds: number; items: number; bytes: number; maxRssMB: number }>("scripts/bench/export-child.ts", [out, formats, parquet, archive], env);
      log(`${label.padEnd(24)} ${r.items.toLocaleString("en-US")} items in ${r.seconds.toFixed(1)} s — ${Math.round(r.items / r.seconds).toLocaleString("en-US")} items/s, peak RSS ${Math.round(r.maxRssMB)} MB, ${(r.bytes / 1e6).toFixed(0)} MB written`);
      figures[label] = { seconds: round(r.seconds), itemsPerSec: Math.round(r.items / r.seconds), maxRssMB: Math.round(r.maxRssMB), mbWritten: Math.round(r.bytes / 1e6), items: r.items };
    }
    const pps = await pngRendersPerSecond();
    const dicom = await measureRenderRate();
    log(`PNG renders: PNG X-ray re-encoded ${pps.toFixed(1)}/s; DICOM 512² MR slice ${dicom.mr512PngPerSecond}/s, 3000×2400 16-bit radiograph ${dicom.radiographPngPerSecond}/s (max side 1024: ${dicom.radiographMaxSide1024PngPerSecond}/s)`);
    figures.pngRendersPerSec = round(pps);
    figures.dicomRendersPerSec = dicom.mr512PngPerSecond;
    figures.radiographRendersPerSec = dicom.radiographPngPerSecond;
    figures.dbMB = Math.round(statSync(copy.where).size / 1e6);
    const met = (k: string) => {
      const f = figures[k] as { seconds: number; maxRssMB: number };
      return f.seconds <= TARGETS.seconds && f.maxRssMB <= TARGETS.maxRssMB;
    };
    figures.targets = TARGETS;
    figures.targetsMet = Object.fromEntries(["native", "sft", "parquet", "parquetSft"].map((k) => [k, met(k)]));
    log(`targets (≤ ${TARGETS.seconds} s, ≤ ${TARGETS.maxRssMB} MB): ${Object.entries(figures.targetsMet as Record<string, boolean>).map(([k, v]) => `${k} ${v ? "met" : "MISSED"}`).join(", ")}`);
  } finally {
    await copy.drop();
    rmSync(path.join(WORK_DIR, "data-export"), { recursive: true, force: true });
  }
  console.log(JSON.stringify(figures));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
