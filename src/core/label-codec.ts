/**
 * The label codec: a ticket's shared state ⇄ Gmail label names (DESIGN.md section 1, "Label scheme").
 *
 *   <prefix>/Status/<status>        exactly one
 *   <prefix>/Priority/<priority>    at most one
 *   <prefix>/Assignee/<agent name>  at most one
 *   <prefix>/Group/<group>          at most one
 *   <prefix>/Tag/<what>[/<why>]     any number
 *   <prefix>/.records               the hidden label of the shared records
 *
 * Gmail compares label names without regard to case (a second "helpdesk/status/open" is a 409), and a
 * person may rename labels by hand, so decoding is case-insensitive and reports what it cannot read
 * instead of guessing.
 */
import {
  isTicketPriority,
  isTicketStatus,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketLabelState,
  type TicketPriority,
  type TicketStatus,
  type TicketTag,
  tagPath,
} from './ticket';

export const DEFAULT_LABEL_PREFIX = 'Helpdesk';

const CATEGORIES = ['Status', 'Priority', 'Assignee', 'Group', 'Tag'] as const;
type Category = (typeof CATEGORIES)[number];
export type SingleValuedCategory = Exclude<Category, 'Tag'>;

/** Gmail refuses longer label names (users.labels: "name" is limited to 225 characters). */
const MAX_LABEL_NAME_LENGTH = 225;
/** The longest assignee, group or tag part a stored ticket holds (src/store/schema.ts). */
const MAX_LABEL_VALUE_LENGTH = 200;

export class LabelNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelNameError';
  }
}

/** A name segment: no slash (it would nest), no leading/trailing space, not empty, no control characters. */
export function assertLabelSegment(kind: string, value: string): void {
  if (!isLabelSegment(value)) {
    throw new LabelNameError(`${kind} ${JSON.stringify(value)} cannot be part of a Gmail label name`);
  }
}

function isLabelSegment(value: string): boolean {
  return value.length > 0 && value.trim() === value && !value.includes('/') && !hasControlCharacter(value);
}

export function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export interface DecodedLabels {
  /** Null when the thread carries no status label: it is not (or no longer) a ticket. */
  state: TicketLabelState | null;
  /** Every value seen per single-valued category, in the canonical spelling; more than one is a conflict. */
  seen: Record<SingleValuedCategory, string[]>;
  /** Labels under the prefix that do not follow the scheme (renamed by hand, a typo, a removed status). */
  unreadable: string[];
}

export interface Repair {
  state: TicketLabelState | null;
  /** Label names to remove so the thread satisfies the invariants again. */
  remove: string[];
  /**
   * True when every conflict was settled by history order, which every browser that reads the same
   * history computes alike; false when a fixed precedence stood in for missing evidence. Only decisive
   * repairs should be written back to Gmail, so two browsers never remove each other's choice.
   */
  decisive: boolean;
}

/** For a conflicting label: the history id at which it was (last) added, as read from `history.list`. */
export type AddedAt = ReadonlyMap<string, string>;

/**
 * When evidence is missing, the value that keeps work visible wins: an active status over a finished one,
 * a higher priority over a lower one; names fall back to code-point order, which is the same everywhere.
 */
const STATUS_FALLBACK_ORDER: readonly TicketStatus[] = [
  'Open',
  'New',
  'On hold',
  'Pending',
  'Solved',
  'Closed',
];

export interface LabelCodec {
  readonly prefix: string;
  readonly recordsLabel: string;
  /** Every label the scheme needs before any ticket exists (statuses, priorities, records). */
  staticLabels(): string[];
  statusLabel(status: TicketStatus): string;
  priorityLabel(priority: TicketPriority): string;
  assigneeLabel(agent: string): string;
  groupLabel(group: string): string;
  tagLabel(tag: TicketTag): string;
  /** True for every label under the prefix, the records label included. */
  owns(labelName: string): boolean;
  encode(state: TicketLabelState): string[];
  decode(labelNames: Iterable<string>): DecodedLabels;
  repair(labelNames: Iterable<string>, addedAt?: AddedAt): Repair;
  /** The one `threads.modify` that takes a thread from its current labels to `next`; other labels untouched. */
  diff(
    currentLabelNames: Iterable<string>,
    next: TicketLabelState | null,
  ): { add: string[]; remove: string[] };
}

export function createLabelCodec(prefix: string = DEFAULT_LABEL_PREFIX): LabelCodec {
  const parts = prefix.split('/');
  for (const part of parts) assertLabelSegment('The label prefix', part);
  // Compared part by part: a lower-cased name can be longer than the name ('İ' → 'i̇'), so slicing the name
  // at the lower-cased prefix's length would cut into the category.
  const lowerParts = parts.map((part) => part.toLowerCase());
  const recordsLabel = `${prefix}/.records`;

  const label = (category: Category, ...values: string[]): string => {
    for (const value of values) assertLabelSegment(category, value);
    const name = [prefix, category, ...values].join('/');
    if (name.length > MAX_LABEL_NAME_LENGTH)
      throw new LabelNameError(`Label name too long: ${name.slice(0, 60)}…`);
    return name;
  };

  const statusLabel = (status: TicketStatus) => label('Status', status);
  const priorityLabel = (priority: TicketPriority) => label('Priority', priority);
  const assigneeLabel = (agent: string) => label('Assignee', agent);
  const groupLabel = (group: string) => label('Group', group);
  const tagLabel = (tag: TicketTag) =>
    tag.why === undefined ? label('Tag', tag.what) : label('Tag', tag.what, tag.why);

  /** The name's parts after the prefix, or null when the name is not under the prefix. */
  const partsAfterPrefix = (name: string): string[] | null => {
    const nameParts = name.split('/');
    if (nameParts.length <= lowerParts.length) return null;
    return lowerParts.every((part, i) => nameParts[i]?.toLowerCase() === part)
      ? nameParts.slice(lowerParts.length)
      : null;
  };
  const owns = (name: string) => partsAfterPrefix(name) !== null;

  function encode(state: TicketLabelState): string[] {
    const names = [statusLabel(state.status)];
    if (state.priority) names.push(priorityLabel(state.priority));
    if (state.assignee) names.push(assigneeLabel(state.assignee));
    if (state.group) names.push(groupLabel(state.group));
    const tags = new Set<string>();
    for (const tag of state.tags) {
      const name = tagLabel(tag);
      if (!tags.has(name.toLowerCase())) {
        tags.add(name.toLowerCase());
        names.push(name);
      }
    }
    return names;
  }

  /** Parses one label name; null when it is not ours, 'unreadable' when it is ours but off-scheme. */
  function parse(name: string): { category: Category; values: string[] } | 'records' | 'unreadable' | null {
    const rest = partsAfterPrefix(name);
    if (rest === null) return null;
    const [rawCategory, ...values] = rest;
    if (rawCategory === '.records' && values.length === 0) return 'records';
    const category = CATEGORIES.find((c) => c.toLowerCase() === rawCategory?.toLowerCase());
    if (!category || values.some((v) => v.length === 0)) return 'unreadable';
    // A label made by hand or by another tool that `encode` could not write back (a space at an end, a
    // control character, too long) is off-scheme: reading it as a value made `repair` throw and stop a sync.
    if (name.length > MAX_LABEL_NAME_LENGTH || values.some((v) => !isLabelSegment(v))) return 'unreadable';
    // Nor can a ticket hold a value longer than the store keeps (a 205-character tag fits Gmail's 225).
    if (values.some((v) => v.length > MAX_LABEL_VALUE_LENGTH)) return 'unreadable';
    if (category === 'Tag' ? values.length < 1 || values.length > 2 : values.length !== 1)
      return 'unreadable';
    const [value] = values;
    if (category === 'Status') {
      const status = TICKET_STATUSES.find((s) => s.toLowerCase() === value?.toLowerCase());
      return status ? { category, values: [status] } : 'unreadable';
    }
    if (category === 'Priority') {
      const priority = TICKET_PRIORITIES.find((p) => p.toLowerCase() === value?.toLowerCase());
      return priority ? { category, values: [priority] } : 'unreadable';
    }
    return { category, values };
  }

  function decode(labelNames: Iterable<string>): DecodedLabels {
    const seen: Record<SingleValuedCategory, string[]> = {
      Status: [],
      Priority: [],
      Assignee: [],
      Group: [],
    };
    const tags: TicketTag[] = [];
    const tagKeys = new Set<string>();
    const unreadable: string[] = [];
    for (const name of labelNames) {
      const parsed = parse(name);
      if (parsed === null || parsed === 'records') continue;
      if (parsed === 'unreadable') {
        unreadable.push(name);
        continue;
      }
      const { category, values } = parsed;
      if (category === 'Tag') {
        const [what, why] = values as [string, string | undefined];
        const tag: TicketTag = why === undefined ? { what } : { what, why };
        const key = tagPath(tag).toLowerCase();
        if (!tagKeys.has(key)) {
          tagKeys.add(key);
          tags.push(tag);
        }
        continue;
      }
      const value = values[0] as string;
      if (!seen[category].some((v) => v.toLowerCase() === value.toLowerCase())) seen[category].push(value);
    }
    tags.sort((a, b) => compareCodePoints(tagPath(a), tagPath(b)));
    const status = pickFallback('Status', seen.Status);
    if (status === undefined) return { state: null, seen, unreadable };
    const state: TicketLabelState = { status: status as TicketStatus, tags };
    const priority = pickFallback('Priority', seen.Priority);
    const assignee = pickFallback('Assignee', seen.Assignee);
    const group = pickFallback('Group', seen.Group);
    if (priority !== undefined && isTicketPriority(priority)) state.priority = priority;
    if (assignee !== undefined) state.assignee = assignee;
    if (group !== undefined) state.group = group;
    return { state, seen, unreadable };
  }

  function labelFor(category: SingleValuedCategory, value: string): string {
    if (category === 'Status' && isTicketStatus(value)) return statusLabel(value);
    if (category === 'Priority' && isTicketPriority(value)) return priorityLabel(value);
    return label(category, value);
  }

  function repair(labelNames: Iterable<string>, addedAt?: AddedAt): Repair {
    const names = [...labelNames];
    const decoded = decode(names);
    let decisive = true;
    const winners: Partial<Record<SingleValuedCategory, string>> = {};
    for (const category of ['Status', 'Priority', 'Assignee', 'Group'] as const) {
      let values = decoded.seen[category];
      // New is only ever set by automation on a thread with no status; a person's status always beats it,
      // whatever the order, so a late "make ticket" never undoes an agent's triage.
      if (category === 'Status' && values.length > 1) values = values.filter((v) => v !== 'New');
      if (values.length < 2) {
        if (values.length === 1 && decoded.seen[category].length > 1) winners[category] = values[0] as string;
        continue;
      }
      const byHistory = pickByHistory(values, (v) => findAddedAt(addedAt, names, labelFor(category, v)));
      if (byHistory === undefined) decisive = false;
      winners[category] = byHistory ?? (pickFallback(category, values) as string);
    }
    if (decoded.state === null) return { state: null, remove: [], decisive: true };
    const state: TicketLabelState = { ...decoded.state };
    if (winners.Status !== undefined) state.status = winners.Status as TicketStatus;
    if (winners.Priority !== undefined) state.priority = winners.Priority as TicketPriority;
    if (winners.Assignee !== undefined) state.assignee = winners.Assignee;
    if (winners.Group !== undefined) state.group = winners.Group;
    const keep = new Set(encode(state).map((n) => n.toLowerCase()));
    const remove = names.filter((name) => {
      const parsed = parse(name);
      if (parsed === null || parsed === 'records' || parsed === 'unreadable' || parsed.category === 'Tag') {
        return false;
      }
      return !keep.has(labelFor(parsed.category, parsed.values[0] as string).toLowerCase());
    });
    return { state, remove, decisive };
  }

  function diff(currentLabelNames: Iterable<string>, next: TicketLabelState | null) {
    const current = [...currentLabelNames].filter((name) => {
      const parsed = parse(name);
      return parsed !== null && parsed !== 'records' && parsed !== 'unreadable';
    });
    const wanted = next ? encode(next) : [];
    const currentKeys = new Set(current.map((n) => n.toLowerCase()));
    const wantedKeys = new Set(wanted.map((n) => n.toLowerCase()));
    return {
      add: wanted.filter((n) => !currentKeys.has(n.toLowerCase())),
      remove: current.filter((n) => !wantedKeys.has(n.toLowerCase())),
    };
  }

  return {
    prefix,
    recordsLabel,
    staticLabels: () => [
      ...TICKET_STATUSES.map(statusLabel),
      ...TICKET_PRIORITIES.map(priorityLabel),
      recordsLabel,
    ],
    statusLabel,
    priorityLabel,
    assigneeLabel,
    groupLabel,
    tagLabel,
    owns,
    encode,
    decode,
    repair,
    diff,
  };
}

function findAddedAt(addedAt: AddedAt | undefined, names: string[], canonical: string): string | undefined {
  if (!addedAt) return undefined;
  const direct = addedAt.get(canonical);
  if (direct !== undefined) return direct;
  // The thread may carry a differently cased spelling; the evidence is keyed by the name as seen.
  const spelled = names.find((n) => n.toLowerCase() === canonical.toLowerCase());
  return spelled === undefined ? undefined : addedAt.get(spelled);
}

/** The value added last wins, when every candidate's history id is known and they differ. */
function pickByHistory(
  values: string[],
  historyIdOf: (value: string) => string | undefined,
): string | undefined {
  let best: { value: string; id: bigint } | undefined;
  for (const value of values) {
    const raw = historyIdOf(value);
    if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
    const id = BigInt(raw);
    if (best !== undefined && id === best.id) return undefined;
    if (best === undefined || id > best.id) best = { value, id };
  }
  return best?.value;
}

function pickFallback(category: SingleValuedCategory, values: string[]): string | undefined {
  if (values.length <= 1) return values[0];
  if (category === 'Status') return STATUS_FALLBACK_ORDER.find((s) => values.includes(s));
  if (category === 'Priority') {
    return [...TICKET_PRIORITIES].reverse().find((p) => values.includes(p));
  }
  return [...values].sort(compareCodePoints)[0];
}

/** Locale-independent ordering: every browser, whatever its language, sorts alike. */
function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
