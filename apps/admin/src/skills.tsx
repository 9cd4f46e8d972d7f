import type { Category, SkillSet } from '@onewindow/domain';
import type { MatterSummary } from '@onewindow/protocol';
import { Check, MultiCheck } from './form.js';
import type { T } from './i18n.js';

/** Which matters a window serves: every matter, whole categories, or single matters. */
export function SkillsInput({
  value,
  onChange,
  categories,
  matters,
  t,
  testId,
}: {
  value: SkillSet;
  onChange: (v: SkillSet) => void;
  categories: readonly Category[];
  matters: readonly Pick<MatterSummary, 'id' | 'name'>[];
  t: T;
  testId: string;
}) {
  const list = (key: 'categories' | 'matters', v: string[]): SkillSet => {
    const { [key]: _old, ...rest } = value;
    return v.length === 0 ? rest : { ...rest, [key]: v };
  };
  return (
    <div className="ac-skills" data-testid={testId}>
      <Check
        label={t('skillsAll')}
        checked={value.all === true}
        testId={`${testId}-all`}
        onChange={(on) => {
          const { all: _a, ...rest } = value;
          onChange(on ? { ...rest, all: true } : rest);
        }}
      />
      {value.all !== true && (
        <>
          <span className="ac-label">{t('skillsCategories')}</span>
          <MultiCheck
            values={value.categories ?? []}
            options={categories.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(v) => onChange(list('categories', v))}
            testId={`${testId}-cat`}
          />
          <span className="ac-label">{t('skillsMatters')}</span>
          <MultiCheck
            values={value.matters ?? []}
            options={matters.map((m) => ({ value: m.id, label: m.name }))}
            onChange={(v) => onChange(list('matters', v))}
            testId={`${testId}-matter`}
          />
        </>
      )}
    </div>
  );
}

/** A skill set in a few words for tables: 全部事项 / 社会事务、税务 / 3 项事项. */
export function skillsText(s: SkillSet, categories: readonly Category[], t: T): string {
  if (s.all === true) return t('skillsAll');
  const parts = [
    ...(s.categories ?? []).map((id) => categories.find((c) => c.id === id)?.name ?? id),
    ...((s.matters ?? []).length > 0 ? [t('mattersCount', { n: (s.matters ?? []).length })] : []),
  ];
  return parts.length === 0 ? '—' : parts.join('、');
}
