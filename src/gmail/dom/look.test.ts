// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_VIEWS, loadFixture } from './fixtures.test-helper';
import { type GmailLook, parseCssColour, readGmailLook, relativeLuminance, watchGmailLook } from './look';

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  document.documentElement.className = '';
});

describe('colours', () => {
  it.each([
    ['rgb(32, 33, 36)', { r: 32, g: 33, b: 36, a: 1 }],
    ['rgba(0, 0, 0, 0)', { r: 0, g: 0, b: 0, a: 0 }],
    ['rgb(255 255 255 / 50%)', { r: 255, g: 255, b: 255, a: 0.5 }],
    ['#202124', { r: 32, g: 33, b: 36, a: 1 }],
    ['#fff', { r: 255, g: 255, b: 255, a: 1 }],
    ['transparent', { r: 0, g: 0, b: 0, a: 0 }],
    ['', undefined],
    ['url(x)', undefined],
  ])('%j', (text, expected) => {
    expect(parseCssColour(text)).toEqual(expected);
  });

  it("puts Gmail's dark grey near black and its light surfaces near white", () => {
    expect(relativeLuminance({ r: 32, g: 33, b: 36, a: 1 })).toBeLessThan(0.02);
    expect(relativeLuminance({ r: 246, g: 248, b: 252, a: 1 })).toBeGreaterThan(0.9);
  });
});

describe('readGmailLook on the committed layouts', () => {
  const expected: Partial<Record<(typeof FIXTURE_VIEWS)[number], GmailLook>> = {
    dark: { theme: 'dark', density: 'default' },
    compact: { theme: 'light', density: 'compact' },
  };
  it.each(FIXTURE_VIEWS)('%s', async (view) => {
    const fixture = loadFixture(view);
    expect(readGmailLook(fixture.document)).toEqual(expected[view] ?? { theme: 'light', density: 'default' });
    await fixture.close();
  });
});

function styledPage(css: string, body = '<div class="bkK"><div class="nH" role="main"></div></div>') {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  document.body.innerHTML = body;
}

describe('readGmailLook', () => {
  it('looks through a transparent main region to what is painted under it', () => {
    styledPage('body { background: rgb(32, 33, 36) } .nH { background: transparent }');
    expect(readGmailLook(document).theme).toBe('dark');
  });

  it('calls a page that paints nothing light, and a broken page the default look', () => {
    document.body.innerHTML = '<p>nothing Gmail-like</p>';
    expect(readGmailLook(document)).toEqual({ theme: 'light', density: 'default' });
  });

  it('reads compact from a 24 px nav item, as InboxSDK does', () => {
    styledPage('.aim { height: 24px }', '<div role="navigation"><div class="aim"><a>Inbox</a></div></div>');
    expect(readGmailLook(document).density).toBe('compact');
  });
});

describe('watchGmailLook', () => {
  it('reports the look now and when Gmail switches theme, until aborted', async () => {
    styledPage('.bkK > .nH { background: #fff } .bkK > .nH.dark { background: #202124 }');
    const surface = document.querySelector('.nH');
    const seen: GmailLook[] = [];
    const controller = new AbortController();
    watchGmailLook(document, (look) => seen.push(look), controller.signal, { debounceMs: 5 });
    expect(seen).toEqual([{ theme: 'light', density: 'default' }]);
    surface?.classList.add('dark');
    await vi.waitFor(() => expect(seen.at(-1)?.theme).toBe('dark'));
    controller.abort();
    surface?.classList.remove('dark');
    // After abort nothing more arrives: the change is read directly to show it would have been reported.
    expect(readGmailLook(document).theme).toBe('light');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen).toHaveLength(2);
  });

  it('notices a stylesheet swapped in <head>', async () => {
    styledPage('.bkK > .nH { background: #fff }');
    const seen: GmailLook[] = [];
    const controller = new AbortController();
    watchGmailLook(document, (look) => seen.push(look), controller.signal, { debounceMs: 5 });
    const dark = document.createElement('style');
    dark.textContent = '.bkK > .nH { background: rgb(32, 33, 36) !important }';
    document.head.append(dark);
    await vi.waitFor(() => expect(seen.at(-1)?.theme).toBe('dark'));
    controller.abort();
  });
});
