import { idCheckChar } from '@onewindow/domain';
import {
  cardholderAge,
  type IdCardError,
  type IdCardInfo,
  IdCardReader,
  type TextFields,
} from '@onewindow/idcard';
import { describe, expect, it } from 'vitest';
import { VirtualIdCardReader } from '../src/index.js';
import { usePtyDevice } from './pty.js';

const elder: TextFields = {
  cardType: 'resident',
  name: '王秀英',
  gender: 'female',
  nationCode: '03',
  birthDate: '1956-05-20',
  address: '青山县人民路12号',
  idNumber: ((s: string) => s + idCheckChar(s))('32010219560520246'),
  authority: '青山县公安局',
  validFrom: '2015-06-01',
  validTo: '长期',
};

const pty = usePtyDevice('reader', (path) => VirtualIdCardReader.open(path));

function collect(reader: IdCardReader) {
  const cards: IdCardInfo[] = [];
  const errors: IdCardError[] = [];
  const stop = reader.poll(
    (c) => cards.push(c),
    (e) => errors.push(e),
  );
  return { cards, errors, stop };
}
const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('ID card reader over a real PTY', () => {
  it('reads a card once while it lies there, and again after it is taken away and put back', async () => {
    const reader = new IdCardReader(pty.host, { pollMs: 20 });
    const { cards, errors, stop } = collect(reader);
    pty.device.place({ kind: 'card', fields: elder });
    await until(() => cards.length === 1);
    expect(cards[0]).toMatchObject({
      cardType: 'resident',
      name: '王秀英',
      nation: '回',
      gender: 'female',
      validTo: '长期',
    });
    expect(cardholderAge(cards[0]!, '2026-11-23')).toBe(70);
    const reads = () => pty.device.received.filter((c) => c === '30 01').length;
    await new Promise((r) => setTimeout(r, 200));
    expect(cards).toHaveLength(1); // left on the reader: not read twice
    expect(reads()).toBe(1);
    // The reader must see the empty reader before the card comes back: a second search after the
    // removal means the answer to the first (no card) has been taken in — a timer would race under load.
    const before = pty.device.received.length;
    pty.device.remove();
    await until(() => pty.device.received.slice(before).filter((c) => c === '20 01').length >= 2);
    pty.device.place({ kind: 'card', fields: elder });
    await until(() => cards.length === 2);
    await stop();
    expect(errors).toEqual([]);
  });

  it('reports a damaged frame and a failed read, then reads the card when it is placed properly', async () => {
    const reader = new IdCardReader(pty.host, { pollMs: 20 });
    const { cards, errors, stop } = collect(reader);
    pty.device.place({ kind: 'corruptChecksum', fields: elder });
    await until(() => errors.some((e) => e.code === 'badFrame'));
    pty.device.place({ kind: 'readFailure', fields: elder });
    await until(() => errors.some((e) => e.code === 'readFailed'));
    expect(cards).toEqual([]);
    pty.device.place({ kind: 'card', fields: elder });
    await until(() => cards.length === 1);
    await stop();
  });

  it('times out when the reader does not answer', async () => {
    await pty.device.close();
    const reader = new IdCardReader(pty.host, { timeoutMs: 150 });
    await expect(reader.readOnce()).rejects.toMatchObject({ code: 'timeout' });
  });

  it('reports an unplugged reader', async () => {
    const reader = new IdCardReader(pty.host, { timeoutMs: 3_000, pollMs: 20 });
    const { errors, stop } = collect(reader);
    await pty.pair.close();
    await until(() => errors.some((e) => e.code === 'disconnected'));
    await stop();
  });
});
