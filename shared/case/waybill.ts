// EMS waybill numbers (运单号), checked wherever a clerk or officer types one:
// the UPU S10 form of international and most domestic EMS items (EA123456785CN:
// two letters, eight digits, a mod-11 check digit, the country) or EMS's
// 13-digit domestic number. Another carrier's number is taken as typed.

export const WAYBILL_FORMS = ['s10', 'ems_domestic'] as const;
export type WaybillForm = (typeof WAYBILL_FORMS)[number];

const S10 = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;
const EMS_DOMESTIC = /^\d{13}$/;
const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** The S10 check digit of eight serial digits: 11 − (weighted sum mod 11), with 10 → 0 and 11 → 5. */
export function s10CheckDigit(serial: string): number {
  const sum = [...serial].reduce((total, digit, i) => total + Number(digit) * S10_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** Spaces and hyphens people type between groups go; letters are upper-cased. */
export function normaliseWaybill(value: string): string {
  return value.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
}

export type WaybillCheck = { ok: true; value: string; form: WaybillForm } | { ok: false };

export function checkEmsWaybill(value: string): WaybillCheck {
  const no = normaliseWaybill(value);
  if (EMS_DOMESTIC.test(no)) return { ok: true, value: no, form: 'ems_domestic' };
  const s10 = S10.exec(no);
  if (s10 && s10CheckDigit(s10[2]!) === Number(s10[3])) return { ok: true, value: no, form: 's10' };
  return { ok: false };
}

/** Whether the carrier named is China Post's EMS, whose numbers have a checkable shape. */
export function isEmsCarrier(carrier: string): boolean {
  return /EMS|邮政|郵政|CHINA\s*POST/i.test(carrier.normalize('NFKC'));
}

/** A waybill as recorded: checked and normalised for EMS, as typed (trimmed) for another carrier. */
export function checkWaybill(carrier: string, value: string): WaybillCheck | { ok: true; value: string; form: null } {
  return isEmsCarrier(carrier) ? checkEmsWaybill(value) : { ok: true, value: value.trim(), form: null };
}
