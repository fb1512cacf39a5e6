import { useEffect, useState } from 'preact/hooks';
import { type Settings, settingsSchema } from '../core/settings';
import { t } from './i18n';

/** Where the form reads and writes settings; the options page passes the messaging calls. */
export interface SettingsStore {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<Settings>;
}

export interface OptionsFormProps {
  store: SettingsStore;
  /** The names of the team's agents: "I am" is a choice among them; free text while the team has none. */
  agents?: readonly string[];
  /** The mailbox whose team `agents` belong to, for the help text. */
  mailbox?: string;
}

type Outcome = { state: 'idle' } | { state: 'saved' } | { state: 'invalid'; reason: string };

/** The agent's own settings: the OAuth client id and who "I" am in the team. */
export function OptionsForm({ store, agents = [], mailbox = '' }: OptionsFormProps) {
  const [clientId, setClientId] = useState('');
  const [agentName, setAgentName] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const [ready, setReady] = useState(false);

  useEffect(() => {
    store.load().then(
      (settings) => {
        setClientId(settings.clientId);
        setAgentName(settings.agentName);
        setReady(true);
      },
      (error: unknown) => setOutcome({ state: 'invalid', reason: String(error) }),
    );
  }, [store]);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    try {
      // Read again right before writing: fields this form does not edit (keyboard shortcuts, changed by
      // another section of the page meanwhile) are saved back as they are now, never reset.
      const current = await store.load();
      const parsed = settingsSchema.safeParse({ ...current, clientId, agentName });
      if (!parsed.success) {
        setOutcome({ state: 'invalid', reason: parsed.error.issues[0]?.message ?? '' });
        return;
      }
      const saved = await store.save(parsed.data);
      setClientId(saved.clientId);
      setAgentName(saved.agentName);
      setOutcome({ state: 'saved' });
    } catch (error) {
      setOutcome({ state: 'invalid', reason: error instanceof Error ? error.message : String(error) });
    }
  };

  const chosen = agentName.trim();
  return (
    <form class="ld-settings" onSubmit={onSubmit} aria-busy={!ready}>
      <p class="ld-field">
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
      <p class="ld-field">
        <label for="agent-name">{t('optionsIAm')}</label>
        {agents.length > 0 ? (
          <select
            id="agent-name"
            name="agentName"
            aria-describedby="agent-name-help"
            value={chosen}
            onChange={(event) => setAgentName(event.currentTarget.value)}
          >
            <option value="">{t('optionsIAmChoose')}</option>
            {agents.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            {chosen !== '' && !agents.includes(chosen) && (
              <option value={chosen}>{t('optionsIAmNotInTeam', chosen)}</option>
            )}
          </select>
        ) : (
          <input
            id="agent-name"
            name="agentName"
            type="text"
            autocomplete="name"
            aria-describedby="agent-name-help"
            value={agentName}
            onInput={(event) => setAgentName(event.currentTarget.value)}
          />
        )}
        <small id="agent-name-help">
          {agents.length > 0 ? t('optionsIAmHelp', mailbox) : t('optionsIAmFreeHelp')}
        </small>
      </p>
      <button type="submit" class="ld-primary" disabled={!ready}>
        {t('optionsSave')}
      </button>
      <p role="status">
        {outcome.state === 'saved' && t('optionsSaved')}
        {outcome.state === 'invalid' && t('optionsInvalid', outcome.reason)}
      </p>
    </form>
  );
}
