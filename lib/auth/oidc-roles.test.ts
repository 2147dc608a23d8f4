import { describe, expect, it } from "vitest";
import { claimValues, mapRole } from "./oidc-roles";
import type { Role } from "./roles";

const map = new Map<string, Role>([
  ["spine-admins", "admin"],
  ["spine-adjudicators", "adjudicator"],
  ["spine-reviewers", "reviewer"],
]);

describe("groups claim → role", () => {
  it("finds the values of a list, a string, a nested path and a URL-named claim", () => {
    expect(claimValues({ groups: ["a", "b", 3] }, "groups")).toEqual(["a", "b"]);
    expect(claimValues({ roles: "spine-reviewers other" }, "roles")).toEqual(["spine-reviewers", "other"]);
    expect(claimValues({ realm_access: { roles: ["spine-admins"] } }, "realm_access.roles")).toEqual(["spine-admins"]);
    expect(claimValues({ "https://hospital.example/groups": ["x"] }, "https://hospital.example/groups")).toEqual(["x"]);
    expect(claimValues({ groups: { nested: true } }, "groups")).toEqual([]);
    expect(claimValues({}, "groups")).toEqual([]);
  });

  it("maps to the widest role among the mapped values", () => {
    expect(mapRole(["spine-reviewers"], map)).toBe("reviewer");
    expect(mapRole(["spine-reviewers", "spine-admins", "radiology"], map)).toBe("admin");
    expect(mapRole(["spine-reviewers", "spine-adjudicators"], map)).toBe("adjudicator");
  });

  it("no mapped value, no role (matching is exact: case and spelling count)", () => {
    expect(mapRole([], map)).toBeNull();
    expect(mapRole(["radiology", "Spine-Admins", "spine-admins "], map)).toBeNull();
  });
});
