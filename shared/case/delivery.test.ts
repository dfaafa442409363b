import { describe, expect, it } from 'vitest';
import { checkDelivery, normaliseDelivery, postalAddressOf, type Delivery } from './delivery.ts';

const ALL = ['mail', 'pickup_at_intake', 'electronic'] as const;
const post = (county: string, street = '滨江路 88 号', phone = '13912340009'): Delivery => ({
  method: 'post',
  address: postalAddressOf(county, street),
  phone,
});

describe('the delivery chosen at intake', () => {
  it('takes a county with the province and city its code implies, municipalities and cities without counties too', () => {
    for (const county of ['360430', '110101', '441900', '429004']) expect(checkDelivery(post(county), ALL)).toEqual([]);
    expect(postalAddressOf('360430', 'x')).toEqual({
      province: '360000',
      city: '360400',
      county: '360430',
      street: 'x',
    });
  });

  it('names what is wrong with the address and phone', () => {
    const reasons = (d: Delivery) => checkDelivery(d, ALL).map((p) => p.reason);
    const base = post('360430');
    if (base.method !== 'post') throw new Error('post expected');
    expect(reasons({ ...base, address: { ...base.address, city: '360100' } })).toEqual(['delivery_county_not_in_city']);
    expect(reasons({ ...base, address: { ...base.address, province: '420000' } })).toEqual([
      'delivery_city_not_in_province',
    ]);
    expect(reasons(post('360499'))).toEqual(['delivery_county_unknown']);
    expect(reasons(post(''))).toEqual(['delivery_county_missing']);
    expect(reasons(post('360430', ''))).toEqual(['delivery_street_missing']);
    expect(reasons(post('360430', 'x', ''))).toEqual(['delivery_phone_missing']);
    expect(reasons(post('360430', 'x', '12345'))).toEqual(['delivery_phone_invalid']);
  });

  it('refuses a way the matter does not offer; collecting at the handling place is always open', () => {
    expect(checkDelivery(post('360430'), ['pickup_at_intake']).map((p) => p.reason)).toEqual([
      'delivery_post_not_offered',
    ]);
    expect(checkDelivery({ method: 'intake_window' }, ['mail']).map((p) => p.reason)).toEqual([
      'delivery_window_not_offered',
    ]);
    expect(checkDelivery({ method: 'handling_place' }, ['electronic'])).toEqual([]);
    expect(checkDelivery(undefined, ['electronic'])).toEqual([]);
  });

  it('keeps the phone in its canonical form', () => {
    expect(normaliseDelivery(post('360430', 'x', '139 1234 0009'))).toMatchObject({ phone: '13912340009' });
  });
});
