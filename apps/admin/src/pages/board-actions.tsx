import type { HallClient } from '@onewindow/client';
import type { SkillSet, Window } from '@onewindow/domain';
import type { AckError } from '@onewindow/protocol';
import { useState } from 'react';
import { useStore } from 'zustand';
import { NumberInput, TextInput } from '../form.js';
import { useT } from '../i18n.js';
import { SkillsInput } from '../skills.js';
import type { ConsoleStore } from '../store.js';

// What a manager changes in the live hall from the board: what a window serves today (动态调整), and a
// line for every display.

export function SkillsDialog({
  window: w,
  store,
  client,
  onDone,
  onCancel,
}: {
  window: Window;
  store: ConsoleStore;
  client: HallClient;
  onDone: (primary: SkillSet, secondary: SkillSet) => void;
  onCancel: () => void;
}) {
  const t = useT(store);
  const h = client.store.getState();
  const [primary, setPrimary] = useState<SkillSet>(w.primary);
  const [secondary, setSecondary] = useState<SkillSet>(w.secondary);
  return (
    <div className="ac-dialog" role="dialog" data-testid="skills-dialog">
      <div className="ac-card">
        <h2>{t('adjustSkillsOf', { window: `${w.number} · ${w.name}` })}</h2>
        <p className="ac-muted">{t('adjustSkillsHint')}</p>
        <h3>{t('primary')}</h3>
        <SkillsInput
          value={primary}
          onChange={setPrimary}
          categories={h.categories}
          matters={h.matters}
          t={t}
          testId="today-primary"
        />
        <h3>{t('secondary')}</h3>
        <SkillsInput
          value={secondary}
          onChange={setSecondary}
          categories={h.categories}
          matters={h.matters}
          t={t}
          testId="today-secondary"
        />
        <div className="ac-buttons">
          <button
            type="button"
            className="ac-button primary"
            data-testid="skills-save"
            onClick={() => onDone(primary, secondary)}
          >
            {t('applyToday')}
          </button>
          <button type="button" className="ac-button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}

export function BroadcastForm({
  store,
  client,
  send,
}: {
  store: ConsoleStore;
  client: HallClient;
  send: (p: Promise<{ ok: boolean; error?: AckError }>) => Promise<boolean>;
}) {
  const t = useT(store);
  const broadcast = useStore(client.store, (s) => s.broadcast);
  const [text, setText] = useState('');
  const [minutes, setMinutes] = useState<number | null>(60);
  return (
    <section className="ac-broadcast">
      <h2>{t('broadcast')}</h2>
      {broadcast !== null && (
        <p data-testid="broadcast-now">
          {t('broadcastNow')}: {broadcast.text}
        </p>
      )}
      <div className="ac-inline">
        <TextInput
          value={text}
          onChange={setText}
          testId="broadcast-text"
          placeholder={t('broadcastPlaceholder')}
          ariaLabel={t('broadcast')}
        />
        <NumberInput
          value={minutes}
          onChange={setMinutes}
          min={1}
          testId="broadcast-minutes"
          ariaLabel={t('broadcastMinutes')}
        />
        <span>{t('min')}</span>
        <button
          type="button"
          className="ac-button primary"
          data-testid="broadcast-send"
          disabled={text.trim() === ''}
          onClick={() =>
            void send(client.command('hall:broadcast', { text, minutes: minutes ?? 60 })).then(
              (ok) => ok && setText(''),
            )
          }
        >
          {t('broadcastSend')}
        </button>
        {broadcast !== null && (
          <button
            type="button"
            className="ac-button"
            data-testid="broadcast-clear"
            onClick={() => void send(client.command('hall:broadcast', { text: '', minutes: 1 }))}
          >
            {t('broadcastClear')}
          </button>
        )}
      </div>
    </section>
  );
}
