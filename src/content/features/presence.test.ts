// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TabConnector } from '../connector';
import { DWELL_MS, init } from './presence';

const A = '184a87a7b32dd009';
const B = '184a87a7b32dd000';

function recordingConnector() {
  const calls: { threadId: string | null; state: string }[] = [];
  const connector = {
    mailbox: 'support@shop.example',
    call: async (_method: string, args: { threadId: string | null; state: string }) => {
      calls.push(args);
      return { others: [] };
    },
    emitLocal: () => undefined,
  } as unknown as TabConnector;
  return { calls, connector };
}

function visit(threadId: string | null, connector: TabConnector): AbortController {
  const controller = new AbortController();
  const route = threadId === null ? undefined : { threadId, subject: 'Refund' };
  init(controller.signal, { route, doc: document, connector });
  return controller;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('presence', () => {
  it('announces a ticket kept open, not one glanced at, and says when the agent leaves', async () => {
    const { calls, connector } = recordingConnector();
    let route = visit(A, connector);
    await vi.advanceTimersByTimeAsync(DWELL_MS / 2);
    route.abort();
    route = visit(B, connector);
    await vi.advanceTimersByTimeAsync(DWELL_MS + 10);
    expect(calls).toEqual([{ threadId: B, state: 'viewing' }]);
    route.abort();
    visit(null, connector);
    expect(calls.at(-1)).toEqual({ threadId: null, state: 'viewing' });
  });

  it('announces a reply at once', async () => {
    const { calls, connector } = recordingConnector();
    document.body.innerHTML = `<div role="main"><h2 class="hP" data-legacy-thread-id="${A}">Refund</h2></div>`;
    const route = visit(A, connector);
    document
      .querySelector('[role="main"]')
      ?.insertAdjacentHTML(
        'beforeend',
        '<div class="M9"><div class="Am" role="textbox" g_editable="true" contenteditable="true"></div></div>',
      );
    await vi.advanceTimersByTimeAsync(200);
    expect(calls[0]).toEqual({ threadId: A, state: 'replying' });
    route.abort();
    document.body.innerHTML = '';
  });
});
