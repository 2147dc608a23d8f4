// What an adjudicator sends to settle a disputed item, and what an admin or adjudicator sends to return a decided
// item to review. Shared by the adjudication screen (to check before sending) and the route handlers; no server
// imports. What needs the item (its levels, its task type's content schema) is checked in the service.
import { z } from "zod";
import { levelDecisionSchema, MAX_COMMENT, DECISIONS } from "@/lib/review/schemas";
import { SEVERITY_KEYS } from "@/lib/review/taxonomy";

export const MAX_REASON = 500;
export const MAX_NOTE = 2_000;

/** null and undefined both mean "not given" (forms send either). */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => (v ?? undefined) as z.output<T> | undefined);
}

/** Where the adjudicator's choice for a level or for the text came from: one of the round's reviews, or their own. */
const sourceField = z.string().trim().min(1).max(100);

/**
 * The final decision on a disputed item. The reason is required for every decision (the adjudicator says why the
 * item ends this way): a key of the clinical taxonomy (lib/review/taxonomy) when the item is wrong in one of its
 * ways, or a free-text rationale such as "Reviewer 2 is right: the extrusion is at L5/S1 on the sagittal T2".
 * Levels use the reviewers' level schema: every level of the item once, each accepted, rejected or moved to the
 * level where its claim belongs. `content` is the final text (taken from a review, edited, or the version under
 * review); left out, the version under review stands. `sources` and `textFrom` record which review each choice
 * was taken from ("own" for the adjudicator's own), for the audit trail.
 */
export const adjudicateSchema = z
  .strictObject(
    {
      baseVersionId: z.string({ error: "baseVersionId is missing: give the id of the version the reviews were made on" }).min(1, "baseVersionId is missing: give the id of the version the reviews were made on"),
      decision: z.enum(DECISIONS, { error: "Decision: choose accept, edit or reject" }),
      reason: z
        .string({ error: "Give the reason for the final decision" })
        .trim()
        .min(1, "Give the reason for the final decision")
        .max(MAX_REASON, `The reason is too long: at most ${MAX_REASON} characters`),
      severity: optional(z.enum(SEVERITY_KEYS, { error: `The severity must be one of ${SEVERITY_KEYS.join(", ")}` })),
      comment: optional(z.string({ error: "The comment must be text" }).trim().max(MAX_COMMENT, `The comment is too long: at most ${MAX_COMMENT} characters`)).transform((v) => (v === "" ? undefined : v)),
      levels: z.array(levelDecisionSchema, { error: "Levels: give one decision per level of the item" }).max(200, "Levels: at most 200"),
      content: z.unknown().optional(),
      textFrom: optional(sourceField),
      sources: optional(z.record(z.string(), sourceField)),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")} in the adjudication` : undefined) },
  )
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.levels.forEach((l, i) => {
      if (seen.has(l.level)) ctx.addIssue({ code: "custom", path: ["levels", i, "level"], message: `Levels: ${l.level} is listed twice` });
      seen.add(l.level);
    });
  });

export type AdjudicateInput = z.input<typeof adjudicateSchema>;
export type AdjudicateValue = z.output<typeof adjudicateSchema>;

/** POST /api/admin/items/:id/send-back: the note tells the reviewers of the new round what to look at again. */
export const sendBackSchema = z.strictObject(
  {
    note: z
      .string({ error: "Write a note for the reviewers: what should they look at again?" })
      .trim()
      .min(1, "Write a note for the reviewers: what should they look at again?")
      .max(MAX_NOTE, `The note is too long: at most ${MAX_NOTE} characters`),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")} in the send-back` : undefined) },
);
export type SendBackInput = z.input<typeof sendBackSchema>;
