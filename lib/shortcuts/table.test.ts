import { describe, expect, it } from "vitest";
import { duplicateKeys, helpGroups, hintLine, keysFor, keysLabel, matchShortcut, type ShortcutTable } from "./table";

type C = "accept" | "reject" | "select" | "next" | "submit" | "gesture";
const TABLE: ShortcutTable<C, "hasLevels" | "canSave"> = [
  { keys: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], command: "select", label: "select a level", group: "Levels", hint: "select", when: "hasLevels" },
  { keys: ["a"], command: "accept", label: "accept the level", group: "Levels", hint: "accept", when: "hasLevels" },
  { keys: ["X"], command: "reject", label: "reject the item", group: "Item" },
  { keys: ["j", "J"], command: "next", label: "next item", group: "Item" },
  { keys: ["Enter"], command: "submit", label: "save", group: "Item", when: "canSave", preventDefault: true },
  { keys: [], display: "drag", command: "gesture", label: "window/level", group: "Mouse" },
];

describe("shortcut tables", () => {
  it("matches keys to named commands, case-sensitively, and reports which key matched", () => {
    expect(matchShortcut(TABLE, { key: "7" }, { hasLevels: true })).toMatchObject({ key: "7", shortcut: { command: "select" } });
    expect(matchShortcut(TABLE, { key: "X" })?.shortcut.command).toBe("reject");
    expect(matchShortcut(TABLE, { key: "x" })).toBeNull();
    expect(matchShortcut(TABLE, { key: "J" })?.shortcut.command).toBe("next");
  });

  it("leaves modified keys to the browser and disabled rows to the page", () => {
    expect(matchShortcut(TABLE, { key: "j", ctrlKey: true })).toBeNull();
    expect(matchShortcut(TABLE, { key: "j", metaKey: true })).toBeNull();
    expect(matchShortcut(TABLE, { key: "j", altKey: true })).toBeNull();
    expect(matchShortcut(TABLE, { key: "Enter" }, { canSave: false })).toBeNull();
    expect(matchShortcut(TABLE, { key: "Enter" }, { canSave: true })?.shortcut.command).toBe("submit");
    expect(matchShortcut(TABLE, { key: "a" })).toBeNull();
  });

  it("writes keys for people: ranges, Shift+, arrows, Esc, one name for both cases", () => {
    expect(keysLabel(TABLE[0])).toBe("1–9");
    expect(keysLabel({ keys: ["1", "2"] })).toBe("1 / 2");
    expect(keysLabel({ keys: ["1", "2", "3", "5"] })).toBe("1–3 / 5");
    expect(keysLabel(TABLE[2])).toBe("Shift+X");
    expect(keysLabel(TABLE[3])).toBe("J");
    expect(keysLabel({ keys: ["ArrowUp", "PageUp"] })).toBe("↑ / PgUp");
    expect(keysLabel({ keys: ["w", "W", "Escape"] })).toBe("W / Esc");
    expect(keysLabel(TABLE[5])).toBe("drag");
    expect(keysFor(TABLE, "reject")).toBe("Shift+X");
    expect(keysFor(TABLE, "gesture")).toBe("");
  });

  it("generates the cheat sheet's groups and the hint lines from the same rows", () => {
    expect(helpGroups(TABLE).map((g) => [g.group, g.rows.map((r) => r.keys)])).toEqual([
      ["Levels", ["1–9", "A"]],
      ["Item", ["Shift+X", "J", "Enter"]],
      ["Mouse", ["drag"]],
    ]);
    expect(hintLine(TABLE, ["Levels"])).toEqual([
      { keys: "1–9", hint: "select" },
      { keys: "A", hint: "accept" },
    ]);
  });

  it("finds keys bound twice", () => {
    expect(duplicateKeys(TABLE)).toEqual([]);
    expect(duplicateKeys([...TABLE, { keys: ["a", "b"], command: "next", label: "x", group: "Item" }])).toEqual(["a"]);
  });
});
