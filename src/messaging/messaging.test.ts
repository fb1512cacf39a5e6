import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../core/settings';
import { labeldeskMethods } from './contract';
import { automationResults, pageResults } from './contract-automation';
import { allResults, replyResults } from './contract-replies';
import { labeldeskResults, queueIdSchema, responseSchema, ticketLookupSchema } from './contract-results';
import { LabeldeskError, serializeError } from './errors';
import { classifySender, createReceiver, type Handlers } from './receiver';
import { callBackground, type Transport } from './sender';

const EXTENSION_ID = 'acocndifihbcbdmbdojmfaldmapplekp';
const GMAIL_TAB = { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox/abc', tab: { id: 7 } };
const OPTIONS_PAGE = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/src/options/index.html` };

// Only the methods these tests call; a call to another one fails as a missing handler would.
const handlers = {
  'ticket.describe': ({ threadId, mailbox }) => {
    if (mailbox !== 'support@example.com') {
      throw new LabeldeskError('mailbox-mismatch', 'Signed in as someone else', { expected: mailbox });
    }
    return { threadId, reference: '#7351EA', subject: 'Where is my order?', messageCount: 2 };
  },
  'auth.signIn': ({ mailbox }) => ({ emailAddress: mailbox }),
  'settings.get': () => DEFAULT_SETTINGS,
  'settings.set': (settings) => settings,
  'sync.now': () => ({ tickets: 3, fullSync: false, metadataFetched: 0, sent: 1, remainingOutbox: 0 }),
  'options.open': () => {
    throw new Error('boom');
  },
} as Partial<Handlers> as Handlers;

/** A transport that delivers straight into a receiver, as chrome.runtime would, JSON round trip included. */
function loopback(sender: object): Transport {
  const receive = createReceiver(handlers, EXTENSION_ID);
  return async (message) => {
    const answer = await receive(JSON.parse(JSON.stringify(message)), sender);
    return JSON.parse(JSON.stringify(answer));
  };
}

describe('the messaging contract', () => {
  it('names every method with schemas for arguments and result', () => {
    for (const [name, spec] of Object.entries(labeldeskMethods)) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-zA-Z]+$/);
      expect(spec.callers.length).toBeGreaterThan(0);
    }
  });

  it('takes every result schema from contract-results (the content script), contract-replies (the reply tools) or contract-automation (the options page)', () => {
    expect(Object.keys(pageResults).sort()).toEqual(Object.keys(labeldeskMethods).sort());
    for (const [name, spec] of Object.entries(labeldeskMethods)) {
      expect(spec.result, name).toBe(pageResults[name as keyof typeof pageResults]);
    }
    // The content script loaded with Gmail carries none of the reply or automation methods' schemas, and
    // the reply tools none of the automation ones.
    for (const name of [...Object.keys(replyResults), ...Object.keys(automationResults)])
      expect(Object.hasOwn(labeldeskResults, name), name).toBe(false);
    for (const name of Object.keys(automationResults))
      expect(Object.hasOwn(allResults, name), name).toBe(false);
  });

  it('tells tagged options apart by their tag, and refuses an unknown tag or a missing field', () => {
    expect(queueIdSchema.parse({ kind: 'mine', agent: ' Ana ' })).toEqual({ kind: 'mine', agent: 'Ana' });
    expect(queueIdSchema.parse({ kind: 'overdue' })).toEqual({ kind: 'overdue' });
    expect(queueIdSchema.safeParse({ kind: 'mine' }).success).toBe(false);
    expect(queueIdSchema.safeParse({ kind: 'everything' }).success).toBe(false);
    const notTicket = { kind: 'not-ticket', threadId: 'a1', subject: 'Hi', messageCount: 1 };
    expect(ticketLookupSchema.parse(notTicket)).toEqual(notTicket);
    expect(ticketLookupSchema.safeParse({ ...notTicket, kind: 'ticket' }).success).toBe(false);
    const failed = { ok: false, error: { code: 'not-found', message: 'No such ticket' } };
    expect(responseSchema.parse(failed)).toEqual(failed);
    expect(responseSchema.safeParse({ ok: false, result: {} }).success).toBe(false);
  });

  it('normalises the mailbox address and refuses a thread id that is not hex', () => {
    const args = labeldeskMethods['ticket.describe'].args;
    expect(args.parse({ threadId: '184a87a7b32dd009', mailbox: ' Support@Example.com ' }).mailbox).toBe(
      'support@example.com',
    );
    expect(args.safeParse({ threadId: 'thread-f:1750360559522271241', mailbox: 'a@b.co' }).success).toBe(
      false,
    );
  });
});

describe('sender check', () => {
  it('accepts a content script on Gmail and our own pages', () => {
    expect(classifySender(GMAIL_TAB, EXTENSION_ID)).toEqual({ caller: 'gmail-tab', tabId: 7 });
    expect(classifySender(OPTIONS_PAGE, EXTENSION_ID)).toEqual({ caller: 'extension-page' });
  });

  it("accepts Firefox's per-install page origin when given, and nothing else there", () => {
    const origin = 'moz-extension://2b7e1f0c-0d4e-4c5b-9a51-3f0f6a1d9c11/';
    const page = { id: EXTENSION_ID, url: `${origin}src/options/index.html` };
    expect(classifySender(page, EXTENSION_ID, origin)).toEqual({ caller: 'extension-page' });
    expect(() => classifySender(page, EXTENSION_ID)).toThrow(LabeldeskError);
    const other = { id: EXTENSION_ID, url: 'moz-extension://0000-other/x.html' };
    expect(() => classifySender(other, EXTENSION_ID, origin)).toThrow(LabeldeskError);
  });

  it.each([
    ['another extension', { ...GMAIL_TAB, id: 'x'.repeat(32) }],
    ['a tab that is not Gmail', { ...GMAIL_TAB, url: 'https://mail.google.com.evil.example/' }],
    ['a plain http Gmail', { ...GMAIL_TAB, url: 'http://mail.google.com/mail/u/0/' }],
    ['another extension page', { id: EXTENSION_ID, url: 'chrome-extension://otherextension/x.html' }],
  ])('refuses %s', (_what, sender) => {
    expect(() => classifySender(sender, EXTENSION_ID)).toThrow(LabeldeskError);
  });
});

describe('a call across contexts', () => {
  it('returns the validated result', async () => {
    const result = await callBackground(
      'ticket.describe',
      { threadId: '184a87a7b32dd009', mailbox: 'support@example.com' },
      { transport: loopback(GMAIL_TAB) },
    );
    expect(result).toEqual({
      threadId: '184a87a7b32dd009',
      reference: '#7351EA',
      subject: 'Where is my order?',
      messageCount: 2,
    });
  });

  it('rebuilds a handler error with its code and details', async () => {
    const call = callBackground(
      'ticket.describe',
      { threadId: '184a87a7b32dd009', mailbox: 'other@example.com' },
      { transport: loopback(GMAIL_TAB) },
    );
    await expect(call).rejects.toMatchObject({
      name: 'LabeldeskError',
      code: 'mailbox-mismatch',
      message: 'Signed in as someone else',
      details: { expected: 'other@example.com' },
    });
  });

  it('turns an unexpected exception into an internal error, not a thrown string', async () => {
    const call = callBackground('options.open', {}, { transport: loopback(GMAIL_TAB) });
    await expect(call).rejects.toMatchObject({ code: 'internal', message: 'boom' });
  });

  it('refuses bad arguments before the handler runs', async () => {
    const call = callBackground(
      'ticket.describe',
      { threadId: 'not hex', mailbox: 'support@example.com' },
      { transport: loopback(GMAIL_TAB) },
    );
    await expect(call).rejects.toMatchObject({ code: 'invalid-message' });
  });

  it('keeps settings.set away from Gmail tabs', async () => {
    const call = callBackground('settings.set', DEFAULT_SETTINGS, { transport: loopback(GMAIL_TAB) });
    await expect(call).rejects.toMatchObject({ code: 'forbidden-sender' });
    await expect(
      callBackground('settings.set', DEFAULT_SETTINGS, { transport: loopback(OPTIONS_PAGE) }),
    ).resolves.toEqual(DEFAULT_SETTINGS);
  });

  it('ignores messages that are not in our envelope', () => {
    const receive = createReceiver(handlers, EXTENSION_ID);
    expect(receive({ type: 'something else' }, GMAIL_TAB)).toBeUndefined();
  });

  it('retries while the service worker is starting, then gives up with a typed error', async () => {
    let attempts = 0;
    const waking: Transport = async (message) => {
      attempts++;
      if (attempts < 3) throw new Error('Could not establish connection. Receiving end does not exist.');
      return loopback(OPTIONS_PAGE)(message);
    };
    await expect(
      callBackground('settings.get', {}, { transport: waking, retryDelaysMs: [1, 1, 1] }),
    ).resolves.toEqual(DEFAULT_SETTINGS);
    expect(attempts).toBe(3);

    const asleep: Transport = async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    await expect(
      callBackground('settings.get', {}, { transport: asleep, retryDelaysMs: [1, 1] }),
    ).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('tells the agent to reload Gmail when the extension was reloaded under the tab', async () => {
    const gone: Transport = async () => {
      throw new Error('Extension context invalidated.');
    };
    await expect(callBackground('settings.get', {}, { transport: gone })).rejects.toMatchObject({
      code: 'extension-reloaded',
    });
  });
});

describe('serializeError', () => {
  it('keeps the message of a plain error and never its stack', () => {
    const serialized = serializeError(new TypeError('bad'));
    expect(serialized).toEqual({ code: 'internal', message: 'bad' });
  });
});
