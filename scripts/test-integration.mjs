// Runs the integration suite twice: on a fresh SQLite database and on a fresh PostgreSQL database,
// each created for this run and dropped after it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const adminUrl = process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const only = process.argv[2]; // "sqlite" | "postgres" | undefined (both)
const extra = process.argv.slice(3);

function vitest(label, env) {
  console.log(`\n=== integration tests on ${label} ===`);
  const r = spawnSync("npx", ["vitest", "run", "--config", "vitest.integration.config.ts", ...extra], {
    stdio: "inherit",
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return r.status ?? 1;
}

let failed = 0;

if (!only || only === "sqlite") {
  const dir = mkdtempSync(path.join(os.tmpdir(), "spinemed-it-"));
  try {
    failed += vitest(`SQLite (${dir}/spinemed.db)`, { DATA_DIR: dir, DATABASE_URL: `file:${dir}/spinemed.db`, TEST_PROVIDER: "sqlite" }) ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!only || only === "postgres") {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (e) {
    const u = new URL(adminUrl);
    console.error(`PostgreSQL is not reachable at ${u.hostname}:${u.port || 5432} (${e.code ?? e.message}); the integration suite needs it: start it or set PG_ADMIN_URL.`);
    process.exit(1);
  }
  const name = `spinemed_test_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), "spinemed-it-pg-"));
  try {
    failed += vitest(`PostgreSQL (${u.host}/${name})`, { DATA_DIR: dir, DATABASE_URL: u.toString(), TEST_PROVIDER: "postgres" }) ? 1 : 0;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exit(failed ? 1 : 0);
