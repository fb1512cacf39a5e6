/**
 * Rules (issue 6, PRODUCT.md "Automation"): when a new ticket matches a rule's conditions (sender, domain,
 * subject or body words, language, attachment, time of arrival), the rule sets tags, priority, group, an
 * assignee (a named agent, round-robin or least-loaded among the agents on shift) and a macro's field
 * changes. Pure: the runner (src/sync/automation/rules.ts) and the preview (src/background/rules-preview.ts)
 * gather the facts and the team's load, and apply the one patch planned here.
 */
import {
  type AutomationSettings,
  type BusinessCalendar,
  calendarFor,
  type Rule,
  type RuleCondition,
} from './automation-config';
import { isOpen } from './business-hours';
import { detectLanguage } from './language-detect';
import { type Macro, planMacro, type TicketPatch, tagFromPath } from './macros';
import type { TeamConfig } from './team-config';
import type { TemplateLibrary } from './templates';
import { type TicketLabelState, type TicketTag, tagPath } from './ticket';

export type RuleLanguage = 'en' | 'ru' | 'pl' | 'ja';

/** What rules look at in a new ticket's first message. Absent `body`, `language`, `hasAttachment`: not read. */
export interface RuleFacts {
  from: string;
  fromName?: string;
  domain: string;
  subject: string;
  body?: string;
  language?: RuleLanguage;
  hasAttachment?: boolean;
  /** When the message arrived (epoch ms). */
  arrivedAt: number;
}

type Settings = Pick<AutomationSettings, 'calendars' | 'sla' | 'shifts'>;
type Team = Pick<TeamConfig, 'agents' | 'tags'>;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CLASS = '[\\p{L}\\p{N}\\p{M}]';
const WORD_CHAR = new RegExp(WORD_CLASS, 'u');

/**
 * Text as words are compared: compatibility forms folded (full-width Latin, half-width kana), lowercased, one
 * space, and Russian ё as е (most people type "счет" for "счёт").
 */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/ё/gu, 'е').replace(/\s+/gu, ' ');
}

/**
 * Whether `word` (or a phrase) appears in `text` as a whole word, ignoring case. Japanese and Chinese write
 * without spaces, so a word in those scripts matches anywhere (as Gmail's search does).
 */
export function containsWord(text: string, word: string): boolean {
  const needle = fold(word).trim();
  if (needle === '') return false;
  const haystack = fold(text);
  if (CJK.test(needle)) return haystack.includes(needle);
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A side of the word that is a letter or digit must not run on into another: "order" is not in "orders".
  const before = WORD_CHAR.test([...needle][0] ?? '') ? `(?<!${WORD_CLASS})` : '';
  const after = WORD_CHAR.test([...needle].pop() ?? '') ? `(?!${WORD_CLASS})` : '';
  return new RegExp(`${before}${escaped}${after}`, 'u').test(haystack);
}

function anyWord(text: string, words: readonly string[]): boolean {
  return words.some((word) => containsWord(text, word));
}

const lower = (value: string) => value.trim().toLowerCase();

/** The calendar a `time` condition names, or the SLA policy's default; undefined when the named one is gone. */
function conditionCalendar(settings: Settings, id: string | undefined): BusinessCalendar | undefined {
  if (id === undefined) return calendarFor(settings as AutomationSettings, undefined);
  return settings.calendars.find((calendar) => calendar.id === id);
}

/** One condition; a fact the caller did not read (the body, the language, attachments) never matches. */
export function conditionMatches(condition: RuleCondition, facts: RuleFacts, settings: Settings): boolean {
  switch (condition.field) {
    case 'sender':
      return lower(facts.from) === lower(condition.value);
    case 'domain': {
      const wanted = lower(condition.value).replace(/^@/, '');
      const domain = lower(facts.domain);
      return wanted !== '' && (domain === wanted || domain.endsWith(`.${wanted}`));
    }
    case 'subject':
      return anyWord(facts.subject, condition.words) !== condition.not;
    case 'body':
      if (facts.body === undefined) return false;
      return anyWord(facts.body, condition.words) !== condition.not;
    case 'language':
      return facts.language !== undefined && facts.language === condition.value;
    case 'attachment':
      return facts.hasAttachment !== undefined && facts.hasAttachment === condition.value;
    case 'time': {
      const calendar = conditionCalendar(settings, condition.calendar);
      if (calendar === undefined) return false;
      return isOpen(facts.arrivedAt, calendar) === (condition.value === 'in-hours');
    }
  }
}

/** Whether the rule's conditions hold ('all' or 'any'); whether the rule is enabled is the caller's concern. */
export function ruleMatches(rule: Rule, facts: RuleFacts, settings: Settings): boolean {
  const check = (condition: RuleCondition) => conditionMatches(condition, facts, settings);
  return rule.match === 'any' ? rule.conditions.some(check) : rule.conditions.every(check);
}

/** Fields only the full message tells: the body text, its language, its attachments. */
const BODY_FIELDS: ReadonlySet<RuleCondition['field']> = new Set(['body', 'language', 'attachment']);

/** Whether any enabled rule needs the message's full text (one `messages.get format=full`, 5 units, a ticket). */
export function needsBody(rules: readonly Rule[]): boolean {
  return rules.some((rule) => rule.enabled && rule.conditions.some((c) => BODY_FIELDS.has(c.field)));
}

/**
 * Whether reading this ticket's message could change what the rules do, its other facts known: some enabled
 * rule looks at the body and is not already decided without it ('all' with every other condition holding,
 * 'any' with none holding). A body is read only then (5 units), so "domain X and body words Y" costs nothing
 * for mail from elsewhere.
 */
export function bodyMatters(rules: readonly Rule[], facts: RuleFacts, settings: Settings): boolean {
  const check = (condition: RuleCondition) => conditionMatches(condition, facts, settings);
  return rules.some((rule) => {
    if (!rule.enabled || !rule.conditions.some((c) => BODY_FIELDS.has(c.field))) return false;
    const others = rule.conditions.filter((c) => !BODY_FIELDS.has(c.field));
    return rule.match === 'all' ? others.every(check) : !others.some(check);
  });
}

/** The language fact from the text read: none when there is nothing to tell it by. */
export function languageOf(subject: string, body: string): RuleLanguage | undefined {
  const guess = detectLanguage(`${subject}\n${body}`);
  return guess.confidence > 0 ? guess.language : undefined;
}

/** Why a rule did not do all it says, for the runner's log and the preview. */
export type RuleNote =
  | { ruleId: string; code: 'nobody-on-shift'; group?: string }
  | { ruleId: string; code: 'agent-unknown'; agent: string }
  | { ruleId: string; code: 'no-team' }
  | { ruleId: string; code: 'macro-missing'; macroId: string }
  | { ruleId: string; code: 'macro-refused'; macroId: string; problems: string[] };

export interface RulesContext {
  settings: Settings;
  team: Team | null | undefined;
  library: Pick<TemplateLibrary, 'macros'>;
  /** The mailbox's clock: who is on shift now. */
  now: number;
  /** Open tickets per assignee (least-loaded). */
  load: ReadonlyMap<string, number>;
  /** The agent the rules assigned last (round-robin goes on after them). */
  lastAssigned?: string;
  /** The ticket's label state now. */
  current: TicketLabelState;
}

export interface RulesPlan {
  /** Only what changes against `current`; empty when nothing does. */
  patch: TicketPatch;
  /** The macro whose field changes were merged last. */
  macroId?: string;
  /** Ids of the rules that matched, in order. */
  applied: string[];
  /** The agent the rules assigned, when they assigned one. */
  assignee?: string;
  /** What the rules could not do (nobody on shift, an agent or macro gone). */
  notes: RuleNote[];
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether an agent works now: their shift calendar is open, or they have none (always on shift). */
export function onShift(agent: string, settings: Settings, now: number): boolean {
  const entry = Object.entries(settings.shifts).find(([name]) => sameName(name, agent));
  if (entry === undefined) return true;
  const calendar = settings.calendars.find((c) => c.id === entry[1]);
  return calendar === undefined ? true : isOpen(now, calendar);
}

function candidates(team: Team, group: string | undefined): string[] {
  const agents =
    group === undefined
      ? team.agents
      : team.agents.filter((agent) => agent.groups.some((g) => sameName(g, group)));
  return agents.map((agent) => agent.name);
}

type Pick1 = { agent: string } | { note: RuleNote };

function pickAgent(rule: Rule, context: RulesContext): Pick1 | undefined {
  const assign = rule.actions.assign;
  if (assign === undefined) return undefined;
  const { team, settings, now } = context;
  if (!team || team.agents.length === 0) return { note: { ruleId: rule.id, code: 'no-team' } };
  if (assign.mode === 'agent') {
    const agent = team.agents.find((a) => sameName(a.name, assign.agent));
    return agent
      ? { agent: agent.name }
      : { note: { ruleId: rule.id, code: 'agent-unknown', agent: assign.agent } };
  }
  const group = rule.actions.group;
  const pool = candidates(team, group);
  const working = pool.filter((name) => onShift(name, settings, now));
  if (working.length === 0) {
    return { note: { ruleId: rule.id, code: 'nobody-on-shift', ...(group !== undefined ? { group } : {}) } };
  }
  if (assign.mode === 'round-robin') {
    const last = context.lastAssigned;
    const start = last === undefined ? -1 : pool.findIndex((name) => sameName(name, last));
    for (let step = 1; step <= pool.length; step++) {
      const name = pool[(start + step + pool.length) % pool.length] as string;
      if (working.includes(name)) return { agent: name };
    }
    return { agent: working[0] as string };
  }
  const loadOf = (name: string) => {
    for (const [key, value] of context.load) if (sameName(key, name)) return value;
    return 0;
  };
  const sorted = [...working].sort((a, b) => loadOf(a) - loadOf(b) || (a < b ? -1 : a > b ? 1 : 0));
  return { agent: sorted[0] as string };
}

const tagKey = (tag: TicketTag) => tagPath(tag).toLowerCase();

function withTags(state: TicketLabelState, paths: readonly string[], team: Team | null | undefined) {
  const taxonomy = team?.tags.map((tag) => tag.path) ?? [];
  const tags = [...state.tags];
  for (const path of paths) {
    const spelled = taxonomy.find((known) => sameName(known, path)) ?? path;
    const tag = tagFromPath(spelled);
    if (!tags.some((known) => tagKey(known) === tagKey(tag))) tags.push(tag);
  }
  return { ...state, tags };
}

/** A rule has no "me": a macro that assigns whoever applies it keeps the assignee the rules chose. */
function withoutMe(macro: Macro): Macro {
  if (macro.patch.assignee == null || !sameName(macro.patch.assignee, 'me')) return macro;
  const { assignee: _me, ...patch } = macro.patch;
  return { ...macro, patch };
}

/** The patch that takes `before` to `after`: only fields that differ, tags added and removed one by one. */
export function patchBetween(before: TicketLabelState, after: TicketLabelState): TicketPatch {
  const patch: TicketPatch = {};
  if (after.status !== before.status) patch.status = after.status;
  if (after.priority !== before.priority) patch.priority = after.priority ?? null;
  if (after.group !== before.group) patch.group = after.group ?? null;
  if (after.assignee !== before.assignee) patch.assignee = after.assignee ?? null;
  const had = new Set(before.tags.map(tagKey));
  const has = new Set(after.tags.map(tagKey));
  const addTags = after.tags.filter((tag) => !had.has(tagKey(tag)));
  const removeTags = before.tags.filter((tag) => !has.has(tagKey(tag)));
  if (addTags.length > 0) patch.addTags = addTags;
  if (removeTags.length > 0) patch.removeTags = removeTags;
  return patch;
}

/** The label state after a patch (as the engine applies one; core cannot import the engine). */
export function applyTicketPatch(state: TicketLabelState, patch: TicketPatch): TicketLabelState {
  const next: TicketLabelState = { ...state, tags: [...state.tags] };
  if (patch.status !== undefined) next.status = patch.status;
  for (const key of ['priority', 'group', 'assignee'] as const) {
    const value = patch[key];
    if (value === null) delete next[key];
    else if (value !== undefined) (next as Record<typeof key, string>)[key] = value;
  }
  const removed = new Set((patch.removeTags ?? []).map(tagKey));
  next.tags = next.tags.filter((tag) => !removed.has(tagKey(tag)));
  for (const tag of patch.addTags ?? []) {
    if (!next.tags.some((known) => tagKey(known) === tagKey(tag))) next.tags.push(tag);
  }
  return next;
}

/**
 * What the enabled rules do to a new ticket, in order: each matching rule's fields, then its macro's field
 * changes (never its reply or note); a later rule overrides a single field (priority, group, assignee),
 * tags accumulate, and a matching rule with `stop` ends the run. One patch comes out, so every label change
 * goes to Gmail in one `threads.modify`.
 */
export function planRules(rules: readonly Rule[], facts: RuleFacts, context: RulesContext): RulesPlan {
  const { team, settings, library } = context;
  let state: TicketLabelState = { ...context.current, tags: [...context.current.tags] };
  const applied: string[] = [];
  const notes: RuleNote[] = [];
  let macroId: string | undefined;
  let assignee: string | undefined;

  for (const rule of rules) {
    if (!rule.enabled || !ruleMatches(rule, facts, settings)) continue;
    applied.push(rule.id);
    const { actions } = rule;
    if (actions.tags !== undefined) state = withTags(state, actions.tags, team);
    if (actions.priority !== undefined) state = { ...state, priority: actions.priority };
    if (actions.group !== undefined) {
      const known = team?.agents.flatMap((a) => a.groups).find((g) => sameName(g, actions.group ?? ''));
      state = { ...state, group: known ?? actions.group };
    }
    const picked = pickAgent(rule, context);
    if (picked !== undefined) {
      if ('agent' in picked) {
        state = { ...state, assignee: picked.agent };
        assignee = picked.agent;
      } else notes.push(picked.note);
    }
    if (actions.macroId !== undefined) {
      const id = actions.macroId;
      const macro = library.macros.find((known) => known.id === id);
      if (macro === undefined) notes.push({ ruleId: rule.id, code: 'macro-missing', macroId: id });
      else {
        const usable = withoutMe(macro);
        const plan = planMacro(usable, {
          ticket: state,
          team: team ?? { agents: [], tags: [] },
          // A rule never sends the macro's reply: a template deleted since does not stop its field changes.
          templateIds: usable.templateId === undefined ? [] : [usable.templateId],
        });
        if (plan.ok) {
          state = applyTicketPatch(state, plan.patch);
          macroId = id;
          if (plan.patch.assignee !== undefined) assignee = plan.patch.assignee ?? undefined;
        } else {
          notes.push({
            ruleId: rule.id,
            code: 'macro-refused',
            macroId: id,
            problems: plan.problems.map((problem) => problem.code),
          });
        }
      }
    }
    if (rule.stop) break;
  }

  const result: RulesPlan = { patch: patchBetween(context.current, state), applied, notes };
  if (macroId !== undefined) result.macroId = macroId;
  if (assignee !== undefined && state.assignee === assignee) result.assignee = assignee;
  return result;
}
