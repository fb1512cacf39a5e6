import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PatchHooks, ReplyToolsApi } from '../../content/reply-tools-api';
import type {
  StoreEvent,
  TeamView,
  TicketContext,
  TicketPatchArgs,
  TicketView,
} from '../../messaging/contract';
import type { LabeldeskError } from '../../messaging/errors';
import type { DeskAction, DeskActions } from '../actions';
import type { Connector } from '../connector';
import { formatDate, formatDateTime, type MessageKey, t } from '../i18n';
import { Activity } from './activity';
import { CollisionBanner } from './collision-banner';
import { CustomerHistory } from './customer-history';
import { HoldDetails } from './hold-details';
import { asLabeldeskError, describePatch, errorText } from './labels';
import { Notes, type ShownNote } from './notes';
import { ReplyToolsSlot } from './reply-tools-slot';
import { SlaClock } from './sla-clock';
import { TagPicker } from './tag-picker';
import { TicketFields } from './ticket-fields';
import { applyPatch, inversePatch, isEmptyPatch } from './ticket-patch';
import { TicketProblem } from './ticket-problem';
import { UndoToast } from './undo-toast';

export interface TicketPanelProps {
  connector: Connector;
  actions: DeskActions;
  threadId: string;
  /** From Gmail's page, shown at once while `ticket.get` runs. */
  pageSubject: string;
  /** This browser's agent; defaults to the `me` of `team.get`. */
  me?: string | undefined;
  /** Interactive sign-in (the connector will offer it later); without it "Sign in" only tries again. */
  onSignIn?: (() => Promise<void>) | undefined;
  /** The clock, for SLA and relative times; tests fix it. */
  now?: (() => number) | undefined;
  /** How long the undo toast offers its button. */
  undoMs?: number | undefined;
  /** Loads the reply tools (templates, macros); without it the panel has none (component tests). */
  replyTools?: (() => Promise<ReplyToolsApi>) | undefined;
}

type Lookup =
  | { state: 'loading' }
  | { state: 'failed'; error: LabeldeskError }
  | { state: 'not-ticket'; subject: string }
  | { state: 'ticket' };

interface InFlight {
  id: number;
  patch: TicketPatchArgs;
}

interface UndoOffer {
  id: number;
  message: string;
  /** Undefined once undone. */
  inverse: TicketPatchArgs | undefined;
}

const UNDO_MS = 8_000;
/** Relative times and the SLA clock move on while the ticket stays open. */
const CLOCK_TICK_MS = 30_000;

const NOTICE_FIELD_KEYS: Record<string, MessageKey> = {
  status: 'ticketActivityFieldStatus',
  priority: 'ticketActivityFieldPriority',
  assignee: 'ticketActivityFieldAssignee',
  group: 'ticketActivityFieldGroup',
};

/**
 * The ticket behind the open thread: its facts, its fields (changed optimistically, with undo), tags, notes,
 * history and who else is on it. The ticket renders as soon as `ticket.get` answers; context and team follow.
 * Another thread is another panel: nothing of one ticket's state can leak into the next.
 */
export function TicketPanel(props: TicketPanelProps) {
  return <ThreadTicketPanel key={props.threadId} {...props} />;
}

function ThreadTicketPanel({
  connector,
  actions,
  threadId,
  pageSubject,
  me: meProp,
  onSignIn,
  now: clock = Date.now,
  undoMs = UNDO_MS,
  replyTools,
}: TicketPanelProps) {
  const [lookup, setLookup] = useState<Lookup>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [base, setBase] = useState<TicketView | undefined>(undefined);
  const [inFlight, setInFlight] = useState<InFlight[]>([]);
  const [changed, setChanged] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [undo, setUndo] = useState<UndoOffer | undefined>(undefined);
  const [context, setContext] = useState<TicketContext | undefined>(undefined);
  const [contextError, setContextError] = useState<string | undefined>(undefined);
  const [team, setTeam] = useState<TeamView | undefined>(undefined);
  const [localNotes, setLocalNotes] = useState<ShownNote[]>([]);
  const [making, setMaking] = useState(false);
  const [, setTick] = useState(0);
  const alive = useRef(true);
  /** Once something was on its way to Gmail in this panel, its arrival is worth saying. */
  const sawPending = useRef(false);
  const seq = useRef(0);
  const tagInput = useRef<HTMLInputElement | null>(null);
  const noteInput = useRef<HTMLTextAreaElement | null>(null);

  const shown = useMemo(
    () =>
      base === undefined
        ? undefined
        : inFlight.reduce((ticket, entry) => applyPatch(ticket, entry.patch), base),
    [base, inFlight],
  );
  const me = meProp ?? (team?.me || undefined);
  const now = clock();

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const readContext = useCallback(() => {
    connector.call('ticket.context', { threadId }).then(
      (answer) => {
        if (!alive.current) return;
        setContext(answer);
        setContextError(undefined);
      },
      (error: unknown) => alive.current && setContextError(errorText(asLabeldeskError(error))),
    );
  }, [connector, threadId]);

  const readTeam = useCallback(() => {
    connector.call('team.get', {}).then(
      (answer) => alive.current && setTeam(answer),
      () => {}, // without the team the pickers offer what the ticket has; the fields still work
    );
  }, [connector]);

  /** Reads the ticket; a failed re-read keeps a ticket shown, a failed first read explains itself. */
  const readTicket = useCallback(
    async (first: boolean) => {
      try {
        const answer = await connector.call('ticket.get', { threadId });
        if (!alive.current) return undefined;
        if (answer.kind === 'ticket') {
          setBase(answer.ticket);
          setLookup({ state: 'ticket' });
        } else {
          setLookup({ state: 'not-ticket', subject: answer.subject });
        }
        return answer.kind;
      } catch (error) {
        // A re-read that fails again says the newer reason (settings saved, now a sign-in is missing).
        if (alive.current)
          setLookup((shown) =>
            first || shown.state === 'failed' ? { state: 'failed', error: asLabeldeskError(error) } : shown,
          );
        return undefined;
      }
    },
    [connector, threadId],
  );

  // `attempt` is the retry button's way to read again. A layout effect sends the read before the browser
  // paints the loading state, not a frame later: the sidebar-ready budget is 50 ms from the route change.
  useLayoutEffect(() => {
    setLookup({ state: 'loading' });
    void readTicket(true).then((kind) => {
      if (kind === undefined) return;
      // After the first paint: the ticket shows before notes, history and the team's lists.
      if (kind === 'ticket') readContext();
      readTeam();
    });
  }, [readTicket, readContext, readTeam, attempt]);

  useEffect(
    () =>
      connector.subscribe((event: StoreEvent) => {
        if (event.mailbox !== connector.mailbox) return;
        for (const notice of event.notices) {
          if (notice.threadId !== threadId) continue;
          // Held at the label limit: kept, still "Saving…", and sent once the mailbox has room for the label.
          if (notice.kind === 'change-waiting') setProblem(t('ticketChangeWaiting'));
          if (notice.kind === 'change-overridden' || notice.kind === 'change-rejected') {
            const fieldKey =
              notice.field !== undefined && Object.hasOwn(NOTICE_FIELD_KEYS, notice.field)
                ? NOTICE_FIELD_KEYS[notice.field]
                : undefined;
            const field = fieldKey ? t(fieldKey) : (notice.field ?? '');
            setProblem(
              notice.kind === 'change-overridden'
                ? t('ticketChangeOverridden', field)
                : t('ticketChangeRejected'),
            );
          }
        }
        if (!event.all && !event.threadIds.includes(threadId)) return;
        void readTicket(false).then((kind) => kind === 'ticket' && readContext());
        if (event.all) readTeam();
      }),
    [connector, threadId, readTicket, readContext, readTeam],
  );

  const shownRef = useRef(shown);
  shownRef.current = shown;

  /** What the reply tools asked to hear about each change still offered for undo: undone, or kept. */
  const waiting = useRef(new Map<number, PatchHooks>());
  const settle = useCallback((id: number | undefined, undone: boolean) => {
    for (const [key, hooks] of waiting.current) {
      if (id !== undefined && key !== id) continue;
      waiting.current.delete(key);
      (undone ? hooks.onUndo : hooks.onKept)?.();
    }
  }, []);
  // A panel that goes away keeps what was done in it.
  useEffect(() => () => settle(undefined, false), [settle]);

  const change = useCallback(
    (patch: TicketPatchArgs, undoable = true, message?: string, hooks?: PatchHooks) => {
      const before = shownRef.current;
      // A macro's patch may be empty (a reply alone), and so may its undo: both still say so.
      if (before === undefined || (isEmptyPatch(patch) && undoable && !hooks)) return undefined;
      const inverse = inversePatch(before, patch);
      // The next change may come before the next render; it must see this one (its undo goes back to here).
      shownRef.current = applyPatch(before, patch);
      const id = ++seq.current;
      // A new offer replaces the old one: what the old one did is kept.
      settle(undefined, false);
      if (hooks) waiting.current.set(id, hooks);
      setProblem(undefined);
      setUndo(
        undoable
          ? {
              id,
              message: message ?? describePatch(patch),
              inverse: isEmptyPatch(inverse) && !hooks ? undefined : inverse,
            }
          : { id, message: t('ticketUndone'), inverse: undefined },
      );
      if (isEmptyPatch(patch)) return id;
      setInFlight((list) => [...list, { id, patch }]);
      setChanged(true);
      connector.call('ticket.update', { threadId, patch }).then(
        ({ ticket }) => {
          if (!alive.current) return;
          setBase(ticket);
          setInFlight((list) => list.filter((entry) => entry.id !== id));
        },
        (error: unknown) => {
          if (!alive.current) return;
          setInFlight((list) => list.filter((entry) => entry.id !== id));
          setUndo((offer) => (offer?.id === id ? undefined : offer));
          settle(id, true);
          setProblem(t('ticketSaveFailed', errorText(asLabeldeskError(error))));
        },
      );
      return id;
    },
    [connector, threadId, settle],
  );

  const undoRef = useRef(undo);
  undoRef.current = undo;
  const undoLast = useCallback(() => {
    const offer = undoRef.current;
    if (offer?.inverse === undefined) return;
    settle(offer.id, true);
    change(offer.inverse, false);
  }, [change, settle]);

  useEffect(() => {
    if (undo === undefined) return;
    const timer = setTimeout(() => {
      settle(undo.id, false);
      setUndo((offer) => (offer?.id === undo.id ? undefined : offer));
    }, undoMs);
    return () => clearTimeout(timer);
  }, [undo, undoMs, settle]);

  const meRef = useRef(me);
  meRef.current = me;
  useEffect(
    () =>
      actions.listen((action: DeskAction) => {
        switch (action.kind) {
          case 'set-status':
            change({ status: action.status });
            break;
          case 'assign-to-me':
            if (meRef.current !== undefined) change({ assignee: meRef.current });
            else setProblem(t('ticketWhoAmIUnknown'));
            break;
          case 'focus-note':
            noteInput.current?.focus();
            break;
          case 'focus-tags':
            tagInput.current?.focus();
            break;
          case 'undo':
            undoLast();
            break;
        }
      }),
    [actions, change, undoLast],
  );

  const saveHold = (waitingFor: string | null, promisedBy: number | null) => {
    const before = shownRef.current?.hold;
    const hold = {
      ...(waitingFor === null ? {} : { waitingFor }),
      ...(promisedBy === null ? {} : { promisedBy }),
    };
    setBase((ticket) => (ticket ? { ...ticket, hold } : ticket));
    setChanged(true);
    setProblem(undefined);
    connector.call('ticket.hold', { threadId, waitingFor, promisedBy }).then(
      ({ ticket }) => alive.current && setBase(ticket),
      (error: unknown) => {
        if (!alive.current) return;
        setBase((ticket) => (ticket ? { ...ticket, hold: before } : ticket));
        setProblem(t('ticketSaveFailed', errorText(asLabeldeskError(error))));
      },
    );
  };

  const addNote = async (body: string): Promise<boolean> => {
    const agents = team?.config?.agents.map((agent) => agent.name) ?? [];
    const sending: ShownNote = {
      id: `sending-${++seq.current}`,
      author: me ?? t('ticketNoteYou'),
      body,
      mentions: agents.filter((agent) => body.includes(`@${agent}`)),
      createdAt: clock(),
      sending: true,
    };
    setLocalNotes((notes) => [...notes, sending]);
    try {
      const saved = await connector.call('note.add', { threadId, body });
      if (alive.current)
        setLocalNotes((notes) => notes.map((note) => (note.id === sending.id ? saved : note)));
      return true;
    } catch (error) {
      if (!alive.current) return false;
      setLocalNotes((notes) => notes.filter((note) => note.id !== sending.id));
      setProblem(t('ticketNoteFailed', errorText(asLabeldeskError(error))));
      return false;
    }
  };

  const makeTicket = () => {
    setMaking(true);
    setProblem(undefined);
    connector.call('ticket.make', { threadId }).then(
      ({ ticket }) => {
        if (!alive.current) return;
        setBase(ticket);
        setLookup({ state: 'ticket' });
        setMaking(false);
        readContext();
      },
      (error: unknown) => {
        if (!alive.current) return;
        setMaking(false);
        setProblem(t('ticketMakeFailed', errorText(asLabeldeskError(error))));
      },
    );
  };

  const openOptions = () => void connector.openOptions();

  const onKeyDown = (event: KeyboardEvent) => {
    const typing = isTextField(event.target);
    // Gmail sees keys from our Shadow DOM as typed on its page (the target is retargeted to the host): keys
    // typed into our text fields must not reach its shortcuts ("c" would open a compose window).
    if (typing) event.stopPropagation();
    const isUndo =
      (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z';
    // In a text box Ctrl+Z undoes typing, as everywhere else.
    if (!isUndo || typing || undoRef.current?.inverse === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    undoLast();
  };
  const keepTypingFromGmail = (event: KeyboardEvent) => {
    if (isTextField(event.target)) event.stopPropagation();
  };

  if (lookup.state === 'loading') {
    return (
      <div class="ticket-panel" aria-busy="true">
        <h3 class="ticket-subject">{pageSubject}</h3>
        <p role="status" class="loading">
          {t('ticketLoading')}
        </p>
        <div class="skeleton" aria-hidden="true">
          <span />
          <span />
          <span />
        </div>
      </div>
    );
  }

  if (lookup.state === 'failed') {
    const retry = () => setAttempt((n) => n + 1);
    return (
      <div class="ticket-panel">
        <h3 class="ticket-subject">{pageSubject}</h3>
        <TicketProblem
          error={lookup.error}
          onRetry={retry}
          onSignIn={() => {
            if (!onSignIn) return retry();
            onSignIn().then(retry, (error: unknown) =>
              setLookup({ state: 'failed', error: asLabeldeskError(error) }),
            );
          }}
          onOpenOptions={openOptions}
        />
      </div>
    );
  }

  if (lookup.state === 'not-ticket' || shown === undefined) {
    const subject = lookup.state === 'not-ticket' ? lookup.subject || pageSubject : pageSubject;
    return (
      <div class="ticket-panel">
        <h3 class="ticket-subject">{subject}</h3>
        <p>{t('ticketNotATicket')}</p>
        <button type="button" class="primary" disabled={making} onClick={makeTicket}>
          {t('ticketMake')}
        </button>
        {making && <p role="status">{t('ticketMaking')}</p>}
        {problem && (
          <p role="alert" class="error">
            {problem}
          </p>
        )}
      </div>
    );
  }

  const pending = inFlight.length > 0 || shown.pendingSync;
  if (pending && !sawPending.current) sawPending.current = true;
  const domain = shown.requester?.email.split('@').pop() || undefined;
  const notes = mergeNotes(context?.notes ?? [], localNotes);
  const agents = team?.config?.agents.map((agent) => agent.name) ?? (me ? [me] : []);

  return (
    // The panel catches Ctrl/Cmd+Z from any control in it; the key is a shortcut, not an interaction.
    // biome-ignore lint/a11y/noStaticElementInteractions: see above
    <div
      class="ticket-panel"
      onKeyDown={onKeyDown}
      onKeyPress={keepTypingFromGmail}
      onKeyUp={keepTypingFromGmail}
    >
      <header class="ticket-header">
        <h3 class="ticket-subject">{shown.subject || pageSubject}</h3>
        <dl class="ticket-facts">
          <dt>{t('ticketReference')}</dt>
          <dd class="ticket-reference">{shown.reference}</dd>
          {shown.requester && (
            <>
              <dt>{t('ticketRequester')}</dt>
              <dd class="ticket-requester">
                {shown.requester.name && <span class="requester-name">{shown.requester.name}</span>}
                <span class="requester-email">{shown.requester.email}</span>
              </dd>
            </>
          )}
          <dt>{t('ticketCreated')}</dt>
          <dd>
            <time dateTime={new Date(shown.createdAt).toISOString()} title={formatDateTime(shown.createdAt)}>
              {formatDate(shown.createdAt)}
            </time>
          </dd>
        </dl>
        <SlaClock ticket={shown} now={now} />
      </header>
      <CollisionBanner presence={context?.presence ?? []} threadId={threadId} me={me} />
      <p role="status" class={pending ? 'sync-state saving' : 'sync-state'}>
        {pending ? t('ticketSaving') : changed || sawPending.current ? t('ticketSaved') : ''}
      </p>
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      <TicketFields ticket={shown} team={team} me={me} onChange={change} onOpenOptions={openOptions} />
      {shown.status === 'On hold' && <HoldDetails hold={shown.hold} now={now} onSave={saveHold} />}
      <TagPicker
        tags={shown.tags}
        taxonomy={team?.config?.tags ?? []}
        onAdd={(tag) => change({ addTags: [tag] })}
        onRemove={(tag) => change({ removeTags: [tag] })}
        inputRef={tagInput}
      />
      {replyTools && (
        <ReplyToolsSlot
          load={replyTools}
          paint={(api, slot, mounted) =>
            api.renderTicketTools(
              slot,
              mounted && {
                mailbox: connector.mailbox,
                threadId,
                ticket: shown,
                team,
                me,
                now: clock,
                applyPatch: (patch, message, hooks) => {
                  const id = change(patch, true, message, hooks);
                  return {
                    revoke: () => {
                      if (id !== undefined && undoRef.current?.id === id) undoLast();
                    },
                  };
                },
              },
            )
          }
        />
      )}
      <UndoToast message={undo?.message} onUndo={undo?.inverse === undefined ? undefined : undoLast} />
      {context === undefined ? (
        contextError === undefined ? (
          <p role="status" class="loading">
            {t('ticketContextLoading')}
          </p>
        ) : (
          <div class="notice" role="alert">
            <p>{t('ticketContextFailed', contextError)}</p>
            <button type="button" onClick={readContext}>
              {t('actionRetry')}
            </button>
          </div>
        )
      ) : null}
      <Notes notes={notes} agents={agents} now={now} onAdd={addNote} textareaRef={noteInput} />
      {context && <Activity activity={context.activity} now={now} />}
      {context && (
        <CustomerHistory
          history={context.history}
          domain={domain}
          notesCount={notes.filter((note) => !note.sending).length}
          onOpen={(id) => connector.openThread(id)}
        />
      )}
    </div>
  );
}

function isTextField(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
  );
}

/** The stored notes and the ones this panel added, once each, oldest first. */
function mergeNotes(stored: readonly ShownNote[], local: readonly ShownNote[]): ShownNote[] {
  const ids = new Set(stored.map((note) => note.id));
  return [...stored, ...local.filter((note) => !ids.has(note.id))].sort((a, b) => a.createdAt - b.createdAt);
}
