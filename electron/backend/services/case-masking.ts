// What screens and notices may show of a case's recorded payloads: the people
// collected with a result and a posted result's street and phone are masked;
// the full value only through the audited reveal.
import type { Delivery } from '../../../shared/case/delivery.ts';
import { maskIdentity, maskName, maskPhone } from '../../../shared/identity/mask.ts';
import type { CaseDetail, CaseRow } from '../../../shared/rpc/contract.ts';

/**
 * An event's payload as screens and notices may show it: the intake's people
 * are shown, masked, by the case itself; the person who collected a result is
 * masked here.
 */
export function maskedDetails(type: string, payload: unknown): Record<string, unknown> {
  if (type === 'case.received') return {};
  const details = (payload ?? {}) as Record<string, unknown>;
  if (type !== 'case.result_collected') return details;
  const collector = details.collector as { name: string; idKind: CaseRow['applicantIdKind']; idNumber: string };
  return {
    ...details,
    collector: {
      name: maskName(collector.name),
      idKind: collector.idKind,
      idNumber: maskIdentity(collector.idKind, collector.idNumber),
    },
  };
}

/** The delivery chosen at intake, as screens show it: a posted result's street and phone masked. */
export function maskedDelivery(delivery: Delivery | undefined): CaseDetail['delivery'] {
  if (!delivery) return null;
  if (delivery.method !== 'post') return { method: delivery.method, county: null, street: null, phone: null };
  return { method: 'post', county: delivery.address.county, street: '••••', phone: maskPhone(delivery.phone) };
}

/** A posted result's street or phone in full, for the audited reveal. */
export function deliveryValue(delivery: Delivery | undefined, key: string): string | undefined {
  if (delivery?.method !== 'post') return undefined;
  return key === 'street' ? delivery.address.street : key === 'phone' ? delivery.phone : undefined;
}
