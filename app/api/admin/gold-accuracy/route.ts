// GET /api/admin/gold-accuracy — every reviewer's accuracy on gold items (admins).
import { goldAccuracy } from "@/lib/gold/accuracy";
import { query } from "@/lib/http/route";

export const GET = query(["admin"], async () => ({ reviewers: await goldAccuracy() }));
