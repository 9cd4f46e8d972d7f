import type { Hall } from '@onewindow/domain';
import type {
  AckError,
  AuditEntry,
  BackupInfo,
  ConfigChange,
  ConfigResponse,
  DeviceEnroll,
  DeviceInfo,
  HallBrief,
  Locale,
  PairingCode,
  Person,
  SetupRequest,
  UserCreate,
  UserUpdate,
} from '@onewindow/protocol';
import type { Vars } from '@onewindow/ui';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { call, get, type Issue, issuesOf, post } from './api.js';
import type { MessageKey } from './messages.js';

export const PAGES = [
  'board',
  'stats',
  'report',
  'assessment',
  'rectifications',
  'unresolved',
  'bookings',
  'staffing',
  'matters',
  'windows',
  'staff',
  'devices',
  'hours',
  'audit',
  'accounts',
  'backup',
  'integrations',
] as const;
export type Page = (typeof PAGES)[number];

export type Message = { kind: 'error'; error: AckError } | { kind: 'info'; key: MessageKey; vars?: Vars };

export interface AuditFilter {
  actor: string;
  action: string;
  day: string;
}

export interface ConsoleState {
  locale: Locale;
  /** Null until the session is known; then the signed-in person, or null with `signedOut`. */
  person: Person | null;
  signedOut: boolean;
  setupNeeded: boolean;
  halls: HallBrief[];
  hallId: string | null;
  page: Page;
  config: ConfigResponse | null;
  devices: DeviceInfo[];
  audit: AuditEntry[];
  users: Person[];
  backups: BackupInfo[];
  /** Shown once, right after enrolling a device or asking for a new code. */
  pairing: PairingCode | null;
  message: Message | null;
  /** The problems of the last refused form, by field path. */
  issues: Issue[];
  busy: boolean;
}

export interface ConsoleActions {
  init(): Promise<void>;
  setup(req: SetupRequest): Promise<boolean>;
  login(username: string, password: string): Promise<boolean>;
  logout(): Promise<void>;
  selectHall(hallId: string): Promise<void>;
  go(page: Page): void;
  toggleLocale(): void;
  loadConfig(): Promise<void>;
  /** Applies one configuration change; false (with issues) when refused. */
  change(change: ConfigChange): Promise<boolean>;
  loadDevices(): Promise<void>;
  enroll(input: DeviceEnroll): Promise<boolean>;
  repair(deviceId: string): Promise<void>;
  revoke(deviceId: string): Promise<void>;
  updateDevice(deviceId: string, change: { name?: string; locale?: Locale | null }): Promise<void>;
  setPin(staffId: string, pin: string): Promise<boolean>;
  loadAudit(filter: AuditFilter): Promise<void>;
  loadUsers(): Promise<void>;
  createUser(input: UserCreate): Promise<boolean>;
  updateUser(userId: string, change: UserUpdate): Promise<void>;
  createHall(hall: Hall): Promise<boolean>;
  loadBackups(): Promise<void>;
  takeBackup(): Promise<void>;
  exportYaml(): Promise<string | null>;
  importYaml(text: string): Promise<boolean>;
  clearMessage(): void;
  /**
   * One request to the current hall's API (`rest` after /api/admin/halls/<hall>); the data, or undefined
   * with the refusal shown (by its code) and its field issues kept.
   */
  request<T>(method: 'GET' | 'POST', rest: string, body?: unknown, done?: MessageKey): Promise<T | undefined>;
}

export type ConsoleStore = StoreApi<ConsoleState & ConsoleActions>;

const dayStart = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

export function createConsoleStore(deps: { locale: Locale; saveLocale: (l: Locale) => void }): ConsoleStore {
  const store: ConsoleStore = createStore<ConsoleState & ConsoleActions>()((set, get_) => {
    const hall = () => get_().hallId ?? '';
    const hallPath = (rest = '') => `/api/admin/halls/${encodeURIComponent(hall())}${rest}`;
    /** Runs one request; a refusal is kept (with its field issues) for the page to show. */
    const run = async <T>(
      request: Promise<{ ok: true; data: T } | { ok: false; error: AckError }>,
      done?: MessageKey,
    ) => {
      set({ busy: true, message: null, issues: [] });
      const ack = await request;
      if (ack.ok) {
        set({ busy: false, ...(done === undefined ? {} : { message: { kind: 'info', key: done } }) });
        return ack.data;
      }
      set({ busy: false, message: { kind: 'error', error: ack.error }, issues: issuesOf(ack.error) });
      if (ack.error.code === 'UNAUTHENTICATED') set({ person: null, signedOut: true });
      return undefined;
    };
    const afterSignIn = async (person: Person) => {
      const me = await get<{ person: Person; halls: HallBrief[] }>('/api/admin/me');
      const halls = me.ok ? me.data.halls : [];
      set({ person, signedOut: false, halls, hallId: halls[0]?.id ?? null, page: 'board' });
      if (halls[0] !== undefined) await get_().loadConfig();
    };
    return {
      locale: deps.locale,
      person: null,
      signedOut: false,
      setupNeeded: false,
      halls: [],
      hallId: null,
      page: 'board',
      config: null,
      devices: [],
      audit: [],
      users: [],
      backups: [],
      pairing: null,
      message: null,
      issues: [],
      busy: false,

      async init() {
        const me = await get<{ person: Person; halls: HallBrief[] }>('/api/admin/me');
        if (me.ok) {
          await afterSignIn(me.data.person);
          return;
        }
        const setup = await get<{ needed: boolean }>('/api/admin/setup');
        set({ signedOut: true, setupNeeded: setup.ok && setup.data.needed });
      },
      async setup(req) {
        const r = await run(post<{ person: Person }>('/api/admin/setup', req));
        if (r === undefined) return false;
        set({ setupNeeded: false });
        await afterSignIn(r.person);
        return true;
      },
      async login(username, password) {
        const r = await run(post<{ person: Person }>('/api/admin/login', { username, password }));
        if (r === undefined) return false;
        await afterSignIn(r.person);
        return true;
      },
      async logout() {
        await post('/api/admin/logout');
        set({ person: null, signedOut: true, config: null, hallId: null, halls: [] });
      },
      async selectHall(hallId) {
        set({ hallId, config: null, devices: [], pairing: null });
        await get_().loadConfig();
      },
      go(page) {
        set({ page, message: null, issues: [], pairing: null });
      },
      toggleLocale() {
        const locale = get_().locale === 'zh-CN' ? 'en' : 'zh-CN';
        set({ locale });
        deps.saveLocale(locale);
      },
      async loadConfig() {
        const r = await run(get<ConfigResponse>(hallPath('/config')));
        if (r !== undefined) set({ config: r });
      },
      async change(change) {
        const base = get_().config?.version;
        const r = await run(
          post<{ version: number }>(hallPath('/config'), { baseVersion: base, change }),
          'saved',
        );
        if (r === undefined) return false;
        await get_().loadConfig();
        set({ message: { kind: 'info', key: 'saved' } });
        return true;
      },
      async loadDevices() {
        const r = await run(get<DeviceInfo[]>(hallPath('/devices')));
        if (r !== undefined) set({ devices: r });
      },
      async enroll(input) {
        const r = await run(post<PairingCode>(hallPath('/devices'), input));
        if (r === undefined) return false;
        set({ pairing: r });
        await get_().loadDevices();
        return true;
      },
      async repair(deviceId) {
        const r = await run(post<PairingCode>(hallPath(`/devices/${encodeURIComponent(deviceId)}/pairing`)));
        if (r !== undefined) set({ pairing: r });
      },
      async revoke(deviceId) {
        await run(post(hallPath(`/devices/${encodeURIComponent(deviceId)}/revoke`)), 'revoked');
        await get_().loadDevices();
      },
      async updateDevice(deviceId, change) {
        await run(post(hallPath(`/devices/${encodeURIComponent(deviceId)}`), change), 'saved');
        await get_().loadDevices();
      },
      async setPin(staffId, pin) {
        const r = await run(post(hallPath(`/staff/${encodeURIComponent(staffId)}/pin`), { pin }), 'pinSet');
        if (r === undefined) return false;
        await get_().loadConfig();
        set({ message: { kind: 'info', key: 'pinSet' } });
        return true;
      },
      async loadAudit(filter) {
        const q = new URLSearchParams({ limit: '300' });
        if (get_().hallId !== null) q.set('hallId', hall());
        if (filter.actor.trim() !== '') q.set('actor', filter.actor.trim());
        if (filter.action.trim() !== '') q.set('action', filter.action.trim());
        if (/^\d{4}-\d{2}-\d{2}$/.test(filter.day)) {
          q.set('from', String(dayStart(filter.day)));
          q.set('to', String(dayStart(filter.day) + 86_400_000));
        }
        const r = await run(get<AuditEntry[]>(`/api/admin/audit?${q}`));
        if (r !== undefined) set({ audit: r });
      },
      async loadUsers() {
        const r = await run(get<Person[]>('/api/admin/users'));
        if (r !== undefined) set({ users: r });
      },
      async createUser(input) {
        const r = await run(post<Person>('/api/admin/users', input), 'saved');
        if (r === undefined) return false;
        await get_().loadUsers();
        set({ message: { kind: 'info', key: 'saved' } });
        return true;
      },
      async updateUser(userId, change) {
        await run(post(`/api/admin/users/${encodeURIComponent(userId)}`, change), 'saved');
        await get_().loadUsers();
      },
      async createHall(newHall) {
        const r = await run(post('/api/admin/halls', { hall: newHall }), 'saved');
        if (r === undefined) return false;
        const me = await get<{ person: Person; halls: HallBrief[] }>('/api/admin/me');
        if (me.ok) set({ halls: me.data.halls });
        return true;
      },
      async loadBackups() {
        const r = await run(get<BackupInfo[]>('/api/admin/backups'));
        if (r !== undefined) set({ backups: r });
      },
      async takeBackup() {
        await run(post('/api/admin/backups'), 'backupTaken');
        await get_().loadBackups();
        set({ message: { kind: 'info', key: 'backupTaken' } });
      },
      async exportYaml() {
        return (await run(get<string>(hallPath('/export.yaml')))) ?? null;
      },
      async importYaml(text) {
        const r = await run(
          call<{ version: number }>('POST', hallPath('/import'), text, 'text/yaml'),
          'imported',
        );
        if (r === undefined) return false;
        await get_().loadConfig();
        set({ message: { kind: 'info', key: 'imported' } });
        return true;
      },
      clearMessage() {
        set({ message: null, issues: [] });
      },
      request<T>(method: 'GET' | 'POST', rest: string, body?: unknown, done?: MessageKey) {
        return run(call<T>(method, hallPath(rest), body), done);
      },
    };
  });
  return store;
}
