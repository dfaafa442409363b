// GET /v1/catalog: the matters and working-day calendars this server works
// by — what an administrator imported, else the ones the app ships with.
import { SEED_CALENDAR, SEED_CATALOG } from '../../shared/catalog/index.ts';
import type { Handlers, RouteContext } from './context.ts';

export function catalogRoutes({ store }: RouteContext): Handlers<'catalog'> {
  return {
    async catalog() {
      return (await store.catalog()) ?? { catalogs: [SEED_CATALOG], calendars: [...SEED_CALENDAR] };
    },
  };
}
