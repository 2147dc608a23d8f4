import { expect, test, type Page } from "@playwright/test";
import { account, signInAs } from "./helpers";
import { importLines, openQaLine } from "./workspace-data";

// The items browser: an admin searches (English, Chinese), filters by level, selects items with the keyboard and
// assigns them, and the reviewer finds them in My queue; nasty searches get results or a message; a bulk action
// on a whole filter runs as a job whose progress and report stay on the page.
const stamp = Date.now().toString(36);
const P = `e2e-browse-${stamp}`;

test.beforeAll(() => {
  const line = (n: number, question: string, levels: string[], language = "en") => {
    const l = openQaLine(`${P}-${n}`, `Answer ${n}.`);
    l.draft.content.question = question;
    l.revision.content.question = question;
    l.levels = levels;
    l.language = language;
    return l;
  };
  importLines([
    line(0, `Bilateral spondylolysis of L5 in a young gymnast (${stamp})`, ["L5/S1"]),
    line(1, `Spondylolysis with grade I slip at L5/S1, case ${stamp}`, ["L5/S1"]),
    line(2, `Spondylolysis above a transitional segment, case ${stamp}`, ["L4/L5"]),
    line(3, `青少年峡部裂性腰椎滑脱的治疗原则是什么？（${stamp}）`, ["L5/S1"], "zh"),
  ]);
});

const rowIds = async (page: Page) => (await page.getByTestId("item-row").locator("td.font-mono a").allTextContents()).map((t) => t.trim());

async function search(page: Page, q: string) {
  await page.getByLabel("Search", { exact: true }).fill(q);
  await page.getByLabel("Search", { exact: true }).press("Enter");
}

test("an admin searches in English and Chinese, filters by level, selects and assigns; the reviewer sees the items in My queue", async ({ page, browser }) => {
  await signInAs(page, "admin");
  await page.goto("/admin/items");
  await expect(page.getByRole("heading", { name: "Items" })).toBeVisible();

  await search(page, `spondylolysis ${stamp}`);
  await expect(page).toHaveURL(/q=spondylolysis/);
  await expect.poll(() => rowIds(page)).toEqual([`${P}-0`, `${P}-1`, `${P}-2`]);
  await expect(page.getByTestId("items-count")).toHaveText("3 matching items");

  // Chinese: a phrase of the test's own item, and a word from the demo data.
  await search(page, "峡部裂性腰椎");
  await expect.poll(() => rowIds(page)).toEqual([`${P}-3`]);
  await search(page, "椎间盘");
  await expect(page.getByTestId("item-row").first()).toBeVisible();
  expect((await rowIds(page)).some((id) => id.startsWith("demo-"))).toBe(true);

  // Back to the English word, then the level filter; the filters live in the URL.
  await search(page, `spondylolysis ${stamp}`);
  await page.getByLabel("Level", { exact: true }).selectOption("L5/S1");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/level=L5%2FS1/);
  await expect.poll(() => rowIds(page)).toEqual([`${P}-0`, `${P}-1`]);

  // Keyboard selection: focus the page's checkbox and press Space.
  await page.getByLabel("Select all on this page").focus();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("selection-summary")).toHaveText("2 selected on this page");
  const reviewer = account("reviewer", 1);
  await page.getByRole("group", { name: "Reviewers" }).getByLabel(new RegExp(reviewer.email)).check();
  await page.getByRole("button", { name: "Apply to 2 selected" }).click();
  await expect(page.getByTestId("bulk-report")).toContainText("2 item(s): 2 changed, 0 left as they were, 2 assignment(s) created");

  // The item's page shows the assignment in its audit history, and its versions with their changes.
  await page.getByRole("link", { name: `${P}-0` }).click();
  await expect(page.getByTestId("audit-table")).toContainText("assignment.create");
  await expect(page.getByTestId("version-diff")).toBeVisible();

  const other = await (await browser.newContext()).newPage();
  await signInAs(other, "reviewer", 1);
  await other.goto("/queue");
  await expect(other.getByTestId("queue-table")).toContainText(`${P}-0`);
  await expect(other.getByTestId("queue-table")).toContainText(`${P}-1`);
  await expect(other.getByTestId("queue-table")).not.toContainText(`${P}-2`);
});

test("nasty searches and unknown filter values get results or a clear message, never an error page", async ({ page }) => {
  await signInAs(page, "admin");
  for (const q of [`"%_*"()`, `' OR 1=1; --`, `\\ .* [a-z]+ $1`, `"unclosed`, "%", "_"]) {
    const res = await page.goto(`/admin/items?${new URLSearchParams({ q })}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Items" })).toBeVisible();
    await expect(page.getByTestId("items-table").or(page.getByTestId("search-error"))).toBeVisible();
  }
  await page.goto("/admin/items");
  await search(page, "椎".repeat(5_000) + "x".repeat(5_000));
  await expect(page.getByTestId("search-error")).toContainText("The search is too long: at most 200 characters");
  // The same message from the server, for a long search sent in the address.
  const long = await page.goto(`/admin/items?${new URLSearchParams({ q: "x".repeat(10_000) })}`);
  expect(long?.status()).toBe(200);
  await expect(page.getByTestId("search-error")).toContainText("The search is too long: at most 200 characters");
  const res = await page.goto("/admin/items?status=bogus&level=L9");
  expect(res?.status()).toBe(200);
  await expect(page.getByTestId("filter-note")).toContainText('no item has status "bogus"');
  await expect(page.getByTestId("item-row")).toHaveCount(0);
});

test("a bulk action on a whole filter runs as a job with progress, and its report is still there after leaving the page", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto(`/admin/items?ext=${P}`);
  await expect(page.getByTestId("items-count")).toHaveText("4 matching items");
  await page.getByRole("button", { name: "Select all 4 items of this filter" }).click();
  await expect(page.getByTestId("selection-summary")).toHaveText("All 4 items of this filter selected");
  await page.getByLabel("Bulk action", { exact: true }).selectOption("required_reviews");
  await page.getByLabel("Required reviews").fill("3");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Apply to the whole filter (4)" }).click();
  const job = page.getByTestId("bulk-job").first();
  await expect(job).toBeVisible();
  await expect(job).toHaveAttribute("data-status", /queued|running|completed/);
  await expect(job).toHaveAttribute("data-status", "completed", { timeout: 90_000 });
  await expect(job.getByTestId("bulk-job-report")).toContainText("4 item(s): 4 changed");

  await page.goto("/admin/items");
  await page.goto(`/admin/items?ext=${P}`);
  await expect(page.getByTestId("bulk-job").first()).toHaveAttribute("data-status", "completed");
  await expect(page.getByTestId("bulk-job").first().getByTestId("bulk-job-report")).toContainText("4 item(s): 4 changed");
});
