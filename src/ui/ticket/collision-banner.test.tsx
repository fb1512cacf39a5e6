// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceView } from '../../messaging/contract';
import { CollisionBanner } from './collision-banner';
import { mount, NOW, TICKET, unmount, useEnglish } from './testing';

let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());
afterEach(unmount);

const here = (agent: string, state: PresenceView['state'], threadId: string | null = TICKET.threadId) => ({
  agent,
  threadId,
  state,
  at: NOW,
});

describe('the collision banner', () => {
  it('says who is replying, as a warning with a word, and who has the ticket open', () => {
    const root = mount(
      <CollisionBanner
        presence={[here('Anna', 'replying'), here('Piotr', 'viewing')]}
        threadId={TICKET.threadId}
        me="Yuki"
      />,
    );
    const banner = root.querySelector('[role="status"]');
    expect(banner?.classList.contains('collision-replying')).toBe(true);
    expect([...(banner?.querySelectorAll('p') ?? [])].map((p) => p.textContent)).toEqual([
      'Careful Anna is replying',
      'Piotr has this ticket open',
    ]);
  });

  it('leaves out me and other threads, and counts an agent once, replying first', () => {
    const root = mount(
      <CollisionBanner
        presence={[
          here('Yuki', 'replying'),
          here('Piotr', 'viewing', 'aaaaaaaaaaaaaaaa'),
          here('Anna', 'viewing'),
          here('Anna', 'replying'),
          here('Anna', 'viewing'),
        ]}
        threadId={TICKET.threadId}
        me="Yuki"
      />,
    );
    expect(root.textContent).toBe('Careful Anna is replying');
  });

  it('stays an empty live region when nobody else is there', () => {
    const root = mount(
      <CollisionBanner presence={[here('Piotr', 'viewing')]} threadId={TICKET.threadId} me="Piotr" />,
    );
    const banner = root.querySelector('[role="status"]');
    expect(banner?.textContent).toBe('');
    expect(banner?.classList.contains('collision-replying')).toBe(false);
  });
});
