import { describe, expect, it } from 'vitest';
import type { SeedThread } from '../contracts';
import { syntheticThreads } from './index';

const NOW = new Date('2026-11-23T09:30:00Z');
const DAY_MS = 86_400_000;
const MAILBOX = 'support@northwind-shop.example';

function helpdeskLabels(thread: SeedThread, family: string): string[] {
  return thread.labels.filter((label) => label.startsWith(`Helpdesk/${family}/`));
}

describe('synthetic threads', () => {
  it('gives exactly the number asked for', () => {
    expect(syntheticThreads(0, NOW, MAILBOX)).toEqual([]);
    expect(syntheticThreads(1, NOW, MAILBOX)).toHaveLength(1);
    expect(syntheticThreads(137, NOW, MAILBOX)).toHaveLength(137);
  });

  it('builds 10,000 threads fast (time printed, not asserted tightly)', () => {
    syntheticThreads(1_000, NOW, MAILBOX); // warm-up, so the measure is of the generator and not the JIT
    const started = performance.now();
    const threads = syntheticThreads(10_000, NOW, MAILBOX);
    const elapsedMs = performance.now() - started;
    const messages = threads.reduce((total, thread) => total + thread.messages.length, 0);
    console.log(`syntheticThreads(10000): ${elapsedMs.toFixed(1)} ms, ${messages} messages`);
    expect(threads).toHaveLength(10_000);
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it('is deterministic for the same count and clock', () => {
    expect(syntheticThreads(500, new Date(NOW), MAILBOX)).toEqual(syntheticThreads(500, NOW, MAILBOX));
  });

  const threads = syntheticThreads(2_000, NOW, MAILBOX);

  it('has 1 to 5 messages per thread, in date order, within the 90 days before now', () => {
    const lengths = new Set<number>();
    for (const thread of threads) {
      lengths.add(thread.messages.length);
      const dates = thread.messages.map((message) => message.date.getTime());
      expect(dates).toEqual([...dates].sort((a, b) => a - b));
      for (const date of dates) {
        expect(date).toBeLessThanOrEqual(NOW.getTime());
        expect(date).toBeGreaterThanOrEqual(NOW.getTime() - 90 * DAY_MS);
      }
    }
    expect([...lengths].sort()).toEqual([1, 2, 3, 4, 5]);
    const starts = threads.map((thread) => thread.messages[0]?.date.getTime() ?? 0);
    expect(Math.min(...starts)).toBeLessThan(NOW.getTime() - 80 * DAY_MS);
    expect(Math.max(...starts)).toBeGreaterThan(NOW.getTime() - 5 * DAY_MS);
  });

  it('varies subjects and senders, and answers from the mailbox', () => {
    const subjects = new Set(threads.map((thread) => thread.messages[0]?.subject));
    const senders = new Set(threads.map((thread) => thread.messages[0]?.from.email));
    expect(subjects.size).toBeGreaterThan(threads.length / 2);
    expect(senders.size).toBeGreaterThan(threads.length / 3);
    for (const thread of threads) {
      const [first, ...rest] = thread.messages;
      expect(first?.from.email).not.toBe(MAILBOX);
      for (const reply of rest) expect(reply.subject).toMatch(/^Re: /);
      for (const message of thread.messages.filter((candidate) => candidate.from.email === MAILBOX)) {
        expect(message.to[0]?.email).toBe(first?.from.email);
      }
    }
  });

  it('labels a share of threads, keeping the Helpdesk invariants', () => {
    const labelled = threads.filter((thread) => thread.labels.some((label) => label.startsWith('Helpdesk/')));
    expect(labelled.length / threads.length).toBeGreaterThan(0.3);
    expect(labelled.length / threads.length).toBeLessThan(0.5);
    for (const thread of labelled) {
      expect(helpdeskLabels(thread, 'Status')).toHaveLength(1);
      expect(helpdeskLabels(thread, 'Priority').length).toBeLessThanOrEqual(1);
      expect(helpdeskLabels(thread, 'Assignee').length).toBeLessThanOrEqual(1);
      expect(helpdeskLabels(thread, 'Group').length).toBeLessThanOrEqual(1);
      const lastFromTeam = thread.messages[thread.messages.length - 1]?.from.email === MAILBOX;
      const [status] = helpdeskLabels(thread, 'Status');
      if (status === 'Helpdesk/Status/Solved' || status === 'Helpdesk/Status/Closed')
        expect(lastFromTeam).toBe(true);
      if (status === 'Helpdesk/Status/New') expect(thread.messages).toHaveLength(1);
    }
  });
});
