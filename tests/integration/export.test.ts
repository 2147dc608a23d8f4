import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSnapshot, NoMatchingItemsError } from "@/lib/export/build-snapshot";
import { exportDefinitionSchema, parseDefinition, type ExportDefinitionInput } from "@/lib/export/definition";
import { countTag } from "@/lib/export/formats";
import { sha256File, verifySnapshot, type Manifest } from "@/lib/export/manifest";
import { snapshotArchive } from "@/lib/export/queries";
import { listFiles } from "@/lib/export/tar";
import { EDITED_ANSWER, playCampaign, type Campaign } from "./export-fixtures";
import { tempDir } from "./import-fixtures";
import { withDatabase } from "./setup";

const db = withDatabase();
const SECRET = "export-test-secret-0123456789";

let campaign: Campaign;
let folder: string;
let manifest: Manifest;

const jsonl = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, any>);

/** Every record of a format, over the splits written. */
function records(root: string, format: string): Record<string, any>[] {
  const dir = path.join(root, format);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .flatMap((f) => jsonl(path.join(dir, f)).map((r) => ({ ...r, __file: f })));
}

const definition = (extra: ExportDefinitionInput = {}) => parseDefinition({ ...extra, filters: { importBatches: [campaign.batchId], ...(extra.filters ?? {}) } });

async function build(extra: ExportDefinitionInput = {}, out = path.join(tempDir("spinemed-export-"), "snap"), archive = false) {
  return buildSnapshot({ definition: definition(extra), out, creator: null, secret: SECRET, archive });
}

/** The archive the download route streams for a snapshot, whole. */
async function downloaded(snapshotId: string): Promise<{ bytes: number; body: Buffer }> {
  const a = await snapshotArchive(snapshotId);
  const parts: Uint8Array[] = [];
  for await (const c of a.body) parts.push(c);
  return { bytes: a.bytes, body: Buffer.concat(parts) };
}

beforeAll(async () => {
  campaign = await playCampaign();
  const r = await build();
  folder = r.folder;
  manifest = r.manifest;
}, 120_000);

describe("export snapshots", () => {
  it("exports only approved or adjudicated items as training text; the rejected item only as a KTO negative", async () => {
    const native = records(folder, "native");
    const ids = new Set(native.map((r) => r.id));
    const { ids: c } = campaign;
    for (const id of [c.mcq, c.report, c.adjudicated, c.edited, ...c.cases]) expect(ids.has(id)).toBe(true);
    expect(ids.has(c.pending)).toBe(false);
    for (const r of native) expect(["approved", "adjudicated", "rejected"]).toContain(r.status);
    const rows = await db().item.findMany({ where: { externalId: { in: [...ids] } }, select: { externalId: true, status: true } });
    for (const r of rows) expect(["approved", "adjudicated", "rejected"]).toContain(r.status);
    const sft = records(folder, "sft");
    expect(sft.length).toBe(native.filter((r) => r.status !== "rejected").length);
    const kto = records(folder, "kto");
    const negative = kto.filter((r) => r.label === false);
    expect(negative).toHaveLength(1);
    expect(negative[0]).toMatchObject({ reason: "unsafe_or_outdated_recommendation", severity: "clinically_dangerous" });
    expect(kto.filter((r) => r.label === true).length).toBe(sft.length);
    expect(manifest.counts).toMatchObject({ items: native.length, negatives: 1, positives: sft.length });
  });

  it("every ms-swift record has one <image> tag per image, in order; images are PNG files named by their hash", async () => {
    const withImages = [...records(folder, "sft"), ...records(folder, "kto"), ...records(folder, "preference")];
    expect(withImages.some((r) => r.images.length > 0)).toBe(true);
    for (const r of withImages) {
      expect(countTag(r.messages, "<image>")).toBe(r.images.length);
      for (const img of r.images) {
        expect(img).toMatch(/^images\/[0-9a-f]{64}\.png$/);
        const file = path.join(folder, img);
        expect(sha256File(file).sha256).toBe(img.slice(7, 71));
        expect(readFileSync(file).subarray(1, 4).toString()).toBe("PNG");
      }
    }
    const preference = records(folder, "preference");
    expect(preference.map((p) => p.rejected_response).length).toBeGreaterThan(0);
    const edited = preference.find((p) => p.messages.at(-1).content === EDITED_ANSWER);
    expect(edited?.rejected_response).not.toBe(EDITED_ANSWER);
  });

  it("without the native record, only the final and corrected LLM texts are read, and every other format's records are the same", async () => {
    const formats = ["sft", "preference", "kto", "grounding", "eval"] as const;
    const r = await build({ formats: [...formats] });
    const files = (root: string) => readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith(".jsonl") && !f.startsWith("native")).sort();
    expect(files(r.folder)).toEqual(files(folder));
    for (const f of files(folder)) expect(readFileSync(path.join(r.folder, f), "utf8"), f).toBe(readFileSync(path.join(folder, f), "utf8"));
    expect(records(r.folder, "preference").some((p) => p.messages.at(-1).content === EDITED_ANSWER)).toBe(true);
  });

  it("grounding has one <bbox> per box, only for placed levels; the adjudicated correction L4/L5 → L5/S1 shows in SFT, native and grounding", async () => {
    const grounding = records(folder, "grounding");
    expect(grounding.length).toBeGreaterThan(0);
    for (const g of grounding) {
      expect(countTag(g.messages, "<bbox>")).toBe(g.objects.bbox.length);
      expect(countTag(g.messages, "<ref-object>")).toBe(g.objects.ref.length);
      expect(g.objects.ref.length).toBe(g.objects.bbox.length);
      for (const b of g.objects.bbox) {
        expect(b).toHaveLength(4);
        expect(b[2]).toBeGreaterThan(b[0]);
        expect(b[3]).toBeGreaterThan(b[1]);
      }
    }
    const native = records(folder, "native");
    const adj = native.find((r) => r.id === campaign.ids.adjudicated)!;
    expect(adj.levels.before).toEqual(["L3/L4", "L4/L5"]);
    expect(adj.levels.after.map((l: { level: string }) => l.level)).toEqual(["L3/L4", "L5/S1"]);
    expect(adj.final.kind).toBe("adjudicated");
    expect(adj.reviews.filter((r: { deciding: boolean }) => r.deciding)).toHaveLength(1);
    // Grounding of the adjudicated item: the image it shows, with the corrected level and never the moved one.
    const img = adj.images[0];
    const g = grounding.find((x) => x.images[0] === img && x.objects.ref.includes("L5/S1"));
    expect(g).toBeTruthy();
    expect(grounding.filter((x) => x.images[0] === img).some((x) => x.objects.ref.includes("L4/L5") && !x.objects.ref.includes("L5/S1"))).toBe(true); // the MCQ's confirmed L4/L5
    const adjGrounding = grounding.filter((x) => x.objects.ref.join() === "L3/L4,L5/S1");
    expect(adjGrounding).toHaveLength(1);
    // SFT of the adjudicated item: the same native split, and its final text.
    const sftFile = path.join(folder, "sft", `${adj.split}.jsonl`);
    expect(jsonl(sftFile).some((r) => r.images[0] === img && r.messages.at(-1).content === adj.final.content.answer)).toBe(true);
    // The native record of the correction names the corrected level, for SFT metadata readers.
    expect(adj.levels.placed).toEqual(["L3/L4", "L5/S1"]);
  });

  it("no case sits on two splits, and the manifest gives the split sizes", () => {
    const native = records(folder, "native");
    const side = new Map<string, string>();
    for (const r of native) {
      const key = r.provenance.caseId ? `case:${r.provenance.caseId}` : `source:${r.provenance.sourceReference}`;
      if (side.has(key)) expect(side.get(key)).toBe(r.split);
      side.set(key, r.split);
      expect(r.__file).toBe(`${r.split}.jsonl`);
    }
    expect(new Set(side.values()).size).toBeGreaterThan(1);
    const sizes: Record<string, number> = {};
    for (const r of native) sizes[r.split] = (sizes[r.split] ?? 0) + 1;
    expect(manifest.counts.split).toEqual(sizes);
  });

  it("reviewer ids are pseudonyms, never user ids", async () => {
    const users = await db().user.findMany({ select: { id: true, email: true } });
    const text = listFiles(folder)
      .filter((f) => f.endsWith(".jsonl") || f.endsWith(".json") || f.endsWith(".md"))
      .map((f) => readFileSync(path.join(folder, f), "utf8"))
      .join("\n");
    for (const u of users) {
      expect(text.includes(u.id)).toBe(false);
      expect(text.includes(u.email)).toBe(false);
    }
    const reviewers = new Set(records(folder, "native").flatMap((r) => r.reviews.map((x: { reviewer: string }) => x.reviewer)));
    expect(reviewers.size).toBe(3);
    for (const r of reviewers) expect(r).toMatch(/^reviewer-[0-9a-f]{16}$/);
  });

  it("the manifest's hashes match the files, a second run gives identical bytes, and the card and LLaMA-Factory info name the files", async () => {
    expect(verifySnapshot(folder)).toMatchObject({ ok: true, problems: [] });
    for (const f of manifest.files) expect(sha256File(path.join(folder, f.path)).sha256).toBe(f.sha256);
    // The second run also writes its archive as a file: the first one's, streamed from its folder, is the same bytes.
    const again = await build({}, undefined, true);
    const a = listFiles(folder);
    expect(listFiles(again.folder)).toEqual(a);
    for (const f of a) expect(sha256File(path.join(again.folder, f)).sha256, f).toBe(sha256File(path.join(folder, f)).sha256);
    expect(existsSync(`${folder}.tar`)).toBe(false);
    const first = await db().exportSnapshot.findFirstOrThrow({ where: { location: folder, status: "complete" } });
    const streamed = await downloaded(first.id);
    expect(streamed.body.length).toBe(streamed.bytes);
    expect(Number(first.archiveBytes)).toBe(streamed.bytes);
    expect(again.archive).toBe(`${again.folder}.tar`);
    expect(streamed.body.equals(readFileSync(again.archive!))).toBe(true);
    expect(again.archiveBytes).toBe(streamed.bytes);
    // The archive holds the folder: tar lists every file under the snapshot's name.
    const listing = spawnSync("tar", ["-tf", again.archive!], { encoding: "utf8" }).stdout.split("\n").filter((l) => l && !l.endsWith("/"));
    expect(listing.sort()).toEqual(a.map((f) => `snap/${f}`).sort());

    const card = readFileSync(path.join(folder, "README.md"), "utf8");
    expect(card.startsWith("---\n")).toBe(true);
    expect(card).toMatch(/config_name: sft\n  data_files:\n  - split: \w+\n    path: sft\/\w+\.parquet/);
    expect(card).toContain("size_categories:\n- n<1K");
    const info = JSON.parse(readFileSync(path.join(folder, "dataset_info.json"), "utf8")) as Record<string, { file_name: string }>;
    for (const entry of Object.values(info)) expect(existsSync(path.join(folder, entry.file_name))).toBe(true);
    expect(Object.keys(info).some((k) => k.includes("_sft_"))).toBe(true);
    const db0 = await db().exportSnapshot.findUniqueOrThrow({ where: { id: again.snapshotId } });
    expect(db0.status).toBe("complete");
  });

  it("Parquet beside each JSON Lines file reads back with typed nested messages", async () => {
    for (const f of listFiles(folder).filter((x) => x.endsWith(".jsonl"))) {
      const pq = path.join(folder, f.replace(/\.jsonl$/, ".parquet"));
      expect(existsSync(pq), pq).toBe(true);
      const rows = await parquetReadObjects({ file: await asyncBufferFromFile(pq) });
      const lines = jsonl(path.join(folder, f));
      expect(rows.length).toBe(lines.length);
      if (f.startsWith("sft/")) expect(rows.map((r) => ({ messages: r.messages, images: r.images }))).toEqual(lines);
      if (f.startsWith("grounding/")) expect(rows.map((r) => (r.objects as { bbox: number[][] }).bbox)).toEqual(lines.map((l) => l.objects.bbox));
      if (f.startsWith("native/")) expect(rows.map((r) => JSON.parse(r.record as string))).toEqual(lines);
      if (f === "eval/reports.jsonl") expect(rows.map((r) => r.rubric)).toEqual(lines.map((l) => l.rubric));
    }
  });

  it("writes the evaluation set as the scorer reads it", () => {
    const evalFiles = listFiles(folder).filter((f) => f.startsWith("eval/") && f.endsWith(".jsonl"));
    for (const f of evalFiles) {
      for (const r of jsonl(path.join(folder, f))) {
        if (f.includes("mcq")) {
          expect(Object.keys(r.options).length).toBeGreaterThan(1);
          expect(r.options[r.answer]).toBeTruthy();
          expect(r.format).toBe(f.includes("image") ? "image" : "text");
        } else expect(typeof r.reference).toBe("string");
      }
    }
  });

  it("an edited folder fails verify, naming the file, and its archive is no longer handed out", async () => {
    const r = await build({ formats: ["native", "sft"] });
    const victim = listFiles(r.folder).find((f) => f.startsWith("sft/") && f.endsWith(".jsonl"))!;
    writeFileSync(path.join(r.folder, victim), readFileSync(path.join(r.folder, victim), "utf8").replace("L5", "L4"));
    expect(verifySnapshot(r.folder).problems).toEqual([{ path: victim, problem: "changed" }]);
    const cli = spawnSync("npx", ["tsx", "--conditions=react-server", "cli/export-verify.ts", r.folder], { encoding: "utf8" });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`changed: ${victim}`);
    // An edit of the same size is for verify to find; one that changes a file's size stops the download.
    expect((await downloaded(r.snapshotId)).body.length).toBe(r.archiveBytes);
    writeFileSync(path.join(r.folder, victim), readFileSync(path.join(r.folder, victim), "utf8") + "{}\n");
    await expect(snapshotArchive(r.snapshotId)).rejects.toThrow(new RegExp(`changed since it was written \\(${victim.replace("/", "\\/")}\\)`));
  });

  it("no matching items: a clear message and no snapshot; an unknown level is refused by name", async () => {
    const before = await db().exportSnapshot.count();
    const out = path.join(tempDir("spinemed-export-"), "empty");
    await expect(build({ filters: { levels: ["C1"] } }, out)).rejects.toThrow(NoMatchingItemsError);
    await expect(build({ filters: { levels: ["C1"] } }, out)).rejects.toThrow(/No approved or adjudicated item matches/);
    expect(existsSync(out)).toBe(false);
    expect(await db().exportSnapshot.count()).toBe(before);
    const refused = exportDefinitionSchema.safeParse({ filters: { levels: ["L4/L5", "L9/L10"] } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].message).toMatch(/^Level filter: Unknown level "L9\/L10"/);
    // The decision date range: nothing decided in the future; everything decided since 2000.
    await expect(build({ filters: { decidedFrom: "2999-01-01" } }, out)).rejects.toThrow(NoMatchingItemsError);
    const since = await build({ filters: { decidedFrom: "2000-01-01", decidedTo: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) }, formats: ["native"] });
    expect(since.manifest.counts.items).toBe(manifest.counts.positives);
    // The level filter is a real filter, in any spelling: only the items on L5/S1 (the report, and the item whose
    // claim the adjudicator moved there).
    const r = await build({ filters: { levels: ["l5-s1"] }, formats: ["native"] });
    expect(records(r.folder, "native").map((x) => x.id).sort()).toEqual([campaign.ids.adjudicated, campaign.ids.report].sort());
  });

  it("a failed write (disk full) leaves nothing complete and no folder", async () => {
    const out = path.join(tempDir("spinemed-export-"), "full");
    const before = await db().exportSnapshot.count({ where: { status: "complete" } });
    const diskFull = async () => {
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    };
    await expect(buildSnapshot({ definition: definition(), out, creator: null, secret: SECRET, renderer: diskFull })).rejects.toThrow(/ENOSPC/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(path.dirname(out))).toEqual([]);
    expect(await db().exportSnapshot.count({ where: { status: "complete" } })).toBe(before);
    expect(await db().exportSnapshot.count({ where: { status: "failed", location: out } })).toBe(1);
  });

  it("a killed export leaves nothing complete, and the next run cleans up and starts clean", async () => {
    const dir = tempDir("spinemed-export-");
    const out = path.join(dir, "killed");
    const child = spawn("npx", ["tsx", "--conditions=react-server", "cli/export.ts", "--out", out, "--filter", `batch=${campaign.batchId}`, "--chunk", "1", "--pause-ms", "400"], {
      env: { ...process.env, EXPORT_SECRET: SECRET },
      stdio: "ignore",
    });
    let row = null;
    for (let i = 0; i < 200 && !row; i++) {
      await new Promise((r) => setTimeout(r, 100));
      row = await db().exportSnapshot.findFirst({ where: { location: out, status: "building" } });
    }
    expect(row).toBeTruthy();
    const pid = (row!.manifest as { building: { pid: number } }).building.pid;
    process.kill(pid, "SIGKILL");
    await new Promise((r) => child.once("exit", r));
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(dir).some((f) => f.includes(".building-"))).toBe(true);
    expect((await db().exportSnapshot.findUniqueOrThrow({ where: { id: row!.id } })).status).toBe("building");
    const again = await build({}, out);
    expect((await db().exportSnapshot.findUniqueOrThrow({ where: { id: row!.id } })).status).toBe("failed");
    expect(readdirSync(dir).sort()).toEqual(["killed"]);
    expect(verifySnapshot(again.folder).ok).toBe(true);
  });

  it("an image that cannot be rendered names the file, or is skipped and counted by option", async () => {
    const { runImport } = await import("@/lib/import/run");
    const { jsonl: writeJsonl, line } = await import("./import-fixtures");
    const { submitReview } = await import("@/lib/review");
    const { mkdirSync, readFileSync: readBytes, writeFileSync: writeBytes } = await import("node:fs");
    const id = `${campaign.prefix}-dicom`;
    // pydicom's JPEG 2000 MR slice with its compressed stream overwritten: the header reads well (the import takes
    // it), the pixels do not decode (the renderer refuses it, never a black PNG).
    const imagesDir = tempDir();
    mkdirSync(path.join(imagesDir, "broken"), { recursive: true });
    const bytes = readBytes("/usr/lib/python3/dist-packages/pydicom/data/test_files/MR_small_jp2klossless.dcm");
    bytes.fill(0x5a, bytes.length - 1500, bytes.length - 20);
    writeBytes(path.join(imagesDir, "broken", "MR_broken.dcm"), bytes);
    const file = writeJsonl(tempDir(), "dicom.jsonl", [line("open_qa", id, (l) => {
      l.images = [{ path: "broken/MR_broken.dcm" }];
      l.modality = "MR";
      l.provenance.caseId = "broken-case";
      l.requiredReviews = 1;
    })]);
    const report = await runImport({ itemsFile: file, imagesDir, policy: "strip", dryRun: false, skipInvalid: false, actorId: null });
    expect(report.errors).toEqual([]);
    const it0 = await db().item.findUniqueOrThrow({ where: { externalId: id }, include: { levels: true } });
    const reviewer = campaign.reviewers[1];
    await db().assignment.create({ data: { itemId: it0.id, userId: reviewer.id, dueAt: new Date(Date.now() + 86_400_000) } });
    await submitReview(it0.id, { baseVersionId: it0.currentVersionId!, decision: "accept", levels: it0.levels.map((l) => ({ level: l.level, decision: "accept" })), timeSpentMs: 1000 }, reviewer);
    const filters = { importBatches: [report.batchId!] };
    await expect(build({ filters })).rejects.toThrow(/MR_broken\.dcm/);
    await expect(build({ filters, skipUndecodable: true })).rejects.toThrow(/left out/);
    const r = await build({ filters: { importBatches: [campaign.batchId, report.batchId!] }, skipUndecodable: true, formats: ["native"] });
    expect(r.manifest.counts.images.skippedItems).toBe(1);
    expect(r.manifest.counts.images.skipped[0].image).toContain("MR_broken.dcm");
    expect(records(r.folder, "native").some((x) => x.id === id)).toBe(false);
  });
});
