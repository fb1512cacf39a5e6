// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mentionCandidates, mentionQuery, mentionSegments, Notes } from './notes';
import { byLabel, mount, NOW, press, settle, typeInto, unmount, useEnglish } from './testing';

let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());
afterEach(unmount);

const AGENTS = ['Anna', 'Anna Maria', 'Piotr Nowak'];

describe('mentions', () => {
  it('splits a body into text and the mentions it names, longest name first', () => {
    expect(mentionSegments('Ask @Anna Maria and @Anna, not @Bob', ['Anna', 'Anna Maria'])).toEqual([
      { text: 'Ask ', mention: false },
      { text: '@Anna Maria', mention: true },
      { text: ' and ', mention: false },
      { text: '@Anna', mention: true },
      { text: ', not @Bob', mention: false },
    ]);
    expect(mentionSegments('no mentions', [])).toEqual([{ text: 'no mentions', mention: false }]);
  });

  it('finds the @word the caret is in', () => {
    expect(mentionQuery('Hi @pi', 6)).toEqual({ start: 3, query: 'pi' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('mail@shop', 9)).toBeUndefined();
    expect(mentionQuery('Hi @pi there', 12)).toBeUndefined();
  });

  it('offers agents whose name has a word starting with the text', () => {
    expect(mentionCandidates('no', AGENTS)).toEqual(['Piotr Nowak']);
    expect(mentionCandidates('an', AGENTS)).toEqual(['Anna', 'Anna Maria']);
    expect(mentionCandidates('', AGENTS)).toEqual(AGENTS);
  });
});

describe('the notes', () => {
  it('lists notes with author and relative time, or says there are none', () => {
    const empty = mount(<Notes notes={[]} agents={AGENTS} now={NOW} onAdd={async () => true} />);
    expect(empty.textContent).toContain('No internal notes yet.');
    unmount();
    const root = mount(
      <Notes
        notes={[{ id: 'n', author: 'Piotr Nowak', body: 'Hi', mentions: [], createdAt: NOW - 5 * 60_000 }]}
        agents={AGENTS}
        now={NOW}
        onAdd={async () => true}
      />,
    );
    expect(root.querySelector('.note-meta')?.textContent).toBe('Piotr Nowak 5 minutes ago');
  });

  it('posts with Ctrl+Enter and closes the mention list with Escape', async () => {
    const posted: string[] = [];
    const root = mount(
      <Notes
        notes={[]}
        agents={AGENTS}
        now={NOW}
        onAdd={async (body) => {
          posted.push(body);
          return true;
        }}
      />,
    );
    const note = byLabel(root, 'Internal note') as HTMLTextAreaElement;
    await typeInto(note, 'Ping @a');
    const list = root.querySelector('[role="listbox"]');
    expect(list?.hasAttribute('hidden')).toBe(false);
    expect(note.getAttribute('aria-activedescendant')).toBe(list?.querySelector('[role="option"]')?.id);
    await press(note, 'ArrowDown');
    expect(root.querySelector('[aria-selected="true"]')?.textContent).toBe('@Anna Maria');
    await press(note, 'Escape');
    expect(list?.hasAttribute('hidden')).toBe(true);
    expect(note.hasAttribute('aria-activedescendant')).toBe(false);
    await press(note, 'Enter', { ctrlKey: true });
    await settle();
    expect(posted).toEqual(['Ping @a']);
  });
});
