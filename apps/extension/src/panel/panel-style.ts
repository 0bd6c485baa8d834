/** The panel's styles, injected into its shadow root: nothing of the host page leaks in or out. */
export const panelCss = `
:host { all: initial; display: block; width: fit-content; max-width: 100%; pointer-events: none; }
.ps { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Yu Gothic UI", sans-serif;
  color: #1d2330; background: #fff; border: 1px solid #d5dae3; border-radius: 8px; margin: 6px 0;
  max-width: 420px; box-shadow: 0 1px 3px rgba(0,0,0,.08); pointer-events: auto; }
.ps * { box-sizing: border-box; }
.ps-head { display: flex; align-items: center; justify-content: space-between; padding: 6px 10px;
  background: #f3f6fb; border-bottom: 1px solid #e3e7ee; border-radius: 8px 8px 0 0; font-weight: 600; }
.ps-head { gap: 8px; }
.ps-bar { display: flex; align-items: center; gap: 6px; min-width: 0; flex: 1; font-weight: 400; }
/* a long deal name gives way before the buttons do: they never overflow onto each other */
.ps-bar-context { color: #4a5366; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; max-width: 45%; flex: 0 1 auto; }
.ps-head button { flex: none; white-space: nowrap; }
.ps-bar-top { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; flex: 1; }
.ps-bar-note { padding: 4px 10px; }
/* the one-line bar may use the compose's width, so the deal and the top suggestion stay readable */
.ps[data-kind="compose"] { max-width: 640px; }
.ps[data-kind="compose"] .ps-body { max-height: 40vh; overflow: auto; }
.ps-body { padding: 8px 10px; display: grid; gap: 8px; }
.ps-row { display: grid; grid-template-columns: 80px 1fr; align-items: center; gap: 6px; }
.ps label { color: #4a5366; }
.ps select, .ps input { font: inherit; padding: 3px 6px; border: 1px solid #c5ccd8; border-radius: 4px;
  background: #fff; color: inherit; min-width: 0; }
.ps button { font: inherit; cursor: pointer; border: 1px solid #c5ccd8; border-radius: 4px;
  background: #fff; padding: 2px 8px; color: #1d2330; }
.ps button.primary { background: #2f6fde; border-color: #2f6fde; color: #fff; }
.ps button:disabled { opacity: .5; cursor: default; }
.ps ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.ps-item { display: grid; grid-template-columns: 48px 1fr; gap: 8px; }
.ps-thumb { width: 48px; height: 48px; object-fit: cover; border-radius: 4px; background: #e9edf3; }
.ps-title { font-weight: 600; }
.ps-reasons { display: flex; flex-wrap: wrap; gap: 4px; margin: 2px 0 4px; }
.ps-reason { background: #eef3fc; color: #2a4f9a; border-radius: 10px; padding: 0 6px; font-size: 11px; }
.ps-internal { background: #fff4e6; color: #a34e00; border-radius: 10px; padding: 1px 8px; font-size: 11px; font-weight: 600; }
.ps-actions { display: flex; gap: 4px; flex-wrap: wrap; }
.ps-note { color: #4a5366; font-size: 12px; }
.ps-error { color: #b3261e; font-size: 12px; }
.ps-section { font-weight: 600; margin-top: 4px; }
.ps-question { margin: 0; min-width: 0; display: grid; gap: 4px; background: #fffbe6; border: 1px solid #f0e2a8; border-radius: 6px; padding: 6px; }
.ps-question button { text-align: left; }
.ps-question legend { float: left; width: 100%; padding: 0; }
/* in a side column of the page: its width, as tall as it needs, in view while the thread scrolls */
.ps[data-placement="rail"] { width: 300px; max-width: none; position: sticky; top: 8px; margin-top: 0; }
`;

/** The shadow root's <style>. */
export function panelStyleElement(): HTMLStyleElement {
  const style = document.createElement("style");
  style.textContent = panelCss;
  return style;
}
