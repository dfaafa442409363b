// A card read into the wizard: what the chip said fills the applicant, and the
// identity counts as read from the chip only while every value it filled is
// as read. The card's photo is not part of the draft (it is never stored).
import type { TFunction } from 'i18next';
import type { IdentitySource } from '../../../shared/case/identity-source.ts';
import type { ChipIdentity } from '../../../shared/rpc/contract.ts';
import type { WizardState } from './wizard-state.ts';

export interface ChipReadState {
  /** The card's facts the case keeps. */
  source: Omit<Extract<IdentitySource, { source: 'chip' }>, 'photoCompared'>;
  /** The values the read filled in, to tell an edited field. */
  values: { name: string; idKind: ChipIdentity['idKind']; idNumber: string; address?: string };
  /** Shown beside the form for the clerk to check against the card; not submitted. */
  shown: Pick<ChipIdentity, 'sex' | 'birthDate' | 'ethnicity' | 'authority' | 'englishName' | 'nationality'>;
  photoCompared: boolean;
}

export function withChipRead(state: WizardState, identity: ChipIdentity): WizardState {
  const { name, idKind, idNumber, address } = identity;
  return {
    ...state,
    applicant: { ...state.applicant, name, idKind, idNumber, ...(address ? { address } : {}) },
    chipRead: {
      source: {
        source: 'chip',
        cardType: identity.cardType,
        validFrom: identity.validFrom,
        validTo: identity.validTo,
        expired: identity.expired,
      },
      values: { name, idKind, idNumber, ...(address ? { address } : {}) },
      shown: {
        sex: identity.sex,
        birthDate: identity.birthDate,
        ...(identity.ethnicity ? { ethnicity: identity.ethnicity } : {}),
        ...(identity.authority ? { authority: identity.authority } : {}),
        ...(identity.englishName ? { englishName: identity.englishName } : {}),
        ...(identity.nationality ? { nationality: identity.nationality } : {}),
      },
      photoCompared: false,
    },
  };
}

/** Read from the chip while every value it filled stands as read; typed once any of them is changed. */
export function chipReadStands(state: WizardState): boolean {
  const read = state.chipRead;
  if (!read) return false;
  const a = state.applicant;
  return (
    a.name.trim() === read.values.name &&
    a.idKind === read.values.idKind &&
    a.idNumber.trim() === read.values.idNumber &&
    (read.values.address === undefined || a.address.trim() === read.values.address)
  );
}

export function identitySourceOf(state: WizardState): IdentitySource {
  return chipReadStands(state) && state.chipRead
    ? { ...state.chipRead.source, photoCompared: state.chipRead.photoCompared }
    : { source: 'typed' };
}

/** Alt+K: the clerk confirms (or takes back) having compared the card's photo with the applicant. */
export function withPhotoCompared(state: WizardState, compared: boolean): WizardState {
  return state.chipRead ? { ...state, chipRead: { ...state.chipRead, photoCompared: compared } } : state;
}

/** On the receipt, the case and the ledger's print: how the identity was taken, in the paper's language. */
export function identitySourceLine(source: IdentitySource, t: TFunction): string {
  if (source.source === 'typed') return t('source.typed');
  const card = t(`cardTypes.${source.cardType}`);
  return source.expired ? t('chipExpiredLine', { card, date: source.validTo }) : t('chipLine', { card });
}
