import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { example } from "../lib/items/test-fixtures";
import { account, signInAs } from "./helpers";

// An admin imports three text items that need two reviews each, hands them out on the Assign page, and the chosen
// reviewer finds them in My queue; another reviewer who was not chosen pulls the remaining slots with Next item.
test("an admin assigns new items to a reviewer from the Assign page, with progress and a report", async ({ page, browser }) => {
  const stamp = Date.now();
  const root = mkdtempSync(path.join(os.tmpdir(), "e2e-assign-"));
  const file = path.join(root, "assign.jsonl");
  const lines = [0, 1, 2].map((i) => {
    const l = example("open_qa");
    l.externalId = `e2e-assign-${stamp}-${i}`;
    l.requiredReviews = 2;
    return JSON.stringify(l);
  });
  writeFileSync(file, lines.join("\n") + "\n");

  await signInAs(page, "admin");
  await page.goto("/admin/import");
  await page.getByTestId("items-file").setInputFiles(file);
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByTestId("import-report")).toHaveAttribute("data-status", "completed", { timeout: 60_000 });

  await page.goto("/admin/assign");
  await expect(page.getByRole("heading", { name: "Assign" })).toBeVisible();
  const chosen = account("reviewer", 1);
  await page.getByTestId("assign-reviewers").getByLabel(new RegExp(chosen.name)).check();
  await page.getByTestId("assign-submit").click();
  const report = page.getByTestId("assign-report");
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(report).toContainText("3 items considered, 3 assignments created");
  await expect(report).toContainText(`${chosen.email}: 3`);

  const reviewer = await (await browser.newContext()).newPage();
  await signInAs(reviewer, "reviewer", 1);
  const queue = await (await reviewer.request.get("/api/review/queue?limit=200")).json();
  const mine = (queue.items as { externalId: string }[]).filter((i) => i.externalId.startsWith(`e2e-assign-${stamp}`));
  expect(mine).toHaveLength(3);

  // The second slot of each item is still open: an unchosen reviewer pulls it from the pool.
  const other = await (await browser.newContext()).newPage();
  await signInAs(other, "adjudicator");
  const pulled = await (await other.request.post("/api/review/next", { data: {}, headers: { Origin: new URL(other.url()).origin } })).json();
  expect(pulled.itemId).toBeTruthy();

  // Bad input: no reviewer chosen is refused on the page, before anything runs.
  await page.goto("/admin/assign");
  await page.getByTestId("assign-submit").click();
  await expect(page.getByTestId("assign-error")).toContainText("choose at least one reviewer");
});
