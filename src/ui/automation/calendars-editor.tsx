import { useEffect, useMemo, useState } from 'preact/hooks';
import type { BusinessCalendar, Holiday, OpeningHours } from '../../core/automation-config';
import { calendarSchema } from '../../core/automation-config';
import { isOpen } from '../../core/business-hours';
import { holidaysFromIcs, ICS_MAX_BYTES, type IcsProblem } from '../../core/holidays-ical';
import { formatDateTime, t, tn } from '../i18n';
import { ErrorText, type FieldErrors, fieldAria, sectionErrorId } from '../team/field-error';
import {
  type AutomationDraft,
  copyMondayToWeekdays,
  DEFAULT_INTERVAL,
  endForInput,
  endFromInput,
  newCalendarId,
  WEEKDAYS,
} from './automation-draft';
import { icsProblemText } from './automation-text';

export interface CalendarsEditorProps {
  draft: AutomationDraft;
  errors: FieldErrors;
  edit: (change: (draft: AutomationDraft) => AutomationDraft) => void;
  language: string;
  now: () => number;
  /** Years an .ics import covers: this one and the next two. */
  importYears?: number;
}

type IcsState =
  | { state: 'idle' }
  | {
      state: 'preview';
      calendarId: string;
      fileName: string;
      added: Holiday[];
      known: number;
      problems: IcsProblem[];
    };

/** Every zone the browser knows, for the time-zone field's suggestions (UTC first: Intl leaves it out). */
function timeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
}

function weekdayNames(language: string): Record<number, string> {
  const format = new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' });
  // 1 January 2024 was a Monday.
  return Object.fromEntries(WEEKDAYS.map((day) => [day, format.format(Date.UTC(2024, 0, day))]));
}

const withCalendar =
  (id: string, change: (calendar: BusinessCalendar) => BusinessCalendar) =>
  (draft: AutomationDraft): AutomationDraft => ({
    ...draft,
    settings: {
      ...draft.settings,
      calendars: draft.settings.calendars.map((calendar) =>
        calendar.id === id ? change(calendar) : calendar,
      ),
    },
  });

/** "Open now" or "Closed now", with the time there, for a calendar the schema accepts. */
function NowHint({
  calendar,
  alwaysOpen,
  now,
}: {
  calendar: BusinessCalendar;
  alwaysOpen: boolean;
  now: number;
}) {
  const checked = calendarSchema.safeParse(alwaysOpen ? { ...calendar, hours: [] } : calendar);
  if (!checked.success) return null;
  let open: boolean;
  try {
    open = isOpen(now, checked.data);
  } catch {
    return null;
  }
  const there = formatDateTime(now, {
    timeZone: checked.data.timeZone,
    dateStyle: undefined,
    timeStyle: undefined,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <p class={open ? 'ld-auto-open' : 'ld-auto-closed'} id={`auto-cal-${calendar.id}-now`}>
      {open ? t('autoNowOpen', there) : t('autoNowClosed', there)}
    </p>
  );
}

/**
 * Business-hours calendars: name, time zone, a weekly grid of opening intervals, holidays (by hand or from an
 * iCalendar file), and whether each is open now.
 */
export function CalendarsEditor({
  draft,
  errors,
  edit,
  language,
  now,
  importYears = 3,
}: CalendarsEditorProps) {
  const zones = useMemo(timeZones, []);
  const days = useMemo(() => weekdayNames(language), [language]);
  const [removedHoliday, setRemovedHoliday] = useState<{
    calendarId: string;
    holiday: Holiday;
    index: number;
  } | null>(null);
  const [ics, setIcs] = useState<IcsState>({ state: 'idle' });
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (focusId === null) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const { calendars } = draft.settings;
  const at = now();

  const addCalendar = () => {
    const id = newCalendarId(calendars);
    const workweek = [1, 2, 3, 4, 5].map((day) => ({ day, ...DEFAULT_INTERVAL }));
    edit((d) => ({
      ...d,
      settings: {
        ...d.settings,
        calendars: [
          ...d.settings.calendars,
          { id, name: '', timeZone: calendars[0]?.timeZone ?? 'UTC', hours: workweek, holidays: [] },
        ],
      },
    }));
    setFocusId(`auto-calendars-${calendars.length}-name`);
  };

  const removeCalendar = (id: string) => {
    edit((d) => ({
      ...d,
      settings: { ...d.settings, calendars: d.settings.calendars.filter((c) => c.id !== id) },
      alwaysOpen: d.alwaysOpen.filter((known) => known !== id),
    }));
    setFocusId('auto-calendar-add');
  };

  const onIcs = async (calendar: BusinessCalendar, event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const chosen = input.files?.[0];
    input.value = '';
    if (chosen === undefined) return;
    const fromYear = new Date(at).getUTCFullYear();
    let problems: IcsProblem[];
    let found: Holiday[] = [];
    if (chosen.size > ICS_MAX_BYTES) {
      problems = [{ kind: 'too-large', bytes: chosen.size }];
    } else {
      let text: string;
      try {
        text = await chosen.text();
      } catch (error) {
        problems = [{ kind: 'syntax', detail: error instanceof Error ? error.message : String(error) }];
        text = '';
      }
      const result = holidaysFromIcs(text, { fromYear, toYear: fromYear + importYears - 1 });
      found = result.holidays;
      problems = result.details;
    }
    const known = new Set(calendar.holidays.map((h) => h.date));
    const added = found.filter((h) => !known.has(h.date));
    setIcs({
      state: 'preview',
      calendarId: calendar.id,
      fileName: chosen.name,
      added,
      known: found.length - added.length,
      problems,
    });
  };

  return (
    <section class="ld-section" aria-labelledby="auto-hours-heading" id="auto-calendars">
      <h3 id="auto-hours-heading">{t('autoHoursHeading')}</h3>
      <p class="ld-help">{t('autoHoursHelp')}</p>
      <datalist id="auto-time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <ErrorText fieldId="auto-calendars" errors={errors} />
      {calendars.map((calendar, ci) => {
        const base = `auto-calendars-${ci}`;
        const alwaysOpen = draft.alwaysOpen.includes(calendar.id);
        const change = (f: (c: BusinessCalendar) => BusinessCalendar) => edit(withCalendar(calendar.id, f));
        const setHours = (hours: OpeningHours[]) => change((c) => ({ ...c, hours }));
        const calendarName = calendar.name.trim() === '' ? t('autoCalendarUntitled') : calendar.name;
        return (
          <fieldset
            key={calendar.id}
            id={base}
            class="ld-agent ld-auto-calendar"
            aria-describedby={sectionErrorId(base, errors)}
          >
            <legend>{calendarName}</legend>
            <ErrorText fieldId={base} errors={errors} />
            <div class="ld-auto-row">
              <p class="ld-field">
                <label for={`${base}-name`}>{t('autoCalendarName')}</label>
                <input
                  id={`${base}-name`}
                  type="text"
                  autocomplete="off"
                  value={calendar.name}
                  onInput={(e) => {
                    const name = e.currentTarget.value;
                    change((c) => ({ ...c, name }));
                  }}
                  {...fieldAria(`${base}-name`, errors)}
                />
                <ErrorText fieldId={`${base}-name`} errors={errors} />
              </p>
              <p class="ld-field">
                <label for={`${base}-timeZone`}>{t('autoCalendarTimeZone')}</label>
                <input
                  id={`${base}-timeZone`}
                  type="text"
                  list="auto-time-zones"
                  autocomplete="off"
                  spellcheck={false}
                  value={calendar.timeZone}
                  onInput={(e) => {
                    const timeZone = e.currentTarget.value.trim();
                    change((c) => ({ ...c, timeZone }));
                  }}
                  {...fieldAria(`${base}-timeZone`, errors, `${base}-timeZone-help`)}
                />
                <small id={`${base}-timeZone-help`}>{t('autoCalendarTimeZoneHelp')}</small>
                <ErrorText fieldId={`${base}-timeZone`} errors={errors} />
              </p>
            </div>

            <p class="ld-check">
              <input
                id={`${base}-always`}
                type="checkbox"
                checked={alwaysOpen}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  edit((d) => ({
                    ...withCalendar(calendar.id, (c) => ({
                      ...c,
                      hours:
                        !on && c.hours.length === 0
                          ? [1, 2, 3, 4, 5].map((day) => ({ day, ...DEFAULT_INTERVAL }))
                          : c.hours,
                    }))(d),
                    alwaysOpen: on
                      ? [...d.alwaysOpen, calendar.id]
                      : d.alwaysOpen.filter((known) => known !== calendar.id),
                  }));
                }}
              />
              <label for={`${base}-always`}>{t('autoAlwaysOpen')}</label>
            </p>

            {!alwaysOpen && (
              <fieldset
                class="ld-auto-week"
                id={`${base}-hours`}
                aria-describedby={sectionErrorId(`${base}-hours`, errors)}
              >
                <legend>{t('autoWeek')}</legend>
                <ErrorText fieldId={`${base}-hours`} errors={errors} />
                <table class="ld-tags ld-auto-grid">
                  <tbody>
                    {WEEKDAYS.map((day) => {
                      const indices = calendar.hours.flatMap((h, j) => (h.day === day ? [j] : []));
                      const closedId = `${base}-day-${day}-closed`;
                      return (
                        <tr key={day}>
                          <th scope="row" id={`${base}-day-${day}`}>
                            {days[day]}
                          </th>
                          <td>
                            <span class="ld-check ld-auto-closed-check">
                              <input
                                id={closedId}
                                type="checkbox"
                                checked={indices.length === 0}
                                aria-describedby={`${base}-day-${day}`}
                                onChange={(e) => {
                                  const closed = e.currentTarget.checked;
                                  setHours(
                                    closed
                                      ? calendar.hours.filter((h) => h.day !== day)
                                      : [...calendar.hours, { day, ...DEFAULT_INTERVAL }],
                                  );
                                }}
                              />
                              <label for={closedId}>{t('autoClosed')}</label>
                            </span>
                          </td>
                          <td>
                            {indices.map((j, n) => {
                              const interval = calendar.hours[j] as OpeningHours;
                              const id = `${base}-hours-${j}`;
                              const dayName = days[day] ?? '';
                              const replace = (next: Partial<OpeningHours>) =>
                                setHours(calendar.hours.map((h, k) => (k === j ? { ...h, ...next } : h)));
                              return (
                                <div key={j} id={id} class="ld-auto-interval">
                                  <input
                                    id={`${id}-start`}
                                    type="time"
                                    aria-label={t('autoIntervalStart', [dayName, String(n + 1)])}
                                    value={interval.start}
                                    onInput={(e) => replace({ start: e.currentTarget.value })}
                                    {...fieldAria(`${id}-start`, errors)}
                                  />
                                  <span aria-hidden="true">–</span>
                                  <input
                                    id={`${id}-end`}
                                    type="time"
                                    aria-label={t('autoIntervalEnd', [dayName, String(n + 1)])}
                                    value={endForInput(interval.end)}
                                    onInput={(e) => replace({ end: endFromInput(e.currentTarget.value) })}
                                    {...fieldAria(id, errors)}
                                  />
                                  <button
                                    type="button"
                                    class="ld-quiet"
                                    onClick={() => setHours(calendar.hours.filter((_, k) => k !== j))}
                                  >
                                    <span aria-hidden="true">✕</span>
                                    <span class="ld-visually-hidden">
                                      {t('autoIntervalRemove', [dayName, String(n + 1)])}
                                    </span>
                                  </button>
                                  <ErrorText fieldId={id} errors={errors} />
                                  <ErrorText fieldId={`${id}-start`} errors={errors} />
                                  <ErrorText fieldId={`${id}-end`} errors={errors} />
                                </div>
                              );
                            })}
                            <button
                              type="button"
                              class="ld-quiet"
                              aria-label={t('autoIntervalAdd', days[day] ?? '')}
                              onClick={() => {
                                const last =
                                  indices.length > 0 ? calendar.hours[indices.at(-1) as number] : undefined;
                                const start =
                                  last !== undefined && last.end < '23:00'
                                    ? last.end
                                    : DEFAULT_INTERVAL.start;
                                const end =
                                  last !== undefined && last.end < '23:00' ? '24:00' : DEFAULT_INTERVAL.end;
                                setHours([...calendar.hours, { day, start, end }]);
                              }}
                            >
                              {t('autoIntervalAddShort')}
                            </button>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                <p class="ld-actions">
                  <button
                    type="button"
                    id={`${base}-copy-monday`}
                    onClick={() => setHours(copyMondayToWeekdays(calendar.hours))}
                  >
                    {t('autoCopyMonday')}
                  </button>
                </p>
              </fieldset>
            )}

            <NowHint calendar={calendar} alwaysOpen={alwaysOpen} now={at} />

            <fieldset class="ld-auto-holidays" id={`${base}-holidays`}>
              <legend>{t('autoHolidays')}</legend>
              <ErrorText fieldId={`${base}-holidays`} errors={errors} />
              {calendar.holidays.length === 0 && <p class="ld-help">{t('autoNoHolidays')}</p>}
              {calendar.holidays.length > 0 && (
                <table class="ld-tags">
                  <thead>
                    <tr>
                      <th scope="col">{t('autoHolidayDate')}</th>
                      <th scope="col">{t('autoHolidayName')}</th>
                      <th scope="col">
                        <span class="ld-visually-hidden">{t('autoActions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {calendar.holidays.map((holiday, hi) => {
                      const id = `${base}-holidays-${hi}`;
                      const replace = (next: Partial<Holiday>) =>
                        change((c) => ({
                          ...c,
                          holidays: c.holidays.map((h, k) => (k === hi ? { ...h, ...next } : h)),
                        }));
                      return (
                        <tr key={hi}>
                          <td>
                            <input
                              id={`${id}-date`}
                              type="date"
                              aria-label={t('autoHolidayDateOf', String(hi + 1))}
                              value={holiday.date}
                              onInput={(e) => replace({ date: e.currentTarget.value })}
                              {...fieldAria(`${id}-date`, errors)}
                            />
                            <ErrorText fieldId={`${id}-date`} errors={errors} />
                          </td>
                          <td>
                            <input
                              id={`${id}-name`}
                              type="text"
                              autocomplete="off"
                              aria-label={t('autoHolidayNameOf', String(hi + 1))}
                              value={holiday.name ?? ''}
                              onInput={(e) => {
                                const name = e.currentTarget.value;
                                replace({ name: name === '' ? undefined : name });
                              }}
                              {...fieldAria(`${id}-name`, errors)}
                            />
                            <ErrorText fieldId={`${id}-name`} errors={errors} />
                          </td>
                          <td>
                            <button
                              type="button"
                              class="ld-quiet"
                              onClick={() => {
                                change((c) => ({ ...c, holidays: c.holidays.filter((_, k) => k !== hi) }));
                                setRemovedHoliday({ calendarId: calendar.id, holiday, index: hi });
                                setFocusId('auto-holiday-undo');
                              }}
                            >
                              <span aria-hidden="true">✕</span>
                              <span class="ld-visually-hidden">
                                {t('autoHolidayRemove', holiday.name ?? holiday.date)}
                              </span>
                            </button>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
              <p role="status" class="ld-help">
                {removedHoliday !== null &&
                  removedHoliday.calendarId === calendar.id &&
                  t('autoHolidayRemoved', removedHoliday.holiday.name ?? removedHoliday.holiday.date)}
              </p>
              <p class="ld-actions">
                {removedHoliday !== null && removedHoliday.calendarId === calendar.id && (
                  <button
                    type="button"
                    id="auto-holiday-undo"
                    onClick={() => {
                      const { holiday, index } = removedHoliday;
                      change((c) => {
                        const holidays = [...c.holidays];
                        holidays.splice(Math.min(index, holidays.length), 0, holiday);
                        return { ...c, holidays };
                      });
                      setRemovedHoliday(null);
                      setFocusId(`${base}-holidays-${index}-date`);
                    }}
                  >
                    {t('ticketUndo')}
                  </button>
                )}
                <button
                  type="button"
                  id={`${base}-holiday-add`}
                  onClick={() => {
                    change((c) => ({ ...c, holidays: [...c.holidays, { date: '' }] }));
                    setFocusId(`${base}-holidays-${calendar.holidays.length}-date`);
                  }}
                >
                  {t('autoHolidayAdd')}
                </button>
                <span class="ld-file">
                  <input
                    id={`${base}-ics`}
                    type="file"
                    accept=".ics,text/calendar"
                    aria-describedby={`${base}-ics-help`}
                    onChange={(e) => void onIcs(calendar, e)}
                  />
                  <label for={`${base}-ics`}>{t('autoIcsImport')}</label>
                </span>
              </p>
              <small id={`${base}-ics-help`}>{t('autoIcsHelp', String(importYears))}</small>
              {ics.state === 'preview' && ics.calendarId === calendar.id && (
                <section
                  class={ics.added.length > 0 ? 'ld-notice' : 'ld-alert'}
                  id="auto-ics-preview"
                  aria-labelledby="auto-ics-preview-title"
                >
                  <p id="auto-ics-preview-title">
                    {tn('autoIcsFound', ics.added.length, [ics.fileName])}
                    {ics.known > 0 && ` ${tn('autoIcsKnown', ics.known)}`}
                  </p>
                  {ics.added.length > 0 && (
                    <ul class="ld-auto-ics-list">
                      {ics.added.slice(0, 40).map((h) => (
                        <li key={h.date}>
                          <time dateTime={h.date}>{h.date}</time> {h.name ?? ''}
                        </li>
                      ))}
                      {ics.added.length > 40 && <li>{tn('autoIcsMore', ics.added.length - 40)}</li>}
                    </ul>
                  )}
                  {ics.problems.length > 0 && (
                    <>
                      <p>{tn('autoIcsProblems', ics.problems.length)}</p>
                      <ul id="auto-ics-problems">
                        {ics.problems.map((problem, index) => (
                          <li key={index}>{icsProblemText(problem)}</li>
                        ))}
                      </ul>
                    </>
                  )}
                  {ics.added.length > 0 && (
                    <button
                      type="button"
                      class="ld-primary"
                      id="auto-ics-apply"
                      onClick={() => {
                        const added = ics.added;
                        change((c) => ({
                          ...c,
                          holidays: [...c.holidays, ...added].sort((a, b) =>
                            a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
                          ),
                        }));
                        setIcs({ state: 'idle' });
                        setFocusId(`${base}-ics`);
                      }}
                    >
                      {tn('autoIcsApply', ics.added.length)}
                    </button>
                  )}
                  <button
                    type="button"
                    id="auto-ics-cancel"
                    onClick={() => {
                      setIcs({ state: 'idle' });
                      setFocusId(`${base}-ics`);
                    }}
                  >
                    {t('autoIcsCancel')}
                  </button>
                </section>
              )}
            </fieldset>

            {calendars.length > 1 && (
              <p class="ld-actions">
                <button type="button" id={`${base}-remove`} onClick={() => removeCalendar(calendar.id)}>
                  {t('autoCalendarRemove', calendarName)}
                </button>
              </p>
            )}
          </fieldset>
        );
      })}
      <p class="ld-actions">
        <button type="button" id="auto-calendar-add" onClick={addCalendar}>
          {t('autoCalendarAdd')}
        </button>
      </p>
    </section>
  );
}
