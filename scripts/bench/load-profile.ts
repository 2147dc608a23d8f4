// Where the server's CPU goes under the review load: reads the V8 CPU profile that `node --cpu-prof` wrote for the
// server and sums self time by package (node_modules/<name>, the app's own code, Node internals) and by function.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function bucketOf(url: string): string {
  if (!url) return "(native / idle / gc)";
  if (url.startsWith("node:")) return "node internals";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    const pkg = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    // Next bundles its dependencies (compiled/...) and the app's server chunks live under .next.
    if (pkg === "next" && rest.includes("compiled")) return `next (compiled ${rest[rest.indexOf("compiled") + 1]})`;
    return pkg;
  }
  if (url.includes("/.next/server/chunks/")) return "app server chunks (.next, incl. bundled Prisma client)";
  if (url.includes("/.next/")) return "app (.next)";
  return "other";
}

/** Summarises the largest profile in the folder (next-server's; npx writes a small one too). */
export function summariseProfile(dir: string, top = 15): { totalMs: number; byPackage: { name: string; ms: number; pct: number }[]; byFunction: { name: string; ms: number; pct: number }[] } | null {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  } catch {
    return null;
  }
  if (!files.length) return null;
  const file = files.map((f) => path.join(dir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  const pkg = new Map<string, number>();
  const fn = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === "(idle)" || n.callFrame.functionName === "(program)") continue;
    total += us;
    const b = bucketOf(n.callFrame.url);
    pkg.set(b, (pkg.get(b) ?? 0) + us);
    const name = `${n.callFrame.functionName || "(anonymous)"} ${b === "(native / idle / gc)" ? "" : `[${b}]`}`.trim();
    fn.set(name, (fn.get(name) ?? 0) + us);
  }
  const rows = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: Math.round(us / 1000), pct: Math.round((1000 * us) / total) / 10 }));
  return { totalMs: Math.round(total / 1000), byPackage: rows(pkg), byFunction: rows(fn) };
}
