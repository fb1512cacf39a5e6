import { describe, expect, it } from 'vitest';
import {
  type ConfigRecord,
  findMentions,
  latestConfig,
  type NoteRecord,
  recordFromJson,
  recordToRfc822,
} from './records';
import { starterTemplates } from './starter-templates';

const note: NoteRecord = {
  kind: 'note',
  id: '6f1c2a9e-3b1d-4c57-9a55-0f2d7c1e8b44',
  threadId: '19a4c2e8f1b20001',
  author: 'Дмитрий Соколов',
  body: 'Клиент просит вернуть деньги.\r\nSubject: injected\r\n\r\n<script>alert(1)</script> 😀',
  mentions: [],
  createdAt: Date.UTC(2026, 10, 22, 10, 0),
};

function bodyOf(rfc822: string): string {
  const [, body = ''] = rfc822.split('\r\n\r\n');
  const binary = atob(body.replace(/\r\n/g, ''));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

describe('a shared record as a message', () => {
  const rfc822 = recordToRfc822(note, 'support@northwind-shop.example', new Date(note.createdAt));
  const [head = ''] = rfc822.split('\r\n\r\n');

  it('has only ASCII headers, marks itself automatic, and is addressed to the mailbox alone', () => {
    expect(/^[\x20-\x7e\r\n]*$/.test(head)).toBe(true);
    expect(head).toContain('To: support@northwind-shop.example');
    expect(head).toContain('X-Labeldesk-Record: note; v=1');
    expect(head).toContain('Auto-Submitted: auto-generated');
    expect(head).not.toMatch(/^(Cc|Bcc):/m);
  });

  it('keeps customer text in the base64 body, where it cannot forge a header', () => {
    expect(rfc822).not.toContain('Subject: injected');
    expect(rfc822.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    expect(recordFromJson(bodyOf(rfc822))).toEqual({ ok: true, record: note });
  });

  it('refuses to write an invalid record or a non-ASCII mailbox', () => {
    expect(() => recordToRfc822({ ...note, threadId: 'nope' }, 'support@x.example', new Date())).toThrow();
    expect(() => recordToRfc822(note, 'поддержка@x.example', new Date())).toThrow(/ASCII/);
  });
});

describe('reading a record', () => {
  it.each([
    ['not JSON', 'nope'],
    ['another format version', JSON.stringify({ labeldesk: 2, record: note })],
    ['an unknown kind', JSON.stringify({ labeldesk: 1, record: { ...note, kind: 'macro' } })],
    ['a note with no body', JSON.stringify({ labeldesk: 1, record: { ...note, body: '' } })],
    ['a plain email', JSON.stringify({ hello: 'world' })],
  ])('refuses %s with a reason', (_what, text) => {
    const result = recordFromJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.length).toBeGreaterThan(3);
  });
});

describe('findMentions', () => {
  const agents = ['Anna', 'Anna Kowalska', 'Yuki Tanaka', '田中'];
  it.each([
    ['@Anna Kowalska please look', ['Anna Kowalska']],
    ['@anna, thoughts?', ['Anna']],
    ['@Annabel is not an agent', []],
    ['@Yuki Tanaka and @田中さん', ['Yuki Tanaka', '田中']],
    ['mail anna@example.com', []],
    ['no mentions', []],
  ])('finds in %j: %j', (body, expected) => {
    expect(findMentions(body, agents)).toEqual(expected);
  });
});

describe('the team config record', () => {
  const config: ConfigRecord = {
    kind: 'config',
    id: '00000000-0000-4000-8000-000000000001',
    author: 'Anna',
    createdAt: 1_000,
    config: { agents: [], labelPrefix: 'Helpdesk', teamDomains: [], tags: [] },
  };

  it('round-trips as a message with an ASCII subject and no thread', () => {
    const rfc822 = recordToRfc822(config, 'support@northwind-shop.example', new Date(1_000));
    expect(rfc822).toContain('Subject: Labeldesk config\r\n');
    expect(recordFromJson(bodyOf(rfc822))).toEqual({ ok: true, record: config });
  });

  it('in force is the newest, ties broken by id the same way everywhere', () => {
    const later = { ...config, id: '00000000-0000-4000-8000-000000000002', createdAt: 2_000 };
    const tie = { ...later, id: '00000000-0000-4000-8000-000000000003' };
    expect(latestConfig([config, later])).toBe(later);
    expect(latestConfig([later, tie])?.id).toBe(latestConfig([tie, later])?.id);
    expect(latestConfig([])).toBeUndefined();
  });
});

describe('notification records', () => {
  it('travel as records like notes, addressed by agent name', () => {
    const record = {
      kind: 'notify' as const,
      id: '0f9e8d7c-6b5a-4321-8fed-cba987654321',
      to: 'Yuki Tanaka',
      from: 'Anna Kowalska',
      threadId: '184a87a7b32dd009',
      macro: 'Refund approved',
      createdAt: Date.UTC(2026, 10, 23, 9),
    };
    const raw = recordToRfc822(record, 'support@shop.example', new Date(record.createdAt));
    expect(raw).toContain('Subject: Labeldesk notify 184a87a7b32dd009');
    const body = raw.split('\r\n\r\n')[1]?.replace(/\r\n/g, '') ?? '';
    const text = new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0)));
    expect(recordFromJson(text)).toEqual({ ok: true, record });
  });
});

describe('the template library record', () => {
  it('carries the starter library in one record, read back whole', () => {
    const now = Date.UTC(2026, 10, 23, 9);
    const record = {
      kind: 'templates' as const,
      id: '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d',
      author: 'Anna Kowalska',
      library: {
        templates: starterTemplates('pl', now, 'Anna Kowalska'),
        shortcuts: [{ abbreviation: 'пож', expansion: 'пожалуйста,' }],
        macros: [],
      },
      createdAt: now,
    };
    const raw = recordToRfc822(record, 'support@shop.example', new Date(now));
    expect(raw).toContain('Subject: Labeldesk templates');
    const body = raw.split('\r\n\r\n')[1]?.replace(/\r\n/g, '') ?? '';
    const text = new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0)));
    const read = recordFromJson(text);
    expect(read.ok && read.record.kind === 'templates' && read.record.library.templates).toHaveLength(6);
    expect(read.ok && read.record.kind === 'templates' && read.record.library.shortcuts).toEqual(
      record.library.shortcuts,
    );
  });

  it('reads a record written before shortcuts and macros existed, with none of them', () => {
    const now = Date.UTC(2026, 10, 1);
    const old = {
      kind: 'templates',
      id: '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d',
      author: 'Anna Kowalska',
      library: { templates: starterTemplates('en', now, 'Anna Kowalska').slice(0, 1) },
      createdAt: now,
    };
    const read = recordFromJson(JSON.stringify({ labeldesk: 1, record: old }));
    if (!read.ok || read.record.kind !== 'templates') throw new Error('the old record did not read');
    expect(read.record.library.shortcuts).toEqual([]);
    expect(read.record.library.macros).toEqual([]);
    expect(read.record.library.templates).toHaveLength(1);
  });
});
