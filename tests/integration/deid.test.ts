// The de-identification gate inside the import, on the generated corpus: under refuse every file is refused with
// its path, the attribute and why (never the value); under strip every file is stored, and what is stored passes
// checkDeidentified and names the PS3.15 edition it followed.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkDeidentified } from "@/lib/dicom/phi";
import { deidCorpus } from "@/lib/dicom/testing/deid-corpus";
import { runImport, type ImportOptions } from "@/lib/import/run";
import { imageStore } from "@/lib/storage";
import { jsonl, tempDir } from "./import-fixtures";
import { withDatabase } from "./setup";

const db = withDatabase();

function corpusFolder() {
  const root = path.join(tempDir(), "corpus");
  const cases = deidCorpus();
  cases.forEach((c, i) => {
    mkdirSync(path.join(root, `deid-${i}`), { recursive: true });
    writeFileSync(path.join(root, `deid-${i}`, "image.dcm"), c.buffer);
  });
  return { root, cases };
}

const base = (itemsFile: string, extra: Partial<ImportOptions>): ImportOptions => ({
  itemsFile, policy: "refuse", dryRun: false, skipInvalid: false, actorId: null, ...extra,
});

describe("de-identification in the import", () => {
  it("refuses every corpus file under refuse, naming the file, the attribute and why, without the value", async () => {
    const { root, cases } = corpusFolder();
    const before = await db().image.count();
    const r = await runImport(base(jsonl(tempDir(), "empty.jsonl", []), { imagesDir: root }));
    expect(r.refusedImages.map((f) => f.path).sort()).toEqual(cases.map((_, i) => `deid-${i}/image.dcm`).sort());
    const reason = (i: number) => r.refusedImages.find((f) => f.path === `deid-${i}/image.dcm`)!.reason;
    expect(reason(0)).toMatch(/^patient-identifying content under DICOM PS3\.15-2023b Table E\.1-1: /);
    expect(reason(0)).toContain("ImageComments (0020,4000): contains part of a person's name from PatientName");
    expect(reason(1)).toContain("possibly a date of birth");
    expect(reason(5)).toMatch(/OverlayPlane \(6000,xxxx\): needs review/);
    expect(reason(6)).toMatch(/BurnedInAnnotation \(0028,0301\): needs review/);
    const all = JSON.stringify(r.refusedImages);
    for (const c of cases) for (const s of c.secrets) expect(all).not.toContain(s);
    expect(await db().image.count()).toBe(before);
  });

  it("stores every corpus file de-identified under strip, with the profile in its record", async () => {
    const { root, cases } = corpusFolder();
    const r = await runImport(base(jsonl(tempDir(), "empty.jsonl", []), { imagesDir: root, policy: "strip" }));
    expect(r.status).toBe("completed");
    expect(r.counts.images).toMatchObject({ accepted: cases.length, refused: 0 });
    const rows = await db().image.findMany({ where: { importBatchId: r.batchId! } });
    expect(rows).toHaveLength(cases.length);
    for (const row of rows) {
      const i = Number(/deid-(\d+)\//.exec(row.originalName!)![1]);
      const record = row.deidentification as { profile: string; needsReview: string[] };
      expect(record.profile).toMatch(/^DICOM PS3\.15-2023b Table E\.1-1 Basic Application Level Confidentiality Profile$/);
      const stored = await imageStore().read(row.storageKey);
      const check = checkDeidentified(stored);
      if (cases[i].needsReview) {
        expect(record.needsReview).toHaveLength(1);
        expect(check.findings.map((f) => f.kind)).toEqual(["needs-review"]);
      } else {
        expect(check.findings, cases[i].name).toEqual([]);
      }
      const latin1 = stored.toString("latin1");
      for (const s of cases[i].secrets) expect(latin1, s).not.toContain(s);
    }
  });
});
