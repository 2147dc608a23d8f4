// Query-string parameters shared by list routes.
import { z } from "zod";

/** `?limit=`: a whole number from 1 to max, each way of getting it wrong with its own message. */
export function limitParam(max: number, fallback: number) {
  return z.coerce
    .number({ error: (issue) => (issue.code === "invalid_type" ? "limit must be a number" : undefined) })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(max, `limit must be at most ${max}`)
    .default(fallback);
}
