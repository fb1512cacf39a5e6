import type { PresenceView } from '../../messaging/contract';
import { t } from '../i18n';

export interface CollisionBannerProps {
  presence: readonly PresenceView[];
  threadId: string;
  /** This browser's agent, never warned about themself. */
  me: string | undefined;
}

/**
 * Who else has this ticket open or is replying to it (PRODUCT.md "Team work": two agents must not answer the
 * same customer twice). Replying comes first and looks like a warning; the text says it, not only the colour.
 */
export function CollisionBanner({ presence, threadId, me }: CollisionBannerProps) {
  const others = new Map<string, PresenceView['state']>();
  for (const entry of presence) {
    if (entry.agent === me || (entry.threadId !== null && entry.threadId !== threadId)) continue;
    if (others.get(entry.agent) !== 'replying') others.set(entry.agent, entry.state);
  }
  const replying = [...others].filter(([, state]) => state === 'replying').map(([agent]) => agent);
  const viewing = [...others].filter(([, state]) => state === 'viewing').map(([agent]) => agent);
  return (
    <div role="status" class={replying.length > 0 ? 'collision collision-replying' : 'collision'}>
      {replying.map((agent) => (
        <p key={`r-${agent}`}>
          <span class="badge badge-warning">{t('ticketCollisionBadge')}</span>{' '}
          {t('ticketPresenceReplying', agent)}
        </p>
      ))}
      {viewing.map((agent) => (
        <p key={`v-${agent}`}>{t('ticketPresenceViewing', agent)}</p>
      ))}
    </div>
  );
}
