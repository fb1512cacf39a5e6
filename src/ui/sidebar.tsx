import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { TicketDescription } from '../messaging/contract';
import type { LabeldeskError } from '../messaging/errors';
import { t } from './i18n';
import { asLabeldeskError } from './ticket/labels';
import { TicketProblem } from './ticket/ticket-problem';

export { TicketPanel, type TicketPanelProps } from './ticket/ticket-panel';

/** The landmark every sidebar view sits in; tests and screen readers find it as "Labeldesk". */
export function SidebarFrame({ children }: { children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noRedundantRoles: the explicit role lets tests and other tools match [role=complementary]
    <aside class="sidebar" role="complementary" aria-label="Labeldesk">
      <h2>Labeldesk</h2>
      {children}
    </aside>
  );
}

export function QueuePlaceholder() {
  return <p class="placeholder">{t('sidebarQueuesPlaceholder')}</p>;
}

/** What the ticket card needs from the world; the content script passes the real messaging calls. */
export interface TicketSource {
  describe(): Promise<TicketDescription>;
  signIn(): Promise<void>;
  openOptions(): Promise<void>;
}

export interface TicketCardProps {
  /** From the page, shown at once; the API's answer replaces it. */
  pageSubject: string;
  /** Computed locally from the thread id, so it shows even when the API is unreachable. */
  reference: string;
  source: TicketSource;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'loaded'; ticket: TicketDescription }
  | { state: 'failed'; error: LabeldeskError };

export function TicketCard({ pageSubject, reference, source }: TicketCardProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true; // a newer attempt or an unmount makes this answer stale
    setLoaded({ state: 'loading' });
    source.describe().then(
      (ticket) => current && setLoaded({ state: 'loaded', ticket }),
      (error: unknown) => current && setLoaded({ state: 'failed', error: asLabeldeskError(error) }),
    );
    return () => {
      current = false;
    };
  }, [source, attempt]);

  const subject = loaded.state === 'loaded' ? loaded.ticket.subject : pageSubject;
  const retry = () => setAttempt((n) => n + 1);
  return (
    <section aria-label={t('ticketSubject')}>
      <h3 class="ticket-subject">{subject}</h3>
      <dl class="ticket-facts">
        <dt>{t('ticketReference')}</dt>
        <dd class="ticket-reference">{reference}</dd>
        {loaded.state === 'loaded' && (
          <>
            <dt>{t('ticketMessages')}</dt>
            <dd>{loaded.ticket.messageCount}</dd>
          </>
        )}
      </dl>
      {loaded.state === 'loading' && <p role="status">{t('ticketLoading')}</p>}
      {loaded.state === 'failed' && (
        <TicketProblem
          error={loaded.error}
          onRetry={retry}
          onSignIn={() =>
            source
              .signIn()
              .then(retry, (error: unknown) => setLoaded({ state: 'failed', error: asLabeldeskError(error) }))
          }
          onOpenOptions={() => void source.openOptions()}
        />
      )}
    </section>
  );
}
