// Two app instances on two ports, on ONE fresh PostgreSQL database and one shared data folder (images):
// sessions, Next-item slots and job progress live in the database, so it must not matter which instance
// a request reaches. The database is created here (the instances migrate it at start) and dropped after.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import pg from "pg";
import { example } from "../lib/items/test-fixtures";
import { startAppInstance, type AppInstance } from "./app-instance";

test.describe.configure({ mode: "serial" });

const adminUrl = process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `spinemed_e2e_two_${process.pid}_${Date.now().toString(36)}`;
const ADMIN = { email: "admin@two.test", password: "two-instances-admin-pw" };
const REVIEWERS = [
  { email: "r1@two.test", name: "Reviewer One", password: "two-instances-r1-pw" },
  { email: "r2@two.test", name: "Reviewer Two", password: "two-instances-r2-pw" },
];
const ROUNDS = 25;
const IMPORT_LINES = 10_000;

let a: AppInstance;
let b: AppInstance;
let sql: pg.Client;
let shared: string;
let files: string;

function dbUrl(): string {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
}

test.beforeAll(async () => {
  test.setTimeout(150_000);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  shared = mkdtempSync(path.join(os.tmpdir(), "spinemed-e2e-two-"));
  files = mkdtempSync(path.join(os.tmpdir(), "spinemed-e2e-two-files-"));
  const env = { DATABASE_URL: dbUrl() };
  // Started together: both apply the migrations at start, under PostgreSQL's advisory lock, once.
  [a, b] = await Promise.all([
    startAppInstance({ dataDir: shared, env: { ...env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ADMIN_NAME: "Two Admin" } }),
    startAppInstance({ dataDir: shared, env }),
  ]);
  sql = new pg.Client({ connectionString: dbUrl() });
  await sql.connect();
});

test.afterAll(async () => {
  await sql?.end();
  await Promise.all([a?.stop(), b?.stop()]);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
  for (const d of [shared, files]) if (d) rmSync(d, { recursive: true, force: true });
});

/** next-auth's own sign-in, as its client does it (CSRF token, then the credentials callback). */
async function signIn(request: APIRequestContext, base: string, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await request.post(`${base}/api/auth/callback/credentials`, { form: { csrfToken, email, password, json: "true" }, headers: { Origin: base } });
  expect(res.status(), await res.text()).toBe(200);
  expect(((await (await request.get(`${base}/api/auth/session`)).json()) as { user?: { email?: string } }).user?.email).toBe(email);
}

async function post<T>(request: APIRequestContext, base: string, route: string, data: unknown): Promise<T> {
  const res = await request.post(`${base}${route}`, { data, headers: { Origin: base } });
  expect(res.ok(), `${route}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

function itemsFile(name: string, n: number, prefix: string): string {
  const base = example("open_qa");
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(JSON.stringify({ ...base, externalId: `${prefix}-${String(i).padStart(6, "0")}` }));
  const file = path.join(files, name);
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

async function copyCookies(from: BrowserContext, to: BrowserContext, origin: string): Promise<void> {
  const cookies = await from.cookies();
  await to.addCookies(cookies.map((c) => ({ name: c.name, value: c.value, url: origin, httpOnly: c.httpOnly, sameSite: c.sameSite, secure: c.secure })));
}

test("both instances migrated one database, and started from one set of migrations", async () => {
  const { rows } = await sql.query(`SELECT count(*)::int AS n, count(DISTINCT migration_name)::int AS d FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
  expect(rows[0].n).toBeGreaterThan(0);
  expect(rows[0].n).toBe(rows[0].d);
  for (const i of [a, b]) expect((await (await fetch(`${i.url}/api/health`)).json()) as object).toMatchObject({ ok: true, database: "postgres" });
});

test("a session created on A works on B, and ending it on B ends it on A", async ({ browser }) => {
  const onA = await browser.newContext({ baseURL: a.url });
  const page = await onA.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText("Two Admin");

  // A context of its own for B, holding nothing but the cookies A set.
  const onB = await browser.newContext({ baseURL: b.url });
  await copyCookies(onA, onB, b.url);
  const pageB = await onB.newPage();
  await pageB.goto("/admin/users");
  await expect(pageB.getByTestId("current-user")).toContainText("Two Admin");
  await expect(pageB.getByTestId(`user-row-${ADMIN.email}`)).toBeVisible();

  // Users made through B are seen on A's page.
  for (const r of REVIEWERS) await post(onB.request, b.url, "/api/admin/users", { ...r, role: "reviewer" });
  await page.goto("/admin/users");
  for (const r of REVIEWERS) await expect(page.getByTestId(`user-row-${r.email}`)).toBeVisible();

  // "Sign out everywhere" on B: the same cookie no longer opens a session on A.
  await post(onB.request, b.url, "/api/auth/sign-out-everywhere", {});
  expect(((await (await onA.request.get(`${a.url}/api/auth/session`)).json()) as { user?: unknown }).user).toBeUndefined();
  await page.goto("/queue");
  await expect(page).toHaveURL(/\/login$/);
  await Promise.all([onA.close(), onB.close()]);
});

test("an import started on A shows its progress on B", async ({ browser }) => {
  test.setTimeout(120_000);
  const onA = await browser.newContext({ baseURL: a.url });
  const page = await onA.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText("Two Admin");
  const onB = await browser.newContext({ baseURL: b.url });
  await copyCookies(onA, onB, b.url);

  await page.goto("/admin/import");
  await page.getByTestId("items-file").setInputFiles(itemsFile("big.jsonl", IMPORT_LINES, "two-big"));
  const started = page.waitForResponse((r) => r.url().endsWith("/api/admin/imports") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Start import" }).click();
  const { jobId } = (await (await started).json()) as { jobId: string };

  // B answers from the Job row the worker (started by A) writes: the same call the Import page polls.
  const seen: { status: string; done: number; total: number }[] = [];
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; ) {
    const res = await onB.request.get(`${b.url}/api/admin/jobs/${jobId}`);
    expect(res.status()).toBe(200);
    const { job } = (await res.json()) as { job: { status: string; progress: { done: number; total: number } | null } };
    seen.push({ status: job.status, done: job.progress?.done ?? 0, total: job.progress?.total ?? 0 });
    if (job.status === "completed" || job.status === "failed") break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const last = seen[seen.length - 1];
  expect(last.status, JSON.stringify(seen.slice(-3))).toBe("completed");
  const midway = seen.filter((s) => s.status === "running" && s.total === IMPORT_LINES && s.done > 0 && s.done < s.total);
  console.log(`two instances: B read the import's job ${seen.length} times, ${midway.length} of them mid-way (${midway.map((m) => m.done).join(", ")})`);
  expect(midway.length, `B saw no progress between 0 and ${IMPORT_LINES}: ${JSON.stringify(seen.filter((s, i) => i % 10 === 0))}`).toBeGreaterThan(0);
  // The page on A followed the same job to its end.
  await expect(page.getByRole("button", { name: "Start import" })).toBeEnabled({ timeout: 15_000 });
  const { rows } = await sql.query(`SELECT count(*)::int AS n FROM "Item" WHERE "externalId" LIKE 'two-big-%' AND "stagedBatchId" IS NULL`);
  expect(rows[0].n).toBe(IMPORT_LINES);
  await Promise.all([onA.close(), onB.close()]);
});

test("two reviewers pulling Next item, one on A and one on B, never get the same slot", async ({ playwright }) => {
  test.setTimeout(120_000);
  // The batch imported above: one review each, so a slot given twice would be one item given to both.
  const { rows: [{ id: batchId }] } = await sql.query(`SELECT id FROM "ImportBatch" ORDER BY "startedAt" DESC LIMIT 1`);
  const { rows: [{ n: batchItems }] } = await sql.query(`SELECT count(*)::int AS n FROM "Item" WHERE "importBatchId" = $1 AND "requiredReviews" = 1`, [batchId]);
  expect(batchItems).toBe(IMPORT_LINES);

  const r1 = await playwright.request.newContext();
  const r2 = await playwright.request.newContext();
  await signIn(r1, a.url, REVIEWERS[0].email, REVIEWERS[0].password);
  await signIn(r2, b.url, REVIEWERS[1].email, REVIEWERS[1].password);
  type Next = { itemId: string | null; source?: string };
  const pulls: [string, string][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const [x, y] = await Promise.all([
      post<Next>(r1, a.url, "/api/review/next", { batchId }),
      post<Next>(r2, b.url, "/api/review/next", { batchId }),
    ]);
    expect(x.itemId, `round ${round}`).toBeTruthy();
    expect(y.itemId, `round ${round}`).toBeTruthy();
    expect(x.itemId, `round ${round}: both got ${x.itemId}`).not.toBe(y.itemId);
    pulls.push([x.itemId!, y.itemId!]);
    // In the database: no item holds more review assignments than it has slots, and none is below zero.
    const { rows: over } = await sql.query(
      `SELECT i.id, i."requiredReviews", i."openSlots", count(a.id)::int AS held FROM "Item" i
       LEFT JOIN "Assignment" a ON a."itemId" = i.id AND a.kind = 'review' AND a.status = 'assigned'
       WHERE i."importBatchId" = $1 GROUP BY i.id
       HAVING count(a.id) > i."requiredReviews" OR i."openSlots" < 0 OR i."openSlots" + count(a.id) <> i."requiredReviews"`,
      [batchId],
    );
    expect(over, `round ${round}`).toEqual([]);
    // Both skip (their own queue would hand the held item back): the slots return to the pool, where the
    // other reviewer may race for them in the next round.
    await Promise.all([
      post(r1, a.url, `/api/review/items/${x.itemId}/release`, { reason: "skip" }),
      post(r2, b.url, `/api/review/items/${y.itemId}/release`, { reason: "skip" }),
    ]);
  }
  // Every item either reviewer was given, counted in the database: never two holders at once.
  const { rows: holders } = await sql.query(
    `SELECT "itemId", count(*)::int AS n FROM "Assignment" WHERE kind = 'review' AND status = 'assigned' GROUP BY "itemId" HAVING count(*) > 1`,
  );
  expect(holders).toEqual([]);
  const { rows: mine } = await sql.query(
    `SELECT u.email, count(*)::int AS n FROM "Assignment" a JOIN "User" u ON u.id = a."userId" WHERE a.kind = 'review' GROUP BY u.email ORDER BY u.email`,
  );
  // Each pull was a new item for its reviewer (nobody is handed an item twice).
  expect(mine).toEqual([{ email: REVIEWERS[0].email, n: ROUNDS }, { email: REVIEWERS[1].email, n: ROUNDS }]);
  for (const k of [0, 1]) expect(new Set(pulls.map((p) => p[k])).size).toBe(ROUNDS);
  await Promise.all([r1.dispose(), r2.dispose()]);
});
