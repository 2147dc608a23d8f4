import { ComingSoon } from "@/components/ui/ComingSoon";
import { requirePageRole } from "@/lib/auth/session";

export const metadata = { title: "Export" };

export default async function ExportPage() {
  await requirePageRole("admin");
  return <ComingSoon title="Export" what="Versioned snapshots of approved items: native JSON Lines, SFT conversations, preference pairs and an evaluation split, each with a manifest." />;
}
