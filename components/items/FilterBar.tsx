"use client";
// The items browser's filters as a plain GET form: every choice lands in the URL (shareable, Back works), Enter
// submits from any field. A search longer than the limit is refused here with the server's own message (the same
// schema), before it is put in an address that could be too long to send.
import { useState } from "react";
import { browseFilterSchema, SORTS, SORT_LABELS, MAX_SEARCH, type BrowseQuery } from "@/lib/browse/filters";

export interface FilterOptions {
  statuses: { value: string; label: string }[];
  taskTypes: string[];
  levels: string[];
  modalities: readonly string[];
  sources: readonly string[];
  subfields: { id: string; label: string }[];
  languages: readonly string[];
  reviewers: { id: string; label: string }[];
  batches: { id: string; label: string }[];
}

const field = "rounded border border-slate-300 bg-white px-2 py-1";

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  // A value from a shared link that is not an option (a batch since deleted, a made-up status) is kept visible.
  const known = !value || options.some((o) => o.value === value);
  return (
    <label className="flex flex-col gap-0.5 text-xs text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ""} className={field} aria-label={label}>
        <option value="">Any</option>
        {!known && <option value={value}>{value} (unknown)</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
}

export function FilterBar({ q, options }: { q: BrowseQuery & { rawQ?: string }; options: FilterOptions }) {
  const [error, setError] = useState<string | null>(null);
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    const text = String(new FormData(e.currentTarget).get("q") ?? "");
    const parsed = browseFilterSchema.shape.q.safeParse(text);
    if (!parsed.success) {
      e.preventDefault();
      setError(parsed.error.issues[0]?.message ?? "The search is not valid.");
    } else setError(null);
  }
  const list = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x.replace(/_/g, " ") }));
  const yesNo = [{ value: "yes", label: "yes" }, { value: "no", label: "no" }];
  return (
    <form method="get" onSubmit={onSubmit} className="mb-4 space-y-3 rounded-lg border border-slate-200 bg-white p-3 text-sm" aria-label="Filter items" role="search">
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-72 flex-1 flex-col gap-0.5 text-xs text-slate-600">
          Search the item text (English or Chinese; words must all occur, &quot;quotes&quot; keep a phrase)
          <input name="q" type="search" defaultValue={q.rawQ ?? q.q ?? ""} maxLength={MAX_SEARCH * 50} placeholder="e.g. spondylolisthesis, 椎间盘" className={field} aria-label="Search" />
        </label>
        <label className="flex flex-col gap-0.5 text-xs text-slate-600">
          External id starts with
          <input name="ext" defaultValue={q.ext ?? ""} className={`${field} w-40`} aria-label="External id starts with" />
        </label>
        <label className="flex flex-col gap-0.5 text-xs text-slate-600">
          Sort
          <select name="sort" defaultValue={q.sort ?? "externalId"} className={field} aria-label="Sort">
            {SORTS.map((s) => <option key={s} value={s}>{SORT_LABELS[s]}</option>)}
          </select>
        </label>
        <button className="rounded bg-slate-800 px-3 py-1.5 text-white">Apply</button>
        <a href="?" className="px-2 py-1.5 text-teal-800 underline">Clear</a>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <Select name="status" label="Status" value={q.status} options={options.statuses} />
        <Select name="taskType" label="Task type" value={q.taskType} options={list(options.taskTypes)} />
        <Select name="level" label="Level" value={q.level} options={options.levels.map((l) => ({ value: l, label: l }))} />
        <Select name="modality" label="Modality" value={q.modality} options={list(options.modalities)} />
        <Select name="source" label="Source" value={q.source} options={list(options.sources)} />
        <Select name="subfield" label="Subfield" value={q.subfield} options={options.subfields.map((s) => ({ value: s.id, label: s.label }))} />
        <Select name="language" label="Language" value={q.language} options={list(options.languages)} />
        <Select name="reviewer" label="Reviewer" value={q.reviewer} options={options.reviewers.map((r) => ({ value: r.id, label: r.label }))} />
        <Select name="batch" label="Import batch" value={q.batch} options={options.batches.map((b) => ({ value: b.id, label: b.label }))} />
        <Select name="gold" label="Gold" value={q.gold} options={yesNo} />
        <Select name="disputed" label="Disputed" value={q.disputed} options={yesNo} />
        <Select name="corrected" label="Level corrections" value={q.corrected} options={yesNo} />
      </div>
      {error && <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" role="alert" data-testid="search-error">{error}</p>}
      <p className="text-xs text-slate-500">With a search, results come in the order they were indexed; the sort applies to lists without one.</p>
    </form>
  );
}
