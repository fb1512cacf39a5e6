import type { ComponentChildren } from 'preact';
import { uiLanguage } from './i18n';

export { TicketPanel, type TicketPanelProps } from './ticket/ticket-panel';

/**
 * The landmark every sidebar view sits in; tests and screen readers find it as "Labeldesk". Its `lang` is the
 * language of its strings, which need not be Gmail's: a screen reader reads Russian labels with a Russian
 * voice inside an English Gmail (WCAG 3.1.2, language of parts).
 */
export function SidebarFrame({ children }: { children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noRedundantRoles: the explicit role lets tests and other tools match [role=complementary]
    <aside class="sidebar" role="complementary" aria-label="Labeldesk" lang={uiLanguage()}>
      <h2>Labeldesk</h2>
      {children}
    </aside>
  );
}
