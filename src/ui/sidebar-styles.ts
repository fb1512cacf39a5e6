import { THEME_CSS } from './theme-styles';

/**
 * The sidebar's CSS, scoped by its Shadow DOM root. Colours, spacing and type come from the theme variables on
 * `.labeldesk-root` (light, dark, density), so one rule set serves every Gmail theme. The panel is 320 px wide:
 * long subjects, addresses and tags wrap instead of widening it. State is never told by colour alone: every
 * badge carries a word.
 */
const PANEL_CSS = `
.sidebar {
  box-sizing: border-box;
  height: 100%;
  overflow: auto;
  padding: var(--ld-gap);
  background: var(--ld-bg);
  border-left: 1px solid var(--ld-border);
  color: var(--ld-fg);
  font: var(--ld-font);
  overflow-wrap: anywhere;
}
.sidebar *, .sidebar *::before, .sidebar *::after { box-sizing: border-box; }
.sidebar h2 { margin: 0 0 var(--ld-gap); font-size: 16px; font-weight: 500; }
.sidebar h4 { margin: 0 0 6px; font-size: 14px; font-weight: 500; }
.sidebar h5 { margin: 8px 0 4px; font-size: 13px; font-weight: 500; color: var(--ld-muted); }
.sidebar p { margin: 0 0 6px; }
.sidebar ul, .sidebar ol { margin: 0; padding: 0; list-style: none; }
.ticket-panel { display: flex; flex-direction: column; gap: var(--ld-gap); }
.ticket-panel > section, .ticket-panel > fieldset { border-top: 1px solid var(--ld-border); padding-top: var(--ld-gap); }
.ticket-subject { margin: 0 0 8px; font-size: 18px; font-weight: 400; overflow-wrap: anywhere; overflow-x: clip; }
.ticket-facts { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 4px 12px; margin: 0 0 8px; }
.ticket-facts dt { color: var(--ld-muted); }
.ticket-facts dd { margin: 0; min-width: 0; }
.ticket-reference { font-family: 'Roboto Mono', 'Noto Sans Mono', monospace; letter-spacing: 0.05em; }
.requester-name { display: block; }
.requester-email { display: block; color: var(--ld-muted); overflow-wrap: anywhere; }

/* Controls: native, labelled, at least the density's row height. */
.field { display: flex; flex-direction: column; gap: 4px; }
.field > label { font-weight: 500; }
.ticket-fields { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: var(--ld-gap); }
.ticket-fields .hint { grid-column: 1 / -1; }
.sidebar select, .sidebar input, .sidebar textarea {
  width: 100%;
  min-height: var(--ld-row);
  padding: 4px 8px;
  border: 1px solid var(--ld-border);
  border-radius: 4px;
  background: var(--ld-bg);
  color: var(--ld-fg);
  font: inherit;
}
.sidebar textarea { resize: vertical; min-height: calc(var(--ld-row) * 2); }
.sidebar input[aria-invalid='true'] { border-color: var(--ld-danger); }
.sidebar button {
  min-height: var(--ld-row);
  padding: 4px 16px;
  border: 1px solid var(--ld-border);
  border-radius: 18px;
  background: var(--ld-bg);
  color: var(--ld-accent);
  font: inherit;
  font-weight: 500;
  cursor: pointer;
}
.sidebar button.primary { background: var(--ld-accent); border-color: var(--ld-accent); color: var(--ld-accent-fg); }
.sidebar button:disabled { cursor: default; opacity: 0.6; }
.sidebar button.link-button {
  min-height: 0; padding: 0; border: 0; background: none; text-decoration: underline;
}
.sidebar :focus-visible { outline: 2px solid var(--ld-focus); outline-offset: 2px; }
.sidebar select:focus-visible, .sidebar input:focus-visible, .sidebar textarea:focus-visible { outline-offset: 0; }
.hint, .empty, .placeholder { color: var(--ld-muted); font-size: 13px; }
.loading { color: var(--ld-muted); }
.skeleton { display: flex; flex-direction: column; gap: 8px; }
.skeleton span { display: block; height: var(--ld-row); border-radius: 4px; background: var(--ld-surface); }
.skeleton span:nth-child(2) { width: 70%; }

/* Badges: a word on a soft background, readable in both themes. */
.badge {
  display: inline-block;
  padding: 0 8px;
  border-radius: 10px;
  border: 1px solid var(--ld-border);
  background: var(--ld-surface);
  color: var(--ld-fg);
  font-size: 12px;
  font-weight: 500;
  line-height: 20px;
}
.badge-ok { background: var(--ld-ok-soft); color: var(--ld-ok); border-color: var(--ld-ok); }
.badge-warning { background: var(--ld-warning-soft); color: var(--ld-warning); border-color: var(--ld-warning); }
.badge-danger { background: var(--ld-danger-soft); color: var(--ld-danger); border-color: var(--ld-danger); }
.sla { margin: 0; }
.warning-text { color: var(--ld-danger); margin-top: 4px; }

/* Save state, problems, the undo toast and the collision warning. */
.sync-state { margin: 0; min-height: 1.43em; color: var(--ld-muted); font-size: 13px; }
/* Empty live regions stay in the page (so later text is announced) but take no room. */
.sync-state:empty, .undo-toast:empty, .collision:empty {
  position: absolute;
  width: 1px;
  height: 1px;
  padding: 0;
  margin: -1px;
  overflow: hidden;
  clip-path: inset(50%);
  border: 0;
}
.error { padding: 8px 12px; border-radius: 8px; background: var(--ld-danger-soft); color: var(--ld-danger); }
.notice { margin: 0; padding: 8px 12px; border-radius: 8px; background: var(--ld-warning-soft); color: var(--ld-fg); }
.undo-toast {
  position: sticky;
  bottom: 0;
  z-index: 1;
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 8px;
  padding: 8px 12px;
  border-radius: 8px;
  background: var(--ld-fg);
  color: var(--ld-bg);
}
.undo-toast .undo-message { flex: 1 1 auto; min-width: 0; }
.sidebar .undo-toast button { background: var(--ld-bg); color: var(--ld-fg); border-color: var(--ld-bg); }
.sidebar .undo-toast button:focus-visible { outline-color: var(--ld-bg); }
.collision { display: flex; flex-direction: column; gap: 4px; padding: 8px 12px; border-radius: 8px; background: var(--ld-surface); }
.collision p { margin: 0; }
.collision-replying { background: var(--ld-warning-soft); color: var(--ld-fg); border: 1px solid var(--ld-warning); }

/* Tags: chips and the combobox's listbox. */
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip {
  display: inline-flex;
  align-items: center;
  gap: 2px;
  max-width: 100%;
  padding: 0 2px 0 10px;
  border-radius: 16px;
  background: var(--ld-accent-soft);
  color: var(--ld-fg);
}
.chip-text { min-width: 0; overflow-wrap: anywhere; }
.sidebar .chip-remove {
  min-height: 0;
  width: 28px;
  height: 28px;
  padding: 0;
  border: 0;
  border-radius: 50%;
  background: transparent;
  color: var(--ld-fg);
  font-size: 16px;
  line-height: 1;
}
.combobox { position: relative; }
.sidebar [role='listbox'] {
  position: absolute;
  left: 0;
  right: 0;
  z-index: 2;
  max-height: 240px;
  overflow: auto;
  margin-top: 2px;
  border: 1px solid var(--ld-border);
  border-radius: 4px;
  background: var(--ld-bg);
  box-shadow: 0 2px 6px rgb(0 0 0 / 0.3);
}
.note-form { position: relative; }
.note-form [role='listbox'] { top: auto; }
.sidebar [role='listbox'][hidden] { display: none; }
.option { display: flex; flex-direction: column; padding: 6px 8px; cursor: pointer; }
.option.active, .option:hover { background: var(--ld-accent-soft); }
.option.active { outline: 2px solid var(--ld-focus); outline-offset: -2px; }
.option-description { color: var(--ld-muted); font-size: 12px; }
.note-form .hint { margin: 0; }
.note-form button { align-self: flex-start; }

/* Notes, activity and history: lists that read top to bottom. */
.note-list, .activity-list, .history-rows, .ratings { display: flex; flex-direction: column; gap: 8px; margin-bottom: 8px; }
.note { padding: 8px; border-radius: 8px; background: var(--ld-surface); }
.note.sending { opacity: 0.75; }
.note-meta { display: flex; flex-wrap: wrap; gap: 0 8px; margin: 0 0 4px; }
.note-author { font-weight: 500; }
.note-time, .activity-time, .history-date, .history-meta { color: var(--ld-muted); font-size: 12px; }
.note-body { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.mention { color: var(--ld-accent); font-weight: 500; }
.activity-list { gap: 4px; }
.hold { margin: 0; padding: var(--ld-gap) 0 0; border: 0; border-top: 1px solid var(--ld-border); display: flex; flex-direction: column; gap: var(--ld-gap); }
/* The legend floats into the box, so it reads as the section's heading instead of cutting its top line. */
.hold legend { float: left; width: 100%; padding: 0; font-weight: 500; }
.hold legend + * { clear: both; }
.sidebar .history-row {
  display: flex;
  flex-direction: column;
  align-items: flex-start;
  width: 100%;
  padding: 6px 8px;
  border-radius: 8px;
  border: 1px solid var(--ld-border);
  background: var(--ld-bg);
  color: var(--ld-fg);
  font-weight: 400;
  text-align: left;
}
.sidebar .history-row:hover { background: var(--ld-surface); }
.history-reference { font-family: 'Roboto Mono', 'Noto Sans Mono', monospace; color: var(--ld-accent); }
.history-subject { overflow-wrap: anywhere; }
.rating-comment { display: block; margin-top: 2px; }
.rating-good { background: var(--ld-ok-soft); color: var(--ld-ok); }
.rating-bad { background: var(--ld-danger-soft); color: var(--ld-danger); }

/* Compact density: tighter type, the same targets. */
.labeldesk-root[data-density='compact'] .sidebar { font-size: 13px; }
.labeldesk-root[data-density='compact'] .ticket-subject { font-size: 16px; }
@media (prefers-reduced-motion: no-preference) {
  .option, .sidebar button { transition: background-color 120ms; }
}
`;

/** Theme tokens first, then the panel's rules; the content script passes this to the Shadow DOM root. */
export const SIDEBAR_CSS = THEME_CSS + PANEL_CSS;
