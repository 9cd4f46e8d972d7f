import type { DispatchPolicy, HolidayCalendar } from '@onewindow/domain';
import type { HallEvent } from '@onewindow/protocol';
import type { FastifyInstance } from 'fastify';
import type { Accounts } from './admin/accounts.js';
import type { Backups } from './admin/backup.js';
import type { ConfigService } from './admin/config-service.js';
import type { DeviceDirectory } from './admin/devices.js';
import type { ServerConfig } from './config.js';
import type { Clock, IdSource, Logger } from './deps.js';
import type { ApiContract } from './http/api-contract.js';
import type { Deliveries } from './integrations/deliveries.js';
import type { HallIo } from './io.js';
import type { MessageTemplates } from './notifications/messages.js';
import type { Notifier } from './notify.js';
import type { WindowPrinters } from './printers.js';
import type { ServerLimits } from './rate-limit.js';
import type { Residents } from './residents.js';
import type { HallService } from './service.js';
import type { WebApp } from './static.js';
import type { HallStore } from './store/types.js';

/** What the hall server is built from: the store and key, and every part a deployment or test may swap. */
export interface HallServerDeps {
  /** Halls to start with when the store holds none yet (a YAML/JSON seed file, the demo hall, tests). */
  seed?: ServerConfig;
  store: HallStore;
  clock?: Clock;
  logger?: Logger;
  ids?: IdSource;
  /**
   * The secret personal data is kept under (ID tokens, sealed contacts, request digests). Never keep it
   * in the data folder: a copy of the folder must not be enough to read anyone's data.
   */
  personalDataKey: string;
  /** Refuse tickets outside opening hours and close each day at closing time. Default true. */
  enforceHours?: boolean;
  /** The dispatch policy; OneWindow's balancing policy by default. */
  policy?: DispatchPolicy;
  /** How often the day-close check runs; 0 turns the timer off (tests call tick()). Default 30 s. */
  tickIntervalMs?: number;
  /** Browser apps served next to the API (kiosk, window client, display, console…). */
  webApps?: readonly WebApp[];
  /** Public holidays and make-up workdays; China's (chinese-days) by default. */
  calendar?: HolidayCalendar;
  /** Where messages to residents about their cases go (an SMS gateway); the log by default. */
  notifier?: Notifier;
  /** The texts of booking and visit messages (ONEWINDOW_NOTIFY_MESSAGES); defaults in Chinese. */
  messageTemplates?: MessageTemplates;
  /** How often due messages to residents are sent (default 1000 ms; 0: only when drained by hand). */
  notifyIntervalMs?: number;
  /** How often deliveries to outside systems are sent (default 1000 ms; 0: only when drained by hand). */
  deliveryIntervalMs?: number;
  /** Printers at windows; by default those the configuration names, opened on first use. */
  printers?: WindowPrinters;
  /** The address residents' phones use (QR codes the server prints); by default the listening address. */
  publicUrl?: string;
  /** Where daily backups go (SQLite only); none when absent. */
  backupDir?: string;
  /** Set the Secure flag on session cookies (behind TLS). */
  secureCookies?: boolean;
  /** Serve HTTPS (and WSS) with this certificate and key; HSTS is sent then. Plain HTTP without. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Origins besides the server's own whose pages may connect (default: the Electron kiosk's app://kiosk). */
  allowedOrigins?: readonly string[];
  /** Rate limits per device and address; the defaults suit a hall. */
  limits?: Partial<ServerLimits>;
  /** The shortest time between two queue-statistics messages of a hall (screens redraw them once a second). Default 1 s. */
  statsIntervalMs?: number;
  /**
   * Redis of a deployment with several instances (ONEWINDOW_REDIS_URL): Socket.IO emits reach every
   * instance's clients, changes are announced to the others, rate limits are shared.
   */
  redisUrl?: string;
  /** Keys and stream of this deployment in Redis (default onewindow): deployments may share one Redis. */
  redisPrefix?: string;
  /** This instance's name in the timers' lease (default host, process and a random part). */
  instanceId?: string;
}

export interface HallServer {
  readonly http: FastifyInstance;
  readonly io: HallIo;
  readonly service: HallService;
  readonly config: ConfigService;
  readonly devices: DeviceDirectory;
  readonly accounts: Accounts;
  readonly backups: Backups | undefined;
  /** Booking, the live phone page and messages to residents. */
  readonly residents: Residents;
  /** The published API's routes and their OpenAPI document. */
  readonly contract: ApiContract;
  /** Messages to outside systems: the 好差评 platform and webhooks (tests drain them by hand). */
  readonly deliveries: Deliveries;
  /** Starts listening; resolves to the base URL (port 0 picks a free port). */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  /** Runs the day-close check now. */
  tick(): Promise<void>;
  /** Every event of a hall, in sequence order, as broadcast (for in-process screens such as LEDs). */
  subscribe(hallId: string, listener: (event: HallEvent) => void): () => void;
  close(): Promise<void>;
}
