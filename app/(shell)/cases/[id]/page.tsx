import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { CaseViewer } from "@/components/viewer/CaseViewer";
import { requirePageRole } from "@/lib/auth/session";
import { caseWithSeries } from "@/lib/images/queries";

export const metadata = { title: "Case" };

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("admin", "adjudicator");
  const { id } = await params;
  const c = (await caseWithSeries(id)) ?? (id.includes("%") ? await caseWithSeries(safeDecode(id)) : null);
  if (!c) notFound();
  const images = c.series.reduce((n, s) => n + s.images.length, 0);
  return (
    <>
      <PageHeader
        title={`Case ${c.externalId}`}
        subtitle={`${c.series.length} series · ${images} image${images === 1 ? "" : "s"} · ${c.itemCount} item${c.itemCount === 1 ? "" : "s"}`}
        actions={
          <Link href="/cases" className="text-sm text-teal-800 hover:underline">
            All cases
          </Link>
        }
      />
      <CaseViewer series={c.series} />
    </>
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
