import { expect, test } from "@playwright/test";
import path from "node:path";
import Database from "better-sqlite3";
import { withElements } from "../lib/dicom/testing/deid-corpus";
import { startOrthanc, type OrthancPeer } from "../tests/peers/orthanc";
import { spineSeries } from "../tests/peers/pacs-fixtures";
import { account, signInAs } from "./helpers";
import { assignBatch, e2eDataDir, importLines, openQaLine } from "./workspace-data";

// A real PACS (Debian's Orthanc with DICOMweb) holds a generated sagittal T2 series with an accession number. An
// admin configures it as an endpoint in proxy mode, finds the study by accession on the Import page and attaches
// it to a case of its own; an item about that study (an import line naming it in the PACS) is assigned to a
// reviewer, who sees the series paint, read from the PACS through the app.

const PASSWORD = "pacs-e2e-only-pw"; // scripts/e2e-server.mjs gives the app PACS_E2E_PASSWORD with this value
const ACCESSION = "E2EACC77";
const CASE = "pacs-e2e-case";
let pacs: OrthancPeer;

test.beforeAll(async () => {
  pacs = await startOrthanc({ username: "e2e", password: PASSWORD });
  for (const slice of spineSeries(8, 77)) {
    await pacs.upload(withElements(slice, { "00080050": { vr: "SH", Value: [ACCESSION] }, "00081030": { vr: "LO", Value: ["MRI LUMBAR SPINE"] } }));
  }
});
test.afterAll(async () => {
  await pacs?.stop();
});

function db() {
  return new Database(path.join(e2eDataDir(), "spinemed.db"), { readonly: true });
}

test("an admin configures the PACS, browses it and attaches a study; a reviewer sees it paint in proxy mode", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInAs(page, "admin");
  await page.goto("/admin/pacs");
  const form = page.getByRole("form", { name: "Add a PACS" });
  await form.getByLabel("Name", { exact: true }).fill("e2e-orthanc");
  await form.getByLabel("DICOMweb base URL").fill(pacs.dicomWebUrl);
  await form.getByLabel("Authentication").selectOption("basic");
  await form.getByLabel("Username").fill("e2e");
  await form.getByLabel(/Environment variable/).fill("PACS_E2E_PASSWORD");
  await form.getByLabel(/Proxy mode/).check();
  await form.getByRole("button", { name: "Add PACS" }).click();
  const row = page.getByTestId("pacs-endpoint-e2e-orthanc");
  await expect(row).toContainText("basic as e2e, secret in PACS_E2E_PASSWORD");
  await expect(row).not.toContainText("not set on this server");
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("pacs-message")).toHaveText('The PACS "e2e-orthanc" answered a study search.');

  // Browse from the Import page: by accession, then attach the study to the demo MR case.
  await page.goto("/admin/import");
  const search = page.getByRole("form", { name: "Search the PACS" });
  await search.getByLabel("Accession").fill("NOPE-0000");
  await search.getByRole("button", { name: "Search the PACS" }).click();
  await expect(page.getByTestId("pacs-studies")).toContainText("No study matches.");
  await search.getByLabel("Accession").fill(ACCESSION);
  await search.getByLabel("Modality").fill("MR");
  await search.getByRole("button", { name: "Search the PACS" }).click();
  const studies = page.getByTestId("pacs-studies");
  await expect(studies.locator("tbody tr")).toHaveCount(1);
  await expect(studies).toContainText("MRI LUMBAR SPINE");
  await expect(studies).toContainText("1 / 8");
  await studies.getByRole("checkbox").check();
  const attach = page.getByRole("form", { name: "Attach studies to a case" });
  await attach.getByLabel("Case id").fill(CASE);
  await attach.getByLabel("Strip").check(); // the accession number is an identifying attribute
  await attach.getByRole("button", { name: /Attach 1 study/ }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toHaveAttribute("data-status", "completed", { timeout: 60_000 });

  const sqlite = db();
  const rows = sqlite
    .prepare(`SELECT i."id", i."proxied", i."pacsStudyUid", s."id" AS "seriesId" FROM "Image" i JOIN "Series" s ON s."id" = i."seriesId" JOIN "Case" c ON c."id" = s."caseId" WHERE c."externalId" = ? AND i."pacsEndpointId" IS NOT NULL`)
    .all(CASE) as { id: string; proxied: number; pacsStudyUid: string; seriesId: string }[];
  sqlite.close();
  expect(rows).toHaveLength(8);
  expect(rows.every((r) => r.proxied === 1)).toBe(true);

  // An item about the study, naming it in the PACS (all its instances are here already: nothing is fetched).
  const line = openQaLine("pacs-e2e-item", "The L4/L5 disc.");
  line.images = [{ pacs: "e2e-orthanc", studyInstanceUid: rows[0].pacsStudyUid }];
  line.provenance.caseId = CASE;
  process.env.PACS_E2E_PASSWORD = PASSWORD;
  assignBatch(account("reviewer").email, importLines([line]));
  const db2 = db();
  const itemId = (db2.prepare(`SELECT "id" FROM "Item" WHERE "externalId" = 'pacs-e2e-item'`).get() as { id: string }).id;
  expect((db2.prepare(`SELECT COUNT(*) AS n FROM "ItemImage" WHERE "itemId" = ?`).get(itemId) as { n: number }).n).toBe(8);
  db2.close();

  // The reviewer of an item of that case sees the pulled series, read from the PACS through the image route.
  const reviewer = await (await browser.newContext()).newPage();
  const fileStatuses: number[] = [];
  reviewer.on("response", (r) => {
    if (/\/api\/images\/[^/]+\/file/.test(r.url())) fileStatuses.push(r.status());
  });
  await signInAs(reviewer, "reviewer");
  // First paint of a slice nothing has read yet (the server fetches it from the PACS and de-identifies it on the
  // way), timed in the page from the moment its document arrived.
  await reviewer.addInitScript(() => {
    const w = window as unknown as { __firstPaint?: number; __pageArrived?: number };
    document.addEventListener("DOMContentLoaded", () => (w.__pageArrived = performance.now()));
    const obs = new MutationObserver(() => {
      if (document.querySelector('[data-testid="viewer-canvas"][data-rendered="true"]')) {
        w.__firstPaint = performance.now();
        obs.disconnect();
      }
    });
    obs.observe(document, { attributes: true, subtree: true, childList: true });
  });
  await reviewer.goto(`/review/${itemId}`);
  const canvas = reviewer.getByTestId("viewer-canvas");
  await expect(canvas).toHaveAttribute("data-series-id", rows[0].seriesId);
  await expect(canvas).toHaveAttribute("data-slice-count", "8");
  await expect(canvas).toHaveAttribute("data-rendered", "true", { timeout: 30_000 });
  const firstPaintMs = await reviewer.evaluate(() => {
    const w = window as unknown as { __firstPaint: number; __pageArrived: number };
    return w.__firstPaint - w.__pageArrived;
  });
  expect(firstPaintMs).toBeGreaterThan(0);
  test.info().annotations.push({ type: "proxy first paint after the page arrived (ms)", description: String(Math.round(firstPaintMs)) });
  console.log(`proxy mode: first paint ${Math.round(firstPaintMs)} ms after the page arrived (cold cache)`);
  await expect(reviewer.getByTestId("viewer-error")).toHaveCount(0);
  const shown = await canvas.getAttribute("data-image-id");
  expect(rows.map((r) => r.id)).toContain(shown);
  const paint = await reviewer.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid="viewer-canvas"] canvas')!;
    const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let differing = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) differing++;
    return differing / (c.width * c.height);
  });
  expect(paint).toBeGreaterThan(0.05);
  // A slice change to the next proxied slice paints too.
  await canvas.focus();
  await reviewer.keyboard.press("ArrowDown");
  await expect(canvas).not.toHaveAttribute("data-image-id", shown!);
  await expect(canvas).toHaveAttribute("data-rendered", "true", { timeout: 20_000 });
  expect(fileStatuses.length).toBeGreaterThan(0);
  expect(fileStatuses.every((s) => s === 200 || s === 304)).toBe(true);

  // The same measure, on the same machine at the same moment, for an item whose images are in the app's store.
  const storedDb = db();
  const storedItem = (storedDb.prepare(`SELECT "id" FROM "Item" WHERE "externalId" = 'demo-oqa-002'`).get() as { id: string }).id;
  storedDb.close();
  await reviewer.goto(`/review/${storedItem}`);
  await expect(canvas).toHaveAttribute("data-rendered", "true", { timeout: 30_000 });
  const storedMs = await reviewer.evaluate(() => {
    const w = window as unknown as { __firstPaint: number; __pageArrived: number };
    return w.__firstPaint - w.__pageArrived;
  });
  console.log(`stored images, same measure: first paint ${Math.round(storedMs)} ms after the page arrived`);

  // Signed out, the same proxied image is not served.
  const anonymous = await (await browser.newContext()).newPage();
  expect((await anonymous.request.get(`/api/images/${shown}/file`)).status()).toBe(401);
});
