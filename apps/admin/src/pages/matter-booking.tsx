import { type BookingRule, DEFAULT_BOOKING_RULE, type Matter } from '@onewindow/domain';
import { Check, Field, type FieldProblem, NumberInput } from '../form.js';
import type { T } from '../i18n.js';
import type { MessageKey } from '../messages.js';

/** 预约 of a matter: off (no rule), or its slots, places and limits. */
export function BookingFields({
  m,
  setM,
  at,
  t,
}: {
  m: Matter;
  setM: (m: Matter) => void;
  at: (field: string) => FieldProblem | undefined;
  t: T;
}) {
  const rule = m.booking;
  const set = (change: Partial<BookingRule>) =>
    setM({ ...m, booking: { ...(rule ?? DEFAULT_BOOKING_RULE), ...change } });
  const num = (
    key: 'slotMin' | 'capacity' | 'daysAhead' | 'cutoffMin' | 'perPersonPerDay',
    label: MessageKey,
    min: number,
  ) => (
    <Field label={t(label)} error={at(`booking.${key}`)}>
      <NumberInput
        value={rule?.[key] ?? null}
        min={min}
        onChange={(v) => set({ [key]: v ?? DEFAULT_BOOKING_RULE[key] })}
        testId={`matter-booking-${key}`}
      />
    </Field>
  );
  return (
    <fieldset className="ac-fieldset" data-testid="matter-booking">
      <legend>{t('booking.title')}</legend>
      <Check
        checked={rule?.enabled === true}
        onChange={(on) => {
          if (on) set({ enabled: true });
          else {
            const { booking: _off, ...rest } = m;
            setM(rest);
          }
        }}
        label={t('booking.enabled')}
        testId="matter-booking-enabled"
      />
      {rule?.enabled === true && (
        <>
          <div className="ac-grid">
            {num('slotMin', 'booking.slotMin', 5)}
            {num('capacity', 'booking.capacity', 1)}
            {num('daysAhead', 'booking.daysAhead', 0)}
            {num('cutoffMin', 'booking.cutoffMin', 0)}
            {num('perPersonPerDay', 'booking.perPerson', 1)}
          </div>
          <Check
            checked={rule.holidays}
            onChange={(holidays) => set({ holidays })}
            label={t('booking.holidays')}
            testId="matter-booking-holidays"
          />
          <p className="ac-hint">{t('booking.hint')}</p>
        </>
      )}
    </fieldset>
  );
}
