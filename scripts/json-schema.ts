// Writes schemas/import-item.schema.json from the zod import schema (lib/items/schema.ts).
// `--check` writes nothing and exits 1 when the committed file is missing or out of date (for CI).
//   npx tsx scripts/json-schema.ts [--check]

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { IMPORT_SCHEMA_PATH, renderImportJsonSchema } from "../lib/items/json-schema";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const file = join(root, IMPORT_SCHEMA_PATH);
const text = renderImportJsonSchema();

if (process.argv.includes("--check")) {
  if (!existsSync(file) || readFileSync(file, "utf8") !== text) {
    console.error(`${IMPORT_SCHEMA_PATH} is out of date: run npx tsx scripts/json-schema.ts`);
    process.exit(1);
  }
  console.log(`${IMPORT_SCHEMA_PATH} is up to date`);
} else {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote ${IMPORT_SCHEMA_PATH}`);
}
