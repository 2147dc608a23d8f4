// The published artefacts (JSON Schema, examples, documentation) must agree with the zod schema.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IMPORT_SCHEMA_PATH, importJsonSchema, renderImportJsonSchema } from "./json-schema";
import { parseImportLine } from "./parse-line";
import { SUBFIELD_IDS } from "./subfields";
import { parseLevel } from "../levels/levels";
import { exampleLines, REPO_ROOT } from "./test-fixtures";

const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");

describe("schemas/import-item.schema.json", () => {
  it("is up to date with the zod schema (regenerate: npx tsx scripts/json-schema.ts)", () => {
    expect(read(IMPORT_SCHEMA_PATH)).toBe(renderImportJsonSchema());
  });

  it("renders the same bytes every time", () => {
    expect(renderImportJsonSchema()).toBe(renderImportJsonSchema());
  });

  it("has one branch per task type and names the shared parts", () => {
    const schema = importJsonSchema() as {
      $schema: string;
      oneOf: { properties: { taskType: { const: string } }; additionalProperties: boolean }[];
      $defs: Record<string, unknown>;
    };
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.oneOf.map((b) => b.properties.taskType.const)).toEqual(["mcq", "open_qa", "consultation", "report"]);
    expect(schema.oneOf.every((b) => b.additionalProperties === false)).toBe(true);
    expect(Object.keys(schema.$defs).sort()).toEqual([
      "ConsultationContent",
      "Generator",
      "ImageRef",
      "LevelEntry",
      "McqContent",
      "OpenQaContent",
      "Provenance",
      "ReportContent",
    ]);
  });
});

describe("examples/items.example.jsonl", () => {
  const lines = exampleLines();
  const parsed = lines.map((text, i) => {
    const result = parseImportLine(text, i + 1);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.line;
  });

  it("has one valid line per task type", () => {
    expect(parsed.map((l) => l.taskType)).toEqual(["mcq", "open_qa", "consultation", "report"]);
    expect(new Set(parsed.map((l) => l.externalId)).size).toBe(4);
  });

  it("has an image_text MCQ referencing demo-case-001 images by path", () => {
    const mcq = parsed[0];
    if (mcq.taskType !== "mcq") throw new Error("first example is not an mcq");
    expect(mcq.draft.content.format).toBe("image_text");
    expect(mcq.images.length).toBeGreaterThan(0);
    for (const image of mcq.images) expect("path" in image && image.path.startsWith("demo-case-001/")).toBe(true);
  });

  it("has a report with all six sections filled", () => {
    const report = parsed[3];
    if (report.taskType !== "report") throw new Error("last example is not a report");
    const s = report.draft.content.sections;
    for (const text of [s.findings, s.diagnosis, s.treatment.patientFriendly, s.treatment.evidenceBased, s.riskPrognosis, s.postOpManagement, s.diagnosticBasis]) {
      expect(text.length).toBeGreaterThan(40);
    }
  });

  it("is written in canonical form, leaving out only defaults", () => {
    const defaults = { modality: null, levels: [], requiredReviews: 1, images: [] };
    lines.forEach((text, i) => {
      const written = { ...defaults, ...JSON.parse(text) };
      // A level written as a string comes out as { level }.
      written.levels = written.levels.map((l: unknown) => (typeof l === "string" ? { level: l } : l));
      expect(parsed[i]).toEqual(written);
    });
  });
});

describe("docs/import-format.md", () => {
  const doc = read("docs/import-format.md");

  it("shows the example lines, pretty-printed, in the same order", () => {
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]));
    expect(blocks).toEqual(exampleLines().map((l) => JSON.parse(l)));
  });

  it("lists spellings that the level parser accepts", () => {
    const table = doc.slice(doc.indexOf("| written | stored |"), doc.indexOf("Refused, with a message"));
    const rows = table.split("\n").filter((r) => r.startsWith("| `"));
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      const [written, stored] = row.split("|").slice(1, 3);
      const spellings = [...written.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      const canonical = [...stored.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      for (const spelling of spellings) {
        const result = parseLevel(spelling);
        expect(result.ok, spelling).toBe(true);
        if (result.ok) expect(canonical).toContain(result.level.canonical);
      }
    }
  });

  it("documents every subfield", () => {
    for (const id of SUBFIELD_IDS) expect(doc).toContain(`| \`${id}\` |`);
  });
});
