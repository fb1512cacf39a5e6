import { useEffect, useState } from 'preact/hooks';
import { type Settings, settingsSchema } from '../core/settings';
import { t } from './i18n';

/** Where the form reads and writes settings; the options page passes the messaging calls. */
export interface SettingsStore {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<Settings>;
}

type Outcome = { state: 'idle' } | { state: 'saved' } | { state: 'invalid'; reason: string };

export function OptionsForm({ store }: { store: SettingsStore }) {
  const [clientId, setClientId] = useState('');
  const [agentName, setAgentName] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const [ready, setReady] = useState(false);
  // Fields this form does not edit (keyboard shortcuts) are saved back as loaded, never reset.
  const [loaded, setLoaded] = useState<Settings | undefined>();

  useEffect(() => {
    store.load().then(
      (settings) => {
        setClientId(settings.clientId);
        setAgentName(settings.agentName);
        setLoaded(settings);
        setReady(true);
      },
      (error: unknown) => setOutcome({ state: 'invalid', reason: String(error) }),
    );
  }, [store]);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const parsed = settingsSchema.safeParse({ ...loaded, clientId, agentName });
    if (!parsed.success) {
      setOutcome({ state: 'invalid', reason: parsed.error.issues[0]?.message ?? '' });
      return;
    }
    try {
      const saved = await store.save(parsed.data);
      setClientId(saved.clientId);
      setAgentName(saved.agentName);
      setOutcome({ state: 'saved' });
    } catch (error) {
      setOutcome({ state: 'invalid', reason: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <form onSubmit={onSubmit} aria-busy={!ready}>
      <h1>{t('optionsTitle')}</h1>
      <p>
        <label for="client-id">{t('optionsClientId')}</label>
        <input
          id="client-id"
          name="clientId"
          type="text"
          autocomplete="off"
          spellcheck={false}
          aria-describedby="client-id-help"
          value={clientId}
          onInput={(event) => setClientId(event.currentTarget.value)}
        />
        <small id="client-id-help">{t('optionsClientIdHelp')}</small>
      </p>
      <p>
        <label for="agent-name">{t('optionsAgentName')}</label>
        <input
          id="agent-name"
          name="agentName"
          type="text"
          autocomplete="name"
          value={agentName}
          onInput={(event) => setAgentName(event.currentTarget.value)}
        />
      </p>
      <button type="submit" disabled={!ready}>
        {t('optionsSave')}
      </button>
      <p role="status">
        {outcome.state === 'saved' && t('optionsSaved')}
        {outcome.state === 'invalid' && t('optionsInvalid', outcome.reason)}
      </p>
    </form>
  );
}
