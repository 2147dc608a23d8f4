// The progress dashboard against the production build: its counts match the database after reviews made through
// the API, a chart is saved as a screenshot, a CSV download holds the chart's numbers, unknown filter values give
// empty panels, and an adjudicator reads it without reaching the admin-only pages.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { account, signInAs } from "./helpers";
import { assignBatch, e2eDataDir, importLines, openQaLine } from "./workspace-data";

function sqlite() {
  return new Database(path.join(e2eDataDir(), "spinemed.db"), { readonly: true });
}

function parseCsv(text: string): string[][] {
  return text.trim().split(/\r?\n/).map((l) => l.split(","));
}

async function review(page: Page, itemId: string, body: Record<string, unknown>) {
  const res = await page.request.post(`/api/review/items/${itemId}/reviews`, { data: body, headers: { Origin: new URL(page.url()).origin } });
  expect(res.status(), await res.text()).toBe(200);
}

let batch = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  const stamp = Date.now().toString(36);
  batch = importLines(
    Array.from({ length: 4 }, (_, i) => {
      const l = openQaLine(`dash-${stamp}-${i}`, `Draft answer ${i}: the L5 root.`);
      l.requiredReviews = 2;
      l.levels = ["L4/L5"];
      return l;
    }),
  );
  assignBatch(account("reviewer", 0).email, batch);
  assignBatch(account("reviewer", 1).email, batch);
});

test("an admin's dashboard matches the database; a chart is saved; its CSV holds the chart's numbers", async ({ page, browser }, testInfo) => {
  const db = sqlite();
  const items = db.prepare(`SELECT "id", "currentVersionId" FROM "Item" WHERE "importBatchId" = ? ORDER BY "externalId"`).all(batch) as { id: string; currentVersionId: string }[];
  db.close();
  expect(items).toHaveLength(4);

  // Two reviewers: they agree on two items, disagree on one (a level moved), and one item waits for its second review.
  const first = await (await browser.newContext()).newPage();
  await signInAs(first, "reviewer", 0);
  for (const it of items) await review(first, it.id, { baseVersionId: it.currentVersionId, decision: "accept", levels: [{ level: "L4/L5", decision: "accept" }], timeSpentMs: 42_000 });
  await first.close();
  const other = await (await browser.newContext()).newPage();
  await signInAs(other, "reviewer", 1);
  await review(other, items[0].id, { baseVersionId: items[0].currentVersionId, decision: "accept", levels: [{ level: "L4/L5", decision: "accept" }], timeSpentMs: 65_000 });
  await review(other, items[1].id, { baseVersionId: items[1].currentVersionId, decision: "edit", reason: "wrong_level", severity: "major", levels: [{ level: "L4/L5", decision: "edit", correctedLevel: "L5/S1" }], timeSpentMs: 120_000 });
  await review(other, items[2].id, { baseVersionId: items[2].currentVersionId, decision: "reject", reason: "hallucinated_finding", severity: "clinically_dangerous", levels: [{ level: "L4/L5", decision: "accept" }], timeSpentMs: 30_000 });
  await other.close();

  const check = sqlite();
  const truth = {
    items: (check.prepare(`SELECT COUNT(*) AS n FROM "Item" WHERE "importBatchId" = ?`).get(batch) as { n: number }).n,
    decided: (check.prepare(`SELECT COUNT(*) AS n FROM "Item" WHERE "importBatchId" = ? AND "status" IN ('approved', 'rejected', 'adjudicated')`).get(batch) as { n: number }).n,
    disputed: (check.prepare(`SELECT COUNT(*) AS n FROM "Item" WHERE "importBatchId" = ? AND "status" = 'disputed'`).get(batch) as { n: number }).n,
    reviews: (check.prepare(`SELECT COUNT(*) AS n FROM "Review" r JOIN "Item" i ON i."id" = r."itemId" WHERE i."importBatchId" = ? AND r."isAdjudication" = 0`).get(batch) as { n: number }).n,
    byStatus: check.prepare(`SELECT "status", COUNT(*) AS n FROM "Item" WHERE "importBatchId" = ? GROUP BY "status"`).all(batch) as { status: string; n: number }[],
    byReviewer: check
      .prepare(`SELECT u."name", COUNT(*) AS n FROM "Review" r JOIN "Item" i ON i."id" = r."itemId" JOIN "User" u ON u."id" = r."reviewerId" WHERE i."importBatchId" = ? GROUP BY u."name" ORDER BY u."name"`)
      .all(batch) as { name: string; n: number }[],
  };
  check.close();
  expect(truth).toMatchObject({ items: 4, reviews: 7, disputed: 2, decided: 1 });

  await signInAs(page, "admin");
  await page.goto(`/admin/progress?batch=${batch}`);
  await expect(page.getByRole("heading", { name: "Progress and agreement" })).toBeVisible();
  await expect(page.getByTestId("kpi-items")).toHaveText(String(truth.items));
  await expect(page.getByTestId("kpi-decided")).toHaveText(String(truth.decided));
  await expect(page.getByTestId("kpi-reviews")).toHaveText(String(truth.reviews));
  await expect(page.getByTestId("kpi-backlog")).toHaveText(String(truth.disputed));

  // The level-correction heatmap shows the one L4/L5 → L5/S1 correction; saved as an artifact.
  const heat = page.getByTestId("chart-level-corrections");
  await expect(heat.locator('g.heat-cell[data-from="L4/L5"][data-to="L5/S1"]')).toHaveAttribute("data-n", "1");
  await heat.screenshot({ path: testInfo.outputPath("dashboard-level-corrections.png") });
  const byReviewerChart = page.getByTestId("chart-throughput-reviewer");
  await byReviewerChart.screenshot({ path: testInfo.outputPath("dashboard-throughput-reviewer.png") });

  // The throughput-per-reviewer chart's bar labels (SVG text) = its CSV = the database.
  const labels = (await byReviewerChart.locator(".recharts-label-list text").allTextContents()).filter((t) => t.trim() !== "").map((t) => Number(t.replace(/,/g, "")));
  const csvRes = await page.request.get((await page.getByTestId("csv-throughput-reviewer").getAttribute("href"))!);
  expect(csvRes.headers()["content-type"]).toContain("text/csv");
  const rows = parseCsv(await csvRes.text());
  expect(rows[0]).toEqual(["reviewer", "reviews", "adjudications", "per active day"]);
  const csvValues = rows.slice(1).flatMap((r) => [Number(r[1]), Number(r[2])]).filter((n) => n > 0);
  expect(labels.length).toBeGreaterThan(0);
  expect([...labels].sort()).toEqual([...csvValues].sort());
  expect(rows.slice(1).map((r) => [r[0], Number(r[1])]).sort()).toEqual(truth.byReviewer.map((r) => [r.name, r.n]).sort());

  // Completion by task type: the CSV's status counts are the database's.
  const completion = parseCsv(await (await page.request.get(`/api/admin/dashboard/csv?chart=completion-taskType&batch=${batch}`)).text());
  const header = completion[0];
  const openQa = completion.find((r) => r[0] === "open_qa")!;
  for (const s of truth.byStatus) expect(Number(openQa[header.indexOf(s.status)])).toBe(s.n);
  expect(Number(openQa[1])).toBe(truth.items);
});

test("a filter value that does not exist gives empty panels, not an error", async ({ page }) => {
  await signInAs(page, "admin");
  const res = await page.goto("/admin/progress?batch=no-such-batch&taskType=nonsense&from=yesterday&level=Z9");
  expect(res?.status()).toBe(200);
  await expect(page.getByTestId("kpi-items")).toHaveText("0");
  await expect(page.getByTestId("empty-completion-taskType")).toBeVisible();
  await expect(page.getByTestId("empty-agreement-pairs")).toBeVisible();
  await expect(page.getByText('from: "yesterday" is not a date')).toBeVisible();
  const csv = await page.request.get("/api/admin/dashboard/csv?chart=gold&batch=no-such-batch");
  expect(csv.status()).toBe(200);
  expect(parseCsv(await csv.text())).toHaveLength(1);
  expect((await page.request.get("/api/admin/dashboard/csv?chart=nope")).status()).toBe(404);
});

test("an adjudicator reads the dashboard and cannot reach admin-only pages", async ({ page }) => {
  await signInAs(page, "adjudicator");
  await page.getByRole("link", { name: "Progress" }).click();
  await expect(page).toHaveURL(/\/admin\/progress/);
  await expect(page.getByText("Read-only view for adjudicators.")).toBeVisible();
  await expect(page.getByTestId("chart-completion-taskType")).toBeVisible();
  expect((await page.request.get("/api/admin/dashboard/csv?chart=backlog")).status()).toBe(200);
  for (const p of ["/admin/import", "/admin/assign", "/admin/users", "/admin/export", "/admin/pacs"]) {
    const res = await page.goto(p);
    expect(res?.status(), p).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
  }
  // The items browser is theirs too (read-only: bulk actions are for admins).
  expect((await page.goto("/admin/items"))?.status()).toBe(200);
  expect((await page.request.get("/api/admin/gold-accuracy")).status()).toBe(403);
});
