// GET /api/admin/items/count?<the items page's filter> — how many items match (asked for after the page shows:
// counting a broad search takes longer than paging it).
import { browseFilterSchema } from "@/lib/browse/filters";
import { countItems } from "@/lib/browse/list";
import { query } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = query(["admin", "adjudicator"], async (req) => {
  const f = browseFilterSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return { count: await countItems(f) };
});
