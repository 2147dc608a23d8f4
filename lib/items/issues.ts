// Turns zod issues into one readable message per problem, each with a dotted path ("draft.content.options.F",
// "levels[2]"), so an import report or an edit form can point at the exact field.

import type { z } from "zod";

export interface FieldError {
  /** "" for the whole value, otherwise keys joined by dots and array indices in brackets. */
  path: string;
  message: string;
}

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

export function formatPath(path: Path): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** How a value is shown inside a message: strings quoted and shortened, other values by their JSON type. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === "object") return "an object";
  return String(value);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function plural(n: number | bigint, word: string): string {
  return `${n} ${word}${Number(n) === 1 ? "" : "s"}`;
}

function sizeMessage(issue: Extract<Issue, { code: "too_small" | "too_big" }>): string {
  const small = issue.code === "too_small";
  const bound = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
  switch (issue.origin) {
    case "string":
      if (small && Number(bound) === 1) return "must not be empty";
      return small ? `must be at least ${plural(bound, "character")}` : `is too long: at most ${plural(bound, "character")}`;
    case "array":
    case "set":
      return small ? `must have at least ${plural(bound, "item")}` : `has too many items: at most ${bound}`;
    default:
      return small ? `must be at least ${bound}` : `must be at most ${bound}`;
  }
}

// zod's own wording, which we replace with ours; anything else is a message written in a schema and kept.
const DEFAULT_MESSAGE = /^(Invalid input|Invalid option|Too (small|big)|Unrecognized key|Invalid (string|ISO|discriminator|element|key))/;

/**
 * Among the branches of a failed union, the one the value was evidently meant for: every branch except one
 * failed on the type of the value itself (a string given where an object is expected), so report that one.
 */
function unionBranch(issue: Extract<Issue, { code: "invalid_union" }>): readonly Issue[] | null {
  const relevant = issue.errors.filter(
    (branch) => !(branch.length === 1 && branch[0].code === "invalid_type" && branch[0].path.length === 0),
  );
  return relevant.length === 1 ? relevant[0] : null;
}

function expectedTypes(issue: Extract<Issue, { code: "invalid_union" }>): string[] {
  const types = new Set<string>();
  for (const branch of issue.errors) {
    for (const inner of branch) if (inner.code === "invalid_type" && inner.path.length === 0) types.add(inner.expected);
  }
  return [...types];
}

export function issuesToErrors(issues: readonly Issue[], base: Path = []): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) collect(issue, base, out);
  return out;
}

function collect(issue: Issue, base: Path, out: FieldError[]): void {
  const path = [...base, ...issue.path];
  const custom = !DEFAULT_MESSAGE.test(issue.message);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type":
      if (custom) break;
      out.push({
        path: formatPath(path),
        message:
          input === undefined
            ? "required field is missing"
            : issue.expected === "int" && typeof input === "number"
              ? `expected an integer, got ${input}`
              : `expected ${issue.expected}, got ${typeName(input)}`,
      });
      return;
    case "too_small":
    case "too_big":
      if (custom) break;
      out.push({ path: formatPath(path), message: sizeMessage(issue) });
      return;
    case "invalid_value":
      if (custom) break;
      out.push({
        path: formatPath(path),
        message:
          input === undefined
            ? `required field is missing (one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")})`
            : `${describeValue(input)} is not allowed: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
      });
      return;
    case "unrecognized_keys":
      for (const key of issue.keys) {
        out.push({
          path: formatPath([...path, key]),
          message: custom ? issue.message : `unknown field "${key}"`,
        });
      }
      return;
    case "invalid_key": {
      // A record key that failed its own schema: report the key's problem at the record, never echoing a long key.
      const inner = (issue as { issues?: readonly Issue[] }).issues ?? [];
      const at = formatPath(path.map((k) => (typeof k === "string" && k.length > 60 ? `${k.slice(0, 60)}…` : k)));
      if (inner.length === 0) out.push({ path: at, message: "invalid key" });
      for (const i of inner) {
        const sub: FieldError[] = [];
        collect(i, [], sub);
        for (const e of sub) out.push({ path: at, message: e.message });
      }
      return;
    }
    case "invalid_union": {
      const discriminated = issue as typeof issue & { note?: string; options?: unknown[] };
      if (discriminated.note === "No matching discriminator") {
        const allowed = (discriminated.options ?? []).map((v) => JSON.stringify(v)).join(", ");
        const value = input !== null && typeof input === "object" ? (input as Record<string, unknown>)[String(issue.path.at(-1))] : undefined;
        out.push({
          path: formatPath(path),
          message:
            value === undefined
              ? `required field is missing (one of ${allowed})`
              : `unknown value ${describeValue(value)}: expected one of ${allowed}`,
        });
        return;
      }
      const branch = unionBranch(issue);
      if (branch) {
        for (const inner of branch) collect(inner, path, out);
        return;
      }
      if (custom) break;
      const types = expectedTypes(issue);
      out.push({
        path: formatPath(path),
        message: types.length ? `expected ${types.join(" or ")}, got ${typeName(input)}` : "does not match any allowed form",
      });
      return;
    }
  }
  out.push({ path: formatPath(path), message: issue.message });
}
