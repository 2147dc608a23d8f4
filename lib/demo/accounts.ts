// Demo accounts: created only by the demo seed, shown on the sign-in page only when DEMO_MODE=1.
import type { Role } from "@/lib/auth/roles";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@demo.spinemed", name: "Dr. Ada Admin", role: "admin", password: "demo-admin-pass" },
  { email: "reviewer1@demo.spinemed", name: "Dr. Rhea Reviewer", role: "reviewer", password: "demo-reviewer-pass" },
  { email: "reviewer2@demo.spinemed", name: "Dr. Ravi Reviewer", role: "reviewer", password: "demo-reviewer-pass" },
  { email: "adjudicator@demo.spinemed", name: "Prof. Aiko Adjudicator", role: "adjudicator", password: "demo-adjudicator-pass" },
];

export function isDemoMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.DEMO_MODE === "1" || env.DEMO_MODE === "true";
}
