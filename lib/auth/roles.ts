// Roles and what each may reach. Shared by server checks and the navigation.
export const ROLES = ["admin", "adjudicator", "reviewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  adjudicator: "Adjudicator",
  reviewer: "Reviewer",
};

export interface NavEntry {
  href: string;
  label: string;
  roles: readonly Role[];
}

export const NAVIGATION: NavEntry[] = [
  { href: "/queue", label: "My queue", roles: ["reviewer", "adjudicator", "admin"] },
  { href: "/adjudication", label: "Adjudication", roles: ["adjudicator", "admin"] },
  { href: "/admin/items", label: "Items", roles: ["admin", "adjudicator"] },
  { href: "/cases", label: "Cases", roles: ["admin", "adjudicator"] },
  { href: "/admin/import", label: "Import", roles: ["admin"] },
  { href: "/admin/assign", label: "Assign", roles: ["admin"] },
  { href: "/admin/users", label: "Users", roles: ["admin"] },
  { href: "/admin/progress", label: "Progress", roles: ["admin", "adjudicator"] },
  { href: "/admin/export", label: "Export", roles: ["admin"] },
];

export function navigationFor(role: Role): NavEntry[] {
  return NAVIGATION.filter((n) => n.roles.includes(role));
}

export function homeFor(role: Role): string {
  return role === "admin" ? "/admin/items" : "/queue";
}
