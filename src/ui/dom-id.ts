import { useState } from 'preact/hooks';

/**
 * Element ids for labels and headings (aria-labelledby, for=), unique in the sidebar's Shadow DOM root. Not
 * Preact's useId: two components at different places of one tree can get the same id from it (seen: the
 * queue panel's heading and the help dialog's title), and the reply tools render into the same root with
 * their own copy of Preact, whose ids start from the same numbers. Each script that bundles this module
 * gets its own random scope.
 */
const SCOPE = Math.random().toString(36).slice(2, 7);
let next = 0;

export function newDomId(): string {
  next += 1;
  return `ld-${SCOPE}-${next}`;
}

/** One id for the life of the component. */
export function useDomId(): string {
  const [id] = useState(newDomId);
  return id;
}
