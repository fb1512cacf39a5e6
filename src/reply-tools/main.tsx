// The reply tools' script (see src/content/reply-tools-api.ts): run by the service worker in a Gmail tab on
// first use, it registers its API in the isolated world for the content script. Run twice, it keeps the first.
import { render } from 'preact';
import type { ReplyToolsApi } from '../content/reply-tools-api';
import { REPLY_TOOLS_GLOBAL } from '../content/reply-tools-names';
import { watchCompose } from './compose-watch';
import { TicketTools } from './ticket-tools';

const world = globalThis as Record<string, unknown>;

if (!world[REPLY_TOOLS_GLOBAL]) {
  const api: ReplyToolsApi = {
    renderTicketTools(slot, props) {
      try {
        render(props === null ? null : <TicketTools {...props} />, slot);
      } catch (error) {
        console.error('Labeldesk reply tools:', error instanceof Error ? error.message : error);
      }
    },
    watchCompose(mailbox) {
      try {
        watchCompose(document, mailbox);
      } catch (error) {
        console.error('Labeldesk reply tools:', error instanceof Error ? error.message : error);
      }
    },
  };
  world[REPLY_TOOLS_GLOBAL] = api;
}
