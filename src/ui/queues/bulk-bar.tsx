/**
 * The bulk bar over Gmail's own thread list: the agent ticks conversations in Gmail, the content script passes
 * their thread ids, and one change (status, assignee, a tag added or removed) goes to all of them through
 * `tickets.bulkUpdate`. Threads that are not tickets are left alone and counted.
 *
 * Undo cannot be one inverse patch (the tickets had different statuses and assignees before), so the bar reads
 * each ticket first and undo puts each one's own previous values back, grouped into as few calls as there are
 * distinct previous states. Reading costs one call per ticket, so above `undoLimit` tickets there is no undo,
 * and the bar says so.
 */

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { uniqueNames } from '../../core/team-config';
import { sameTag, TICKET_STATUSES, type TicketStatus, type TicketTag, tagPath } from '../../core/ticket';
import type { TicketPatchArgs, TicketView } from '../../messaging/contract';
import type { Connector } from '../connector';
import { useDomId } from '../dom-id';
import { t, tn } from '../i18n';
import { statusLabel } from './queue-labels';

export interface BulkBarProps {
  connector: Connector;
  /** Thread ids selected in Gmail's list (from the DOM adapter). */
  selectedThreadIds: readonly string[];
  /** This browser's agent; empty hides "Assign to me". */
  me: string;
  /** Largest selection that still gets an undo (each ticket is read first). */
  undoLimit?: number;
}

/** The contract takes at most 500 threads per call. */
const CALL_LIMIT = 500;
const ME = '\u0000me';
const NOBODY = '\u0000nobody';

type Outcome =
  | { state: 'idle' }
  | { state: 'working' }
  | { state: 'done'; updated: number; notTickets: number; undo?: UndoPlan; undoRefused: boolean }
  | { state: 'undone'; count: number }
  | { state: 'failed'; message: string };

/** Per distinct previous state, the patch that restores it and the tickets it applies to. */
type UndoPlan = { patch: TicketPatchArgs; threadIds: string[] }[];

export function BulkBar({ connector, selectedThreadIds, me, undoLimit = 50 }: BulkBarProps) {
  const ids = useDomId();
  const [agents, setAgents] = useState<string[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [assignee, setAssignee] = useState('');
  const [addTag, setAddTag] = useState('');
  const [removeTag, setRemoveTag] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });

  useEffect(() => {
    let current = true;
    connector.call('team.get', {}).then(
      (team) => {
        if (!current) return;
        // The team's own lists first, then what the mailbox already has labels for.
        setAgents(
          uniqueNames([
            ...(team.config?.agents ?? []).map((agent) => agent.name),
            ...(team.labels?.assignees ?? []),
          ]),
        );
        setTags(
          uniqueNames([...(team.config?.tags ?? []).map((tag) => tag.path), ...(team.labels?.tags ?? [])]),
        );
      },
      () => {
        // Without the team's set-up the bar still offers status, "Assign to me" and "Unassigned".
      },
    );
    return () => {
      current = false;
    };
  }, [connector]);

  const patch = buildPatch({ status, assignee, addTag, removeTag }, me);
  const busy = outcome.state === 'working';
  const count = selectedThreadIds.length;
  if (count === 0 && (outcome.state === 'idle' || outcome.state === 'failed')) return null;

  const apply = async (event: Event) => {
    event.preventDefault();
    if (!patch || busy || count === 0) return;
    const threadIds = [...new Set(selectedThreadIds)];
    setOutcome({ state: 'working' });
    try {
      const before = threadIds.length <= undoLimit ? await readAll(connector, threadIds) : undefined;
      const result = await bulkUpdate(connector, threadIds, patch);
      setOutcome({
        state: 'done',
        updated: result.updated.length,
        notTickets: result.notTickets.length,
        ...(before ? { undo: undoPlan(patch, before, result.updated) } : {}),
        undoRefused: before === undefined,
      });
      setStatus('');
      setAssignee('');
      setAddTag('');
      setRemoveTag('');
    } catch (error) {
      setOutcome({ state: 'failed', message: errorMessage(error) });
    }
  };

  const undo = async () => {
    if (outcome.state !== 'done' || !outcome.undo) return;
    const plan = outcome.undo;
    setOutcome({ state: 'working' });
    try {
      let restored = 0;
      for (const step of plan)
        restored += (await bulkUpdate(connector, step.threadIds, step.patch)).updated.length;
      setOutcome({ state: 'undone', count: restored });
    } catch (error) {
      setOutcome({ state: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <form class="bulk-bar" aria-label={t('queueBulkLabel')} onSubmit={apply}>
      {count > 0 && <p class="bulk-count">{tn('queueBulkSelected', count)}</p>}
      {count > 0 && (
        <>
          <Choice id={`${ids}-status`} label={t('queueBulkStatus')} value={status} onChange={setStatus}>
            {TICKET_STATUSES.map((value) => (
              <option key={value} value={value}>
                {statusLabel(value)}
              </option>
            ))}
          </Choice>
          <Choice
            id={`${ids}-assignee`}
            label={t('queueBulkAssignee')}
            value={assignee}
            onChange={setAssignee}
          >
            {me !== '' && <option value={ME}>{t('queueBulkAssignToMe')}</option>}
            <option value={NOBODY}>{t('queueBulkUnassign')}</option>
            {agents
              .filter((name) => name !== me)
              .map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
          </Choice>
          {tags.length > 0 && (
            <>
              <Choice id={`${ids}-add`} label={t('queueBulkAddTag')} value={addTag} onChange={setAddTag}>
                {tags.map((path) => (
                  <option key={path} value={path}>
                    {path}
                  </option>
                ))}
              </Choice>
              <Choice
                id={`${ids}-remove`}
                label={t('queueBulkRemoveTag')}
                value={removeTag}
                onChange={setRemoveTag}
              >
                {tags.map((path) => (
                  <option key={path} value={path}>
                    {path}
                  </option>
                ))}
              </Choice>
            </>
          )}
          <button type="submit" class="bulk-apply" disabled={!patch || busy}>
            {busy ? t('queueBulkApplying') : t('queueBulkApply')}
          </button>
        </>
      )}
      <p class="bulk-report" role="status">
        {outcome.state === 'done' && <Report outcome={outcome} undoLimit={undoLimit} />}
        {outcome.state === 'undone' && tn('queueBulkUndone', outcome.count)}
      </p>
      {outcome.state === 'done' && outcome.undo && outcome.undo.length > 0 && (
        <button type="button" class="bulk-undo" onClick={undo}>
          {t('queueBulkUndo')}
        </button>
      )}
      {outcome.state === 'failed' && (
        <p class="bulk-report is-error" role="alert">
          {t('queueBulkFailed', outcome.message)}
        </p>
      )}
    </form>
  );
}

function Report({ outcome, undoLimit }: { outcome: Extract<Outcome, { state: 'done' }>; undoLimit: number }) {
  const parts = [tn('queueBulkUpdated', outcome.updated)];
  if (outcome.notTickets > 0) parts.push(tn('queueBulkNotTickets', outcome.notTickets));
  if (outcome.undoRefused) parts.push(t('queueBulkNoUndo', String(undoLimit)));
  return <>{parts.join('. ')}</>;
}

function Choice({
  id,
  label,
  value,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  children: ComponentChildren;
}) {
  return (
    <span class="bulk-field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        <option value="">{t('queueBulkNoChange')}</option>
        {children}
      </select>
    </span>
  );
}

/** The patch the chosen controls describe; undefined when nothing is chosen. */
export function buildPatch(
  chosen: { status: string; assignee: string; addTag: string; removeTag: string },
  me: string,
): TicketPatchArgs | undefined {
  const patch: TicketPatchArgs = {};
  if ((TICKET_STATUSES as readonly string[]).includes(chosen.status))
    patch.status = chosen.status as TicketStatus;
  if (chosen.assignee === ME && me !== '') patch.assignee = me;
  else if (chosen.assignee === NOBODY) patch.assignee = null;
  else if (chosen.assignee !== '' && chosen.assignee !== ME) patch.assignee = chosen.assignee;
  if (chosen.addTag !== '') patch.addTags = [tagOfPath(chosen.addTag)];
  if (chosen.removeTag !== '' && chosen.removeTag !== chosen.addTag)
    patch.removeTags = [tagOfPath(chosen.removeTag)];
  return Object.keys(patch).length === 0 ? undefined : patch;
}

/** `what/why` as a tag (the taxonomy's paths; the "why" may itself contain a slash). */
export function tagOfPath(path: string): TicketTag {
  const slash = path.indexOf('/');
  if (slash === -1) return { what: path };
  return { what: path.slice(0, slash), why: path.slice(slash + 1) };
}

/**
 * For each updated ticket, the patch that puts back what `patch` changed, grouped by identical patches. A
 * ticket whose previous values equal the new ones needs nothing.
 */
export function undoPlan(
  patch: TicketPatchArgs,
  before: ReadonlyMap<string, TicketView>,
  updated: readonly string[],
): UndoPlan {
  const groups = new Map<string, { patch: TicketPatchArgs; threadIds: string[] }>();
  for (const threadId of updated) {
    const ticket = before.get(threadId);
    if (!ticket) continue; // it was not a ticket when read: nothing to restore
    const inverse: TicketPatchArgs = {};
    if (patch.status !== undefined && patch.status !== ticket.status) inverse.status = ticket.status;
    if (patch.assignee !== undefined && (patch.assignee ?? undefined) !== ticket.assignee) {
      inverse.assignee = ticket.assignee ?? null;
    }
    const had = (tag: TicketTag) => ticket.tags.some((own) => sameTag(own, tag));
    const added = (patch.addTags ?? []).filter((tag) => !had(tag));
    const removed = (patch.removeTags ?? []).filter(had);
    if (added.length > 0) inverse.removeTags = added;
    if (removed.length > 0) inverse.addTags = removed;
    if (Object.keys(inverse).length === 0) continue;
    const key = JSON.stringify([
      inverse.status,
      inverse.assignee,
      inverse.addTags?.map(tagPath),
      inverse.removeTags?.map(tagPath),
    ]);
    const group = groups.get(key) ?? { patch: inverse, threadIds: [] };
    group.threadIds.push(threadId);
    groups.set(key, group);
  }
  return [...groups.values()];
}

async function readAll(connector: Connector, threadIds: readonly string[]): Promise<Map<string, TicketView>> {
  const lookups = await Promise.all(threadIds.map((threadId) => connector.call('ticket.get', { threadId })));
  const tickets = new Map<string, TicketView>();
  for (const lookup of lookups)
    if (lookup.kind === 'ticket') tickets.set(lookup.ticket.threadId, lookup.ticket);
  return tickets;
}

async function bulkUpdate(
  connector: Connector,
  threadIds: readonly string[],
  patch: TicketPatchArgs,
): Promise<{ updated: string[]; notTickets: string[] }> {
  const updated: string[] = [];
  const notTickets: string[] = [];
  for (let start = 0; start < threadIds.length; start += CALL_LIMIT) {
    const result = await connector.call('tickets.bulkUpdate', {
      threadIds: threadIds.slice(start, start + CALL_LIMIT),
      patch,
    });
    updated.push(...result.updated);
    notTickets.push(...result.notTickets);
  }
  return { updated, notTickets };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
