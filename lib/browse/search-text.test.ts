import { describe, expect, it } from "vitest";
import { example } from "@/lib/items/test-fixtures";
import { searchTextOf } from "./search-text";

describe("the text the search indexes", () => {
  it("holds every visible section of each task type, without section labels", () => {
    const mcq = example("mcq").revision.content;
    const text = searchTextOf("mcq", mcq);
    expect(text).toContain(mcq.question);
    expect(text).toContain(mcq.options.C);
    expect(text).toContain(mcq.explanation);
    expect(text).not.toMatch(/^Question:/m);
    const report = example("report").draft.content;
    expect(searchTextOf("report", report)).toContain(report.sections.treatment.evidenceBased);
    const con = example("consultation").draft.content;
    expect(searchTextOf("consultation", con).split("\n")).toHaveLength(con.turns.length);
  });
  it("is empty for a body that does not have its task type's shape", () => {
    expect(searchTextOf("report", { nope: 1 })).toBe("");
  });
});
