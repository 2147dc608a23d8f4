// GET /api/admin/dashboard/csv?chart=<id>&from&to&batch&taskType&level — one chart's numbers as CSV (admins and
// adjudicators), read from the same rollups with the same filters as the page.
import { CHARTS, toCsv, type Table } from "@/lib/dashboard/csv";
import { parseFilters } from "@/lib/dashboard/filters";
import { loadPanel } from "@/lib/dashboard/load";
import { NotFoundError } from "@/lib/errors";
import { query } from "@/lib/http/route";

export const GET = query(["admin", "adjudicator"], async (req) => {
  const params = new URL(req.url).searchParams;
  const id = params.get("chart") ?? "";
  const spec = Object.hasOwn(CHARTS, id) ? CHARTS[id] : undefined;
  if (!spec) throw new NotFoundError(`No such chart: choose one of ${Object.keys(CHARTS).join(", ")}.`);
  const data = await loadPanel(spec.panel, parseFilters(params));
  const table = (spec.table as (d: unknown) => Table)(data);
  return new Response(toCsv(table), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${id}.csv"` },
  });
});
