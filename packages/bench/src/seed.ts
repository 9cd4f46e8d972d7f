import { createHash } from 'node:crypto';

/** The shape of the deployment the benchmark runs: many halls on one server. */
export interface BenchShape {
  halls: number;
  displaysPerHall: number;
  windowsPerHall: number;
  /** Kiosks of every hall but the first (each device has its own rate limit, as a real kiosk would). */
  kiosksPerHall: number;
  /** Kiosks of hall 1, where issuing at fixed rates is measured. */
  kiosksInHall1: number;
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
export const hallId = (h: number): string => `b${String(h + 1).padStart(2, '0')}`;
export const windowId = (h: number, w: number): string => `${hallId(h)}-w${String(w + 1).padStart(2, '0')}`;
export const token = (device: string): string => `bench-${device}`;
export const MATTERS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'] as const;

export interface BenchDevices {
  kiosks: string[][];
  displays: string[][];
  windows: { token: string; windowId: string }[][];
}

/** A seed file for `onewindow serve --config` and the device tokens that go with it. */
export function benchSeed(shape: BenchShape): { config: unknown; devices: BenchDevices } {
  const devices: BenchDevices = { kiosks: [], displays: [], windows: [] };
  const guide = {
    conditions: [],
    materials: [],
    steps: ['受理'],
    timeLimit: '即办',
    fees: '不收费',
    legalBasis: [],
  };
  const halls = Array.from({ length: shape.halls }, (_, h) => {
    const id = hallId(h);
    const kioskIds = Array.from(
      { length: h === 0 ? shape.kiosksInHall1 : shape.kiosksPerHall },
      (_, k) => `${id}-k${k + 1}`,
    );
    const displayIds = Array.from({ length: shape.displaysPerHall }, (_, d) => `${id}-d${d + 1}`);
    const windows = Array.from({ length: shape.windowsPerHall }, (_, w) => ({
      id: windowId(h, w),
      number: String(w + 1),
      name: '综合窗口',
      type: 'universal',
      primary: { all: true },
    }));
    devices.kiosks.push(kioskIds.map(token));
    devices.displays.push(displayIds.map(token));
    devices.windows.push(windows.map((w) => ({ token: token(`${w.id}-c`), windowId: w.id })));
    return {
      hall: {
        id,
        name: `压测大厅 ${h + 1}`,
        level: 'township',
        hours: { open: '00:00', close: '23:59' },
        rules: { windowsWithoutStaff: true, kioskTicketsPerMinute: 10_000 },
      },
      categories: [{ id: 'c1', name: '综合' }],
      matters: MATTERS.map((m, i) => ({
        id: `${id}-${m}`,
        code: `${id}-${m}`,
        name: `事项 ${i + 1}`,
        categoryId: 'c1',
        department: '部门',
        kind: 'instant',
        targetWaitMin: 20,
        avgHandleMin: 8,
        ticketPrefix: String.fromCharCode(65 + i),
        guide,
      })),
      windows,
      staff: [],
      devices: [
        ...kioskIds.map((d) => ({ id: d, role: 'kiosk', tokenSha256: sha(token(d)) })),
        ...displayIds.map((d) => ({ id: d, role: 'display', tokenSha256: sha(token(d)) })),
        ...windows.map((w) => ({
          id: `${w.id}-c`,
          role: 'window',
          windowId: w.id,
          tokenSha256: sha(token(`${w.id}-c`)),
        })),
      ],
    };
  });
  return { config: { halls }, devices };
}
