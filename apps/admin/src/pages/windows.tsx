import { type WindowDef, WindowType } from '@onewindow/domain';
import { useState } from 'react';
import { useStore } from 'zustand';
import { RowActions, SaveCancel, TableHead } from '../actions.js';
import { Field, NumberInput, nextFreeId, Select, TextField, useFreshForm, useItemIssues } from '../form.js';
import { Message, useT } from '../i18n.js';
import { SkillsInput, skillsText } from '../skills.js';
import type { ConsoleStore } from '../store.js';
import { intervalsText, parseIntervals } from './hours.js';

/** 窗口: number, type, what it serves, its LED screen and printer. */
export function WindowsPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const config = useStore(store, (s) => s.config);
  const [editing, setEditing] = useState<{ w: WindowDef; isNew: boolean } | null>(null);
  if (config === null) return <p>{t('loading')}</p>;
  const c = config.config;
  if (editing !== null)
    return (
      <WindowForm store={store} initial={editing.w} isNew={editing.isNew} onClose={() => setEditing(null)} />
    );
  return (
    <div data-testid="windows-page">
      <Message store={store} />
      <table className="ac-table" data-testid="windows">
        <TableHead
          labels={[
            t('number'),
            t('name'),
            t('windowType'),
            t('primary'),
            t('secondary'),
            t('windowHoursColumn'),
            t('devicesAttached'),
            '',
          ]}
        />
        <tbody>
          {c.windows.map((w) => (
            <tr key={w.id} data-testid={`window-${w.id}`}>
              <td>{w.number}</td>
              <td>{w.name}</td>
              <td>{t(`type.${w.type}`)}</td>
              <td>{skillsText(w.primary, c.categories, t)}</td>
              <td>{skillsText(w.secondary, c.categories, t)}</td>
              <td data-testid={`window-${w.id}-hours`}>
                {w.hours === undefined || w.hours.length === 0 ? t('hallHoursShort') : intervalsText(w.hours)}
              </td>
              <td>
                {[w.led === undefined ? '' : t('led'), w.printer === undefined ? '' : t('printer')]
                  .filter((x) => x !== '')
                  .join('、') || '—'}
              </td>
              <RowActions
                t={t}
                testId={`window-${w.id}`}
                what={`${w.number} ${w.name}`}
                onEdit={() => setEditing({ w, isNew: false })}
                onDelete={() => void store.getState().change({ type: 'window.delete', id: w.id })}
              />
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="ac-button primary"
        data-testid="add-window"
        onClick={() =>
          setEditing({
            w: {
              id: nextFreeId(c.windows, 'w'),
              number: String(c.windows.length + 1),
              name: '',
              type: 'universal',
              primary: { all: true },
              secondary: {},
            },
            isNew: true,
          })
        }
      >
        {t('addWindow')}
      </button>
    </div>
  );
}

function WindowForm({
  store,
  initial,
  isNew,
  onClose,
}: {
  store: ConsoleStore;
  initial: WindowDef;
  isNew: boolean;
  onClose: () => void;
}) {
  const t = useT(store);
  const config = useStore(store, (s) => s.config);
  useFreshForm(store);
  const issues = useItemIssues(store, 'window', 'windows', initial.id);
  const [w, setW] = useState<WindowDef>(initial);
  // Kept as typed; read into intervals on save, where the server names what it cannot read.
  const [hoursText, setHoursText] = useState(intervalsText(initial.hours ?? []));
  const categories = config?.config.categories ?? [];
  const matters = config?.config.matters ?? [];
  return (
    <form
      className="ac-card ac-form"
      data-testid="window-form"
      onSubmit={(e) => {
        e.preventDefault();
        const hours = parseIntervals(hoursText);
        const { hours: _h, ...rest } = w;
        const window = hours.length === 0 ? rest : { ...rest, hours };
        void store
          .getState()
          .change({ type: isNew ? 'window.create' : 'window.put', window })
          .then((ok) => ok && onClose());
      }}
    >
      <h2>{isNew ? t('addWindow') : t('editWindow')}</h2>
      <Message
        store={store}
        others={issues.others([
          'id',
          'number',
          'name',
          'type',
          'primary',
          'secondary',
          'led',
          'printer',
          'hours',
        ])}
      />
      <div className="ac-grid">
        <TextField
          label={t('id')}
          hint={t('idHint')}
          error={issues.at('id')}
          value={w.id}
          onChange={(id) => setW({ ...w, id })}
          disabled={!isNew}
          testId="window-id"
        />
        <TextField
          label={t('number')}
          error={issues.at('number')}
          value={w.number}
          onChange={(number) => setW({ ...w, number })}
          testId="window-number"
        />
        <TextField
          label={t('name')}
          error={issues.at('name')}
          value={w.name}
          onChange={(name) => setW({ ...w, name })}
          testId="window-name"
        />
        <Field label={t('windowType')} error={issues.at('type')}>
          <Select
            value={w.type}
            onChange={(type) => setW({ ...w, type })}
            options={WindowType.options.map((x) => ({ value: x, label: t(`type.${x}`) }))}
            testId="window-type"
          />
        </Field>
        <TextField
          label={t('windowHours')}
          hint={t('windowHoursHint')}
          error={issues.at('hours')}
          value={hoursText}
          placeholder="08:30-12:00, 13:30-17:30"
          onChange={setHoursText}
          testId="window-hours"
        />
      </div>
      <Field label={t('primary')} error={issues.at('primary')} wide>
        <SkillsInput
          value={w.primary}
          onChange={(primary) => setW({ ...w, primary })}
          categories={categories}
          matters={matters}
          t={t}
          testId="window-primary"
        />
      </Field>
      <Field label={t('secondary')} error={issues.at('secondary')} wide>
        <SkillsInput
          value={w.secondary}
          onChange={(secondary) => setW({ ...w, secondary })}
          categories={categories}
          matters={matters}
          t={t}
          testId="window-secondary"
        />
      </Field>
      <div className="ac-grid">
        <TextField
          label={t('ledPort')}
          error={issues.at('led')}
          value={w.led?.port ?? ''}
          placeholder="/dev/ttyUSB0"
          onChange={(port) => {
            const { led: _l, ...rest } = w;
            setW(
              port.trim() === ''
                ? rest
                : {
                    ...rest,
                    led: {
                      driver: 'plainSerial',
                      port,
                      address: w.led?.address ?? 1,
                      baudRate: w.led?.baudRate ?? 9600,
                    },
                  },
            );
          }}
        />
        {w.led !== undefined && (
          <Field label={t('ledAddress')} error={issues.at('led.address')}>
            <NumberInput
              value={w.led.address}
              min={1}
              onChange={(address) =>
                w.led !== undefined && setW({ ...w, led: { ...w.led, address: address ?? 1 } })
              }
            />
          </Field>
        )}
        <TextField
          label={t('printerPort')}
          error={issues.at('printer')}
          value={w.printer?.port ?? ''}
          placeholder="/dev/ttyUSB1"
          onChange={(port) => {
            const { printer: _p, ...rest } = w;
            setW(
              port.trim() === ''
                ? rest
                : {
                    ...rest,
                    printer: {
                      port,
                      baudRate: w.printer?.baudRate ?? 9600,
                      paperWidth: w.printer?.paperWidth ?? 80,
                    },
                  },
            );
          }}
        />
      </div>
      <SaveCancel t={t} name="window" onCancel={onClose} />
    </form>
  );
}
