import { mutation, query } from "@/lib/http/route";
import { exportDefinitionSchema } from "@/lib/export/definition";
import { startExportJob } from "@/lib/export/launch";
import { listSnapshots } from "@/lib/export/queries";

export const dynamic = "force-dynamic";

export const GET = query(["admin"], async () => ({ snapshots: await listSnapshots() }));

export const POST = mutation(["admin"], exportDefinitionSchema, async (definition, actor) => startExportJob(definition, actor.id));
