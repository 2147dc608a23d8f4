// A bulk action of the items browser: what to do, and to which items (a selection of ids, or a whole filter).
// One schema, shared by the page, the route, the job and `npm run bulk`; no server imports.
import { z } from "zod";
import { sendBackSchema } from "@/lib/adjudication/schemas";
import { browseFilterSchema } from "@/lib/browse/filters";
import { MAX_REQUIRED_REVIEWS } from "@/lib/review/lifecycle";

/** A selection of ids up to this size runs in one transaction; larger ones, and every whole filter, run as a job. */
export const MAX_INLINE = 1000;
/** Ids one request may name (a page's selection; larger sets are chosen by filter). */
export const MAX_IDS = 5000;

export const BULK_ACTIONS = ["assign", "gold", "ungold", "send_back", "required_reviews"] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];
export const BULK_ACTION_LABELS: Record<BulkActionName, string> = {
  assign: "Assign to reviewers",
  gold: "Mark gold",
  ungold: "Unmark gold",
  send_back: "Send back to review",
  required_reviews: "Set required reviews",
};

const reviewers = z
  .array(z.string().trim().toLowerCase().email("each reviewer must be an e-mail address"), { error: "choose at least one reviewer" })
  .min(1, "choose at least one reviewer")
  .max(200, "at most 200 reviewers at once");

export const bulkActionSchema = z.discriminatedUnion(
  "action",
  [
    z.strictObject({
      action: z.literal("assign"),
      reviewers,
      dueDays: z.coerce.number({ error: "due days must be a number" }).positive("due days must be more than 0").max(365, "due days must be at most 365").default(14),
    }),
    // The expected outcome a bulk "mark gold" sets: the item accepted with every level as it stands, or rejected.
    z.strictObject({ action: z.literal("gold"), expected: z.enum(["accept", "reject"], { error: "expected outcome: accept or reject" }).default("accept") }),
    z.strictObject({ action: z.literal("ungold") }),
    z.strictObject({ action: z.literal("send_back"), note: sendBackSchema.shape.note }),
    z.strictObject({
      action: z.literal("required_reviews"),
      requiredReviews: z.coerce
        .number({ error: "required reviews must be a number" })
        .int("required reviews must be a whole number")
        .min(1, "required reviews must be at least 1")
        .max(MAX_REQUIRED_REVIEWS, `required reviews must be at most ${MAX_REQUIRED_REVIEWS}`),
    }),
  ],
  { error: `choose an action: ${BULK_ACTIONS.join(", ")}` },
);
export type BulkAction = z.output<typeof bulkActionSchema>;

export const selectionSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("ids"),
      ids: z.array(z.string().regex(/^[a-z0-9]{1,40}$/i, "not an item id")).min(1, "select at least one item").max(MAX_IDS, `at most ${MAX_IDS} items by id: choose the whole filter instead`),
    }),
    z.strictObject({ kind: z.literal("filter"), filter: browseFilterSchema }),
  ],
  { error: "say which items: ids or a filter" },
);
export type Selection = z.output<typeof selectionSchema>;

export const bulkRequestSchema = z.strictObject({ action: bulkActionSchema, selection: selectionSchema });
export type BulkRequest = z.output<typeof bulkRequestSchema>;
export type BulkRequestInput = z.input<typeof bulkRequestSchema>;

export interface BulkReport {
  action: BulkActionName;
  /** Items the action was asked for. */
  items: number;
  /** Items it changed. */
  changed: number;
  /** Items it left as they were, with the first reasons. */
  skipped: number;
  reasons: string[];
  /** For assign: assignments created. */
  assignments?: number;
}
