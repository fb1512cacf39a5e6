import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { Mailbox, StandinClock, threadingSubject } from './mailbox';

const raw = (subject: string, extra = '') =>
  Buffer.from(
    `From: ann@customer.example\r\nSubject: ${subject}\r\n${extra}MIME-Version: 1.0\r\n\r\nHello\r\n`,
  );

describe('threadingSubject', () => {
  it.each([
    ['Re: Broken mug', 'broken mug'],
    ['RE: re: Broken mug', 'broken mug'],
    ['Fwd: Broken mug', 'broken mug'],
    ['AW: Broken mug', 'broken mug'],
    ['Odp: Broken mug', 'broken mug'],
    ['Ответ: Broken mug', 'broken mug'],
    ['Re[2]: Broken mug', 'broken mug'],
    ['Broken mug: again', 'broken mug: again'],
  ])('%s → %s', (subject, expected) => {
    expect(threadingSubject(subject)).toBe(expected);
  });
});

describe('history', () => {
  it('keeps only the newest records and answers 404 to a cursor before them', async () => {
    const mailbox = new Mailbox('support@northwind-shop.example', 'Support', new StandinClock(), 3);
    const start = mailbox.historyId();
    for (let i = 0; i < 5; i++) await mailbox.addRawMessage({ raw: raw(`n${i}`), mode: 'insert' });
    expect(() => mailbox.historySince(start, {})).toThrow(ApiError);
    const recent = mailbox.historyId() - 3n;
    expect(mailbox.historySince(recent, {})).toHaveLength(3);
  });

  it('forgets everything on expireHistory, and a cursor from then on works', async () => {
    const mailbox = new Mailbox('support@northwind-shop.example', 'Support', new StandinClock());
    const start = mailbox.historyId();
    await mailbox.addRawMessage({ raw: raw('before'), mode: 'insert' });
    mailbox.expireHistory();
    expect(() => mailbox.historySince(start, {})).toThrow(ApiError);
    const fresh = mailbox.historyId();
    await mailbox.addRawMessage({ raw: raw('after'), mode: 'insert' });
    expect(mailbox.historySince(fresh, {})).toHaveLength(1);
  });
});

describe('arrival', () => {
  it('dates an insert by the stand-in clock and an import by its Date header', async () => {
    const clock = new StandinClock(new Date('2030-01-01T00:00:00Z'));
    const mailbox = new Mailbox('support@northwind-shop.example', 'Support', clock);
    const dated = raw('dated', 'Date: Tue, 01 Oct 2024 10:00:00 +0000\r\n');
    const inserted = await mailbox.addRawMessage({ raw: dated, mode: 'insert' });
    const imported = await mailbox.addRawMessage({ raw: dated, mode: 'import' });
    expect(Math.abs(inserted.internalDate - Date.parse('2030-01-01T00:00:00Z'))).toBeLessThan(1000);
    expect(imported.internalDate).toBe(Date.parse('2024-10-01T10:00:00Z'));
  });

  it('threads an arriving reply by References and Subject', async () => {
    const mailbox = new Mailbox('support@northwind-shop.example', 'Support', new StandinClock());
    const first = await mailbox.addRawMessage({
      raw: raw('Mug', 'Message-ID: <m1@c.example>\r\n'),
      mode: 'insert',
    });
    const reply = await mailbox.addRawMessage({
      raw: raw('Re: Mug', 'References: <m1@c.example>\r\n'),
      mode: 'insert',
    });
    const other = await mailbox.addRawMessage({
      raw: raw('Plate', 'References: <m1@c.example>\r\n'),
      mode: 'insert',
    });
    expect(reply.threadId).toBe(first.threadId);
    expect(other.threadId).toBe(other.id);
  });
});

describe('the label limit', () => {
  it('refuses labels.create past 10,000 user labels (a lowered limit for tests) and allows it after a delete', () => {
    const mailbox = new Mailbox('support@northwind-shop.example', 'Support', new StandinClock());
    expect(mailbox.labelLimit).toBe(10_000);
    mailbox.labelLimit = 2;
    const first = mailbox.createLabel({ name: 'One' });
    mailbox.createLabel({ name: 'Two' });
    let refused: unknown;
    try {
      mailbox.createLabel({ name: 'Three' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe(400);
    expect((refused as ApiError).message).toMatch(/Label limit exceeded/);
    mailbox.deleteLabel(first.id);
    expect(mailbox.createLabel({ name: 'Three' }).name).toBe('Three');
  });
});
