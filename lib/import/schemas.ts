// Input of the web import, shared by the form and the route handler.
import { z } from "zod";

export const startImportSchema = z.object({
  uploadId: z.string().regex(/^[a-f0-9]{24}$/, "Unknown upload"),
  policy: z.enum(["refuse", "strip"], { message: "Choose refuse or strip for files with patient identity" }),
  dryRun: z.boolean().default(false),
  skipInvalid: z.boolean().default(false),
});
export type StartImportInput = z.infer<typeof startImportSchema>;
