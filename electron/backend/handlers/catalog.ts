// The catalogs of matters, the calendars and the register of authorities:
// read by the staff, imported and edited by the administrator.
import { searchMatters } from '../../../shared/catalog/index.ts';
import type { catalogMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function catalogHandlers({
  catalog,
  authorities,
  clocks,
  auditLog,
  emit,
  transaction,
}: HandlerContext): DomainHandlers<typeof catalogMethods> {
  return {
    'catalog.list': () => catalog.catalogs(),
    'catalog.search': ({ query }) => searchMatters(catalog.matters(), query),
    'calendar.list': () => catalog.calendars(),
    'catalog.import': ({ fileText }, { session }) => {
      const installed = catalog.importCatalog(fileText, new Date());
      // A matter whose unit changed moves its open cases' clocks with it.
      const recounted = transaction(() => clocks.recountUnits());
      if (recounted.length > 0) emit('cases.changed', { caseIds: recounted });
      auditLog.record({ userId: session.userId, action: 'catalog.import', detail: installed });
      return installed;
    },
    'calendar.import': ({ fileText }, { session }) => {
      const years = catalog.importCalendar(fileText);
      auditLog.record({ userId: session.userId, action: 'calendar.import', detail: { years } });
      return { years };
    },
    'authorities.list': () => authorities.list(),
    'authorities.save': (input, { session }) => {
      const saved = authorities.save(input);
      auditLog.record({
        userId: session.userId,
        action: 'authorities.save',
        target: `${input.region}/${input.category}`,
      });
      return saved;
    },
    'authorities.remove': ({ region, category }, { session }) => {
      if (authorities.remove(region, category))
        auditLog.record({ userId: session.userId, action: 'authorities.remove', target: `${region}/${category}` });
      return { ok: true as const };
    },
    'authorities.import': ({ fileText }, { session }) => {
      const keys = authorities.importCatalogFile(fileText);
      auditLog.record({ userId: session.userId, action: 'authorities.import', detail: { authorities: keys } });
      return { count: keys.length };
    },
  };
}
