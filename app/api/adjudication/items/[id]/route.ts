// GET  /api/adjudication/items/:id — the item with its round's reviews side by side.
// POST /api/adjudication/items/:id — records the final decision (409 unless disputed, or when the base is stale).
import { adjudicate } from "@/lib/adjudication/adjudicate";
import { getAdjudicationItem } from "@/lib/adjudication/get-item";
import { adjudicateSchema } from "@/lib/adjudication/schemas";
import { mutation, query } from "@/lib/http/route";

export const GET = query(["adjudicator", "admin"], async (_req, user, params: { id: string }) => getAdjudicationItem(params.id, user));

export const POST = mutation(["adjudicator", "admin"], adjudicateSchema, async (input, user, params: { id: string }) => adjudicate(params.id, input, user));
