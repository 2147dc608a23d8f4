// The Source tab: where the item comes from (source, reference, case, licence) and which model and prompt made
// each version, so a reviewer can judge the text against its origin. Values come from the import: shown as text,
// invisible characters marked.
import { ReviewText } from "./ReviewText";
import type { WorkspaceItem } from "./types";

export function SourceView({ item }: { item: WorkspaceItem }) {
  const rows: [string, string | null][] = [
    ["Source type", item.sourceType.replace(/_/g, " ")],
    ["Reference", item.sourceReference],
    ["Case", item.caseExternalId],
    ["Licence", item.licence],
    ["Reviews required", String(item.requiredReviews)],
  ];
  return (
    <div className="space-y-4 text-sm" data-testid="source-view">
      <table><tbody>{rows.map(([k, v]) => <tr key={k}><td className="pr-4 text-slate-500">{k}</td><td>{v ? <ReviewText text={v} /> : "—"}</td></tr>)}</tbody></table>
      <table className="w-full">
        <thead className="text-left text-xs text-slate-500"><tr><th>Version</th><th>Model</th><th>Prompt</th><th>Created</th></tr></thead>
        <tbody>
          {item.versions.map((v) => (
            <tr key={v.id} className="border-t border-slate-100">
              <td className="py-1">{v.number} · {v.kind}</td>
              <td><ReviewText text={v.authorName ?? [v.generatorModel, v.generatorVersion].filter(Boolean).join(" ")} /></td>
              <td><ReviewText text={[v.promptId, v.promptVersion].filter(Boolean).join(" v")} /></td>
              <td className="tabular-nums">{v.createdAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
