import { z } from "zod";
import { mutation } from "@/lib/http/route";
import { testEndpoint } from "@/lib/dicomweb/search";

export const POST = mutation<z.ZodObject, { id: string }>(["admin"], z.object({}), async (_input, _actor, { id }) => testEndpoint(id));
