import { describe, expect, it } from "vitest";
import { formatAge } from "./format";

describe("formatAge", () => {
  it("uses the largest sensible unit", () => {
    expect(formatAge(10_000)).toBe("just now");
    expect(formatAge(25 * 60_000)).toBe("25 min");
    expect(formatAge((3 * 60 + 5) * 60_000)).toBe("3 h 5 min");
    expect(formatAge((3 * 24 + 4) * 3_600_000 + 59_000)).toBe("3 d 4 h");
  });
});
