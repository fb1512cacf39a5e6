/**
 * The team set-up form's state: what the agent typed, as strings, with a stable key per row so inputs keep
 * their ids (and their errors) while rows are added and removed. `draftInput` turns it into the input
 * `checkTeamConfig` validates; problem paths map back to the ids of the fields at fault.
 */
import { checksBeforeSending, type TeamConfig } from '../../core/team-config';
import type { ProblemPath } from '../../core/team-config-io';

export interface AgentDraft {
  key: string;
  name: string;
  email: string;
  /** Comma-separated, as typed. */
  groups: string;
  lead: boolean;
}

export interface TagDraft {
  key: string;
  path: string;
  description: string;
}

export interface TeamDraft {
  agents: AgentDraft[];
  labelPrefix: string;
  /** Comma-, space- or line-separated, as typed. */
  teamDomains: string;
  tags: TagDraft[];
  /** The team setting "Check replies before sending". */
  checksBeforeSending: boolean;
}

let lastKey = 0;
/** Row keys unique for the page's life; they become parts of element ids. */
export function rowKey(): string {
  lastKey += 1;
  return `r${lastKey}`;
}

export const NEW_TEAM: TeamConfig = { agents: [], labelPrefix: 'Helpdesk', teamDomains: [], tags: [] };

export function draftFromConfig(config: TeamConfig): TeamDraft {
  return {
    agents: config.agents.map((agent) => ({
      key: rowKey(),
      name: agent.name,
      email: agent.email,
      groups: agent.groups.join(', '),
      lead: agent.lead,
    })),
    labelPrefix: config.labelPrefix,
    teamDomains: config.teamDomains.join(', '),
    tags: config.tags.map((tag) => ({ key: rowKey(), path: tag.path, description: tag.description ?? '' })),
    checksBeforeSending: checksBeforeSending(config),
  };
}

export function emptyAgent(): AgentDraft {
  return { key: rowKey(), name: '', email: '', groups: '', lead: false };
}

export function emptyTag(): TagDraft {
  return { key: rowKey(), path: '', description: '' };
}

export function splitGroups(text: string): string[] {
  const groups: string[] = [];
  for (const part of text.split(',')) {
    const group = part.trim();
    if (group !== '' && !groups.some((known) => known.toLowerCase() === group.toLowerCase()))
      groups.push(group);
  }
  return groups;
}

/** `@shop.example, Example.org` → `['shop.example', 'example.org']`: a domain is a domain however it is typed. */
export function splitDomains(text: string): string[] {
  const domains: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const domain = part.trim().replace(/^@/, '').toLowerCase();
    if (domain !== '' && !domains.includes(domain)) domains.push(domain);
  }
  return domains;
}

/** The config input the draft stands for: trimmed, lists split; validation is `checkTeamConfig`'s job. */
export function draftInput(draft: TeamDraft): TeamConfig {
  return {
    agents: draft.agents.map((agent) => ({
      name: agent.name.trim(),
      email: agent.email.trim(),
      groups: splitGroups(agent.groups),
      lead: agent.lead,
    })),
    labelPrefix: draft.labelPrefix.trim(),
    teamDomains: splitDomains(draft.teamDomains),
    tags: draft.tags.map((tag) => {
      const description = tag.description.trim();
      return description === '' ? { path: tag.path.trim() } : { path: tag.path.trim(), description };
    }),
    checksBeforeSending: draft.checksBeforeSending,
  };
}

/** Names for "I am": the agents' names as typed, without blanks or repeats. */
export function agentNames(draft: TeamDraft): string[] {
  const names: string[] = [];
  for (const agent of draft.agents) {
    const name = agent.name.trim();
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}

export const fieldIds = {
  agents: 'team-agents',
  agentName: (key: string) => `team-agent-${key}-name`,
  agentEmail: (key: string) => `team-agent-${key}-email`,
  agentGroups: (key: string) => `team-agent-${key}-groups`,
  agentLead: (key: string) => `team-agent-${key}-lead`,
  labelPrefix: 'team-label-prefix',
  teamDomains: 'team-domains',
  tags: 'team-tags',
  tagPath: (key: string) => `team-tag-${key}-path`,
  tagDescription: (key: string) => `team-tag-${key}-description`,
  checksBeforeSending: 'team-checks-before-sending',
} as const;

/** The id of the field a problem belongs to; the section's id when no single field is at fault. */
export function fieldIdOf(draft: TeamDraft, path: ProblemPath): string {
  const [section, index, field] = path;
  if (section === 'agents') {
    const agent = typeof index === 'number' ? draft.agents[index] : undefined;
    if (agent === undefined) return fieldIds.agents;
    if (field === 'email') return fieldIds.agentEmail(agent.key);
    if (field === 'groups') return fieldIds.agentGroups(agent.key);
    if (field === 'lead') return fieldIds.agentLead(agent.key);
    return fieldIds.agentName(agent.key);
  }
  if (section === 'tags') {
    const tag = typeof index === 'number' ? draft.tags[index] : undefined;
    if (tag === undefined) return fieldIds.tags;
    return field === 'description' ? fieldIds.tagDescription(tag.key) : fieldIds.tagPath(tag.key);
  }
  if (section === 'teamDomains') return fieldIds.teamDomains;
  if (section === 'labelPrefix') return fieldIds.labelPrefix;
  return fieldIds.agents;
}
