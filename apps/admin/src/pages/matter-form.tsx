import type { Guide, Matter } from '@onewindow/domain';
import { useState } from 'react';
import { useStore } from 'zustand';
import { SaveCancel } from '../actions.js';
import { Field, MultiCheck, NumberInput, Select, TextField, useFreshForm, useItemIssues } from '../form.js';
import { Message, useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';
import { BookingFields } from './matter-booking.js';
import { cleaned, GuideFields } from './matter-guide.js';

/** A matter and its 办事指南, checked by the server as a whole; every problem shown at its field. */
export function MatterForm({
  store,
  initial,
  isNew,
  onClose,
}: {
  store: ConsoleStore;
  initial: Matter;
  isNew: boolean;
  onClose: () => void;
}) {
  const t = useT(store);
  const config = useStore(store, (s) => s.config);
  const busy = useStore(store, (s) => s.busy);
  const list = config?.config.matters ?? [];
  useFreshForm(store);
  const issues = useItemIssues(store, 'matter', 'matters', initial.id);
  const [m, setM] = useState<Matter>(initial);
  const g = m.guide;
  const setG = (guide: Partial<Guide>) => setM({ ...m, guide: { ...g, ...guide } });
  const categories = config?.config.categories ?? [];
  const plainMatters = list.filter((x) => x.bundleOf === undefined && x.id !== m.id);
  const fields = [
    'id',
    'code',
    'name',
    'nameEn',
    'categoryId',
    'department',
    'kind',
    'promisedDays',
    'targetWaitMin',
    'avgHandleMin',
    'committedHandleMin',
    'ticketPrefix',
    'dailyQuota',
    'guide',
    'bundleOf',
    'booking',
  ];
  return (
    <form
      className="ac-card ac-form"
      data-testid="matter-form"
      onSubmit={(e) => {
        e.preventDefault();
        void store
          .getState()
          .change({ type: isNew ? 'matter.create' : 'matter.put', matter: cleaned(m) })
          .then((ok) => ok && onClose());
      }}
    >
      <h2>{isNew ? t('addMatter') : t('editMatter')}</h2>
      <Message store={store} others={issues.others(fields)} />
      <div className="ac-grid">
        <TextField
          label={t('id')}
          hint={t('idHint')}
          error={issues.at('id')}
          value={m.id}
          onChange={(id) => setM({ ...m, id })}
          disabled={!isNew}
          testId="matter-id"
        />
        <TextField
          label={t('code')}
          hint={t('codeHint')}
          error={issues.at('code')}
          value={m.code}
          onChange={(code) => setM({ ...m, code })}
          testId="matter-code"
        />
        <TextField
          label={t('name')}
          error={issues.at('name')}
          value={m.name}
          onChange={(name) => setM({ ...m, name })}
          testId="matter-name"
        />
        <TextField
          label={t('nameEn')}
          error={issues.at('nameEn')}
          value={m.nameEn ?? ''}
          onChange={(nameEn) => setM({ ...m, nameEn })}
          testId="matter-name-en"
        />
        <Field label={t('category')} error={issues.at('categoryId')}>
          <Select
            value={m.categoryId}
            onChange={(categoryId) => setM({ ...m, categoryId })}
            options={categories.map((c) => ({ value: c.id, label: c.name }))}
            testId="matter-category"
          />
        </Field>
        <TextField
          label={t('department')}
          error={issues.at('department')}
          value={m.department}
          onChange={(department) => setM({ ...m, department })}
          testId="matter-department"
        />
        <Field label={t('kind')} error={issues.at('kind')}>
          <Select
            value={m.kind}
            onChange={(kind) =>
              setM({ ...m, kind, promisedDays: kind === 'instant' ? null : (m.promisedDays ?? 5) })
            }
            options={[
              { value: 'instant', label: t('kind.instant') },
              { value: 'promised', label: t('kind.promised') },
            ]}
            testId="matter-kind"
          />
        </Field>
        {m.kind === 'promised' && (
          <Field label={t('promisedDays')} error={issues.at('promisedDays')}>
            <NumberInput
              value={m.promisedDays}
              min={1}
              onChange={(promisedDays) => setM({ ...m, promisedDays })}
              testId="matter-promised"
            />
          </Field>
        )}
        <TextField
          label={t('prefix')}
          error={issues.at('ticketPrefix')}
          value={m.ticketPrefix}
          onChange={(ticketPrefix) => setM({ ...m, ticketPrefix: ticketPrefix.toUpperCase() })}
          testId="matter-prefix"
        />
        <Field label={t('targetWait')} error={issues.at('targetWaitMin')}>
          <NumberInput
            value={m.targetWaitMin}
            min={1}
            onChange={(v) => setM({ ...m, targetWaitMin: v ?? 0 })}
            testId="matter-target"
          />
        </Field>
        <Field label={t('avgHandle')} error={issues.at('avgHandleMin')}>
          <NumberInput
            value={m.avgHandleMin}
            min={1}
            onChange={(v) => setM({ ...m, avgHandleMin: v ?? 0 })}
            testId="matter-handle"
          />
        </Field>
        <Field label={t('committedHandle')} error={issues.at('committedHandleMin')}>
          <NumberInput
            value={m.committedHandleMin ?? null}
            min={1}
            onChange={(v) => {
              // Empty: 限时办结 counts against twice the average handle time.
              const { committedHandleMin: _was, ...rest } = m;
              setM(v === null ? rest : { ...rest, committedHandleMin: v });
            }}
            testId="matter-committed"
          />
        </Field>
        <Field label={t('dailyQuota')} error={issues.at('dailyQuota')}>
          <NumberInput
            value={m.dailyQuota}
            min={1}
            onChange={(dailyQuota) => setM({ ...m, dailyQuota })}
            testId="matter-quota"
          />
        </Field>
      </div>
      <BookingFields m={m} setM={setM} at={issues.at} t={t} />
      <Field label={t('bundleOf')} error={issues.at('bundleOf')} wide>
        <MultiCheck
          values={m.bundleOf ?? []}
          options={plainMatters.map((x) => ({ value: x.id, label: x.name }))}
          onChange={(bundleOf) => setM({ ...m, bundleOf })}
          testId="matter-bundle"
        />
      </Field>
      <GuideFields g={g} setG={setG} at={issues.at} t={t} />
      <SaveCancel t={t} name="matter" onCancel={onClose} busy={busy} />
    </form>
  );
}
