// Row ids as the routes accept them: Prisma's cuid() (25 characters) and lib/ids.ts's time-ordered ids
// (20 characters) are lower-case letters and digits; upload ids are 24 hex digits. Anything else (a path of
// 8,000 characters, odd characters, percent-escapes) is refused before it reaches the database.
import { NotFoundError } from "@/lib/errors";

const ID = /^[a-z0-9]{20,32}$/;

export function isWellFormedId(value: unknown): value is string {
  return typeof value === "string" && ID.test(value);
}

/** Throws a 404 for every route parameter that is not a well-formed id. */
export function assertIdParams(params: unknown): void {
  if (!params || typeof params !== "object") return;
  for (const value of Object.values(params as Record<string, unknown>)) {
    if (typeof value === "string" && !isWellFormedId(value)) throw new NotFoundError("Not found: this is not a valid id.");
  }
}

// External identifiers (a case's id in its source dataset) as lib/items/schema accepts them.
const EXTERNAL_ID = /^[A-Za-z0-9._:-]{1,200}$/;

/** A row id or an external identifier: what a case page's address may name. */
export function isWellFormedIdOrExternalId(value: unknown): value is string {
  return isWellFormedId(value) || (typeof value === "string" && EXTERNAL_ID.test(value));
}
