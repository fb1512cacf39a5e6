/**
 * The queue panel's and the bulk bar's CSS, for the sidebar's Shadow DOM root. Colours and sizes come only from
 * the theme variables of theme-styles.ts, so light, dark and the three densities follow Gmail.
 */
export const QUEUE_CSS = `
.queue-panel { display: flex; flex-direction: column; gap: var(--ld-gap); font: var(--ld-font); color: var(--ld-fg); }
.queue-heading { margin: 0; font-size: 1em; font-weight: 500; }
.queue-search {
  box-sizing: border-box; width: 100%; min-height: var(--ld-row); padding: 0 12px;
  border: 1px solid var(--ld-border); border-radius: calc(var(--ld-row) / 2);
  background: var(--ld-bg); color: var(--ld-fg); font: inherit;
}
.queue-search::placeholder { color: var(--ld-muted); opacity: 1; }
.queue-switcher, .queue-rows { list-style: none; margin: 0; padding: 0; }
.queue-switcher { display: flex; flex-direction: column; gap: 2px; }
.queue-choice {
  display: flex; align-items: center; justify-content: space-between; gap: 8px;
  box-sizing: border-box; width: 100%; min-height: var(--ld-row); padding: 0 12px;
  border: 0; border-radius: calc(var(--ld-row) / 2); background: transparent;
  color: var(--ld-fg); font: inherit; text-align: start; cursor: pointer;
}
.queue-named > summary {
  min-height: var(--ld-row); padding: 0 12px; line-height: var(--ld-row); border-radius: calc(var(--ld-row) / 2);
  color: var(--ld-muted); cursor: pointer;
}
.queue-named > summary:hover { background: var(--ld-surface); }
.queue-named > .queue-switcher { margin-top: 2px; }
.queue-choice:hover { background: var(--ld-surface); }
.queue-choice[aria-current='true'] { background: var(--ld-accent-soft); font-weight: 700; }
.queue-choice-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.queue-choice-count { font-variant-numeric: tabular-nums; }
.queue-rows { display: flex; flex-direction: column; border-top: 1px solid var(--ld-border); }
.queue-rows > li { border-bottom: 1px solid var(--ld-border); }
.queue-row {
  display: flex; flex-direction: column; gap: 2px; box-sizing: border-box; width: 100%;
  min-height: var(--ld-row); padding: 6px 8px; border: 0; border-inline-start: 3px solid transparent;
  background: var(--ld-bg); color: var(--ld-fg); font: inherit; text-align: start; cursor: pointer;
}
.queue-row:hover { background: var(--ld-surface); }
.queue-row.is-overdue { border-inline-start-color: var(--ld-danger); }
.queue-row-line { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: baseline; }
.queue-row-reference { font-family: 'Roboto Mono', 'Noto Sans Mono', monospace; letter-spacing: 0.05em; color: var(--ld-muted); }
.queue-row-subject { font-weight: 500; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.queue-row-people { color: var(--ld-muted); }
.queue-row-requester { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 60%; }
.queue-row-priority { padding: 0 6px; border-radius: 4px; background: var(--ld-surface); }
.queue-row-priority.priority-high { background: var(--ld-warning-soft); color: var(--ld-warning); }
.queue-row-priority.priority-urgent { background: var(--ld-danger-soft); color: var(--ld-danger); font-weight: 700; }
.queue-row-due { color: var(--ld-muted); }
.queue-row-due.is-overdue { color: var(--ld-danger); font-weight: 700; }
.queue-note { margin: 0; color: var(--ld-muted); }
.queue-error { padding: 8px 12px; border-radius: 8px; background: var(--ld-danger-soft); color: var(--ld-fg); }
.queue-error p { margin: 0 0 8px; }
.queue-more, .queue-error button, .bulk-bar button {
  min-height: var(--ld-row); padding: 0 16px; border: 1px solid var(--ld-border);
  border-radius: calc(var(--ld-row) / 2); background: var(--ld-bg); color: var(--ld-accent);
  font: inherit; cursor: pointer;
}
.bulk-bar button.bulk-apply { background: var(--ld-accent); border-color: var(--ld-accent); color: var(--ld-accent-fg); }
.bulk-bar button:disabled { color: var(--ld-muted); background: var(--ld-surface); border-color: var(--ld-border); cursor: default; }
.bulk-bar {
  display: flex; flex-wrap: wrap; align-items: end; gap: var(--ld-gap); padding: var(--ld-gap);
  border: 1px solid var(--ld-border); border-radius: 8px; background: var(--ld-surface);
  font: var(--ld-font); color: var(--ld-fg);
}
.bulk-count { margin: 0; font-weight: 500; flex-basis: 100%; }
.bulk-field { display: flex; flex-direction: column; gap: 2px; }
.bulk-field select {
  min-height: var(--ld-row); padding: 0 8px; border: 1px solid var(--ld-border); border-radius: 4px;
  background: var(--ld-bg); color: var(--ld-fg); font: inherit;
}
.bulk-report { margin: 0; flex-basis: 100%; }
.bulk-report.is-error { color: var(--ld-danger); }
.queue-panel :focus-visible, .bulk-bar :focus-visible { outline: 2px solid var(--ld-focus); outline-offset: 2px; }
@media (forced-colors: active) {
  .queue-choice[aria-current='true'] { outline: 2px solid CanvasText; }
  .queue-row.is-overdue { border-inline-start-color: Mark; }
}
`;
