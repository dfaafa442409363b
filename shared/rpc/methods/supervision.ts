// Supervision: consultations, the daily ledger (台账), the warnings, the
// statistics and their exports.
import { z } from 'zod';
import {
  consultationInput,
  consultationSchema,
  EXPORT_FORMATS,
  exportFileSchema,
  ledgerFilter,
  ledgerSchema,
  statsInput,
  statsSchema,
  warningsSchema,
  warningThresholdsSchema,
} from '../../supervision/schemas.ts';
import { PRINT_OUTCOMES } from './case-actions.ts';
import { isoDate, noInput, ok, type MethodSpec } from './common.ts';

export const supervisionMethods = {
  // 咨询: logged by whoever answered it, on today's ledger.
  'consultations.log': { permission: 'consultations.log', input: consultationInput, output: consultationSchema },

  // 台账: every case touched on this device that day and every consultation. unmasked needs personal.export (audited).
  'supervision.ledger': {
    permission: 'supervision.read',
    input: ledgerFilter.extend({ unmasked: z.boolean().default(false) }),
    output: ledgerSchema,
  },
  'supervision.exportLedger': {
    permission: 'supervision.read',
    input: ledgerFilter.extend({ format: z.enum(EXPORT_FORMATS), unmasked: z.boolean().default(false) }),
    output: exportFileSchema,
  },
  // The ledger printed as PDF or on paper, or only asked of the browser's dialog: recorded like every print.
  'supervision.recordLedgerPrint': {
    permission: 'supervision.read',
    input: z.object({
      day: isoDate,
      output: z.enum(['printer', 'pdf']),
      outcome: z.enum(PRINT_OUTCOMES),
      unmasked: z.boolean(),
    }),
    output: ok,
  },
  'supervision.warnings': { permission: 'supervision.read', input: noInput, output: warningsSchema },
  'supervision.setThresholds': {
    permission: 'supervision.close',
    input: warningThresholdsSchema,
    output: warningThresholdsSchema,
  },
  'supervision.stats': { permission: 'supervision.read', input: statsInput, output: statsSchema },
  'supervision.exportStats': {
    permission: 'supervision.read',
    input: statsInput.extend({ format: z.enum(EXPORT_FORMATS) }),
    output: exportFileSchema,
  },
} as const satisfies Record<string, MethodSpec>;
