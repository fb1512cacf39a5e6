/**
 * The rules automation (issue 6): the first automation of each runner pass. New tickets of the last three
 * days that no rule run has seen get the team's rules (src/core/rules.ts) as one label patch through the
 * engine's outbox, and an activity record by "Labeldesk rules" that says which rules ran: that record is
 * what "seen" means, in every browser and the Node worker alike.
 */
import { z } from 'zod';
import { emailDomain, normalizeEmail } from '../../core/mail-address';
import { bodyMatters, languageOf, needsBody, planRules, type RuleFacts } from '../../core/rules';
import { ACTIVE_STATUSES } from '../../core/ticket';
import { GmailApiError } from '../../gmail/api/errors';
import { fromBase64Url, type SyncCalls, UNITS } from '../../gmail/api/sync-calls';
import { MAX_BATCH_SIZE } from '../../gmail/api/transport';
import type { LabeldeskDatabase } from '../../store/db';
import type { TicketRecord } from '../../store/schema';
import type { Automation, PassContext } from './context';

/** The actor of every change and activity record the rules write. */
export const RULES_ACTOR = 'Labeldesk rules';
/** Only tickets this new are tried: a runner that was away for a weekend still catches up, older ones are history. */
export const RULES_WINDOW_MS = 3 * 24 * 60 * 60_000;
/** At most this many tickets a pass (the rest next pass), so one pass stays within a few thousand units. */
export const RULES_PER_PASS = 500;
/** Words are looked for in this much of a body at most; the rest of a very long message says nothing new. */
const BODY_MAX_CHARS = 100_000;

interface MessagePart {
  mimeType?: string | undefined;
  filename?: string | undefined;
  body?: { data?: string | undefined; attachmentId?: string | undefined } | undefined;
  parts?: MessagePart[] | undefined;
}

const partSchema: z.ZodType<MessagePart> = z.lazy(() =>
  z.object({
    mimeType: z.string().optional(),
    filename: z.string().optional(),
    body: z.object({ data: z.string().optional(), attachmentId: z.string().optional() }).optional(),
    parts: z.array(partSchema).max(500).optional(),
  }),
);
const fullMessageSchema = z.object({ id: z.string(), payload: partSchema.optional() });

/** What the full first message tells rules; never logged, never stored. */
export interface MessageText {
  body: string;
  hasAttachment: boolean;
}

function walk(part: MessagePart, depth: number, visit: (part: MessagePart) => void): void {
  visit(part);
  if (depth > 30) return; // a forged, absurdly nested message: the first 30 levels are plenty
  for (const child of part.parts ?? []) walk(child, depth + 1, visit);
}

function decode(data: string | undefined): string {
  if (data === undefined) return '';
  try {
    return fromBase64Url(data);
  } catch {
    return '';
  }
}

/** The HTML part as words only: tags and the commonest entities gone (it is searched, never shown). */
function htmlWords(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/g, "'");
}

/** The plain-text part (else the HTML part's words) and whether any part is a named file. */
export function messageText(payload: MessagePart | undefined): MessageText {
  let plain: string | undefined;
  let html: string | undefined;
  let hasAttachment = false;
  if (payload) {
    walk(payload, 0, (part) => {
      if (part.filename !== undefined && part.filename !== '') {
        hasAttachment = true;
        return;
      }
      const type = part.mimeType?.toLowerCase();
      if (type === 'text/plain' && plain === undefined) plain = decode(part.body?.data);
      else if (type === 'text/html' && html === undefined) html = decode(part.body?.data);
    });
  }
  const body = plain ?? (html !== undefined ? htmlWords(html) : '');
  return { body: body.slice(0, BODY_MAX_CHARS), hasAttachment };
}

/**
 * The first message of each thread in full (Gmail gives a thread its first message's id), 5 units each,
 * batched. A message gone since (404) comes back null: its body facts stay unknown and match nothing.
 */
export async function readFirstMessages(
  calls: Pick<SyncCalls, 'transport'>,
  threadIds: readonly string[],
): Promise<Map<string, MessageText | null>> {
  const out = new Map<string, MessageText | null>();
  for (let i = 0; i < threadIds.length; i += MAX_BATCH_SIZE) {
    const chunk = threadIds.slice(i, i + MAX_BATCH_SIZE);
    const results = await calls.transport.batch(
      chunk.map((id) => ({
        method: 'GET' as const,
        path: `/messages/${encodeURIComponent(id)}`,
        query: { format: 'full', fields: 'id,payload' },
        schema: fullMessageSchema,
        units: UNITS.messagesGet,
      })),
    );
    for (const [index, result] of results.entries()) {
      const id = chunk[index] as string;
      if (result.ok) out.set(id, messageText(result.value.payload));
      else if (
        result.error instanceof GmailApiError &&
        (result.error.status === 404 || result.error.status === 400)
      ) {
        out.set(id, null);
      } else throw result.error;
    }
  }
  return out;
}

/** The facts rules see in a stored ticket, with the full message's when it was read. */
export function factsOf(ticket: TicketRecord, text?: MessageText | null): RuleFacts {
  const email = ticket.requester?.email ?? '';
  const facts: RuleFacts = {
    from: normalizeEmail(email),
    domain: ticket.requesterDomain ?? emailDomain(email),
    subject: ticket.subject,
    arrivedAt: ticket.createdAt,
  };
  if (ticket.requester?.name !== undefined) facts.fromName = ticket.requester.name;
  if (text) {
    facts.body = text.body;
    facts.hasAttachment = text.hasAttachment;
    const language = languageOf(ticket.subject, text.body);
    if (language !== undefined) facts.language = language;
  }
  return facts;
}

/** Open tickets per assignee, from the store's assignee index. */
export async function assigneeLoad(
  db: LabeldeskDatabase,
  agents: readonly string[],
): Promise<Map<string, number>> {
  const load = new Map<string, number>();
  for (const agent of agents) {
    const tickets = await db.getAllFromIndex('tickets', 'assignee', agent);
    load.set(agent, tickets.filter((ticket) => ACTIVE_STATUSES.has(ticket.status)).length);
  }
  return load;
}

/** The agent the rules assigned last, from the newest "Labeldesk rules" assignee activity this runner holds. */
export async function lastRulesAssignee(db: LabeldeskDatabase): Promise<string | undefined> {
  let newest: { at: number; id: string; agent: string } | undefined;
  for (const record of await db.getAllFromIndex('records', 'kind', 'activity')) {
    if (record.kind !== 'activity' || record.actor !== RULES_ACTOR || record.field !== 'assignee') continue;
    if (record.to === undefined) continue;
    const later =
      newest === undefined ||
      record.createdAt > newest.at ||
      (record.createdAt === newest.at && record.id > newest.id);
    if (later) newest = { at: record.createdAt, id: record.id, agent: record.to };
  }
  return newest?.agent;
}

async function seenByRules(db: LabeldeskDatabase, threadId: string): Promise<boolean> {
  const records = await db.getAllFromIndex('records', 'threadId', threadId);
  return records.some((record) => record.kind === 'activity' && record.actor === RULES_ACTOR);
}

/**
 * Tickets a rule run found nothing for, per mailbox, with the rules they were tried against: no body is read
 * again for them until the rules change. A hint in memory only (a new runner tries them once more).
 */
const unmatched = new Map<string, Map<string, string>>();
const UNMATCHED_MAX = 20_000;

function unmatchedOf(mailbox: string): Map<string, string> {
  let memo = unmatched.get(mailbox);
  if (!memo) {
    memo = new Map();
    unmatched.set(mailbox, memo);
  }
  if (memo.size > UNMATCHED_MAX) memo.clear();
  return memo;
}

/** New tickets of the window, oldest first (round-robin hands them out in the order they came). */
async function newTickets(db: LabeldeskDatabase, since: number): Promise<TicketRecord[]> {
  const fresh = await db.getAllFromIndex('tickets', 'status', 'New');
  return fresh
    .filter((ticket) => ticket.hasMetadata && ticket.createdAt >= since)
    .sort((a, b) => a.createdAt - b.createdAt || (a.threadId < b.threadId ? -1 : 1));
}

export const applyRules: Automation = async (context: PassContext) => {
  const { db, settings, mailbox } = context;
  const rules = settings.rules.filter((rule) => rule.enabled);
  if (rules.length === 0) return;
  // A calendar edit can change what a time condition says: tickets tried before are tried again then.
  const rulesKey = JSON.stringify([rules, settings.calendars, settings.sla.defaultCalendar]);
  const memo = unmatchedOf(mailbox);

  const candidates: TicketRecord[] = [];
  for (const ticket of await newTickets(db, context.now - RULES_WINDOW_MS)) {
    if (candidates.length >= RULES_PER_PASS) break;
    if (memo.get(ticket.threadId) === rulesKey) continue;
    if (await seenByRules(db, ticket.threadId)) continue;
    candidates.push(ticket);
  }
  if (candidates.length === 0) return;

  const texts = needsBody(rules)
    ? await readFirstMessages(
        context.calls,
        candidates
          .filter((ticket) => bodyMatters(rules, factsOf(ticket), settings))
          .map((ticket) => ticket.threadId),
      )
    : undefined;
  const agents = context.team?.agents.map((agent) => agent.name) ?? [];
  const load = await assigneeLoad(db, agents);
  let lastAssigned = await lastRulesAssignee(db);
  const names = new Map(rules.map((rule) => [rule.id, rule.name]));

  for (const ticket of candidates) {
    if (!context.holdsLease()) return;
    const current = {
      status: ticket.status,
      tags: ticket.tags,
      ...(ticket.priority !== undefined ? { priority: ticket.priority } : {}),
      ...(ticket.group !== undefined ? { group: ticket.group } : {}),
      ...(ticket.assignee !== undefined ? { assignee: ticket.assignee } : {}),
    };
    const plan = planRules(rules, factsOf(ticket, texts?.get(ticket.threadId)), {
      settings,
      team: context.team,
      library: context.library,
      now: context.now,
      load,
      current,
      ...(lastAssigned !== undefined ? { lastAssigned } : {}),
    });
    for (const note of plan.notes) {
      context.log({
        automation: 'rules',
        threadId: ticket.threadId,
        outcome: `${note.ruleId}: ${note.code}`,
      });
    }
    if (plan.applied.length === 0) {
      memo.set(ticket.threadId, rulesKey);
      continue;
    }
    if (Object.keys(plan.patch).length > 0) {
      await context.engine.updateTicket(ticket.threadId, plan.patch, RULES_ACTOR);
    }
    const ran = plan.applied.map((id) => names.get(id) ?? id).join(', ');
    await context.records.addActivity({
      threadId: ticket.threadId,
      actor: RULES_ACTOR,
      field: 'ticket',
      to: ran.slice(0, 2_000),
    });
    if (plan.assignee !== undefined && plan.patch.assignee !== undefined) {
      await context.records.addActivity({
        threadId: ticket.threadId,
        actor: RULES_ACTOR,
        field: 'assignee',
        ...(ticket.assignee !== undefined ? { from: ticket.assignee } : {}),
        to: plan.assignee,
      });
      lastAssigned = plan.assignee;
      load.set(plan.assignee, (load.get(plan.assignee) ?? 0) + 1);
    }
    context.summary.rulesApplied += plan.applied.length;
    context.log({
      automation: 'rules',
      threadId: ticket.threadId,
      outcome: `applied ${plan.applied.join(',')}`,
    });
  }
};
