/**
 * What the sidebar does to a ticket before the service worker confirms it: apply a patch to the view at once
 * (optimistic), and compute the patch that undoes it. Pure, so the undo rules are tested as data.
 */
import type { TicketTag } from '../../core/ticket';
import { sameTag } from '../../core/ticket';
import type { TicketPatchArgs, TicketView } from '../../messaging/contract';

/** The ticket as the agent should see it with `patch` applied; fields the patch does not touch stay as they are. */
export function applyPatch(ticket: TicketView, patch: TicketPatchArgs): TicketView {
  const next: TicketView = { ...ticket, tags: [...ticket.tags], pendingSync: true };
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.priority !== undefined) setOptional(next, 'priority', patch.priority);
  if (patch.assignee !== undefined) setOptional(next, 'assignee', patch.assignee);
  if (patch.group !== undefined) setOptional(next, 'group', patch.group);
  for (const tag of patch.removeTags ?? []) next.tags = next.tags.filter((held) => !sameTag(held, tag));
  for (const tag of patch.addTags ?? [])
    if (!next.tags.some((held) => sameTag(held, tag))) next.tags.push(tag);
  return next;
}

function setOptional<K extends 'priority' | 'assignee' | 'group'>(
  ticket: TicketView,
  field: K,
  value: TicketView[K] | null,
): void {
  if (value === null || value === undefined) delete ticket[field];
  else ticket[field] = value;
}

/**
 * The patch that puts `before` back after `patch` was applied to it: only the fields `patch` touched, and only
 * the tags it really added or removed (adding a tag the ticket had must not remove it on undo).
 */
export function inversePatch(before: TicketView, patch: TicketPatchArgs): TicketPatchArgs {
  const inverse: TicketPatchArgs = {};
  if (patch.status !== undefined) inverse.status = before.status;
  if (patch.priority !== undefined) inverse.priority = before.priority ?? null;
  if (patch.assignee !== undefined) inverse.assignee = before.assignee ?? null;
  if (patch.group !== undefined) inverse.group = before.group ?? null;
  const had = (tag: TicketTag) => before.tags.some((held) => sameTag(held, tag));
  const added = (patch.addTags ?? []).filter((tag) => !had(tag));
  const removed = (patch.removeTags ?? []).filter(had);
  if (added.length > 0) inverse.removeTags = added;
  if (removed.length > 0) inverse.addTags = removed;
  return inverse;
}

export function isEmptyPatch(patch: TicketPatchArgs): boolean {
  return Object.values(patch).every(
    (value) => value === undefined || (Array.isArray(value) && value.length === 0),
  );
}

const TAG_PART_MAX = 200;

/**
 * A tag typed by the agent: `what` or `what/why` (PRODUCT.md "Tagging strategy"), split at the first slash;
 * undefined when there is nothing to add or a part is too long for the label.
 */
export function parseTagPath(text: string): TicketTag | undefined {
  const slash = text.indexOf('/');
  const what = (slash < 0 ? text : text.slice(0, slash)).trim();
  const why = slash < 0 ? '' : text.slice(slash + 1).trim();
  if (what === '' || what.length > TAG_PART_MAX || why.length > TAG_PART_MAX) return undefined;
  return why === '' ? { what } : { what, why };
}
