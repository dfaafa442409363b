// The applicant's screen: what its page may see and do, on top of the pairings
// (applicant-pairings.ts). The page sees the intake masked as the receipt masks
// it, in the applicant's language, with material and matter names from the
// catalog; what it does (acknowledge, sign, point at a field, rate) is held
// for the clerk's wizard, which records it in the draft and the case as the
// clerk's own entries are.
import type { DatabaseSync } from 'node:sqlite';
import { matterCategory } from '../../../shared/catalog/schema.ts';
import { checkRating, type ratingInputSchema } from '../../../shared/case/rating.ts';
import { PRIVACY_NOTICE_VERSION } from '../../../shared/case/privacy-notice.ts';
import { maskIdentity, maskName, maskPhone } from '../../../shared/identity/mask.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import {
  flaggableFieldSchema,
  type ApplicantContent,
  type ApplicantView,
} from '../../../shared/rpc/methods/applicant-screen.ts';
import type { UserSession } from './auth.ts';
import type { AuthorityRegister } from './authorities.ts';
import type { CaseActions } from './case-actions.ts';
import type { CatalogService } from './catalog.ts';
import type { DeviceRecord } from './device.ts';
import type { PrivacySettingsStore } from './privacy-settings.ts';
import { Pairings, type Pairing, type PairingsOptions } from './applicant-pairings.ts';
import type { z } from 'zod';

/** An address is hidden whole on screen, as a posted result's street is. */
const HIDDEN = '••••';
const MAX_SIGNATURE_BYTES = 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface ApplicantScreenDeps {
  db: DatabaseSync;
  catalog: CatalogService;
  device: DeviceRecord;
  privacy: PrivacySettingsStore;
  authorities: AuthorityRegister;
  actions: CaseActions;
  /** A case was written: the screens hear of it and the sync sends it. */
  caseWritten(caseId: string): void;
}

function personRows(who: 'applicant' | 'agent', p: ApplicantContent['applicant']): ApplicantView['rows'] {
  const rows: ApplicantView['rows'] = [];
  if (p.name.trim()) rows.push({ field: `${who}.name`, value: maskName(p.name) });
  if (p.idNumber.trim()) rows.push({ field: `${who}.idNumber`, value: maskIdentity(p.idKind, p.idNumber.trim()) });
  if (p.phone.trim()) rows.push({ field: `${who}.phone`, value: maskPhone(p.phone.trim()) });
  if (p.address.trim()) rows.push({ field: `${who}.address`, value: HIDDEN });
  return rows;
}

export class ApplicantScreen {
  readonly pairings: Pairings;
  private readonly deps: ApplicantScreenDeps;

  constructor(deps: ApplicantScreenDeps, options: Omit<PairingsOptions, 'clerkLive'> = {}) {
    this.deps = deps;
    this.pairings = new Pairings({ ...options, clerkLive: (tokenHash) => this.clerkLive(tokenHash) });
  }

  open(draftId: string, session: UserSession): Pairing {
    const { userId, roles, tokenHash } = session;
    return this.pairings.open(draftId, { userId, roles, tokenHash });
  }

  show(pairing: Pairing, content: ApplicantContent): void {
    if (pairing.phase !== 'waiting' && pairing.phase !== 'paired') return;
    pairing.content = content;
    // What the applicant pointed at is settled once the clerk has changed the intake.
    pairing.flag = null;
    this.pairings.touched(pairing);
  }

  takeSignature(pairing: Pairing): string {
    if (!pairing.signature) throw rejected('applicant_not_signed', 'The applicant has not signed yet.');
    const png = pairing.signature;
    pairing.signature = null;
    return png;
  }

  view(token: string | undefined): ApplicantView {
    return this.viewOf(this.pairings.byToken(token));
  }

  acknowledge(token: string | undefined): ApplicantView {
    const pairing = this.beforeSubmission(token);
    if (!this.viewOf(pairing).notice) throw rejected('applicant_notice_not_ready', 'The notice is not ready yet.');
    pairing.acknowledgedAt ??= new Date().toISOString();
    this.pairings.touched(pairing);
    return this.viewOf(pairing);
  }

  sign(token: string | undefined, png: string): ApplicantView {
    const pairing = this.beforeSubmission(token);
    const bytes = Buffer.from(png, 'base64');
    if (
      bytes.length === 0 ||
      bytes.length > MAX_SIGNATURE_BYTES ||
      !bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)
    ) {
      throw rejected('applicant_signature_invalid', 'The signature is not a PNG image.');
    }
    pairing.signature = bytes.toString('base64');
    pairing.signedAt = new Date().toISOString();
    this.pairings.touched(pairing);
    return this.viewOf(pairing);
  }

  flag(token: string | undefined, field: string): ApplicantView {
    const pairing = this.beforeSubmission(token);
    const view = this.viewOf(pairing);
    const shown = [...view.rows, ...view.received, ...view.deferred].some((row) => row.field === field);
    if (!flaggableFieldSchema.safeParse(field).success || !shown) {
      throw rejected('applicant_field_unknown', 'This is not a field shown on the screen.');
    }
    pairing.flag = { field, at: new Date().toISOString() };
    this.pairings.touched(pairing);
    return this.viewOf(pairing);
  }

  /** 好差评 of the intake just submitted, recorded as the clerk's case.evaluated event of that case. */
  rate(token: string | undefined, input: z.output<typeof ratingInputSchema>): ApplicantView {
    const pairing = this.pairings.byToken(token);
    if (pairing.phase !== 'submitted' || !pairing.caseId) {
      throw rejected('applicant_not_submitted', 'The application has not been submitted yet.');
    }
    const checked = checkRating(input);
    if (!checked.ok) throw rejected(checked.problem, 'The rating is not complete.');
    const payload = checked.comment ? { rating: checked.rating, comment: checked.comment } : { rating: checked.rating };
    this.deps.actions.record({ caseId: pairing.caseId, type: 'case.evaluated', payload }, pairing.clerk);
    this.deps.caseWritten(pairing.caseId);
    pairing.rating = { rating: checked.rating, at: new Date().toISOString() };
    this.pairings.touched(pairing);
    return this.viewOf(pairing);
  }

  private beforeSubmission(token: string | undefined): Pairing {
    const pairing = this.pairings.byToken(token);
    if (pairing.phase !== 'paired') throw rejected('applicant_already_submitted', 'The application is submitted.');
    return pairing;
  }

  private clerkLive(tokenHash: string): boolean {
    const row = this.deps.db.prepare('SELECT locked, ended_at FROM sessions WHERE token_hash = ?').get(tokenHash) as
      { locked: number; ended_at: string | null } | undefined;
    return row !== undefined && row.locked === 0 && row.ended_at === null;
  }

  private viewOf(pairing: Pairing): ApplicantView {
    const content = pairing.content;
    const language = content?.language ?? 'zh-CN';
    const found = content?.matterId ? this.deps.catalog.matter(content.matterId) : null;
    const matter = found?.matter;
    const materialName = (id: string): string => matter?.materials.find((m) => m.id === id)?.names[language] ?? id;
    const rows: ApplicantView['rows'] = [];
    if (matter) rows.push({ field: 'matter', value: matter.names[language] });
    if (content) {
      rows.push(...personRows('applicant', content.applicant));
      if (content.agent) rows.push(...personRows('agent', content.agent));
      if (content.delivery) rows.push({ field: 'delivery', value: content.delivery });
    }
    const materials = content?.materials ?? [];
    const device = this.deps.device.read();
    const settings = this.deps.privacy.read();
    const handlingRegion =
      content?.handlingRegion ?? (matter && !matter.handlingRegionFrom ? matter.handlingRegion : null);
    const authority =
      matter && handlingRegion ? this.deps.authorities.find(handlingRegion, matterCategory(matter)) : null;
    return {
      pairingId: pairing.pairingId,
      phase: pairing.phase === 'submitted' ? 'submitted' : 'paired',
      language,
      rows,
      received: materials
        .filter((m) => m.outcome === 'received')
        .map((m) => ({ field: `materials.${m.materialId}`, name: materialName(m.materialId) })),
      deferred: materials
        .filter((m) => m.outcome === 'deferred')
        .map((m) => ({
          field: `materials.${m.materialId}`,
          name: materialName(m.materialId),
          dueDate: m.dueDate ?? null,
        })),
      notice:
        matter && device && settings
          ? {
              version: PRIVACY_NOTICE_VERSION,
              retentionYears: settings.retentionYears,
              contact: settings.contact,
              hall: device.hall,
              window: device.windowNo,
              intakeRegion: device.regionCode,
              handlingRegion,
              authority: authority?.names[language] ?? null,
              matter: matter.names[language],
            }
          : null,
      acknowledgedAt: pairing.acknowledgedAt,
      signed: pairing.signedAt !== null,
      flagged: pairing.flag?.field ?? null,
      caseNo: pairing.caseNo,
      rating: pairing.rating?.rating ?? null,
    };
  }
}
