import type { HallClientState } from '@onewindow/client';
import { Clock, OfflineMarker } from '@onewindow/ui';
import { useEffect, useState } from 'react';
import { type StoreApi, useStore } from 'zustand';
import { LEVELS, LOW_REASONS, type PadStore } from './pad-store.js';

/** 好差评 pad at a window: five large levels after each visit; a low rating asks why. */
export function Pad({
  hall,
  pad,
  windowId,
}: {
  hall: StoreApi<HallClientState>;
  pad: PadStore;
  windowId: string;
}) {
  const s = useStore(pad);
  const window = useStore(hall, (h) => h.windows[windowId]);
  const hallName = useStore(hall, (h) => h.hall?.name ?? '');
  const matter = useStore(hall, (h) => h.matters.find((m) => m.id === s.ticket?.matterId));
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      pad.getState().tick();
      setNow(Date.now());
    }, 500);
    return () => clearInterval(timer);
  }, [pad]);
  const secondsLeft = s.deadline === null ? null : Math.max(0, Math.floor((s.deadline - now) / 1_000));

  return (
    <div className="pad" data-testid="pad" data-phase={s.phase}>
      <header className="pad-header">
        <span>{hallName}</span>
        <span>
          {window?.number} 号窗口 · {window?.name}
        </span>
        <Clock />
      </header>
      {s.phase === 'idle' && (
        <div className="pad-idle">
          <h1>欢迎评价</h1>
          <p>办结后请为本次服务打分，您的评价将用于改进服务</p>
        </div>
      )}
      {(s.phase === 'rate' || s.phase === 'sending') && s.ticket !== null && (
        <div className="pad-rate">
          <h1>请您对本次服务进行评价</h1>
          <p className="pad-visit" data-testid="pad-visit">
            {s.ticket.number} · {matter?.name ?? ''} · {window?.number} 号窗口
          </p>
          <div className="pad-levels">
            {LEVELS.map((l) => (
              <button
                type="button"
                key={l.level}
                className={`pad-level level-${l.level}`}
                data-testid={`level-${l.level}`}
                disabled={s.phase === 'sending'}
                onClick={() => void pad.getState().choose(l.level)}
              >
                <span className="pad-face" aria-hidden="true">
                  {'★'.repeat(l.level)}
                </span>
                {l.text}
              </button>
            ))}
          </div>
          {secondsLeft !== null && <p className="pad-timeout">{secondsLeft} 秒后无操作将不计评价</p>}
        </div>
      )}
      {s.phase === 'reasons' && (
        <div className="pad-reasons">
          <h1>很抱歉给您带来不好的体验，请告诉我们原因</h1>
          <div className="pad-tags">
            {LOW_REASONS.map((r) => (
              <button
                type="button"
                key={r}
                className={`pad-tag ${s.reasons.includes(r) ? 'on' : ''}`}
                aria-pressed={s.reasons.includes(r)}
                data-testid={`reason-${r}`}
                onClick={() => pad.getState().toggleReason(r)}
              >
                {r}
              </button>
            ))}
          </div>
          <textarea
            data-testid="pad-comment"
            placeholder="其他意见（选填）"
            value={s.comment}
            onChange={(e) => pad.getState().setComment(e.target.value)}
          />
          <button
            type="button"
            className="pad-submit"
            data-testid="pad-submit"
            disabled={s.reasons.length === 0 && s.comment.trim() === ''}
            onClick={() => void pad.getState().submit()}
          >
            提交评价
          </button>
          {secondsLeft !== null && <p className="pad-timeout">{secondsLeft} 秒后无操作将不计评价</p>}
        </div>
      )}
      {s.phase === 'thanks' && (
        <div className="pad-idle" data-testid="pad-thanks">
          <h1>感谢您的评价</h1>
          {(s.level ?? 5) <= 2 && <p>我们将在规定时限内整改并回访</p>}
        </div>
      )}
      {s.phase === 'failed' && (
        <div className="pad-idle">
          <h1>评价未能提交</h1>
          <p>{s.error}</p>
        </div>
      )}
      <OfflineMarker hall={hall} />
    </div>
  );
}
