import type { ReactNode } from 'react';
import type { T } from './i18n.js';

/** A table row's edit and delete buttons (delete asks first); extra actions go between them. */
export function RowActions({
  t,
  testId,
  what,
  onEdit,
  onDelete,
  children,
}: {
  t: T;
  /** `matter-SW-001` gives `edit-matter-SW-001` and `delete-matter-SW-001`. */
  testId: string;
  /** What the confirmation names: the row's own name. */
  what: string;
  onEdit: () => void;
  onDelete: () => void;
  children?: ReactNode;
}) {
  return (
    <td className="ac-actions">
      <button type="button" className="ac-small" data-testid={`edit-${testId}`} onClick={onEdit}>
        {t('edit')}
      </button>
      {children}
      <button
        type="button"
        className="ac-small"
        data-testid={`delete-${testId}`}
        onClick={() => {
          if (window.confirm(t('deleteConfirm', { what }))) onDelete();
        }}
      >
        {t('delete')}
      </button>
    </td>
  );
}

/** A form's save and cancel buttons; `name` gives the test ids `<name>-save` and `<name>-cancel`. */
export function SaveCancel({
  t,
  name,
  onCancel,
  busy = false,
}: {
  t: T;
  name: string;
  onCancel?: () => void;
  busy?: boolean;
}) {
  return (
    <div className="ac-buttons">
      <button type="submit" className="ac-button primary" data-testid={`${name}-save`} disabled={busy}>
        {t('save')}
      </button>
      {onCancel !== undefined && (
        <button type="button" className="ac-button" data-testid={`${name}-cancel`} onClick={onCancel}>
          {t('cancel')}
        </button>
      )}
    </div>
  );
}

/** A table's header row; an empty label leaves the (one) column of row actions unnamed. */
export function TableHead({ labels }: { labels: readonly string[] }) {
  return (
    <thead>
      <tr>{labels.map((l) => (l === '' ? <th key="-actions" /> : <th key={l}>{l}</th>))}</tr>
    </thead>
  );
}
