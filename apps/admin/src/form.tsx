import { issueText } from '@onewindow/ui';
import { type ReactNode, useEffect, useId } from 'react';
import { useStore } from 'zustand';
import type { Issue } from './api.js';
import type { ConsoleStore } from './store.js';

/**
 * Where a refused form's problems point: the same field may come back as `change.matter.code` (the
 * request) or `matters[3].code` (the whole configuration); each prefix names one of those forms.
 */
export function issueFinder(issues: readonly Issue[], prefixes: readonly string[]) {
  const own = issues.flatMap((i) => {
    const p = prefixes.find((x) => i.path.startsWith(x));
    return p === undefined ? [] : [{ path: i.path.slice(p.length), message: i.message }];
  });
  return {
    /** The problem of a field (or of anything under it). */
    at: (field: string): string | undefined =>
      own.find((i) => i.path === field || i.path.startsWith(`${field}.`) || i.path.startsWith(`${field}[`))
        ?.message,
    /** Problems no field of this form shows (a reference elsewhere in the configuration). */
    others: (fields: readonly string[]): Issue[] =>
      issues.filter((i) => {
        const p = prefixes.find((x) => i.path.startsWith(x));
        if (p === undefined) return true;
        const rest = i.path.slice(p.length);
        return !fields.some((f) => rest === f || rest.startsWith(`${f}.`) || rest.startsWith(`${f}[`));
      }),
  };
}

/**
 * A form that opens starts clean: the last save's 已保存 banner and the last refusal's field problems
 * belong to the form that was closed, not to this one.
 */
export function useFreshForm(store: ConsoleStore): void {
  useEffect(() => {
    store.getState().clearMessage();
  }, [store]);
}

/** A field's problem, worded with the field's label (请填写名称): the field that shows it knows the label. */
export type FieldProblem = (label: string) => string;

/** The page's field problems, said in the console's language. */
export function useIssues(store: ConsoleStore, prefixes: readonly string[]) {
  const issues = useStore(store, (s) => s.issues);
  const locale = useStore(store, (s) => s.locale);
  const found = issueFinder(issues, prefixes);
  return {
    at: (field: string): FieldProblem | undefined => {
      const m = found.at(field);
      return m === undefined ? undefined : (label) => issueText(locale, m, label);
    },
    others: found.others,
  };
}

/** A labelled control with its hint and its problem; both are read out with the control. */
export function Field({
  label,
  error,
  hint,
  children,
  wide,
}: {
  label: string;
  error?: FieldProblem | undefined;
  hint?: string | undefined;
  children: ReactNode | ((describedBy: string | undefined) => ReactNode);
  wide?: boolean;
}) {
  const id = useId();
  const describedBy =
    [hint === undefined ? '' : `${id}-hint`, error === undefined ? '' : `${id}-error`]
      .filter((x) => x !== '')
      .join(' ') || undefined;
  return (
    <div className={`ac-field ${wide === true ? 'wide' : ''} ${error === undefined ? '' : 'invalid'}`}>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is the child */}
      <label>
        <span className="ac-label">{label}</span>
        {typeof children === 'function' ? children(describedBy) : children}
      </label>
      {hint !== undefined && (
        <span className="ac-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error !== undefined && (
        <span className="ac-error" role="alert" data-testid="field-error" id={`${id}-error`}>
          {error(label)}
        </span>
      )}
    </div>
  );
}

export function TextInput(props: {
  value: string;
  onChange: (v: string) => void;
  testId?: string;
  placeholder?: string;
  type?: string;
  disabled?: boolean;
  describedBy?: string | undefined;
  maxLength?: number;
  ariaLabel?: string;
}) {
  return (
    <input
      type={props.type ?? 'text'}
      value={props.value}
      placeholder={props.placeholder}
      disabled={props.disabled}
      aria-describedby={props.describedBy}
      aria-label={props.ariaLabel}
      maxLength={props.maxLength}
      data-testid={props.testId}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

export function NumberInput({
  value,
  onChange,
  testId,
  min,
  ariaLabel,
}: {
  value: number | null;
  onChange: (v: number | null) => void;
  testId?: string;
  min?: number;
  /** Its name where no label wraps it (a number inside a sentence). */
  ariaLabel?: string;
}) {
  return (
    <input
      type="number"
      min={min}
      aria-label={ariaLabel}
      value={value ?? ''}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
    />
  );
}

/** A list of lines, one item per line (conditions, steps, legal bases). */
export function LinesInput({
  value,
  onChange,
  testId,
}: {
  value: readonly string[];
  onChange: (v: string[]) => void;
  testId?: string;
}) {
  return (
    <textarea
      data-testid={testId}
      value={value.join('\n')}
      rows={Math.max(3, value.length + 1)}
      onChange={(e) =>
        onChange(
          e.target.value
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l !== ''),
        )
      }
    />
  );
}

export function Select<T extends string>({
  value,
  options,
  onChange,
  testId,
}: {
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  testId?: string;
}) {
  return (
    <select value={value} data-testid={testId} onChange={(e) => onChange(e.target.value as T)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function Check({
  checked,
  onChange,
  label,
  testId,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  label: string;
  testId?: string;
}) {
  return (
    <label className="ac-check">
      <input
        type="checkbox"
        checked={checked}
        data-testid={testId}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label}
    </label>
  );
}

/** Picks some of many (categories, matters, windows) as checkboxes. */
export function MultiCheck({
  values,
  options,
  onChange,
  testId,
}: {
  values: readonly string[];
  options: readonly { value: string; label: string }[];
  onChange: (v: string[]) => void;
  testId?: string;
}) {
  return (
    <div className="ac-multi" data-testid={testId}>
      {options.map((o) => (
        <Check
          key={o.value}
          label={o.label}
          checked={values.includes(o.value)}
          testId={testId === undefined ? undefined : `${testId}-${o.value}`}
          onChange={(on) => onChange(on ? [...values, o.value] : values.filter((v) => v !== o.value))}
        />
      ))}
    </div>
  );
}

/** Rows of a small record (materials, FAQ, forms): edit in place, add, remove. */
export function RowsInput<T>({
  rows,
  onChange,
  blank,
  render,
  addLabel,
  removeLabel,
  testId,
}: {
  rows: readonly T[];
  onChange: (rows: T[]) => void;
  blank: T;
  render: (row: T, set: (row: T) => void, i: number) => ReactNode;
  addLabel: string;
  removeLabel: string;
  testId?: string;
}) {
  return (
    <div className="ac-rows" data-testid={testId}>
      {rows.map((row, i) => (
        // Rows have no ids of their own; their position is what the form edits.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="ac-row" key={i}>
          {render(row, (r) => onChange(rows.map((x, j) => (j === i ? r : x))), i)}
          <button type="button" className="ac-small" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {removeLabel}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="ac-small"
        data-testid={testId === undefined ? undefined : `${testId}-add`}
        onClick={() => onChange([...rows, blank])}
      >
        {addLabel}
      </button>
    </div>
  );
}

type ConfigList = 'categories' | 'matters' | 'windows' | 'staff';

/**
 * The problems of one item of the hall configuration being edited: those of the change request
 * (`change.matter.code`) and those the whole-configuration check finds at its place (`matters[3].code`,
 * or one past the end for a new item).
 */
export function useItemIssues(store: ConsoleStore, change: string, list: ConfigList, id: string) {
  const items: readonly { id: string }[] = useStore(store, (s) => s.config?.config[list] ?? []);
  const index = items.findIndex((x) => x.id === id);
  return useIssues(store, [`change.${change}.`, `${list}[${index < 0 ? items.length : index}].`]);
}

/** The common case: a labelled text input with its problem under it. */
export function TextField({
  label,
  error,
  hint,
  wide,
  ...input
}: {
  label: string;
  error?: FieldProblem | undefined;
  hint?: string | undefined;
  wide?: boolean;
} & Parameters<typeof TextInput>[0]) {
  return (
    <Field label={label} error={error} hint={hint} {...(wide === undefined ? {} : { wide })}>
      {(describedBy) => <TextInput {...input} describedBy={describedBy} />}
    </Field>
  );
}

/** The smallest `<prefix><n>` no item of the list has: a new item's internal id, which the manager may change. */
export function nextFreeId(list: readonly { id: string }[], prefix: string): string {
  const taken = new Set(list.map((x) => x.id));
  let n = list.length + 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}
