import { type IdNumberProblem, idNumberProblem, maskIdNumber, maskName } from '@onewindow/identity';
import { DomainError } from './errors.js';
import type { ResidentMasked } from './model.js';

// The ID-number rules live in @onewindow/identity (drivers use them without the queue); the domain
// adds its error and what a ticket keeps of a resident.

export function assertValidIdNumber(raw: string): string {
  const problem = idNumberProblem(raw);
  if (problem !== null) {
    const why: Record<IdNumberProblem, string> = {
      format: 'must be 17 digits and a final digit or X',
      region: 'has an unknown region code',
      birthDate: 'has an impossible birth date',
      checkDigit: 'fails its check digit',
    };
    throw new DomainError('INVALID_ID_NUMBER', `ID number ${why[problem]}`, { problem });
  }
  return raw.toUpperCase();
}

export function maskResident(idNumber: string, name: string): ResidentMasked {
  return { idMasked: maskIdNumber(idNumber), nameMasked: maskName(name) };
}
