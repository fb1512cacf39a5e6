/**
 * The auto-acknowledgement (issue 6): a new ticket's customer hears at once that their request arrived, under
 * which reference, and when a person will answer (the SLA's first-response time in the ticket's business
 * hours), in their language.
 *
 * Who gets one: tickets created after the acknowledgement was turned on (the automation record's time) and
 * at most three days old, with no team reply yet, whose first message `ackEligibility` accepts (never an
 * auto-reply, bulk mail, a mailer-daemon or the team itself), within the per-sender rate limit. Never twice:
 * this runner remembers what it checked, and `sendAutoReply` reads the thread before every send, so a runner
 * that takes the lease over finds the acknowledgement another one sent.
 */

import { ackEligibility } from '../../core/auto-mail/eligibility';
import { acknowledgementFromTemplate, acknowledgementText } from '../../core/auto-mail/texts';
import { calendarFor } from '../../core/automation-config';
import { detectLanguage } from '../../core/language-detect';
import { expectedReplyBy } from '../../core/sla-policy';
import type { TemplateLanguage } from '../../core/templates';
import { ACTIVE_STATUSES } from '../../core/ticket';
import { header } from '../../core/ticket-rule';
import type { MessageMetadata } from '../../gmail/api/sync-calls';
import { MAX_BATCH_SIZE } from '../../gmail/api/transport';
import type { TicketRecord } from '../../store/schema';
import type { Automation, PassContext } from './context';
import { handledMemory } from './handled';
import { readFirstMessages } from './rules';

export const ACK_WINDOW_MS = 3 * 24 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
/** At most this many acknowledgements a pass: a flood of mail is acknowledged over a few passes. */
export const ACKS_PER_PASS = 1_000;

/** The tickets that may need an acknowledgement, oldest first. */
async function candidates(context: PassContext, since: number): Promise<TicketRecord[]> {
  const out: TicketRecord[] = [];
  for (const status of ACTIVE_STATUSES) {
    for (const ticket of await context.db.getAllFromIndex('tickets', 'status', status)) {
      if (ticket.createdAt < since || ticket.createdAt > context.now + DAY_MS) continue;
      if (ticket.firstResponseAt !== undefined || !ticket.hasMetadata || !ticket.requester) continue;
      out.push(ticket);
    }
  }
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

export const acknowledge: Automation = async (context) => {
  const { settings } = context;
  if (!settings.acknowledgement.enabled) return;
  const record = await context.records.automation();
  const since = Math.max(record?.createdAt ?? 0, context.now - ACK_WINDOW_MS);
  const memory = handledMemory(context.memory);
  const waiting: TicketRecord[] = [];
  for (const ticket of await candidates(context, since)) {
    if (!(await memory.handled(`ack:${ticket.threadId}`))) waiting.push(ticket);
    if (waiting.length >= ACKS_PER_PASS) break;
  }
  if (waiting.length === 0) return;

  // The first message's headers (5 units each) decide eligibility; its text, the customer's language.
  const firsts = new Map<string, MessageMetadata>();
  const ids = waiting.map((t) => t.threadId);
  for (let i = 0; i < ids.length; i += MAX_BATCH_SIZE) {
    const chunk = ids.slice(i, i + MAX_BATCH_SIZE);
    for (const [index, result] of (await context.calls.firstMessages(chunk)).entries()) {
      if (result.ok) firsts.set(chunk[index] as string, result.value);
    }
  }
  const teamAddresses = (context.team?.agents ?? []).map((a) => a.email).filter((e) => e.includes('@'));
  const teamDomains = context.team?.teamDomains ?? [];
  const eligible: TicketRecord[] = [];
  for (const ticket of waiting) {
    const first = firsts.get(ticket.threadId);
    const requester = ticket.requester;
    if (!first || !requester) continue;
    const verdict = ackEligibility({
      headers: first.payload.headers,
      labelIds: first.labelIds,
      from: requester.email,
      teamAddresses,
      teamDomains,
      mailbox: context.mailbox,
    });
    if (!verdict.ok) {
      context.summary.skipped += 1;
      context.log({
        automation: 'acknowledge',
        threadId: ticket.threadId,
        outcome: `skipped: ${verdict.reason}`,
      });
      await memory.markHandled(`ack:${ticket.threadId}`);
      continue;
    }
    eligible.push(ticket);
  }
  const texts = await readFirstMessages(
    context.calls,
    eligible.map((t) => t.threadId),
  );

  for (const ticket of eligible) {
    if (!context.holdsLease()) return;
    const requester = ticket.requester;
    const first = firsts.get(ticket.threadId);
    if (!requester || !first) continue;
    const recent = await context.memory.sentTo(requester.email, context.now - DAY_MS);
    if (recent >= settings.acknowledgement.perSenderPerDay) {
      context.summary.skipped += 1;
      context.log({ automation: 'acknowledge', threadId: ticket.threadId, outcome: 'skipped: rate-limit' });
      await memory.markHandled(`ack:${ticket.threadId}`);
      continue;
    }
    const body = texts.get(ticket.threadId)?.body ?? '';
    const language = languageOf(first, ticket.subject, body);
    const expectedBy = expectedReplyBy(ticket.createdAt, ticket, settings);
    const timeZone = calendarFor(settings, ticket.group).timeZone;
    const outcome = await context.sendAutoReply({
      ticket,
      kind: 'ack',
      episodeStart: ticket.createdAt,
      build: (thread) => {
        const input = {
          language,
          ...(thread.customer.name ? { customerName: thread.customer.name } : {}),
          reference: ticket.reference,
          expectedBy,
          timeZone,
          subject: thread.subject,
          now: context.now,
        };
        const template = settings.acknowledgement.templateId
          ? context.library.templates.find((t) => t.id === settings.acknowledgement.templateId)
          : undefined;
        const fromTemplate = template ? acknowledgementFromTemplate(template, input) : null;
        if (fromTemplate) return { subject: fromTemplate.subject, text: fromTemplate.text };
        return acknowledgementText(input);
      },
    });
    if (outcome.kind === 'lost-lease') return;
    if (outcome.kind === 'sent') context.summary.acknowledged += 1;
    else context.summary.skipped += 1;
    context.log({ automation: 'acknowledge', threadId: ticket.threadId, outcome: outcome.kind });
    await memory.markHandled(`ack:${ticket.threadId}`);
  }
};

/** The customer's language: the message's Content-Language when it names one of ours, else its words. */
function languageOf(first: MessageMetadata, subject: string, body: string): TemplateLanguage {
  const declared = header(first.payload.headers, 'Content-Language')?.trim().slice(0, 2).toLowerCase();
  if (declared === 'en' || declared === 'ru' || declared === 'pl' || declared === 'ja') return declared;
  return detectLanguage(`${subject}\n${body}`).language;
}
