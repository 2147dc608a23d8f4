// npm run bench:dashboard [-- --items 450000] [--runs 7] [--no-sqlite] [--no-postgres] [--no-items-browser]
//                                                                                  (or DASH_BENCH_ITEMS=…)
// Server time of each dashboard panel at SpineMed scale, on SQLite and on PostgreSQL. The database is bench:load's
// cached one (450,000 items imported through the real import; built here the same way if missing) plus ~900,000
// reviews written set-based and the rollups recounted (scripts/bench/dashboard-data.ts), cached under bench-out/.
// Each panel is read through the same functions the page uses (lib/dashboard/load), `runs` times; the figure is
// the median. Prints its figures, then ONE JSON object with all of them as the last line.
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { disconnectDatabase } from "@/lib/db/client";
import { parseFilters } from "@/lib/dashboard/filters";
import { loadDashboard, PANEL_LOADERS, type PanelName } from "@/lib/dashboard/load";
import { reader } from "@/lib/dashboard/read";
import { buildDashDb, configFor, dashDbExists } from "./dashboard-data";
import { generateItems } from "./generate-items";
import { REQUIRED_REVIEWS } from "./load-config";
import { buildPgCache, buildSqliteCache, pgCacheName, pgDatabaseExists, sqliteCacheExists, WORK_DIR, type Provider } from "./load-db";

// The items browser's figures (scripts/bench/items-browser.ts exports measureItemsBrowser, measured on the database
// DATABASE_URL names) join this bench's JSON line whenever that module is present; --no-items-browser leaves them out.
type MeasureItemsBrowser = (opts: { runs?: number }) => Promise<Record<string, number>>;
async function itemsBrowserAdapter(): Promise<MeasureItemsBrowser | null> {
  const file = new URL("./items-browser.ts", import.meta.url);
  if (args.includes("--no-items-browser") || !existsSync(file)) return null;
  const mod = (await import(file.href)) as { measureItemsBrowser?: MeasureItemsBrowser };
  return mod.measureItemsBrowser ?? null;
}

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
};
const ITEMS = Math.floor(opt("items", Number(process.env.DASH_BENCH_ITEMS || 450_000)));
const RUNS = Math.floor(opt("runs", 7));
const PROVIDERS: Provider[] = [...(args.includes("--no-sqlite") ? [] : ["sqlite" as const]), ...(args.includes("--no-postgres") ? [] : ["postgres" as const])];
const TARGET_MS = 300;

const log = (s: string) => console.log(s);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

async function ensureBase(provider: Provider): Promise<Record<string, unknown>> {
  const exists = provider === "sqlite" ? sqliteCacheExists(ITEMS) : await pgDatabaseExists(pgCacheName(ITEMS));
  if (exists) return { baseReused: true };
  mkdirSync(WORK_DIR, { recursive: true });
  const jsonl = path.join(WORK_DIR, `items-${ITEMS}-dash-${process.pid}.jsonl`);
  await generateItems(jsonl, ITEMS, 42, { requiredReviews: REQUIRED_REVIEWS });
  log(`  generated ${ITEMS.toLocaleString("en-US")} items (${(statSync(jsonl).size / 1e6).toFixed(0)} MB); importing into ${provider}…`);
  const r = provider === "sqlite" ? buildSqliteCache(ITEMS, jsonl) : await buildPgCache(ITEMS, jsonl);
  rmSync(jsonl, { force: true });
  log(`  ${provider}: imported ${r.created.toLocaleString("en-US")} items in ${r.seconds.toFixed(1)} s`);
  return { baseReused: false, importSeconds: r1(r.seconds) };
}

async function measure(provider: Provider): Promise<Record<string, unknown>> {
  log(`\n== ${provider} ==`);
  const info: Record<string, unknown> = await ensureBase(provider);
  if (!(await dashDbExists(provider, ITEMS))) {
    log("  adding reviews set-based and recounting the rollups…");
    const b = await buildDashDb(provider, ITEMS, log);
    Object.assign(info, { built: true, buildSeconds: r1(b.seconds), rebuildSeconds: r1(b.rebuildSeconds), reviews: b.reviews });
  } else info.built = false;

  await disconnectDatabase();
  const config = configFor(provider, ITEMS);
  process.env.DATABASE_URL = config.url;
  const exec = reader();
  const counts = await exec.all<{ items: unknown; reviews: unknown; counters: unknown }>(
    `SELECT (SELECT COUNT(*) FROM "Item") AS "items", (SELECT COUNT(*) FROM "Review") AS "reviews", (SELECT COUNT(*) FROM "DashCounter") AS "counters"`,
  );
  Object.assign(info, { items: Number(counts[0].items), reviews: Number(counts[0].reviews), counterRows: Number(counts[0].counters) });
  log(`  ${Number(counts[0].items).toLocaleString("en-US")} items, ${Number(counts[0].reviews).toLocaleString("en-US")} reviews, ${Number(counts[0].counters).toLocaleString("en-US")} counter rows`);

  const views: Record<string, URLSearchParams> = {
    all: new URLSearchParams(),
    report: new URLSearchParams({ taskType: "report" }),
    month: new URLSearchParams({ from: "2026-10-01", to: "2026-10-31" }),
    level: new URLSearchParams({ level: "L4/L5" }),
  };
  const figures: Record<string, number> = {};
  // Warm every view once first (JIT, the database's page cache), so the first view measured is not the cold one.
  for (const params of Object.values(views)) await loadDashboard(parseFilters(params), exec);
  for (const [view, params] of Object.entries(views)) {
    const f = parseFilters(params);
    const per: Record<string, number[]> = {};
    const totals: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await loadDashboard(f, exec);
      totals.push(r.totalMs);
      for (const [k, v] of Object.entries(r.ms)) (per[k] ??= []).push(v);
    }
    figures[`${view}.totalMs`] = r1(median(totals));
    for (const k of Object.keys(PANEL_LOADERS) as PanelName[]) figures[`${view}.${k}Ms`] = r1(median(per[k]));
    log(`  view ${view.padEnd(7)} total ${figures[`${view}.totalMs`]} ms  (${(Object.keys(PANEL_LOADERS) as PanelName[]).map((k) => `${k} ${figures[`${view}.${k}Ms`]}`).join(", ")})`);
  }
  info.figures = figures;
  info.maxTotalMs = Math.max(...Object.keys(views).map((v) => figures[`${v}.totalMs`]));
  info.withinTarget = (info.maxTotalMs as number) <= TARGET_MS;
  const measureItemsBrowser = await itemsBrowserAdapter();
  if (measureItemsBrowser) {
    info.itemsBrowser = await measureItemsBrowser({ runs: RUNS });
    log(`  items browser: ${JSON.stringify(info.itemsBrowser)}`);
  }
  await disconnectDatabase();
  return info;
}

async function main() {
  log(`bench:dashboard at ${ITEMS.toLocaleString("en-US")} items, ${RUNS} runs per view (target: ≤ ${TARGET_MS} ms server time for the whole page)`);
  const out: Record<string, unknown> = { items: ITEMS, runs: RUNS, targetMs: TARGET_MS };
  for (const p of PROVIDERS) out[p] = await measure(p);
  console.log(JSON.stringify(out));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
