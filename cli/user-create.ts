// npm run user:create -- --role admin --email a@b.org --name "Dr A" [--password ...]
// Without --password the password is read from the SPINEMED_PASSWORD variable (keeps it out of shell history).
import { parseArgs, stringFlag } from "@/lib/cli/args";
import { runCli } from "@/lib/cli/run";
import { createUserSchema } from "@/lib/users/schemas";
import { createUser } from "@/lib/users/service";

void runCli("user:create", async () => {
  const args = parseArgs(process.argv.slice(2));
  const input = createUserSchema.parse({
    email: stringFlag(args, "email"),
    name: stringFlag(args, "name") ?? stringFlag(args, "email"),
    role: stringFlag(args, "role") ?? "reviewer",
    password: stringFlag(args, "password") ?? process.env.SPINEMED_PASSWORD,
  });
  const user = await createUser(input, null);
  console.log(`Created ${user.role} ${user.email} (${user.id})`);
});
