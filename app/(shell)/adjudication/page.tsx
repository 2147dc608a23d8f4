import { ComingSoon } from "@/components/ui/ComingSoon";
import { requirePageRole } from "@/lib/auth/session";

export const metadata = { title: "Adjudication" };

export default async function AdjudicationPage() {
  await requirePageRole("adjudicator", "admin");
  return <ComingSoon title="Adjudication" what="Items whose independent reviews disagree will wait here for a senior surgeon's decision." />;
}
