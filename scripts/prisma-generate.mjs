// Generates both Prisma clients (SQLite and PostgreSQL). `prisma generate` insists on finding the native schema
// engine even though generation does not use it; where that binary could not be downloaded, any existing file
// satisfies the check.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
execFileSync(process.execPath, ["scripts/prisma-schemas.mjs"], { stdio: "inherit" });
const prismaCli = "node_modules/prisma/build/index.js";
for (const config of ["prisma.config.ts", "prisma/postgres.config.ts"]) {
  execFileSync(process.execPath, [prismaCli, "generate", "--config", config], { stdio: ["ignore", "ignore", "inherit"], env });
}
console.log("Prisma clients generated (SQLite, PostgreSQL)");
