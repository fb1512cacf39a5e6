import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReplyToolsApi } from '../../content/reply-tools-api';
import { t } from '../i18n';
import { asLabeldeskError, errorText } from './labels';

export interface ReplyToolsSlotProps {
  load: () => Promise<ReplyToolsApi>;
  /** Renders into the slot with the tools' API; `mounted` false: the slot is going away, unmount. */
  paint: (api: ReplyToolsApi, slot: HTMLElement, mounted: boolean) => void;
}

/**
 * Where the on-demand tools (templates, macros, bulk changes) render: loaded on first use, they render with
 * their own Preact into this element, which this tree leaves empty. Loading fails visibly, with a retry.
 */
export function ReplyToolsSlot({ load, paint }: ReplyToolsSlotProps) {
  const slot = useRef<HTMLDivElement>(null);
  const [api, setApi] = useState<ReplyToolsApi>();
  const [failed, setFailed] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  // `attempt` is the retry button's way to load again.
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

  const paintRef = useRef(paint);
  paintRef.current = paint;
  // Every render hands the tools what the sidebar shows now.
  useEffect(() => {
    if (api && slot.current) paint(api, slot.current, true);
  });
  useEffect(() => {
    const element = slot.current;
    return () => {
      if (api && element) paintRef.current(api, element, false);
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
