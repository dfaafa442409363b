// Small display helpers shared by the list and the detail.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Matter } from '../../../shared/catalog/index.ts';
import { languageSchema, type Language } from '../../../shared/languages.ts';
import { rpc } from '../rpc.ts';

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return languageSchema.catch('zh-CN').parse(i18n.language);
}

/** Every matter of every catalog in force, by id; empty until the catalog arrives. */
export function useMatters(): ReadonlyMap<string, Matter> {
  const [matters, setMatters] = useState<Matter[]>([]);
  useEffect(() => {
    let live = true;
    // Without the catalog, lists show matter ids: nothing to report beyond that.
    rpc('catalog.list', {}).then(
      (catalogs) => live && setMatters(catalogs.flatMap((catalog) => catalog.matters)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => new Map(matters.map((matter) => [matter.id, matter])), [matters]);
}
