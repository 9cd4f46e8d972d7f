import { type Category, emptyGuide, type Matter } from '@onewindow/domain';
import { useState } from 'react';
import { useStore } from 'zustand';
import { RowActions, SaveCancel, TableHead } from '../actions.js';
import { nextFreeId, TextField, useFreshForm, useItemIssues } from '../form.js';
import { Message, useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';
import { MatterForm } from './matter-form.js';

const blankMatter = (categoryId: string): Matter => ({
  id: '',
  code: '',
  name: '',
  categoryId,
  department: '',
  kind: 'instant',
  promisedDays: null,
  targetWaitMin: 15,
  avgHandleMin: 8,
  ticketPrefix: 'A',
  dailyQuota: null,
  guide: emptyGuide(),
});

/** 事项 and 领域: the list, and one editor at a time. */
export function MattersPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const config = useStore(store, (s) => s.config);
  const [editing, setEditing] = useState<
    | { kind: 'matter'; matter: Matter; isNew: boolean }
    | { kind: 'category'; category: Category; isNew: boolean }
    | null
  >(null);
  if (config === null) return <p>{t('loading')}</p>;
  const c = config.config;
  if (editing?.kind === 'matter') {
    return (
      <MatterForm
        store={store}
        initial={editing.matter}
        isNew={editing.isNew}
        onClose={() => {
          store.getState().clearMessage();
          setEditing(null);
        }}
      />
    );
  }
  if (editing?.kind === 'category') {
    return (
      <CategoryForm
        store={store}
        initial={editing.category}
        isNew={editing.isNew}
        onClose={() => setEditing(null)}
      />
    );
  }
  return (
    <div data-testid="matters-page">
      <Message store={store} />
      <section>
        <h2>{t('categories')}</h2>
        <table className="ac-table" data-testid="categories">
          <tbody>
            {c.categories.map((cat) => (
              <tr key={cat.id} data-testid={`category-${cat.id}`}>
                <td>{cat.id}</td>
                <td>{cat.name}</td>
                <td>{cat.nameEn ?? ''}</td>
                <td>{t('mattersCount', { n: c.matters.filter((m) => m.categoryId === cat.id).length })}</td>
                <RowActions
                  t={t}
                  testId={`category-${cat.id}`}
                  what={cat.name}
                  onEdit={() => setEditing({ kind: 'category', category: cat, isNew: false })}
                  onDelete={() => void store.getState().change({ type: 'category.delete', id: cat.id })}
                />
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className="ac-button"
          data-testid="add-category"
          onClick={() =>
            setEditing({
              kind: 'category',
              category: { id: nextFreeId(c.categories, 'cat-'), name: '' },
              isNew: true,
            })
          }
        >
          {t('addCategory')}
        </button>
      </section>
      <section>
        <h2>{t('matters')}</h2>
        <table className="ac-table" data-testid="matters">
          <TableHead
            labels={[t('code'), t('name'), t('category'), t('prefix'), t('targetWait'), t('dailyQuota'), '']}
          />
          <tbody>
            {c.matters.map((m) => (
              <tr key={m.id} data-testid={`matter-${m.id}`}>
                <td>{m.code}</td>
                <td>
                  {m.name}
                  {m.bundleOf !== undefined && <span className="ac-tag">{t('bundle')}</span>}
                </td>
                <td>{c.categories.find((x) => x.id === m.categoryId)?.name ?? m.categoryId}</td>
                <td>{m.ticketPrefix}</td>
                <td>
                  {m.targetWaitMin} {t('min')}
                </td>
                <td>{m.dailyQuota ?? '—'}</td>
                <RowActions
                  t={t}
                  testId={`matter-${m.id}`}
                  what={m.name}
                  onEdit={() => setEditing({ kind: 'matter', matter: m, isNew: false })}
                  onDelete={() => void store.getState().change({ type: 'matter.delete', id: m.id })}
                />
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className="ac-button primary"
          data-testid="add-matter"
          disabled={c.categories.length === 0}
          onClick={() =>
            setEditing({
              kind: 'matter',
              matter: { ...blankMatter(c.categories[0]?.id ?? ''), id: nextFreeId(c.matters, 'm-') },
              isNew: true,
            })
          }
        >
          {t('addMatter')}
        </button>
      </section>
    </div>
  );
}

function CategoryForm({
  store,
  initial,
  isNew,
  onClose,
}: {
  store: ConsoleStore;
  initial: Category;
  isNew: boolean;
  onClose: () => void;
}) {
  const t = useT(store);
  useFreshForm(store);
  const issues = useItemIssues(store, 'category', 'categories', initial.id);
  const [cat, setCat] = useState(initial);
  return (
    <form
      className="ac-card"
      data-testid="category-form"
      onSubmit={(e) => {
        e.preventDefault();
        const { nameEn, ...rest } = cat;
        void store
          .getState()
          .change({
            type: isNew ? 'category.create' : 'category.put',
            category: nameEn === undefined || nameEn === '' ? rest : cat,
          })
          .then((ok) => ok && onClose());
      }}
    >
      <h2>{isNew ? t('addCategory') : t('editCategory')}</h2>
      <Message store={store} others={issues.others(['id', 'name', 'nameEn'])} />
      <TextField
        label={t('id')}
        hint={t('idHint')}
        error={issues.at('id')}
        value={cat.id}
        onChange={(id) => setCat({ ...cat, id })}
        disabled={!isNew}
        testId="category-id"
      />
      <TextField
        label={t('name')}
        error={issues.at('name')}
        value={cat.name}
        onChange={(name) => setCat({ ...cat, name })}
        testId="category-name"
      />
      <TextField
        label={t('nameEn')}
        error={issues.at('nameEn')}
        value={cat.nameEn ?? ''}
        onChange={(nameEn) => setCat({ ...cat, nameEn })}
        testId="category-name-en"
      />
      <SaveCancel t={t} name="category" onCancel={onClose} />
    </form>
  );
}
