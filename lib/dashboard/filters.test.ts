import { describe, expect, it } from "vitest";
import { filterQuery, parseFilters } from "./filters";

describe("dashboard filters", () => {
  it("keeps values as given (an unknown one simply matches nothing) and ignores a malformed date with a note", () => {
    const f = parseFilters(new URLSearchParams({ batch: "no-such-batch", taskType: "nonsense", from: "yesterday", to: "2026-02-30x", level: "L4/L5" }));
    expect(f).toMatchObject({ batch: "no-such-batch", taskType: "nonsense", level: "L4/L5", from: undefined, to: undefined });
    expect(f.ignored).toHaveLength(2);
    expect(parseFilters({ from: "2026-01-31", to: ["2026-02-01", "x"] })).toMatchObject({ from: "2026-01-31", to: "2026-02-01", ignored: [] });
    expect(parseFilters({ batch: "x".repeat(10_000) }).batch).toBeUndefined();
  });

  it("writes the filters back as a query string", () => {
    expect(filterQuery({ batch: "b 1", from: "2026-01-01" }, { chart: "gold" })).toBe("?from=2026-01-01&batch=b+1&chart=gold");
    expect(filterQuery({})).toBe("");
  });
});
