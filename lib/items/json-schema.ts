// The published JSON Schema of the import format, generated from the zod schema so the two cannot drift.
// Both scripts/json-schema.ts (writes/checks the committed file) and the test call this.

import { z } from "zod";
import { importLineSchema } from "./schema";

/** Where the generated schema is committed, relative to the repository root. */
export const IMPORT_SCHEMA_PATH = "schemas/import-item.schema.json";

export function importJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(importLineSchema, {
    // "input": the schema describes what may be written in a file (spellings, omitted defaults), not the
    // normalised result.
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "throw",
    override: ({ zodSchema, jsonSchema }) => {
      // zod leaves out a default whose inner schema transforms (levels, images: the default is an output
      // value), but [] is just as valid an input, and readers of the schema should see that omitting is fine.
      const def = zodSchema._zod.def;
      if (def.type === "default" && jsonSchema.default === undefined) {
        jsonSchema.default = JSON.parse(JSON.stringify((def as { defaultValue: unknown }).defaultValue));
      }
    },
  }) as Record<string, unknown>;
}

/** The exact text of the committed file: same input, same bytes (zod emits keys in schema order). */
export function renderImportJsonSchema(): string {
  return `${JSON.stringify(importJsonSchema(), null, 2)}\n`;
}
