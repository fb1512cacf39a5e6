// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { type GmailRoute, watchGmailRoute } from './route-watcher';

const THREAD_ID = '184a87a7b32dd009';
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  document.body.innerHTML = '';
  window.location.hash = '';
});

describe('watchGmailRoute', () => {
  it('reports the list, then the thread Gmail renders, then the list again', async () => {
    document.body.innerHTML = '<div role="main"><table id="list"></table></div>';
    window.location.hash = '#inbox';
    const routes: GmailRoute[] = [];
    const controller = new AbortController();
    watchGmailRoute(window, (route) => routes.push(route), controller.signal, { debounceMs: 5 });
    expect(routes).toEqual([undefined]);

    // Gmail changes the hash first and renders the thread a moment later, inside its main region.
    const main = document.querySelector('[role="main"]') as HTMLElement;
    main.innerHTML = `<h2 class="hP" data-legacy-thread-id="${THREAD_ID}">Refund please</h2>`;
    await tick(30);
    expect(routes.at(-1)).toEqual({ threadId: THREAD_ID, subject: 'Refund please' });

    main.innerHTML = '<table></table>';
    await tick(30);
    expect(routes.at(-1)).toBeUndefined();
    expect(routes).toHaveLength(3);

    controller.abort();
    main.innerHTML = `<h2 class="hP" data-legacy-thread-id="${THREAD_ID}">Refund please</h2>`;
    await tick(30);
    expect(routes).toHaveLength(3);
  });

  it('answers once per burst of changes', async () => {
    document.body.innerHTML = '<div role="main"></div>';
    const routes: GmailRoute[] = [];
    const controller = new AbortController();
    watchGmailRoute(window, (route) => routes.push(route), controller.signal, { debounceMs: 10 });
    const main = document.querySelector('[role="main"]') as HTMLElement;
    for (let i = 0; i < 20; i++) main.append(document.createElement('div'));
    main.insertAdjacentHTML('beforeend', `<h2 class="hP" data-legacy-thread-id="${THREAD_ID}">Hi</h2>`);
    await tick(40);
    expect(routes).toEqual([undefined, { threadId: THREAD_ID, subject: 'Hi' }]);
    controller.abort();
  });

  it('follows a route change at once, before Gmail replaces the old thread on screen', async () => {
    const OTHER = '184a87a7b32dd000';
    document.body.innerHTML = `<div role="main"><h2 class="hP" data-legacy-thread-id="${OTHER}">Old</h2></div>`;
    window.location.hash = `#inbox/${OTHER}`;
    const routes: GmailRoute[] = [];
    const controller = new AbortController();
    watchGmailRoute(window, (route) => routes.push(route), controller.signal, { debounceMs: 1_000 });
    // The real token of THREAD_ID (DESIGN.md section 5); the old heading is still on screen.
    window.location.hash = '#inbox/FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(routes.at(-1)).toEqual({ threadId: THREAD_ID, subject: '' });
    controller.abort();
  });
});
