// What a snapshot is built from: its formats, filters, split ratios and seed, and its image options. One schema
// for the web form, the API and the CLI. A filter naming a level outside the vocabulary is refused, naming the
// value (the level vocabulary is lib/levels); levels are kept in their canonical spelling, so two definitions that
// mean the same thing are the same definition (and give the same bytes).
import { z } from "zod";
import { compareLevels, parseLevel } from "@/lib/levels";
import { EXPORTABLE_STATUSES } from "@/lib/review/lifecycle";
import { TASK_TYPES } from "@/lib/items/content";
import { DEFAULT_RATIOS, SPLITS, validateRatios } from "./split-ratios";

export const EXPORT_FORMATS = ["native", "sft", "preference", "kto", "grounding", "eval"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  native: "Native JSON Lines (final item, history, decisions)",
  sft: "SFT (ms-swift messages + images)",
  preference: "Preference pairs from edits",
  kto: "KTO (rejected items as negatives)",
  grounding: "Level grounding (boxes)",
  eval: "SpineBench-style evaluation set",
};

const sortedUnique = <T extends string>(xs: T[]): T[] => [...new Set(xs)].sort();

const list = <T extends z.ZodType<string>>(item: T) => z.array(item).max(200).default([]);

const levelList = z
  .array(z.string().max(40))
  .max(200)
  .default([])
  .transform((values, ctx) => {
    const out: string[] = [];
    for (const v of values) {
      const r = parseLevel(v);
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: `Level filter: ${r.error}` });
        return z.NEVER;
      }
      out.push(r.level.canonical);
    }
    return [...new Set(out)].sort(compareLevels);
  });

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "dates are written YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "not a calendar date")
  .nullable()
  .default(null);

export const exportFiltersSchema = z
  .object({
    statuses: z.array(z.enum(EXPORTABLE_STATUSES as unknown as ["approved", "adjudicated"])).max(2).default([]).transform(sortedUnique),
    taskTypes: z.array(z.enum(TASK_TYPES)).max(4).default([]).transform(sortedUnique),
    levels: levelList,
    modalities: list(z.string().min(1).max(16)).transform(sortedUnique),
    sources: list(z.string().min(1).max(40)).transform(sortedUnique),
    languages: list(z.string().min(2).max(8)).transform(sortedUnique),
    importBatches: list(z.string().min(1).max(64)).transform(sortedUnique),
    /** Decided from / to (inclusive days, UTC): items with a review or adjudication submitted in the range. */
    decidedFrom: day,
    decidedTo: day,
  })
  .strict();
export type ExportFilters = z.output<typeof exportFiltersSchema>;

export const exportDefinitionSchema = z
  .object({
    /** Folder-safe name of the snapshot; the web page proposes one. */
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, "the name is letters, digits, '.', '_' or '-' (at most 80), starting with a letter or digit")
      .optional(),
    formats: z.array(z.enum(EXPORT_FORMATS)).min(1, "choose at least one format").default([...EXPORT_FORMATS]).transform((f) => EXPORT_FORMATS.filter((x) => f.includes(x))),
    filters: exportFiltersSchema.default(exportFiltersSchema.parse({})),
    splits: z
      .object({ train: z.number(), validation: z.number(), test: z.number() })
      .default({ ...DEFAULT_RATIOS })
      .superRefine((r, ctx) => {
        const problem = validateRatios(r);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    seed: z.string().min(1).max(100).default("spinemed"),
    /** Preference pairs in ms-swift's rejected_response form, or TRL's prompt/chosen/rejected. */
    preferenceForm: z.enum(["swift", "trl"]).default("swift"),
    /** Longest side of written PNG images (aspect kept); null keeps the original size. */
    maxSide: z.number().int().min(16).max(16384).nullable().default(null),
    /** Writes no image files (records still name them): for text-only runs and benchmarks. */
    images: z.boolean().default(true),
    includeDicom: z.boolean().default(false),
    /** An image that cannot be decoded is skipped (its item left out, counted) instead of failing the export. */
    skipUndecodable: z.boolean().default(false),
    parquet: z.boolean().default(true),
  })
  .strict();
export type ExportDefinition = z.output<typeof exportDefinitionSchema>;
export type ExportDefinitionInput = z.input<typeof exportDefinitionSchema>;

export function parseDefinition(input: unknown): ExportDefinition {
  return exportDefinitionSchema.parse(input);
}

/** The part of a definition that decides the data (the name only says where it goes). */
export function dataDefinition(d: ExportDefinition): Omit<ExportDefinition, "name"> {
  const { name: _name, ...rest } = d;
  void _name;
  return rest;
}

export { SPLITS };
