// What a reviewer sends: the decision on an item and on each of its levels. Shared by the workspace (to check
// before sending) and the route handlers; no server imports. What needs the item itself (its levels, its task
// type's content schema, whether it is a report) is checked in the service.
import { z } from "zod";
import { TASK_TYPES } from "@/lib/items/content";
import { parseLevel } from "@/lib/levels";
import { limitParam } from "@/lib/http/params";
import { ITEM_STATUSES } from "./lifecycle";
import { RUBRIC_DIMENSIONS, RUBRIC_LABELS, RUBRIC_MAX, RUBRIC_MIN, type RubricDimension } from "./rubric";
import { REASON_KEYS, SEVERITY_KEYS } from "./taxonomy";

export const DECISIONS = ["accept", "edit", "reject"] as const;
export type DecisionKey = (typeof DECISIONS)[number];

export const MAX_COMMENT = 2_000;
/** A review that took longer than a working day was left open, not worked on: the client caps what it sends. */
export const MAX_TIME_SPENT_MS = 12 * 60 * 60 * 1000;

const list = (values: readonly string[]) => values.join(", ");

/** null and undefined both mean "not given" (forms send either). */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => (v ?? undefined) as z.output<T> | undefined);
}

function levelField(label: string) {
  return z.string({ error: `${label}: give a level such as L4/L5 or C7` }).transform((value, ctx) => {
    const parsed = parseLevel(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: `${label}: ${parsed.error}` });
      return z.NEVER;
    }
    return parsed.level.canonical;
  });
}

function decisionField(label: string) {
  return z.enum(DECISIONS, { error: `${label}: choose accept, edit or reject` });
}

function reasonField(label: string) {
  return optional(z.enum(REASON_KEYS, { error: `${label} is not one of the taxonomy (${list(REASON_KEYS)})` }));
}

function severityField(label: string) {
  return optional(z.enum(SEVERITY_KEYS, { error: `${label} must be one of ${list(SEVERITY_KEYS)}` }));
}

function commentField(label: string) {
  return optional(z.string({ error: `${label} must be text` }).trim().max(MAX_COMMENT, `${label} is too long: at most ${MAX_COMMENT} characters`)).transform(
    (v) => (v === "" ? undefined : v),
  );
}

/**
 * One level's decision. A corrected level (the claim belongs to another level) is an edit whose reason
 * defaults to wrong_level; it needs no severity. A rejection, and an edit other than a pure correction, need a
 * reason and a severity. An accepted level carries neither.
 */
export const levelDecisionSchema = z
  .strictObject(
    {
      level: levelField("Level"),
      decision: decisionField("Level decision"),
      correctedLevel: optional(levelField("Corrected level")),
      reason: reasonField("The level's reason"),
      severity: severityField("The level's severity"),
      comment: commentField("The level's comment"),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")} in a level decision` : undefined) },
  )
  .superRefine((d, ctx) => {
    if (d.correctedLevel !== undefined) {
      if (d.correctedLevel === d.level) {
        ctx.addIssue({ code: "custom", path: ["correctedLevel"], message: `The corrected level of ${d.level} is ${d.level} itself: choose the level the claim belongs to` });
      }
      if (d.decision === "reject") {
        ctx.addIssue({ code: "custom", path: ["correctedLevel"], message: `The claim at ${d.level} is rejected and also moved to ${d.correctedLevel}: reject it or correct its level, not both` });
      }
      return;
    }
    if (d.decision === "accept") return;
    const what = d.decision === "reject" ? `rejecting the claim at ${d.level}` : `editing the claim at ${d.level}`;
    if (!d.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: `Choose a reason for ${what}` });
    if (!d.severity) ctx.addIssue({ code: "custom", path: ["severity"], message: `Choose a severity for ${what}` });
  })
  .transform((d) => {
    if (d.correctedLevel !== undefined) {
      return { ...d, decision: "edit" as const, reason: d.reason ?? ("wrong_level" as const) };
    }
    // An accepted claim has nothing wrong with it: a reason left over in the form is dropped.
    if (d.decision === "accept") return { ...d, reason: undefined, severity: undefined };
    return d;
  });

export type LevelDecisionInput = z.input<typeof levelDecisionSchema>;
export type LevelDecisionValue = z.output<typeof levelDecisionSchema>;

const scoreField = (d: RubricDimension) =>
  z
    .number({ error: `Rubric score for ${RUBRIC_LABELS[d]}: give a whole number from ${RUBRIC_MIN} to ${RUBRIC_MAX}` })
    .int(`Rubric score for ${RUBRIC_LABELS[d]}: give a whole number from ${RUBRIC_MIN} to ${RUBRIC_MAX}`)
    .min(RUBRIC_MIN, `Rubric score for ${RUBRIC_LABELS[d]}: give a whole number from ${RUBRIC_MIN} to ${RUBRIC_MAX}`)
    .max(RUBRIC_MAX, `Rubric score for ${RUBRIC_LABELS[d]}: give a whole number from ${RUBRIC_MIN} to ${RUBRIC_MAX}`)
    .optional();

/** Scores 1–5 by dimension. Whether all ten are there is checked in the service (only reports are scored). */
export const rubricSchema = z.strictObject(
  Object.fromEntries(RUBRIC_DIMENSIONS.map((d) => [d, scoreField(d)])) as { [D in RubricDimension]: ReturnType<typeof scoreField> },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Rubric: ${issue.keys.map((k) => `"${k}"`).join(", ")} is not a rubric dimension (${list(RUBRIC_DIMENSIONS)})`
        : issue.code === "invalid_type"
          ? "Rubric: give the scores as an object { dimension: 1–5 }"
          : undefined,
  },
);

export const submitReviewSchema = z
  .strictObject(
    {
      baseVersionId: z.string({ error: "baseVersionId is missing: give the id of the version you reviewed" }).min(1, "baseVersionId is missing: give the id of the version you reviewed"),
      decision: decisionField("Decision"),
      reason: reasonField("The reason"),
      severity: severityField("The severity"),
      comment: commentField("The comment"),
      levels: z.array(levelDecisionSchema, { error: "Levels: give one decision per level of the item (an empty list for an item without levels)" }).max(200, "Levels: at most 200"),
      /** The whole edited content; validated against the item's task type in the service. */
      editedContent: z.unknown().optional(),
      rubric: optional(rubricSchema),
      timeSpentMs: z
        .number({ error: "timeSpentMs is missing: give the time spent on the item in milliseconds" })
        .int("timeSpentMs must be a whole number of milliseconds")
        .min(0, "timeSpentMs cannot be negative")
        .max(MAX_TIME_SPENT_MS, "timeSpentMs is more than 12 hours: send the time actually spent"),
      startedAt: optional(z.iso.datetime({ offset: true, error: "startedAt must be an ISO 8601 date-time with a time zone, e.g. 2025-05-01T09:30:00Z" })),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")} in the review` : undefined) },
  )
  .superRefine((r, ctx) => {
    if (r.decision !== "accept") {
      const what = r.decision === "reject" ? "rejecting the item" : "editing the item";
      if (!r.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: `Choose a reason for ${what}` });
      if (!r.severity) ctx.addIssue({ code: "custom", path: ["severity"], message: `Choose a severity for ${what}` });
    }
    const seen = new Set<string>();
    r.levels.forEach((l, i) => {
      if (seen.has(l.level)) ctx.addIssue({ code: "custom", path: ["levels", i, "level"], message: `Levels: ${l.level} is listed twice` });
      seen.add(l.level);
    });
  })
  .transform((r) => (r.decision === "accept" ? { ...r, reason: undefined, severity: undefined } : r));

export type SubmitReviewInput = z.input<typeof submitReviewSchema>;
export type SubmitReviewValue = z.output<typeof submitReviewSchema>;

/** POST /api/review/items/[id]/open, /heartbeat and /api/review/next take no fields. */
export const openItemSchema = z.object({});
export const heartbeatSchema = z.object({});
export const nextItemSchema = z.object({
  batchId: optional(z.string().trim().min(1).max(64, "batchId is too long")),
});

/** POST /api/review/items/[id]/release: skip (give the item back) or close (the workspace was left). */
export const releaseSchema = z.object({
  reason: z.enum(["skip", "close"], { error: "reason must be skip or close" }).default("close"),
});

/** The page of the queue (query string of GET /api/review/queue). */
export const queuePageSchema = z.object({
  cursor: optional(z.string().max(400, "cursor is too long")),
  limit: limitParam(200, 50),
});

/** Filters of the reviewer's queue (query string of GET /api/review/queue). */
export const queueFilterSchema = z.object({
  taskType: optional(z.enum(TASK_TYPES, { error: `taskType must be one of ${list(TASK_TYPES)}` })),
  level: optional(levelField("level")),
  modality: optional(z.string().trim().min(1).max(20)),
  status: optional(z.enum(ITEM_STATUSES, { error: `status must be one of ${list(ITEM_STATUSES)}` })),
});
export type QueueFilter = Partial<z.output<typeof queueFilterSchema>>;
