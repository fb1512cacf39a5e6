/**
 * The reply tools (issue 5: templates, text shortcuts, macros, checks before sending; and the list views'
 * bulk bar, used only once threads are selected) are a second script,
 * dist/src/content/reply-tools.js, that the service worker runs in a Gmail tab on first use
 * (`replyTools.load`, chrome.scripting): the script Gmail loads with every page stays within its budget
 * (issue 4: 40 KB gzipped), and list views that never open a ticket or a compose box never load it. Both
 * scripts run in the same isolated world, so the reply tools hand their API over through a global there,
 * out of the page's reach. They render with their own copy of Preact into a slot the sidebar gives them.
 */
import type { TeamView, TicketPatchArgs, TicketView } from '../messaging/contract';
import { callBackground } from '../messaging/sender';
import { REPLY_TOOLS_GLOBAL } from './reply-tools-names';

/** What the sidebar's ticket panel hands the reply tools, again on every change. */
export interface TicketToolsProps {
  mailbox: string;
  threadId: string;
  /** The ticket as the panel shows it (optimistic changes included). */
  ticket: TicketView;
  team: TeamView | undefined;
  /** This browser's agent, when known. */
  me: string | undefined;
  /**
   * Changes the ticket as the sidebar's own controls do: at once on screen, one `ticket.update` (one
   * `threads.modify`), "Saving…" then "Saved to Gmail", and an undo toast saying `message`. `onUndo` runs if
   * the agent undoes it; `onKept` once the undo offer is gone without an undo (timeout, another change, or
   * the panel closing), which is when a macro's note and notification go out. `revoke` undoes it if its
   * undo is still on offer (a macro whose reply could not be inserted).
   */
  applyPatch(patch: TicketPatchArgs, message: string, hooks?: PatchHooks): { revoke(): void };
  /** The clock (tests fix it). */
  now: () => number;
}

export interface PatchHooks {
  onUndo?: () => void;
  onKept?: () => void;
}

/** The bulk bar of Gmail's list views (src/ui/queues/bulk-bar.tsx), once the agent has selected threads. */
export interface BulkToolsProps {
  mailbox: string;
  selectedThreadIds: readonly string[];
  me: string;
}

export interface ReplyToolsApi {
  /** Renders the ticket's reply tools into the slot (again with new props); `false` unmounts them. */
  renderTicketTools(slot: HTMLElement, props: TicketToolsProps | false): void;
  /** Renders the bulk bar into the slot, as above. */
  renderBulkTools(slot: HTMLElement, props: BulkToolsProps | false): void;
  /** Text shortcuts and checks before sending in every compose box of this Gmail tab; idempotent. */
  watchCompose(mailbox: string): void;
}

let loading: Promise<ReplyToolsApi> | undefined;

/** The reply tools, loaded once per tab; a failed load is tried again at the next call. */
export function loadReplyTools(): Promise<ReplyToolsApi> {
  const ready = () =>
    (globalThis as Record<string, unknown>)[REPLY_TOOLS_GLOBAL] as ReplyToolsApi | undefined;
  const already = ready();
  if (already) return Promise.resolve(already);
  loading ??= callBackground('replyTools.load', {}).then(
    () => {
      const api = ready();
      if (!api) throw new Error('the reply tools did not start');
      return api;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
