// zod/mini, like the rest of the team config; this module is for the writers and readers of config records
// (the options page, the worker, the records), never imported by the content script.
import { z } from 'zod/mini';
import { teamConfigOf } from './team-config';

/** The team config as written to and read from the mailbox: every agent's address must be an address. */
export const teamConfigSchema = teamConfigOf(z.email().check(z.maxLength(320)));
