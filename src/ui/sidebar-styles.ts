/** The sidebar's CSS, scoped by its Shadow DOM root; Gmail's typeface where the system has it. */
export const SIDEBAR_CSS = `
.sidebar {
  box-sizing: border-box;
  height: 100%;
  overflow: auto;
  padding: 16px;
  background: #fff;
  border-left: 1px solid #dadce0;
  color: #202124;
  font: 14px/1.43 'Google Sans', Roboto, 'Noto Sans', 'Noto Sans CJK JP', Arial, sans-serif;
}
.sidebar h2 { margin: 0 0 12px; font-size: 16px; font-weight: 500; }
.ticket-subject { margin: 0 0 12px; font-size: 18px; font-weight: 400; overflow-wrap: anywhere; }
.ticket-facts { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 0 0 12px; }
.ticket-facts dt { color: #5f6368; }
.ticket-facts dd { margin: 0; }
.ticket-reference { font-family: 'Roboto Mono', 'Noto Sans Mono', monospace; letter-spacing: 0.05em; }
.notice { margin: 12px 0; padding: 8px 12px; border-radius: 8px; background: #fef7e0; }
.notice button, .sidebar button {
  margin-top: 8px; padding: 6px 16px; border: 1px solid #dadce0; border-radius: 18px;
  background: #fff; color: #0b57d0; font: inherit; cursor: pointer;
}
.placeholder { color: #5f6368; }
`;
