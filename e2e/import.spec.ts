import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { syntheticSagittalMrStack } from "../lib/dicom/synthetic";
import { example } from "../lib/items/test-fixtures";
import { signInAs } from "./helpers";

function folder() {
  const root = mkdtempSync(path.join(os.tmpdir(), "e2e-import-"));
  const images = path.join(root, "upload");
  mkdirSync(path.join(images, "e2e-case", "sag"), { recursive: true });
  const stack = syntheticSagittalMrStack({ caseId: "e2e-case", seed: 3, slices: 3 });
  stack.files.forEach((f, i) => writeFileSync(path.join(images, "e2e-case", "sag", `IM${i + 1}.dcm`), f.buffer));
  // A real file with patient identity in its header (pydicom's test data).
  copyFileSync("/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm", path.join(images, "e2e-case", "ct_small.dcm"));
  return { root, images };
}

function items(root: string, name: string, lines: unknown[]) {
  const file = path.join(root, name);
  writeFileSync(file, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  return file;
}

function mrLine(id: string) {
  const l = example("mcq");
  l.externalId = id;
  l.images = [{ path: "e2e-case/sag/IM2.dcm" }];
  l.provenance.caseId = "e2e-case";
  return l;
}

test("an admin imports a folder and items from the web page: bad lines are listed, PHI files refused, then it completes", async ({ page }) => {
  const { root, images } = folder();
  const stamp = Date.now();
  await signInAs(page, "admin");
  await page.goto("/admin/import");

  const bad = items(root, "bad.jsonl", [mrLine(`e2e-${stamp}-a`), "{ broken", { ...mrLine(`e2e-${stamp}-b`), levels: ["L9"] }, "\u001b[2J\u001b]0;title\u0007"]);
  await page.getByTestId("items-file").setInputFiles(bad);
  await page.getByTestId("images-folder").setInputFiles(images);
  await page.getByRole("button", { name: "Start import" }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toHaveAttribute("data-status", "refused", { timeout: 60_000 });
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText("JSON");
  await expect(errors.getByRole("row").filter({ hasText: "L9" })).toContainText("3");
  // Control characters from the file are shown as escapes, never passed through.
  await expect(errors.getByRole("row").filter({ hasText: "\\u001b" }).first()).toContainText("4");
  expect(await errors.textContent()).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  await expect(report).toContainText("would be created");
  await expect(page.getByTestId("refused-images")).toContainText("e2e-case/ct_small.dcm");
  await expect(page.getByTestId("refused-images")).toContainText("PatientName (0010,0010)");
  await page.screenshot({ path: test.info().outputPath("import-refused.png"), fullPage: true });

  const good = items(root, "good.jsonl", [mrLine(`e2e-${stamp}-a`), mrLine(`e2e-${stamp}-b`), { ...mrLine(`e2e-${stamp}-c`), requiredReviews: undefined }]);
  await page.getByTestId("items-file").setInputFiles(good);
  await page.getByTestId("images-folder").setInputFiles(images);
  await page.getByRole("radio", { name: "Strip the identifying attributes" }).check();
  await page.getByTestId("required-reviews").fill("2");
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(report).toHaveAttribute("data-status", "completed", { timeout: 60_000 });
  await expect(report).toContainText("3 created");
  await expect(report).toContainText("1 de-identified");
  await page.reload();
  await expect(page.getByTestId("recent-imports")).toContainText("good.jsonl");
  await page.goto(`/admin/items?ext=e2e-${stamp}-`);
  await expect(page.getByTestId("items-table").getByRole("row")).toHaveCount(4);
});

test("a reviewer cannot upload or start an import", async ({ page }) => {
  await signInAs(page, "reviewer");
  expect((await page.request.post("/api/admin/imports/uploads", { data: {} })).status()).toBe(403);
  expect((await page.request.post("/api/admin/imports", { data: { uploadId: "a".repeat(24), policy: "refuse" } })).status()).toBe(403);
  expect((await page.request.put(`/api/admin/imports/uploads/${"a".repeat(24)}/items`, { data: "{}" })).status()).toBe(403);
  expect((await page.request.get("/api/admin/jobs/x")).status()).toBe(403);
});
