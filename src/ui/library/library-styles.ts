/** The reply library editor's CSS, on top of OPTIONS_CSS: theme variables only, so both themes keep AA contrast. */
export const LIBRARY_CSS = `
.ld-library h3 { margin: 0 0 12px; font-size: 16px; font-weight: 500; }
.ld-library h4 { margin: 12px 0 6px; font-size: 14px; font-weight: 500; }
.ld-library input[type='search'], .ld-library textarea {
  box-sizing: border-box; width: 100%; min-height: var(--ld-row); padding: 6px 8px;
  font: inherit; color: var(--ld-fg); background: var(--ld-bg);
  border: 1px solid var(--ld-border); border-radius: 4px;
}
.ld-library textarea { resize: vertical; line-height: 1.45; }
.ld-library select.ld-lib-inline { width: auto; margin: 0 8px 8px 0; }
.ld-lib-list { list-style: none; margin: 0 0 var(--ld-gap); padding: 0; }
.ld-lib-list > li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; padding: 4px 0; }
.ld-lib-list > li > .ld-lib-problems { flex-basis: 100%; }
.ld-lib-problems { margin: 2px 0 0; padding: 4px 8px 4px 24px; }
.ld-lib-langs { margin: 0; }
.ld-lib-form > legend { padding: 0 6px; font-weight: 500; font-size: 15px; }
.ld-lib-figure { margin: 0; }
.ld-lib-variables { border: 0; padding: 0; }
.ld-lib-variables > legend { float: left; padding: 0; margin: 0 8px 0 0; }
.ld-lib-form { margin: 12px 0; padding: 12px 16px; border: 1px solid var(--ld-accent); border-radius: 8px; background: var(--ld-bg); }
.ld-lib-variant { background: var(--ld-bg); }
.ld-lib-variant > legend, .ld-lib-form > legend { background: var(--ld-bg); color: var(--ld-fg); }
.ld-lib-tags { margin: 0 0 var(--ld-gap); padding: 8px 12px; border: 1px solid var(--ld-border); border-radius: 8px; max-height: 200px; overflow: auto; }
.ld-lib-tags > legend { padding: 0 4px; font-weight: 500; }
.ld-lib-tags .ld-check { margin-bottom: 4px; }
.ld-lib-variables { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; margin: 0 0 var(--ld-gap); }
.ld-lib-variables .ld-help { margin: 0 8px 0 0; }
.ld-options .ld-lib-variables button { margin: 0; font-family: 'Roboto Mono', 'Noto Sans Mono', monospace; font-size: 12px; }
.ld-lib-preview-label { margin: 0 0 4px; font-weight: 500; }
.ld-lib-preview { white-space: pre-wrap; overflow-wrap: anywhere; padding: 8px 12px; margin: 0 0 var(--ld-gap); border: 1px dashed var(--ld-border); border-radius: 4px; background: var(--ld-surface); color: var(--ld-fg); }
.ld-lib-value { font-weight: 500; }
.ld-lib-unfilled { color: var(--ld-fg); background: var(--ld-warning-soft); outline: 1px solid var(--ld-warning); }
.ld-lib-shortcuts input[type='text'] { width: 100%; }
`;
