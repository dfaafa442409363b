export {
  authorityKey,
  authoritySchema,
  catalogSchema,
  extensionsLeft,
  parseCatalogFile,
  matterCategory,
  matterCategorySchema,
  matterRefusalRemedies,
  matterRemedySchema,
  remedyPeriodSchema,
  ADMINISTRATIVE_REMEDIES,
  DEFAULT_REFUSAL_REMEDIES,
  MATTER_CATEGORIES,
  REMEDY_KINDS,
  REMEDY_UNITS,
  formFieldSchema,
  localizedText,
  materialSchema,
  matterSchema,
  regionCodeSchema,
  FORM_FIELD_TYPES,
  HANDLING_MODES,
  MATERIAL_FORMS,
  MATERIAL_REQUIREMENTS,
  RESULT_DELIVERIES,
  SENSITIVE_KINDS,
} from './schema.ts';
export type { Authority, MatterCategory, MatterRemedy, RemedyKind, RemedyPeriod } from './schema.ts';
export type { Catalog, FormField, HandlingMode, LocalizedText, Material, Matter, ResultDelivery } from './schema.ts';
export type { SensitiveKind } from './schema.ts';
export { SEED_CATALOG } from './seed.ts';
export {
  addWorkingDays,
  calendarFileSchema,
  calendarYearSchema,
  isWorkingDay,
  parseCalendarFile,
  workingDaysBetween,
  SEED_CALENDAR,
} from './calendar.ts';
export type { CalendarFile, CalendarYear, ParseCalendarResult } from './calendar.ts';
export { pinyinInitials, searchMatters } from './search.ts';
export { fieldMasks, maskFormData, type FieldMasks } from './sensitive.ts';
