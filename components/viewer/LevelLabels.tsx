"use client";
// Level labels over the image ("L4", "L4/L5") at the landmarks of the displayed slice. HTML rather than canvas
// drawing: crisp text at any zoom, readable by tests and screen readers, and React only re-renders them when the
// geometry changes (not on every window/level frame). pointer-events: none so drags reach the canvas.
import { memo } from "react";
import type { LevelLabel } from "@/lib/viewer/mapper";

const TEXT: Record<LevelLabel["emphasis"], string> = {
  none: "bg-black/60 text-amber-100 text-[10px] font-medium",
  adjacent: "bg-teal-950/80 text-teal-100 text-[11px] font-semibold ring-1 ring-teal-400/70",
  primary: "bg-teal-300 text-neutral-950 text-xs font-bold ring-2 ring-white shadow",
};

const DOT: Record<LevelLabel["emphasis"], string> = {
  none: "size-1.5 bg-amber-300/90",
  adjacent: "size-2 bg-teal-300",
  primary: "size-2.5 bg-teal-300 ring-2 ring-white",
};

export const LevelLabels = memo(function LevelLabels({ labels }: { labels: LevelLabel[] }) {
  return (
    <div className="pointer-events-none absolute inset-0 overflow-hidden" data-testid="level-labels" aria-label="Level labels">
      {labels.map((l, i) => {
        // Vertebrae labelled on the right of their centroid, discs on the left: the two never collide.
        const side = l.kind === "disc" ? "right-2 flex-row-reverse" : "left-2";
        return (
          <div key={`${l.level}-${i}`} className="absolute" style={{ left: Math.round(l.x), top: Math.round(l.y) }}>
            <span className={`absolute -translate-x-1/2 -translate-y-1/2 rounded-full ${DOT[l.emphasis]}`} />
            <span className={`absolute flex -translate-y-1/2 items-center whitespace-nowrap ${side}`}>
              <span data-testid="level-label" data-level={l.level} data-emphasis={l.emphasis} className={`rounded px-1 font-mono leading-4 ${TEXT[l.emphasis]}`}>
                {l.level}
              </span>
            </span>
          </div>
        );
      })}
    </div>
  );
});
