/**
 * The reply tools' CSS, added once to the sidebar's Shadow DOM root they render in (they ship apart from the
 * sidebar's own styles). Colours come from the sidebar's theme variables, so light, dark and compact hold.
 */
export const TICKET_TOOLS_STYLE_ID = 'labeldesk-ticket-tools-styles';

export const TICKET_TOOLS_CSS = `
.ticket-tools { display: flex; flex-direction: column; gap: var(--ld-gap); border-top: 1px solid var(--ld-border); padding-top: var(--ld-gap); }
.ticket-tools section { display: flex; flex-direction: column; gap: 6px; }
.macro-bar { display: flex; flex-wrap: wrap; gap: 6px; }
.macro-bar button { padding: 4px 12px; }
.reply-problems { margin: 0; padding: 8px 12px; border-radius: 8px; border: 1px solid var(--ld-danger); color: var(--ld-fg); background: var(--ld-bg); }
.reply-problems ul { margin: 4px 0 0; padding-left: 18px; list-style: disc; }
.reply-status { margin: 0; color: var(--ld-fg); font-size: 13px; }
.reply-error { margin: 0; color: var(--ld-danger); font-size: 13px; }
.template-folder { margin: 0; }
.template-list { display: flex; flex-direction: column; gap: 2px; }
.template-list button {
  width: 100%; min-height: var(--ld-row); padding: 4px 8px; border: 1px solid transparent; border-radius: 4px;
  background: none; color: var(--ld-fg); font-weight: 400; text-align: start;
}
.template-list button:hover { background: var(--ld-surface); }
.template-list button[aria-pressed='true'] { border-color: var(--ld-accent); background: var(--ld-surface); font-weight: 500; }
.reply-preview {
  margin: 0; padding: 8px; border: 1px solid var(--ld-border); border-radius: 4px; background: var(--ld-surface);
  color: var(--ld-fg); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 240px; overflow: auto;
}
.reply-preview mark { padding: 0 2px; border-radius: 2px; background: none; color: var(--ld-fg); outline: 1px dashed var(--ld-warning); text-decoration: underline wavy var(--ld-warning); }
.reply-actions { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.save-template-form { display: flex; flex-direction: column; gap: 6px; }
.article-languages { display: flex; gap: 6px; align-items: center; font-size: 13px; }
.article-list { display: flex; flex-direction: column; gap: 8px; margin: 0; padding: 0; list-style: none; }
.article-hit { display: flex; flex-direction: column; gap: 4px; padding: 6px 8px; border: 1px solid var(--ld-border); border-radius: 4px; }
.article-hit p { margin: 0; overflow-wrap: anywhere; }
.article-title { font-weight: 500; color: var(--ld-fg); }
.reply-to-article { display: flex; flex-direction: column; gap: 6px; }
.reply-to-article p { margin: 0; }
`;

/** Adds the CSS to the Shadow DOM root `element` is in, once per root; outside a shadow root it does nothing. */
export function addTicketToolsStyles(element: Element | null): void {
  if (!element) return;
  const root = element.getRootNode();
  const View = element.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  if (!View || !(root instanceof View.ShadowRoot)) return;
  if (root.querySelector(`style#${TICKET_TOOLS_STYLE_ID}`)) return;
  const style = element.ownerDocument.createElement('style');
  style.id = TICKET_TOOLS_STYLE_ID;
  style.textContent = TICKET_TOOLS_CSS;
  root.append(style);
}
