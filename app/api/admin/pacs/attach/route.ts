import { mutation } from "@/lib/http/route";
import { attachStudiesSchema } from "@/lib/dicomweb/schemas";
import { startPacsAttachJob } from "@/lib/import/pacs-launch";

export const POST = mutation(["admin"], attachStudiesSchema, async (input, actor) => ({ jobId: await startPacsAttachJob(input, actor.id) }));
