// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CustomerHistory } from './customer-history';
import { CONTEXT, mount, NOW, unmount, useEnglish } from './testing';

let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());
afterEach(unmount);

describe('the customer history', () => {
  it('lists earlier tickets as buttons that open the thread', async () => {
    const opened: string[] = [];
    const root = mount(
      <CustomerHistory
        history={CONTEXT.history}
        domain="firma.example"
        notesCount={2}
        onOpen={(id) => opened.push(id)}
      />,
    );
    expect(root.querySelector('h4')?.textContent).toBe('Customer history');
    expect(root.textContent).toContain('2 internal notes');
    const row = root.querySelector('button.history-row') as HTMLButtonElement;
    expect(row.textContent).toMatch(/^#AB12CDInvoice for order #998Closed · /);
    await act(() => row.click());
    expect(opened).toEqual(['18000000000000a1']);
    expect(root.textContent).toContain('Tickets from firma.exampleNone.');
    expect(root.textContent).toContain('No ratings yet');
  });

  it('shows ratings with a word and the comment as text', () => {
    const root = mount(
      <CustomerHistory
        history={{
          ...CONTEXT.history,
          ratings: [
            { threadId: '18000000000000a1', rating: 'bad', comment: '<b>slow</b>', at: NOW - 1000 },
            { threadId: '18000000000000a2', rating: 'good', at: NOW },
          ],
        }}
        domain={undefined}
        notesCount={1}
        onOpen={() => {}}
      />,
    );
    expect([...root.querySelectorAll('.ratings .badge')].map((badge) => badge.textContent)).toEqual([
      'Good',
      'Bad',
    ]);
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelector('.rating-comment')?.textContent).toBe('<b>slow</b>');
    expect(root.textContent).toContain('1 internal note');
    expect(root.textContent).toContain('Tickets from the same company');
  });
});
