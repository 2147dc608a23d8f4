import { mutation } from "@/lib/http/route";
import { studySearchSchema } from "@/lib/dicomweb/schemas";
import { searchPacsStudies } from "@/lib/dicomweb/search";

export const POST = mutation(["admin"], studySearchSchema, async (input) => searchPacsStudies(input));
