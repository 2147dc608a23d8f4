import { ComingSoon } from "@/components/ui/ComingSoon";

export const metadata = { title: "Progress" };

export default function ProgressPage() {
  return <ComingSoon title="Progress and agreement" what="Completion by task type, level, modality, source and reviewer; throughput; agreement (kappa) and the adjudication backlog, as plots." />;
}
