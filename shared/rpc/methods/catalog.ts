// The catalogs of matters, the working-day calendars, and the register of
// the authorities that issue the notices.
import { z } from 'zod';
import { authoritySchema, catalogSchema, calendarYearSchema, matterSchema } from '../../catalog/index.ts';
import { noInput, ok, type MethodSpec } from './common.ts';

export const catalogMethods = {
  // One catalog per partner region whose matters this window takes in.
  'catalog.list': { permission: 'catalog.read', input: noInput, output: z.array(catalogSchema) },
  'catalog.search': {
    permission: 'catalog.read',
    input: z.object({ query: z.string().max(60) }),
    output: z.array(matterSchema),
  },
  'calendar.list': { permission: 'catalog.read', input: noInput, output: z.array(calendarYearSchema) },
  // A catalog file replaces the installed catalog of its issuer (with the authorities it lists).
  'catalog.import': {
    permission: 'catalog.import',
    input: z.object({ fileText: z.string().max(5_000_000) }),
    output: z.object({ issuer: z.string(), version: z.string(), matters: z.number().int() }),
  },
  // A calendar file (JSON text), e.g. next year's State Council arrangement.
  'calendar.import': {
    permission: 'catalog.import',
    input: z.object({ fileText: z.string().max(1_000_000) }),
    output: z.object({ years: z.array(z.number().int()) }),
  },
  // The register of authorities (办理机关) that issue and seal the notices, per region and category of matter.
  'authorities.list': { permission: 'catalog.read', input: noInput, output: z.array(authoritySchema) },
  'authorities.save': { permission: 'catalog.import', input: authoritySchema, output: authoritySchema },
  'authorities.remove': {
    permission: 'catalog.import',
    input: authoritySchema.pick({ region: true, category: true }),
    output: ok,
  },
  // A catalog file (JSON text) whose `authorities` join the register.
  'authorities.import': {
    permission: 'catalog.import',
    input: z.object({ fileText: z.string().max(5_000_000) }),
    output: z.object({ count: z.number().int() }),
  },
} as const satisfies Record<string, MethodSpec>;
