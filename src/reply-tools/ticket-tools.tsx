import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TicketToolsProps } from '../content/reply-tools-api';
import { rememberComposeCaret } from '../gmail/dom/compose';
import type { LibraryView } from '../messaging/contract-replies';
import { t } from '../ui/i18n';
import { asLabeldeskError, errorText } from '../ui/ticket/labels';
import { ArticlePicker, openKnowledgeBase } from './article-picker';
import { type LibrarySource, librarySource } from './library-source';
import { MacroBar } from './macro-bar';
import { type InsertOutcome, insertReply } from './reply-insert';
import { ReplyToArticle } from './reply-to-article';
import { SaveTemplate } from './save-template';
import { TemplatePicker } from './template-picker';
import {
  customerLanguage,
  readThreadMessages,
  type ThreadMessage,
  watchThreadMessages,
} from './thread-reading';
import { addTicketToolsStyles } from './ticket-tools-styles';

export interface TicketToolsOwnProps extends TicketToolsProps {
  /** The library's source; tests pass one over a fakeConnector. */
  source?: LibrarySource | undefined;
  /** Gmail's page; tests pass a fixture's document. */
  doc?: Document | undefined;
  /** How long to wait for a reply Gmail opens (tests shorten it). */
  replyTimeoutMs?: number | undefined;
  /** Opens the knowledge base ('kb.open'); tests pass a fake. */
  openKnowledgeBase?: ((articleId?: string) => Promise<void>) | undefined;
  /** The article search's pause after a keystroke (tests shorten it). */
  searchDebounceMs?: number | undefined;
}

type LibraryState =
  | { kind: 'loading' }
  | { kind: 'failed'; detail: string }
  | { kind: 'ready'; view: LibraryView };

/**
 * The ticket's reply tools in the sidebar: macro buttons, the template picker, the knowledge base's articles
 * and turning a reply into one, saving a reply as template.
 */
export function TicketTools(props: TicketToolsOwnProps) {
  const { mailbox, threadId } = props;
  const doc = props.doc ?? document;
  const source = useMemo(() => props.source ?? librarySource(mailbox), [props.source, mailbox]);
  const [state, setState] = useState<LibraryState>(() => {
    const known = source.current();
    return known ? { kind: 'ready', view: known } : { kind: 'loading' };
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    source.library().then(
      (view) => alive && setState({ kind: 'ready', view }),
      (error: unknown) => alive && setState({ kind: 'failed', detail: errorText(asLabeldeskError(error)) }),
    );
    const off = source.onChange((view) => alive && setState({ kind: 'ready', view }));
    return () => {
      alive = false;
      off();
    };
  }, [source, attempt]);

  const root = useRef<HTMLElement>(null);
  useEffect(() => addTicketToolsStyles(root.current), []);

  // The sidebar's buttons take the focus from Gmail's body: remember where the agent was typing.
  const caret = useRef<() => Range | undefined>(() => undefined);
  useEffect(() => {
    const stop = new AbortController();
    caret.current = rememberComposeCaret(doc, stop.signal);
    return () => stop.abort();
  }, [doc]);

  const teamAddresses = props.team?.config?.agents.map((agent) => agent.email) ?? [];
  const teamKey = teamAddresses.join(',');
  const [messages, setMessages] = useState<ThreadMessage[]>(() => readThreadMessages(doc));
  // Gmail may still be rendering the thread when the panel opens: read it again as it changes.
  useEffect(() => {
    const stop = new AbortController();
    watchThreadMessages(doc, setMessages, stop.signal);
    return () => stop.abort();
  }, [doc, threadId]);
  const language = useMemo(
    () => customerLanguage(messages, mailbox, teamAddresses),
    [messages, mailbox, teamKey],
  );

  const replyTimeoutMs = props.replyTimeoutMs;
  const insert = useCallback(
    (text: string): Promise<InsertOutcome> =>
      insertReply(doc, text, { caret: caret.current, timeoutMs: replyTimeoutMs }),
    [doc, replyTimeoutMs],
  );

  return (
    <section ref={root} class="ticket-tools" aria-labelledby={`reply-tools-${threadId}`}>
      <h4 id={`reply-tools-${threadId}`}>{t('replyToolsLabel')}</h4>
      {state.kind === 'loading' && (
        <p class="loading" role="status">
          {t('replyLoading')}
        </p>
      )}
      {state.kind === 'failed' && (
        <div role="alert" class="reply-error-box">
          <p class="reply-error">{t('replyLoadFailed', state.detail)}</p>
          <button
            type="button"
            onClick={() => {
              setState({ kind: 'loading' });
              setAttempt((n) => n + 1);
            }}
          >
            {t('actionRetry')}
          </button>
        </div>
      )}
      {state.kind === 'ready' &&
        (state.view.library.templates.length === 0 && state.view.library.macros.length === 0 ? (
          <div class="empty">
            <p>{t('replyLibraryEmpty')}</p>
            <button type="button" onClick={() => void source.connector.openOptions()}>
              {t('actionOpenOptions')}
            </button>
          </div>
        ) : (
          <>
            {state.view.library.macros.length > 0 && (
              <MacroBar
                tools={props}
                library={state.view.library}
                connector={source.connector}
                language={language}
                insert={insert}
              />
            )}
            {state.view.library.templates.length > 0 && (
              <TemplatePicker
                tools={props}
                library={state.view.library}
                language={language}
                insert={insert}
              />
            )}
          </>
        ))}
      <ArticlePicker
        tools={props}
        connector={source.connector}
        language={language}
        insert={insert}
        openKnowledgeBase={props.openKnowledgeBase ?? openKnowledgeBase}
        debounceMs={props.searchDebounceMs}
      />
      <ReplyToArticle
        tools={props}
        messages={messages}
        connector={source.connector}
        doc={doc}
        caret={() => caret.current()}
        openKnowledgeBase={props.openKnowledgeBase ?? openKnowledgeBase}
      />
      <SaveTemplate tools={props} messages={messages} connector={source.connector} />
    </section>
  );
}
