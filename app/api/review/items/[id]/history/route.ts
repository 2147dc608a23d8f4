// GET /api/review/items/:id/history — the item's audit events, newest first (a reviewer sees only their own).
import { query } from "@/lib/http/route";
import { itemHistory } from "@/lib/review";

export const GET = query(["reviewer", "adjudicator", "admin"], async (_req, user, params: { id: string }) => itemHistory(params.id, user));
