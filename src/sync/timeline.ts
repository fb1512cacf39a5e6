/**
 * A ticket's timeline (issue 7): when each customer message came, each human team reply went out and each
 * solve happened. Pure: the same classification serves a poll's new messages (the engine's response times)
 * and a whole thread read on demand, so both count a message the same way.
 */
import { parseEffortAnswer, parseSurveyAnswer } from '../core/auto-mail/csat-answer';
import type { ActivityRecord } from '../core/records';
import type { TicketStatus } from '../core/ticket';
import { header, type MessageHeader, type TicketRule } from '../core/ticket-rule';
import { stateAfterArrival } from '../core/triage';
import { TIMELINE_MAX_MESSAGES, TIMELINE_MAX_SOLVES, type TicketTimeline } from '../store/schema';

/** The header that marks Labeldesk's automatic mail (the same name as src/core/auto-mail's AUTO_MAIL_HEADER). */
export const AUTO_MAIL_HEADER = 'X-Labeldesk-Auto';

/** What the classification reads of a message: its labels, its date and a few headers. */
export interface TimelineMessage {
  labelIds: readonly string[];
  internalDate: string;
  payload: { headers: readonly MessageHeader[] };
}

/**
 * Who a message of a ticket's thread counts for: a human team reply (sent, and not Labeldesk's own automatic
 * mail), a customer's message (one the ticket rule accepts as a person's outside the team), or neither
 * (auto-replies, bounces, acknowledgements, surveys and survey answers, drafts).
 */
export type MessageRole = 'customer' | 'team' | 'neither';

export function classifyMessage(message: TimelineMessage, rule: TicketRule): MessageRole {
  const { labelIds } = message;
  const headers = message.payload.headers;
  if (labelIds.includes('DRAFT')) return 'neither';
  if (labelIds.includes('SENT')) {
    // Labeldesk's own acknowledgement or survey is no person's answer: the clock keeps running.
    return header(headers, AUTO_MAIL_HEADER) === undefined ? 'team' : 'neither';
  }
  if (isSurveyAnswer(message)) return 'neither';
  // A message that would reopen a solved ticket is a customer's: the rule's person-outside-the-team test.
  return stateAfterArrival({ status: 'Solved', tags: [] }, { labelIds, headers }, rule)
    ? 'customer'
    : 'neither';
}

/** A message whose Subject alone reads as an answer to a CSAT survey (`[#ABC123] Rating: good (ld-…)`). */
export function isSurveyAnswer(message: TimelineMessage): boolean {
  if (message.labelIds.includes('SENT')) return false;
  const input = {
    subject: header(message.payload.headers, 'Subject') ?? '',
    text: '',
    from: header(message.payload.headers, 'From') ?? '',
  };
  return parseSurveyAnswer(input) !== null || parseEffortAnswer(input) !== null;
}

export function isSolved(status: TicketStatus | string | undefined): boolean {
  return status === 'Solved' || status === 'Closed';
}

/**
 * `list` with `at` inserted in order; the same moment twice is one message (a thread read on demand and the
 * poll that brings the same message both add it). Over `max`, the oldest but the first are dropped: the first
 * answers "how long to the first reply", the newest what happens now.
 */
export function addTime(list: readonly number[], at: number, max: number): number[] {
  if (list.includes(at)) return [...list];
  const next = [...list];
  let i = next.length;
  while (i > 0 && (next[i - 1] as number) > at) i -= 1;
  next.splice(i, 0, at);
  return capTimes(next, max);
}

function capTimes(sorted: number[], max: number): number[] {
  if (sorted.length <= max) return sorted;
  return [sorted[0] as number, ...sorted.slice(sorted.length - (max - 1))];
}

/** A whole thread's timeline: its messages classified, and the solves found for it (see `solvesFrom`). */
export function timelineOf(
  messages: readonly TimelineMessage[],
  rule: TicketRule,
  solves: readonly number[],
): TicketTimeline {
  const customer: number[] = [];
  const team: number[] = [];
  for (const message of messages) {
    const role = classifyMessage(message, rule);
    if (role === 'neither') continue;
    const at = Number(message.internalDate);
    const list = role === 'customer' ? customer : team;
    if (!list.includes(at)) list.push(at);
  }
  const ascending = (a: number, b: number) => a - b;
  return {
    customer: capTimes(customer.sort(ascending), TIMELINE_MAX_MESSAGES),
    team: capTimes(team.sort(ascending), TIMELINE_MAX_MESSAGES),
    solves: capTimes([...solves].sort(ascending), TIMELINE_MAX_SOLVES),
  };
}

/**
 * When a thread was solved, from the shared activity records of its status changes: each change into Solved
 * or Closed from another status is one solve (Solved → Closed is the same solve). When no record says so and
 * the ticket is Solved or Closed now, `fallback` (the thread's last message) is the estimate: solved tickets
 * end with the team's answer, so its time is close, but it is an estimate, not a recorded moment.
 */
export function solvesFrom(
  activity: readonly Pick<ActivityRecord, 'field' | 'from' | 'to' | 'createdAt'>[],
  status: TicketStatus,
  fallback: number | undefined,
): number[] {
  const changes = activity
    .filter((record) => record.field === 'status')
    .sort((a, b) => a.createdAt - b.createdAt);
  const solves: number[] = [];
  for (const change of changes) {
    if (isSolved(change.to) && !isSolved(change.from)) solves.push(change.createdAt);
  }
  if (solves.length === 0 && isSolved(status) && fallback !== undefined) solves.push(fallback);
  return solves;
}

/**
 * A status change applied to a row: moving into Solved or Closed from another status appends `at` to the
 * timeline's solves (staying solved adds nothing). Rows without a timeline are left for the on-demand read.
 */
export function withSolve(
  timeline: TicketTimeline | undefined,
  before: TicketStatus | undefined,
  after: TicketStatus,
  at: number,
): TicketTimeline | undefined {
  if (!timeline || before === undefined || isSolved(before) || !isSolved(after)) return timeline;
  return { ...timeline, solves: addTime(timeline.solves, at, TIMELINE_MAX_SOLVES) };
}
