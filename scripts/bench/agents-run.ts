/**
 * `npx tsx scripts/bench/agents-run.ts --agents 30 --threads 2000 --mode independent`: the agents bench
 * with every knob, for short trial runs; `npm run bench -- --only agents` runs issue 3's full form.
 */
import { parseArgs } from 'node:util';
import { runAgentsBench } from './agents-bench';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '30' },
    threads: { type: 'string', default: '2000' },
    'ticket-share': { type: 'string', default: '0.2' },
    mode: { type: 'string', default: 'shared' },
    'tickets-per-slice': { type: 'string' },
  },
});
if (values.mode !== 'shared' && values.mode !== 'independent') {
  console.error(`--mode must be shared or independent, not ${values.mode}`);
  process.exit(2);
}
const result = await runAgentsBench({
  agents: Number(values.agents),
  threads: Number(values.threads),
  ticketShare: Number(values['ticket-share']),
  mode: values.mode,
  ...(values['tickets-per-slice'] ? { ticketsPerSlice: Number(values['tickets-per-slice']) } : {}),
});
console.log(JSON.stringify({ bench: 'agents', ...result }));
