// Input of the web import, shared by the form and the route handler.
import { z } from "zod";
import { MAX_REQUIRED_REVIEWS } from "@/lib/review/lifecycle";

export const startImportSchema = z.object({
  uploadId: z.string().regex(/^[a-f0-9]{24}$/, "Unknown upload"),
  policy: z.enum(["refuse", "strip"], { message: "Choose refuse or strip for files with patient identity" }),
  dryRun: z.boolean().default(false),
  skipInvalid: z.boolean().default(false),
  /** Reviews required for lines that do not say. */
  requiredReviews: z
    .number({ message: `Reviews required must be a whole number from 1 to ${MAX_REQUIRED_REVIEWS}` })
    .int(`Reviews required must be a whole number from 1 to ${MAX_REQUIRED_REVIEWS}`)
    .min(1, `Reviews required must be a whole number from 1 to ${MAX_REQUIRED_REVIEWS}`)
    .max(MAX_REQUIRED_REVIEWS, `Reviews required must be a whole number from 1 to ${MAX_REQUIRED_REVIEWS}`)
    .default(1),
});
export type StartImportInput = z.infer<typeof startImportSchema>;
