// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFixture } from './fixtures.test-helper';
import { isRowSelected, readSelectedThreads, threadIdOfRow, watchSelection } from './selection';

afterEach(() => {
  document.body.innerHTML = '';
});

function row(opts: { legacy?: string; syncId?: string; checked?: string; x7?: boolean }) {
  const ids = [
    opts.syncId === undefined ? '' : `data-thread-id="#${opts.syncId}"`,
    opts.legacy === undefined ? '' : `data-legacy-thread-id="${opts.legacy}"`,
  ].join(' ');
  const checkbox =
    opts.checked === undefined
      ? '<div class="oZ-jc"></div>'
      : `<div class="oZ-jc" role="checkbox" aria-checked="${opts.checked}"></div>`;
  return `<tr class="zA${opts.x7 ? ' x7' : ''}" role="row"><td>${checkbox}</td><td><span class="bqe" ${ids}>S</span></td></tr>`;
}

function list(...rows: string[]) {
  document.body.innerHTML = `<div role="main"><div gh="tl"><table><tbody>${rows.join('')}</tbody></table></div></div>`;
}

describe('readSelectedThreads', () => {
  it('reads the two rows checked in the committed thread list', async () => {
    const fixture = loadFixture('thread-list');
    const rows = [...fixture.document.querySelectorAll('tr.zA')];
    const expected = [rows[0], rows[2]].map((tr) =>
      tr?.querySelector('[data-legacy-thread-id]')?.getAttribute('data-legacy-thread-id'),
    );
    expect(readSelectedThreads(fixture.document)).toEqual(expected);
    expect(expected).toHaveLength(2);
    await fixture.close();
  });

  it('finds nothing checked in the other lists', async () => {
    for (const view of ['dark', 'compact', 'account-1', 'preview-pane'] as const) {
      const fixture = loadFixture(view);
      expect(readSelectedThreads(fixture.document)).toEqual([]);
      await fixture.close();
    }
  });

  it('turns #thread-f:<dec> into hex when the row has no legacy id', () => {
    list(row({ syncId: 'thread-f:1750360559522271241', checked: 'true' }));
    expect(readSelectedThreads(document)).toEqual(['184a87a7b32dd009']);
  });

  it('skips a checked row whose only id is thread-a:', () => {
    list(row({ syncId: 'thread-a:r-1', checked: 'true' }), row({ legacy: '1a2b', checked: 'true' }));
    expect(readSelectedThreads(document)).toEqual(['1a2b']);
  });

  it('uses .x7 when the checkbox says nothing, and the checkbox when it does', () => {
    list(
      row({ legacy: 'aa', x7: true }),
      row({ legacy: 'bb', checked: 'false', x7: true }),
      row({ legacy: 'cc' }),
    );
    const rows = [...document.querySelectorAll('tr')];
    expect(rows.map(isRowSelected)).toEqual([true, false, false]);
    expect(readSelectedThreads(document)).toEqual(['aa']);
  });

  it('reads the ids from the row itself too', () => {
    document.body.innerHTML = '<table><tr class="zA" data-legacy-thread-id="ABC"><td></td></tr></table>';
    const tr = document.querySelector('tr');
    expect(tr && threadIdOfRow(tr)).toBe('abc');
  });
});

describe('watchSelection', () => {
  it('reports the selection now and as checkboxes change, until aborted', async () => {
    list(row({ legacy: 'aa', checked: 'false' }), row({ legacy: 'bb', checked: 'false' }));
    const seen: string[][] = [];
    const controller = new AbortController();
    watchSelection(document, (ids) => seen.push(ids), controller.signal, { debounceMs: 5 });
    expect(seen).toEqual([[]]);
    const boxes = [...document.querySelectorAll('[role=checkbox]')];
    boxes[1]?.setAttribute('aria-checked', 'true');
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['bb']));
    boxes[0]?.setAttribute('aria-checked', 'true');
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['aa', 'bb']));
    controller.abort();
    boxes[0]?.setAttribute('aria-checked', 'false');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen).toHaveLength(3);
  });
});
