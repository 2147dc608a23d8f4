import "server-only";
// Every panel of the dashboard, with the server time each took (shown on the page, measured by the bench).
import type { DashboardFilters } from "./filters";
import {
  loadAgreement,
  loadBacklog,
  loadCompletion,
  loadGold,
  loadLevelCorrections,
  loadRejections,
  loadThroughput,
  loadTimePerItem,
} from "./panels";
import { reader } from "./read";
import type { SqlExec } from "./sql";

export const PANEL_LOADERS = {
  completion: loadCompletion,
  throughput: loadThroughput,
  timePerItem: loadTimePerItem,
  rejections: loadRejections,
  levelCorrections: loadLevelCorrections,
  agreement: loadAgreement,
  backlog: loadBacklog,
  gold: loadGold,
} as const;

export type PanelName = keyof typeof PANEL_LOADERS;
export type DashboardData = { [K in PanelName]: Awaited<ReturnType<(typeof PANEL_LOADERS)[K]>> };

export async function loadPanel<K extends PanelName>(name: K, f: DashboardFilters, exec: SqlExec = reader()): Promise<DashboardData[K]> {
  return (await PANEL_LOADERS[name](exec, f)) as DashboardData[K];
}

/** All panels, one after the other (one connection on SQLite anyway), with each one's milliseconds. */
export async function loadDashboard(f: DashboardFilters, exec: SqlExec = reader()): Promise<{ data: DashboardData; ms: Record<PanelName, number>; totalMs: number }> {
  const data = {} as Record<PanelName, unknown>;
  const ms = {} as Record<PanelName, number>;
  const t0 = performance.now();
  for (const name of Object.keys(PANEL_LOADERS) as PanelName[]) {
    const t = performance.now();
    data[name] = await PANEL_LOADERS[name](exec, f);
    ms[name] = Math.round((performance.now() - t) * 10) / 10;
  }
  return { data: data as DashboardData, ms, totalMs: Math.round((performance.now() - t0) * 10) / 10 };
}
