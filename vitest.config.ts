import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// Unit tests sit beside the code they test (lib/**/x.test.ts); integration tests that need a database are in
// tests/integration and run once per provider (see scripts/test-integration.mjs).
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // Server-only modules are plain Node modules outside React; the marker package throws only in client bundles.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
  },
});
