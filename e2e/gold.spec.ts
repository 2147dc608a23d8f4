import { expect, test } from "@playwright/test";
import { account, signInAs, expectWorkspaceReady } from "./helpers";

// A text item on L3/L4 and L4/L5 that needs one review, in the first reviewer's queue and used by no other test.
const ITEM = "demo-oqa-008";

test("an admin marks an item gold with expected decisions, a reviewer reviews it without being told, and the admin sees the reviewer's gold accuracy", async ({ browser }) => {
  const admin = await (await browser.newContext({ viewport: { width: 1400, height: 950 } })).newPage();
  await signInAs(admin, "admin");
  await admin.goto(`/admin/items?search=${ITEM}`);
  await admin.getByRole("link", { name: ITEM, exact: true }).click();
  await expect(admin).toHaveURL(/\/admin\/items\/[^/?]+$/);
  const itemId = admin.url().split("/").pop()!;

  // Expected: kept with changes, L3/L4 accepted, the L4/L5 claim belongs to L5/S1.
  const form = admin.getByTestId("gold-form");
  await form.getByLabel("Expected decision", { exact: true }).selectOption("edit");
  await form.getByLabel("Expected decision for L4/L5").selectOption("edit");
  await form.getByLabel("Expected level for L4/L5").fill("l5-s1");
  await form.getByRole("button", { name: "Mark as gold" }).click();
  await expect(form.getByRole("status")).toContainText("the item is gold");
  await expect(admin.getByTestId("gold-badge")).toBeVisible();
  const stored = await (await admin.request.get(`/api/admin/items/${itemId}/gold`)).json();
  expect(stored.gold).toMatchObject({ decision: "edit", levels: { "L3/L4": { decision: "accept", correctedLevel: null }, "L4/L5": { decision: "edit", correctedLevel: "L5/S1" } } });

  // The reviewer sees an ordinary item: nothing on the page or in its data says gold.
  const rhea = await (await browser.newContext({ viewport: { width: 1400, height: 950 } })).newPage();
  await signInAs(rhea, "reviewer", 0);
  expect((await rhea.request.put(`/api/admin/items/${itemId}/gold`, { data: { decision: "accept", levels: {} } })).status()).toBe(403);
  expect((await rhea.request.get("/api/admin/gold-accuracy")).status()).toBe(403);
  const data = await (await rhea.request.get(`/api/review/items/${itemId}`)).json();
  expect(JSON.stringify(data)).not.toMatch(/gold/i);
  await rhea.goto("/queue");
  await rhea.getByRole("link", { name: ITEM, exact: true }).click();
  await expectWorkspaceReady(rhea);
  await expect(rhea.locator("body")).not.toContainText(/gold/i);
  await rhea.mouse.move(5, 5);
  await rhea.getByTestId("level-L3/L4").getByRole("button", { name: "Accept" }).click();
  await rhea.getByTestId("level-L4/L5").getByRole("button", { name: "Correct level" }).click();
  await rhea.getByLabel("Corrected level").fill("L5/S1");
  await rhea.getByRole("button", { name: "Move" }).click();
  const url = rhea.url();
  await rhea.getByTestId("accept-item").click();
  const picker = rhea.getByTestId("reason-picker");
  await picker.getByRole("button", { name: /Wrong level/ }).click();
  await picker.getByRole("button", { name: /Minor/ }).click();
  await picker.getByRole("button", { name: "Confirm" }).click();
  await expect(rhea).not.toHaveURL(url);
  // The reviewer's own figure counts reviews before today only: today's review does not show yet.
  const mine = await (await rhea.request.get("/api/review/gold-accuracy")).json();
  expect(mine.mine).toMatchObject({ items: 0, accuracy: null });
  await rhea.goto("/queue");
  await expect(rhea.getByTestId("gold-accuracy-card")).toHaveCount(0);

  // The admin sees it: one gold item, fully right, both levels right.
  await admin.goto("/admin/users");
  const row = admin.getByTestId(`gold-accuracy-${account("reviewer", 0).name}`);
  await expect(row).toContainText("100%");
  await expect(row).toContainText("2 / 2");
  const all = await (await admin.request.get("/api/admin/gold-accuracy")).json();
  expect(all.reviewers.find((r: { reviewerName: string }) => r.reviewerName === account("reviewer", 0).name)).toMatchObject({ items: 1, correct: 1, levelsCorrect: 2, levelsTotal: 2, accuracy: 1 });
});
