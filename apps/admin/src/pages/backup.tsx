import { shanghaiDateTime } from '@onewindow/ui';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { Message, useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';

/** 备份 and the hall's configuration as a YAML file: take a backup now, export, import. */
export function BackupPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const backups = useStore(store, (s) => s.backups);
  const busy = useStore(store, (s) => s.busy);
  const [yaml, setYaml] = useState('');
  useEffect(() => {
    void store.getState().loadBackups();
  }, [store]);
  return (
    <div data-testid="backup-page">
      <Message store={store} others={useStore(store, (s) => s.issues)} />
      <section className="ac-card">
        <h2>{t('backups')}</h2>
        <p className="ac-muted">{t('backupHint')}</p>
        <button
          type="button"
          className="ac-button primary"
          data-testid="backup-now"
          disabled={busy}
          onClick={() => void store.getState().takeBackup()}
        >
          {t('backupNow')}
        </button>
        <table className="ac-table" data-testid="backups">
          <tbody>
            {backups.map((b) => (
              <tr key={b.file}>
                <td>{shanghaiDateTime(b.at)}</td>
                <td>{b.file}</td>
                <td>{(b.bytes / 1024).toFixed(0)} KB</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="ac-card">
        <h2>{t('yaml')}</h2>
        <p className="ac-muted">{t('yamlHint')}</p>
        <div className="ac-buttons">
          <button
            type="button"
            className="ac-button"
            data-testid="yaml-export"
            onClick={() =>
              void store
                .getState()
                .exportYaml()
                .then((text) => text !== null && setYaml(text))
            }
          >
            {t('yamlExport')}
          </button>
          <button
            type="button"
            className="ac-button primary"
            data-testid="yaml-import"
            disabled={yaml.trim() === ''}
            onClick={() => void store.getState().importYaml(yaml)}
          >
            {t('yamlImport')}
          </button>
        </div>
        <textarea
          className="ac-yaml"
          aria-label={t('yamlImport')}
          data-testid="yaml-text"
          value={yaml}
          onChange={(e) => setYaml(e.target.value)}
          spellCheck={false}
        />
      </section>
    </div>
  );
}
