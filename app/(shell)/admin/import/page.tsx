import { ComingSoon } from "@/components/ui/ComingSoon";

export const metadata = { title: "Import" };

export default function ImportPage() {
  return <ComingSoon title="Import" what="Upload a JSON Lines file of LLM-drafted items and a folder of DICOM/PNG/JPEG images, with a de-identification gate and a per-line report. Until then use npm run import." />;
}
