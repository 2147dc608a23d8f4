// Runs in the browser before the app's code. zod probes whether it may compile validators with Function("");
// under the Content Security Policy (no eval) that probe is a reported violation on every page that validates.
// Telling zod up front to interpret instead avoids the probe; validation is the same.
import { config } from "zod/v4/core";

config({ jitless: true });
