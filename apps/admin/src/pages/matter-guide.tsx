import type { Guide, Material, Matter } from '@onewindow/domain';
import {
  Field,
  type FieldProblem,
  LinesInput,
  NumberInput,
  RowsInput,
  TextField,
  TextInput,
} from '../form.js';
import type { T } from '../i18n.js';

/** Optional text: an empty field is no field. */
const opt = <K extends string>(key: K, v: string | undefined): Partial<Record<K, string>> =>
  v === undefined || v.trim() === '' ? {} : ({ [key]: v.trim() } as Record<K, string>);

/** What is saved: optional fields left empty are dropped, so the configuration stays clean. */
export function cleaned(m: Matter): Matter {
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

/** A matter's 办事指南 as the kiosk shows it: summary, conditions, materials, steps, fees, FAQ, links. */
export function GuideFields({
  g,
  setG,
  at,
  t,
}: {
  g: Guide;
  setG: (change: Partial<Guide>) => void;
  at: (field: string) => FieldProblem | undefined;
  t: T;
}) {
  return (
    <>
      <h3>{t('guide')}</h3>
      <div className="ac-grid">
        <Field label={t('guideSummary')} error={at('guide.summary')} wide>
          <TextInput
            value={g.summary ?? ''}
            onChange={(summary) => setG({ summary })}
            testId="guide-summary"
          />
        </Field>
        <Field label={t('guidePlain')} error={at('guide.plain')} wide>
          <textarea
            value={g.plain ?? ''}
            onChange={(e) => setG({ plain: e.target.value })}
            data-testid="guide-plain"
          />
        </Field>
        <Field label={t('guideConditions')} error={at('guide.conditions')}>
          <LinesInput
            value={g.conditions}
            onChange={(conditions) => setG({ conditions })}
            testId="guide-conditions"
          />
        </Field>
        <Field label={t('guideSteps')} error={at('guide.steps')}>
          <LinesInput value={g.steps} onChange={(steps) => setG({ steps })} testId="guide-steps" />
        </Field>
        <Field label={t('guideMaterials')} error={at('guide.materials')} wide>
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
          error={at('guide.timeLimit')}
          value={g.timeLimit}
          onChange={(timeLimit) => setG({ timeLimit })}
          testId="guide-time"
        />
        <TextField
          label={t('guideFees')}
          error={at('guide.fees')}
          value={g.fees}
          onChange={(fees) => setG({ fees })}
          testId="guide-fees"
        />
        <Field label={t('guideLegal')} error={at('guide.legalBasis')}>
          <LinesInput
            value={g.legalBasis}
            onChange={(legalBasis) => setG({ legalBasis })}
            testId="guide-legal"
          />
        </Field>
        <Field label={t('guideFaq')} error={at('guide.faq')} wide>
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
        <Field label={t('guidePictures')} error={at('guide.pictures')} wide>
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
          error={at('guide.videoUrl')}
          value={g.videoUrl ?? ''}
          onChange={(videoUrl) => setG({ videoUrl })}
          placeholder="https://…"
        />
        <Field label={t('guideForms')} error={at('guide.forms')} wide>
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
          error={at('guide.intermediary')}
          value={g.intermediary ?? ''}
          onChange={(intermediary) => setG({ intermediary })}
        />
        <TextField
          label={t('guideSpecial')}
          error={at('guide.specialProcedures')}
          value={g.specialProcedures ?? ''}
          onChange={(specialProcedures) => setG({ specialProcedures })}
        />
      </div>
    </>
  );
}
