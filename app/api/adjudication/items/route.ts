// GET /api/adjudication/items?limit= — the disputed items, the longest waiting first, with their disagreements.
import { z } from "zod";
import { adjudicationQueue } from "@/lib/adjudication/queue";
import { query } from "@/lib/http/route";

const limitSchema = z.coerce.number({ error: "limit must be a number from 1 to 500" }).int().min(1).max(500).default(100);

export const GET = query(["adjudicator", "admin"], async (req, user) => {
  const limit = limitSchema.parse(new URL(req.url).searchParams.get("limit") ?? undefined);
  return adjudicationQueue(user, limit);
});
