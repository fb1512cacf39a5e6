import type { TicketToolsProps } from '../content/reply-tools-api';

/** The ticket's reply tools in the sidebar: macro buttons, then the template picker. */
export function TicketTools(_props: TicketToolsProps) {
  return null;
}
