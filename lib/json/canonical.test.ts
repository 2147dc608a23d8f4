import { describe, expect, it } from "vitest";
import { contentHash } from "@/lib/items/hash";
import { canonicalJson, sha256Hex } from "./canonical";

describe("canonicalJson", () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: 1, x: [3, { d: 1, c: 2 }] }, a: null }, '{"a":null,"z":{"x":[3,{"c":2,"d":1}],"y":1}}'],
    [[3, 1, 2], "[3,1,2]"],
    ["täst \"q\" \n", JSON.stringify("täst \"q\" \n")],
    [{ B: 1, a: 2, _: 3, "10": 4, "9": 5 }, '{"10":4,"9":5,"B":1,"_":3,"a":2}'],
    [{ a: undefined, b: 1 }, '{"b":1}'],
    [[undefined, () => 1], "[null,null]"],
    [1e21, "1e+21"],
    [-0, "0"],
    [true, "true"],
    [{ when: new Date("2025-01-02T03:04:05Z") }, '{"when":"2025-01-02T03:04:05.000Z"}'],
  ])("%j → %s", (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it("does not depend on key order or whitespace in the source", () => {
    const a = JSON.parse('{ "question": "Q", "options": { "A": "x", "B": "y" }, "answer": "A" }');
    const b = JSON.parse('{"answer":"A","options":{"B":"y","A":"x"},"question":"Q"}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(contentHash(a)).toBe(contentHash(b));
  });

  it("refuses values JSON cannot hold faithfully", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ x: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(/circular/);
  });

  it("allows the same object twice when it is not a cycle", () => {
    const shared = { a: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"a":1},{"a":1}]');
  });
});

describe("contentHash", () => {
  it("is the sha256 hex of the canonical JSON", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(contentHash({ b: 1, a: "x" })).toBe(sha256Hex('{"a":"x","b":1}'));
    expect(contentHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when any text changes", () => {
    expect(contentHash({ question: "L4/L5" })).not.toBe(contentHash({ question: "L5/S1" }));
  });
});
