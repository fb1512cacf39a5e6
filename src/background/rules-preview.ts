/**
 * "What would this rule have done" (issue 6): one rule tried against the newest stored tickets as they were
 * when they arrived (New, no fields set), nothing changed anywhere. Bodies are read only when the caller
 * allows it (a small preview) and the rule looks at them; otherwise body, language and attachment
 * conditions match nothing, as they would for a runner that could not read the message.
 */
import { type AutomationSettings, defaultAutomationSettings, type Rule } from '../core/automation-config';
import { bodyMatters, needsBody, planRules } from '../core/rules';
import type { TeamConfig } from '../core/team-config';
import { emptyLibrary, type TemplateLibrary } from '../core/templates';
import type { ParsedArgs } from '../messaging/contract';
import type { RulePreview, RulePreviewRow } from '../messaging/contract-automation';
import { LabeldeskError } from '../messaging/errors';
import type { LabeldeskDatabase } from '../store/db';
import { type TicketRecord, ticketRecordSchema } from '../store/schema';
import {
  assigneeLoad,
  factsOf,
  lastRulesAssignee,
  type MessageText,
  readFirstMessages,
} from '../sync/automation/rules';
import type { DeskServices } from './desk';

export type ReadBodies = (threadIds: readonly string[]) => Promise<Map<string, MessageText | null>>;

/** The largest preview that may read bodies (5 units a ticket). */
export const PREVIEW_BODY_LIMIT = 200;

/** The newest `limit` tickets with metadata, newest first, in one pass of a cursor (no createdAt index). */
async function newestTickets(db: LabeldeskDatabase, limit: number): Promise<TicketRecord[]> {
  let kept: TicketRecord[] = [];
  const trim = () => {
    kept.sort((a, b) => b.createdAt - a.createdAt || (a.threadId < b.threadId ? 1 : -1));
    kept = kept.slice(0, limit);
  };
  let cursor = await db.transaction('tickets').store.openCursor();
  while (cursor) {
    const parsed = ticketRecordSchema.safeParse(cursor.value);
    if (parsed.success && parsed.data.hasMetadata) kept.push(parsed.data);
    if (kept.length >= limit * 2) trim();
    cursor = await cursor.continue();
  }
  trim();
  return kept;
}

/**
 * The rule (enabled or not, `stop` irrelevant) against the newest `limit` stored tickets. Assignment goes as
 * the runner would hand the tickets out, oldest first: round-robin goes on from the last agent the rules
 * assigned, least-loaded counts each ticket it gives.
 */
export async function previewRule(
  db: LabeldeskDatabase,
  rule: Rule,
  settings: AutomationSettings,
  team: TeamConfig | null | undefined,
  library: TemplateLibrary,
  limit: number,
  readBody?: ReadBodies,
  now: number = Date.now(),
): Promise<RulePreview> {
  const tried: Rule = { ...rule, enabled: true, stop: false };
  const tickets = await newestTickets(db, limit);
  const texts =
    readBody !== undefined && limit <= PREVIEW_BODY_LIMIT && needsBody([tried])
      ? await readBody(
          tickets
            .filter((ticket) => bodyMatters([tried], factsOf(ticket), settings))
            .map((ticket) => ticket.threadId),
        )
      : undefined;
  const load =
    rule.actions.assign?.mode === 'least-loaded'
      ? await assigneeLoad(db, team?.agents.map((agent) => agent.name) ?? [])
      : new Map<string, number>();
  let lastAssigned = await lastRulesAssignee(db);

  const matches: RulePreviewRow[] = [];
  for (const ticket of [...tickets].reverse()) {
    const plan = planRules([tried], factsOf(ticket, texts?.get(ticket.threadId)), {
      settings,
      team,
      library,
      now,
      load,
      current: { status: 'New', tags: [] },
      ...(lastAssigned !== undefined ? { lastAssigned } : {}),
    });
    if (plan.applied.length === 0) continue;
    const row: RulePreviewRow = {
      threadId: ticket.threadId,
      reference: ticket.reference,
      subject: ticket.subject,
      createdAt: ticket.createdAt,
    };
    if (ticket.requester) row.requester = ticket.requester.email;
    const { patch } = plan;
    if (patch.addTags !== undefined) row.tags = [...patch.addTags];
    if (patch.priority) row.priority = patch.priority;
    if (patch.group) row.group = patch.group;
    if (patch.assignee) {
      row.assignee = patch.assignee;
      lastAssigned = patch.assignee;
      load.set(patch.assignee, (load.get(patch.assignee) ?? 0) + 1);
    }
    if (plan.macroId !== undefined) {
      row.macro = library.macros.find((macro) => macro.id === plan.macroId)?.name ?? plan.macroId;
    }
    matches.push(row);
  }
  return { examined: tickets.length, matches: matches.reverse() };
}

/**
 * The 'rules.preview' handler: the rule against this browser's store with the settings, team and library in
 * force; bodies are read (one full get each) only for a preview of at most PREVIEW_BODY_LIMIT tickets.
 */
export async function rulesPreviewHandler(
  services: Pick<DeskServices, 'mailboxFor' | 'now'>,
  { mailbox, rule, limit }: ParsedArgs<'rules.preview'>,
): Promise<RulePreview> {
  const { engine, db, calls } = await services.mailboxFor(mailbox);
  const records = engine.records;
  if (!records) throw new LabeldeskError('internal', 'Shared records need the mailbox address');
  const settings = (await records.automation())?.settings ?? defaultAutomationSettings();
  const team = await records.config();
  const library = (await records.library())?.library ?? emptyLibrary();
  const readBody: ReadBodies | undefined =
    limit <= PREVIEW_BODY_LIMIT ? (threadIds) => readFirstMessages(calls, threadIds) : undefined;
  return previewRule(db, rule, settings, team, library, limit, readBody, services.now());
}
