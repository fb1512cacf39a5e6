// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { useDomId } from './dom-id';

function Labelled({ text }: { text: string }) {
  const id = useDomId();
  return <h2 id={id}>{text}</h2>;
}

function Nothing() {
  return null;
}

describe('element ids for the sidebar', () => {
  it('differ between components anywhere in one tree, and stay put across renders', () => {
    const root = document.createElement('div');
    const tree = (
      <>
        <div>
          <Nothing />
          <Labelled text="Queues" />
        </div>
        <Labelled text="Keyboard shortcuts" />
      </>
    );
    act(() => render(tree, root));
    const first = [...root.querySelectorAll('h2')].map((h) => h.id);
    expect(new Set(first).size).toBe(2);
    act(() => render(tree, root));
    expect([...root.querySelectorAll('h2')].map((h) => h.id)).toEqual(first);
    act(() => render(null, root));
  });
});
