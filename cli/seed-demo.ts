// npm run seed:demo — demo accounts, synthetic images and items (safe to run twice).
import { runCli } from "@/lib/cli/run";
import { seedDemo } from "@/lib/demo/seed";

void runCli("seed:demo", async () => {
  await seedDemo();
});
