import { z } from "zod";
import { mutation } from "@/lib/http/route";
import { newUpload } from "@/lib/import/uploads";

export const POST = mutation(["admin"], z.object({}), async () => ({ uploadId: newUpload() }));
