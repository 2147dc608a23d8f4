import { Dashboard } from "@/components/dashboard/Dashboard";
import { Filters } from "@/components/dashboard/Filters";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePageRole } from "@/lib/auth/session";
import { parseFilters } from "@/lib/dashboard/filters";
import { loadDashboard } from "@/lib/dashboard/load";
import { recentBatches } from "@/lib/import/queries";
import { TASK_TYPES } from "@/lib/items/content";

export const metadata = { title: "Progress" };

export default async function ProgressPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageRole("admin", "adjudicator");
  const filters = parseFilters(await searchParams);
  const [{ data, totalMs }, batches] = await Promise.all([loadDashboard(filters), recentBatches(100)]);
  const levels = data.agreement.rows.filter((r) => r.kind === "level").map((r) => r.scope);
  return (
    <>
      <PageHeader
        title="Progress and agreement"
        subtitle={user.role === "admin" ? "Completion, throughput, time, rejections, level corrections, agreement, backlog and gold accuracy." : "Read-only view for adjudicators."}
      />
      <Filters filters={filters} batches={batches.map((b) => ({ id: b.id, label: `${b.fileName} (${b.startedAt.toISOString().slice(0, 10)})` }))} taskTypes={TASK_TYPES} levels={levels} />
      <Dashboard data={data} filters={filters} />
      <p className="mt-6 text-xs text-slate-400" data-testid="dashboard-server-ms">
        Read from the rollups in {totalMs} ms.
      </p>
    </>
  );
}
