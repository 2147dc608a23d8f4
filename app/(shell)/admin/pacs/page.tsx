import Link from "next/link";
import { EndpointAdmin } from "@/components/pacs/EndpointAdmin";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePageRole } from "@/lib/auth/session";
import { listEndpoints } from "@/lib/dicomweb/endpoints";

export const metadata = { title: "PACS" };
export const dynamic = "force-dynamic";

export default async function PacsPage() {
  await requirePageRole("admin");
  const endpoints = await listEndpoints();
  return (
    <>
      <PageHeader
        title="PACS endpoints"
        subtitle="DICOMweb servers that imports pull images from (QIDO-RS search, WADO-RS retrieval). Every instance passes the de-identification gate."
        actions={<Link href="/admin/import" className="text-sm text-teal-800 underline">Back to Import</Link>}
      />
      <EndpointAdmin endpoints={endpoints} />
    </>
  );
}
