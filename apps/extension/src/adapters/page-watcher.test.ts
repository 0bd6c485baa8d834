// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import type { PanelTarget } from "./page-context";
import { watchTargets } from "./page-watcher";

let stop: (() => void) | undefined;
afterEach(() => stop?.());

const targetsIn = (root: Element): PanelTarget[] =>
  [...root.querySelectorAll<HTMLElement>("[data-compose]")].map((el) => ({
    key: el,
    anchor: el,
    insertPosition: "beforeend",
    editor: el,
    read: () => ({ recipients: [], subject: "", text: "", title: "", missing: [] }),
  }));

describe("watching the page for targets", () => {
  it("mounts a panel per new target once, and unmounts it when the target leaves (SPA navigation)", async () => {
    document.body.innerHTML = '<div id="app"><div data-compose id="a"></div></div>';
    const app = document.getElementById("app") as HTMLElement;
    const log: string[] = [];
    stop = watchTargets({
      root: document.body,
      find: () => targetsIn(document.body),
      mount: (t) => log.push(`mount ${t.key.id}`),
      unmount: (t) => log.push(`unmount ${t.key.id}`),
      debounceMs: 10,
      rescanMs: 60_000,
    });
    expect(log).toEqual(["mount a"]);

    const b = document.createElement("div");
    b.setAttribute("data-compose", "");
    b.id = "b";
    app.append(b);
    // typing does not wake the watcher; only added or removed nodes do
    document.getElementById("a")?.append("typed text");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log).toEqual(["mount a", "mount b"]);

    app.innerHTML = "";
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log.slice(2).sort()).toEqual(["unmount a", "unmount b"]);
  });
});
