// GET /api/review/gold-accuracy — the signed-in user's own accuracy on gold items, over reviews before today (UTC).
import { myGoldAccuracy } from "@/lib/gold/accuracy";
import { query } from "@/lib/http/route";

export const GET = query(["reviewer", "adjudicator", "admin"], async (_req, user) => myGoldAccuracy(user.id));
