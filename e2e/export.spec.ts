// Export: an admin creates a snapshot on the web page, watches its progress and downloads the archive. The items
// are this spec's own: imported with the import command, then reviewed through the API by a reviewer.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signInAs } from "./helpers";
import { assignBatch, createReviewer, importLines, openQaLine } from "./workspace-data";

const stamp = Date.now().toString(36);

async function post(page: Page, url: string, data: unknown) {
  const res = await page.request.post(url, { data, headers: { origin: new URL(page.url()).origin } });
  return { status: res.status(), body: await res.json().catch(() => ({})) };
}

test("an admin creates a snapshot, follows its progress and downloads the archive", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const ids = [1, 2, 3].map((i) => `e2e-export-${stamp}-${i}`);
  const batch = importLines(ids.map((id, i) => openQaLine(id, `Draft ${i}: the L5 root.`, `Revision ${i}: the exiting L4 root.`)));
  const reviewer = { email: `export-${stamp}@example.org`, name: `Dr Export ${stamp}`, password: `export-e2e-password-${stamp}` };
  createReviewer(reviewer.email, reviewer.name, reviewer.password);
  assignBatch(reviewer.email, batch);

  // The reviewer decides the three items: two accepted, one edited.
  const r = await (await browser.newContext()).newPage();
  await signIn(r, reviewer.email, reviewer.password);
  await expect(r.getByTestId("current-user")).toContainText(reviewer.name);
  const queue = await (await r.request.get("/api/review/queue?limit=50")).json();
  const mine = (queue.items as { itemId: string; externalId: string }[]).filter((q) => q.externalId.startsWith(`e2e-export-${stamp}`));
  expect(mine).toHaveLength(3);
  for (const [n, q] of mine.entries()) {
    const { item } = await (await r.request.get(`/api/review/items/${q.itemId}`)).json();
    const edit = n === 0;
    const res = await post(r, `/api/review/items/${q.itemId}/reviews`, {
      baseVersionId: item.current.id,
      decision: edit ? "edit" : "accept",
      ...(edit ? { reason: "wrong_level", severity: "major", editedContent: { ...item.current.content, answer: "Reviewed: it compresses the exiting L4 root." } } : {}),
      levels: item.levels.map((l: { level: string }) => ({ level: l.level, decision: "accept" })),
      timeSpentMs: 5000,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  await signInAs(page, "admin");
  await page.goto("/admin/export");
  const name = `e2e-snapshot-${stamp}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Import batches (ids)").fill(batch);
  await page.getByRole("button", { name: "Create snapshot" }).click();
  await expect(page.getByTestId("export-progress")).toBeVisible();
  await expect(page.getByTestId("export-progress")).toContainText(name);
  await expect(page.getByTestId("export-done")).toContainText(`Snapshot ${name} is complete`, { timeout: 60_000 });

  const entry = page.locator(`[data-testid="snapshot"][data-name="${name}"]`);
  await expect(entry).toHaveAttribute("data-status", "complete");
  await entry.locator("summary").click();
  await expect(entry.getByTestId("manifest")).toContainText("open_qa: 3");

  const [download] = await Promise.all([page.waitForEvent("download"), entry.getByTestId("download-archive").click()]);
  expect(download.suggestedFilename()).toBe(`${name}.tar`);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "e2e-export-")), `${name}.tar`);
  await download.saveAs(file);
  const listing = execFileSync("tar", ["-tf", file], { encoding: "utf8" }).split("\n").filter(Boolean);
  for (const f of ["manifest.json", "README.md", "dataset_info.json"]) expect(listing).toContain(`${name}/${f}`);
  expect(listing.some((f) => /^[^/]+\/sft\/\w+\.jsonl$/.test(f))).toBe(true);
  expect(listing.some((f) => /^[^/]+\/native\/\w+\.parquet$/.test(f))).toBe(true);
  const manifest = JSON.parse(execFileSync("tar", ["-xOf", file, `${name}/manifest.json`], { encoding: "utf8" }));
  expect(manifest.counts.items).toBe(3);
  expect(manifest.createdBy).toBeTruthy();
  const sftFiles = listing.filter((f) => /\/sft\/\w+\.jsonl$/.test(f));
  const sft = sftFiles.flatMap((f) => execFileSync("tar", ["-xOf", file, f], { encoding: "utf8" }).split("\n").filter(Boolean).map((l) => JSON.parse(l)));
  expect(sft).toHaveLength(3);
  expect(sft.some((s) => s.messages.at(-1).content === "Reviewed: it compresses the exiting L4 root.")).toBe(true);
  // Every file of the archive is in the manifest with its hash.
  expect(manifest.files.map((f: { path: string }) => `${name}/${f.path}`).sort()).toEqual(listing.filter((f) => !f.endsWith("/") && !f.endsWith("manifest.json")).sort());

  // A reviewer cannot download it.
  const snapshots = await (await page.request.get("/api/admin/exports")).json();
  const id = snapshots.snapshots.find((s: { name: string }) => s.name === name).id;
  expect((await r.request.get(`/api/admin/exports/${id}/archive`)).status()).toBe(403);
});
