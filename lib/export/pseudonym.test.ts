import { describe, expect, it } from "vitest";
import { pseudonym, snapshotSalt } from "./pseudonym";

describe("pseudonyms", () => {
  const secret = "a-server-secret-of-enough-length";
  it("are stable within a snapshot, differ across snapshot definitions, and never contain the user id", () => {
    const a = snapshotSalt(secret, { formats: ["sft"], filters: { status: "approved" } });
    const sameDefinition = snapshotSalt(secret, { filters: { status: "approved" }, formats: ["sft"] });
    const b = snapshotSalt(secret, { formats: ["sft"], filters: { status: "approved", taskType: "mcq" } });
    expect(a).toBe(sameDefinition);
    const user = "cm0abcdefghijk0000user1";
    expect(pseudonym(a, user)).toBe(pseudonym(sameDefinition, user));
    expect(pseudonym(a, user)).not.toBe(pseudonym(b, user));
    expect(pseudonym(a, user)).not.toContain(user);
    expect(pseudonym(a, user)).toMatch(/^reviewer-[0-9a-f]{16}$/);
    expect(pseudonym(a, user)).not.toBe(pseudonym(a, "another-user"));
    expect(() => snapshotSalt("short", {})).toThrow(/16 characters/);
  });
});
