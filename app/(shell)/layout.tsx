import { AppShell } from "@/components/shell/AppShell";
import { requirePageRole } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function ShellLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageRole();
  return <AppShell user={user}>{children}</AppShell>;
}
