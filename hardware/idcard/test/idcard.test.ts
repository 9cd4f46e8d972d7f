import { idCheckChar } from '@onewindow/domain';
import { describe, expect, it } from 'vitest';
import {
  assertStatus,
  Command,
  cardholderAge,
  encodeCommand,
  encodeResponse,
  encodeTextBlock,
  FrameDecoder,
  IdCardError,
  NATIONS,
  parseTextBlock,
  SW3,
  type TextFields,
  toResponse,
} from '../src/index.js';

const hex = (b: Uint8Array) =>
  Buffer.from(b)
    .toString('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1 ');
const validId = (first17: string) => first17 + idCheckChar(first17);

describe('SAM frames', () => {
  it('encodes the commands with the XOR checksum', () => {
    expect(hex(encodeCommand(Command.findCard))).toBe('AA AA AA 96 69 00 03 20 01 22');
    expect(hex(encodeCommand(Command.selectCard))).toBe('AA AA AA 96 69 00 03 20 02 21');
    expect(hex(encodeCommand(Command.readText))).toBe('AA AA AA 96 69 00 03 30 01 32');
    expect(hex(encodeCommand(Command.samStatus))).toBe('AA AA AA 96 69 00 03 11 FF ED');
  });

  it('decodes a "card found" response', () => {
    const frame = encodeResponse(SW3.cardFound, Uint8Array.of(0, 0, 0, 0));
    expect(hex(frame)).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    const [result] = new FrameDecoder().push(frame);
    expect(result?.ok && toResponse(result.body)).toEqual({
      sw1: 0,
      sw2: 0,
      sw3: 0x9f,
      data: Uint8Array.of(0, 0, 0, 0),
    });
    const [command] = new FrameDecoder().push(encodeCommand(Command.findCard));
    expect(command?.ok && [...command.body]).toEqual([0x20, 0x01]);
  });

  it('assembles a response split at every byte boundary, with noise before it', () => {
    const data = Uint8Array.from({ length: 1284 }, (_, i) => (i * 7) & 0xff);
    const frame = encodeResponse(SW3.ok, data);
    const stream = Uint8Array.of(0x00, 0xaa, 0x13, ...frame, ...encodeResponse(SW3.findFailed));
    for (let cut = 1; cut < stream.length; cut += 1) {
      const d = new FrameDecoder();
      const results = [...d.push(stream.slice(0, cut)), ...d.push(stream.slice(cut))];
      expect(results.map((r) => (r.ok ? toResponse(r.body).sw3 : r.reason))).toEqual([0x90, 0x80]);
      const first = results[0];
      expect(first?.ok && toResponse(first.body).data).toEqual(data);
    }
  });

  it('feeds byte by byte', () => {
    const d = new FrameDecoder();
    const frame = encodeResponse(SW3.ok, Uint8Array.of(1, 2, 3));
    const results = [...frame].flatMap((b) => d.push(Uint8Array.of(b)));
    expect(results).toHaveLength(1);
  });

  it('reports a bad checksum and recovers on the next frame', () => {
    const bad = encodeResponse(SW3.ok, Uint8Array.of(1, 2, 3));
    bad[10] = (bad[10] ?? 0) ^ 0xff;
    const results = new FrameDecoder().push(Uint8Array.of(...bad, ...encodeResponse(SW3.cardFound)));
    expect(results.map((r) => (r.ok ? toResponse(r.body).sw3 : r.reason))).toEqual(['checksum', 0x9f]);
  });

  it('rejects impossible lengths without losing the stream', () => {
    const junk = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff);
    const results = new FrameDecoder().push(Uint8Array.of(...junk, ...encodeResponse(SW3.ok)));
    expect(results.map((r) => (r.ok ? toResponse(r.body).sw3 : r.reason))).toEqual(['length', 0x90]);
  });
});

describe('SW3 status codes', () => {
  it('maps each failure to a typed error', () => {
    expect(() => assertStatus(0x90)).not.toThrow();
    expect(() => assertStatus(0x9f, [SW3.cardFound])).not.toThrow();
    for (const [sw3, code] of [
      [0x80, 'findFailed'],
      [0x81, 'selectFailed'],
      [0x10, 'checksum'],
      [0x41, 'readFailed'],
      [0x60, 'samSelfTest'],
    ] as const) {
      try {
        assertStatus(sw3);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(IdCardError);
        expect(e).toMatchObject({ code, sw3 });
      }
    }
  });

  it('calls an unknown status by its number', () => {
    expect(() => assertStatus(0x55)).toThrowError(
      expect.objectContaining({ code: 'unknownStatus', message: expect.stringContaining('0x55') }),
    );
  });
});

describe('text block', () => {
  const resident: TextFields = {
    cardType: 'resident',
    name: '刘䶮',
    gender: 'male',
    nationCode: '01',
    birthDate: '1956-03-01',
    address: '江苏省南京市玄武区中山路18号',
    idNumber: validId('32010219560301123'),
    authority: '南京市公安局玄武分局',
    validFrom: '2016-03-01',
    validTo: '长期',
  };

  it('parses a resident card, rare characters included', () => {
    const block = encodeTextBlock(resident);
    expect(block).toHaveLength(256);
    const info = parseTextBlock(block);
    expect(info).toMatchObject({
      cardType: 'resident',
      name: '刘䶮',
      gender: 'male',
      nation: '汉',
      birthDate: '1956-03-01',
      address: '江苏省南京市玄武区中山路18号',
      idNumberMasked: `**************${resident.idNumber.slice(-4)}`,
      authority: '南京市公安局玄武分局',
      validFrom: '2016-03-01',
      validTo: '长期',
    });
    expect(cardholderAge(info, '2026-11-23')).toBe(70);
  });

  it('knows all 56 nationalities', () => {
    expect(Object.keys(NATIONS).filter((k) => Number(k) <= 56)).toHaveLength(56);
    expect(parseTextBlock(encodeTextBlock({ ...resident, nationCode: '43' })).nation).toBe('乌孜别克');
  });

  it('detects a Hong Kong/Macao/Taiwan residence permit by its type character', () => {
    const info = parseTextBlock(
      encodeTextBlock({
        ...resident,
        cardType: 'hkMacaoTaiwan',
        name: '陈大文',
        gender: 'female',
        idNumber: validId('81000019900101002'),
      }),
    );
    expect(info).toMatchObject({ cardType: 'hkMacaoTaiwan', name: '陈大文', gender: 'female', nation: '' });
  });

  it('parses a foreign permanent residence card', () => {
    const info = parseTextBlock(
      encodeTextBlock({
        cardType: 'foreignPermanent',
        name: '马克',
        nameEn: 'SMITH, MARK',
        gender: 'male',
        nationCode: 'GBR',
        birthDate: '1980-05-06',
        idNumber: 'GBR310080050601',
        authority: '1500',
        validFrom: '2020-01-01',
        validTo: '2030-01-01',
      }),
    );
    expect(info).toMatchObject({
      cardType: 'foreignPermanent',
      name: '马克',
      nameEn: 'SMITH, MARK',
      nation: 'GBR',
      birthDate: '1980-05-06',
    });
  });

  it('rejects an ID number whose check digit fails, and malformed blocks', () => {
    const wrong = resident.idNumber.slice(0, 17) + (resident.idNumber[17] === '1' ? '2' : '1');
    expect(() => parseTextBlock(encodeTextBlock({ ...resident, idNumber: wrong }))).toThrowError(
      expect.objectContaining({ code: 'invalidIdNumber' }),
    );
    expect(() => parseTextBlock(new Uint8Array(100))).toThrowError(
      expect.objectContaining({ code: 'badText' }),
    );
    const block = encodeTextBlock(resident);
    block.set(Buffer.from('9', 'utf16le'), 30); // gender 9
    expect(() => parseTextBlock(block)).toThrowError(expect.objectContaining({ code: 'badText' }));
  });
});
