/**
 * Customer satisfaction (issue 6): the survey after a ticket is Solved, and the answers that come back.
 *
 * Surveys: a Solved ticket is surveyed once its `csatSendAt` (the delay after solving, capped at the end of
 * the next working day) has passed. When it was solved: the newest activity record that set Solved, else the
 * moment this runner saw it change to Solved (memory.ts); a ticket already Solved when the runner first saw
 * it is not surveyed (that solve may be months old). A reopen before the send cancels it by itself: the
 * ticket is no longer Solved. One survey per solve: the episode is the customer's last message, and
 * `sendAutoReply` finds a survey sent after it. The survey carries a random token in its X-Labeldesk-Auto
 * header; an answer must name the ticket's reference and, when it carries one, a token of that thread's
 * surveys. The quote is the newest messages' plain text, read with one messages.get per survey, never logged.
 *
 * Answers: the triage leaves threads whose subject is an answer (`[#ABC123] Rating: good (ld-7f3a)` behind
 * any Re:/AW:/Odp:/RE: prefixes, encoded or not) out of the tickets; this automation finds answers in the
 * inbox by subject, records a CsatRecord against the ticket, labels the answer `<prefix>/CSAT` (a visible
 * label: agents can find every answer in Gmail) and archives it. Never a new ticket, never a reopen. A 'bad'
 * rating adds the follow-up tag to the ticket: its queue is the follow-up queue.
 */

import { AUTO_MAIL_HEADER } from '../../core/auto-mail/compose';
import {
  type EffortAnswer,
  parseEffortAnswer,
  parseSurveyAnswer,
  type SurveyAnswer,
} from '../../core/auto-mail/csat-answer';
import { surveyText } from '../../core/auto-mail/texts';
import { calendarFor } from '../../core/automation-config';
import { csatSendAt } from '../../core/business-hours';
import { detectLanguage } from '../../core/language-detect';
import type { ActivityRecord } from '../../core/records';
import type { TicketTag } from '../../core/ticket';
import { header } from '../../core/ticket-rule';
import { GmailApiError } from '../../gmail/api/errors';
import type { ThreadSummary } from '../../gmail/api/sync-calls';
import type { TicketRecord } from '../../store/schema';
import { getTickets } from '../../store/ticket-store';
import type { Automation, PassContext } from './context';
import { handledMemory } from './handled';
import { messageText } from './rules';

const DAY_MS = 24 * 60 * 60_000;
/** A survey more than this late (the runner was off) is not sent any more. */
export const SURVEY_TOO_LATE_MS = 3 * DAY_MS;
export const SURVEYS_PER_PASS = 1_000;
const ANSWER_SEARCH = ['subject:Rating newer_than:30d', 'subject:Effort newer_than:30d'];
export const CSAT_ACTOR = 'Labeldesk CSAT';

/**
 * The tickets solved recently enough to survey, and when, as far as this runner can tell: the newest activity
 * record that set Solved (an agent's change), else the moment this runner saw the ticket change to Solved.
 * Two reads (the records, the memory's status notes), however many Solved tickets the mailbox holds.
 */
async function recentlySolved(context: PassContext): Promise<Map<string, number>> {
  const horizon = context.now - SURVEY_TOO_LATE_MS - 2 * DAY_MS;
  const fromActivity = new Map<string, number>();
  for (const record of await context.db.getAllFromIndex('records', 'kind', 'activity')) {
    if (record.kind !== 'activity') continue;
    const activity = record as ActivityRecord;
    if (activity.field !== 'status' || activity.to !== 'Solved') continue;
    if (activity.createdAt > context.now || activity.createdAt < horizon) continue;
    const known = fromActivity.get(activity.threadId);
    if (known === undefined || activity.createdAt > known)
      fromActivity.set(activity.threadId, activity.createdAt);
  }
  const memory = context.memory as PassContext['memory'] & {
    enteredSince?: (status: 'Solved', since: number) => Promise<Map<string, number>>;
  };
  const observed = memory.enteredSince
    ? await memory.enteredSince('Solved', horizon)
    : new Map<string, number>();
  for (const [threadId, at] of observed) if (!fromActivity.has(threadId)) fromActivity.set(threadId, at);
  return fromActivity;
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  return `ld-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The newest messages of the conversation as plain text (Labeldesk's own automatic mail left out). */
async function conversationQuote(context: PassContext, thread: ThreadSummary): Promise<string> {
  const candidates = thread.messages.filter(
    (m) => header(m.payload.headers, AUTO_MAIL_HEADER) === undefined && !m.labelIds.includes('DRAFT'),
  );
  const last = candidates.at(-1);
  if (!last) return '';
  try {
    const full = await context.calls.fullMessage(last.id);
    return messageText(full.payload).body.slice(0, 3_000);
  } catch (error) {
    if (error instanceof GmailApiError && error.status === 404) return '';
    throw error;
  }
}

export const csatSurveys: Automation = async (context) => {
  const { settings } = context;
  if (!settings.csat.enabled) return;
  const memory = handledMemory(context.memory);
  let sent = 0;
  const solvedTimes = await recentlySolved(context);
  const tickets = await getTickets(context.db, [...solvedTimes.keys()]);
  for (const ticket of tickets.sort((a, b) => a.createdAt - b.createdAt)) {
    if (sent >= SURVEYS_PER_PASS || !context.holdsLease()) return;
    const requester = ticket.requester;
    const solved = solvedTimes.get(ticket.threadId);
    if (!requester || ticket.status !== 'Solved' || solved === undefined) continue;
    const episode = ticket.lastCustomerMessageAt ?? ticket.createdAt;
    const key = `survey:${ticket.threadId}:${episode}`;
    if (await memory.handled(key)) continue;
    const sendAt = csatSendAt(solved, settings.csat.delayHours, calendarFor(settings, ticket.group));
    if (context.now < sendAt) continue;
    if (context.now > sendAt + SURVEY_TOO_LATE_MS) {
      await memory.markHandled(key);
      continue;
    }
    const thread = await context.calls.threadReplyHeaders(ticket.threadId);
    const quote = await conversationQuote(context, thread);
    const language = detectLanguage(`${ticket.subject}\n${quote}`).language;
    const token = randomToken();
    const request = {
      ticket,
      kind: 'survey' as const,
      episodeStart: episode,
      token,
      build: (facts: { subject: string; customer: { name?: string } }) =>
        surveyText({
          language,
          ...(facts.customer.name ? { customerName: facts.customer.name } : {}),
          reference: ticket.reference,
          subject: facts.subject,
          mailbox: context.mailbox,
          quote,
          effortQuestion: settings.csat.effortQuestion,
          token,
        }),
    };
    const outcome = await context.sendAutoReply(request);
    if (outcome.kind === 'lost-lease') return;
    if (outcome.kind === 'sent') {
      context.summary.surveys += 1;
      sent += 1;
    } else context.summary.skipped += 1;
    context.log({ automation: 'csat-survey', threadId: ticket.threadId, outcome: outcome.kind });
    await memory.markHandled(key);
  }
};

/** The follow-up tag as a ticket tag (`CSAT/Follow up` → what CSAT, why Follow up). */
export function followUpTag(path: string): TicketTag {
  const [what = path, ...why] = path.split('/');
  return why.length > 0 ? { what: what.trim(), why: why.join('/').trim() } : { what: what.trim() };
}

/** The tokens of the surveys sent in a thread (`survey; ref=#ABC123; token=ld-…`). */
export function surveyTokens(thread: ThreadSummary, reference: string): string[] | null {
  const tokens: string[] = [];
  let surveys = 0;
  for (const message of thread.messages) {
    const value = header(message.payload.headers, AUTO_MAIL_HEADER);
    if (!value) continue;
    const params = value.split(';').map((p) => p.trim());
    if (params[0]?.toLowerCase() !== 'survey') continue;
    const ref = params.find((p) => p.startsWith('ref='))?.slice(4);
    if (ref !== undefined && ref.toUpperCase() !== reference.toUpperCase()) continue;
    surveys += 1;
    const token = params.find((p) => p.startsWith('token='))?.slice(6);
    if (token) tokens.push(token);
  }
  return surveys === 0 ? null : tokens;
}

export const csatAnswers: Automation = async (context) => {
  const { records } = context;
  const memory = handledMemory(context.memory);
  const ids = new Map<string, string | undefined>();
  for (const q of ANSWER_SEARCH) {
    let pageToken: string | undefined;
    do {
      const page = await context.calls.searchMessageIds('INBOX', q, pageToken);
      for (const m of page.messages) ids.set(m.id, m.threadId);
      pageToken = page.nextPageToken;
    } while (pageToken);
  }
  const fresh: string[] = [];
  for (const id of ids.keys()) if (!(await memory.handled(`answer:${id}`))) fresh.push(id);
  if (fresh.length === 0) return;

  let byReference: Map<string, TicketRecord> | undefined;
  let labelId: string | undefined;
  for (const id of fresh) {
    let message: Awaited<ReturnType<typeof context.calls.fullMessage>>;
    try {
      message = await context.calls.fullMessage(id);
    } catch (error) {
      if (error instanceof GmailApiError && error.status === 404) await memory.markHandled(`answer:${id}`);
      else throw error;
      continue;
    }
    if (message.labelIds.includes('SENT') || message.labelIds.includes('DRAFT')) {
      await memory.markHandled(`answer:${id}`);
      continue;
    }
    const headers = message.payload.headers;
    const input = {
      subject: header(headers, 'Subject') ?? '',
      text: messageText(message.payload).body,
      from: header(headers, 'From') ?? '',
    };
    const answer: SurveyAnswer | EffortAnswer | null = parseSurveyAnswer(input) ?? parseEffortAnswer(input);
    if (!answer) {
      await memory.markHandled(`answer:${id}`);
      continue;
    }
    if (!byReference) {
      byReference = new Map();
      for (const ticket of await context.db.getAll('tickets')) byReference.set(ticket.reference, ticket);
    }
    const wanted = answer.reference.toUpperCase().replace(/^#?/, '#');
    const ticket = byReference.get(wanted);
    if (!ticket) continue; // not synced yet, or not ours: asked again next pass
    const thread = await context.calls.threadReplyHeaders(ticket.threadId);
    const tokens = surveyTokens(thread, ticket.reference);
    if (tokens === null || (answer.token !== undefined && !tokens.includes(answer.token))) {
      context.summary.skipped += 1;
      context.log({
        automation: 'csat-answer',
        threadId: ticket.threadId,
        outcome: 'skipped: no matching survey',
      });
      await memory.markHandled(`answer:${id}`);
      continue;
    }
    const earlier = await records.csat(ticket.threadId);
    if (!earlier.some((r) => r.answerMessageId === id)) {
      const previous = earlier.at(-1);
      const rating = 'rating' in answer ? answer.rating : previous?.rating;
      if (rating !== undefined) {
        const effort = answer.effort;
        await records.addCsat({
          threadId: ticket.threadId,
          rating,
          ...(effort !== undefined ? { effort } : {}),
          ...(answer.comment ? { comment: answer.comment.slice(0, 5_000) } : {}),
          answerMessageId: id,
          answeredAt: Number(message.internalDate),
        });
        context.summary.answersRecorded += 1;
        if ('rating' in answer && answer.rating === 'bad') {
          await context.engine.updateTicket(
            ticket.threadId,
            { addTags: [followUpTag(context.settings.csat.followUpTag)] },
            CSAT_ACTOR,
          );
        }
      }
    }
    labelId ??= await csatLabelId(context);
    if (message.threadId === ticket.threadId) {
      // Inside the ticket's own thread: only the answer leaves the inbox, the conversation stays.
      await context.calls.modifyMessage(id, [labelId], ['INBOX', 'UNREAD']);
    } else {
      const [result] = await context.calls.modifyThreads([
        { threadId: message.threadId, addLabelIds: [labelId], removeLabelIds: ['INBOX', 'UNREAD'] },
      ]);
      if (result && !result.ok) throw result.error;
    }
    context.log({ automation: 'csat-answer', threadId: ticket.threadId, outcome: 'recorded' });
    await memory.markHandled(`answer:${id}`);
  }
};

/** The id of `<prefix>/CSAT`, created (visible) when missing. */
async function csatLabelId(context: PassContext): Promise<string> {
  const name = `${context.engine.codec.prefix}/CSAT`;
  const find = async () =>
    (await context.calls.listLabels()).find((l) => l.name.toLowerCase() === name.toLowerCase())?.id;
  let id = await find();
  if (id === undefined) {
    try {
      id = (await context.calls.createLabel(name, false)).id;
    } catch (error) {
      if (!(error instanceof GmailApiError && error.status === 409)) throw error;
      id = await find();
    }
  }
  if (id === undefined) throw new Error('The CSAT label could not be created');
  return id;
}
