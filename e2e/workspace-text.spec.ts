import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { signIn } from "./helpers";
import { assignBatch, createReviewer, e2eDataDir, importLines, openQaLine } from "./workspace-data";

// An LLM answer with a right-to-left override in the middle: on a plain page the words after it are drawn
// backwards, so a reviewer would read something other than what is stored.
const RLO = "\u202E";
const PDF = "\u202C";
const stamp = Date.now();
const externalId = `e2e-bidi-${stamp}`;
const reviewer = { email: `bidi-${stamp}@example.org`, name: `Dr Bidi ${stamp}`, password: `bidi-e2e-password-${stamp}` };
const DRAFT = `Decompress at L4/L5 ${RLO}then L5/S1 after${PDF} if needed.`;
const REVISED = `Decompress at L4/L5 ${RLO}then L5/S1 after${PDF} only if needed.`;

test.describe.configure({ mode: "serial", timeout: 180_000 });

test.beforeAll(() => {
  createReviewer(reviewer.email, reviewer.name, reviewer.password);
  assignBatch(reviewer.email, importLines([openQaLine(externalId, DRAFT, REVISED)]));
});

test("a right-to-left override in item text shows as a marker, and the words after it read in stored order", async ({ page }) => {
  await signIn(page, reviewer.email, reviewer.password);
  await expect(page.getByTestId("current-user")).toContainText(reviewer.name);
  await page.goto("/queue");
  await page.getByRole("link", { name: externalId }).click();
  await expect(page.getByTestId("item-external-id")).toHaveText(externalId);
  const itemId = page.url().split("/review/")[1];

  // What is stored keeps the character: nothing was cleaned on import or on the way out.
  const stored = await (await page.request.get(`/api/review/items/${itemId}`)).json();
  expect(stored.item.current.content.answer).toBe(REVISED);

  const content = page.getByTestId("item-content");
  const chip = content.locator('[data-testid="invisible-char"][data-code="U+202E"]');
  await expect(chip).toBeVisible();
  await expect(chip).toHaveText("⟨U+202E⟩");
  await expect(content.locator('[data-testid="invisible-char"][data-code="U+202C"]')).toBeVisible();
  // The raw control never reaches the page, and the block is its own bidi island.
  expect(await content.evaluate((el) => el.textContent!.includes("\u202E"))).toBe(false);
  await expect(chip.locator("xpath=ancestor::*[@data-review-text][1]")).toHaveAttribute("dir", "auto");

  // Laid out left to right: "then" before "L5/S1" before "after", on one line, right of the marker. The same
  // string written raw into the page is drawn the other way round, so this check can fail.
  const layout = await chip.evaluate((el) => {
    const words = ["then", "L5/S1", "after"];
    const lefts = (node: Text) =>
      words.map((w) => {
        const i = node.data.indexOf(w);
        const r = document.createRange();
        r.setStart(node, i);
        r.setEnd(node, i + 1);
        const box = r.getBoundingClientRect();
        return { left: box.left, top: box.top };
      });
    const shown = lefts(el.nextSibling!.firstChild as Text);
    const raw = document.createElement("p");
    raw.textContent = "Decompress at L4/L5 \u202Ethen L5/S1 after\u202C if needed.";
    el.closest("[data-testid=item-content]")!.appendChild(raw);
    const reversed = lefts(raw.firstChild as Text);
    raw.remove();
    return { chipRight: el.getBoundingClientRect().right, shown, reversed };
  });
  expect(layout.shown[0].left).toBeGreaterThanOrEqual(layout.chipRight - 1);
  expect(layout.shown[0].left).toBeLessThan(layout.shown[1].left);
  expect(layout.shown[1].left).toBeLessThan(layout.shown[2].left);
  expect(new Set(layout.shown.map((p) => Math.round(p.top))).size).toBe(1);
  expect(layout.reversed[0].left).toBeGreaterThan(layout.reversed[2].left);
  await page.screenshot({ path: test.info().outputPath("bidi.png") });

  // The word diff marks it too, and the editor warns that its box holds hidden characters.
  await page.getByRole("button", { name: "Changes" }).click();
  await expect(page.getByTestId("changes-view").locator('[data-testid="invisible-char"][data-code="U+202E"]').first()).toBeVisible();
  await page.getByRole("button", { name: "Review" }).click();
  await page.mouse.move(5, 5);
  await page.keyboard.press("e");
  await expect(page.locator("textarea[data-section]").first()).toBeFocused();
  await expect(page.getByTestId("hidden-characters")).toContainText("⟨U+202E⟩ RIGHT-TO-LEFT OVERRIDE");
});

test("a sent-back item shows the note of the send-back above the item, its hidden characters marked", async ({ page }) => {
  // The send-back itself is an adjudicator's action; here the note is written straight into the item's row.
  const db = new Database(path.join(e2eDataDir(), "spinemed.db"));
  try {
    db.prepare('UPDATE "Item" SET "sendBackNote" = ? WHERE "externalId" = ?').run("Recheck the level:\u200B L4/L5 or L5/S1?", externalId);
  } finally {
    db.close();
  }
  await signIn(page, reviewer.email, reviewer.password);
  await expect(page.getByTestId("current-user")).toContainText(reviewer.name);
  await page.goto("/queue");
  await page.getByRole("link", { name: externalId }).click();
  const note = page.getByTestId("send-back-note");
  await expect(note).toContainText("Sent back for another review");
  await expect(note).toContainText("Recheck the level:");
  await expect(note.locator('[data-testid="invisible-char"][data-code="U+200B"]')).toBeVisible();
});
