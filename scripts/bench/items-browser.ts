// npm run bench:items [-- --items 450000 --runs 5 --no-postgres --no-sqlite --bulk 100000 --reuse]
// Server time of the items browser at SpineMed scale: pages by keyset (first, last, sorted by last change,
// filtered), searches (English, Chinese, a one-to-two-character Chinese search that cannot use trigrams), counts,
// and a bulk action on 100,000 items run as a job with progress. It reuses (or builds) bench:load's cached
// 450,000-item database, keyed by the generator's hash and the migrations, works on a copy, and adds 2,000 Chinese
// items through the ordinary import (the generator writes English only). Last line: one JSON object of all figures.
//
// `measureItemsBrowser({ runs })` measures against whatever database DATABASE_URL names (the dashboard bench calls it).
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { browseItems, countItems } from "@/lib/browse/list";
import type { BrowseFilterInput, Sort } from "@/lib/browse/filters";
import { browseFilterSchema } from "@/lib/browse/filters";
import { db, dbConfig, disconnectDatabase, prepareDatabase } from "@/lib/db/client";
import { encodeCursor } from "@/lib/browse/query";
import { generateItems } from "./generate-items";
import { buildPgCache, buildSqliteCache, CACHE_DIR, copyOfCache, pgCacheName, pgDatabaseExists, pgUrl, sqliteCacheExists, tsxChild, withPgAdmin, WORK_DIR, type Provider, type RunDb } from "./load-db";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm the statement cache and the pages
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return round(median(t));
}

/** The server-time figures (ms, medians) of the browser's pages, searches and counts on the current database. */
export async function measureItemsBrowser(opts: { runs?: number } = {}): Promise<Record<string, number>> {
  const runs = opts.runs ?? 5;
  const pg = dbConfig().provider === "postgres";
  const f = (x: BrowseFilterInput) => browseFilterSchema.parse(x);
  const page = (x: BrowseFilterInput, sort: Sort = "externalId", cursor?: string) => browseItems(f(x), sort, cursor);
  // The cursor of the last page of each sort, read once (not timed).
  const q = pg ? (s: string) => s.replace(/\?/g, () => "$1") : (s: string) => s;
  const lastExt = await db().$queryRawUnsafe<{ externalId: string; id: string }[]>(q(`SELECT "externalId", "id" FROM "Item" WHERE "stagedBatchId" IS NULL ORDER BY "externalId" DESC LIMIT 1 OFFSET 50`));
  const lastUpd = await db().$queryRawUnsafe<{ k: string; id: string }[]>(
    pg
      ? `SELECT CAST("updatedAt" AS TEXT) AS k, "id" FROM "Item" WHERE "stagedBatchId" IS NULL ORDER BY "updatedAt" DESC, "id" DESC LIMIT 1 OFFSET 50`
      : `SELECT ("updatedAt" || '') AS k, "id" FROM "Item" WHERE "stagedBatchId" IS NULL ORDER BY "updatedAt" ASC, "id" ASC LIMIT 1 OFFSET 50`,
  );
  const out: Record<string, number> = {};
  out.items = await db().item.count({ where: { stagedBatchId: null } });
  out.firstPageMs = await time(runs, () => page({}));
  if (lastExt[0]) out.lastPageMs = await time(runs, () => page({}, "externalId", encodeCursor({ k: lastExt[0].externalId, id: lastExt[0].id })));
  out.newestFirstPageMs = await time(runs, () => page({}, "-updatedAt"));
  if (lastUpd[0]) out.newestLastPageMs = await time(runs, () => page({}, pg ? "-updatedAt" : "updatedAt", encodeCursor({ k: lastUpd[0].k, id: lastUpd[0].id })));
  out.filteredPageMs = await time(runs, () => page({ status: "pending", taskType: "report", level: "L4/L5" }));
  out.filteredRarePageMs = await time(runs, () => page({ modality: "CT", language: "zh", subfield: "tumor", level: "C5/C6" }));
  out.goldPageMs = await time(runs, () => page({ gold: "yes" }));
  out.correctedPageMs = await time(runs, () => page({ corrected: "yes" }));
  out.unknownValueMs = await time(runs, () => page({ status: "bogus" }));
  out.searchEnCommonMs = await time(runs, () => page({ q: "herniation" }));
  out.searchEnPhraseMs = await time(runs, () => page({ q: '"nerve root compression"' }));
  out.searchEnFilteredMs = await time(runs, () => page({ q: "spondylolisthesis", taskType: "report", level: "L4/L5" }));
  out.searchEnNoMatchMs = await time(runs, () => page({ q: "zzqxv" }));
  out.searchZhMs = await time(runs, () => page({ q: "椎间盘突出" }));
  out.searchZhShortMs = await time(runs, () => page({ q: "腰椎" }));
  out.searchNastyMs = await time(runs, () => page({ q: `"%_*\\"()' OR 1=1; --` }));
  out.countAllMs = await time(runs, () => countItems(f({})));
  out.countFilteredMs = await time(runs, () => countItems(f({ status: "pending", taskType: "report" })));
  out.countSearchEnMs = await time(Math.min(runs, 3), () => countItems(f({ q: "herniation" })));
  out.countSearchZhMs = await time(runs, () => countItems(f({ q: "椎间盘突出" })));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The runnable bench.

const ZH_SENTENCES = [
  "患者腰痛伴左下肢放射痛六周，磁共振显示L4/L5椎间盘突出，压迫左侧L5神经根。",
  "颈椎间盘突出导致神经根型颈椎病，表现为上肢麻木和握力下降。",
  "腰椎管狭窄症患者行走后双下肢酸胀，弯腰休息后缓解。",
  "胸腰段骨折需评估后方韧带复合体的完整性。",
];

function zhLines(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = (k: number) => ZH_SENTENCES[(i + k) % ZH_SENTENCES.length];
    lines.push(JSON.stringify({
      externalId: `bench-zh-${String(i).padStart(5, "0")}`, taskType: "open_qa", language: "zh", modality: null, subfield: "degenerative_lumbar", levels: ["L4/L5"],
      draft: { content: { question: `${s(0)}请问诊断是什么？（${i}）`, answer: `${s(1)}${s(2)}` }, generator: { model: "qwen2.5-vl-72b", modelVersion: "2025-01", promptId: "zh", promptVersion: "1", params: {} } },
      provenance: { sourceType: "textbook", reference: `zh textbook ${i}`, caseId: null, licence: null }, images: [],
    }));
  }
  return lines.join("\n") + "\n";
}

function args() {
  const a = process.argv.slice(2);
  const num = (name: string, d: number) => {
    const i = a.indexOf(`--${name}`);
    return i >= 0 ? Number(a[i + 1]) : d;
  };
  return { items: num("items", 450_000), runs: num("runs", 5), bulk: num("bulk", 100_000), sqlite: !a.includes("--no-sqlite"), postgres: !a.includes("--no-postgres"), child: a.includes("--child") };
}

/** In a child process on one database copy: the Chinese items, the figures, then a bulk job on `bulk` items. */
async function child() {
  const o = args();
  await prepareDatabase();
  const { runImport } = await import("@/lib/import/run");
  const file = path.join(WORK_DIR, `zh-${process.pid}.jsonl`);
  writeFileSync(file, zhLines(2000));
  const imp = await runImport({ itemsFile: file, policy: "refuse", dryRun: false, skipInvalid: false, actorId: null });
  rmSync(file, { force: true });
  if (imp.status !== "completed") throw new Error(`Chinese items: import ${imp.status}`);
  const figures = await measureItemsBrowser({ runs: o.runs });
  process.stderr.write(`  ${dbConfig().provider} figures: ${JSON.stringify(figures)}\n`);

  // A bulk action on `bulk` items (required reviews of a filter), through the same job the items page starts.
  const admin = await db().user.create({ data: { email: `bench-admin-${process.pid}@example.org`, name: "Bench admin", role: "admin", passwordHash: "x" } });
  const job = await db().job.create({ data: { type: "bulk", status: "queued", createdById: admin.id, message: "bench" } });
  const t0 = performance.now();
  const ids: string[] = [];
  const { filterIdChunks } = await import("@/lib/browse/list");
  for await (const c of filterIdChunks(browseFilterSchema.parse({ ext: "bench-" }), 5000)) {
    ids.push(...c);
    if (ids.length >= o.bulk) break;
  }
  const idsFile = path.join(WORK_DIR, `bulk-ids-${process.pid}.json`);
  writeFileSync(idsFile, JSON.stringify(ids.slice(0, o.bulk)));
  figures.bulkSelectMs = round(performance.now() - t0);
  const { getJob } = await import("@/lib/jobs");
  const t1 = performance.now();
  const proc = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "cli/bulk.ts", "--job", job.id, "--actor-id", admin.id, "--action-json", JSON.stringify({ action: "required_reviews", requiredReviews: 3 }), "--ids-file", idsFile], { stdio: "ignore", env: process.env });
  // Listened for from the start: the job is seen completed after the process may already have exited.
  const exited = new Promise((r) => proc.once("exit", r));
  let polls = 0;
  let progressSeen = 0;
  let firstProgressMs = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const j = await getJob(job.id);
    polls++;
    if (j?.progress && j.progress.done > 0 && j.progress.total > 0) {
      if (!progressSeen) firstProgressMs = performance.now() - t1;
      progressSeen++;
      process.stderr.write(`  bulk job: ${j.progress.phase} ${j.progress.done}/${j.progress.total}\n`);
    }
    if (j?.status === "completed" || j?.status === "failed") {
      if (j.status === "failed") {
        process.stderr.write(`  bulk job failed: ${j.error}\n`);
        figures.bulkFailedAt = j.progress?.done ?? 0;
        break;
      }
      const r = j.result as { changed: number };
      figures.bulkItems = Math.min(ids.length, o.bulk);
      figures.bulkChanged = r.changed;
      break;
    }
    if (polls > 3600) throw new Error("bulk job did not finish in an hour");
  }
  await exited;
  figures.bulkJobSeconds = round((performance.now() - t1) / 1000);
  figures.bulkProgressUpdatesSeen = progressSeen;
  figures.bulkFirstProgressMs = round(firstProgressMs);
  figures.auditEventsForBulk = await db().auditEvent.count({ where: { action: "item.required_reviews", actorId: admin.id } });
  rmSync(idsFile, { force: true });
  await disconnectDatabase();
  console.log(JSON.stringify(figures));
}

/**
 * With --reuse: a copy of the newest cached database of this size even if it was built before the latest
 * migrations (the copy is migrated when the measuring process starts, as an app instance would be). Saves
 * rebuilding 450,000 items for a migration that only adds indexes.
 */
async function reusedCopy(p: Provider, items: number): Promise<RunDb | null> {
  if (p === "sqlite") {
    const files = readdirSync(CACHE_DIR).filter((f) => f.startsWith("load-") && f.endsWith(`-${items}.db`)).map((f) => path.join(CACHE_DIR, f));
    const newest = files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    if (!newest) return null;
    const file = path.join(WORK_DIR, `items-reuse-${process.pid}.db`);
    copyFileSync(newest, file);
    return { provider: p, url: `file:${file}`, where: file, drop: async () => { for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(file + s, { force: true }); } };
  }
  const found = await withPgAdmin((c) => c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname LIKE $2", ["spinemed_loadcache_%", `%\\_${items}`]));
  const source = found.rows.map((r) => r.datname).find((n) => !n.includes("building"));
  if (!source) return null;
  const name = `spinemed_items_reuse_${process.pid}_${Date.now()}`;
  await withPgAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${source}"`));
  return { provider: p, url: pgUrl(name), where: name, drop: () => withPgAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}

async function main() {
  const o = args();
  const providers: Provider[] = [...(o.sqlite ? (["sqlite"] as const) : []), ...(o.postgres ? (["postgres"] as const) : [])];
  const reuse = process.argv.includes("--reuse");
  const reused = new Map<Provider, RunDb>();
  if (reuse) {
    for (const p of providers) {
      const copy = await reusedCopy(p, o.items);
      if (copy) reused.set(p, copy);
    }
  }
  const missing: Provider[] = [];
  if (o.sqlite && !reused.has("sqlite") && !sqliteCacheExists(o.items)) missing.push("sqlite");
  if (o.postgres && !reused.has("postgres") && !(await pgDatabaseExists(pgCacheName(o.items)))) missing.push("postgres");
  const all: Record<string, unknown> = { items: o.items };
  if (missing.length) {
    mkdirSync(WORK_DIR, { recursive: true });
    const jsonl = path.join(WORK_DIR, `items-${o.items}.jsonl`);
    const { REQUIRED_REVIEWS } = await import("./load-config");
    await generateItems(jsonl, o.items, 42, { requiredReviews: REQUIRED_REVIEWS });
    console.error(`generated ${o.items} items (${(statSync(jsonl).size / 1e6).toFixed(0)} MB)`);
    for (const p of missing) {
      console.error(`building the cached ${p} database through the import…`);
      const r = p === "sqlite" ? buildSqliteCache(o.items, jsonl) : await buildPgCache(o.items, jsonl);
      all[`${p}Import`] = { seconds: round(r.seconds), created: r.created };
      console.error(`  ${p}: ${r.created} items in ${r.seconds.toFixed(1)} s`);
    }
    rmSync(jsonl, { force: true });
  }
  for (const p of providers) {
    const copy = reused.get(p) ?? (await copyOfCache(p, o.items, "items"));
    try {
      console.error(`measuring on ${p}…`);
      const r = tsxChild<Record<string, number>>("scripts/bench/items-browser.ts", ["--child", "--runs", String(o.runs), "--bulk", String(o.bulk)], {
        DATABASE_URL: copy.url,
        DATA_DIR: path.join(WORK_DIR, `data-items-${p}`),
      });
      for (const [k, v] of Object.entries(r)) console.log(`${p} ${k}: ${v}`);
      all[p] = r;
    } finally {
      await copy.drop();
    }
  }
  console.log(JSON.stringify(all));
}

if (process.argv[1] && /items-browser\.ts$/.test(process.argv[1])) {
  (args().child ? child() : main()).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
