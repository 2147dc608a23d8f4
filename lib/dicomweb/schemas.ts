// Inputs of the PACS pages, shared by the forms and the route handlers.
import { z } from "zod";

export const AUTH_KINDS = ["none", "basic", "bearer"] as const;
const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;
const UID = /^[0-9]+(\.[0-9]+)*$/;

export const endpointSchema = z
  .object({
    name: z.string().trim().regex(NAME, "The name may have letters, digits, dots, dashes and underscores (up to 64)"),
    baseUrl: z
      .string()
      .trim()
      .url("The base URL must be an address such as https://pacs.example.org/dicom-web")
      .refine((u) => /^https?:\/\//i.test(u), "The base URL must start with http:// or https://")
      .refine((u) => !/^https?:\/\/[^/]*@/i.test(u), "Put no credentials in the URL: use the authentication fields"),
    authKind: z.enum(AUTH_KINDS, { message: "Authentication must be none, basic or bearer" }),
    username: z.string().trim().max(200).optional().transform((v) => v || undefined),
    secretEnv: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || ENV_NAME.test(v), "The secret's variable must be an environment variable name such as PACS_PASSWORD (capitals, digits, _)"),
    proxy: z.boolean().default(false),
    timeoutSeconds: z.number().int().min(1).max(600).default(30),
    maxInstanceMB: z.number().min(0.01, "The size limit is at least 0.01 MB").max(4096).default(256),
  })
  .superRefine((v, ctx) => {
    if (v.authKind === "basic" && !v.username) ctx.addIssue({ code: "custom", path: ["username"], message: "Basic authentication needs a username" });
    if (v.authKind !== "none" && !v.secretEnv) {
      ctx.addIssue({ code: "custom", path: ["secretEnv"], message: "Name the environment variable that holds the password or token" });
    }
  });
export type EndpointInput = z.infer<typeof endpointSchema>;

export const studySearchSchema = z.object({
  endpointId: z.string().regex(/^[a-z0-9]{20,32}$/, "Choose a PACS"),
  accessionNumber: z.string().trim().max(64).optional().transform((v) => v || undefined),
  modality: z.string().trim().toUpperCase().regex(/^[A-Z]{0,16}$/, "A modality is a code such as MR or CT").optional().transform((v) => v || undefined),
  dateFrom: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, "Dates are YYYY-MM-DD").optional().transform((v) => v || undefined),
  dateTo: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, "Dates are YYYY-MM-DD").optional().transform((v) => v || undefined),
});
export type StudySearchInput = z.infer<typeof studySearchSchema>;

export const attachStudiesSchema = z.object({
  endpointId: z.string().regex(/^[a-z0-9]{20,32}$/, "Choose a PACS"),
  caseExternalId: z.string().trim().regex(/^[A-Za-z0-9._:-]{1,200}$/, "The case id may have letters, digits and . _ : - (no patient identifiers)"),
  studyInstanceUids: z.array(z.string().regex(UID, "not a DICOM UID").max(64)).min(1, "Pick at least one study").max(50),
  policy: z.enum(["refuse", "strip"], { message: "Choose refuse or strip for files with patient identity" }),
});
export type AttachStudiesInput = z.infer<typeof attachStudiesSchema>;
