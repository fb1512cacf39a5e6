import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../core/settings';
import { ticketReference } from '../core/ticket-reference';
import { createGmailClient } from '../gmail/api/client';
import { createReceiver } from '../messaging/receiver';
import { callBackground, type Transport } from '../messaging/sender';
import { type AccessToken, type WebAuthFlow, WebAuthTokenSource } from './auth';
import { createHandlers } from './handlers';

const EXTENSION_ID = 'acocndifihbcbdmbdojmfaldmapplekp';
const GMAIL_TAB = { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 3 } };
const THREAD_ID = '184a87a7b32dd009';
const MAILBOX = 'support@shop.example';

/** A tiny Gmail over real HTTP: one thread, one profile, and a token it accepts. */
let server: Server;
let baseUrl: string;
let profileEmail = MAILBOX;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== 'Bearer good-token') {
      return send(401, { error: { code: 401, message: 'Invalid Credentials', status: 'UNAUTHENTICATED' } });
    }
    if (url.pathname === '/gmail/v1/users/me/profile')
      return send(200, { emailAddress: profileEmail, historyId: '7' });
    if (url.pathname === `/gmail/v1/users/me/threads/${THREAD_ID}`) {
      return send(200, {
        id: THREAD_ID,
        messages: [
          { id: 'a', payload: { headers: [{ name: 'Subject', value: 'Wrong size, please exchange' }] } },
          { id: 'b', payload: { headers: [{ name: 'Subject', value: 'Re: Wrong size, please exchange' }] } },
        ],
      });
    }
    return send(404, {
      error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The whole background path from a content script's call: messaging, handlers, auth, Gmail client. */
function background({ clientId = '1-x.apps.googleusercontent.com', consentNeeded = false } = {}): Transport {
  const cache = new Map<string, AccessToken>();
  const flow: WebAuthFlow = {
    redirectUrl: () => `https://${EXTENSION_ID}.chromiumapp.org/`,
    launch: async ({ url, interactive }) => {
      if (consentNeeded && !interactive) throw new Error('User interaction required.');
      const state = new URL(url).searchParams.get('state');
      return `https://${EXTENSION_ID}.chromiumapp.org/#access_token=good-token&expires_in=3600&state=${state}`;
    },
  };
  const handlers = createHandlers({
    loadSettings: async () => ({ ...DEFAULT_SETTINGS, clientId }),
    saveSettings: async (settings) => settings,
    tokensFor: (mailbox) =>
      new WebAuthTokenSource({
        mailbox,
        flow,
        clientId: async () => clientId,
        cache: {
          get: async (key) => cache.get(key),
          set: async (key, token) => void cache.set(key, token),
          delete: async (key) => void cache.delete(key),
        },
      }),
    gmailFor: (tokenSource) => createGmailClient({ tokenSource, baseUrl }),
    openOptions: async () => {},
  });
  const receive = createReceiver(handlers, EXTENSION_ID);
  return async (message) => JSON.parse(JSON.stringify(await receive(message, GMAIL_TAB)));
}

describe('the service worker handlers', () => {
  it('describe a ticket from the Gmail API', async () => {
    const ticket = await callBackground(
      'ticket.describe',
      { threadId: THREAD_ID, mailbox: MAILBOX },
      { transport: background() },
    );
    expect(ticket).toEqual({
      threadId: THREAD_ID,
      reference: ticketReference(THREAD_ID),
      subject: 'Wrong size, please exchange',
      messageCount: 2,
    });
  });

  it('say not-configured when there is no client id', async () => {
    const call = callBackground(
      'ticket.describe',
      { threadId: THREAD_ID, mailbox: MAILBOX },
      { transport: background({ clientId: '' }) },
    );
    await expect(call).rejects.toMatchObject({ code: 'not-configured' });
  });

  it('ask for an interactive sign-in rather than opening a window to read', async () => {
    const transport = background({ consentNeeded: true });
    const read = callBackground('ticket.describe', { threadId: THREAD_ID, mailbox: MAILBOX }, { transport });
    await expect(read).rejects.toMatchObject({ code: 'auth-required' });
    await expect(callBackground('auth.signIn', { mailbox: MAILBOX }, { transport })).resolves.toEqual({
      emailAddress: MAILBOX,
    });
    await expect(
      callBackground('ticket.describe', { threadId: THREAD_ID, mailbox: MAILBOX }, { transport }),
    ).resolves.toMatchObject({ messageCount: 2 });
  });

  it('refuse a sign-in that landed in another account', async () => {
    profileEmail = 'someone@gmail.com';
    try {
      const call = callBackground('auth.signIn', { mailbox: MAILBOX }, { transport: background() });
      await expect(call).rejects.toMatchObject({
        code: 'mailbox-mismatch',
        details: { expected: MAILBOX, actual: 'someone@gmail.com' },
      });
    } finally {
      profileEmail = MAILBOX;
    }
  });

  it("pass Gmail's own error on with its status", async () => {
    const call = callBackground(
      'ticket.describe',
      { threadId: 'ffff', mailbox: MAILBOX },
      { transport: background() },
    );
    await expect(call).rejects.toMatchObject({ code: 'gmail-api', details: { status: 404 } });
  });
});
