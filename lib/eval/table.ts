// The score as a plain-text table for a terminal: one block per grouping, accuracy as a percentage.
import type { Cell, Score } from "./score";

const pct = (a: number | null) => (a === null ? "—" : `${(a * 100).toFixed(1)}%`);

function block(title: string, rows: Record<string, Cell>): string[] {
  const names = Object.keys(rows);
  const width = Math.max(title.length, ...names.map((n) => n.length));
  const lines = [`${title.padEnd(width)}  questions  correct  accuracy`];
  for (const n of names) {
    const c = rows[n];
    lines.push(`${n.padEnd(width)}  ${String(c.questions).padStart(9)}  ${String(c.correct).padStart(7)}  ${pct(c.accuracy).padStart(8)}`);
  }
  return lines;
}

export function scoreTable(s: Score): string {
  const o = s.overall;
  const out = [
    ...block("overall", { all: o }),
    `answered ${o.answered} of ${o.questions}; missing ${o.missing}; answers naming no option ${o.unparsed}; unknown ids ${s.unknownIds}; ids answered twice ${s.duplicateIds}`,
    "",
    ...block("format", s.byFormat),
    "",
    ...block("language", s.byLanguage),
    "",
    ...block("subfield", s.bySubfield),
    "",
    ...block("level", s.byLevel),
  ];
  return out.join("\n");
}
