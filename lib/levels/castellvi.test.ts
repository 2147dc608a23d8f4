import { describe, expect, it } from "vitest";
import {
  CASTELLVI,
  CASTELLVI_TYPES,
  castellviLevelError,
  isCastellviType,
  normaliseCastellvi,
  parseCastellvi,
} from "./castellvi";

describe("parseCastellvi", () => {
  it.each([
    ["I", "I"],
    ["Ia", "Ia"],
    ["ib", "Ib"],
    ["IIa", "IIa"],
    ["IIb", "IIb"],
    ["IIIa", "IIIa"],
    ["IIIb", "IIIb"],
    ["IV", "IV"],
    ["iv", "IV"],
    ["2a", "IIa"],
    ["3B", "IIIb"],
    ["4", "IV"],
    ["1", "I"],
    ["II-a", "IIa"],
    ["II a", "IIa"],
    ["Type IIb", "IIb"],
    ["Castellvi IIIa", "IIIa"],
    ["castellvi type 2b", "IIb"],
    ["  IIa  ", "IIa"],
  ])("%j → %s", (input, type) => {
    expect(parseCastellvi(input)).toMatchObject({ ok: true, type });
    expect(normaliseCastellvi(input)).toBe(type);
  });

  it.each([
    ["II", /"II" needs a side: IIa \(unilateral\) or IIb \(bilateral\)/],
    ["3", /"3" needs a side: IIIa/],
    ["IVa", /"IVa" does not exist/],
    ["V", /Unknown Castellvi type "V"/],
    ["IIc", /Unknown Castellvi type "IIc"/],
    ["5a", /Unknown Castellvi type "5a"/],
    ["sacralised", /Unknown Castellvi type "sacralised"/],
    ["", /empty/],
  ])("%j is refused", (input, message) => {
    const result = parseCastellvi(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
    expect(() => normaliseCastellvi(input)).toThrow(message);
  });

  it("describes every type", () => {
    for (const type of CASTELLVI_TYPES) {
      expect(CASTELLVI[type].label).toBe(`Castellvi ${type}`);
      expect(CASTELLVI[type].description.length).toBeGreaterThan(10);
      expect(isCastellviType(type)).toBe(true);
    }
    expect(CASTELLVI.IIa.laterality).toBe("unilateral");
    expect(CASTELLVI.IIIb.laterality).toBe("bilateral");
    expect(CASTELLVI.IV.laterality).toBe("mixed");
    expect(isCastellviType("iia")).toBe(false);
    expect(isCastellviType(2)).toBe(false);
  });
});

describe("castellviLevelError", () => {
  it.each(["L5", "L6", "S1", "L5/S1", "L5-6", "L6/S1"])("%s may carry a Castellvi type", (level) => {
    expect(castellviLevelError(level)).toBeNull();
  });

  it.each([
    ["T12", /not on T12/],
    ["L4/L5", /not on L4\/L5/],
    ["C5", /not on C5/],
    ["L9", /L9 is not a vertebra/],
  ])("%s may not", (level, message) => {
    expect(castellviLevelError(level)).toMatch(message);
  });
});
