// What an admin sends to hand out review slots (the Assign page; `npm run assign` takes the same as flags).
// Shared by the page's form and the route; no server imports.
import { z } from "zod";
import { TASK_TYPES } from "@/lib/items/content";
import { parseLevel } from "@/lib/levels";

export const assignSchema = z.object({
  reviewers: z
    .array(z.string().trim().toLowerCase().email("each reviewer must be an e-mail address"), { error: "choose at least one reviewer" })
    .min(1, "choose at least one reviewer")
    .max(200, "at most 200 reviewers at once"),
  taskType: z.enum(TASK_TYPES, { error: `task type must be one of ${TASK_TYPES.join(", ")}` }).optional(),
  modality: z.enum(["XR", "CT", "MR"], { error: "modality must be XR, CT or MR" }).optional(),
  level: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return undefined;
      const parsed = parseLevel(v);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: `level: ${parsed.error}` });
        return z.NEVER;
      }
      return parsed.level.canonical;
    }),
  batchId: z.string().trim().max(64, "batch id is too long").optional().transform((v) => v || undefined),
  limit: z.coerce.number({ error: "limit must be a whole number" }).int("limit must be a whole number").positive("limit must be more than 0").max(1_000_000).optional(),
  dueDays: z.coerce.number({ error: "due days must be a number" }).positive("due days must be more than 0").max(365, "due days must be at most 365").default(14),
});
export type AssignInput = z.input<typeof assignSchema>;
export type AssignValue = z.output<typeof assignSchema>;
