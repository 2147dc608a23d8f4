// Prisma CLI configuration for the embedded SQLite database (the default).
// For PostgreSQL use prisma/postgres.config.ts: `npx prisma migrate deploy --config prisma/postgres.config.ts`.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/sqlite/schema.prisma",
  migrations: { path: "prisma/sqlite/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/spinemed.db" },
});
