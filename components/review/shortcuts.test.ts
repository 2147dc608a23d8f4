import { describe, expect, it } from "vitest";
import { duplicateKeys, keysFor, matchShortcut } from "@/lib/shortcuts/table";
import { VIEWER_SHORTCUTS } from "@/lib/viewer/keys";
import { WORKSPACE_COMMANDS, WORKSPACE_SHORTCUTS, workspaceCommands, type WorkspaceActions } from "./shortcuts";

/** Actions that record what was asked of them. */
function recorder() {
  const calls: string[] = [];
  const actions = new Proxy({} as WorkspaceActions, {
    get: (_t, name: string) => (...args: unknown[]) => calls.push(args.length ? `${name}(${args.join(",")})` : name),
  });
  return { calls, actions };
}

describe("the workspace's shortcut table", () => {
  it("binds no key twice in the workspace scope, nor in the viewer scope", () => {
    expect(duplicateKeys(WORKSPACE_SHORTCUTS)).toEqual([]);
    expect(duplicateKeys(VIEWER_SHORTCUTS)).toEqual([]);
  });

  it("has exactly one row per command, each with a label, a group and at least one key", () => {
    expect(new Set(WORKSPACE_SHORTCUTS.map((s) => s.command))).toEqual(new Set(WORKSPACE_COMMANDS));
    for (const command of WORKSPACE_COMMANDS) {
      const rows = WORKSPACE_SHORTCUTS.filter((s) => s.command === command);
      expect(rows.length, command).toBe(1);
      expect(rows[0].label, command).toMatch(/\w{3}/);
      expect(rows[0].group, command).toMatch(/\w/);
      expect(rows[0].keys.length, command).toBeGreaterThan(0);
    }
  });

  it("gives every command a handler that does something", () => {
    const { calls, actions } = recorder();
    const handlers = workspaceCommands(actions);
    expect(Object.keys(handlers).sort()).toEqual([...WORKSPACE_COMMANDS].sort());
    for (const command of WORKSPACE_COMMANDS) {
      const before = calls.length;
      handlers[command](WORKSPACE_SHORTCUTS.find((s) => s.command === command)!.keys[0]);
      expect(calls.length, command).toBe(before + 1);
    }
  });

  it("routes a key press through the table to the right action", () => {
    const { calls, actions } = recorder();
    const handlers = workspaceCommands(actions);
    const press = (key: string, flags = {}) => {
      const m = matchShortcut(WORKSPACE_SHORTCUTS, { key }, flags);
      if (m) handlers[m.shortcut.command](m.key);
    };
    press("3", { hasLevels: true });
    press("X", { canSave: true });
    press("x", { hasLevels: true });
    press("Enter", { canSave: false }); // saving is off (another reviewer holds the item): nothing happens
    press("ArrowDown", { hasImages: true });
    press("k", { hasPrevious: false });
    expect(calls).toEqual(["selectLevelAt(2)", "rejectItem", "rejectLevel", "slice(1)"]);
  });

  it("labels the buttons' keys as the old hand-written hints did", () => {
    expect(keysFor(WORKSPACE_SHORTCUTS, "item.accept")).toBe("Enter");
    expect(keysFor(WORKSPACE_SHORTCUTS, "item.reject")).toBe("Shift+X");
    expect(keysFor(WORKSPACE_SHORTCUTS, "text.edit")).toBe("E");
    expect(keysFor(WORKSPACE_SHORTCUTS, "level.select")).toBe("1–9");
    expect(keysFor(WORKSPACE_SHORTCUTS, "item.skip")).toBe("S");
  });
});
