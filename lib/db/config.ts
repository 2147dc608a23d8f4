// Which database the app uses, from DATABASE_URL. No URL means the embedded SQLite file under the data folder.
import path from "node:path";

export type DbConfig =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgres"; url: string; host: string; port: number; database: string };

/** A configuration problem the operator can fix; its message is safe to print (no password). */
export class DatabaseConfigError extends Error {
  readonly name = "DatabaseConfigError";
}

/** Where the app keeps its files (SQLite database, image store, exports). */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.DATA_DIR || "data";
  return path.isAbsolute(dir) ? dir : path.join(/* turbopackIgnore: true */ process.cwd(), dir);
}

export function resolveDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) {
    const file = path.join(dataDir(env), "spinemed.db");
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (raw.startsWith("file:")) {
    const rel = raw.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!rel) throw new DatabaseConfigError("DATABASE_URL 'file:' needs a path, e.g. file:./data/spinemed.db");
    const file = path.isAbsolute(rel) ? rel : path.join(/* turbopackIgnore: true */ process.cwd(), rel);
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new DatabaseConfigError(
        "DATABASE_URL is not a valid PostgreSQL URL; expected postgresql://user[:password]@host[:port]/database",
      );
    }
    const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
    if (!u.hostname) throw new DatabaseConfigError("DATABASE_URL has no host; expected postgresql://user@host:5432/database");
    if (!database) throw new DatabaseConfigError("DATABASE_URL names no database; expected postgresql://user@host:5432/database");
    const port = u.port ? Number(u.port) : 5432;
    return { provider: "postgres", url: raw, host: u.hostname, port, database };
  }
  const scheme = raw.includes(":") ? raw.slice(0, raw.indexOf(":")) : raw.slice(0, 12);
  throw new DatabaseConfigError(
    `DATABASE_URL scheme '${scheme}' is not supported: use file:<path> for SQLite or postgresql://user@host:5432/database for PostgreSQL`,
  );
}

/** A description for logs and error messages, without the password. */
export function describeDb(config: DbConfig): string {
  return config.provider === "sqlite"
    ? `SQLite at ${config.file}`
    : `PostgreSQL database '${config.database}' at ${config.host}:${config.port}`;
}
