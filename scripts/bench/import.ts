// npm run bench:import [-- --items 450000] [--no-postgres]
// Generates a SpineMed-scale JSON Lines file, imports it into a fresh SQLite database and a fresh PostgreSQL
// database, and compares with a plain better-sqlite3 insert of the same rows. Each run is its own process.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { generateItems } from "./generate-items";

const args = process.argv.slice(2);
const count = Number(args[args.indexOf("--items") + 1] || 0) || 450_000;
const withPostgres = !args.includes("--no-postgres");
const out = path.resolve("bench-out");
const tsx = ["tsx", "--conditions=react-server"];

function child(script: string, argv: string[], env: Record<string, string>) {
  const r = spawnSync("npx", [...tsx, script, ...argv], { env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=448", ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stdout}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const file = path.join(out, "items.jsonl");
  console.log(`bench:import — ${fmt(count)} items`);
  const t = performance.now();
  const gen = await generateItems(file, count);
  console.log(`  generated ${file}: ${(statSync(file).size / 1e6).toFixed(0)} MB, ${fmt(gen.imageRefs)} image references, in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const sqliteFile = path.join(out, "import.db");
  const s = child("scripts/bench/import-child.ts", [file], { DATABASE_URL: `file:${sqliteFile}`, DATA_DIR: path.join(out, "data") });
  console.log(`  SQLite import:     ${s.seconds.toFixed(1)} s, ${fmt(s.created / s.seconds)} items/s, peak RSS ${fmt(s.maxRssMB)} MB (${fmt(s.created)} items, ${fmt(s.versions)} versions)`);

  const p = child("scripts/bench/plain-insert.ts", [file, path.join(out, "plain.db")], {});
  console.log(`  plain better-sqlite3 insert of the same rows: inserts ${p.insertSeconds.toFixed(1)} s (${fmt(p.items / p.insertSeconds)} items/s); with reading and JSON.parse ${p.totalSeconds.toFixed(1)} s (${fmt(p.items / p.totalSeconds)} items/s)`);
  console.log(`  import rate / plain insert rate: ${((100 * p.insertSeconds) / s.seconds).toFixed(0)} % (inserts only), ${((100 * p.totalSeconds) / s.seconds).toFixed(0)} % (with reading)`);

  const figures: Record<string, unknown> = {
    items: count,
    sqlite: { seconds: s.seconds, itemsPerSecond: s.created / s.seconds, peakRssMB: s.maxRssMB },
    plainInsert: { insertSeconds: p.insertSeconds, totalSeconds: p.totalSeconds },
    rateVsPlain: { insertsOnly: p.insertSeconds / s.seconds, withReading: p.totalSeconds / s.seconds },
  };
  if (withPostgres) {
    const adminUrl = process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const name = `spinemed_bench_${Date.now()}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      const g = child("scripts/bench/import-child.ts", [file], { DATABASE_URL: u.toString(), DATA_DIR: path.join(out, "data-pg") });
      figures.postgres = { seconds: g.seconds, itemsPerSecond: g.created / g.seconds, peakRssMB: g.maxRssMB, timesSqlite: g.seconds / s.seconds };
      console.log(`  PostgreSQL import: ${g.seconds.toFixed(1)} s, ${fmt(g.created / g.seconds)} items/s, peak RSS ${fmt(g.maxRssMB)} MB — ${(g.seconds / s.seconds).toFixed(2)}× SQLite`);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }
  console.log(`  targets: ≤ 60 s on SQLite, ≥ 50 % of the plain insert rate, peak RSS ≤ 600 MB, PostgreSQL within 2× of SQLite`);
  rmSync(out, { recursive: true, force: true });
  console.log(JSON.stringify(figures));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
