/**
 * CSS of the shortcut help dialog (in the sidebar's Shadow DOM root) and the shortcut editor (on the options
 * page, inside a `.labeldesk-root`): theme variables only, so both themes and densities follow.
 */
export const KEYBOARD_CSS = `
.keys-backdrop {
  position: fixed; inset: 0; z-index: 2147483000; display: flex; align-items: center; justify-content: center;
  background: rgb(0 0 0 / 0.4);
}
.keys-dialog {
  box-sizing: border-box; max-width: min(560px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow: auto;
  padding: 24px; border-radius: 16px; background: var(--ld-bg); color: var(--ld-fg); font: var(--ld-font);
  box-shadow: 0 4px 24px rgb(0 0 0 / 0.3);
}
.keys-title, .keys-editor h2 { margin: 0 0 var(--ld-gap); font-size: 1.3em; font-weight: 400; }
.keys-table { border-collapse: collapse; width: 100%; }
.keys-table th, .keys-table td {
  padding: 4px 8px; border-bottom: 1px solid var(--ld-border); text-align: start; vertical-align: middle;
}
.keys-table thead th { color: var(--ld-muted); font-weight: 500; }
.keys-table tbody th { font-weight: 400; }
.keys-table kbd {
  display: inline-block; padding: 1px 6px; border: 1px solid var(--ld-border); border-radius: 4px;
  background: var(--ld-surface); color: var(--ld-fg); font: 0.9em 'Roboto Mono', 'Noto Sans Mono', monospace;
  white-space: nowrap;
}
.keys-hint, .keys-outcome { margin: var(--ld-gap) 0 0; color: var(--ld-muted); }
.keys-note { display: block; margin-top: 2px; color: var(--ld-danger); }
.keys-dialog button, .keys-editor button {
  min-height: var(--ld-row); margin: 2px; padding: 0 12px; border: 1px solid var(--ld-border);
  border-radius: calc(var(--ld-row) / 2); background: var(--ld-bg); color: var(--ld-accent); font: inherit; cursor: pointer;
}
.keys-close { margin-top: var(--ld-gap) !important; }
.keys-editor button.is-recording { background: var(--ld-accent); border-color: var(--ld-accent); color: var(--ld-accent-fg); }
.keys-editor button:disabled { color: var(--ld-muted); background: var(--ld-surface); cursor: default; }
.keys-dialog :focus-visible, .keys-editor :focus-visible { outline: 2px solid var(--ld-focus); outline-offset: 2px; }
`;
