import { describe, expect, it } from 'vitest';
import type { SeedMessage, SeedThread } from '../contracts';
import { DEMO_SCENARIOS, demoThreads } from './demo';
import { DEMO_RECORDS_LABEL } from './demo-records';
import type { DemoThread, Language } from './demo-types';
import { DEMO_MAILBOX, loadSeed } from './index';

const NOW = new Date('2026-11-23T09:30:00Z');
const DAY_MS = 86_400_000;
const MAILBOX = { name: DEMO_MAILBOX.displayName, email: DEMO_MAILBOX.emailAddress };
const NON_TICKET_KINDS = new Set(['auto-reply', 'bounce', 'newsletter', 'notification']);

const loaded = loadSeed('demo', NOW);
const isRecord = (thread: SeedThread) => thread.labels.includes(DEMO_RECORDS_LABEL);
/** The mail; the shared records that follow it are checked on their own (demo-records.test.ts). */
const seed = { ...loaded, threads: loaded.threads.filter((thread) => !isRecord(thread)) };
const demo = demoThreads(NOW, MAILBOX);
const tickets = demo.filter((entry) => !NON_TICKET_KINDS.has(entry.kind));

/** The language of a text by its script; English is what has none of the others' letters. */
function scriptOf(text: string): Language {
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) return 'ja';
  if (/[\u0400-\u04ff]/.test(text)) return 'ru';
  if (/[ąćęłńśźżĄĆĘŁŃŚŹŻ]/.test(text)) return 'pl';
  return 'en';
}

function helpdeskLabels(thread: SeedThread, family: string): string[] {
  return thread.labels.filter((label) => label.startsWith(`Helpdesk/${family}/`));
}

function fromMailbox(message: SeedMessage): boolean {
  return message.from.email === DEMO_MAILBOX.emailAddress;
}

function headerOf(message: SeedMessage, name: string): string | undefined {
  const entry = Object.entries(message.headers ?? {}).find(
    ([key]) => key.toLowerCase() === name.toLowerCase(),
  );
  return entry?.[1];
}

function countBy(entries: readonly DemoThread[], key: (entry: DemoThread) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) counts[key(entry)] = (counts[key(entry)] ?? 0) + 1;
  return counts;
}

describe('demo seed', () => {
  it('is the same mailbox for the same clock', () => {
    expect(loadSeed('demo', new Date(NOW))).toEqual(loaded);
  });

  it('moves with the clock: a later now shifts every date by the same amount and changes nothing else', () => {
    const shiftedSeed = loadSeed('demo', new Date(NOW.getTime() + 3 * DAY_MS));
    const later = { threads: shiftedSeed.threads.filter((thread) => !isRecord(thread)) };
    expect(shiftedSeed.threads).toHaveLength(loaded.threads.length);
    expect(later.threads).toHaveLength(seed.threads.length);
    seed.threads.forEach((thread, threadIndex) => {
      const shifted = later.threads[threadIndex];
      expect(shifted?.labels).toEqual(thread.labels);
      thread.messages.forEach((message, messageIndex) => {
        const moved = shifted?.messages[messageIndex];
        expect(moved?.subject).toBe(message.subject);
        expect(moved?.from).toEqual(message.from);
        // Out-of-office texts name their return day, which moves with the clock.
        if (headerOf(message, 'X-Autoreply') === undefined) expect(moved?.text).toBe(message.text);
        expect((moved?.date.getTime() ?? 0) - message.date.getTime()).toBe(3 * DAY_MS);
      });
    });
  });

  it('is the Northwind Shop mailbox; the empty seed has no threads', () => {
    expect(seed.emailAddress).toBe('support@northwind-shop.example');
    expect(loadSeed('empty', NOW).threads).toEqual([]);
  });

  it('holds 150 threads, all within the 60 days before now, each in date order', () => {
    expect(seed.threads).toHaveLength(150);
    for (const thread of seed.threads) {
      expect(thread.messages.length).toBeGreaterThan(0);
      const dates = thread.messages.map((message) => message.date.getTime());
      expect(dates).toEqual([...dates].sort((a, b) => a - b));
      for (const date of dates) {
        expect(date).toBeLessThanOrEqual(NOW.getTime());
        expect(date).toBeGreaterThanOrEqual(NOW.getTime() - 60 * DAY_MS);
      }
    }
  });

  it('matches the counts documented at the top of demo.ts', () => {
    expect(tickets).toHaveLength(125);
    expect(countBy(tickets, (entry) => entry.language)).toEqual({ en: 50, ru: 28, pl: 25, ja: 22 });
    expect(countBy(tickets, (entry) => entry.kind)).toEqual({
      'order-not-received': 20,
      'wrong-item': 9,
      'damaged-item': 9,
      refund: 11,
      'invoice-data': 14,
      'payment-error': 11,
      account: 10,
      'order-change': 5,
      'pre-sales': 18,
      'feature-request': 6,
      complaint: 5,
      thanks: 7,
    });
    expect(
      countBy(
        demo.filter((entry) => NON_TICKET_KINDS.has(entry.kind)),
        (entry) => entry.kind,
      ),
    ).toEqual({
      newsletter: 9,
      notification: 8,
      'auto-reply': 6,
      bounce: 2,
    });
    expect(countBy(tickets, (entry) => entry.status ?? 'not triaged')).toEqual({
      New: 23,
      Open: 14,
      Pending: 6,
      'On hold': 5,
      Solved: 33,
      Closed: 12,
      'not triaged': 32,
    });
    const messages = seed.threads.flatMap((thread) => thread.messages);
    expect(messages).toHaveLength(391);
    expect(seed.threads.filter((thread) => thread.messages.length >= 6)).toHaveLength(9);
    expect(messages.filter((message) => message.attachments?.length)).toHaveLength(35);
    expect(messages.filter((message) => message.unread)).toHaveLength(37);
    expect(seed.threads.filter((thread) => thread.labels.includes('STARRED'))).toHaveLength(17);
    expect(seed.threads.filter((thread) => thread.labels.includes('IMPORTANT'))).toHaveLength(45);
    expect(
      tickets.filter((entry) =>
        entry.thread.messages.some((message) => headerOf(message, 'X-Autoreply') === 'yes'),
      ),
    ).toHaveLength(3);
    expect(DEMO_SCENARIOS).toHaveLength(42);
    expect(new Set(DEMO_SCENARIOS.map((scenario) => scenario.id)).size).toBe(DEMO_SCENARIOS.length);
  });

  it('has customers writing in English, Russian, Polish and Japanese, each ticket in its own language', () => {
    for (const entry of tickets) {
      const first = entry.thread.messages[0];
      expect(first && scriptOf(`${first.subject}\n${first.text}`), entry.scenarioId).toBe(entry.language);
    }
    const scripts = new Set(seed.threads.map((thread) => scriptOf(thread.messages[0]?.text ?? '')));
    expect([...scripts].sort()).toEqual(['en', 'ja', 'pl', 'ru']);
  });

  it('leaves no template placeholder unfilled', () => {
    for (const thread of seed.threads) {
      for (const message of thread.messages) {
        expect(`${message.subject}\n${message.text}`).not.toMatch(
          /\{\w+\}|\[[^\]|]*\|[^\]]*\]|<[^>|]*\|[^>]*>/,
        );
      }
    }
  });

  it('keeps the Helpdesk label invariants: one status, at most one priority, assignee and group', () => {
    const labelled = seed.threads.filter((thread) =>
      thread.labels.some((label) => label.startsWith('Helpdesk/')),
    );
    expect(labelled.length).toBeGreaterThan(60);
    for (const thread of labelled) {
      expect(helpdeskLabels(thread, 'Status')).toHaveLength(1);
      expect(helpdeskLabels(thread, 'Priority').length).toBeLessThanOrEqual(1);
      expect(helpdeskLabels(thread, 'Assignee').length).toBeLessThanOrEqual(1);
      expect(helpdeskLabels(thread, 'Group').length).toBeLessThanOrEqual(1);
      const [status] = helpdeskLabels(thread, 'Status');
      expect(status).toMatch(/^Helpdesk\/Status\/(New|Open|Pending|On hold|Solved|Closed)$/);
      for (const label of helpdeskLabels(thread, 'Priority')) {
        expect(label).toMatch(/^Helpdesk\/Priority\/(Low|Normal|High|Urgent)$/);
      }
      for (const label of helpdeskLabels(thread, 'Assignee')) {
        expect(['Anna Kowalska', 'Dmitri Sokolov', 'Yuki Tanaka', 'Sam Porter']).toContain(
          label.split('/')[2],
        );
      }
    }
    const statuses = new Set(labelled.flatMap((thread) => helpdeskLabels(thread, 'Status')));
    expect(statuses.size).toBeGreaterThanOrEqual(5);
    const tags = labelled.flatMap((thread) => helpdeskLabels(thread, 'Tag'));
    expect(tags).toContain('Helpdesk/Tag/Shipping/Late by shipper');
    expect(tags).toContain('Helpdesk/Tag/Payments/Payment error');
    expect(tags.some((tag) => tag.split('/').length === 3)).toBe(true);
  });

  it('ends every solved or closed ticket with a team reply, and a new ticket is one customer message', () => {
    for (const thread of seed.threads) {
      const [status] = helpdeskLabels(thread, 'Status');
      const last = thread.messages[thread.messages.length - 1];
      if (status === 'Helpdesk/Status/Solved' || status === 'Helpdesk/Status/Closed') {
        expect(last && fromMailbox(last)).toBe(true);
      }
      if (status === 'Helpdesk/Status/New') {
        expect(thread.messages).toHaveLength(1);
        expect(last && fromMailbox(last)).toBe(false);
      }
    }
  });

  it('answers from the mailbox with Re: subjects in the customer language', () => {
    const replies = seed.threads.flatMap((thread) => thread.messages.slice(1).filter(fromMailbox));
    expect(replies.length).toBeGreaterThan(100);
    for (const reply of replies) expect(reply.subject).toMatch(/^Re: /);
    for (const entry of tickets) {
      for (const reply of entry.thread.messages.filter(fromMailbox)) {
        expect(scriptOf(reply.text), entry.scenarioId).toBe(entry.language);
      }
    }
  });

  it('has conversations of one message and of six to ten', () => {
    const lengths = seed.threads.map((thread) => thread.messages.length);
    expect(lengths).toContain(1);
    expect(lengths.filter((length) => length >= 6).length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(10);
    expect(Math.max(...lengths)).toBeGreaterThanOrEqual(8);
  });

  it('has auto-replies in several languages that carry Auto-Submitted and X-Autoreply', () => {
    const autoReplies = seed.threads.flatMap((thread) =>
      thread.messages.filter((message) => headerOf(message, 'X-Autoreply') === 'yes'),
    );
    expect(autoReplies.length).toBeGreaterThanOrEqual(5);
    for (const message of autoReplies) expect(headerOf(message, 'Auto-Submitted')).toBe('auto-replied');
    expect(new Set(autoReplies.map((message) => scriptOf(message.text))).size).toBe(4);
  });

  it('has newsletters and notifications with bulk headers, in Promotions or Updates, never labelled', () => {
    const bulk = seed.threads.filter((thread) =>
      thread.messages.some((message) => headerOf(message, 'List-Unsubscribe') !== undefined),
    );
    expect(bulk.length).toBeGreaterThanOrEqual(9);
    for (const thread of bulk) {
      const message = thread.messages[0];
      expect(message && headerOf(message, 'List-Id')).toBeTruthy();
      expect(message && headerOf(message, 'Precedence')).toBe('bulk');
      expect(thread.labels).toContain('CATEGORY_PROMOTIONS');
    }
    const updates = seed.threads.filter((thread) => thread.labels.includes('CATEGORY_UPDATES'));
    expect(updates.length).toBeGreaterThanOrEqual(5);
    for (const thread of updates)
      expect(thread.messages[0]?.headers?.['Auto-Submitted']).toBe('auto-generated');
    for (const entry of demo.filter((candidate) => NON_TICKET_KINDS.has(candidate.kind))) {
      expect(entry.thread.labels.filter((label) => label.startsWith('Helpdesk/'))).toEqual([]);
    }
  });

  it('has mailer-daemon bounces naming the failed recipient', () => {
    const bounces = seed.threads.flatMap((thread) =>
      thread.messages.filter((message) => /^mailer-daemon@/i.test(message.from.email)),
    );
    expect(bounces).toHaveLength(2);
    for (const bounce of bounces) {
      expect(headerOf(bounce, 'X-Failed-Recipients')).toMatch(/@/);
      expect(headerOf(bounce, 'Auto-Submitted')).toBe('auto-replied');
    }
  });

  it('has a customer who complains again and again', () => {
    const complaints = countBy(
      tickets.filter((entry) => entry.kind === 'complaint'),
      (entry) => entry.thread.messages[0]?.from.email ?? '',
    );
    expect(Math.max(...Object.values(complaints))).toBeGreaterThanOrEqual(3);
  });

  it('has real PNG and PDF attachments, unread mail, starred and important threads, order and tracking numbers', () => {
    const attachments = seed.threads.flatMap((thread) =>
      thread.messages.flatMap((message) => message.attachments ?? []),
    );
    const png = attachments.find((attachment) => attachment.contentType === 'image/png');
    const pdf = attachments.find((attachment) => attachment.contentType === 'application/pdf');
    expect(
      Buffer.from(png?.contentBase64 ?? '', 'base64')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect(
      Buffer.from(pdf?.contentBase64 ?? '', 'base64')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const messages = seed.threads.flatMap((thread) => thread.messages);
    expect(messages.filter((message) => message.unread).length).toBeGreaterThan(10);
    expect(seed.threads.filter((thread) => thread.labels.includes('STARRED')).length).toBeGreaterThan(3);
    expect(seed.threads.filter((thread) => thread.labels.includes('IMPORTANT')).length).toBeGreaterThan(10);
    const text = messages.map((message) => message.text).join('\n');
    expect(text).toMatch(/#NW-1\d{4}/);
    expect(text).toMatch(/\b[A-Z]{2}\d{9}PL\b/);
  });
});
