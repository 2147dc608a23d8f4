import { readFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { findPhi } from "@/lib/dicom/phi";
import { runImport, type ImportOptions } from "@/lib/import/run";
import { imageStore } from "@/lib/storage";
import { demoFolder, jsonl, line, realFolder, tempDir } from "./import-fixtures";
import { withDatabase, unique } from "./setup";

const db = withDatabase();

const base = (itemsFile: string, extra: Partial<ImportOptions> = {}): ImportOptions => ({
  itemsFile, policy: "refuse", dryRun: false, skipInvalid: false, actorId: null, ...extra,
});

async function rowCounts() {
  const [items, versions, levels, images, batches, links, landmarks, audit] = await Promise.all([
    db().item.count(), db().itemVersion.count(), db().itemLevel.count(), db().image.count(), db().importBatch.count(),
    db().itemImage.count(), db().imageLandmark.count(), db().auditEvent.count(),
  ]);
  return { items, versions, levels, images, batches, links, landmarks, audit };
}

const images = demoFolder();

describe("import", () => {
  it("imports the published examples with the demo image folder", async () => {
    const r = await runImport(base("examples/items.example.jsonl", { imagesDir: images.root }));
    expect(r.errors).toEqual([]);
    expect(r.status).toBe("completed");
    expect(r.counts.created + r.counts.unchanged).toBe(4);
    const report = await db().item.findFirstOrThrow({ where: { taskType: "report", externalId: { startsWith: "demo-rep-0001" } }, include: { images: true } });
    expect(report.images).toHaveLength(2); // referenced by series and instance UID
  });

  it("imports items of the four task types with the demo images and landmarks", async () => {
    const dir = tempDir();
    const id = unique("it");
    const file = jsonl(dir, "items.jsonl", [line("mcq", `${id}-mcq`), line("open_qa", `${id}-oqa`), line("consultation", `${id}-con`), line("report", `${id}-rep`)]);
    const r = await runImport(base(file, { imagesDir: images.root }));
    expect(r.status).toBe("completed");
    expect(r.counts).toMatchObject({ lines: 4, valid: 4, invalid: 0, created: 4 });
    const mcq = await db().item.findUniqueOrThrow({ where: { externalId: `${id}-mcq` }, include: { versions: { orderBy: { number: "asc" } }, levels: true, images: true } });
    expect(mcq.versions.map((v) => v.kind)).toEqual(["draft", "revision"]);
    expect(mcq.currentVersionId).toBe(mcq.versions[1].id);
    expect(mcq.versions[0].generatorModel).toBeTruthy();
    expect(mcq.levels.map((l) => l.level)).toContain("L4/L5");
    expect(mcq.images).toHaveLength(1);
    const img = await db().image.findUniqueOrThrow({ where: { id: mcq.images[0].imageId }, include: { landmarks: true, series: { include: { case: true } } } });
    expect(img).toMatchObject({ format: "dicom", modality: "MR", rows: 256, columns: 256, transferSyntaxUid: "1.2.840.10008.1.2.1" });
    expect(img.series.case.externalId).toBe("demo-case-001");
    expect(img.series.view).toBe("sagittal");
    expect(img.landmarks.length).toBeGreaterThan(3);
    expect((await imageStore().read(img.storageKey)).length).toBe(img.sizeBytes);
    const batch = await db().importBatch.findUniqueOrThrow({ where: { id: r.batchId! } });
    expect(batch.status).toBe("completed");
    expect(batch.fileSha256).toBe(r.file.sha256);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { targetType: "import", targetId: r.batchId! } });
    expect(audit.action).toBe("import.batch");
  });

  it("re-importing the same file is a no-op", async () => {
    const dir = tempDir();
    const id = unique("re");
    const file = jsonl(dir, "items.jsonl", [line("open_qa", `${id}-a`), line("report", `${id}-b`)]);
    expect((await runImport(base(file, { imagesDir: images.root }))).status).toBe("completed");
    const before = await rowCounts();
    const again = await runImport(base(file, { imagesDir: images.root }));
    expect(again.status).toBe("no_changes");
    expect(again.counts.unchanged).toBe(2);
    const withoutImages = await runImport(base(file));
    expect(withoutImages.status).toBe("already_imported");
    expect(await rowCounts()).toEqual(before);
  });

  it("changed content becomes a new version; a reviewed item goes back to the queue and keeps its reviewed version", async () => {
    const dir = tempDir();
    const id = unique("nv");
    const first = jsonl(dir, "v1.jsonl", [line("open_qa", `${id}-a`), line("open_qa", `${id}-b`)]);
    await runImport(base(first));
    const b = await db().item.findUniqueOrThrow({ where: { externalId: `${id}-b` } });
    // Simulate a review that edited item b.
    const reviewer = await db().user.create({ data: { email: `${unique("rv")}@x.org`, name: "R", role: "reviewer", passwordHash: "x" } });
    const reviewed = await db().itemVersion.create({ data: { itemId: b.id, number: 3, kind: "reviewed", content: { question: "Q?", answer: "Reviewed answer" }, contentHash: "h", authorId: reviewer.id } });
    await db().item.update({ where: { id: b.id }, data: { status: "approved", currentVersionId: reviewed.id } });

    const second = jsonl(dir, "v2.jsonl", [
      line("open_qa", `${id}-a`, (l) => (l.revision.content.answer += " Revised again.")),
      line("open_qa", `${id}-b`, (l) => (l.revision.content.answer += " Revised again.")),
    ]);
    const r = await runImport(base(second));
    expect(r.status).toBe("completed");
    expect(r.counts).toMatchObject({ created: 0, updated: 2, versionsCreated: 2, reReview: 1 });
    expect(r.reReviewItems).toEqual([`${id}-b`]);
    const a = await db().item.findUniqueOrThrow({ where: { externalId: `${id}-a` }, include: { versions: { orderBy: { number: "asc" } } } });
    expect(a.versions.map((v) => `${v.number}:${v.kind}`)).toEqual(["1:draft", "2:revision", "3:revision"]);
    expect(a.currentVersionId).toBe(a.versions[2].id);
    const b2 = await db().item.findUniqueOrThrow({ where: { id: b.id }, include: { versions: { orderBy: { number: "asc" } } } });
    expect(b2.versions.map((v) => `${v.number}:${v.kind}`)).toEqual(["1:draft", "2:revision", "3:reviewed", "4:revision"]);
    expect(b2.versions[2].content).toEqual({ question: "Q?", answer: "Reviewed answer" }); // untouched
    expect(b2.status).toBe("pending");
    expect(await db().item.count({ where: { externalId: { startsWith: id } } })).toBe(2); // never a duplicate item
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "item.reimported", targetId: b.id } });
    expect(event.before).toEqual({ status: "approved" });
  });

  it("refuses a batch with invalid lines whole, listing every bad line, and writes nothing", async () => {
    const dir = tempDir();
    const id = unique("bad");
    const file = jsonl(dir, "items.jsonl", [
      line("open_qa", `${id}-ok`),
      "{ not json",
      line("mcq", `${id}-lvl`, (l) => (l.levels = ["L9"])),
      line("mcq", `${id}-rev`, (l) => (l.levels = ["L5/L3"])),
      line("open_qa", `${id}-ok`),
      line("report", `${id}-img`, (l) => (l.images = [{ path: "demo-case-001/nope.dcm" }])),
      line("mcq", `${id}-key`, (l) => (l.draft.content.answer = "F")),
    ]);
    const before = await rowCounts();
    const r = await runImport(base(file, { imagesDir: images.root }));
    expect(r.status).toBe("refused");
    const byLine = new Map(r.errors.map((e) => [e.line, e]));
    expect(byLine.get(2)?.message).toMatch(/JSON/i);
    expect(byLine.get(3)).toMatchObject({ path: expect.stringMatching(/^levels/) });
    expect(byLine.get(3)?.message).toContain("L9");
    expect(byLine.get(4)?.message).toContain("L5/L3");
    expect(byLine.get(5)?.message).toBe(`duplicate externalId ${id}-ok: first seen on line 1`);
    expect(byLine.get(6)).toMatchObject({ path: "images[0]", message: expect.stringContaining("demo-case-001/nope.dcm") });
    expect(byLine.get(7)?.path).toMatch(/^draft\.content\.answer/);
    expect(await rowCounts()).toEqual(before);
    expect(await db().item.count({ where: { externalId: { startsWith: id } } })).toBe(0);
  });

  it("with skipInvalid imports the valid lines and reports the rest", async () => {
    const dir = tempDir();
    const id = unique("skip");
    const file = jsonl(dir, "items.jsonl", [line("open_qa", `${id}-ok`), line("mcq", `${id}-bad`, (l) => (l.levels = ["C8/C9"]))]);
    const r = await runImport(base(file, { skipInvalid: true, imagesDir: images.root }));
    expect(r.status).toBe("completed");
    expect(r.counts).toMatchObject({ created: 1, invalid: 1 });
    expect(r.errors[0]).toMatchObject({ line: 2, message: expect.stringContaining("C8") });
    expect(await db().item.count({ where: { externalId: { startsWith: id } } })).toBe(1);
    const batch = await db().importBatch.findUniqueOrThrow({ where: { id: r.batchId! } });
    expect((batch.report as { errorsTotal: number }).errorsTotal).toBe(1);
  });

  it("a dry run checks everything and writes nothing", async () => {
    const dir = tempDir();
    const id = unique("dry");
    const file = jsonl(dir, "items.jsonl", [line("report", `${id}-a`), line("consultation", `${id}-b`)]);
    const before = await rowCounts();
    const r = await runImport(base(file, { dryRun: true, imagesDir: realFolder(), policy: "strip" }));
    expect(r.status).toBe("dry_run");
    expect(r.counts.created).toBe(2);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses real DICOM files that carry patient identity, naming the file and the tags", async () => {
    const dir = tempDir();
    const file = jsonl(dir, "empty.jsonl", []);
    const before = await rowCounts();
    const r = await runImport(base(file, { imagesDir: realFolder() }));
    const refused = new Map(r.refusedImages.map((f) => [f.path, f.reason]));
    expect(refused.get("real-case/CT_small.dcm")).toMatch(/PatientName \(0010,0010\).*PatientID \(0010,0020\)/);
    expect(refused.get("real-case/CT_small.dcm")).toContain("OtherPatientIDsSequence");
    expect(refused.get("real-case/MR_small.dcm")).toContain("PatientName");
    expect(refused.get("real-case/MR_truncated.dcm")).toMatch(/truncated/);
    // Nothing with identity was stored or recorded.
    expect((await rowCounts()).images).toBe(before.images);
  });

  it("strips patient identity under the strip policy and records what was removed", async () => {
    const dir = tempDir();
    const file = jsonl(dir, "empty.jsonl", []);
    const r = await runImport(base(file, { imagesDir: realFolder(["CT_small.dcm", "MR_small.dcm", "JPEG2000.dcm"]), policy: "strip" }));
    expect(r.status).toBe("completed");
    expect(r.counts.images).toMatchObject({ accepted: 3, stripped: 3, refused: 0 });
    const rows = await db().image.findMany({ where: { importBatchId: r.batchId! }, orderBy: { originalName: "asc" } });
    expect(rows.map((i) => [i.originalName, i.modality])).toEqual([
      ["real-case/CT_small.dcm", "CT"], ["real-case/JPEG2000.dcm", "NM"], ["real-case/MR_small.dcm", "MR"],
    ]);
    const ct = rows[0];
    expect(ct.transferSyntaxUid).toBe("1.2.840.10008.1.2.1");
    expect(ct.rows).toBe(128);
    expect((ct.deidentification as { removed: string[] }).removed).toEqual(expect.arrayContaining(["PatientName", "PatientID", "OtherPatientIDsSequence", "InstitutionName"]));
    expect(ct.deidentification).toMatchObject({ profile: expect.stringMatching(/^DICOM PS3\.15-2023b Table E\.1-1/), needsReview: [] });
    // JPEG2000.dcm is a Secondary Capture that does not state BurnedInAnnotation: accepted, flagged for review.
    expect((rows[1].deidentification as { needsReview: string[] }).needsReview).toHaveLength(1);
    for (const img of rows) {
      const stored = await imageStore().read(img.storageKey);
      expect(findPhi(stored).filter((f) => f.kind !== "needs-review")).toEqual([]);
      expect(stored.includes(Buffer.from("CompressedSamples"))).toBe(false);
    }
    expect(rows[1].transferSyntaxUid).toBe("1.2.840.10008.1.2.4.91");
  });

  it("an error in the middle of the item phase leaves nothing behind, and running again completes it", async () => {
    const dir = tempDir();
    const id = unique("crash");
    const lines = Array.from({ length: 5000 }, (_, i) => line("open_qa", `${id}-${i}`));
    const file = jsonl(dir, "items.jsonl", lines);
    const before = await rowCounts();
    await expect(
      runImport(base(file, { onProgress: (p) => { if (p.phase === "items" && p.done >= 4000) throw new Error("simulated crash"); } })),
    ).rejects.toThrow("simulated crash");
    expect(await rowCounts()).toEqual(before);
    const r = await runImport(base(file));
    expect(r.counts.created).toBe(5000);
  });

  it("a killed import process leaves no half-written batch, and re-running completes it", async () => {
    const dir = tempDir();
    const id = unique("kill");
    const big = Array.from({ length: 40_000 }, (_, i) => line(i % 2 ? "report" : "consultation", `${id}-${i}`));
    const file = jsonl(dir, "items.jsonl", big);
    const before = await rowCounts();
    const child = spawn("npx", ["tsx", "--conditions=react-server", "cli/import.ts", file, "--images", images.root], {
      env: { ...process.env, PROGRESS_INTERVAL_MS: "100" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group: the kill reaches tsx's node process too
    });
    let output = "";
    await new Promise<void>((resolve) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        // Kill it once it is well into writing items.
        // Well into writing items, and not at the end: 5,000 to 35,000 of 40,000 lines.
        if (/items: ([5-9]|[1-2]\d|3[0-4]),\d{3}\/40,000/.test(output) && child.pid) {
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
            /* already gone */
          }
        }
      };
      child.stderr.on("data", onData);
      child.stdout.on("data", onData);
      child.on("exit", () => resolve());
    });
    expect(output).not.toContain("Import completed");
    expect(await rowCounts()).toEqual(before);
    const r = await runImport(base(file, { imagesDir: images.root }));
    expect(r.status).toBe("completed");
    expect(r.counts.created).toBe(40_000);
  }, 180_000);

  it("refuses an image folder or items file that does not exist", async () => {
    await expect(runImport(base("/nonexistent/items.jsonl"))).rejects.toThrow("The items file /nonexistent/items.jsonl does not exist.");
    const file = jsonl(tempDir(), "e.jsonl", []);
    await expect(runImport(base(file, { imagesDir: "/nonexistent/images" }))).rejects.toThrow("does not exist");
  });

  it("reports landmarks on unknown images or outside the image", async () => {
    const dir = tempDir();
    const lm = jsonl(dir, "landmarks.jsonl", [
      { image: "demo-case-001/sag_t2/IM0008.dcm", level: "L4", x: 9999, y: 10 },
      { image: "nowhere.dcm", level: "L4", x: 1, y: 1 },
      { image: "demo-case-001/sag_t2/IM0008.dcm", level: "L9", x: 1, y: 1 },
    ]);
    const r = await runImport(base(jsonl(dir, "e.jsonl", []), { imagesDir: images.root, landmarksFile: lm }));
    expect(r.status).toBe("refused");
    expect(r.errors.map((e) => e.line).sort()).toEqual([1, 2, 3]);
    expect(r.errors.find((e) => e.line === 1)?.message).toContain("outside");
    expect(readFileSync(lm, "utf8")).toContain("L9");
  });
});
