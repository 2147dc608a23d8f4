// The body of an item version, one shape per task type. Drafts, revisions, reviewer edits and adjudicated text all
// use these schemas, so every version of an item can be diffed and exported the same way.
// Schemas are built once at module load: building them per line would dominate a 450k-line import.

import { z } from "zod";
import { issuesToErrors, type FieldError } from "./issues";

export const TASK_TYPES = ["mcq", "open_qa", "consultation", "report"] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const MCQ_FORMATS = ["text", "image_text"] as const;
export type McqFormat = (typeof MCQ_FORMATS)[number];

export const OPTION_KEYS = ["A", "B", "C", "D", "E"] as const;
export type OptionKey = (typeof OPTION_KEYS)[number];

export const TURN_ROLES = ["patient", "doctor"] as const;
export type TurnRole = (typeof TURN_ROLES)[number];

/** Upper bounds that no real item reaches but that stop a runaway generation from filling the database. */
export const TEXT_LIMITS = {
  short: 2_000,
  question: 10_000,
  long: 20_000,
} as const;

/** Trimmed, non-empty text of at most `max` characters. */
export function textSchema(max: number = TEXT_LIMITS.long) {
  return z.string().trim().min(1, "must not be empty").max(max, `is too long: at most ${max} characters`);
}

const optionText = textSchema(TEXT_LIMITS.short);

const optionsSchema = z
  .strictObject(
    {
      A: optionText,
      B: optionText,
      C: optionText.optional(),
      D: optionText.optional(),
      E: optionText.optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys" ? "not an option key: options are keyed A, B, C, D, E (2 to 5 options)" : undefined,
    },
  )
  .superRefine((options, ctx) => {
    // Keys must run from A without gaps, so "the third option" and "C" always mean the same thing.
    const present = OPTION_KEYS.filter((k) => options[k] !== undefined);
    const expected = OPTION_KEYS.slice(0, present.length);
    if (present.some((k, i) => k !== expected[i])) {
      ctx.addIssue({
        code: "custom",
        message: `option keys must run from A without gaps (got ${present.join(", ")}, expected ${expected.join(", ")})`,
      });
    }
  })
  .meta({ description: "2 to 5 options keyed consecutively from A" });

export const mcqContentSchema = z
  .strictObject({
    format: z.enum(MCQ_FORMATS),
    question: textSchema(TEXT_LIMITS.question),
    options: optionsSchema,
    answer: z.enum(OPTION_KEYS),
    explanation: textSchema(),
  })
  .superRefine((mcq, ctx) => {
    if (mcq.options[mcq.answer] === undefined) {
      const keys = OPTION_KEYS.filter((k) => mcq.options[k] !== undefined);
      ctx.addIssue({
        code: "custom",
        path: ["answer"],
        message: `answer "${mcq.answer}" is not one of the options (${keys.join(", ")})`,
      });
    }
  })
  .meta({ id: "McqContent", description: "Multiple-choice question: text only or about images" });

export const openQaContentSchema = z
  .strictObject({
    question: textSchema(TEXT_LIMITS.question),
    answer: textSchema(),
  })
  .meta({ id: "OpenQaContent", description: "Open question with a reference answer" });

export const consultationContentSchema = z
  .strictObject({
    turns: z
      .array(
        z.strictObject({
          role: z.enum(TURN_ROLES),
          text: textSchema(TEXT_LIMITS.question),
        }),
      )
      .min(2, "a consultation needs at least 2 turns")
      .max(200),
  })
  .meta({ id: "ConsultationContent", description: "Multi-turn patient–doctor dialogue, turns in order" });

export const reportContentSchema = z
  .strictObject({
    sections: z.strictObject({
      findings: textSchema(),
      diagnosis: textSchema(),
      treatment: z.strictObject({
        patientFriendly: textSchema(),
        evidenceBased: textSchema(),
      }),
      riskPrognosis: textSchema(),
      postOpManagement: textSchema(),
      diagnosticBasis: textSchema(),
    }),
  })
  .meta({ id: "ReportContent", description: "Structured spine report in six sections" });

const CONTENT_SCHEMAS = {
  mcq: mcqContentSchema,
  open_qa: openQaContentSchema,
  consultation: consultationContentSchema,
  report: reportContentSchema,
} as const;

export type McqContent = z.output<typeof mcqContentSchema>;
export type OpenQaContent = z.output<typeof openQaContentSchema>;
export type ConsultationContent = z.output<typeof consultationContentSchema>;
export type ReportContent = z.output<typeof reportContentSchema>;
export type ContentByTaskType = {
  mcq: McqContent;
  open_qa: OpenQaContent;
  consultation: ConsultationContent;
  report: ReportContent;
};
export type ItemContent = ContentByTaskType[TaskType];

export function isTaskType(value: unknown): value is TaskType {
  return typeof value === "string" && (TASK_TYPES as readonly string[]).includes(value);
}

/** The content schema of a task type (the same instance every call). */
export function contentSchemaFor<T extends TaskType>(taskType: T): (typeof CONTENT_SCHEMAS)[T] {
  if (!isTaskType(taskType)) {
    throw new RangeError(`Unknown task type ${JSON.stringify(taskType)}: expected one of ${TASK_TYPES.join(", ")}`);
  }
  return CONTENT_SCHEMAS[taskType];
}

export type ParseContentResult<T extends TaskType> =
  | { ok: true; content: ContentByTaskType[T] }
  | { ok: false; errors: FieldError[] };

/** Validates and normalises (trims) a content body, e.g. a reviewer's edit, with readable per-field errors. */
export function parseContent<T extends TaskType>(taskType: T, value: unknown): ParseContentResult<T> {
  const result = contentSchemaFor(taskType).safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, content: result.data as ContentByTaskType[T] };
  return { ok: false, errors: issuesToErrors(result.error.issues) };
}
