import { describe, expect, it } from "vitest";
import { formatImportLineError, parseImportLine } from "@/lib/items/parse-line";
import type { ImportLine } from "@/lib/items/schema";
import { demoItems, type DemoImageRefs } from "./items";

const MR_CASE = "demo-case-001";
const XR_CASE = "demo-case-002";

const IMAGES: DemoImageRefs = {
  mr: Array.from({ length: 15 }, (_, i) => `${MR_CASE}/sag_t2/IM${String(i + 1).padStart(4, "0")}.dcm`),
  xray: [`${MR_CASE}/xr_lateral/lateral.dcm`, `${XR_CASE}/xr_lateral/lateral.png`],
  mrCaseId: MR_CASE,
  xrayCaseId: XR_CASE,
};

const items = demoItems(IMAGES);

function parsed(): ImportLine[] {
  return items.map((item, i) => {
    const result = parseImportLine(JSON.stringify(item), i + 1);
    if (!result.ok) throw new Error(result.errors.map(formatImportLineError).join("\n"));
    return result.line;
  });
}

function imagePaths(line: ImportLine): string[] {
  return line.images.map((ref) => ("path" in ref ? ref.path : "instanceUid" in ref ? `uid:${ref.seriesUid}/${ref.instanceUid}` : `pacs:${ref.pacs}/${ref.studyInstanceUid}`));
}

/** Every text field of a content body by its path, so draft and revision can be compared field by field. */
function textFields(value: unknown, path = "", out = new Map<string, string>()): Map<string, string> {
  if (typeof value === "string") out.set(path, value);
  else if (Array.isArray(value)) value.forEach((v, i) => textFields(v, `${path}[${i}]`, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) textFields(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

const DISC = /\b[CTL]\d{1,2}\/[CTLS]\d{1,2}\b/g;
const discs = (text: string) => new Set(text.match(DISC) ?? []);

describe("demoItems", () => {
  it("every item passes the import schema", () => {
    items.forEach((item, i) => {
      const result = parseImportLine(JSON.stringify(item), i + 1);
      const errors = result.ok ? [] : result.errors.map(formatImportLineError);
      expect(result.ok, `${(item as { externalId: string }).externalId}:\n${errors.join("\n")}`).toBe(true);
    });
  });

  it("has 12 MCQs, 10 open questions, 8 consultations and 10 reports, some in Chinese", () => {
    const lines = parsed();
    const count = (t: string) => lines.filter((l) => l.taskType === t).length;
    expect(count("mcq")).toBe(12);
    expect(count("open_qa")).toBe(10);
    expect(count("consultation")).toBe(8);
    expect(count("report")).toBe(10);
    const zh = lines.filter((l) => l.language === "zh").length;
    expect(zh).toBeGreaterThanOrEqual(3);
    expect(zh).toBeLessThanOrEqual(4);
    expect(lines.every((l) => l.revision !== undefined)).toBe(true);
  });

  it("has unique externalIds", () => {
    const ids = parsed().map((l) => l.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("demo-mcq-001");
    expect(ids).toContain("demo-rep-003");
  });

  it("references only the given image paths, MR items MR slices (one of them a middle one), XR items the case's X-ray", () => {
    const allowed = new Set([...IMAGES.mr, ...IMAGES.xray]);
    const middle = new Set(IMAGES.mr.slice(6, 9));
    for (const line of parsed()) {
      const paths = imagePaths(line);
      for (const p of paths) expect(allowed.has(p), `${line.externalId}: ${p}`).toBe(true);
      if (line.modality === null) expect(paths, line.externalId).toEqual([]);
      if (line.modality === "MR") {
        expect(paths.length, line.externalId).toBeGreaterThanOrEqual(1);
        expect(paths.length, line.externalId).toBeLessThanOrEqual(3);
        for (const p of paths) expect(IMAGES.mr, `${line.externalId}: ${p}`).toContain(p);
        expect(paths.some((p) => middle.has(p)), line.externalId).toBe(true);
        expect(line.provenance.caseId).toBe(MR_CASE);
      }
      if (line.modality === "XR") {
        expect(paths.length, line.externalId).toBe(1);
        expect(IMAGES.xray).toContain(paths[0]);
        expect(paths[0].startsWith(`${line.provenance.caseId}/`), line.externalId).toBe(true);
      }
    }
    const lines = parsed();
    expect(lines.some((l) => l.modality === "XR" && l.provenance.caseId === XR_CASE)).toBe(true);
    expect(lines.some((l) => l.modality === "XR" && l.provenance.caseId === MR_CASE)).toBe(true);
    expect(lines.some((l) => l.taskType === "mcq" && l.draft.content.format === "image_text")).toBe(true);
  });

  it("mixes review overlap, source types and levels as the demo needs", () => {
    const lines = parsed();
    const overlap = lines.filter((l) => l.requiredReviews === 2).length;
    expect(overlap).toBeGreaterThanOrEqual(8);
    expect(overlap).toBeLessThanOrEqual(12);
    expect(new Set(lines.map((l) => l.provenance.sourceType)).size).toBe(7);
    const transitional = lines.flatMap((l) => l.levels).filter((lv) => lv.level === "L6");
    expect(transitional).toEqual([expect.objectContaining({ level: "L6", castellvi: "IIa" })]);
    expect(lines.every((l) => l.levels.length > 0)).toBe(true);
  });

  it("has a revision that moves a claim from one level to another", () => {
    const moved = parsed().filter((line) => {
      const draft = textFields(line.draft.content);
      const revision = textFields(line.revision!.content);
      return [...draft].some(([path, text]) => {
        const before = discs(text);
        const after = discs(revision.get(path) ?? "");
        return [...before].some((l) => !after.has(l)) && [...after].some((l) => !before.has(l));
      });
    });
    expect(moved.map((l) => l.externalId)).toContain("demo-rep-001");
  });

  it("carries HTML in LLM text for the UI to show literally", () => {
    const json = items.map((i) => JSON.stringify(i));
    expect(json.filter((j) => j.includes("<script>alert(1)</script>")).length).toBeGreaterThanOrEqual(1);
    expect(json.filter((j) => j.includes("<img src=x onerror=alert(1)>")).length).toBeGreaterThanOrEqual(1);
    expect(json.filter((j) => j.includes("<b>")).length).toBeGreaterThanOrEqual(2);
  });

  it("is deterministic and returns fresh objects", () => {
    const a = demoItems(IMAGES);
    const b = demoItems(IMAGES);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    expect(a[0]).not.toBe(b[0]);
  });
});
