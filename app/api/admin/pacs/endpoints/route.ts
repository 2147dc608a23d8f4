import { mutation, query } from "@/lib/http/route";
import { createEndpoint, listEndpoints } from "@/lib/dicomweb/endpoints";
import { endpointSchema } from "@/lib/dicomweb/schemas";

export const GET = query(["admin"], async () => ({ endpoints: await listEndpoints() }));
export const POST = mutation(["admin"], endpointSchema, async (input, actor) => ({ endpoint: await createEndpoint(input, actor.id) }));
