import { mutation } from "@/lib/http/route";
import { startImportJob } from "@/lib/import/launch";
import { startImportSchema } from "@/lib/import/schemas";

export const POST = mutation(["admin"], startImportSchema, async (input, actor) => ({ jobId: await startImportJob(input, actor.id) }));
