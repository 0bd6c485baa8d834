/** Styles shared by the popup and the options page. */
export const popupCss = `
body { margin: 0; }
.popup { width: 340px; padding: 12px; font: 13px/1.4 system-ui, "Hiragino Sans", "Yu Gothic UI", sans-serif; color: #1d2330; }
.popup h1 { font-size: 16px; margin: 0 0 8px; }
.stack { display: grid; gap: 8px; }
.row { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
label { display: grid; gap: 2px; }
input { font: inherit; padding: 4px 6px; border: 1px solid #c5ccd8; border-radius: 4px; }
button { font: inherit; cursor: pointer; }
button.link { border: none; background: none; color: #2f6fde; padding: 0; }
ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
li { display: flex; justify-content: space-between; gap: 8px; align-items: center; }
.muted { color: #4a5366; font-size: 12px; }
.error { color: #b3261e; }
`;
