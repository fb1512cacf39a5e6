import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

/**
 * Whether Labeldesk may reach its hosts (the manifest's host_permissions). Chrome grants them at install;
 * Firefox shows them at install but lets the user withdraw them in about:addons → Permissions, and then the
 * sidebar never appears and every Gmail API call fails. The options page checks and asks again.
 */
export interface HostAccess {
  granted(): Promise<boolean>;
  /** Must be called straight from a click handler: the browser asks only during a user action. */
  request(): Promise<boolean>;
}

type PermissionsApi = {
  permissions: Pick<typeof chrome.permissions, 'contains' | 'request'>;
  runtime: Pick<typeof chrome.runtime, 'getManifest'>;
};

/** The real one: the origins come from the built manifest, so this never drifts from what is declared. */
export function browserHostAccess(api: PermissionsApi): HostAccess {
  const wanted = (): chrome.permissions.Permissions => {
    const manifest = api.runtime.getManifest();
    return { origins: ('host_permissions' in manifest ? manifest.host_permissions : undefined) ?? [] };
  };
  return {
    granted: async () => api.permissions.contains(wanted()),
    // An async function runs up to its first await at once, so request() is still inside the click (Firefox
    // refuses a request made after the handler has returned), and a synchronous throw becomes a rejection.
    request: async () => api.permissions.request(wanted()),
  };
}

type Access =
  | { state: 'checking' }
  | { state: 'granted' }
  | { state: 'missing'; refused: boolean; asking: boolean; failure?: string };

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A warning with an "Allow access" button while the host access is missing; nothing while checking or when
 * granted. It checks again when the tab comes back into view (the user may have been in about:addons).
 */
export function HostAccessWarning({ access }: { access: HostAccess }) {
  const [status, setStatus] = useState<Access>({ state: 'checking' });

  useEffect(() => {
    let live = true;
    const check = () =>
      access.granted().then(
        (granted) => {
          if (!live) return;
          setStatus((was) =>
            granted
              ? { state: 'granted' }
              : was.state === 'missing'
                ? was
                : { state: 'missing', refused: false, asking: false },
          );
        },
        (error: unknown) => {
          if (live) setStatus({ state: 'missing', refused: false, asking: false, failure: reason(error) });
        },
      );
    const onVisible = () => {
      if (document.visibilityState === 'visible') void check();
    };
    void check();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [access]);

  if (status.state !== 'missing') return null;

  const allow = () => {
    // First thing in the handler, before any state update or await (see HostAccess.request).
    let asked: Promise<boolean>;
    try {
      asked = access.request();
    } catch (error) {
      asked = Promise.reject(error);
    }
    setStatus({ state: 'missing', refused: false, asking: true });
    asked.then(
      (granted) =>
        setStatus(granted ? { state: 'granted' } : { state: 'missing', refused: true, asking: false }),
      (error: unknown) =>
        setStatus({ state: 'missing', refused: false, asking: false, failure: reason(error) }),
    );
  };

  return (
    <div role="alert" class="ld-alert ld-host-access">
      <p>{t('hostAccessMissing')}</p>
      {status.refused && <p>{t('hostAccessRefused')}</p>}
      {status.failure !== undefined && <p>{t('hostAccessFailed', status.failure)}</p>}
      <button type="button" class="ld-primary" disabled={status.asking} onClick={allow}>
        {t('hostAccessAllow')}
      </button>
    </div>
  );
}
