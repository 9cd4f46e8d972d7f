import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { formatRows, hallScreenRows, lanAddresses, reachLines, reachOf } from '../src/screens.js';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;
const interfaces = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  eth0: [nic('192.168.10.5', 'IPv4'), nic('fe80::1', 'IPv6')],
  wlan0: [nic('10.1.2.3', 'IPv4'), nic('169.254.9.9', 'IPv4')],
};

describe('where the hall server can be reached', () => {
  it('lists the LAN IPv4 addresses, not loopback or link-local', () => {
    expect(lanAddresses(interfaces)).toEqual(['192.168.10.5', '10.1.2.3']);
  });

  it('a wildcard bind is localhost here and each LAN address elsewhere; phones get the first LAN address', () => {
    expect(reachOf('http://0.0.0.0:8080', {}, interfaces)).toEqual({
      local: 'http://localhost:8080',
      lan: ['http://192.168.10.5:8080', 'http://10.1.2.3:8080'],
      phone: 'http://192.168.10.5:8080',
      phoneReachable: true,
    });
    // Fastify names 127.0.0.1 for a wildcard bind: the host asked for decides.
    expect(reachOf('http://127.0.0.1:8080', { host: '0.0.0.0' }, interfaces).lan).toHaveLength(2);
    expect(reachOf('http://127.0.0.1:8080', {}, interfaces)).toMatchObject({
      local: 'http://localhost:8080',
      lan: [],
      phoneReachable: false,
    });
    // A configured public address wins: it is what QR codes must carry.
    expect(reachOf('https://0.0.0.0:8443', { publicUrl: 'https://hall.example.cn/' }, interfaces).phone).toBe(
      'https://hall.example.cn',
    );
  });

  it('prints the LAN addresses and a scannable QR code of the booking page only where phones can reach it', async () => {
    const lan = (await reachLines(reachOf('http://0.0.0.0:8080', {}, interfaces))).join('\n');
    expect(lan).toContain('  http://192.168.10.5:8080/');
    expect(lan).toContain('Booking page for phones — scan: http://192.168.10.5:8080/book/');
    expect(lan).toMatch(/[▀▄█]{10}/);
    const local = (await reachLines(reachOf('http://127.0.0.1:8080', {}, interfaces))).join('\n');
    expect(local).not.toMatch(/[▀▄█]/);
    expect(local).toContain('--host 0.0.0.0');
  });

  it('lists every screen of a hall, aligned even with Chinese labels', () => {
    const rows = formatRows(hallScreenRows('http://h:1'));
    for (const path of ['/admin/', '/kiosk/', '/window/', '/display/', '/book/', '/t/<ticket id>'])
      expect(rows.join('\n')).toContain(`http://h:1${path}`);
    const urlColumn = rows.map((r) => {
      const at = r.indexOf('http://');
      // Terminal columns before the address: Chinese characters take two.
      return [...r.slice(0, at)].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
    });
    expect(new Set(urlColumn).size).toBe(1);
  });
});
