import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { PageMailbox } from '../contracts';
import { FAVICON_SVG } from './icons';
import { DEFAULT_LAYOUT, layoutOfPage, parseLayoutSwitches } from './layout';
import { ASSET_PREFIX, renderPage } from './render';
import { INBOX_ROUTE, listHash } from './routes';
import { mailboxForOneRequest, resolveView } from './view';

const ASSETS: Record<string, { file: string; type: string }> = {
  'client.js': { file: 'client.js', type: 'text/javascript; charset=utf-8' },
  'gmail.css': { file: 'gmail.css', type: 'text/css; charset=utf-8' },
};

/** Like Gmail's own policy, scripts come only from the page's origin; mail content can never run. */
const CONTENT_SECURITY_POLICY = "script-src 'self'; object-src 'none'; base-uri 'self'";
const MAX_BODY_BYTES = 1024 * 1024;

const ReplyRequest = z.object({
  threadId: z.string().regex(/^[0-9a-zA-Z_-]{1,64}$/),
  text: z.string().min(1).max(200_000),
});

const assetCache = new Map<string, Buffer>();

async function readAsset(file: string): Promise<Buffer> {
  const cached = assetCache.get(file);
  if (cached) return cached;
  const content = await readFile(new URL(file, import.meta.url));
  assetCache.set(file, content);
  return content;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handleReply(req: IncomingMessage, res: ServerResponse, mailbox: PageMailbox): Promise<void> {
  // JSON only: a cross-site HTML form cannot send it, so another page cannot reply in the mailbox's name.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    sendJson(res, 415, { error: 'expected application/json' });
    return;
  }
  const body = await readBody(req);
  let parsed: z.infer<typeof ReplyRequest>;
  try {
    parsed = ReplyRequest.parse(JSON.parse(body ?? ''));
  } catch {
    sendJson(res, 400, { error: 'expected {"threadId", "text"}' });
    return;
  }
  if (!mailbox.getThread(parsed.threadId)) {
    sendJson(res, 404, { error: 'no such thread' });
    return;
  }
  const sent = mailbox.reply({ threadId: parsed.threadId, text: parsed.text });
  sendJson(res, 200, sent);
}

/**
 * Serves the Gmail-like page under `/mail/`. Returns false when the path is not the page's, so the
 * server can answer 404 as Google does.
 */
export async function handlePageRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  fullMailbox: PageMailbox,
): Promise<boolean> {
  const mailbox = mailboxForOneRequest(fullMailbox);
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const context = { mailbox, now: new Date() };

  if (path === '/mail' || path === '/mail/' || /^\/mail\/u\/[0-9]$/.test(path)) {
    res.writeHead(302, {
      Location: path.startsWith('/mail/u/') ? `${path}/${url.search}` : `/mail/u/0/${url.search}`,
    });
    res.end();
    return true;
  }
  // The one mailbox is signed in at every account index and can be opened as a delegated mailbox, so tests
  // choose Gmail's layout by URL (layout.ts).
  const layout = layoutOfPage(url);
  if (layout !== undefined && (method === 'GET' || method === 'HEAD')) {
    // The hash never reaches a server: the shell holds the inbox and the client script loads other routes.
    const view = resolveView(listHash(INBOX_ROUTE.list), context, layout);
    send(res, 200, 'text/html; charset=utf-8', renderPage(view, mailbox, layout).value);
    return true;
  }
  if (path.startsWith(ASSET_PREFIX)) {
    const name = path.slice(ASSET_PREFIX.length);
    const asset = ASSETS[name];
    if (asset && method === 'GET') {
      send(res, 200, asset.type, await readAsset(asset.file));
      return true;
    }
    if (name === 'favicon.svg' && method === 'GET') {
      send(res, 200, 'image/svg+xml', FAVICON_SVG);
      return true;
    }
    if (name === 'view' && method === 'GET') {
      const layout = { ...DEFAULT_LAYOUT, ...parseLayoutSwitches(url.searchParams) };
      const view = resolveView(url.searchParams.get('hash') ?? '', context, layout);
      sendJson(res, 200, { title: view.title, nav: view.nav.value, main: view.main.value });
      return true;
    }
    if (name === 'reply' && method === 'POST') {
      await handleReply(req, res, mailbox);
      return true;
    }
    return false;
  }
  const otherAccount = /^\/mail\/u\/([1-9][0-9]+)\/?$/.exec(path);
  if (otherAccount) {
    // Ten accounts at most are signed in; Gmail shows a sign-in page for the others.
    send(
      res,
      404,
      'text/html; charset=utf-8',
      '<!doctype html><title>Gmail</title><p>This account is not signed in.</p>',
    );
    return true;
  }
  return false;
}
