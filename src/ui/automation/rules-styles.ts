/** The rules editor's CSS, on top of OPTIONS_CSS and LIBRARY_CSS: theme variables only (AA in both themes). */
export const RULES_CSS = `
.ld-rules h3 { margin: 0 0 12px; font-size: 16px; font-weight: 500; }
.ld-rules-list { margin: 0 0 4px; padding: 0 0 0 28px; }
.ld-rules-list > li { padding: 4px 0; }
.ld-rules-list > li > * { vertical-align: middle; }
.ld-rules-list input[type='checkbox'] { width: 18px; height: 18px; margin: 0 8px 0 0; accent-color: var(--ld-accent); }
.ld-options .ld-rules-name { max-width: 60%; overflow-wrap: anywhere; text-align: start; }
.ld-rules-off .ld-rules-name { color: var(--ld-muted); }
.ld-rules-badge { margin: 0 8px; padding: 0 6px; border: 1px solid var(--ld-border); border-radius: 8px; font-size: 12px; color: var(--ld-fg); }
/* The warning colour on its soft background, as .ld-warning has it (AA in both themes). */
.ld-rules-incomplete { margin: 0 8px; font-size: 13px; }
.ld-rules-tools { display: inline-flex; gap: 4px; margin-inline-start: 8px; }
.ld-options .ld-rules-tools button { margin: 0; }
.ld-options .ld-rules-tools button[aria-disabled='true'] { cursor: default; color: var(--ld-muted); }
.ld-rules-group { margin: 0 0 var(--ld-gap); padding: 8px 12px; border: 1px solid var(--ld-border); border-radius: 8px; }
.ld-rules-group > legend { padding: 0 4px; font-weight: 500; }
.ld-rules-conditions { margin: 0 0 8px; padding: 0 0 0 24px; }
.ld-rules-condition { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 4px 0; }
.ld-options .ld-rules-condition select, .ld-options .ld-rules-condition input[type='text'],
.ld-options .ld-rules-condition input[type='email'] { width: auto; min-width: 12em; flex: 1 1 12em; }
.ld-options .ld-rules-condition button { margin: 0; }
.ld-rules-condition .ld-rules-not { margin: 0; }
.ld-options .ld-rules-form input[type='text'] { width: 100%; }
.ld-rules-preview { margin: var(--ld-gap) 0; }
.ld-rules-preview [role='status'] { min-height: 1.5em; }
.ld-rules-table-wrap { max-height: 360px; overflow: auto; border: 1px solid var(--ld-border); border-radius: 4px; }
.ld-rules-table { width: 100%; border-collapse: collapse; font-size: 13px; }
.ld-rules-table th { position: sticky; top: 0; padding: 4px 8px; text-align: start; font-weight: 500; color: var(--ld-fg); background: var(--ld-surface); border-bottom: 1px solid var(--ld-border); }
.ld-rules-table td { padding: 4px 8px; vertical-align: top; border-bottom: 1px solid var(--ld-border); color: var(--ld-fg); }
.ld-rules-table td.ld-rules-subject { overflow-wrap: anywhere; }
`;
