/**
 * The design tokens every Labeldesk surface uses, as CSS variables on `.labeldesk-root`: Gmail's light and dark
 * palettes (Material 3 as Gmail shows it in 2026) and its density settings. The content script sets
 * `data-theme` and `data-density` from Gmail's page; extension pages follow `prefers-color-scheme`.
 * Colours are chosen for WCAG AA contrast (4.5:1 for text) on `--ld-bg` and `--ld-surface`.
 */
export const THEME_CSS = `
.labeldesk-root {
  --ld-bg: #ffffff;
  --ld-surface: #f6f8fc;
  --ld-fg: #1f1f1f;
  --ld-muted: #5e5e5e;
  --ld-border: #c4c7c5;
  --ld-accent: #0b57d0;
  --ld-accent-fg: #ffffff;
  --ld-accent-soft: #d3e3fd;
  --ld-danger: #b3261e;
  --ld-danger-soft: #fce8e6;
  --ld-warning: #8a4f00;
  --ld-warning-soft: #fef7e0;
  --ld-ok: #146c2e;
  --ld-ok-soft: #e6f4ea;
  --ld-focus: #0b57d0;
  --ld-gap: 12px;
  --ld-row: 36px;
  --ld-font: 14px/1.43 'Google Sans', Roboto, 'Noto Sans', 'Noto Sans CJK JP', Arial, sans-serif;
  color-scheme: light;
}
.labeldesk-root[data-theme='dark'] {
  --ld-bg: #1f1f1f;
  --ld-surface: #2d2f31;
  --ld-fg: #e3e3e3;
  --ld-muted: #c4c7c5;
  --ld-border: #5e5e5e;
  --ld-accent: #a8c7fa;
  --ld-accent-fg: #062e6f;
  --ld-accent-soft: #0842a0;
  --ld-danger: #f2b8b5;
  --ld-danger-soft: #601410;
  --ld-warning: #fdd663;
  --ld-warning-soft: #4a3800;
  --ld-ok: #6dd58c;
  --ld-ok-soft: #0f5223;
  --ld-focus: #a8c7fa;
  color-scheme: dark;
}
.labeldesk-root[data-density='comfortable'] { --ld-gap: 10px; --ld-row: 32px; }
.labeldesk-root[data-density='compact'] { --ld-gap: 8px; --ld-row: 28px; }
`;
