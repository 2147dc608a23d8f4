import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeValue, formatPath, issuesToErrors } from "./issues";

describe("formatPath", () => {
  it.each([
    [[], ""],
    [["draft", "content", "options", "F"], "draft.content.options.F"],
    [["levels", 2], "levels[2]"],
    [["draft", "content", "turns", 0, "text"], "draft.content.turns[0].text"],
    [[0, "a"], "[0].a"],
  ] as const)("%j → %s", (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe("describeValue", () => {
  it("quotes and shortens strings, names other values", () => {
    expect(describeValue("L9")).toBe('"L9"');
    expect(describeValue("x".repeat(100))).toBe(JSON.stringify(`${"x".repeat(60)}…`));
    expect(describeValue(null)).toBe("null");
    expect(describeValue([1])).toBe("an array");
    expect(describeValue({})).toBe("an object");
    expect(describeValue(4)).toBe("4");
  });
});

describe("issuesToErrors", () => {
  const errorsFor = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) throw new Error("expected failure");
    return issuesToErrors(result.error.issues);
  };

  it("explains sizes in words", () => {
    expect(errorsFor(z.object({ a: z.array(z.string()).min(2) }), { a: ["x"] })).toEqual([
      { path: "a", message: "must have at least 2 items" },
    ]);
    expect(errorsFor(z.string().max(3), "abcd")).toEqual([{ path: "", message: "is too long: at most 3 characters" }]);
    expect(errorsFor(z.number().min(1), 0)).toEqual([{ path: "", message: "must be at least 1" }]);
  });

  it("keeps a message written in the schema", () => {
    expect(errorsFor(z.string().min(5, "too short for a question"), "ab")).toEqual([
      { path: "", message: "too short for a question" },
    ]);
  });

  it("prefixes a base path", () => {
    const result = z.object({ a: z.string() }).safeParse({}, { reportInput: true });
    expect(issuesToErrors(result.error!.issues, ["draft", "content"])).toEqual([
      { path: "draft.content.a", message: "required field is missing" },
    ]);
  });

  it("reports the branch of a union the value was meant for", () => {
    const schema = z.union([z.string().min(2), z.object({ level: z.string() })]);
    expect(errorsFor(schema, "x")).toEqual([{ path: "", message: "must be at least 2 characters" }]);
    expect(errorsFor(schema, { level: 1 })).toEqual([{ path: "level", message: "expected string, got number" }]);
    expect(errorsFor(schema, true)).toEqual([{ path: "", message: "expected string or object, got boolean" }]);
  });
});
