/**
 * Macros (issue 5, PRODUCT.md "Replies", seed S000 lines 124-126): one click replies with a template, changes
 * the ticket's status, priority, group, assignee and tags, adds an internal note and notifies the new
 * assignee. Planned here, applied downstream: a plan is ONE ticket patch (so all label changes go out in one
 * `threads.modify`), the template to insert, the note to add and whom to notify; or the list of reasons the
 * macro cannot apply, in which case nothing at all is applied.
 */
// zod/mini: the reply tools' script (loaded into Gmail tabs) validates macros with these schemas and must
// not carry zod classic. Classic schemas (records.ts, reply-library-io.ts) hold mini ones as they are.
import { z } from 'zod/mini';
import type { TeamConfig } from './team-config';
import { teamGroups } from './team-config';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketLabelState,
  type TicketPriority,
  type TicketStatus,
  type TicketTag,
  tagPath,
} from './ticket';

/** An assignee in a macro: an agent's name, or 'me', whoever applies it. */
export const MACRO_ME = 'me';

const agentName = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
/** `what` or `what/why`, as the team's tag taxonomy writes it. */
const tagPathSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(400), z.regex(/^[^/]+(\/[^/]+)?$/, 'a tag is "what" or "what/why"'));
/** A record id chosen by its writer (a random UUID), as in records.ts. */
const recordId = z.string().check(z.regex(/^[0-9a-f-]{36}$/));
const threadId = z.string().check(z.regex(/^[0-9a-f]{1,16}$/));
const epochMs = z.int().check(z.nonnegative());

export const MACRO_NAME_MAX = 100;
export const MACRO_NOTE_MAX = 20_000;
export const MACROS_MAX = 500;

const macroName = z.string().check(z.trim(), z.minLength(1), z.maxLength(MACRO_NAME_MAX));

/** The fields a macro changes; `null` clears a field (as in the messaging contract's ticket patch). */
export const macroPatchSchema = z.object({
  status: z.optional(z.enum(TICKET_STATUSES)),
  priority: z.optional(z.nullable(z.enum(TICKET_PRIORITIES))),
  group: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)))),
  assignee: z.optional(z.nullable(agentName)),
  addTags: z.optional(z.array(tagPathSchema).check(z.maxLength(100))),
  removeTags: z.optional(z.array(tagPathSchema).check(z.maxLength(100))),
});
export type MacroPatch = z.infer<typeof macroPatchSchema>;

export const macroSchema = z.object({
  id: recordId,
  name: macroName,
  templateId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  patch: macroPatchSchema,
  note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(MACRO_NOTE_MAX))),
  notifyAssignee: z._default(z.boolean(), false),
});
export type Macro = z.infer<typeof macroSchema>;

/** A team's macros: ids and names are unique (names ignoring case: a sidebar button is named by it). */
export const macrosSchema = z.array(macroSchema).check(
  z.maxLength(MACROS_MAX),
  z.superRefine((macros, ctx) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    macros.forEach((macro, index) => {
      if (ids.has(macro.id)) {
        ctx.addIssue({
          code: 'custom',
          message: 'this macro id is used twice',
          path: [index, 'id'],
          params: { reason: 'duplicate-id', value: macro.id },
        });
      }
      const name = macro.name.toLowerCase();
      if (names.has(name)) {
        ctx.addIssue({
          code: 'custom',
          message: 'this macro name is used twice',
          path: [index, 'name'],
          params: { reason: 'duplicate-name', value: macro.name },
        });
      }
      ids.add(macro.id);
      names.add(name);
    });
  }),
);

/** The ticket patch a plan applies: the shape of the messaging contract's `ticketPatchSchema`. */
export interface TicketPatch {
  status?: TicketStatus;
  priority?: TicketPriority | null;
  assignee?: string | null;
  group?: string | null;
  addTags?: TicketTag[];
  removeTags?: TicketTag[];
}

export interface MacroContext {
  /** The ticket's label state now. */
  ticket: TicketLabelState;
  team: Pick<TeamConfig, 'agents' | 'tags'>;
  /** Ids of the templates in the library now. */
  templateIds: ReadonlySet<string> | readonly string[];
  /** The name of the agent applying the macro (what 'me' stands for), when known. */
  me?: string;
}

/** Why a macro cannot apply; `field` is the macro's field at fault, `value` what it names. */
export type MacroProblem =
  /** The stored macro does not have a macro's shape (a hand-edited or newer record). */
  | { code: 'macro-invalid'; field: string; message: string }
  /** Its reply template was deleted from the library. */
  | { code: 'template-missing'; field: 'templateId'; value: string }
  /** It assigns an agent who is no longer in the team. */
  | { code: 'agent-unknown'; field: 'patch.assignee'; value: string }
  /** It assigns 'me', and who applies it is not known (not signed in, or no name in the team). */
  | { code: 'me-unknown'; field: 'patch.assignee'; value: string }
  /** It sets a group no agent belongs to any more. */
  | { code: 'group-unknown'; field: 'patch.group'; value: string }
  /** It adds a tag the team's taxonomy does not have (only when the team keeps a taxonomy). */
  | { code: 'tag-unknown'; field: 'patch.addTags'; value: string }
  /** It both adds and removes one tag. */
  | { code: 'tag-conflict'; field: 'patch.removeTags'; value: string };

export interface MacroPlan {
  ok: true;
  /** Only what changes: fields already as the macro wants them are left out. May be empty. */
  patch: TicketPatch;
  reply?: { templateId: string };
  note?: string;
  /** The agent to notify: the assignee the macro sets, unless it is the agent applying it. */
  notify?: { agent: string };
}

export type MacroPlanResult = MacroPlan | { ok: false; problems: MacroProblem[] };

export function tagFromPath(path: string): TicketTag {
  const slash = path.indexOf('/');
  return slash < 0 ? { what: path } : { what: path.slice(0, slash), why: path.slice(slash + 1) };
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * What applying `macro` to the ticket would do, or every reason it cannot. Names are matched ignoring case
 * and come out as the team spells them now (the assignee label is the agent's name).
 */
export function planMacro(macro: unknown, context: MacroContext): MacroPlanResult {
  const parsed = macroSchema.safeParse(macro);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        code: 'macro-invalid',
        field: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  }
  const { patch: wanted, templateId, note, notifyAssignee } = parsed.data;
  const { ticket, team } = context;
  const problems: MacroProblem[] = [];
  const patch: TicketPatch = {};

  if (templateId !== undefined) {
    const ids = context.templateIds;
    const known = 'has' in ids ? ids.has(templateId) : ids.includes(templateId);
    if (!known) problems.push({ code: 'template-missing', field: 'templateId', value: templateId });
  }

  if (wanted.status !== undefined && wanted.status !== ticket.status) patch.status = wanted.status;
  if (wanted.priority !== undefined && wanted.priority !== (ticket.priority ?? null)) {
    patch.priority = wanted.priority;
  }

  if (wanted.group !== undefined) {
    const group =
      wanted.group === null ? null : teamGroups(team).find((known) => sameName(known, wanted.group ?? ''));
    if (group === undefined) {
      problems.push({ code: 'group-unknown', field: 'patch.group', value: wanted.group ?? '' });
    } else if (group !== (ticket.group ?? null)) patch.group = group;
  }

  if (wanted.assignee !== undefined) {
    let assignee: string | null | undefined = null;
    if (wanted.assignee !== null) {
      const isMe = sameName(wanted.assignee, MACRO_ME);
      const name = isMe ? context.me : wanted.assignee;
      assignee =
        name === undefined ? undefined : team.agents.find((agent) => sameName(agent.name, name))?.name;
      if (assignee === undefined) {
        problems.push(
          isMe
            ? { code: 'me-unknown', field: 'patch.assignee', value: wanted.assignee }
            : { code: 'agent-unknown', field: 'patch.assignee', value: wanted.assignee },
        );
      }
    }
    if (assignee !== undefined && assignee !== (ticket.assignee ?? null)) patch.assignee = assignee;
  }

  const has = (path: string) => ticket.tags.some((tag) => sameName(tagPath(tag), path));
  const taxonomy = team.tags.map((tag) => tag.path);
  const removing = new Set((wanted.removeTags ?? []).map((path) => path.toLowerCase()));
  const addTags: TicketTag[] = [];
  for (const path of wanted.addTags ?? []) {
    if (removing.has(path.toLowerCase())) {
      problems.push({ code: 'tag-conflict', field: 'patch.removeTags', value: path });
      continue;
    }
    // With a taxonomy, the tag comes out as the taxonomy spells it; without one, tags are free.
    const known = taxonomy.length === 0 ? path : taxonomy.find((defined) => sameName(defined, path));
    if (known === undefined) problems.push({ code: 'tag-unknown', field: 'patch.addTags', value: path });
    else if (!has(known) && !addTags.some((tag) => sameName(tagPath(tag), known))) {
      addTags.push(tagFromPath(known));
    }
  }
  // A tag is removed as the ticket spells it, so the label found is the label removed.
  const removeTags = ticket.tags.filter((tag) => removing.has(tagPath(tag).toLowerCase()));
  if (addTags.length > 0) patch.addTags = addTags;
  if (removeTags.length > 0) patch.removeTags = removeTags;

  if (problems.length > 0) return { ok: false, problems };

  const plan: MacroPlan = { ok: true, patch };
  if (templateId !== undefined) plan.reply = { templateId };
  if (note !== undefined) plan.note = note;
  const assigneeAfter = patch.assignee === undefined ? ticket.assignee : (patch.assignee ?? undefined);
  // Only a change of hands is news; nobody is told about a ticket they gave themselves.
  if (
    notifyAssignee &&
    patch.assignee !== undefined &&
    assigneeAfter !== undefined &&
    !(context.me !== undefined && sameName(assigneeAfter, context.me))
  ) {
    plan.notify = { agent: assigneeAfter };
  }
  return plan;
}

/**
 * The patch that undoes `patch` on a ticket that was `before` it (the few seconds' undo): each field back to
 * its old value, each added tag removed and each removed tag added back. Applied as one patch too.
 */
export function inverseOf(patch: TicketPatch, before: TicketLabelState): TicketPatch {
  const inverse: TicketPatch = {};
  if (patch.status !== undefined) inverse.status = before.status;
  if (patch.priority !== undefined) inverse.priority = before.priority ?? null;
  if (patch.assignee !== undefined) inverse.assignee = before.assignee ?? null;
  if (patch.group !== undefined) inverse.group = before.group ?? null;
  const had = (tag: TicketTag) => before.tags.some((old) => tagPath(old) === tagPath(tag));
  const removeTags = (patch.addTags ?? []).filter((tag) => !had(tag));
  const addTags = (patch.removeTags ?? []).filter(had);
  if (addTags.length > 0) inverse.addTags = addTags;
  if (removeTags.length > 0) inverse.removeTags = removeTags;
  return inverse;
}

/**
 * "A macro assigned you a ticket" (issue 5): a shared record the new assignee's Labeldesk turns into a
 * browser notification. The lead adds it to records.ts `shareRecordSchema`.
 */
export const notifyRecordSchema = z.object({
  kind: z.literal('notify'),
  id: recordId,
  /** The agent told, by name. */
  to: agentName,
  /** The agent who applied the macro. */
  from: agentName,
  threadId,
  /** The macro's name, as the notification says it (an SLA escalation names the policy: "SLA"). */
  macro: macroName,
  createdAt: epochMs,
  /**
   * Why the agent is told (issue 6); absent on records written before it: a macro. An SLA escalation says
   * whether the ticket is at risk or breached, and the clock's due time (one record per ticket, reason and
   * due time: the runner checks before it writes).
   */
  reason: z.optional(z.enum(['macro', 'sla-at-risk', 'sla-breached'])),
  dueAt: z.optional(epochMs),
});
export type NotifyRecord = z.infer<typeof notifyRecordSchema>;

export function notifyRecord(init: {
  to: string;
  from: string;
  threadId: string;
  macroName: string;
  now: number;
  id?: string;
}): NotifyRecord {
  return notifyRecordSchema.parse({
    kind: 'notify',
    id: init.id ?? crypto.randomUUID(),
    to: init.to,
    from: init.from,
    threadId: init.threadId,
    macro: init.macroName,
    createdAt: init.now,
  });
}
