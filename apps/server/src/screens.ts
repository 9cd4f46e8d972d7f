import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import QRCode from 'qrcode';

/** One line of the start-up list: a screen a person opens, its address, and how to use it. */
export interface ScreenRow {
  label: string;
  url: string;
  note?: string;
}

/** Where the server can be reached: this machine, the hall LAN, and the address printed in QR codes. */
export interface Reach {
  /** The address on this machine (localhost for a loopback or wildcard bind). */
  local: string;
  /** One address per LAN interface when the server listens on every interface (`--host 0.0.0.0`). */
  lan: string[];
  /** What a phone opens: the configured public URL, else the first LAN address, else `local`. */
  phone: string;
  /** Whether `phone` can be reached from another device (false for localhost). */
  phoneReachable: boolean;
}

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** `0.0.0.0` and `::` listen on every interface; other devices use one of the LAN addresses. */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');

/** This machine's IPv4 addresses other devices can use (no loopback, no link-local 169.254/16). */
export function lanAddresses(interfaces: Interfaces = networkInterfaces()): string[] {
  const found: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) {
      if (a.family !== 'IPv4' || a.internal || a.address.startsWith('169.254.')) continue;
      if (!found.includes(a.address)) found.push(a.address);
    }
  }
  return found;
}

/**
 * The addresses people use for a server listening at `listening` (what `listen` resolved to: Fastify
 * names 127.0.0.1 even for a wildcard bind, so the host it was asked for says whether every interface
 * listens). A wildcard bind is shown as localhost for this machine plus each LAN address; a phone gets
 * the public URL when one is configured, since QR codes must carry an address the phone can open.
 */
export function reachOf(
  listening: string,
  options: { host?: string | undefined; publicUrl?: string | undefined } = {},
  interfaces?: Interfaces,
): Reach {
  const u = new URL(listening);
  const host = u.hostname;
  const port = u.port === '' ? '' : `:${u.port}`;
  const wildcard = isWildcardHost(host) || (options.host !== undefined && isWildcardHost(options.host));
  const local = wildcard || isLoopbackHost(host) ? `${u.protocol}//localhost${port}` : `${u.origin}`;
  const lan = wildcard ? lanAddresses(interfaces).map((a) => `${u.protocol}//${a}${port}`) : [];
  const configured = options.publicUrl?.replace(/\/+$/, '');
  const phone = configured ?? lan[0] ?? local;
  const phoneHost = new URL(phone).hostname;
  return { local, lan, phone, phoneReachable: !isLoopbackHost(phoneHost) && !isWildcardHost(phoneHost) };
}

/** The screens every hall serves, as the production server lists them (devices pair in the console). */
export function hallScreenRows(base: string): ScreenRow[] {
  return [
    { label: 'console', url: `${base}/admin/`, note: 'managers and administrators sign in here' },
    { label: 'kiosk', url: `${base}/kiosk/`, note: 'portrait 1080×1920; pair it in 设备' },
    { label: 'window client', url: `${base}/window/`, note: 'pair it in 设备, then a clerk signs in' },
    { label: 'hall display', url: `${base}/display/`, note: '1920×1080, with voice' },
    { label: 'window screen', url: `${base}/display/?view=screen&window=<window id>` },
    { label: 'rating pad', url: `${base}/display/?view=pad`, note: "paired to the window's pad device" },
    ...residentRows(base),
  ];
}

/** The pages residents and passers-by open without a device token: status, booking, the phone page. */
export function residentRows(base: string): ScreenRow[] {
  return [
    { label: 'status page', url: `${base}/`, note: 'live windows and waiting tickets' },
    { label: 'booking (预约)', url: `${base}/book/`, note: "residents' phones" },
    { label: 'phone page', url: `${base}/t/<ticket id>`, note: 'from the QR code on each ticket' },
  ];
}

/** Columns a label takes in a terminal: Chinese characters take two. */
const columns = (text: string): number =>
  [...text].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);

export function formatRows(rows: readonly ScreenRow[]): string[] {
  const width = Math.max(...rows.map((r) => columns(r.label))) + 2;
  return rows.map(
    (r) =>
      `  ${r.label}${' '.repeat(width - columns(r.label))} ${r.url}${r.note === undefined ? '' : `  (${r.note})`}`,
  );
}

/** A QR code drawn with block characters, for a phone to scan off the terminal. */
export async function terminalQr(url: string): Promise<string> {
  return (await QRCode.toString(url, { type: 'terminal', small: true, errorCorrectionLevel: 'L' })).trimEnd();
}

/**
 * The lines after the screen list: the LAN addresses other devices use, and the booking page as a QR
 * code when a phone can reach it (a QR of localhost would only confuse a resident).
 */
export async function reachLines(reach: Reach): Promise<string[]> {
  const lines: string[] = [];
  if (reach.lan.length > 0) {
    lines.push('', 'On the hall LAN (other PCs, tablets and phones):');
    for (const a of reach.lan) lines.push(`  ${a}/`);
  }
  const booking = `${reach.phone}/book/`;
  if (reach.phoneReachable) {
    lines.push('', `Booking page for phones — scan: ${booking}`, await terminalQr(booking));
  } else {
    lines.push(
      '',
      'Phones cannot open localhost: start with --host 0.0.0.0 (or --public-url) to give them the LAN address.',
    );
  }
  return lines;
}
