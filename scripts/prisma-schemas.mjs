// Writes one Prisma schema per database provider from prisma/models.prisma (the single source of truth).
// `--check` exits 1 when a committed schema is out of date (used by the tests).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const models = readFileSync(join(root, "prisma/models.prisma"), "utf8");
const check = process.argv.includes("--check");

const header = (provider) => `// GENERATED from prisma/models.prisma by \`npm run prisma:schemas\`: do not edit.

generator client {
  provider     = "prisma-client"
  output       = "../../lib/db/generated/${provider}"
  moduleFormat = "esm"
}

datasource db {
  provider = "${provider === "postgres" ? "postgresql" : "sqlite"}"
}

`;

let stale = false;
for (const provider of ["sqlite", "postgres"]) {
  const file = join(root, "prisma", provider, "schema.prisma");
  const text = header(provider) + models;
  if (check) {
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) {
      console.error(`${file} is out of date: run npm run prisma:schemas`);
      stale = true;
    }
    continue;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
process.exit(stale ? 1 : 0);
