// The import format: JSON Lines, one item per line, defined here once. The published JSON Schema
// (schemas/import-item.schema.json), the importer and the demo data all derive from this module.
//
// A parsed line (ImportLine) is itself a valid input line: levels come out canonical, defaults filled in, so the
// native export can write it back unchanged and re-importing it is a no-op.

import { z } from "zod";
import { parseLevel } from "../levels/levels";
import { castellviLevelError, parseCastellvi, type CastellviType } from "../levels/castellvi";
import {
  TASK_TYPES,
  consultationContentSchema,
  mcqContentSchema,
  openQaContentSchema,
  reportContentSchema,
  textSchema,
  type TaskType,
} from "./content";
import { SUBFIELD_IDS } from "./subfields";
import { MAX_REQUIRED_REVIEWS } from "../review/lifecycle";

export const LANGUAGES = ["en", "zh"] as const;
export type Language = (typeof LANGUAGES)[number];

export const MODALITIES = ["XR", "CT", "MR"] as const;
export type Modality = (typeof MODALITIES)[number];

export const SOURCE_TYPES = [
  "textbook",
  "guideline",
  "consensus",
  "question_bank",
  "open_dataset",
  "case_report",
  "hospital_case",
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Sources whose imaged items must say which case the images belong to (grouped train/test splits need it). */
export const CASE_SOURCE_TYPES: readonly SourceType[] = ["hospital_case", "open_dataset"];

export const LIMITS = {
  levels: 50,
  images: 200,
  requiredReviews: MAX_REQUIRED_REVIEWS,
  imagePath: 1_000,
  levelNote: 2_000,
  reference: 2_000,
  licence: 500,
  /** generator.params: key length, number of keys, and the line's generator metadata together (serialised). */
  paramKey: 100,
  paramKeys: 100,
  paramValue: 1_000,
  metadataBytes: 16_384,
  /** Objects and arrays inside objects and arrays, for the whole line. */
  depth: 16,
} as const;

const IDENTIFIER = /^[A-Za-z0-9._:-]+$/;

function identifierSchema(what: string) {
  return z
    .string()
    .min(1, "must not be empty")
    .max(200, "is too long: at most 200 characters")
    .regex(IDENTIFIER, `${what} may contain only letters, digits and . _ : -`);
}

// ---------------------------------------------------------------------------------------------------------------
// Levels

export interface ImportLevel {
  /** Canonical level (lib/levels): "L4/L5", "L6". */
  level: string;
  castellvi?: CastellviType;
  note?: string;
}

const levelStringSchema = z
  .string()
  .transform((raw, ctx) => {
    const parsed = parseLevel(raw);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error, input: raw });
      return z.NEVER;
    }
    return parsed.level.canonical;
  })
  .meta({
    description: 'A vertebra or disc level in any accepted spelling ("L4/L5", "L4-5", "l4_l5", "L5-S1", "C7"); stored canonical',
    examples: ["L4/L5", "L5-S1", "C6/C7", "L6"],
  });

const castellviStringSchema = z
  .string()
  .transform((raw, ctx) => {
    const parsed = parseCastellvi(raw);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error, input: raw });
      return z.NEVER;
    }
    return parsed.type;
  })
  .meta({
    description: "Castellvi type of a lumbosacral transitional vertebra: I, Ia, Ib, IIa, IIb, IIIa, IIIb or IV",
    examples: ["IIa", "IIIb", "IV"],
  });

const levelObjectSchema = z
  .strictObject({
    level: levelStringSchema,
    castellvi: castellviStringSchema.nullish(),
    note: textSchema(LIMITS.levelNote).nullish(),
  })
  .transform((entry, ctx): ImportLevel => {
    if (entry.castellvi) {
      const problem = castellviLevelError(entry.level);
      if (problem) ctx.addIssue({ code: "custom", path: ["castellvi"], message: problem, input: entry.castellvi });
    }
    const out: ImportLevel = { level: entry.level };
    if (entry.castellvi) out.castellvi = entry.castellvi;
    if (entry.note) out.note = entry.note;
    return out;
  });

const levelEntrySchema = z
  .union([levelStringSchema.transform((level): ImportLevel => ({ level })), levelObjectSchema])
  .meta({ id: "LevelEntry", description: "A level as a string, or an object when it carries a Castellvi type or a note" });

const levelsSchema = z
  .array(levelEntrySchema)
  .max(LIMITS.levels)
  .superRefine((levels, ctx) => {
    const firstIndex = new Map<string, number>();
    levels.forEach((entry, i) => {
      if (!entry || typeof entry.level !== "string") return;
      const earlier = firstIndex.get(entry.level);
      if (earlier === undefined) firstIndex.set(entry.level, i);
      else {
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `duplicate level ${entry.level}: same as levels[${earlier}] after normalisation`,
        });
      }
    });
  });

// ---------------------------------------------------------------------------------------------------------------
// Generator, provenance, images

export const generatorSchema = z
  .strictObject({
    model: textSchema(200),
    modelVersion: textSchema(200),
    promptId: textSchema(200),
    promptVersion: textSchema(100),
    // Name length and count are checked with the line (checkLine): refinements here would keep the compiled
    // schema off its fast path.
    params: z
      .record(z.string(), z.union([z.number(), z.string().max(LIMITS.paramValue), z.boolean()]))
      .optional()
      .meta({
        description: `Generation parameters (temperature, top_p, max_tokens, seed …): at most ${LIMITS.paramKeys}, names of 1–${LIMITS.paramKey} characters`,
        maxProperties: LIMITS.paramKeys,
        propertyNames: { type: "string", minLength: 1, maxLength: LIMITS.paramKey },
      }),
    createdAt: z.iso
      .datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone, e.g. 2025-05-01T09:30:00Z" })
      .optional(),
  })
  .meta({ id: "Generator", description: "The model and prompt that produced a version" });
export type Generator = z.output<typeof generatorSchema>;

export const provenanceSchema = z
  .strictObject({
    sourceType: z.enum(SOURCE_TYPES),
    reference: textSchema(LIMITS.reference).meta({
      description: "DOI, dataset id, or book with page/figure",
    }),
    caseId: identifierSchema("caseId")
      .nullable()
      .default(null)
      .meta({ description: "Case identifier (never a patient identifier); required for hospital_case and open_dataset items with images" }),
    licence: textSchema(LIMITS.licence).nullable().default(null),
  })
  .meta({ id: "Provenance" });
export type Provenance = z.output<typeof provenanceSchema>;

const DICOM_UID = /^[0-9]+(\.[0-9]+)*$/;
function uidSchema(what: string) {
  return z
    .string()
    .min(1, "must not be empty")
    .max(64, "is too long: a DICOM UID has at most 64 characters")
    .regex(DICOM_UID, `${what} must be a DICOM UID (digits and dots)`);
}

/** Why an image path is refused, or null. Paths are relative to the import's image folder and may not leave it. */
export function imagePathProblem(path: string): string | null {
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "must be relative to the image folder, not absolute";
  if (path.includes("\\")) return "must use forward slashes";
  if (/[\u0000-\u001f]/.test(path)) return "must not contain control characters";
  const segments = path.split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) return 'must not contain empty, "." or ".." segments';
  return null;
}

/** An image (or a whole study or series) in a PACS configured as a DICOMweb endpoint, by its UIDs in that PACS. */
export type PacsImageRef = { pacs: string; studyInstanceUid: string; seriesInstanceUid?: string; sopInstanceUid?: string };
export type ImageRef = { path: string } | { seriesUid: string; instanceUid: string } | PacsImageRef;

const PACS_NAME = /^[A-Za-z0-9._-]{1,64}$/;

const imageRefSchema = z
  .strictObject({
    path: z.string().min(1, "must not be empty").max(LIMITS.imagePath).optional(),
    seriesUid: uidSchema("seriesUid").optional(),
    instanceUid: uidSchema("instanceUid").optional(),
    pacs: z.string().regex(PACS_NAME, "must be the name of a PACS endpoint (letters, digits, . _ -)").optional(),
    studyInstanceUid: uidSchema("studyInstanceUid").optional(),
    seriesInstanceUid: uidSchema("seriesInstanceUid").optional(),
    sopInstanceUid: uidSchema("sopInstanceUid").optional(),
  })
  .transform((ref, ctx): ImageRef => {
    const hasUid = ref.seriesUid !== undefined || ref.instanceUid !== undefined;
    const hasPacs = ref.pacs !== undefined || ref.studyInstanceUid !== undefined || ref.seriesInstanceUid !== undefined || ref.sopInstanceUid !== undefined;
    if (hasPacs) {
      if (ref.path !== undefined || hasUid) {
        ctx.addIssue({ code: "custom", message: "a PACS reference (pacs + studyInstanceUid) cannot also give path, seriesUid or instanceUid" });
        return z.NEVER;
      }
      if (ref.pacs === undefined || ref.studyInstanceUid === undefined) {
        ctx.addIssue({ code: "custom", path: [ref.pacs === undefined ? "pacs" : "studyInstanceUid"], message: "a PACS reference needs pacs and studyInstanceUid" });
        return z.NEVER;
      }
      if (ref.sopInstanceUid !== undefined && ref.seriesInstanceUid === undefined) {
        ctx.addIssue({ code: "custom", path: ["seriesInstanceUid"], message: "a PACS reference to one instance needs its seriesInstanceUid" });
        return z.NEVER;
      }
      return {
        pacs: ref.pacs, studyInstanceUid: ref.studyInstanceUid,
        ...(ref.seriesInstanceUid !== undefined ? { seriesInstanceUid: ref.seriesInstanceUid } : {}),
        ...(ref.sopInstanceUid !== undefined ? { sopInstanceUid: ref.sopInstanceUid } : {}),
      };
    }
    if (ref.path !== undefined) {
      if (hasUid) {
        ctx.addIssue({ code: "custom", message: "give either path or seriesUid + instanceUid, not both" });
        return z.NEVER;
      }
      const problem = imagePathProblem(ref.path);
      if (problem) {
        ctx.addIssue({ code: "custom", path: ["path"], message: `image path ${JSON.stringify(ref.path)} ${problem}` });
        return z.NEVER;
      }
      return { path: ref.path };
    }
    if (ref.seriesUid !== undefined && ref.instanceUid !== undefined) {
      return { seriesUid: ref.seriesUid, instanceUid: ref.instanceUid };
    }
    ctx.addIssue({
      code: "custom",
      path: hasUid ? [ref.seriesUid === undefined ? "seriesUid" : "instanceUid"] : [],
      message: hasUid
        ? "an image referenced by UID needs both seriesUid and instanceUid"
        : "an image reference needs either path or seriesUid + instanceUid",
    });
    return z.NEVER;
  })
  .meta({
    id: "ImageRef",
    description:
      "An image by its path in the import's image folder, by DICOM series and instance UID, or in a PACS: pacs (the endpoint's name) + " +
      "studyInstanceUid, optionally narrowed by seriesInstanceUid and sopInstanceUid (a whole study or series brings all its instances)",
    anyOf: [
      { required: ["path"], not: { anyOf: [{ required: ["seriesUid"] }, { required: ["instanceUid"] }, { required: ["pacs"] }] } },
      { required: ["seriesUid", "instanceUid"], not: { anyOf: [{ required: ["path"] }, { required: ["pacs"] }] } },
      { required: ["pacs", "studyInstanceUid"], not: { anyOf: [{ required: ["path"] }, { required: ["seriesUid"] }, { required: ["instanceUid"] }] } },
    ],
  });

export function isPacsRef(ref: ImageRef): ref is PacsImageRef {
  return "pacs" in ref;
}

function imageKey(ref: ImageRef): string {
  if (isPacsRef(ref)) return `pacs:${ref.pacs}/${ref.studyInstanceUid}/${ref.seriesInstanceUid ?? "*"}/${ref.sopInstanceUid ?? "*"}`;
  return "path" in ref ? `path:${ref.path}` : `uid:${ref.seriesUid}/${ref.instanceUid}`;
}

const imagesSchema = z
  .array(imageRefSchema)
  .max(LIMITS.images)
  .superRefine((images, ctx) => {
    const seen = new Map<string, number>();
    images.forEach((ref, i) => {
      if (!ref) return;
      const key = imageKey(ref);
      const earlier = seen.get(key);
      if (earlier === undefined) seen.set(key, i);
      else ctx.addIssue({ code: "custom", path: [i], message: `duplicate image: same as images[${earlier}]` });
    });
  })
  .meta({ description: "The images the item is about, in order (the order of <image> tags in exports)" });

// ---------------------------------------------------------------------------------------------------------------
// The line

function versionSchema<C extends z.ZodType>(content: C) {
  return z.strictObject({ content, generator: generatorSchema });
}

function lineSchemaFor<T extends TaskType, C extends z.ZodType>(taskType: T, content: C) {
  return z.strictObject({
    externalId: identifierSchema("externalId").meta({ description: "Stable id of the item in its source dataset" }),
    taskType: z.literal(taskType),
    language: z.enum(LANGUAGES),
    modality: z.enum(MODALITIES).nullable().default(null).meta({ description: "Imaging modality; null for text-only items" }),
    subfield: z.enum(SUBFIELD_IDS),
    levels: levelsSchema.default([]).meta({
      description: "The vertebral levels the item is about, each once; [] for items that are not level-specific",
    }),
    requiredReviews: z.number().int().min(1).max(LIMITS.requiredReviews).default(1).meta({
      description: "Independent reviews required before the item is decided",
    }),
    draft: versionSchema(content).meta({ description: "Stage 1 LLM output" }),
    revision: versionSchema(content).optional().meta({ description: "Stage 2 LLM output (revision of the draft)" }),
    provenance: provenanceSchema,
    images: imagesSchema.default([]),
  });
}

const mcqLineSchema = lineSchemaFor("mcq", mcqContentSchema);
const openQaLineSchema = lineSchemaFor("open_qa", openQaContentSchema);
const consultationLineSchema = lineSchemaFor("consultation", consultationContentSchema);
const reportLineSchema = lineSchemaFor("report", reportContentSchema);

type AnyLine =
  | z.output<typeof mcqLineSchema>
  | z.output<typeof openQaLineSchema>
  | z.output<typeof consultationLineSchema>
  | z.output<typeof reportLineSchema>;

/** Rules that span fields; they run once the fields themselves are valid. */
function checkParams(params: Record<string, unknown> | undefined, path: (string | number)[], ctx: z.RefinementCtx): boolean {
  if (!params) return true;
  const keys = Object.keys(params);
  if (keys.length > LIMITS.paramKeys) {
    ctx.addIssue({ code: "custom", path, message: `too many parameters: at most ${LIMITS.paramKeys}` });
    return false;
  }
  const bad = keys.find((k) => k.length === 0 || k.length > LIMITS.paramKey);
  if (bad !== undefined) {
    ctx.addIssue({
      code: "custom",
      path,
      message: bad.length === 0 ? "a parameter name must not be empty" : `a parameter name is too long: at most ${LIMITS.paramKey} characters (got ${bad.length.toLocaleString("en-US")}, starting ${JSON.stringify(bad.slice(0, 20))})`,
    });
    return false;
  }
  return true;
}

function checkLine(line: AnyLine, ctx: z.RefinementCtx): void {
  const paramsOk = [
    checkParams(line.draft.generator.params, ["draft", "generator", "params"], ctx),
    line.revision ? checkParams(line.revision.generator.params, ["revision", "generator", "params"], ctx) : true,
  ].every(Boolean);
  if (!paramsOk) return;
  // Metadata is not free text: the two generators together stay small, whatever their keys and values.
  const metadata = JSON.stringify(line.draft.generator).length + (line.revision ? JSON.stringify(line.revision.generator).length : 0);
  if (metadata > LIMITS.metadataBytes) {
    ctx.addIssue({
      code: "custom",
      path: [line.revision && JSON.stringify(line.revision.generator).length > JSON.stringify(line.draft.generator).length ? "revision" : "draft", "generator"],
      message: `generator metadata is too large: ${metadata.toLocaleString("en-US")} characters for draft and revision together, at most ${LIMITS.metadataBytes.toLocaleString("en-US")}`,
    });
  }
  const imageCount = line.images.length;
  if (line.taskType === "mcq" && imageCount === 0) {
    for (const version of ["draft", "revision"] as const) {
      if (line[version]?.content.format === "image_text") {
        ctx.addIssue({
          code: "custom",
          path: ["images"],
          message: `an image_text MCQ needs at least one image (${version}.content.format is "image_text")`,
        });
        break;
      }
    }
  }
  if (line.modality !== null && imageCount === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["images"],
      message: `an item with modality ${line.modality} needs at least one image`,
    });
  }
  if (imageCount > 0 && line.provenance.caseId === null && CASE_SOURCE_TYPES.includes(line.provenance.sourceType)) {
    ctx.addIssue({
      code: "custom",
      path: ["provenance", "caseId"],
      message: `caseId is required for ${line.provenance.sourceType} items with images`,
    });
  }
}

const importLineDefinition = z
  .discriminatedUnion("taskType", [mcqLineSchema, openQaLineSchema, consultationLineSchema, reportLineSchema])
  .superRefine(checkLine)
  .meta({
    title: "SpineMed Review import item",
    description:
      "One item per line of a JSON Lines file. Cross-field rules not expressible here (image_text MCQs and items " +
      "with a modality need images; hospital_case/open_dataset items with images need provenance.caseId; levels " +
      "must be distinct after normalisation) are documented in docs/import-format.md.",
  });

/**
 * The schema of one line. Compiled ahead of time: about three times faster on valid lines, which is what a
 * 450k-line import mostly sees; an invalid line falls back to the ordinary parser, so messages are the same.
 */
export const importLineSchema = z.compile(importLineDefinition);

/** A validated, normalised import line (also a valid input line). */
export type ImportLine = z.output<typeof importLineSchema>;
/** What may be written in a line before normalisation (spellings, omitted defaults). */
export type ImportLineInput = z.input<typeof importLineSchema>;
export type ImportLineOf<T extends TaskType> = Extract<ImportLine, { taskType: T }>;

export { TASK_TYPES };
