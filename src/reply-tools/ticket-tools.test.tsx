// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabeldeskError } from '../messaging/errors';
import { button, englishMessage, useEnglish, waitFor } from '../ui/ticket/testing';
import { libraryView, type Mounted, mountTools } from './testing';
import { TICKET_TOOLS_STYLE_ID } from './ticket-tools-styles';

let restore = () => {};
let mounted: Mounted | undefined;
beforeEach(() => {
  restore = useEnglish();
});
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  restore();
  document.body.innerHTML = '';
});

describe('the ticket tools', () => {
  it('says it is loading, then shows the macros and templates of the library', async () => {
    let answer: (view: ReturnType<typeof libraryView>) => void = () => {};
    mounted = mountTools({
      handlers: { 'library.get': () => new Promise((resolve) => (answer = resolve)) },
    });
    const { root } = mounted;
    expect(root.querySelector('[role="status"]')?.textContent).toBe(englishMessage('replyLoading'));
    answer(libraryView());
    await waitFor(() => button(root, 'Escalate to billing'), 'the macro button');
    expect(button(root, 'Thanks for the kind words')).not.toBeNull();
    expect(root.querySelector('h4')?.textContent).toBe('Replies');
  });

  it('shows a failed read with a retry that reads again', async () => {
    let fail = true;
    mounted = mountTools({
      handlers: {
        'library.get': () => {
          if (fail) throw new LabeldeskError('gmail-api', 'Gmail did not answer.');
          return libraryView();
        },
      },
    });
    const { root, connector } = mounted;
    const alert = await waitFor(() => root.querySelector('[role="alert"]'), 'the alert');
    expect(alert.textContent).toContain("Could not load the team's replies");
    expect(alert.textContent).toContain('Gmail did not answer.');
    fail = false;
    button(root, 'Try again')?.click();
    await waitFor(() => button(root, 'Escalate to billing'), 'the macros after the retry');
    expect(connector.calls.filter((call) => call.method === 'library.get')).toHaveLength(2);
  });

  it("offers Labeldesk's options when the team has no templates yet", async () => {
    mounted = mountTools({
      handlers: { 'library.get': () => libraryView({ templates: [], shortcuts: [], macros: [] }) },
    });
    const { root, connector } = mounted;
    await waitFor(() => root.textContent?.includes(englishMessage('replyLibraryEmpty')), 'the empty state');
    button(root, 'Open options')?.click();
    expect(connector.opened).toEqual(['options']);
  });

  it('shows a new library when the worker announces a change', async () => {
    mounted = mountTools({
      handlers: { 'library.get': () => libraryView({ templates: [], shortcuts: [], macros: [] }) },
    });
    const { root, connector } = mounted;
    await waitFor(() => root.textContent?.includes(englishMessage('replyLibraryEmpty')), 'the empty state');
    (connector as unknown as { call: unknown }).call = async () => libraryView();
    connector.emit({ threadIds: [], all: true, notices: [] });
    await waitFor(() => button(root, 'Escalate to billing'), 'the new library');
  });

  it('adds its styles to the shadow root once', async () => {
    mounted = mountTools();
    const shadow = mounted.root.getRootNode() as ShadowRoot;
    await waitFor(() => button(mounted?.root as HTMLElement, 'Escalate to billing'), 'the tools');
    expect(shadow.querySelectorAll(`style#${TICKET_TOOLS_STYLE_ID}`)).toHaveLength(1);
    mounted.unmount();
    mounted = mountTools();
    expect((mounted.root.getRootNode() as ShadowRoot).querySelectorAll('style')).toHaveLength(1);
  });
});
