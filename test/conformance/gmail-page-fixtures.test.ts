import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { permIdFromThreadId } from '../../src/gmail/dom/thread-token';

/**
 * The committed snapshots of the stand-in's page (written by scripts/gmail-standin/page/write-fixtures.ts) hold
 * the Gmail facts the DOM adapter's tests will rely on; gmail-page-facts.test.ts lists the sources.
 */
const FIXTURES = join(import.meta.dirname, '../fixtures/gmail');

function load(view: 'inbox' | 'thread' | 'reply'): Document {
  const window = new Window({
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true },
  });
  window.document.write(readFileSync(join(FIXTURES, `standin-${view}.html`), 'utf8'));
  return window.document as unknown as Document;
}

describe('the committed Gmail stand-in fixtures', () => {
  it('inbox: a page of tr.zA rows with Gmail thread ids, the title and the account button', () => {
    const document = load('inbox');
    const rows = [...document.querySelectorAll('div[role=main] tr.zA')];
    expect(rows).toHaveLength(50);
    for (const row of rows) {
      const ids = row.querySelectorAll('[data-thread-id][data-legacy-thread-id]');
      expect(ids).toHaveLength(1);
      const legacy = ids[0]?.getAttribute('data-legacy-thread-id') ?? '';
      expect(ids[0]?.getAttribute('data-thread-id')).toBe(
        `#${permIdFromThreadId(legacy.replace(/^0+/, ''))}`,
      );
      expect(row.classList.contains('zE') !== row.classList.contains('yO')).toBe(true);
    }
    expect(document.title).toMatch(/^Inbox \([\d,]+\) - support@northwind-shop\.example - Gmail$/);
    expect(document.querySelector('a[aria-label*="@"]')?.getAttribute('aria-label')).toContain(
      'support@northwind-shop.example',
    );
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('thread: h2.hP with both thread ids and several div.adn.ads messages with both message ids', () => {
    const document = load('thread');
    const heading = document.querySelector('div[role=main] h2.hP');
    const legacy = heading?.getAttribute('data-legacy-thread-id') ?? '';
    expect(heading?.getAttribute('data-thread-perm-id')).toBe(permIdFromThreadId(legacy.replace(/^0+/, '')));
    const messages = [
      ...document.querySelectorAll('div[role=main] div.adn.ads[data-message-id][data-legacy-message-id]'),
    ];
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.getAttribute('data-message-id')).toMatch(/^#msg-f:\d+$/);
      expect(message.querySelector('span.gD[email][name]')).not.toBeNull();
    }
    expect(document.querySelector('div[role=main] .M9')).toBeNull();
  });

  it('reply: the open inline reply holds the editable body and the Send button', () => {
    const document = load('reply');
    const box = document.querySelector('div[role=main] .M9');
    expect(
      box?.querySelector('.Ap div[g_editable="true"][contenteditable="true"][role="textbox"]')?.textContent,
    ).toContain('Thank you for your message.');
    expect(box?.querySelector('div[role="button"][data-tooltip^="Send"]')).not.toBeNull();
  });
});
