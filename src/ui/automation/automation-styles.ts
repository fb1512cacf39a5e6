/** The Automation section's CSS, on top of OPTIONS_CSS: theme variables only, so both themes keep AA contrast. */
export const AUTOMATION_CSS = `
.ld-automation h3 { margin: 0 0 12px; font-size: 16px; font-weight: 500; }
.ld-automation h4 { margin: 12px 0 6px; font-size: 14px; font-weight: 500; }
.ld-automation input[type='number'], .ld-automation input[type='time'], .ld-automation input[type='date'],
.ld-automation textarea {
  box-sizing: border-box; min-height: var(--ld-row); padding: 6px 8px;
  font: inherit; color: var(--ld-fg); background: var(--ld-bg);
  border: 1px solid var(--ld-border); border-radius: 4px; color-scheme: light;
}
[data-theme='dark'] .ld-automation input, [data-theme='dark'] .ld-automation textarea { color-scheme: dark; }
.ld-automation textarea { width: 100%; resize: vertical; line-height: 1.45; }
.ld-automation input[type='number'] { width: 8em; }
.ld-auto-targets input[type='number'] { width: 100%; }
.ld-auto-row { display: flex; flex-wrap: wrap; gap: 0 16px; align-items: flex-start; }
.ld-auto-row > .ld-field { flex: 1 1 220px; min-width: 0; }
.ld-auto-row > .ld-check { flex: 0 0 auto; margin-top: 8px; }
.ld-auto-calendar { margin-bottom: 16px; }
.ld-auto-week, .ld-auto-holidays, .ld-auto-plain { margin: 0 0 var(--ld-gap); padding: 8px 12px; border: 1px solid var(--ld-border); border-radius: 8px; min-width: 0; }
.ld-auto-week > legend, .ld-auto-holidays > legend, .ld-auto-plain > legend { padding: 0 4px; font-weight: 500; }
.ld-auto-grid th[scope='row'] { width: 8em; padding-top: 10px; color: var(--ld-fg); font-size: 14px; }
.ld-auto-grid td { vertical-align: top; }
.ld-auto-grid td:first-of-type { width: 7em; }
.ld-auto-closed-check { margin: 8px 0 0; }
.ld-auto-interval { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 0 0 6px; }
.ld-auto-interval > .ld-error { flex-basis: 100%; }
.ld-auto-open, .ld-auto-closed { display: inline-block; margin: 0 0 var(--ld-gap); padding: 2px 10px; border-radius: 12px; color: var(--ld-fg); border: 1px solid var(--ld-border); }
.ld-auto-open { border-color: var(--ld-ok); }
.ld-auto-open::before { content: '● '; color: var(--ld-ok); }
.ld-auto-closed::before { content: '○ '; color: var(--ld-muted); }
.ld-auto-ics-list { max-height: 220px; overflow: auto; margin: 4px 0 8px; padding-left: 20px; }
.ld-auto-ics-list time { font-family: 'Roboto Mono', 'Noto Sans Mono', monospace; }
.ld-auto-pass { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 4px 16px; margin: 0 0 var(--ld-gap); }
.ld-auto-pass > div { display: flex; justify-content: space-between; gap: 8px; border-bottom: 1px solid var(--ld-border); }
.ld-auto-pass dt { color: var(--ld-fg); }
.ld-auto-pass dd { margin: 0; font-weight: 500; font-variant-numeric: tabular-nums; }
`;
