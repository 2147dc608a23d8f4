// The dashboard benchmark's database: bench:load's cached database (items imported through the real import) plus
// about two reviews per item written set-based (a few items with three, a few with one), level decisions with
// some level corrections, rubric scores on reports, gold items, and statuses that follow from the decisions. Then
// the rollups are recounted from scratch (what `npm run dashboard:rebuild` does). Deterministic: every "random"
// choice is a hash of the item's row number.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { DbConfig } from "@/lib/db/config";
import { rebuildRollups } from "@/lib/dashboard/rebuild";
import { openBulk, type BulkTx } from "@/lib/import/bulk";
import { RUBRIC_DIMENSIONS } from "@/lib/review/rubric";
import { cacheKey, CACHE_DIR, pgCacheName, pgUrl, sqliteCacheFile, withPgAdmin, type Provider } from "./load-db";

export const BENCH_REVIEWERS = 20;
const PG_PREFIX = "spinemed_dashcache_";

function key(items: number): string {
  const h = createHash("sha256");
  h.update(cacheKey(items));
  h.update(readFileSync(path.resolve("scripts/bench/dashboard-data.ts")));
  for (const f of ["keys.ts", "items.ts", "rebuild.ts", "record.ts", "gold.ts"]) h.update(readFileSync(path.resolve("lib/dashboard", f)));
  return h.digest("hex").slice(0, 12);
}

export function dashSqliteFile(items: number): string {
  return path.join(CACHE_DIR, `dash-${key(items)}-${items}.db`);
}

export function dashPgName(items: number): string {
  return `${PG_PREFIX}${key(items)}_${items}`;
}

export function configFor(provider: Provider, items: number): DbConfig {
  if (provider === "sqlite") {
    const file = dashSqliteFile(items);
    return { provider, url: `file:${file}`, file };
  }
  const u = new URL(pgUrl(dashPgName(items)));
  return { provider, url: u.toString(), host: u.hostname, port: Number(u.port || 5432), database: dashPgName(items) };
}

export async function dashDbExists(provider: Provider, items: number): Promise<boolean> {
  if (provider === "sqlite") return existsSync(dashSqliteFile(items));
  return withPgAdmin(async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [dashPgName(items)])).rowCount === 1);
}

/** A number 0..999 from the row number and a salt (Knuth's multiplicative hash), the same on both databases. */
const h = (rn: string, salt: number) => `(((${rn}) * 2654435761 + ${salt * 40503}) % 1000)`;

function reviewSql(tx: BulkTx, which: "a" | "b" | "c"): string {
  const pgsql = tx.provider === "postgres";
  const rn = pgsql ? `n."rn"::bigint` : `n."rn"`;
  const offset = which === "a" ? "0" : which === "b" ? `(1 + (${rn} / ${BENCH_REVIEWERS}) % ${BENCH_REVIEWERS - 1})` : `(2 + (${rn} / ${BENCH_REVIEWERS}) % ${BENCH_REVIEWERS - 2})`;
  const slot = `((${rn} + ${offset}) % ${BENCH_REVIEWERS})`;
  const reviewer = `'benchreviewer' || ${pgsql ? `lpad((${slot})::text, 2, '0')` : `substr('0' || ${slot}, -2, 2)`}`;
  // A's decision; B and C agree with A 80 % of the time.
  const base = h(rn, 1);
  const own = which === "a" ? base : `CASE WHEN ${h(rn, which === "b" ? 2 : 3)} < 800 THEN ${base} ELSE ${h(rn, which === "b" ? 4 : 5)} END`;
  const decision = `CASE WHEN ${own} < 700 THEN 'accept' WHEN ${own} < 880 THEN 'edit' ELSE 'reject' END`;
  const reasons = ["wrong_level", "hallucinated_finding", "wrong_measurement_or_grade", "poor_language", "duplicate"];
  const reason = `CASE WHEN ${own} < 700 THEN NULL ${reasons.map((r, i) => `WHEN ${h(rn, 6 + i)} < ${(i + 1) * 200} THEN '${r}'`).join(" ")} END`;
  const severity = `CASE WHEN ${own} < 700 THEN NULL WHEN ${h(rn, 12)} < 500 THEN 'minor' WHEN ${h(rn, 12)} < 900 THEN 'major' ELSE 'clinically_dangerous' END`;
  const minutes = `((${rn}) * 7 + ${which === "a" ? 0 : which === "b" ? 600 : 1200}) % 129600`; // over 90 days
  const submitted = pgsql
    ? `(TIMESTAMP '2026-09-01 00:00:00' + (${minutes}) * INTERVAL '1 minute')`
    : `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '2026-09-01 00:00:00', '+' || (${minutes}) || ' minutes')`;
  const time = `(10000 + ${h(rn, 13)} * ${which === "a" ? 300 : 420} + ${h(rn, 14)} * 37)`;
  // Rubric scores: B and C give A's score, or one more (wrapping at 5), on each dimension.
  const shift = (i: number) => (which === "a" ? "0" : `CASE WHEN ${h(rn, (which === "b" ? 40 : 60) + i)} < 700 THEN 0 ELSE 1 END`);
  const dims = RUBRIC_DIMENSIONS.map((d, i) => `'"${d}":' || (1 + (${h(rn, 20 + i)} + ${shift(i)}) % 5)`);
  const rubric = `CASE WHEN i."taskType" = 'report' THEN '{' || ${dims.join(" || ',' || ")} || '}' ELSE NULL END`;
  const enumCast = (t: string) => (pgsql ? `::"${t}"` : "");
  const when = which === "a" ? "1 = 1" : which === "b" ? `n."rn" % 20 <> 1` : `n."rn" % 20 = 0`;
  return `INSERT INTO "Review" ("id", "itemId", "reviewerId", "isAdjudication", "round", "baseVersionId", "decision", "reason", "severity", "rubric", "timeSpentMs", "submittedAt")
    SELECT 'benchrev${which}' || n."rn", i."id", ${reviewer}, ${pgsql ? "false" : "0"}, 1, i."currentVersionId", (${decision})${enumCast("Decision")}, ${reason}, (${severity})${enumCast("Severity")},
      (${rubric})${pgsql ? "::jsonb" : ""}, ${time}, ${submitted}
    FROM "BenchItemNumber" n JOIN "Item" i ON i."id" = n."id" WHERE ${when}`;
}

async function addReviews(tx: BulkTx, log: (s: string) => void): Promise<void> {
  const pgsql = tx.provider === "postgres";
  await tx.run(`CREATE TABLE "BenchItemNumber" ("id" TEXT PRIMARY KEY, "rn" INTEGER NOT NULL)`);
  await tx.run(`INSERT INTO "BenchItemNumber" ("id", "rn") SELECT "id", ROW_NUMBER() OVER (ORDER BY "id") FROM "Item" WHERE "stagedBatchId" IS NULL AND "currentVersionId" IS NOT NULL`);
  const users = Array.from({ length: BENCH_REVIEWERS }, (_, i) => ({
    id: `benchreviewer${String(i).padStart(2, "0")}`,
    email: `dash-reviewer-${i}@bench.spinemed`,
    name: `Bench Reviewer ${String(i + 1).padStart(2, "0")}`,
  }));
  for (const u of users)
    await tx.run(`INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "active", "sessionVersion", "createdAt", "updatedAt") VALUES (?, ?, ?, ?${pgsql ? `::"Role"` : ""}, 'x', ${pgsql ? "true" : "1"}, 0, ?, ?) ON CONFLICT DO NOTHING`, [
      u.id,
      u.email,
      u.name,
      "reviewer",
      pgsql ? new Date() : new Date().toISOString().replace("Z", "+00:00"),
      pgsql ? new Date() : new Date().toISOString().replace("Z", "+00:00"),
    ]);
  for (const which of ["a", "b", "c"] as const) {
    const t = performance.now();
    await tx.run(reviewSql(tx, which));
    log(`    reviews ${which}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  // Level decisions: accept, except edits that move a claim now and then (the LLM's level confusion).
  const t = performance.now();
  const lh = (salt: number) => `((${pgsql ? `length(r."id")::bigint` : `length(r."id")`} * 7919 + ${pgsql ? `n."rn"::bigint` : `n."rn"`} * 2654435761 + ${salt}) % 1000)`;
  const moved = `CASE WHEN l."level" = 'L4/L5' THEN 'L5/S1' WHEN l."level" = 'L5/S1' THEN 'L4/L5' WHEN l."level" = 'C5/C6' THEN 'C6/C7' ELSE 'L3/L4' END`;
  await tx.run(
    `INSERT INTO "LevelDecision" ("id", "reviewId", "level", "decision", "correctedLevel", "reason")
     SELECT r."id" || '-' || l."level", r."id", l."level",
       (CASE WHEN r."decision" = 'edit' AND ${lh(1)} < 300 AND l."level" <> ${moved} THEN 'edit' ELSE 'accept' END)${pgsql ? `::"Decision"` : ""},
       CASE WHEN r."decision" = 'edit' AND ${lh(1)} < 300 AND l."level" <> ${moved} THEN ${moved} ELSE NULL END,
       CASE WHEN r."decision" = 'edit' AND ${lh(1)} < 300 AND l."level" <> ${moved} THEN 'wrong_level' ELSE NULL END
     FROM "Review" r JOIN "BenchItemNumber" n ON n."id" = r."itemId" JOIN "ItemLevel" l ON l."itemId" = r."itemId" WHERE r."id" LIKE 'benchrev%'`,
  );
  log(`    level decisions: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  // Statuses from the decisions: one review of two → in review; all alike → approved/rejected; else disputed.
  const t2 = performance.now();
  const cast = pgsql ? `::"ItemStatus"` : "";
  await tx.run(
    `UPDATE "Item" SET "openSlots" = 0, "status" = (SELECT CASE WHEN COUNT(*) < 2 THEN 'in_review' WHEN MIN(CAST(r."decision" AS TEXT)) <> MAX(CAST(r."decision" AS TEXT)) THEN 'disputed'
        WHEN MIN(CAST(r."decision" AS TEXT)) = 'reject' THEN 'rejected' ELSE 'approved' END FROM "Review" r WHERE r."itemId" = "Item"."id")${cast}
     WHERE "id" IN (SELECT "id" FROM "BenchItemNumber")`,
  );
  // Every 200th item is gold, its expectation "accept" on every level.
  await tx.run(`UPDATE "Item" SET "isGold" = ${pgsql ? "true" : "1"} WHERE "id" IN (SELECT "id" FROM "BenchItemNumber" WHERE "rn" % 200 = 7)`);
  await tx.run(
    `INSERT INTO "GoldStandard" ("itemId", "decision", "levels", "createdAt", "updatedAt")
     SELECT n."id", 'accept'${pgsql ? `::"Decision"` : ""}, ${pgsql ? `'{}'::jsonb` : `'{}'`}, ${pgsql ? "now(), now()" : `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now')`} FROM "BenchItemNumber" n WHERE n."rn" % 200 = 7`,
  );
  await tx.run(`DROP TABLE "BenchItemNumber"`);
  log(`    statuses and gold: ${((performance.now() - t2) / 1000).toFixed(1)} s`);
}

/** Builds the benchmark database of `items` items from bench:load's cache (which must exist). */
export async function buildDashDb(provider: Provider, items: number, log: (s: string) => void): Promise<{ seconds: number; reviews: number; rebuildSeconds: number }> {
  const t0 = performance.now();
  let config: DbConfig;
  let finish: () => Promise<void>;
  if (provider === "sqlite") {
    mkdirSync(CACHE_DIR, { recursive: true });
    const final = dashSqliteFile(items);
    const building = `${final}.building`;
    for (const s of ["", "-wal", "-shm"]) rmSync(building + s, { force: true });
    copyFileSync(sqliteCacheFile(items), building);
    config = { provider, url: `file:${building}`, file: building };
    finish = async () => {
      for (const s of ["-wal", "-shm"]) rmSync(building + s, { force: true });
      renameSync(building, final);
    };
  } else {
    const name = dashPgName(items);
    const building = `${PG_PREFIX}building_${items}`;
    await withPgAdmin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${building}" TEMPLATE "${pgCacheName(items)}"`);
    });
    const u = new URL(pgUrl(building));
    config = { provider, url: u.toString(), host: u.hostname, port: Number(u.port || 5432), database: building };
    finish = async () => {
      await withPgAdmin((c) => c.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`));
      const c = new pg.Client({ connectionString: pgUrl(name) });
      await c.connect();
      await c.query("ANALYZE");
      await c.end();
    };
  }
  const tx = await openBulk(config);
  let reviews = 0;
  let rebuildSeconds = 0;
  try {
    await tx.begin();
    await addReviews(tx, log);
    await tx.commit();
    // PostgreSQL plans the recount's reads from statistics that still say the reviews tables are empty: refresh them.
    if (provider === "postgres") await tx.run("ANALYZE");
    const t = performance.now();
    await tx.begin();
    const r = await rebuildRollups(tx);
    await tx.commit();
    rebuildSeconds = (performance.now() - t) / 1000;
    reviews = r.reviews;
    log(`    dashboard:rebuild: ${r.items} items, ${r.reviews} reviews, ${r.counters} counters in ${rebuildSeconds.toFixed(1)} s`);
    if (provider === "sqlite") await tx.run("PRAGMA wal_checkpoint(TRUNCATE)");
    if (provider === "sqlite") await tx.run("ANALYZE");
  } catch (e) {
    await tx.rollback();
    throw e;
  } finally {
    await tx.close();
  }
  await finish();
  return { seconds: (performance.now() - t0) / 1000, reviews, rebuildSeconds };
}
