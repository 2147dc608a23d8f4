// Query plans and timings of the hot queries of the review load, on one database (DATABASE_URL):
// the Next item candidate query and own-queue query of lib/review/next-item.ts, and the chunk query of
// lib/assignments/service.ts. The SQL is what Prisma itself generates (captured from its query log), so the
// plans are those of the running app. Prints the plans, then one JSON line of timings.
// Usage: DATABASE_URL=... tsx --conditions=react-server scripts/bench/load-explain.ts [reviewer e-mail]
import Database from "better-sqlite3";
import pg from "pg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/db/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/db/generated/postgres/client";
import { resolveDbConfig } from "@/lib/db/config";
import { REVIEWABLE_STATUSES } from "@/lib/review/lifecycle";
import { QUEUE_ORDER } from "@/lib/review/queue";
import { reviewerEmail } from "./load-config";

interface Logged {
  query: string;
  params: string;
}

async function main() {
  const config = resolveDbConfig();
  const captured: Logged[] = [];
  const logOpt = { log: [{ emit: "event" as const, level: "query" as const }] };
  const client =
    config.provider === "sqlite"
      ? new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: config.url, readonly: true }), ...logOpt })
      : (new PostgresClient({ adapter: new PrismaPg({ connectionString: config.url }), ...logOpt }) as unknown as SqliteClient);
  (client as unknown as { $on(e: "query", cb: (e: Logged) => void): void }).$on("query", (e) => captured.push({ query: e.query, params: e.params }));

  const email = process.argv[2] ?? reviewerEmail(1);
  // A database without the reviewer (the cached one) still gives the plans: the user filter is a parameter.
  const user = (await client.user.findUnique({ where: { email }, select: { id: true } })) ?? { id: "no-such-user" };
  const reviewable = { stagedBatchId: null, status: { in: [...REVIEWABLE_STATUSES] } };
  const grab = async (label: string, run: () => Promise<unknown>) => {
    captured.length = 0;
    await run();
    // The last statement of the call is the one asked for (Prisma may run helpers first).
    const q = captured[captured.length - 1];
    return { label, sql: q.query, params: JSON.parse(q.params) as unknown[] };
  };
  const queries = [
    await grab("next item: candidates", () =>
      client.item.findMany({
        where: { openSlots: { gt: 0 }, ...reviewable, assignments: { none: { userId: user.id, kind: "review" } } },
        orderBy: [{ openSlots: "asc" }, { id: "asc" }],
        take: 16,
        select: { id: true, round: true },
      }),
    ),
    await grab("next item: own queue", () =>
      client.assignment.findFirst({
        where: { userId: user.id, kind: "review", status: "assigned", item: reviewable },
        orderBy: [...QUEUE_ORDER],
        select: { id: true, itemId: true, origin: true },
      }),
    ),
    await grab("assign: one chunk", () =>
      client.item.findMany({ where: { openSlots: { gt: 0 }, ...reviewable }, orderBy: { id: "asc" }, take: 400, select: { id: true, openSlots: true, round: true } }),
    ),
  ];
  await client.$disconnect();

  const timings: Record<string, number> = {};
  if (config.provider === "sqlite") {
    const d = new Database(config.file, { readonly: true });
    for (const q of queries) {
      const args = q.params.map((p) => (typeof p === "boolean" ? Number(p) : p));
      console.log(`\n${q.label}\n  ${q.sql}\n  plan:`);
      for (const row of d.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...args) as { detail: string }[]) console.log(`    ${row.detail}`);
      const stmt = d.prepare(q.sql);
      stmt.all(...args);
      const t = performance.now();
      for (let i = 0; i < 10; i++) stmt.all(...args);
      timings[q.label] = Math.round(((performance.now() - t) / 10) * 100) / 100;
      console.log(`  ${timings[q.label]} ms per run`);
    }
    const stat = d.prepare("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'").get();
    console.log(`\nplanner statistics (sqlite_stat1): ${stat ? "present" : "absent (ANALYZE never ran)"}`);
    d.close();
  } else {
    const c = new pg.Client({ connectionString: config.url });
    await c.connect();
    for (const q of queries) {
      console.log(`\n${q.label}\n  ${q.sql}\n  plan:`);
      const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
      for (const row of r.rows as Record<string, string>[]) console.log(`    ${row["QUERY PLAN"]}`);
      const t = performance.now();
      for (let i = 0; i < 10; i++) await c.query(q.sql, q.params);
      timings[q.label] = Math.round(((performance.now() - t) / 10) * 100) / 100;
      console.log(`  ${timings[q.label]} ms per run`);
    }
    await c.end();
  }
  console.log(JSON.stringify({ provider: config.provider, timingsMs: timings }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
