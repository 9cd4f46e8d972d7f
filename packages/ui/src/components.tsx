import type { HallClientState } from '@onewindow/client';
import { useEffect, useState } from 'react';
import { type StoreApi, useStore } from 'zustand';
import type { Locale } from './i18n.js';

/** A small marker while the screen has lost its hall server; the screen keeps its last state. */
export function OfflineMarker({
  hall,
  locale = 'zh-CN',
}: {
  hall: StoreApi<HallClientState>;
  locale?: Locale;
}) {
  const connection = useStore(hall, (s) => s.connection);
  if (connection === 'connected') return null;
  const text =
    connection === 'unauthorized'
      ? locale === 'en'
        ? 'device not authorized'
        : '设备未授权'
      : locale === 'en'
        ? 'offline · reconnecting'
        : '离线 · 正在重连';
  return (
    <div className="ow-offline" data-testid="offline" role="status">
      {text}
    </div>
  );
}

/** The Shanghai wall clock, updated every few seconds. */
export function Clock({ locale = 'zh-CN', seconds = false }: { locale?: Locale; seconds?: boolean }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), seconds ? 1_000 : 10_000);
    return () => clearInterval(timer);
  }, [seconds]);
  return (
    <span className="ow-clock">
      {now.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', {
        timeZone: 'Asia/Shanghai',
        month: 'long',
        day: 'numeric',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        ...(seconds ? { second: '2-digit' } : {}),
      })}
    </span>
  );
}
