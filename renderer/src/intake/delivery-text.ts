// The delivery chosen at intake in one line, masked as every screen and paper
// shows personal data: the county named, the street and phone masked.
import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/languages.ts';
import type { CaseDetail } from '../../../shared/rpc/contract.ts';
import { regionName } from '../../../shared/regions.ts';

/** `t` is fixed to the delivery messages (keyPrefix 'delivery'). */
export function deliveryLine(delivery: NonNullable<CaseDetail['delivery']>, t: TFunction, language: Language): string {
  if (delivery.method !== 'post') return t(`methods.${delivery.method}`);
  return t('receiptPost', {
    region: delivery.county ? regionName(delivery.county, language) : '',
    street: delivery.street ?? '',
    phone: delivery.phone ?? '',
  });
}
