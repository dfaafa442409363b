// The backend's handlers: one module per domain of the contract, joined into
// the one object the dispatcher serves. The join's type refuses a method two
// domains handle or one the contract does not have; the return type refuses
// a method no domain handles.
import type { Contract, MethodName } from '../../../shared/rpc/contract.ts';
import { accountHandlers } from './accounts.ts';
import { applicantScreenHandlers } from './applicant-screen.ts';
import { auditHandlers } from './audit.ts';
import { backupHandlers } from './backup.ts';
import { caseActionHandlers } from './case-actions.ts';
import { caseHandlers } from './cases.ts';
import { catalogHandlers } from './catalog.ts';
import { commitmentHandlers } from './commitments.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';
import { dayCloseHandlers } from './day-close.ts';
import { deviceHandlers } from './device.ts';
import { peripheralHandlers } from './devices.ts';
import { documentCameraHandlers } from './document-camera.ts';
import { idCardHandlers } from './id-card.ts';
import { privacyHandlers } from './privacy.ts';
import { rectificationHandlers } from './rectifications.ts';
import { intakeHandlers } from './intake.ts';
import { paperworkHandlers } from './paperwork.ts';
import { scanHandlers } from './scans.ts';
import { supervisionHandlers } from './supervision.ts';
import { syncHandlers } from './sync.ts';
import { systemHandlers } from './system.ts';

export type BackendHandlers = DomainHandlers<Contract>;

/** Every domain's handlers, in the contract's order. */
export function handlersByDomain(context: HandlerContext) {
  return [
    systemHandlers(context),
    accountHandlers(context),
    deviceHandlers(context),
    catalogHandlers(context),
    intakeHandlers(context),
    scanHandlers(context),
    caseHandlers(context),
    caseActionHandlers(context),
    syncHandlers(context),
    supervisionHandlers(context),
    dayCloseHandlers(context),
    auditHandlers(context),
    peripheralHandlers(context),
    backupHandlers(context),
    commitmentHandlers(context),
    privacyHandlers(context),
    paperworkHandlers(context),
    documentCameraHandlers(context),
    rectificationHandlers(context),
    idCardHandlers(context),
    applicantScreenHandlers(context),
  ] as const;
}

type Merged<Domains> = Domains extends readonly [infer First, ...infer Rest] ? First & Merged<Rest> : unknown;

/** The methods a domain handles that an earlier one already does. */
type HandledTwice<Domains, Seen = never> = Domains extends readonly [infer First, ...infer Rest]
  ? Extract<keyof First, Seen> | HandledTwice<Rest, Seen | keyof First>
  : never;

/** The domains' handlers as one object's type, or a message naming a method handled twice or unknown. */
type Joined<Domains> = [HandledTwice<Domains>] extends [never]
  ? [Exclude<keyof Merged<Domains>, MethodName>] extends [never]
    ? Merged<Domains>
    : `${Exclude<keyof Merged<Domains>, MethodName> & string} is not a method of the contract`
  : `${HandledTwice<Domains> & string} is handled by two domains`;

function join<Domains extends readonly object[]>(domains: Domains): Joined<Domains> {
  return Object.assign({}, ...domains);
}

export function assembleHandlers(context: HandlerContext): BackendHandlers {
  return join(handlersByDomain(context));
}
