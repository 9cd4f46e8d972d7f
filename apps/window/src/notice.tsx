import type { HallClientState } from '@onewindow/client';
import type { Notice } from '@onewindow/domain';
import { QrCode, shanghaiDateTime } from '@onewindow/ui';
import { useState } from 'react';
import { type StoreApi, useStore } from 'zustand';
import { Dialog } from './dialogs.js';
import { useT } from './i18n.js';
import type { WindowClientStore } from './store.js';

/**
 * The 一次性告知单 as an official paper: hall, number, matter, clerk and staff number, date, every
 * missing document, the hall's phone. Shown only when printed from the browser.
 */
export function NoticeSheet({
  notice,
  hallName,
  hallPhone,
}: {
  notice: Notice;
  hallName: string;
  hallPhone: string | null;
}) {
  return (
    <div className="print-only printable notice-sheet" data-testid="notice-sheet">
      <h1>{hallName}</h1>
      <h2>一次性告知单</h2>
      <dl>
        <dt>办理事项</dt>
        <dd>{notice.matterName}</dd>
        <dt>号码</dt>
        <dd>{notice.ticketNumber}</dd>
        <dt>受理窗口</dt>
        <dd>{notice.windowName}</dd>
        {notice.staffName !== null && (
          <>
            <dt>经办人</dt>
            <dd>
              {notice.staffName}
              {notice.staffNo === null ? '' : `（工号 ${notice.staffNo}）`}
            </dd>
          </>
        )}
        <dt>告知时间</dt>
        <dd>{shanghaiDateTime(notice.at)}</dd>
      </dl>
      <p>您申请办理的事项还需补齐以下材料：</p>
      <ol>
        {notice.missing.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ol>
      {notice.note !== null && <p>说明：{notice.note}</p>}
      <p>以上为办理本事项尚需的全部材料，补齐后即可到窗口办理，无需重新咨询。</p>
      {hallPhone !== null && <p>咨询电话：{hallPhone}</p>}
    </div>
  );
}

function IssuedNotice({
  hall,
  win,
  notice,
}: {
  hall: StoreApi<HallClientState>;
  win: WindowClientStore;
  notice: Notice;
}) {
  const t = useT(win);
  const windowId = useStore(win, (s) => s.windowId);
  const hasPrinter = useStore(hall, (s) => s.windows[windowId]?.printer !== undefined);
  const hallName = useStore(hall, (s) => s.hall?.name ?? '');
  const hallPhone = useStore(hall, (s) => s.hall?.phone ?? null);
  const busy = useStore(win, (s) => s.busy);
  const url = `${window.location.origin}/n/${encodeURIComponent(notice.id)}`;
  return (
    <Dialog
      title={t('noticeIssued')}
      win={win}
      actions={
        <>
          {hasPrinter && (
            <button
              type="button"
              className="ow-button primary"
              data-testid="notice-print-printer"
              disabled={busy}
              onClick={() => void win.getState().print({ kind: 'notice', noticeId: notice.id })}
            >
              {t('printOnPrinter')}
            </button>
          )}
          <button
            type="button"
            className={`ow-button ${hasPrinter ? '' : 'primary'}`}
            data-testid="notice-print"
            onClick={() => window.print()}
          >
            {t('printInBrowser')}
          </button>
        </>
      }
    >
      <div className="wc-notice" data-testid="notice-issued">
        <h3>
          {notice.ticketNumber} · {notice.matterName}
        </h3>
        <ol>
          {notice.missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ol>
        {notice.note !== null && <p>{notice.note}</p>}
        <QrCode text={url} size={180} label={t('noticeScan')} />
        <p className="wc-muted">{t('noticeScan')}</p>
      </div>
      <NoticeSheet notice={notice} hallName={hallName} hallPhone={hallPhone} />
    </Dialog>
  );
}

export function NoticeDialog({ hall, win }: { hall: StoreApi<HallClientState>; win: WindowClientStore }) {
  const t = useT(win);
  const guide = useStore(win, (s) => s.guide);
  const received = useStore(win, (s) => s.received);
  const notice = useStore(win, (s) => s.notice);
  const [extra, setExtra] = useState('');
  const [note, setNote] = useState('');
  if (notice !== null) return <IssuedNotice hall={hall} win={win} notice={notice} />;
  const missingFromGuide =
    guide?.guide.materials.filter((m) => received[m.name] !== true).map((m) => m.name) ?? [];
  const missing = [
    ...missingFromGuide,
    ...extra
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  ];
  return (
    <Dialog
      title={t('noticeTitle')}
      win={win}
      actions={
        <button
          type="button"
          className="ow-button primary"
          data-testid="notice-submit"
          disabled={missing.length === 0}
          onClick={() => void win.getState().issueNotice(missing, note)}
        >
          {t('noticeSubmit')}
        </button>
      }
    >
      <p>{t('noticeIntro')}</p>
      <ul data-testid="notice-missing">
        {missingFromGuide.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      <textarea
        data-testid="notice-extra"
        placeholder={t('noticeExtra')}
        value={extra}
        onChange={(e) => setExtra(e.target.value)}
      />
      <textarea
        data-testid="notice-note"
        placeholder={t('noticeNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
    </Dialog>
  );
}
