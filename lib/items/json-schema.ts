// The published JSON Schema of the import format, generated from the zod schema so the two cannot drift.
// Both scripts/json-schema.ts (writes/checks the committed file) and the test call this.

import { z } from "zod";
import { importLineSchema } from "./schema";

/** Where the generated schema is committed, relative to the repository root. */
export const IMPORT_SCHEMA_PATH = "schemas/import-item.schema.json";

export function importJsonSchema(): Record<string, unknown> {
  // "input": the schema describes what may be written in a file (spellings, omitted defaults), not the
  // normalised result.
  return z.toJSONSchema(importLineSchema, { io: "input", target: "draft-2020-12", unrepresentable: "throw" }) as Record<
    string,
    unknown
  >;
}

/** The exact text of the committed file: same input, same bytes (zod emits keys in schema order). */
export function renderImportJsonSchema(): string {
  return `${JSON.stringify(importJsonSchema(), null, 2)}\n`;
}
