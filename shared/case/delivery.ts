// How the result reaches the applicant, chosen at intake (送达方式): collected at
// this window, collected at the handling place, or posted by EMS to an address
// whose province, prefecture and county are GB/T 2260 codes, then the street,
// with a phone for the courier. Declared once: the intake submission carries it,
// case.received records it, and the receipt, the case and the handling place read it.
import { z } from 'zod';
import type { ResultDelivery } from '../catalog/schema.ts';
import { validateIdentityDocument } from '../identity/validate.ts';
import { isKnownRegion } from '../regions.ts';

export const DELIVERY_METHODS = ['intake_window', 'handling_place', 'post'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

const code6 = z.string().trim().max(6);

// Lenient shapes: checkDelivery names what is wrong, in the clerk's words, before anything is written.
export const postalAddressSchema = z.object({
  /** 省级, e.g. 360000. */
  province: code6,
  /** 地级, e.g. 360400. */
  city: code6,
  /** 县级, e.g. 360430. */
  county: code6,
  street: z.string().trim().max(200),
});
export type PostalAddress = z.infer<typeof postalAddressSchema>;

export const deliverySchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('intake_window') }),
  z.object({ method: z.literal('handling_place') }),
  z.object({ method: z.literal('post'), address: postalAddressSchema, phone: z.string().trim().max(30) }),
]);
export type Delivery = z.infer<typeof deliverySchema>;

/** The province and prefecture codes a county's code implies: 360430 → 360000, 360400. */
export function postalAddressOf(county: string, street: string): PostalAddress {
  return { province: `${county.slice(0, 2)}0000`, city: `${county.slice(0, 4)}00`, county, street };
}

export type DeliveryProblemReason =
  | 'delivery_post_not_offered'
  | 'delivery_window_not_offered'
  | 'delivery_county_missing'
  | 'delivery_county_unknown'
  | 'delivery_city_not_in_province'
  | 'delivery_county_not_in_city'
  | 'delivery_street_missing'
  | 'delivery_phone_missing'
  | 'delivery_phone_invalid';

export interface DeliveryProblem {
  reason: DeliveryProblemReason;
  field: string;
  params?: Record<string, string>;
}

/** The catalog's word for each way a matter must offer; collecting at the handling place is always open. */
const CATALOG_DELIVERY: Record<DeliveryMethod, ResultDelivery | null> = {
  intake_window: 'pickup_at_intake',
  handling_place: null,
  post: 'mail',
};

export function deliveryOffered(method: DeliveryMethod, offered: readonly ResultDelivery[]): boolean {
  const needed = CATALOG_DELIVERY[method];
  return needed === null || offered.includes(needed);
}

/** What is wrong with the choice: a way the matter's catalog entry does not offer, or a posted result's address. */
export function checkDelivery(delivery: Delivery | undefined, offered: readonly ResultDelivery[]): DeliveryProblem[] {
  if (delivery?.method === 'intake_window' && !deliveryOffered('intake_window', offered)) {
    return [{ reason: 'delivery_window_not_offered', field: 'delivery.method' }];
  }
  if (delivery?.method !== 'post') return [];
  if (!deliveryOffered('post', offered)) return [{ reason: 'delivery_post_not_offered', field: 'delivery.method' }];
  const problems: DeliveryProblem[] = [];
  const { province, city, county, street } = delivery.address;
  if (county === '') {
    problems.push({ reason: 'delivery_county_missing', field: 'delivery.address.county' });
  } else if (!/^\d{6}$/.test(county) || !isKnownRegion(county)) {
    problems.push({ reason: 'delivery_county_unknown', field: 'delivery.address.county', params: { code: county } });
  } else if (!/^\d{2}0000$/.test(province) || !/^\d{4}00$/.test(city) || !city.startsWith(province.slice(0, 2))) {
    problems.push({
      reason: 'delivery_city_not_in_province',
      field: 'delivery.address.city',
      params: { city, province },
    });
  } else if (!county.startsWith(city.slice(0, 4))) {
    problems.push({
      reason: 'delivery_county_not_in_city',
      field: 'delivery.address.county',
      params: { county, city },
    });
  }
  if (street === '') problems.push({ reason: 'delivery_street_missing', field: 'delivery.address.street' });
  if (delivery.phone === '') {
    problems.push({ reason: 'delivery_phone_missing', field: 'delivery.phone' });
  } else {
    const phone = validateIdentityDocument('mobile', delivery.phone);
    if (!phone.ok) {
      problems.push({ reason: 'delivery_phone_invalid', field: 'delivery.phone', params: { code: phone.error ?? '' } });
    }
  }
  return problems;
}

/** The delivery as recorded: the phone in its one canonical form, as the applicant's is. */
export function normaliseDelivery(delivery: Delivery): Delivery {
  if (delivery.method !== 'post') return delivery;
  return { ...delivery, phone: validateIdentityDocument('mobile', delivery.phone).value ?? delivery.phone };
}
