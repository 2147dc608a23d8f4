import { requirePageRole } from "@/lib/auth/session";

// Admins and adjudicators (the progress dashboard, read-only for adjudicators); every admin-only page checks
// requirePageRole("admin") itself.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePageRole("admin", "adjudicator");
  return <>{children}</>;
}
