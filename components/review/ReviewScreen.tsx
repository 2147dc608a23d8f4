"use client";
// The review page's client side: the workspace with the case viewer in its image slot. A separate file because a
// Server Component cannot hand a render function to a Client Component.
import { useCallback, useEffect, useRef } from "react";
import { Viewer, type ViewerHandle } from "@/components/viewer/Viewer";
import type { ViewerSeries } from "@/lib/viewer/types";
import type { QueueNeighbours, WorkspaceItem } from "./types";
import { Workspace } from "./Workspace";

interface Props {
  item: WorkspaceItem;
  userId: string;
  queue: QueueNeighbours;
  series: ViewerSeries[];
  initialSeriesId?: string;
  /** Image files of the next item, fetched in the background so it opens at once. */
  prefetchImageIds: string[];
}

export function ReviewScreen({ item, userId, queue, series, initialSeriesId, prefetchImageIds }: Props) {
  const viewerRef = useRef<ViewerHandle | null>(null);
  // Scrolling the stack is wanted from anywhere on the page, not only with the viewer focused (the workspace's
  // shortcut table binds the keys; this moves the stack).
  const onSlice = useCallback((delta: -1 | 1) => {
    const v = viewerRef.current;
    if (!v) return;
    const state = v.getState();
    v.scrollToSlice(Math.max(0, Math.min(state.sliceCount - 1, state.sliceIndex + delta)));
  }, []);

  useEffect(() => {
    // Idle-time warm-up of the browser cache (the file route answers with immutable caching).
    const t = setTimeout(() => {
      for (const id of prefetchImageIds) void fetch(`/api/images/${id}/file`, { priority: "low" } as RequestInit).catch(() => {});
    }, 800);
    return () => clearTimeout(t);
  }, [prefetchImageIds]);

  return (
    <Workspace
      item={item}
      userId={userId}
      queue={queue}
      onSlice={series.length > 0 ? onSlice : undefined}
      viewer={({ highlightLevels, focus }) =>
        series.length > 0 ? (
          <Viewer key={item.id} onReady={(h) => (viewerRef.current = h)} series={series} initialSeriesId={initialSeriesId} highlightLevels={highlightLevels} focusLevel={focus?.level ?? null} height="100%" />
        ) : (
          <div className="flex h-full items-center justify-center text-sm text-slate-400" data-testid="no-images">A text item: no images.</div>
        )
      }
    />
  );
}
