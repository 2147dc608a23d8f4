import { describe, expect, it } from "vitest";
import { newId } from "./ids";

describe("newId", () => {
  it("is unique and sorts in creation order", () => {
    const ids = Array.from({ length: 50_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^c[0-9a-z]{19}$/);
  });
});
