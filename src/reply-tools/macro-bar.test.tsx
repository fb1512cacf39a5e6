// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LoadedFixture, loadFixture } from '../gmail/dom/fixtures.test-helper';
import type { FakeHandlers } from '../ui/connector';
import { button, useEnglish, waitFor } from '../ui/ticket/testing';
import { LIBRARY, libraryView, type Mounted, mountTools, NOW, TICKET } from './testing';

let restore = () => {};
let mounted: Mounted | undefined;
let page: LoadedFixture | undefined;
beforeEach(() => {
  restore = useEnglish();
});
afterEach(async () => {
  mounted?.unmount();
  mounted = undefined;
  restore();
  await page?.close();
  page = undefined;
});

const followUps: FakeHandlers = {
  'note.add': ({ body }) => ({ id: 'n1', author: 'Anna', body, mentions: [], createdAt: NOW }),
  'notify.send': () => ({}),
};

function replyBody(doc: Document): HTMLElement {
  return doc.querySelector('.M9 [g_editable="true"]') as HTMLElement;
}

async function mountOnReply(handlers: FakeHandlers = followUps) {
  page = loadFixture('reply');
  mounted = mountTools({ doc: page.document, handlers });
  await waitFor(() => button(mounted?.root as HTMLElement, 'Escalate to billing'), 'the macro buttons');
  return { ...mounted, doc: page.document };
}

const otherCalls = (m: Mounted) => m.connector.calls.filter((call) => call.method !== 'library.get');

describe('macro buttons', () => {
  it('are buttons named by the macro, in tab order', async () => {
    const { root } = await mountOnReply();
    const names = [...root.querySelectorAll('.macro-bar button')].map((b) => b.textContent);
    expect(names).toEqual(['Escalate to billing', 'Give to Dmitri']);
    for (const macro of root.querySelectorAll('.macro-bar button')) {
      expect(macro.getAttribute('tabindex')).toBeNull();
      expect(macro.getAttribute('type')).toBe('button');
    }
  });

  it('say why a macro cannot apply, and change and call nothing', async () => {
    const m = await mountOnReply();
    const before = replyBody(m.doc).innerHTML;
    button(m.root, 'Give to Dmitri')?.click();
    const alert = await waitFor(() => m.root.querySelector('.reply-problems[role="alert"]'), 'the alert');
    expect(alert.textContent).toContain('Macro “Give to Dmitri” cannot apply');
    const reasons = [...alert.querySelectorAll('li')].map((li) => li.textContent);
    expect(reasons).toEqual(['its template was deleted', 'Dmitri is no longer in the team']);
    expect(m.patches).toEqual([]);
    expect(otherCalls(m)).toEqual([]);
    expect(replyBody(m.doc).innerHTML).toBe(before);
  });

  it('insert the reply in the customer’s language and apply the plan’s patch once; note and notification go out when kept', async () => {
    const m = await mountOnReply();
    button(m.root, 'Escalate to billing')?.click();
    const call = await waitFor(() => m.patches[0], 'applyPatch');
    expect(m.patches).toHaveLength(1);
    expect(call.patch).toEqual({ status: 'Pending', group: 'Billing', assignee: 'Piotr Nowak' });
    expect(call.message).toBe('Macro “Escalate to billing” applied');
    await waitFor(
      () => replyBody(m.doc).textContent?.includes(`Здравствуйте, Ольга!Спасибо! (${TICKET.reference})`),
      'the reply',
    );
    // Nothing goes out before the undo offer is over.
    expect(otherCalls(m)).toEqual([]);
    call.hooks?.onKept?.();
    await waitFor(() => otherCalls(m).length === 2, 'the note and the notification');
    expect(otherCalls(m)).toEqual([
      { method: 'note.add', args: { threadId: TICKET.threadId, body: 'Billing, please check the refund.' } },
      {
        method: 'notify.send',
        args: { threadId: TICKET.threadId, to: 'Piotr Nowak', macro: 'Escalate to billing' },
      },
    ]);
  });

  it('take the inserted reply back on undo and send nothing', async () => {
    const m = await mountOnReply();
    const before = replyBody(m.doc).textContent;
    button(m.root, 'Escalate to billing')?.click();
    const call = await waitFor(() => m.patches[0], 'applyPatch');
    await waitFor(() => replyBody(m.doc).textContent !== before, 'the reply');
    call.hooks?.onUndo?.();
    expect(replyBody(m.doc).textContent).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(otherCalls(m)).toEqual([]);
  });

  it('leave a reply the agent has edited since in place on undo', async () => {
    const m = await mountOnReply();
    button(m.root, 'Escalate to billing')?.click();
    const call = await waitFor(() => m.patches[0], 'applyPatch');
    const body = replyBody(m.doc);
    const edited = [...body.childNodes].find((node) => node.textContent?.startsWith('Здравствуйте'));
    if (edited) edited.textContent = 'Здравствуйте, Ольга Ивановна!';
    const after = body.textContent;
    call.hooks?.onUndo?.();
    expect(body.textContent).toBe(after);
  });

  it('change the labels at once, and take the macro back when no reply can be opened for its template', async () => {
    page = loadFixture('thread');
    mounted = mountTools({ doc: page.document, handlers: followUps, replyTimeoutMs: 50 });
    const m = mounted;
    (await waitFor(() => button(m.root, 'Escalate to billing'), 'the macro'))?.click();
    // In the click's own task: the sidebar shows the new labels before the reply box is even looked for.
    expect(m.patches.map((call) => call.patch)).toEqual([
      { status: 'Pending', group: 'Billing', assignee: 'Piotr Nowak' },
    ]);
    const alert = await waitFor(() => m.root.querySelector('.reply-error[role="alert"]'), 'the alert');
    expect(alert.textContent).toBe('Open a reply in Gmail, then insert again');
    expect(m.patches[0]?.revoked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(otherCalls(m)).toEqual([]);
  });

  it('apply a macro without changes to the ticket (a reply alone) with an empty patch', async () => {
    const replyOnly = {
      ...LIBRARY,
      macros: [
        {
          id: '00000000-0000-4000-8000-0000000000a3',
          name: 'Just thank',
          patch: {},
          notifyAssignee: false,
          templateId: LIBRARY.templates[0]?.id,
        },
        ...LIBRARY.macros,
      ],
    };
    page = loadFixture('reply');
    mounted = mountTools({ doc: page.document, handlers: { 'library.get': () => libraryView(replyOnly) } });
    const m = mounted;
    (await waitFor(() => button(m.root, 'Just thank'), 'the macro'))?.click();
    const call = await waitFor(() => m.patches[0], 'applyPatch');
    expect(call.patch).toEqual({});
    call.hooks?.onKept?.();
    expect(otherCalls(m)).toEqual([]);
  });
});
