import { ComingSoon } from "@/components/ui/ComingSoon";

export const metadata = { title: "Export" };

export default function ExportPage() {
  return <ComingSoon title="Export" what="Versioned snapshots of approved items: native JSON Lines, SFT conversations, preference pairs and an evaluation split, each with a manifest." />;
}
