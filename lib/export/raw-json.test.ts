import { describe, expect, it } from "vitest";
import { RawJson, recordPieces, storedJson, stringifyRecord } from "./raw-json";

describe("stringifyRecord", () => {
  it("splices stored JSON text in place, giving what serialising the parsed value gives", () => {
    const a = { question: "Which level?", options: { A: "L4-L5", B: "L5-S1" }, n: 1.5 };
    const b = { turns: [{ role: "patient", text: "pain \"here\"\n" }] };
    const record = { id: "x", versions: [{ content: new RawJson(JSON.stringify(a)) }, { content: new RawJson(JSON.stringify(b)) }], final: { content: new RawJson(JSON.stringify(b)) } };
    const plain = { id: "x", versions: [{ content: a }, { content: b }], final: { content: b } };
    expect(stringifyRecord(record)).toBe(JSON.stringify(plain));
    expect(JSON.parse(stringifyRecord(record))).toEqual(plain);
    // As pieces: the serialised record between the stored texts, which come through as they are.
    const pieces = recordPieces(record);
    expect(pieces).toHaveLength(7);
    expect(pieces[1]).toBe(JSON.stringify(a));
    expect(pieces[3]).toBe(JSON.stringify(b));
    expect(pieces.join("")).toBe(JSON.stringify(plain));
  });

  it("falls back to plain serialisation when a string of the record looks like the marker", () => {
    const content = { text: "ok" };
    const record = { note: "\u0000spinemed raw json\u0000", content: new RawJson(JSON.stringify(content)) };
    expect(JSON.parse(stringifyRecord(record))).toEqual({ note: "\u0000spinemed raw json\u0000", content });
  });

  it("outside a record, a RawJson serialises as its parsed value", () => {
    expect(JSON.stringify({ c: new RawJson('{"a":[1,2]}') })).toBe('{"c":{"a":[1,2]}}');
  });

  it("keeps a value without stored text as it is", () => {
    const v = { a: 1 };
    expect(storedJson({ content: v })).toBe(v);
    expect(stringifyRecord({ c: storedJson({ content: v, contentJson: '{"a":1}' }) })).toBe('{"c":{"a":1}}');
  });
});
