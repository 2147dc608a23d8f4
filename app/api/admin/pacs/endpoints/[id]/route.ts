import { z } from "zod";
import { mutation } from "@/lib/http/route";
import { deleteEndpoint, updateEndpoint } from "@/lib/dicomweb/endpoints";
import { endpointSchema } from "@/lib/dicomweb/schemas";

export const PUT = mutation<typeof endpointSchema, { id: string }>(["admin"], endpointSchema, async (input, actor, { id }) => ({ endpoint: await updateEndpoint(id, input, actor.id) }));
export const DELETE = mutation<z.ZodObject, { id: string }>(["admin"], z.object({}), async (_input, actor, { id }) => deleteEndpoint(id, actor.id));
