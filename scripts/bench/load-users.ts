// The reviewer accounts of the load benchmark, created through the same service as `npm run user:create` (scrypt
// password hash, audited). Accounts that exist already are kept, so it can run on any copy of the database.
// Usage: tsx --conditions=react-server scripts/bench/load-users.ts <count>   (DATABASE_URL / DATA_DIR say where)
import { db } from "@/lib/db/client";
import { runCli } from "@/lib/cli/run";
import { createUser } from "@/lib/users/service";
import { BENCH_PASSWORD, reviewerEmail } from "./load-config";

void runCli("bench:load users", async () => {
  const count = Number(process.argv[2]);
  if (!Number.isInteger(count) || count < 1) throw new Error("give the number of reviewer accounts");
  let created = 0;
  for (let i = 1; i <= count; i++) {
    const email = reviewerEmail(i);
    if (await db().user.findUnique({ where: { email }, select: { id: true } })) continue;
    await createUser({ email, name: `Bench reviewer ${i}`, role: "reviewer", password: BENCH_PASSWORD }, null);
    created++;
  }
  console.log(JSON.stringify({ created }));
});
