// The production server of the load benchmark: `next build` when the build is missing or older than the
// sources, `next start` on a given database, and sign-in through the real next-auth credentials flow over HTTP.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { request } from "undici";

const SOURCES = ["app", "lib", "components", "instrumentation.ts", "next.config.js", "package.json", "postcss.config.mjs", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const e of readdirSync(p)) if (e !== "node_modules" && !e.startsWith(".")) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** Builds the app unless .next holds a build newer than every source file. Returns the build's seconds, or 0. */
export function ensureBuild(): number {
  const id = path.resolve(".next/BUILD_ID");
  const built = existsSync(id) ? statSync(id).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.resolve(s))));
  if (built > sources) return 0;
  console.log("  next build (the build is missing or older than the sources)…");
  const t = performance.now();
  const r = spawnSync("npx", ["next", "build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error("next build failed");
  return (performance.now() - t) / 1000;
}

export interface Server {
  origin: string;
  /** True while the server process runs (a crash under load shows here). */
  alive(): boolean;
  /** The server's stderr lines, last ones first kept (for the report when something fails). */
  log: string[];
  /** CPU seconds used so far by the server's processes (npx and next-server): the cost of the work, whatever
   * else runs on the machine. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Starts `next start` on the database; resolves once it answers. */
export async function startServer(port: number, env: Record<string, string>, nodeArgs: string[] = []): Promise<Server> {
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = env.DATA_DIR;
  mkdirSync(dataDir, { recursive: true });
  const startArgs = ["start", "-p", String(port), "-H", "127.0.0.1"];
  // Node flags such as --cpu-prof are refused in NODE_OPTIONS: then Next's own bin runs under node directly.
  const [cmd, argv] = nodeArgs.length ? [process.execPath, [...nodeArgs, path.resolve("node_modules/next/dist/bin/next"), ...startArgs]] : ["npx", ["next", ...startArgs]];
  const child: ChildProcess = spawn(cmd, argv, {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_URL: origin,
      NEXTAUTH_SECRET: "bench-load-secret-not-for-production",
      // Twenty reviewers sign in from one address within seconds: far below these, far above the defaults.
      LOGIN_MAX_ATTEMPTS: "1000",
      LOGIN_MAX_ATTEMPTS_PER_IP: "100000",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
    // Its own process group: stopping it stops npx and next-server together, and nothing else.
    detached: true,
  });
  const log: string[] = [];
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (d: string) => {
    for (const line of d.split("\n")) if (line.trim()) log.push(line);
    if (log.length > 400) log.splice(0, log.length - 400);
  });
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`the server exited at start: ${log.slice(-10).join("\n")}`);
    try {
      const r = await request(`${origin}/api/auth/csrf`, { headersTimeout: 5000, bodyTimeout: 5000 });
      await r.body.text();
      if (r.statusCode === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error("the server did not answer within 120 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    origin,
    alive: () => !exited,
    log,
    cpuSeconds: () => groupCpuSeconds(child.pid!),
    stop: async () => {
      if (exited) return;
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          /* gone */
        }
      }, 10_000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}

/** utime + stime of every process in the process group (Linux /proc; 0 elsewhere). */
function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return 0;
  }
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command name (which is in parentheses and may contain spaces).
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return ticks / 100; // USER_HZ
}

function cookiesOf(setCookie: string | string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
    const [pair] = c.split(";");
    const eq = pair.indexOf("=");
    if (eq > 0) out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return out;
}

/**
 * Signs in through next-auth's credentials flow: GET /api/auth/csrf (token + csrf cookie), then POST
 * /api/auth/callback/credentials with both. Returns the Cookie header of the session.
 */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const csrf = await request(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.body.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf.headers["set-cookie"]);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const r = await request(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin, cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${origin}/`, json: "true" }).toString(),
  });
  const text = await r.body.text();
  for (const [k, v] of cookiesOf(r.headers["set-cookie"])) jar.set(k, v);
  const session = [...jar.keys()].find((k) => k.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`sign-in of ${email} failed (${r.statusCode}): ${text.slice(0, 300)}`);
  return cookie();
}
