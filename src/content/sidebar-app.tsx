/**
 * What the sidebar shows for a route: the open thread's ticket, or (on a list) the queues with a bulk bar for
 * the threads ticked in Gmail's list. A notice says when Gmail's page could not be read and the sidebar is
 * working from the URL alone.
 */
import type { ComponentChildren } from 'preact';
import type { Keymap } from '../core/keymap';
import type { DeskActions } from '../ui/actions';
import type { Connector } from '../ui/connector';
import { t } from '../ui/i18n';
import { HelpOverlay } from '../ui/keyboard/help-overlay';
import type { QueueNavigator } from '../ui/queues/queue-navigator';
import { QueuePanel } from '../ui/queues/queue-panel';
import { SidebarFrame } from '../ui/sidebar';
import { ReplyToolsSlot } from '../ui/ticket/reply-tools-slot';
import { SyncHealth } from '../ui/ticket/sync-health';
import { TicketPanel } from '../ui/ticket/ticket-panel';
import type { ReplyToolsApi } from './reply-tools-api';

export type SidebarView =
  /** `bulk`: threads have been selected on this list (the bulk bar, loaded then, stays for its report). */
  | { kind: 'list'; selected: readonly string[]; bulk?: boolean }
  | {
      kind: 'thread';
      threadId: string;
      subject: string;
      /** Found through the URL or the API only: Gmail's page no longer shows what the adapter knows. */
      pageChanged?: boolean;
    }
  /** A thread is open but its API id could not be found (a `thread-a:` thread, or Gmail changed). */
  | { kind: 'unknown-thread'; subject: string; reason: 'no-api-id' | 'page-changed' };

export interface SidebarAppProps {
  view: SidebarView;
  connector: Connector | undefined;
  actions: DeskActions;
  navigator: QueueNavigator;
  me: string;
  onSignIn: () => Promise<void>;
  /** The shortcuts in force, listed by the help overlay; none until the settings are read. */
  keymap: Keymap | undefined;
  /** Something about the mailbox itself the agent must know first (a delegated mailbox: changes paused). */
  mailboxNotice?: string | undefined;
  /** Loads the reply tools (templates, macros) for the ticket panel. */
  replyTools?: (() => Promise<ReplyToolsApi>) | undefined;
}

export function SidebarApp(props: SidebarAppProps) {
  const { actions, keymap, connector } = props;
  return (
    <>
      <SidebarView {...props} />
      {keymap && (
        <HelpOverlay actions={actions} keymap={keymap} onOpenOptions={() => void connector?.openOptions()} />
      )}
    </>
  );
}

function SidebarView({
  view,
  connector,
  actions,
  navigator,
  me,
  onSignIn,
  mailboxNotice,
  replyTools,
}: SidebarAppProps) {
  // One landmark, with what the agent must know about the mailbox first. A plain function, not a component
  // defined here: a component type made anew on every render would remount the panels inside it.
  const frame = (children: ComponentChildren) => (
    <SidebarFrame>
      {mailboxNotice !== undefined && (
        <p class="notice" role="status">
          {mailboxNotice}
        </p>
      )}
      {/* Above every view (a ticket or the queues): background sync failing is the mailbox's, not a ticket's. */}
      {connector && <SyncHealth connector={connector} />}
      {children}
    </SidebarFrame>
  );
  if (connector === undefined) {
    return frame(<p role="status">{t('domMailboxUnknown')}</p>);
  }
  if (view.kind === 'unknown-thread') {
    return frame(
      <>
        {view.subject && <h3 class="ticket-subject">{view.subject}</h3>}
        <p role="status">{view.reason === 'no-api-id' ? t('ticketNoApiId') : t('appPageChanged')}</p>
      </>,
    );
  }
  if (view.kind === 'thread') {
    return frame(
      <>
        {view.pageChanged && (
          <p class="notice" role="status">
            {t('domPageChangedUrl')}
          </p>
        )}
        <TicketPanel
          key={view.threadId}
          connector={connector}
          actions={actions}
          threadId={view.threadId}
          pageSubject={view.subject}
          me={me || undefined}
          onSignIn={onSignIn}
          replyTools={replyTools}
        />
      </>,
    );
  }
  return frame(
    <>
      {/* Mounted from the first selection on: its report and undo stay when Gmail clears the selection. */}
      {view.bulk && replyTools && (
        <ReplyToolsSlot
          load={replyTools}
          paint={(api, slot, mounted) =>
            api.renderBulkTools(
              slot,
              mounted && { mailbox: connector.mailbox, selectedThreadIds: view.selected, me },
            )
          }
        />
      )}
      <QueuePanel connector={connector} actions={actions} me={me} navigator={navigator} />
    </>,
  );
}
