// Prisma's schema engine in WebAssembly, driven through a driver adapter. Used to write new migrations
// (`npm run db:migration -- <name>`) and by the test that checks the committed migrations match the models,
// on machines where Prisma's native schema-engine binary cannot be downloaded.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

let ready;
async function loadWasm() {
  if (!ready) {
    ready = (async () => {
      const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
      const wasmPath = require.resolve("@prisma/schema-engine-wasm").replace(/schema_engine\.js$/, "schema_engine_bg.wasm");
      const mod = new WebAssembly.Module(readFileSync(wasmPath));
      const instance = new WebAssembly.Instance(mod, { "./schema_engine_bg.js": bg });
      bg.__wbg_set_wasm(instance.exports);
      instance.exports.__wbindgen_start();
      return bg;
    })();
  }
  return ready;
}

/** Reports the internal type "char" (OID 18) as text: adapter-pg cannot read it from catalog queries. */
async function pgAdapterFactory(url) {
  const pg = (await import("pg")).default;
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const charAsText = (result) => {
    if (result && Array.isArray(result.fields)) for (const f of result.fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return result;
  };
  pool.on("connect", (client) => {
    const query = client.query.bind(client);
    client.query = (...args) => {
      const cb = typeof args[args.length - 1] === "function" ? args.pop() : null;
      if (cb) return query(...args, (err, res) => cb(err, err ? res : charAsText(res)));
      const r = query(...args);
      return r && typeof r.then === "function" ? r.then(charAsText) : r;
    };
  });
  return { factory: new PrismaPg(pool), close: () => pool.end() };
}

async function sqliteAdapterFactory(url) {
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  return { factory: new PrismaBetterSqlite3({ url }), close: async () => {} };
}

/**
 * The SQL that takes the database at `url` (or an empty database when `fromEmpty`) to the given schema.
 * Returns "" when nothing differs.
 */
export async function diffToSchema({ provider, url, schemaText, fromEmpty = false }) {
  const bg = await loadWasm();
  const { factory, close } = provider === "postgres" ? await pgAdapterFactory(url) : await sqliteAdapterFactory(url);
  const files = [{ path: "schema.prisma", content: schemaText }];
  try {
    const engine = await bg.SchemaEngine.new({ datamodels: [["schema.prisma", schemaText]] }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
    const result = await engine.diff({
      from: fromEmpty ? { tag: "empty" } : { tag: "schemaDatasource", files, configDir: process.cwd() },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? "";
    return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? "" : sql;
  } finally {
    await close();
  }
}
