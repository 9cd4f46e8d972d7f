import { type HallRules, MissRule } from '@onewindow/domain';
import { Check, Field, type FieldProblem, NumberInput } from '../form.js';
import type { T } from '../i18n.js';

const DEFAULT_MISSES = MissRule.parse({});

/** The hall's booking rules: reminders, the "N ahead" alert, and the limit on repeated no-shows. */
export function BookingRules({
  r,
  setRules,
  at,
  t,
}: {
  r: HallRules;
  setRules: (change: Partial<HallRules>) => void;
  at: (field: string) => FieldProblem | undefined;
  t: T;
}) {
  const misses = r.bookingMisses;
  const setMisses = (change: Partial<MissRule>) =>
    setRules({ bookingMisses: { ...(misses ?? DEFAULT_MISSES), ...change } });
  return (
    <div className="ac-grid" data-testid="booking-rules">
      <Field label={t('rules.reminder')} error={at('rules.reminderBeforeMin')}>
        <NumberInput
          value={r.reminderBeforeMin}
          min={5}
          onChange={(v) => setRules({ reminderBeforeMin: v ?? 120 })}
        />
      </Field>
      <Field label={t('rules.notifyAhead')} error={at('rules.notifyAheadCount')}>
        <NumberInput
          value={r.notifyAheadCount}
          min={1}
          onChange={(v) => setRules({ notifyAheadCount: v ?? 3 })}
        />
      </Field>
      <Check
        checked={misses === null}
        onChange={(off) => setRules({ bookingMisses: off ? null : DEFAULT_MISSES })}
        label={t('rules.missesOff')}
        testId="rule-misses-off"
      />
      {misses !== null && (
        <>
          <Field label={t('rules.misses')} error={at('rules.bookingMisses.misses')}>
            <NumberInput value={misses.misses} min={1} onChange={(v) => setMisses({ misses: v ?? 3 })} />
          </Field>
          <Field label={t('rules.withinDays')} error={at('rules.bookingMisses.withinDays')}>
            <NumberInput
              value={misses.withinDays}
              min={1}
              onChange={(v) => setMisses({ withinDays: v ?? 90 })}
            />
          </Field>
          <Field label={t('rules.blockDays')} error={at('rules.bookingMisses.blockDays')}>
            <NumberInput
              value={misses.blockDays}
              min={1}
              onChange={(v) => setMisses({ blockDays: v ?? 30 })}
            />
          </Field>
        </>
      )}
    </div>
  );
}
