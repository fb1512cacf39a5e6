import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReplyToolsApi, TicketToolsProps } from '../../content/reply-tools-api';
import { t } from '../i18n';
import { asLabeldeskError, errorText } from './labels';

/**
 * Where the reply tools (templates, macros) render: they are loaded on first use and render with their own
 * Preact into this element, which this tree leaves empty. Loading fails visibly, with a retry.
 */
export function ReplyToolsSlot({
  load,
  props,
}: {
  load: () => Promise<ReplyToolsApi>;
  props: TicketToolsProps;
}) {
  const slot = useRef<HTMLDivElement>(null);
  const [api, setApi] = useState<ReplyToolsApi>();
  const [failed, setFailed] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's way to load again
  useEffect(() => {
    let alive = true;
    load().then(
      (loaded) => alive && setApi(() => loaded),
      (error: unknown) => alive && setFailed(errorText(asLabeldeskError(error))),
    );
    return () => {
      alive = false;
    };
  }, [load, attempt]);

  // Every render hands the tools the panel's current ticket.
  useEffect(() => {
    if (api && slot.current) api.renderTicketTools(slot.current, props);
  });
  useEffect(() => {
    const element = slot.current;
    return () => {
      if (api && element) api.renderTicketTools(element, null);
    };
  }, [api]);

  return (
    <>
      <div ref={slot} class="reply-tools" />
      {failed && (
        <div class="notice" role="alert">
          <p>{t('replyToolsFailed', failed)}</p>
          <button
            type="button"
            onClick={() => {
              setFailed(undefined);
              setAttempt((n) => n + 1);
            }}
          >
            {t('actionRetry')}
          </button>
        </div>
      )}
    </>
  );
}
