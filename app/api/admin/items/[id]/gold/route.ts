// GET    /api/admin/items/:id/gold — the item's expected outcome, or null.
// PUT    /api/admin/items/:id/gold { decision, levels: { [level]: { decision, correctedLevel? } }, note? } — marks it gold.
// DELETE /api/admin/items/:id/gold — unmarks it. Admins only.
import { z } from "zod";
import { getGold, setGold, unsetGold } from "@/lib/gold/mark";
import { goldSchema } from "@/lib/gold/schemas";
import { mutation, query } from "@/lib/http/route";

export const GET = query(["admin"], async (_req, user, params: { id: string }) => ({ gold: await getGold(params.id, user) }));

export const PUT = mutation(["admin"], goldSchema, async (input, user, params: { id: string }) => ({ gold: await setGold(params.id, input, user) }));

export const DELETE = mutation(["admin"], z.object({}), async (_input, user, params: { id: string }) => unsetGold(params.id, user));
