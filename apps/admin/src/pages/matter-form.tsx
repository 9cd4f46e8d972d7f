import type { Guide, Material, Matter } from '@onewindow/domain';
import { useState } from 'react';
import { useStore } from 'zustand';
import { SaveCancel } from '../actions.js';
import {
  Field,
  LinesInput,
  MultiCheck,
  NumberInput,
  RowsInput,
  Select,
  TextField,
  TextInput,
  useFreshForm,
  useItemIssues,
} from '../form.js';
import { Message, useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';
import { BookingFields } from './matter-booking.js';

/** Optional text: an empty field is no field. */
const opt = <K extends string>(key: K, v: string | undefined): Partial<Record<K, string>> =>
  v === undefined || v.trim() === '' ? {} : ({ [key]: v.trim() } as Record<K, string>);

/** What is saved: optional fields left empty are dropped, so the configuration stays clean. */
function cleaned(m: Matter): Matter {
  const g = m.guide;
  const guide: Guide = {
    conditions: g.conditions,
    materials: g.materials.map((x) => ({
      name: x.name,
      original: x.original,
      copies: x.copies,
      ...opt('note', x.note),
    })),
    steps: g.steps,
    timeLimit: g.timeLimit,
    fees: g.fees,
    legalBasis: g.legalBasis,
    faq: g.faq,
    pictures: g.pictures.map((p) => ({ url: p.url, ...opt('caption', p.caption) })),
    forms: g.forms,
    ...opt('summary', g.summary),
    ...opt('plain', g.plain),
    ...opt('videoUrl', g.videoUrl),
    ...opt('intermediary', g.intermediary),
    ...opt('specialProcedures', g.specialProcedures),
  };
  const { nameEn, bundleOf, ...rest } = m;
  return {
    ...rest,
    ...opt('nameEn', nameEn),
    ...(bundleOf === undefined || bundleOf.length === 0 ? {} : { bundleOf }),
    promisedDays: m.kind === 'instant' ? null : m.promisedDays,
    guide,
  };
}

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
      <h3>{t('guide')}</h3>
      <div className="ac-grid">
        <Field label={t('guideSummary')} error={issues.at('guide.summary')} wide>
          <TextInput
            value={g.summary ?? ''}
            onChange={(summary) => setG({ summary })}
            testId="guide-summary"
          />
        </Field>
        <Field label={t('guidePlain')} error={issues.at('guide.plain')} wide>
          <textarea
            value={g.plain ?? ''}
            onChange={(e) => setG({ plain: e.target.value })}
            data-testid="guide-plain"
          />
        </Field>
        <Field label={t('guideConditions')} error={issues.at('guide.conditions')}>
          <LinesInput
            value={g.conditions}
            onChange={(conditions) => setG({ conditions })}
            testId="guide-conditions"
          />
        </Field>
        <Field label={t('guideSteps')} error={issues.at('guide.steps')}>
          <LinesInput value={g.steps} onChange={(steps) => setG({ steps })} testId="guide-steps" />
        </Field>
        <Field label={t('guideMaterials')} error={issues.at('guide.materials')} wide>
          <RowsInput<Material>
            rows={g.materials}
            onChange={(materials) => setG({ materials })}
            blank={{ name: '', original: 1, copies: 0 }}
            addLabel={t('add')}
            removeLabel={t('remove')}
            testId="guide-materials"
            render={(row, set, i) => (
              <>
                <TextInput
                  value={row.name}
                  onChange={(name) => set({ ...row, name })}
                  placeholder={t('materialName')}
                  testId={`material-${i}-name`}
                />
                <NumberInput
                  value={row.original}
                  min={0}
                  onChange={(v) => set({ ...row, original: v ?? 0 })}
                  testId={`material-${i}-original`}
                />
                <NumberInput
                  value={row.copies}
                  min={0}
                  onChange={(v) => set({ ...row, copies: v ?? 0 })}
                  testId={`material-${i}-copies`}
                />
                <TextInput
                  value={row.note ?? ''}
                  onChange={(note) => set({ ...row, note })}
                  placeholder={t('note')}
                />
              </>
            )}
          />
        </Field>
        <TextField
          label={t('guideTimeLimit')}
          error={issues.at('guide.timeLimit')}
          value={g.timeLimit}
          onChange={(timeLimit) => setG({ timeLimit })}
          testId="guide-time"
        />
        <TextField
          label={t('guideFees')}
          error={issues.at('guide.fees')}
          value={g.fees}
          onChange={(fees) => setG({ fees })}
          testId="guide-fees"
        />
        <Field label={t('guideLegal')} error={issues.at('guide.legalBasis')}>
          <LinesInput
            value={g.legalBasis}
            onChange={(legalBasis) => setG({ legalBasis })}
            testId="guide-legal"
          />
        </Field>
        <Field label={t('guideFaq')} error={issues.at('guide.faq')} wide>
          <RowsInput
            rows={g.faq}
            onChange={(faq) => setG({ faq })}
            blank={{ q: '', a: '' }}
            addLabel={t('add')}
            removeLabel={t('remove')}
            render={(row, set) => (
              <>
                <TextInput value={row.q} onChange={(q) => set({ ...row, q })} placeholder={t('question')} />
                <TextInput value={row.a} onChange={(a) => set({ ...row, a })} placeholder={t('answer')} />
              </>
            )}
          />
        </Field>
        <Field label={t('guidePictures')} error={issues.at('guide.pictures')} wide>
          <RowsInput
            rows={g.pictures}
            onChange={(pictures) => setG({ pictures })}
            blank={{ url: '' }}
            addLabel={t('add')}
            removeLabel={t('remove')}
            render={(row, set) => (
              <>
                <TextInput value={row.url} onChange={(url) => set({ ...row, url })} placeholder="https://…" />
                <TextInput
                  value={row.caption ?? ''}
                  onChange={(caption) => set({ ...row, caption })}
                  placeholder={t('caption')}
                />
              </>
            )}
          />
        </Field>
        <TextField
          label={t('guideVideo')}
          error={issues.at('guide.videoUrl')}
          value={g.videoUrl ?? ''}
          onChange={(videoUrl) => setG({ videoUrl })}
          placeholder="https://…"
        />
        <Field label={t('guideForms')} error={issues.at('guide.forms')} wide>
          <RowsInput
            rows={g.forms}
            onChange={(forms) => setG({ forms })}
            blank={{ name: '', url: '' }}
            addLabel={t('add')}
            removeLabel={t('remove')}
            render={(row, set) => (
              <>
                <TextInput
                  value={row.name}
                  onChange={(name) => set({ ...row, name })}
                  placeholder={t('formName')}
                />
                <TextInput value={row.url} onChange={(url) => set({ ...row, url })} placeholder="https://…" />
              </>
            )}
          />
        </Field>
        <TextField
          label={t('guideIntermediary')}
          error={issues.at('guide.intermediary')}
          value={g.intermediary ?? ''}
          onChange={(intermediary) => setG({ intermediary })}
        />
        <TextField
          label={t('guideSpecial')}
          error={issues.at('guide.specialProcedures')}
          value={g.specialProcedures ?? ''}
          onChange={(specialProcedures) => setG({ specialProcedures })}
        />
      </div>
      <SaveCancel t={t} name="matter" onCancel={onClose} busy={busy} />
    </form>
  );
}
