/**
 * The knowledge-base page's CSS, on top of THEME_CSS and OPTIONS_CSS (the same fields and buttons as the
 * options page): every colour is a theme variable, so light and dark keep the same AA contrast.
 */
export const KNOWLEDGE_CSS = `
.ld-kb { box-sizing: border-box; max-width: 1280px; margin: 0 auto; padding: 24px 24px 64px; color: var(--ld-fg); }
.ld-kb h1 { margin: 0 0 12px; font-size: 22px; font-weight: 400; }
.ld-kb h2 { margin: 0 0 12px; font-size: 18px; font-weight: 500; }
.ld-kb h3 { margin: 0 0 8px; font-size: 15px; font-weight: 500; }
.ld-kb input[type='text'], .ld-kb input[type='search'], .ld-kb input[type='url'], .ld-kb select, .ld-kb textarea {
  box-sizing: border-box; width: 100%; min-height: var(--ld-row); padding: 6px 8px;
  font: inherit; color: var(--ld-fg); background: var(--ld-bg);
  border: 1px solid var(--ld-border); border-radius: 4px;
}
.ld-kb textarea { font-family: 'Roboto Mono', 'Noto Sans Mono', 'Noto Sans CJK JP', monospace; font-size: 13px; resize: vertical; }
.ld-kb button {
  box-sizing: border-box; display: inline-flex; align-items: center; min-height: var(--ld-row); padding: 6px 16px; margin: 0 8px 8px 0;
  font: inherit; line-height: 1.4; cursor: pointer; border-radius: 18px;
  color: var(--ld-accent); background: var(--ld-bg); border: 1px solid var(--ld-border);
}
.ld-kb button.ld-primary { color: var(--ld-accent-fg); background: var(--ld-accent); border-color: var(--ld-accent); }
.ld-kb button.ld-danger { color: var(--ld-danger); }
.ld-kb button:disabled { cursor: default; opacity: 0.7; }
.ld-kb :focus-visible { outline: 2px solid var(--ld-focus); outline-offset: 2px; }
.ld-kb a { color: var(--ld-accent); }
.ld-kb fieldset { margin: 0 0 var(--ld-gap); padding: 8px 12px; border: 1px solid var(--ld-border); border-radius: 8px; }
.ld-kb legend { padding: 0 4px; font-weight: 500; }
.ld-kb-toolbar { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0 16px; margin-bottom: 8px; }
.ld-kb-toolbar .ld-field { min-width: 240px; }
.ld-kb-toolbar .ld-help { flex-basis: 100%; margin: 0; }
.ld-kb-notice:empty { display: none; }
.ld-kb-notice p { margin: 8px 0; padding: 8px 12px; border-radius: 8px; background: var(--ld-surface); }
.ld-kb-notice button { margin: 0 0 0 8px; }
.ld-kb-main { display: grid; grid-template-columns: minmax(260px, 340px) minmax(0, 1fr); gap: 24px; align-items: start; margin-top: 16px; }
@media (max-width: 900px) { .ld-kb-main { grid-template-columns: minmax(0, 1fr); } }
.ld-kb-list, .ld-kb-empty { padding: 12px; border: 1px solid var(--ld-border); border-radius: 8px; background: var(--ld-surface); }
.ld-kb-list .ld-check { margin-bottom: 4px; }
.ld-kb-items { list-style: none; margin: 0; padding: 0; }
.ld-kb-items li { margin: 0 0 4px; }
.ld-kb-items a { display: block; padding: 8px; border-radius: 6px; text-decoration: none; color: var(--ld-fg); border: 1px solid transparent; }
.ld-kb-items a:hover { border-color: var(--ld-border); background: var(--ld-bg); }
.ld-kb-items a[aria-current='true'] { background: var(--ld-bg); border-color: var(--ld-accent); border-width: 2px; }
.ld-kb-item-title { display: block; font-weight: 500; overflow-wrap: anywhere; }
.ld-kb-badges { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
.ld-badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; line-height: 18px; color: var(--ld-fg); background: var(--ld-bg); border: 1px solid var(--ld-border); }
.ld-badge-draft { color: var(--ld-fg); background: var(--ld-accent-soft); border-color: var(--ld-accent-soft); }
.ld-badge-stale { color: var(--ld-fg); background: var(--ld-warning-soft); border-color: var(--ld-warning); }
.ld-kb-editor { min-width: 0; }
.ld-kb-write { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
@media (max-width: 1100px) { .ld-kb-write { grid-template-columns: minmax(0, 1fr); } }
.ld-kb-preview { min-width: 0; padding: 8px 12px; border: 1px solid var(--ld-border); border-radius: 8px; background: var(--ld-bg); max-height: 480px; overflow: auto; }
.ld-kb-article { overflow-wrap: anywhere; }
.ld-kb-article pre { overflow-x: auto; padding: 8px; background: var(--ld-surface); border-radius: 4px; }
.ld-kb-article code { font-family: 'Roboto Mono', 'Noto Sans Mono', monospace; }
.ld-kb-article blockquote { margin-left: 0; padding-left: 12px; border-left: 3px solid var(--ld-border); color: var(--ld-muted); }
.ld-kb-article table { border-collapse: collapse; } .ld-kb-article th, .ld-kb-article td { border: 1px solid var(--ld-border); padding: 2px 6px; }
.ld-kb-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 0 16px; }
.ld-kb-tags ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 0 12px; max-height: 200px; overflow: auto; }
.ld-kb-tags .ld-check, .ld-kb-state .ld-check { margin: 4px 0; overflow-wrap: anywhere; }
.ld-kb-state small { display: block; color: var(--ld-muted); }
.ld-kb-review { margin: 0 0 var(--ld-gap); }
.ld-kb-review p { margin: 0 0 8px; }
.ld-kb-save-status { min-height: 1.5em; }
.ld-kb-pick { margin-top: 12px; }
.ld-kb-candidates { margin-top: 32px; padding-top: 16px; border-top: 1px solid var(--ld-border); }
.ld-kb-candidate-list { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px; }
.ld-kb-candidate { padding: 12px; border: 1px solid var(--ld-border); border-radius: 8px; background: var(--ld-surface); }
.ld-kb-candidate p { margin: 0 0 8px; }
.ld-kb-examples { margin: 0 0 8px; padding-left: 18px; }
.ld-kb-examples li { margin-bottom: 4px; overflow-wrap: anywhere; }
.ld-kb-ref { font-family: 'Roboto Mono', 'Noto Sans Mono', monospace; }
.ld-help-inline { color: var(--ld-muted); }
.ld-kb-intro p { max-width: 68ch; }
`;
