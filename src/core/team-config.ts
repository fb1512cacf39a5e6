// zod/mini: the team config crosses into the content script (the sidebar's pickers), which every Gmail tab loads.
import { z } from 'zod/mini';

/**
 * The team's set-up, shared by every agent through a config record in the mailbox (DESIGN.md section 1):
 * who the agents are (their addresses are "the team" for the ticket rule), the label prefix, the team's
 * own domains and the tag taxonomy with descriptions. The newest config record wins.
 */
const name = z.string().check(z.minLength(1), z.maxLength(200));

/**
 * The schema, given how an agent's address is checked: `z.email()` where a config is written or read from
 * the mailbox (the options page, the worker, the records), a bounded string where the content script reads
 * the worker's answer (the worker checked the addresses; z.email's class and pattern would otherwise ship
 * in every Gmail tab).
 */
export function teamConfigOf<E extends z.ZodMiniType<string, string>>(email: E) {
  const agent = z.object({
    name,
    email,
    groups: z._default(
      z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.maxLength(50)),
      [],
    ),
    lead: z._default(z.boolean(), false),
  });
  return z.object({
    agents: z.array(agent).check(z.maxLength(200)),
    labelPrefix: z._default(z.string().check(z.minLength(1), z.maxLength(100)), 'Helpdesk'),
    teamDomains: z._default(
      z.array(z.string().check(z.minLength(1), z.maxLength(253))).check(z.maxLength(20)),
      [],
    ),
    tags: z._default(z.array(tagDefinitionSchema).check(z.maxLength(1_000)), []),
    /**
     * Check replies before sending (unfilled variables, incomplete links, a missing attachment), off by
     * default. Optional in the type, so a config written before the setting existed (or a literal in code)
     * stays valid; read it with `checksBeforeSending(config)`, which says false for a missing value.
     */
    checksBeforeSending: z.optional(z.boolean()),
  });
}

export const tagDefinitionSchema = z.object({
  /** `what` or `what/why` (PRODUCT.md "Tagging strategy"). */
  path: z.string().check(z.minLength(1), z.maxLength(400)),
  description: z.optional(z.string().check(z.maxLength(1_000))),
});
export type TagDefinition = z.infer<typeof tagDefinitionSchema>;

/** The shape of the worker's answers to the content script (see teamConfigOf); team-config-schema.ts has the strict one. */
export const teamConfigViewSchema = teamConfigOf(z.string().check(z.maxLength(320)));
export type TeamAgent = TeamConfig['agents'][number];
export type TeamConfig = z.infer<typeof teamConfigViewSchema>;

/** Whether the team checks replies before sending: off unless its config says so (old configs say nothing). */
export function checksBeforeSending(
  config: Pick<TeamConfig, 'checksBeforeSending'> | null | undefined,
): boolean {
  return config?.checksBeforeSending === true;
}

/** Every group named by some agent, sorted, for the sidebar's "Group" control and the group queues. */
export function teamGroups(config: Pick<TeamConfig, 'agents'> | undefined): string[] {
  const groups = new Set<string>();
  for (const agent of config?.agents ?? []) for (const group of agent.groups) groups.add(group);
  return [...groups].sort((a, b) => a.localeCompare(b));
}

/** Each name once, ignoring case, in the order first seen: the team's own lists, then the mailbox's labels. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
