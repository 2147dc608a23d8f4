import { expect, test, type Page } from "@playwright/test";
import { signInAs, expectWorkspaceReady } from "./helpers";

/** How many pixels of the viewer's canvas differ from its background: > 0 means an image was painted. */
async function paintedPixels(page: Page) {
  return page.locator('[data-testid="viewer-canvas"] canvas').first().evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext("2d");
    if (!ctx || c.width === 0) return 0;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4 * 7) if (d[i] > 20 || d[i + 1] > 20 || d[i + 2] > 20) n++;
    return n;
  });
}

test("a reviewer works through the queue: levels, a correction, an edit, a rejection, all persisted; a stale save meets the conflict view", async ({ browser }) => {
  const a = await (await browser.newContext({ viewport: { width: 1500, height: 950 } })).newPage();
  await signInAs(a, "reviewer");
  await a.goto("/queue");
  await a.getByTestId("start-reviewing").click();
  await expectWorkspaceReady(a);
  const firstUrl = a.url();
  await expect(a.getByTestId("item-external-id")).toHaveText("demo-oqa-002");

  // The DICOM image is painted, and the stack scrolls.
  const viewer = a.getByTestId("viewer-canvas");
  await expect(viewer).toHaveAttribute("data-rendered", "true", { timeout: 20_000 });
  expect(await paintedPixels(a)).toBeGreaterThan(100);
  const before = await viewer.getAttribute("data-slice-index");
  await viewer.hover();
  await a.mouse.wheel(0, 120);
  await expect(viewer).not.toHaveAttribute("data-slice-index", before ?? "");
  await a.screenshot({ path: test.info().outputPath("workspace.png") });

  // A second context opens the same item on the same version, before the first one saves.
  const b = await (await browser.newContext()).newPage();
  await signInAs(b, "reviewer");
  await b.goto(firstUrl);
  await expectWorkspaceReady(b);

  // Per-level review: accept one level, move another claim to the level where it belongs.
  await a.mouse.move(5, 5); // keys and clicks go to the review panel, not the viewer
  await a.getByTestId("level-L4/L5").getByRole("button", { name: "Accept" }).click();
  await expect(a.getByTestId("level-L4/L5")).toHaveAttribute("data-decision", "accept");
  await a.getByTestId("level-L3/L4").getByRole("button", { name: "Correct level" }).click();
  await a.getByLabel("Corrected level").fill("l2-3");
  await a.getByRole("button", { name: "Move" }).click();
  await expect(a.getByTestId("level-L3/L4")).toContainText("→ L2/L3");

  // Edit the answer; the work survives a reload before it is saved.
  await a.getByRole("button", { name: "Edit text (E)" }).click();
  const answer = a.getByLabel("Answer", { exact: true });
  const edited = `${await answer.inputValue()} Reviewed: correlate with the L5 dermatome.`;
  await answer.fill(edited);
  await a.reload();
  await expect(a.getByTestId("draft-restored")).toBeVisible();
  await expect(a.getByTestId("level-L3/L4")).toContainText("→ L2/L3");
  await a.getByTestId("accept-item").click();
  const picker = a.getByTestId("reason-picker");
  await expect(picker).toBeVisible();
  await picker.getByRole("button", { name: /Poor language/ }).click();
  await picker.getByRole("button", { name: /Minor/ }).click();
  await picker.getByRole("button", { name: "Confirm" }).click();
  await expect(a).not.toHaveURL(firstUrl);
  await expect(a.getByTestId("item-external-id")).toHaveText("demo-mcq-002");

  // The second context saves on the version it opened: refused, and shown what changed.
  await b.mouse.move(5, 5);
  await b.getByTestId("accept-item").click();
  await expect(b.getByTestId("conflict-view")).toBeVisible();
  await expect(b.getByTestId("conflict-view")).toContainText("Reviewed: correlate with the L5 dermatome.");
  await b.screenshot({ path: test.info().outputPath("conflict.png") });

  // Reject the second item with a reason and a severity, by keys.
  const secondUrl = a.url();
  await a.keyboard.press("Shift+X");
  await expect(picker).toBeVisible();
  await a.keyboard.press("h"); // hallucinated finding
  await a.keyboard.press("2"); // major
  await picker.getByRole("button", { name: "Confirm" }).click();
  await expect(a).not.toHaveURL(secondUrl);

  // Everything persisted.
  await a.goto(firstUrl);
  await expect(a.getByText(/You reviewed this item \(edit\)/)).toBeVisible();
  await expect(a.getByTestId("item-content")).toContainText("Reviewed: correlate with the L5 dermatome.");
  await a.getByRole("button", { name: "History" }).click();
  await expect(a.getByTestId("history")).toContainText("level.correct");
  await expect(a.getByTestId("history")).toContainText("item.edit");
  await a.goto(secondUrl);
  await expect(a.getByText(/You reviewed this item \(reject\)/)).toBeVisible();
});

test("review routes refuse users without the right role or assignment", async ({ browser }) => {
  const anon = await (await browser.newContext()).newPage();
  expect((await anon.request.get("/api/review/queue")).status()).toBe(401);
  expect((await anon.request.post("/api/review/items/x/reviews", { data: {} })).status()).toBe(401);
  expect((await anon.request.post("/api/review/items/x/open", { data: {} })).status()).toBe(401);
  expect((await anon.request.get("/api/review/items/x")).status()).toBe(401);
  expect((await anon.request.get("/api/review/items/x/history")).status()).toBe(401);

  // An item assigned to the first reviewer only (one review required).
  const first = await (await browser.newContext()).newPage();
  await signInAs(first, "reviewer", 0);
  const queue = await (await first.request.get("/api/review/queue")).json();
  const onlyMine = queue.items.find((i: { externalId: string; requiredReviews: number }) => i.requiredReviews === 1 && i.externalId !== "demo-oqa-002" && i.externalId !== "demo-mcq-002");
  expect(onlyMine).toBeTruthy();

  const second = await (await browser.newContext()).newPage();
  await signInAs(second, "reviewer", 1);
  // Someone else's item answers like an item that does not exist: ids cannot be probed. Scripted changes name the
  // app as their origin, as its own pages do.
  const sameOrigin = { Origin: new URL(second.url()).origin };
  expect((await second.request.get(`/api/review/items/${onlyMine.itemId}`)).status()).toBe(404);
  expect((await second.request.post(`/api/review/items/${onlyMine.itemId}/open`, { data: {}, headers: sameOrigin })).status()).toBe(404);
  expect((await second.request.post(`/api/review/items/${onlyMine.itemId}/heartbeat`, { data: {}, headers: sameOrigin })).status()).toBe(404);
  expect((await second.request.get(`/api/review/items/${onlyMine.itemId}/history`)).status()).toBe(404);
  const save = await second.request.post(`/api/review/items/${onlyMine.itemId}/reviews`, {
    data: { baseVersionId: "x", decision: "accept", levels: [], timeSpentMs: 1 },
    headers: sameOrigin,
  });
  expect(save.status()).toBe(404);
  const page = await second.goto(`/review/${onlyMine.itemId}`);
  expect(page?.status()).toBe(404);
  // A reviewer still cannot reach admin pages from the workspace.
  expect((await second.request.get("/api/admin/jobs/x")).status()).toBe(403);
});

test("keyboard only: the cheat sheet, selecting a level shows it on the image, accepting it, accept and next", async ({ page }) => {
  await signInAs(page, "reviewer", 1);
  await page.goto("/queue");
  await page.getByTestId("start-reviewing").click();
  await expectWorkspaceReady(page);
  const first = await page.getByTestId("item-external-id").textContent();
  await expect(page.getByTestId("viewer-canvas")).toHaveAttribute("data-rendered", "true", { timeout: 20_000 });

  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcut-sheet")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcut-sheet")).toHaveCount(0);

  const row = page.getByTestId("level-panel").locator("li").first();
  const level = (await row.getAttribute("data-testid"))!.replace(/^level-/, "");
  await page.keyboard.press("1");
  await expect(row.getByRole("button", { name: level })).toHaveAttribute("aria-pressed", "true");
  // The image shows that level, emphasised.
  await expect(page.locator(`[data-testid="level-label"][data-level="${level}"][data-emphasis="primary"]`)).toBeVisible();
  await page.keyboard.press("a");
  await expect(row).toHaveAttribute("data-decision", "accept");
  await expect(page.getByTestId("rubric")).toHaveCount(0); // the second reviewer's queue starts with an MCQ
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("item-external-id")).not.toHaveText(first!);
});
