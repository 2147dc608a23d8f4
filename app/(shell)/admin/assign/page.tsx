import { AssignPanel } from "@/components/assignments/AssignPanel";
import { PageHeader } from "@/components/ui/PageHeader";
import { requirePageRole } from "@/lib/auth/session";
import { assignPageData } from "@/lib/assignments/queries";

export const metadata = { title: "Assign" };
export const dynamic = "force-dynamic";

export default async function AssignPage() {
  await requirePageRole("admin");
  const data = await assignPageData();
  return (
    <>
      <PageHeader
        title="Assign"
        subtitle={`${data.itemsNeedingReviewers.toLocaleString("en")} items still need a reviewer. Each open review slot goes to a different reviewer, the least loaded first; reviewers can also pull from the pool with Next item. npm run assign does the same from a shell.`}
      />
      <AssignPanel reviewers={data.reviewers} batches={data.batches} />
    </>
  );
}
