/**
 * The options page's CSS, on top of THEME_CSS (src/ui/theme-styles.ts): every colour is a theme variable,
 * so `data-theme` on the page's `.labeldesk-root` switches light and dark with the same AA contrast.
 */
export const OPTIONS_CSS = `
.labeldesk-root { background: var(--ld-bg); }
.labeldesk-root body { margin: 0; background: var(--ld-bg); color: var(--ld-fg); font: var(--ld-font); }
.ld-options { box-sizing: border-box; max-width: 880px; margin: 0 auto; padding: 32px 24px 64px; }
.ld-options h1 { margin: 0 0 8px; font-size: 22px; font-weight: 400; }
.ld-pages { display: flex; gap: 16px; margin: 0 0 24px; }
.ld-pages a { color: var(--ld-accent); }
.ld-pages a:focus-visible { outline: 2px solid var(--ld-focus); outline-offset: 2px; }
@media print { .ld-pages { display: none; } }
.ld-options h2 { margin: 32px 0 12px; font-size: 18px; font-weight: 500; }
.ld-options section { border-top: 1px solid var(--ld-border); }
.ld-options section:first-of-type { border-top: 0; }
.ld-field { margin: 0 0 var(--ld-gap); }
.ld-field label { display: block; margin-bottom: 4px; font-weight: 500; }
.ld-options input[type='text'], .ld-options input[type='email'], .ld-options select {
  box-sizing: border-box; width: 100%; min-height: var(--ld-row); padding: 6px 8px;
  font: inherit; color: var(--ld-fg); background: var(--ld-bg);
  border: 1px solid var(--ld-border); border-radius: 4px;
}
.ld-options small, .ld-help { display: block; margin-top: 4px; color: var(--ld-muted); }
.ld-options p.ld-help { margin: 0 0 var(--ld-gap); }
.ld-options button, .ld-file label {
  box-sizing: border-box; display: inline-flex; align-items: center; min-height: var(--ld-row); padding: 6px 16px; margin: 0 8px 8px 0;
  font: inherit; line-height: 1.4; cursor: pointer; border-radius: 18px;
  color: var(--ld-accent); background: var(--ld-bg); border: 1px solid var(--ld-border);
}
.ld-options button.ld-primary { color: var(--ld-accent-fg); background: var(--ld-accent); border-color: var(--ld-accent); }
.ld-options button.ld-quiet { padding: 4px 12px; min-height: 0; margin: 0; }
.ld-options button:disabled { cursor: default; opacity: 0.7; }
.ld-options :focus-visible, .ld-file input:focus-visible + label {
  outline: 2px solid var(--ld-focus); outline-offset: 2px;
}
.ld-options [aria-invalid='true'] { border-color: var(--ld-danger); border-width: 2px; }
.ld-error { margin: 4px 0 0; color: var(--ld-danger); font-weight: 500; }
.ld-warning { color: var(--ld-warning); background: var(--ld-warning-soft); padding: 4px 8px; border-radius: 4px; }
.ld-alert { margin: 8px 0; padding: 8px 12px; border-radius: 8px; color: var(--ld-fg); background: var(--ld-danger-soft); border-left: 4px solid var(--ld-danger); }
.ld-alert ul { margin: 4px 0 0; padding-left: 20px; font-family: 'Roboto Mono', 'Noto Sans Mono', monospace; }
.ld-notice { padding: 8px 12px; border-radius: 8px; background: var(--ld-warning-soft); color: var(--ld-fg); }
.ld-section { margin: 0 0 24px; padding: 12px 16px 4px; border: 1px solid var(--ld-border); border-radius: 8px; background: var(--ld-surface); }
.ld-section > legend { padding: 0 6px; font-weight: 500; font-size: 16px; }
.ld-agents { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--ld-gap); grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); }
.ld-agent { margin: 0 0 var(--ld-gap); padding: 8px 12px 12px; border: 1px solid var(--ld-border); border-radius: 8px; background: var(--ld-bg); min-width: 0; }
.ld-agent > legend { padding: 0 4px; font-weight: 500; overflow-wrap: anywhere; }
.ld-check { display: flex; align-items: center; gap: 8px; margin: 0 0 var(--ld-gap); }
.ld-check input { width: 18px; height: 18px; margin: 0; accent-color: var(--ld-accent); }
.ld-tags { width: 100%; border-collapse: collapse; margin-bottom: var(--ld-gap); }
.ld-tags th { padding: 0 8px 4px 0; text-align: start; font-size: 13px; font-weight: 500; color: var(--ld-muted); }
.ld-tags td { padding: 2px 8px 2px 0; vertical-align: top; }
.ld-tags td:first-child { width: 38%; }
.ld-tags td:last-child { width: 1%; white-space: nowrap; padding-top: 4px; }
.ld-actions { display: flex; flex-wrap: wrap; align-items: center; margin: 0; }
.ld-file { position: relative; display: inline-block; }
.ld-file input { position: absolute; inset: 0; width: 100%; height: 100%; opacity: 0; cursor: pointer; }
/* Focus never lands under a sticky save bar (WCAG 2.4.11): scrolling into view keeps clear of its height. */
html { scroll-padding-bottom: 80px; }
.ld-save { position: sticky; bottom: 0; padding: 12px 0; background: var(--ld-bg); border-top: 1px solid var(--ld-border); }
.ld-save [role='status'] { min-height: 1.5em; margin: 4px 0 0; }
.ld-settings { max-width: 560px; }
.ld-settings [role='status'] { min-height: 1.5em; }
.ld-visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
