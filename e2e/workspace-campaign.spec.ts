import { writeFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { HEARTBEAT_INTERVAL_MS } from "../lib/review/lifecycle";
import { signIn, expectWorkspaceReady } from "./helpers";
import path from "node:path";
import Database from "better-sqlite3";
import { assignBatch, createReviewer, e2eDataDir, importLines, openQaLines } from "./workspace-data";

/** Takes every open review slot out of the pool but those of items whose external id starts with a prefix. */
function closePoolExcept(prefixes: string[]) {
  const db = new Database(path.join(e2eDataDir(), "spinemed.db"));
  try {
    db.prepare(`UPDATE "Item" SET "openSlots" = 0 WHERE ${prefixes.map(() => `"externalId" NOT LIKE ? || '%'`).join(" AND ")}`).run(...prefixes);
  } finally {
    db.close();
  }
}

// The review campaign from the reviewer's side: queue pages, Next item, Skip, accept and next, the working lease.
// Each test makes its own reviewers and items with the product's CLI, so the demo data the other specs rely on
// stays as it is.

const stamp = Date.now();
let n = 0;

function newReviewer(label: string) {
  n++;
  const r = { email: `${label}-${stamp}-${n}@example.org`, name: `Dr ${label} ${n}`, password: `${label}-e2e-password-${stamp}` };
  createReviewer(r.email, r.name, r.password);
  return r;
}

async function as(browser: Browser, r: { email: string; name: string; password: string }, viewport = { width: 1400, height: 900 }) {
  const page = await (await browser.newContext({ viewport })).newPage();
  await signIn(page, r.email, r.password);
  await expect(page.getByTestId("current-user")).toContainText(r.name);
  return page;
}

/** A JSON POST as the signed-in user of the page (with the Origin a browser would send). */
async function post(page: Page, url: string, data: unknown = {}) {
  const res = await page.request.post(url, { data, headers: { origin: new URL(page.url()).origin } });
  return { status: res.status(), body: await res.json().catch(() => ({})) };
}

/** Runs an action that opens a workspace, and waits until the workspace has taken the item (it is hydrated then). */
async function opening(page: Page, action: () => Promise<unknown>) {
  const opened = page.waitForResponse((r) => r.request().method() === "POST" && /\/api\/review\/items\/[^/]+\/open$/.test(r.url()));
  await action();
  await opened;
  await expectWorkspaceReady(page);
}

// The command-line tools start a Node process each (several seconds on a busy machine).
test.describe.configure({ mode: "serial", timeout: 240_000 });

test("My queue pages by keyset, 50 rows a page, filters kept in the links, under 100 KB of HTML for 260 items", async ({ browser }) => {
  const r = newReviewer("queue");
  const prefix = `e2e-queue-${stamp}`;
  assignBatch(r.email, importLines(openQaLines(prefix, 260)));
  const page = await as(browser, r);

  const res = await page.request.get("/queue");
  expect(res.status()).toBe(200);
  const html = await res.body();
  writeFileSync(test.info().outputPath("queue.html"), html);
  const bytes = html.length;
  console.log(`My queue, first page of 260 assigned items: ${bytes} bytes of HTML`);
  expect(bytes).toBeLessThan(100_000);

  await page.goto("/queue?taskType=open_qa");
  await expect(page.getByText("260 items assigned to you")).toBeVisible();
  const rows = page.getByTestId("queue-table").locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(page.getByTestId("queue-range")).toHaveText("1–50 of 260");
  await expect(page.getByTestId("first-page")).toHaveCount(0);
  // The due date of the assignment (npm run assign's default lease is 14 days).
  await expect(rows.first().locator("td").nth(6)).toHaveText(/^\d{4}-\d{2}-\d{2}$/);

  const seen = new Set<string>();
  for (let p = 1; ; p++) {
    const ids = await rows.locator("td:nth-child(2) a").allTextContents();
    for (const id of ids) seen.add(id);
    const nums = await rows.locator("td:first-child").allTextContents();
    expect(Number(nums[0])).toBe((p - 1) * 50 + 1);
    const next = page.getByTestId("next-page");
    if ((await next.count()) === 0) {
      expect(p).toBe(6);
      await expect(rows).toHaveCount(10);
      await expect(page.getByTestId("queue-range")).toHaveText("251–260 of 260");
      break;
    }
    const href = (await next.getAttribute("href"))!;
    expect(href).toContain("taskType=open_qa");
    expect(href).toContain("cursor=");
    await next.click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(page.getByTestId("queue-range")).toHaveText(new RegExp(`^${p * 50 + 1}–`));
    await expect(page.getByTestId("first-page")).toHaveAttribute("href", "/queue?taskType=open_qa");
  }
  expect(seen.size).toBe(260);
  expect([...seen].every((id) => id.startsWith(prefix))).toBe(true);

  // A forged cursor is refused with a way back, not an error page.
  await page.goto("/queue?taskType=open_qa&cursor=not-a-cursor");
  await expect(page.getByTestId("queue-page-error")).toContainText("not valid");
  await page.getByRole("link", { name: "Go to the first page" }).click();
  await expect(page.getByTestId("queue-range")).toHaveText("1–50 of 260");
});

test("Skip moves on; accept and next walks the assigned queue, then falls back to Next item from the pool", async ({ browser }) => {
  const r = newReviewer("skip");
  assignBatch(r.email, importLines(openQaLines(`e2e-skip-${stamp}`, 2)));
  // One item nobody was given: it waits in the shared pool. Items other specs left in the pool are closed first,
  // so this one is what Next item finds and the pool is empty after it.
  closePoolExcept([`e2e-skip-${stamp}`, `e2e-inpool-${stamp}`]);
  importLines(openQaLines(`e2e-inpool-${stamp}`, 1));
  const page = await as(browser, r);
  await page.goto("/queue");
  await opening(page, () => page.getByTestId("start-reviewing").click());
  await expect(page.getByTestId("item-external-id")).toHaveText(`e2e-skip-${stamp}-0001`);
  await expect(page.getByTestId("item-due")).toContainText(/due \d{4}-\d{2}-\d{2}/);

  // Skip, by key: on to the next item of the queue (an assigned item stays in the queue).
  await page.mouse.move(5, 5);
  await opening(page, () => page.keyboard.press("s"));
  await expect(page.getByTestId("item-external-id")).toHaveText(`e2e-skip-${stamp}-0002`);

  // Accept the last one of the queue: the server's Next item serves the skipped one, still assigned.
  await opening(page, () => page.keyboard.press("Enter"));
  await expect(page.getByTestId("item-external-id")).toHaveText(`e2e-skip-${stamp}-0001`);
  await opening(page, () => page.keyboard.press("Enter"));
  // The queue is done: Next item takes one from the shared pool.
  await expect(page.getByTestId("item-external-id")).toHaveText(`e2e-inpool-${stamp}-0001`);
  const itemId = page.url().split("/review/")[1];
  const view = await (await page.request.get(`/api/review/items/${itemId}`)).json();
  expect(view.item.assignment.origin).toBe("pool");
  // Accepting the pool item too leaves nothing: a calm "Nothing to review", with the save confirmed.
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("nothing-to-review")).toContainText("Your review was saved.");
  await expect(page.getByTestId("nothing-to-review")).toContainText("Nothing to review");
});

test("Next item with nothing left says so plainly; leaving the workspace ends the working lease at once", async ({ browser }) => {
  const batch = importLines(openQaLines(`e2e-pool-${stamp}`, 1));
  const c = await as(browser, newReviewer("leave"));
  const next = await post(c, "/api/review/next", { batchId: batch });
  expect(next.status).toBe(200);
  const itemId = next.body.itemId as string;
  expect(itemId).toBeTruthy();
  await opening(c, () => c.goto(`/review/${itemId}`));
  await expectWorkspaceReady(c);

  // The only slot of the batch is held: someone else finds nothing in it.
  const d = await as(browser, newReviewer("after"));
  expect((await post(d, "/api/review/next", { batchId: batch })).body.itemId).toBeNull();

  // Leaving the workspace (a route change) sends the release: the slot is free again for the other reviewer.
  await c.getByRole("link", { name: "My queue" }).click();
  await expect(c).toHaveURL(/\/queue$/);
  await expect.poll(async () => (await post(d, "/api/review/next", { batchId: batch })).body.itemId, { timeout: 10_000 }).toBe(itemId);

  // A reviewer for whom the pool is empty: Next item says "Nothing to review", not an error.
  const e = await as(browser, newReviewer("empty"));
  for (let i = 0; i < 300; i++) {
    const got = await post(e, "/api/review/next");
    expect(got.status).toBe(200);
    if (!got.body.itemId) break;
    expect((await post(e, `/api/review/items/${got.body.itemId}/release`, { reason: "skip" })).status).toBe(200);
  }
  await e.goto("/queue");
  await expect(e.getByTestId("queue-empty")).toBeVisible();
  await e.getByTestId("next-item").click();
  await expect(e.getByTestId("nothing-to-review")).toContainText("Nothing to review");
  await expect(e.locator("[role=alert]:not(#__next-route-announcer__)")).toHaveCount(0);
  await expect(e).toHaveURL(/\/queue$/);
});

test("when someone else takes the item, the heartbeat's 409 shows who and until when, saving stops, the draft stays", async ({ browser }) => {
  const batch = importLines(openQaLines(`e2e-lease-${stamp}`, 1));
  const aUser = newReviewer("holder");
  const bUser = newReviewer("taker");
  const a = await as(browser, aUser);
  await a.clock.install();
  const itemId = (await post(a, "/api/review/next", { batchId: batch })).body.itemId as string;
  expect(itemId).toBeTruthy();
  await opening(a, () => a.goto(`/review/${itemId}`));
  await expectWorkspaceReady(a);
  await a.mouse.move(5, 5);
  await a.keyboard.press("1");
  await a.keyboard.press("a");
  await expect(a.getByTestId("level-panel").locator("li").first()).toHaveAttribute("data-decision", "accept");

  // A's hold ends behind the open workspace's back (as if it had run out), and B takes the slot.
  expect((await post(a, `/api/review/items/${itemId}/release`, { reason: "skip" })).body.released).toBe(true);
  const b = await as(browser, bUser);
  expect((await post(b, "/api/review/next", { batchId: batch })).body.itemId).toBe(itemId);

  // A's next heartbeat is refused: the banner names B, saving is off, Enter saves nothing.
  await a.clock.fastForward(HEARTBEAT_INTERVAL_MS + 1_000);
  const banner = a.getByTestId("lease-lost");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(`${bUser.name} now holds this item until`);
  await expect(banner).toContainText("your work is kept as a draft");
  await expect(a.getByTestId("accept-item")).toBeDisabled();
  await expect(a.getByTestId("reject-item")).toBeDisabled();
  await a.keyboard.press("Enter");
  await expect(a).toHaveURL(new RegExp(`/review/${itemId}$`));
  const kept = await a.evaluate((id) => Object.keys(localStorage).filter((k) => k.includes(id)).map((k) => localStorage.getItem(k)), itemId);
  expect(kept.join("")).toContain('"decision":"accept"');
  await a.screenshot({ path: test.info().outputPath("lease-lost.png") });
});
