// Extra app instances for end-to-end scenarios that need their own environment (single sign-on settings,
// several instances on one PostgreSQL): `next start` of the build the suite already made, on a free port,
// ready once /api/health answers. Everything it prints is kept, so a test can check the start-up lines.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface AppInstance {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the instance printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  /** Environment on top of a clean base (no DEMO_MODE, a fixed NEXTAUTH_SECRET, SQLite in its own folder). */
  env?: Record<string, string | undefined>;
  port?: number;
  /** A data folder to use (and keep); by default a fresh one, removed on stop. */
  dataDir?: string;
  timeoutMs?: number;
}

export async function startAppInstance(opts: StartOptions = {}): Promise<AppInstance> {
  const port = opts.port ?? (await freePort());
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "spinemed-e2e-instance-"));
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env })) {
    if (v !== undefined && !/^(DATABASE_URL|DEMO_MODE|OIDC_|AUTH_CREDENTIALS|ADMIN_)/.test(k)) env[k] = v;
  }
  Object.assign(env, { DATA_DIR: dataDir, NEXTAUTH_URL: url, NEXTAUTH_SECRET: "e2e-secret-not-for-production", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" });
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  let log = "";
  // Its own process group, so stop() ends next-server and anything it spawned (import workers).
  const child: ChildProcess = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: env as unknown as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  let exited: number | null = null;
  child.on("exit", (code) => (exited = code ?? -1));

  const stop = async () => {
    if (exited === null && child.pid) {
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // already gone
        }
      }, 5000);
      await gone;
      clearTimeout(timer);
    }
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`app instance on ${url} exited (${exited}) before it was ready:\n${log}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`app instance on ${url} was not ready in time:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, dataDir, output: () => log, stop };
}
