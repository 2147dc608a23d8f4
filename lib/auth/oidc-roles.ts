// From the provider's claims to the app's role. Pure.
import { ROLES, type Role } from "./roles";

/**
 * The values of the groups/roles claim. `path` may walk into objects with dots (`realm_access.roles`); a
 * claim whose name itself contains dots (a URL-shaped claim such as `https://example.org/groups`) is found
 * first. A single string counts as one value; a space-separated string (some providers' `roles`) as several.
 */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = path in claims ? claims[path] : undefined;
  if (value === undefined) {
    value = path.split(".").reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined), claims);
  }
  if (typeof value === "string") return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

// Several mapped groups: the widest role wins (an admin who is also in the reviewers' group is an admin).
const RANK: Record<Role, number> = Object.fromEntries(ROLES.map((r, i) => [r, ROLES.length - i])) as Record<Role, number>;

/** The role the claim values map to, or null when none of them is mapped. */
export function mapRole(values: readonly string[], roleMap: ReadonlyMap<string, Role>): Role | null {
  let best: Role | null = null;
  for (const v of values) {
    const role = roleMap.get(v);
    if (role && (!best || RANK[role] > RANK[best])) best = role;
  }
  return best;
}
