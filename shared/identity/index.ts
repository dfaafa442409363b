export {
  IDENTITY_ERROR_CODES,
  IDENTITY_KINDS,
  IDENTITY_WARNING_CODES,
  identityFacts,
  identityKindSchema,
  validateIdentityDocument,
  type IdentityErrorCode,
  type IdentityFacts,
  type IdentityKind,
  type IdentityResult,
  type IdentityWarningCode,
  type ValidateOptions,
} from './validate.ts';
export { maskBankAccount, maskIdentity, maskIdNumber, maskName, maskPhone, maskSensitive } from './mask.ts';
export { identityMessages, type IdentityMessages } from './messages.ts';
export { phonePlan, validatePhone, type PhonePlan } from './phone.ts';
export { isNationalityCode, NATIONALITY_CODES, nationalityName } from './nationality.ts';
