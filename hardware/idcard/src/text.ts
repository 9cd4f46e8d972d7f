import { ageOn, idNumberProblem, maskIdNumber } from '@onewindow/identity';
import { NATIONS } from './nations.js';
import { IdCardError } from './status.js';

export type CardType = 'resident' | 'hkMacaoTaiwan' | 'foreignPermanent';

/** What a card says; `idNumber` is personal data and leaves the kiosk only as a keyed hash. */
export interface IdCardInfo {
  cardType: CardType;
  name: string;
  /** The Latin name on a foreign permanent residence card. */
  nameEn: string | null;
  gender: 'male' | 'female';
  /** Nationality (民族) on resident cards; the ISO country code on foreign permanent residence cards. */
  nation: string;
  birthDate: string;
  address: string;
  idNumber: string;
  idNumberMasked: string;
  authority: string;
  validFrom: string;
  /** A date, or 长期 for cards that do not expire. */
  validTo: string;
}

export const TEXT_BLOCK_BYTES = 256;
/** Character (UCS-2) position of the card type: 'I' foreign permanent residence, 'J' HK/Macao/Taiwan. */
const TYPE_CHAR = 124;

/** Reads fixed fields of UCS-2LE characters; widths are in characters. */
function fields(text: string, widths: readonly number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const w of widths) {
    // Cards pad with spaces; some readers end a field with NUL instead.
    out.push((text.slice(at, at + w).split(String.fromCharCode(0))[0] ?? '').trim());
    at += w;
  }
  return out;
}

function date(raw: string, what: string): string {
  if (raw === '长期') return raw;
  if (!/^\d{8}$/.test(raw)) throw new IdCardError('badText', undefined, `${what} "${raw}" is not YYYYMMDD`);
  return `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
}

function gender(code: string): 'male' | 'female' {
  if (code === '1') return 'male';
  if (code === '2') return 'female';
  throw new IdCardError('badText', undefined, `gender code "${code}"`);
}

/**
 * Parses the 256-byte text block. Resident cards and HK/Macao/Taiwan residence permits share one
 * layout (name 15, gender 1, nation 2, birth 8, address 35, ID 18, authority 15, valid from 8, to 8
 * characters); foreign permanent residence cards have their own (English name 60, gender 1, number 15,
 * country 3, Chinese name 15, valid from 8, to 8, birth 8, version 2, authority code 4, type 1).
 */
export function parseTextBlock(block: Uint8Array): IdCardInfo {
  if (block.length < TEXT_BLOCK_BYTES) {
    throw new IdCardError('badText', undefined, `${block.length} bytes instead of ${TEXT_BLOCK_BYTES}`);
  }
  const text = Buffer.from(block.buffer, block.byteOffset, TEXT_BLOCK_BYTES).toString('utf16le');
  const type = text[TYPE_CHAR];
  if (type === 'I') {
    const [nameEn, g, number, country, nameZh, from, to, birth, , authority] = fields(
      text,
      [60, 1, 15, 3, 15, 8, 8, 8, 2, 4],
    ) as [string, string, string, string, string, string, string, string, string, string];
    return {
      cardType: 'foreignPermanent',
      name: nameZh || nameEn,
      nameEn,
      gender: gender(g),
      nation: country,
      birthDate: date(birth, 'birth date'),
      address: '',
      idNumber: number,
      idNumberMasked: maskIdNumber(number),
      authority,
      validFrom: date(from, 'validity start'),
      validTo: date(to, 'validity end'),
    };
  }
  const [name, g, nation, birth, address, idNumber, authority, from, to] = fields(
    text,
    [15, 1, 2, 8, 35, 18, 15, 8, 8],
  ) as [string, string, string, string, string, string, string, string, string];
  const cardType: CardType = type === 'J' ? 'hkMacaoTaiwan' : 'resident';
  const problem = idNumberProblem(idNumber);
  if (problem !== null) throw new IdCardError('invalidIdNumber', undefined, problem);
  return {
    cardType,
    name,
    nameEn: null,
    gender: gender(g),
    nation: cardType === 'resident' ? (NATIONS[nation] ?? nation) : '',
    birthDate: date(birth, 'birth date'),
    address,
    idNumber: idNumber.toUpperCase(),
    idNumberMasked: maskIdNumber(idNumber),
    authority,
    validFrom: date(from, 'validity start'),
    validTo: date(to, 'validity end'),
  };
}

/** Age on a service day, for offering the green channel. */
export const cardholderAge = (info: Pick<IdCardInfo, 'birthDate'>, day: string): number =>
  ageOn(info.birthDate, day);

export interface TextFields {
  cardType: CardType;
  name: string;
  nameEn?: string;
  gender: 'male' | 'female';
  /** Nation code for resident cards, country code for foreign ones. */
  nationCode: string;
  birthDate: string;
  address?: string;
  idNumber: string;
  authority: string;
  validFrom: string;
  validTo: string;
}

/** Builds a text block as a card holds it: the virtual reader and the tests use it. */
export function encodeTextBlock(f: TextFields): Uint8Array {
  const pad = (s: string, w: number) => {
    if (s.length > w) throw new RangeError(`"${s}" is longer than ${w} characters`);
    return s.padEnd(w, ' ');
  };
  const ymd = (d: string) => (d === '长期' ? pad(d, 8) : d.replaceAll('-', ''));
  const g = f.gender === 'male' ? '1' : '2';
  let text: string;
  if (f.cardType === 'foreignPermanent') {
    text =
      pad(f.nameEn ?? '', 60) +
      g +
      pad(f.idNumber, 15) +
      pad(f.nationCode, 3) +
      pad(f.name, 15) +
      ymd(f.validFrom) +
      ymd(f.validTo) +
      ymd(f.birthDate) +
      '02' +
      pad(f.authority, 4) +
      'I' +
      pad('', 3);
  } else {
    const head =
      pad(f.name, 15) +
      g +
      pad(f.cardType === 'resident' ? f.nationCode : '', 2) +
      ymd(f.birthDate) +
      pad(f.address ?? '', 35) +
      pad(f.idNumber, 18) +
      pad(f.authority, 15) +
      ymd(f.validFrom) +
      ymd(f.validTo);
    text = pad(head, TYPE_CHAR) + (f.cardType === 'hkMacaoTaiwan' ? 'J' : ' ') + pad('', 3);
  }
  return new Uint8Array(Buffer.from(text, 'utf16le'));
}
