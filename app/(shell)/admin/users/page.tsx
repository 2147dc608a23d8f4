import { GoldAccuracySection } from "@/components/gold/GoldAccuracySection";
import { UserAdmin } from "@/components/users/UserAdmin";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePageRole } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/service";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePageRole("admin");
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" subtitle="Reviewers, adjudicators and admins. Deactivated users cannot sign in; their reviews stay." />
      <UserAdmin meId={me.id} initialUsers={users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() }))} />
      <GoldAccuracySection />
    </>
  );
}
