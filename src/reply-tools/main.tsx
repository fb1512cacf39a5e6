// The reply tools' script (see src/content/reply-tools-api.ts): run by the service worker in a Gmail tab on
// first use, it registers its API in the isolated world for the content script. Run twice, it keeps the first.
import { type ComponentChild, render } from 'preact';
import type { ReplyToolsApi } from '../content/reply-tools-api';
import { REPLY_TOOLS_GLOBAL } from '../content/reply-tools-names';
import { BulkBar } from '../ui/queues/bulk-bar';
import { watchCompose } from './compose-watch';
import { librarySource } from './library-source';
import { TicketTools } from './ticket-tools';

const world = globalThis as Record<string, unknown>;

function paint(slot: HTMLElement, tree: ComponentChild): void {
  try {
    render(tree === false ? null : tree, slot);
  } catch (error) {
    console.error('Labeldesk reply tools:', error instanceof Error ? error.message : error);
  }
}

if (!world[REPLY_TOOLS_GLOBAL]) {
  const api: ReplyToolsApi = {
    renderTicketTools(slot, props) {
      paint(slot, props && <TicketTools {...props} />);
    },
    renderBulkTools(slot, props) {
      paint(
        slot,
        props && (
          <BulkBar
            connector={librarySource(props.mailbox).connector}
            selectedThreadIds={props.selectedThreadIds}
            me={props.me}
          />
        ),
      );
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
