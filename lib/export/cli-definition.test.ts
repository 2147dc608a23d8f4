import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { parseArgs } from "@/lib/cli/args";
import { definitionFromArgs } from "./cli-definition";
import { EXPORT_FORMATS } from "./definition";

const def = (argv: string[]) => definitionFromArgs(argv, parseArgs(argv).flags);
function refusal(argv: string[]): string {
  try {
    def(argv);
  } catch (e) {
    return e instanceof ZodError ? e.issues[0].message : (e as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("the export command line", () => {
  it("with only --out: every format of everything approved or adjudicated, default splits and seed", () => {
    const d = def(["--out", "snap"]);
    expect(d.formats).toEqual([...EXPORT_FORMATS]);
    expect(d.filters.statuses).toEqual([]);
    expect(d.splits).toEqual({ train: 0.8, validation: 0.1, test: 0.1 });
    expect(d.seed).toBe("spinemed");
    expect(d.parquet).toBe(true);
  });

  it("reads formats and repeated filters; levels in any spelling become canonical", () => {
    const d = def(["--out", "s", "--format", "sft,grounding", "--filter", "level=l4-5,L5-S1", "--filter", "task=mcq;modality=MR", "--filter=from=2026-01-01", "--split", "0.7,0.15,0.15", "--max-side", "512", "--preference", "trl"]);
    expect(d.formats).toEqual(["sft", "grounding"]);
    expect(d.filters).toMatchObject({ levels: ["L4/L5", "L5/S1"], taskTypes: ["mcq"], modalities: ["MR"], decidedFrom: "2026-01-01" });
    expect(d.splits).toEqual({ train: 0.7, validation: 0.15, test: 0.15 });
    expect(d.maxSide).toBe(512);
    expect(d.preferenceForm).toBe("trl");
  });

  it("refuses an unknown level naming it, an unknown filter, and ratios that do not add up", () => {
    expect(refusal(["--out", "s", "--filter", "level=L4/L5,Q7"])).toMatch(/^Level filter: Unrecognised level "Q7"/);
    expect(refusal(["--out", "s", "--filter", "colour=red"])).toMatch(/unknown filter "colour"/);
    expect(refusal(["--out", "s", "--split", "0.5,0.1,0.1"])).toMatch(/add up to 1/);
    expect(() => def(["--out", "s", "--format", "csv"])).toThrow();
  });
});
