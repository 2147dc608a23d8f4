// npm run bench:load [-- --items 450000] [--seconds 60] [--reviewers 20] [--no-postgres] [--no-sqlite]
//                     [--import-items 50000] [--skip-assign] [--assign-minutes 20] [--prepare-only] [--analyze]
//                     [--cpu-prof] [--think-ms 0]
// Review campaign at SpineMed scale, on SQLite and on PostgreSQL:
//  1. a database of N items (2 reviews each) built through the real import, cached under bench-out/ (keyed by the
//     generator's source, the item count and the migrations), so later runs skip the import;
//  2. `npm run assign` of every item to R reviewers on a scratch copy (wall time, assignments, errors);
//  3. the production server on a fresh copy: first its floor (R clients on GET /api/health, one trivial query, no
//     pause), then R reviewers signed in through next-auth, looping Next item → read → open → save for S seconds
//     (latency percentiles, throughput, errors, integrity counts from the database);
//  4. the same load again while `npm run import` of 50,000 new items runs (save latency during the import).
// Prints its figures, then ONE JSON object with all of them as the last line.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import Database from "better-sqlite3";
import pg from "pg";
import path from "node:path";
import { generateItems } from "./generate-items";
import { percentiles, runFloor, runLoad, type Kind, type LoadResult, type Sample } from "./load-client";
import { REQUIRED_REVIEWS, reviewerEmail, BENCH_PASSWORD, TARGETS } from "./load-config";
import {
  buildPgCache,
  buildSqliteCache,
  copyOfCache,
  integrity,
  openReader,
  pgCacheName,
  pgDatabaseExists,
  sqliteCacheExists,
  sqliteCacheFile,
  tsxChild,
  WORK_DIR,
  type Integrity,
  type Provider,
  type RunDb,
} from "./load-db";
import { summariseProfile } from "./load-profile";
import { ensureBuild, signIn, startServer, type Server } from "./load-server";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
};
const ITEMS = Math.floor(opt("items", 450_000));
const SECONDS = opt("seconds", 60);
const REVIEWERS = Math.floor(opt("reviewers", 20));
const NEW_ITEMS = Math.floor(opt("import-items", 50_000));
// Mean pause of a reviewer between items; the default 0 makes every reviewer ask again at once (a stress test).
const THINK_MS = args.includes("--think-ms") ? opt("think-ms", 0) : 0;
// How long `npm run assign` may take before it is stopped (its rate so far is then reported).
const ASSIGN_MINUTES = opt("assign-minutes", 20);
const PROVIDERS: Provider[] = [...(args.includes("--no-sqlite") ? [] : ["sqlite" as const]), ...(args.includes("--no-postgres") ? [] : ["postgres" as const])];
// Gathers the planner's statistics on each copy before the load (what the import does not do today): shows what
// ANALYZE after an import would change.
const ANALYZE = args.includes("--analyze");
// Profiles the server (node --cpu-prof) and prints where its CPU went.
const CPU_PROF = args.includes("--cpu-prof");
const PORTS: Record<Provider, number> = { sqlite: 3216, postgres: 3217 };

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const secs = (ms: number) => Math.round(ms / 100) / 10;
const log = (s: string) => console.log(s);

interface ChildRun {
  code: number | null;
  seconds: number;
  stdout: string;
  stderr: string;
  maxRssMB: number | null;
  startedAt: number;
  endedAt: number;
}

/** An npm script as a real child process (under /usr/bin/time for its peak memory when available), stopped
 * after `limitMs` if given. */
function npmChild(script: string, argv: string[], env: Record<string, string>, limitMs?: number): Promise<ChildRun & { timedOut: boolean }> {
  const timed = existsSync("/usr/bin/time");
  const cmd = timed ? "/usr/bin/time" : "npm";
  const cmdArgs = [...(timed ? ["-f", "BENCH_MAXRSS_KB=%M", "npm"] : []), "run", "--silent", script, "--", ...argv];
  return new Promise((resolve) => {
    const startedAt = performance.now();
    // Its own process group, so that a time limit stops npm, tsx and node together (and nothing else).
    const child = spawn(cmd, cmdArgs, { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let timedOut = false;
    const timer = limitMs
      ? setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid!, "SIGTERM");
          } catch {
            /* gone */
          }
        }, limitMs)
      : null;
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout = (stdout + d).slice(-20_000)));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-20_000)));
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      const endedAt = performance.now();
      const m = /BENCH_MAXRSS_KB=(\d+)/.exec(stderr);
      resolve({ code, seconds: (endedAt - startedAt) / 1000, stdout, stderr: stderr.replace(/BENCH_MAXRSS_KB=\d+\n?/, ""), maxRssMB: m ? Math.round(Number(m[1]) / 1024) : null, startedAt, endedAt, timedOut });
    });
  });
}

async function analyze(db: RunDb) {
  const t = performance.now();
  if (db.provider === "sqlite") {
    const d = new Database(db.where);
    d.exec("ANALYZE");
    d.close();
  } else {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query("ANALYZE");
    await c.end();
  }
  log(`  ANALYZE of the copy: ${secs(performance.now() - t)} s`);
}

function createReviewers(db: RunDb) {
  tsxChild("scripts/bench/load-users.ts", [String(REVIEWERS)], { DATABASE_URL: db.url, DATA_DIR: path.join(WORK_DIR, "data-users") });
}

async function count(db: RunDb, sql: string): Promise<number> {
  const r = await openReader(db);
  try {
    const [row] = await r.all<{ n: unknown }>(sql);
    return Number(row.n);
  } finally {
    await r.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 1. The cached database

async function ensureCaches(): Promise<Record<string, unknown>> {
  const missing = PROVIDERS.filter((p) => (p === "sqlite" ? !sqliteCacheExists(ITEMS) : false));
  if (PROVIDERS.includes("postgres") && !(await pgDatabaseExists(pgCacheName(ITEMS)))) missing.push("postgres");
  const info: Record<string, unknown> = { reused: missing.length === 0 ? PROVIDERS : PROVIDERS.filter((p) => !missing.includes(p)) };
  if (missing.length === 0) return info;
  mkdirSync(WORK_DIR, { recursive: true });
  const jsonl = path.join(WORK_DIR, `items-${ITEMS}.jsonl`);
  const t = performance.now();
  await generateItems(jsonl, ITEMS, 42, { requiredReviews: REQUIRED_REVIEWS });
  log(`  generated ${fmt(ITEMS)} items (${(statSync(jsonl).size / 1e6).toFixed(0)} MB) in ${secs(performance.now() - t)} s`);
  for (const p of missing) {
    log(`  building the cached ${p} database through the import…`);
    const r = p === "sqlite" ? buildSqliteCache(ITEMS, jsonl) : await buildPgCache(ITEMS, jsonl);
    log(`  ${p}: imported ${fmt(r.created)} items in ${r.seconds.toFixed(1)} s (peak RSS ${fmt(r.maxRssMB)} MB)`);
    info[`${p}Import`] = { seconds: Math.round(r.seconds * 10) / 10, created: r.created, maxRssMB: Math.round(r.maxRssMB) };
  }
  rmSync(jsonl, { force: true });
  rmSync(path.join(WORK_DIR, "data-build"), { recursive: true, force: true });
  rmSync(path.join(WORK_DIR, "data-build-pg"), { recursive: true, force: true });
  return info;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. npm run assign at scale

async function measureAssign(provider: Provider) {
  const db = await copyOfCache(provider, ITEMS, "assign");
  try {
    createReviewers(db);
    const emails = Array.from({ length: REVIEWERS }, (_, i) => reviewerEmail(i + 1)).join(",");
    log(`  assign: every item to ${REVIEWERS} reviewers…`);
    const r = await npmChild("assign", ["--reviewers", emails], { DATABASE_URL: db.url, DATA_DIR: path.join(WORK_DIR, `data-assign-${provider}`) }, ASSIGN_MINUTES * 60_000);
    const m = /(\d+) items considered, (\d+) assignments created, (\d+) items have all their reviewers/.exec(r.stdout);
    const inDb = await count(db, `SELECT COUNT(*) AS n FROM "Assignment"`);
    const fullyAssigned = await count(db, `SELECT COUNT(*) AS n FROM "Item" WHERE "openSlots" = 0`);
    const perMinute = Math.round((inDb / r.seconds) * 60);
    const out = {
      seconds: Math.round(r.seconds * 10) / 10,
      exitCode: r.code,
      timedOut: r.timedOut,
      errored: r.code !== 0 && !r.timedOut,
      error: r.code !== 0 && !r.timedOut ? (r.stderr.trim() || r.stdout.trim()).split("\n").slice(-3).join(" | ").slice(0, 500) : null,
      assignmentsPerMinute: perMinute,
      // At that rate, the whole set would take (minutes):
      projectedMinutes: perMinute ? Math.round(((ITEMS * REQUIRED_REVIEWS) / perMinute) * 10) / 10 : null,
      itemsConsidered: m ? Number(m[1]) : null,
      assignmentsCreated: m ? Number(m[2]) : null,
      itemsFullyAssigned: m ? Number(m[3]) : null,
      assignmentsInDatabase: inDb,
      itemsWithNoOpenSlot: fullyAssigned,
      expectedAssignments: ITEMS * REQUIRED_REVIEWS,
      maxRssMB: r.maxRssMB,
    };
    log(`  assign: ${out.timedOut ? `STOPPED after the ${ASSIGN_MINUTES}-minute limit` : out.errored ? `FAILED (exit ${r.code}): ${out.error}` : "ok"}, ${out.seconds} s, ${fmt(inDb)} assignments in the database (expected ${fmt(out.expectedAssignments)}), ${fmt(perMinute)} per minute (all of them in ${out.projectedMinutes} min at that rate), peak RSS ${out.maxRssMB ?? "?"} MB`);
    return out;
  } finally {
    await db.drop();
    rmSync(path.join(WORK_DIR, `data-assign-${provider}`), { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 3–5. Load on the production server

function latency(result: LoadResult, kind: Kind, within?: (s: Sample) => boolean) {
  const p = percentiles(within ? result.samples[kind].filter(within) : result.samples[kind]);
  return p;
}

function summarise(result: LoadResult, integ: Integrity, serverCpuSeconds: number, loadAverage: number[]) {
  const seconds = (result.endedAt - result.startedAt) / 1000;
  const saves = result.savedReviewIds.length;
  return {
    // Server CPU per saved item (Next item + read + open + save): what one reviewed item costs the server.
    serverCpuMsPerSave: saves ? Math.round((serverCpuSeconds * 1000) / saves) : null,
    serverCpuSeconds: Math.round(serverCpuSeconds * 10) / 10,
    // The machine is shared: its 1-minute load average at the start and end of the run.
    loadAverage: loadAverage.map((x) => Math.round(x * 10) / 10),
    seconds: Math.round(seconds * 10) / 10,
    nextItem: latency(result, "next"),
    get: latency(result, "get"),
    open: latency(result, "open"),
    save: latency(result, "save"),
    saves,
    throughput: Math.round((saves / seconds) * 10) / 10,
    errors: result.errors,
    errorMessages: [...result.errorMessages].slice(0, 6).map(([message, n]) => ({ message, n })),
    nothingToReview: result.nothingToReview,
    integrity: integ,
  };
}

function printLoad(label: string, s: ReturnType<typeof summarise>) {
  const l = (name: string, p: { p50: number; p95: number; p99: number; n: number }) => `${name} p50 ${p.p50} / p95 ${p.p95} / p99 ${p.p99} ms (n ${fmt(p.n)})`;
  log(`  ${label}: ${s.seconds} s, ${fmt(s.saves)} saves, ${s.throughput} saves/s, ${s.errors} errors; server CPU ${s.serverCpuSeconds} s (${s.serverCpuMsPerSave ?? "–"} ms per saved item); load average ${s.loadAverage.join(" → ")} on ${os.cpus().length} cores`);
  log(`    ${l("next item", s.nextItem)}; ${l("save", s.save)}`);
  log(`    ${l("get", s.get)}; ${l("open", s.open)}`);
  for (const e of s.errorMessages) log(`    error ×${e.n}: ${e.message}`);
  {
    const i = s.integrity;
    log(`    integrity: ${i.doubleLeases} double leases (${i.overHeldItems} over-held, ${i.negativeSlotItems} negative, ${i.slotMismatchItems} mismatched), ${i.lostDecisions} lost, ${i.duplicatedDecisions} duplicated decisions; ${fmt(i.reviews)} reviews, ${fmt(i.assignments)} assignments in the database`);
  }
}

async function measureLoad(provider: Provider, newItemsFile: string) {
  const db = await copyOfCache(provider, ITEMS, "load");
  const dataDir = path.join(WORK_DIR, `data-load-${provider}`);
  let server: Server | null = null;
  try {
    createReviewers(db);
    if (ANALYZE) await analyze(db);
    const profDir = path.join(WORK_DIR, `prof-${provider}`);
    rmSync(profDir, { recursive: true, force: true });
    server = await startServer(PORTS[provider], { DATABASE_URL: db.url, DATA_DIR: dataDir }, CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : []);
    const sessions: string[] = [];
    for (let i = 1; i <= REVIEWERS; i++) sessions.push(await signIn(server.origin, reviewerEmail(i), BENCH_PASSWORD));
    log(`  server ${server.origin} on ${provider} (${db.where}); ${sessions.length} reviewers signed in`);

    // Warm-up: the first request of each route compiles nothing in production, but does open the database and
    // load the route modules; a few seconds keep that out of the measured percentiles.
    const warm = performance.now();
    await runLoad({ origin: server.origin, sessions, shouldStop: () => performance.now() - warm > 3000 });

    // The floor: the same number of clients on the most trivial route, for a third of the load's time (at most 20 s).
    const floorCpu0 = server.cpuSeconds();
    const tf = performance.now();
    const floorRun = await runFloor({ origin: server.origin, concurrency: REVIEWERS, shouldStop: () => performance.now() - tf > Math.min(20, SECONDS / 3) * 1000 });
    const floorSeconds = (performance.now() - tf) / 1000;
    const floorLatency = percentiles(floorRun.requests);
    const floor = {
      route: "GET /api/health",
      ...floorLatency,
      requestsPerSec: Math.round(floorRun.requests.length / floorSeconds),
      serverCpuMsPerRequest: Math.round(((server.cpuSeconds() - floorCpu0) * 1000 * 10) / Math.max(1, floorRun.requests.length)) / 10,
      errors: floorRun.errors,
    };
    log(`  floor: ${floor.route} (one query, no session), ${REVIEWERS} clients without a pause: ${fmt(floor.requestsPerSec)} requests/s, p50 ${floor.p50} / p95 ${floor.p95} ms, server CPU ${floor.serverCpuMsPerRequest} ms a request, ${floor.errors} errors`);

    const la0 = os.loadavg()[0];
    const cpu0 = server.cpuSeconds();
    const t0 = performance.now();
    const load = await runLoad({ origin: server.origin, sessions, thinkMs: THINK_MS, shouldStop: () => performance.now() - t0 > SECONDS * 1000 });
    const cpu1 = server.cpuSeconds();
    const la1 = os.loadavg()[0];
    const loadIntegrity = await integrity(db, load.savedReviewIds);
    const loadSummary = summarise(load, loadIntegrity, cpu1 - cpu0, [la0, la1]);
    printLoad("load", loadSummary);

    // The profile covers the plain load only (during the import the thread also sits in SQLite's busy wait, which
    // a sampling profiler counts): stop, read it, and start an unprofiled server for the second load.
    let profile: ReturnType<typeof summariseProfile> = null;
    if (CPU_PROF) {
      await server.stop();
      profile = summariseProfile(profDir);
      if (profile) {
        log(`    server CPU profile (${fmt(profile.totalMs)} ms of samples: start-up, warm-up and the load), self time by package:`);
        for (const r of profile.byPackage) log(`      ${String(r.pct).padStart(5)} %  ${r.name}`);
        log(`    by function:`);
        for (const r of profile.byFunction) log(`      ${String(r.pct).padStart(5)} %  ${r.name}`);
      }
      rmSync(profDir, { recursive: true, force: true });
      server = await startServer(PORTS[provider], { DATABASE_URL: db.url, DATA_DIR: dataDir });
      sessions.length = 0;
      for (let i = 1; i <= REVIEWERS; i++) sessions.push(await signIn(server.origin, reviewerEmail(i), BENCH_PASSWORD));
    }

    // The same load while `npm run import` of new items runs, in the server's database.
    const itemsBefore = await count(db, `SELECT COUNT(*) AS n FROM "Item"`);
    let imp: ChildRun | null = null;
    const importPromise = npmChild("import", [newItemsFile], { DATABASE_URL: db.url, DATA_DIR: dataDir }).then((r) => (imp = r));
    const la2 = os.loadavg()[0];
    const cpu2 = server.cpuSeconds();
    const t1 = performance.now();
    const during = await runLoad({ origin: server.origin, sessions, thinkMs: THINK_MS, shouldStop: () => imp !== null && performance.now() - t1 > SECONDS * 1000 });
    await importPromise;
    const cpu3 = server.cpuSeconds();
    const la3 = os.loadavg()[0];
    const run = imp as unknown as ChildRun;
    // Requests that overlapped the import (a save held up by the import's write lock ends after it).
    const inImport = (s: Sample) => s.end >= run.startedAt && s.start <= run.endedAt;
    const itemsAfter = await count(db, `SELECT COUNT(*) AS n FROM "Item"`);
    const duringIntegrity = await integrity(db, [...load.savedReviewIds, ...during.savedReviewIds]);
    const saveWithinImport = during.samples.save.filter(inImport);
    const duringSummary = {
      ...summarise(during, duringIntegrity, cpu3 - cpu2, [la2, la3]),
      import: {
        seconds: Math.round(run.seconds * 10) / 10,
        exitCode: run.code,
        errored: run.code !== 0,
        error: run.code !== 0 ? (run.stderr.trim() || run.stdout.trim()).split("\n").slice(-3).join(" | ").slice(0, 500) : null,
        itemsCreated: itemsAfter - itemsBefore,
        maxRssMB: run.maxRssMB,
      },
      savesDuringImport: saveWithinImport.length,
      saveDuringImport: percentiles(saveWithinImport),
      nextItemDuringImport: latency(during, "next", inImport),
      serverAlive: server.alive(),
    };
    printLoad("load during the import", duringSummary);
    log(`    import of ${fmt(NEW_ITEMS)} new items: ${duringSummary.import.errored ? `FAILED (exit ${run.code}): ${duringSummary.import.error}` : "ok"}, ${duringSummary.import.seconds} s, ${fmt(duringSummary.import.itemsCreated)} items created, peak RSS ${run.maxRssMB ?? "?"} MB`);
    log(`    during the import: ${fmt(duringSummary.savesDuringImport)} saves, save p50 ${duringSummary.saveDuringImport.p50} / p95 ${duringSummary.saveDuringImport.p95} / p99 ${duringSummary.saveDuringImport.p99} / max ${duringSummary.saveDuringImport.max} ms; next item p95 ${duringSummary.nextItemDuringImport.p95} ms; server ${duringSummary.serverAlive ? "still up" : "DIED"}`);
    if (load.errors + during.errors > 0 || !server.alive()) {
      const tail = server.log.filter((l) => !/^\s*$/.test(l)).slice(-8);
      if (tail.length) log(`    server log (last lines):\n      ${tail.join("\n      ")}`);
    }
    return { floor, load: loadSummary, loadDuringImport: duringSummary, ...(profile ? { profile } : {}) };
  } finally {
    await server?.stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------

type ProviderFigures = { assign: Awaited<ReturnType<typeof measureAssign>> | null } & Awaited<ReturnType<typeof measureLoad>>;

function targetCheck(f: ProviderFigures) {
  const i = f.load.integrity;
  const j = f.loadDuringImport.integrity;
  return {
    nextItemP95: f.load.nextItem.p95 <= TARGETS.nextItemP95Ms,
    saveP95: f.load.save.p95 <= TARGETS.saveP95Ms,
    errors: f.load.errors + f.loadDuringImport.errors === TARGETS.errors,
    doubleLeases: Math.max(i.doubleLeases, j.doubleLeases) === 0,
    lostDecisions: Math.max(i.lostDecisions, j.lostDecisions) === 0,
    duplicatedDecisions: Math.max(i.duplicatedDecisions, j.duplicatedDecisions) === 0,
    saveP95DuringImport: f.loadDuringImport.savesDuringImport > 0 && f.loadDuringImport.saveDuringImport.p95 <= TARGETS.saveP95DuringImportMs,
    // null: not measured (--skip-assign).
    assign: f.assign === null ? null : !f.assign.errored && !f.assign.timedOut && f.assign.assignmentsInDatabase === f.assign.expectedAssignments,
  };
}

async function main() {
  if (PROVIDERS.length === 0) throw new Error("nothing to measure: --no-sqlite and --no-postgres together");
  log(`bench:load — ${fmt(ITEMS)} items (${REQUIRED_REVIEWS} reviews each), ${REVIEWERS} reviewers${THINK_MS ? ` pausing ${THINK_MS} ms between items` : " with no pause"}, ${SECONDS} s per load, ${PROVIDERS.join(" and ")}${ANALYZE ? ", copies analysed" : ""}`);
  // Preparing the databases needs no build (and leaves a running server's build alone).
  if (args.includes("--prepare-only")) {
    const cache = await ensureCaches();
    console.log(JSON.stringify({ items: ITEMS, cache }));
    return;
  }
  const buildSeconds = ensureBuild();
  const cache = await ensureCaches();
  mkdirSync(WORK_DIR, { recursive: true });
  // Per run: two runs (one per database) may share the folder.
  const newItemsFile = path.join(WORK_DIR, `new-items-${NEW_ITEMS}-${process.pid}.jsonl`);
  await generateItems(newItemsFile, NEW_ITEMS, 4242, { requiredReviews: REQUIRED_REVIEWS, idPrefix: "bench-new-" });

  const figures: Partial<Record<Provider, ProviderFigures & { targetsMet: ReturnType<typeof targetCheck> }>> = {};
  try {
    for (const p of PROVIDERS) {
      log(`\n${p}:`);
      const assign = args.includes("--skip-assign") ? null : await measureAssign(p);
      const load = await measureLoad(p, newItemsFile);
      const f = { assign, ...load };
      figures[p] = { ...f, targetsMet: targetCheck(f) };
    }
  } finally {
    rmSync(newItemsFile, { force: true });
  }
  const cacheSize = PROVIDERS.includes("sqlite") && sqliteCacheExists(ITEMS) ? Math.round(statSync(sqliteCacheFile(ITEMS)).size / 1e6) : null;
  log(`\ntargets: next item p95 ≤ ${TARGETS.nextItemP95Ms} ms, save p95 ≤ ${TARGETS.saveP95Ms} ms, 0 errors / double leases / lost / duplicated decisions, save p95 during the import ≤ ${TARGETS.saveP95DuringImportMs} ms`);
  for (const p of PROVIDERS) {
    const met = figures[p]!.targetsMet;
    const missed = Object.entries(met).filter(([, ok]) => ok === false).map(([k]) => k);
    const unmeasured = Object.entries(met).filter(([, ok]) => ok === null).map(([k]) => k);
    log(`  ${p}: ${missed.length ? `MISSED ${missed.join(", ")}` : "all met"}${unmeasured.length ? ` (not measured: ${unmeasured.join(", ")})` : ""}${THINK_MS ? ` — with a mean pause of ${THINK_MS} ms between items` : ""}`);
  }
  console.log(
    JSON.stringify({
      items: ITEMS,
      requiredReviews: REQUIRED_REVIEWS,
      reviewers: REVIEWERS,
      seconds: SECONDS,
      thinkMs: THINK_MS,
      importItems: NEW_ITEMS,
      buildSeconds: Math.round(buildSeconds),
      cache: { ...cache, sqliteFileMB: cacheSize, postgresTemplate: PROVIDERS.includes("postgres") ? pgCacheName(ITEMS) : null },
      ...figures,
      targets: TARGETS,
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
