import type { TextFields } from '@onewindow/idcard';
import { idCheckChar } from '@onewindow/identity';
import type { VirtualCard } from './idcard.js';

const id = (first17: string) => first17 + idCheckChar(first17);

/** Sample cards for the demo, the technicians' CLI and tests. */
export const SAMPLE_CARDS = {
  resident: {
    cardType: 'resident',
    name: '李明',
    gender: 'male',
    nationCode: '01',
    birthDate: '1990-04-12',
    address: '青山县人民路88号',
    idNumber: id('32010219900412153'),
    authority: '青山县公安局',
    validFrom: '2018-04-12',
    validTo: '2038-04-12',
  },
  elder: {
    cardType: 'resident',
    name: '王秀英',
    gender: 'female',
    nationCode: '03',
    birthDate: '1956-05-20',
    address: '青山县东街12号',
    idNumber: id('32010219560520246'),
    authority: '青山县公安局',
    validFrom: '2015-06-01',
    validTo: '长期',
  },
  hkMacaoTaiwan: {
    cardType: 'hkMacaoTaiwan',
    name: '陈大文',
    gender: 'male',
    nationCode: '',
    birthDate: '1985-09-09',
    address: '香港特别行政区',
    idNumber: id('81000019850909301'),
    authority: '青山县公安局',
    validFrom: '2020-01-01',
    validTo: '2025-01-01',
  },
  foreignPermanent: {
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
  },
} satisfies Record<string, TextFields>;

export type SampleCardName = keyof typeof SAMPLE_CARDS | 'corrupt' | 'readFailure' | 'none';

export function sampleCard(name: SampleCardName): VirtualCard {
  if (name === 'none') return null;
  if (name === 'corrupt') return { kind: 'corruptChecksum', fields: SAMPLE_CARDS.resident };
  if (name === 'readFailure') return { kind: 'readFailure', fields: SAMPLE_CARDS.resident };
  return { kind: 'card', fields: SAMPLE_CARDS[name] };
}
