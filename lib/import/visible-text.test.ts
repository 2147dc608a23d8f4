import { describe, expect, it } from "vitest";
import { visible } from "./visible-text";

describe("visible", () => {
  it("escapes control and reordering characters and leaves other text alone", () => {
    expect(visible("a\u001b[31mred\u0007")).toBe("a\\u001b[31mred\\u0007");
    expect(visible("x\ny\rz\t")).toBe("x\\ny\\rz\\t");
    expect(visible("abc\u202edef")).toBe("abc\\u202edef");
    expect(visible("L4/L5 — 腰椎 é")).toBe("L4/L5 — 腰椎 é");
    expect(visible(visible("\u001b"))).toBe("\\u001b");
  });
});
