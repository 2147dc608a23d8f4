// Values read by raw SQL, brought back to what the Prisma client returns, on both providers: SQLite keeps dates as
// ISO text and booleans as 0/1; PostgreSQL's timestamp(3) read as text is UTC without a zone; JSON may come as text.
export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === "number" || typeof v === "bigint") return new Date(Number(v));
  const s = String(v);
  return new Date(/(Z|[+-]\d\d:\d\d)$/.test(s) ? s : `${s.replace(" ", "T")}Z`);
}
export const toJson = (v: unknown) => (typeof v === "string" ? (JSON.parse(v) as unknown) : (v ?? null));
export const toBool = (v: unknown) => v === true || v === 1 || v === "1" || v === 1n;
export const toNum = (v: unknown) => (v === null || v === undefined ? null : Number(v));
