export {
  ageOn,
  birthDateOf,
  type IdCardKind,
  type IdNumberProblem,
  idCardKind,
  idCheckChar,
  idNumberProblem,
} from './id-number.js';
export { maskIdNumber, maskName } from './mask.js';
