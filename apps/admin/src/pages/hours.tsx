import {
  GreenReason,
  type Hall,
  type OpenInterval,
  type SpecialDay,
  WEEKDAYS,
  type Weekday,
} from '@onewindow/domain';
import { useState } from 'react';
import { useStore } from 'zustand';
import { SaveCancel } from '../actions.js';
import {
  Check,
  Field,
  MultiCheck,
  NumberInput,
  RowsInput,
  Select,
  TextField,
  TextInput,
  useIssues,
} from '../form.js';
import { Message, useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';
import { BookingRules } from './booking-rules.js';

/** "08:30-12:00, 13:30-17:30" ⇄ intervals; what cannot be read is passed on for the server to name. */
export const intervalsText = (list: readonly OpenInterval[]) =>
  list.map((i) => `${i.open}-${i.close}`).join(', ');
export function parseIntervals(text: string): OpenInterval[] {
  return text
    .split(/[,，、;；]/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const [open = '', close = ''] = p.split(/\s*[-–~至]\s*/);
      return { open, close };
    });
}

/** The hall itself: name, level, address, phone, notice; opening hours; rules. Saved as one change. */
export function HoursPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const config = useStore(store, (s) => s.config);
  const halls = useStore(store, (s) => s.halls);
  if (config === null) return <p>{t('loading')}</p>;
  return (
    <HallForm
      key={config.version}
      store={store}
      initial={config.config.hall}
      parents={halls.filter((h) => h.id !== config.config.hall.id)}
    />
  );
}

function HallForm({
  store,
  initial,
  parents,
}: {
  store: ConsoleStore;
  initial: Hall;
  parents: readonly { id: string; name: string }[];
}) {
  const t = useT(store);
  const issues = useIssues(store, ['change.hall.', 'hall.']);
  const [h, setH] = useState<Hall>(initial);
  const [week, setWeek] = useState<Record<Weekday, string>>(
    Object.fromEntries(WEEKDAYS.map((d) => [d, intervalsText(initial.hours.weekly[d])])) as Record<
      Weekday,
      string
    >,
  );
  const [special, setSpecial] = useState<{ date: string; text: string; note: string }[]>(
    initial.hours.special.map((s) => ({
      date: s.date,
      text: intervalsText(s.intervals),
      note: s.note ?? '',
    })),
  );
  const r = h.rules;
  const setRules = (change: Partial<Hall['rules']>) => setH({ ...h, rules: { ...r, ...change } });
  const opt = (key: 'nameEn' | 'address' | 'phone' | 'notice' | 'parentId', v: string): Hall => {
    const { [key]: _old, ...rest } = h;
    return v.trim() === '' ? (rest as Hall) : { ...h, [key]: v };
  };
  const save = () => {
    const hours = {
      ...h.hours,
      weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, parseIntervals(week[d])])) as Record<
        Weekday,
        OpenInterval[]
      >,
      special: special.map(
        (s): SpecialDay => ({
          date: s.date.trim(),
          intervals: parseIntervals(s.text),
          ...(s.note.trim() === '' ? {} : { note: s.note.trim() }),
        }),
      ),
    };
    void store.getState().change({ type: 'hall.put', hall: { ...h, hours } });
  };
  return (
    <form
      className="ac-card ac-form"
      data-testid="hall-form"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Message
        store={store}
        others={issues.others([
          'id',
          'name',
          'nameEn',
          'level',
          'parentId',
          'address',
          'phone',
          'notice',
          'hours',
          'rules',
        ])}
      />
      <h2>{t('hallInfo')}</h2>
      <div className="ac-grid">
        <TextField
          label={t('hallName')}
          error={issues.at('name')}
          value={h.name}
          onChange={(name) => setH({ ...h, name })}
          testId="hall-name"
        />
        <TextField
          label={t('nameEn')}
          error={issues.at('nameEn')}
          value={h.nameEn ?? ''}
          onChange={(v) => setH(opt('nameEn', v))}
        />
        <Field label={t('hallLevel')} error={issues.at('level')}>
          <Select
            value={h.level}
            onChange={(level) => setH({ ...h, level })}
            options={(['county', 'township', 'village'] as const).map((l) => ({
              value: l,
              label: t(`level.${l}`),
            }))}
          />
        </Field>
        <Field label={t('parentHall')} error={issues.at('parentId')}>
          <Select
            value={h.parentId ?? ''}
            onChange={(v) => setH(opt('parentId', v))}
            options={[{ value: '', label: '—' }, ...parents.map((p) => ({ value: p.id, label: p.name }))]}
          />
        </Field>
        <TextField
          label={t('address')}
          error={issues.at('address')}
          value={h.address ?? ''}
          onChange={(v) => setH(opt('address', v))}
        />
        <TextField
          label={t('phone')}
          error={issues.at('phone')}
          value={h.phone ?? ''}
          onChange={(v) => setH(opt('phone', v))}
          testId="hall-phone"
        />
        <Field label={t('notice')} error={issues.at('notice')} wide>
          <TextInput value={h.notice ?? ''} onChange={(v) => setH(opt('notice', v))} />
        </Field>
      </div>
      <h2>{t('hours')}</h2>
      <p className="ac-muted">{t('hoursHint')}</p>
      <div className="ac-grid">
        {WEEKDAYS.map((d) => (
          <Field key={d} label={t(`weekday.${d}`)} error={issues.at(`hours.weekly.${d}`)}>
            <TextInput
              value={week[d]}
              onChange={(v) => setWeek({ ...week, [d]: v })}
              testId={`hours-${d}`}
              placeholder={t('closedDay')}
            />
          </Field>
        ))}
      </div>
      <Check
        label={t('publicHolidays')}
        checked={h.hours.publicHolidays}
        onChange={(publicHolidays) => setH({ ...h, hours: { ...h.hours, publicHolidays } })}
        testId="hours-holidays"
      />
      <Field label={t('makeupDayAs')}>
        <Select
          value={h.hours.makeupDayAs}
          onChange={(makeupDayAs) => setH({ ...h, hours: { ...h.hours, makeupDayAs } })}
          options={WEEKDAYS.map((d) => ({ value: d, label: t(`weekday.${d}`) }))}
        />
      </Field>
      <Field label={t('specialDays')} error={issues.at('hours.special')} wide>
        <RowsInput
          rows={special}
          onChange={setSpecial}
          blank={{ date: '', text: '', note: '' }}
          addLabel={t('add')}
          removeLabel={t('remove')}
          testId="special-days"
          render={(row, set, i) => (
            <>
              <TextInput
                value={row.date}
                onChange={(date) => set({ ...row, date })}
                placeholder="2026-10-10"
                testId={`special-${i}-date`}
              />
              <TextInput
                value={row.text}
                onChange={(text) => set({ ...row, text })}
                placeholder={t('closedDay')}
                testId={`special-${i}-hours`}
              />
              <TextInput
                value={row.note}
                onChange={(note) => set({ ...row, note })}
                placeholder={t('note')}
              />
            </>
          )}
        />
      </Field>
      <h2>{t('rules')}</h2>
      <div className="ac-grid">
        <Field label={t('greenAge')} error={issues.at('rules.greenAge')}>
          <NumberInput value={r.greenAge} min={0} onChange={(v) => setRules({ greenAge: v ?? 60 })} />
        </Field>
        <Field label={t('ratingTimeout')} error={issues.at('rules.ratingTimeoutSec')}>
          <NumberInput
            value={r.ratingTimeoutSec}
            min={5}
            onChange={(v) => setRules({ ratingTimeoutSec: v ?? 60 })}
          />
        </Field>
        <Field label={t('rectificationDays')} error={issues.at('rules.rectificationDays')}>
          <NumberInput
            value={r.rectificationDays}
            min={1}
            onChange={(v) => setRules({ rectificationDays: v ?? 5 })}
            testId="rule-rectification"
          />
        </Field>
        <Field label={t('maxRecalls')} error={issues.at('rules.maxRecalls')}>
          <NumberInput value={r.maxRecalls} min={0} onChange={(v) => setRules({ maxRecalls: v ?? 2 })} />
        </Field>
        <Field label={t('undoNoShow')} error={issues.at('rules.undoNoShowMin')}>
          <NumberInput
            value={r.undoNoShowMin}
            min={0}
            onChange={(v) => setRules({ undoNoShowMin: v ?? 5 })}
          />
        </Field>
        <Field label={t('personalDataDays')} error={issues.at('rules.personalDataDays')}>
          <NumberInput
            value={r.personalDataDays}
            min={1}
            onChange={(v) => setRules({ personalDataDays: v ?? 30 })}
            testId="rule-personal-data-days"
          />
        </Field>
        <Field label={t('realNameTicketsPerDay')} error={issues.at('rules.realNameTicketsPerDay')}>
          <NumberInput
            value={r.realNameTicketsPerDay}
            min={1}
            onChange={(v) => setRules({ realNameTicketsPerDay: v ?? 3 })}
          />
        </Field>
        <Field label={t('kioskTicketsPerMinute')} error={issues.at('rules.kioskTicketsPerMinute')}>
          <NumberInput
            value={r.kioskTicketsPerMinute}
            min={1}
            onChange={(v) => setRules({ kioskTicketsPerMinute: v ?? 30 })}
          />
        </Field>
        <Field label={t('appointmentEarly')} error={issues.at('rules.appointmentEarlyMin')}>
          <NumberInput
            value={r.appointmentEarlyMin}
            min={0}
            onChange={(v) => setRules({ appointmentEarlyMin: v ?? 30 })}
          />
        </Field>
        <Field label={t('appointmentLate')} error={issues.at('rules.appointmentLateMin')}>
          <NumberInput
            value={r.appointmentLateMin}
            min={0}
            onChange={(v) => setRules({ appointmentLateMin: v ?? 15 })}
          />
        </Field>
      </div>
      <BookingRules r={r} setRules={setRules} at={issues.at} t={t} />
      <Field label={t('greenReasons')} error={issues.at('rules.greenReasons')} wide>
        <MultiCheck
          values={r.greenReasons}
          options={GreenReason.options.map((g) => ({ value: g, label: t(`green.${g}`) }))}
          onChange={(v) =>
            setRules({ greenReasons: v.filter((x): x is GreenReason => GreenReason.safeParse(x).success) })
          }
        />
      </Field>
      <SaveCancel t={t} name="hall" />
    </form>
  );
}
