import { t } from '../i18n';
import { ErrorText, type FieldErrors, fieldAria, sectionErrorId } from './field-error';
import { type AgentDraft, emptyAgent, fieldIds } from './team-draft';

export interface AgentsEditorProps {
  agents: readonly AgentDraft[];
  errors: FieldErrors;
  onChange(agents: AgentDraft[]): void;
  /** Moves keyboard focus to an element by id once the change has rendered. */
  focus(id: string): void;
}

/** The mailbox's agents: name, address, groups and lead, one fieldset per agent. */
export function AgentsEditor({ agents, errors, onChange, focus }: AgentsEditorProps) {
  const update = (key: string, change: Partial<AgentDraft>) =>
    onChange(agents.map((agent) => (agent.key === key ? { ...agent, ...change } : agent)));
  const add = () => {
    const agent = emptyAgent();
    onChange([...agents, agent]);
    focus(fieldIds.agentName(agent.key));
  };
  const remove = (key: string) => {
    onChange(agents.filter((agent) => agent.key !== key));
    focus('team-agent-add');
  };

  return (
    <fieldset
      id={fieldIds.agents}
      class="ld-section"
      aria-describedby={sectionErrorId(fieldIds.agents, errors)}
    >
      <legend>{t('teamAgents')}</legend>
      <ErrorText fieldId={fieldIds.agents} errors={errors} />
      {agents.length === 0 ? (
        <p class="ld-help">{t('teamNoAgents')}</p>
      ) : (
        <ul class="ld-agents">
          {agents.map((agent, index) => {
            const name = agent.name.trim();
            const label = name === '' ? t('teamAgentNumber', String(index + 1)) : name;
            const ids = {
              name: fieldIds.agentName(agent.key),
              email: fieldIds.agentEmail(agent.key),
              groups: fieldIds.agentGroups(agent.key),
              lead: fieldIds.agentLead(agent.key),
            };
            return (
              <li key={agent.key}>
                <fieldset class="ld-agent">
                  <legend>{label}</legend>
                  <p class="ld-field">
                    <label for={ids.name}>{t('teamAgentName')}</label>
                    <input
                      id={ids.name}
                      type="text"
                      autocomplete="off"
                      value={agent.name}
                      onInput={(event) => update(agent.key, { name: event.currentTarget.value })}
                      {...fieldAria(ids.name, errors)}
                    />
                    <ErrorText fieldId={ids.name} errors={errors} />
                  </p>
                  <p class="ld-field">
                    <label for={ids.email}>{t('teamAgentEmail')}</label>
                    <input
                      id={ids.email}
                      type="email"
                      autocomplete="off"
                      spellcheck={false}
                      value={agent.email}
                      onInput={(event) => update(agent.key, { email: event.currentTarget.value })}
                      {...fieldAria(ids.email, errors)}
                    />
                    <ErrorText fieldId={ids.email} errors={errors} />
                  </p>
                  <p class="ld-field">
                    <label for={ids.groups}>{t('teamAgentGroups')}</label>
                    <input
                      id={ids.groups}
                      type="text"
                      autocomplete="off"
                      value={agent.groups}
                      onInput={(event) => update(agent.key, { groups: event.currentTarget.value })}
                      {...fieldAria(ids.groups, errors, `${ids.groups}-help`)}
                    />
                    <small id={`${ids.groups}-help`}>{t('teamAgentGroupsHelp')}</small>
                    <ErrorText fieldId={ids.groups} errors={errors} />
                  </p>
                  <p class="ld-check">
                    <input
                      id={ids.lead}
                      type="checkbox"
                      checked={agent.lead}
                      onChange={(event) => update(agent.key, { lead: event.currentTarget.checked })}
                    />
                    <label for={ids.lead}>{t('teamAgentLead')}</label>
                  </p>
                  <button
                    type="button"
                    class="ld-quiet"
                    aria-label={t('teamAgentRemove', label)}
                    onClick={() => remove(agent.key)}
                  >
                    {t('teamRemove')}
                  </button>
                </fieldset>
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" id="team-agent-add" onClick={add}>
        {t('teamAgentAdd')}
      </button>
    </fieldset>
  );
}
