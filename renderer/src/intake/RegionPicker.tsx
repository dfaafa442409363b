// The handling region of a matter whose handling place is the applicant's
// (参保地, 转入地 …), chosen keyboard-first: type a name, pinyin initials or a
// code, ↑/↓ move, Enter chooses. Only a region of the list can be chosen;
// while the list is open Enter stays here, once chosen it moves the wizard on.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Form, Input, List, Typography } from 'antd';
import type { HandlingRegionSource } from '../../../shared/catalog/schema.ts';
import type { Language } from '../../../shared/languages.ts';
import { region as regionOf, regionName, searchRegions } from '../../../shared/regions.ts';
import { useSyncStatus } from '../sync/use-sync-status.ts';

const RESULTS = 8;

/** Warns that no exchange server serves the region yet: the case would wait on this device. */
export function NoRouteWarning({ regionCode }: { regionCode: string }) {
  const { t, i18n } = useTranslation();
  const { remotes } = useSyncStatus();
  // Until the status is known, say nothing rather than warn wrongly.
  if (remotes === null || remotes.some((r) => r.regionCode === regionCode && r.url !== null)) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('intake.routing.noRoute', { region: regionName(regionCode, i18n.language as Language) })}
      style={{ marginTop: 8 }}
      data-testid="intake-no-route"
    />
  );
}

export function RegionPicker({
  source,
  value,
  onChange,
}: {
  source: HandlingRegionSource;
  value: string | null;
  onChange(code: string | null): void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const chosen = value ? regionOf(value) : undefined;
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  // The list is open while the clerk types; choosing closes it.
  const results = useMemo(() => (query === null ? [] : searchRegions(query, RESULTS)), [query]);
  const open = query !== null && query.trim() !== '';

  const choose = (code: string): void => {
    onChange(code);
    setQuery(null);
    setActive(0);
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (!open) return;
    if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, results.length - 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter' && results[active]) choose(results[active].code);
    else if (e.key === 'Enter') {
      // Nothing matches: stay, so the wizard does not move on with a region never chosen.
    } else if (e.key === 'Escape') setQuery(null);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const place = t(`intake.routing.source.${source}`);
  return (
    <Form.Item label={t('intake.routing.title')} required extra={t('intake.routing.hint', { place })}>
      <Input
        value={query ?? (chosen ? chosen.names[language === 'zh-TW' ? 'zh-TW' : 'zh-CN'] : '')}
        placeholder={t('intake.routing.placeholder')}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          if (value) onChange(null);
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded={open}
        aria-controls="region-results"
        data-testid="handling-region"
        data-value={value ?? ''}
      />
      {open &&
        (results.length === 0 ? (
          <Typography.Text type="secondary" data-testid="region-no-match">
            {t('intake.routing.noMatch')}
          </Typography.Text>
        ) : (
          <div id="region-results" role="listbox" data-testid="region-results">
            <List
              size="small"
              bordered
              dataSource={results}
              renderItem={(r, index) => (
                <List.Item
                  role="option"
                  aria-selected={index === active}
                  data-testid={`region-${r.code}`}
                  onMouseDown={(e) => {
                    // Keep the focus in the input, where the keyboard works.
                    e.preventDefault();
                    choose(r.code);
                  }}
                  style={{ cursor: 'pointer', background: index === active ? '#fff1f0' : undefined }}
                >
                  {regionName(r.code, language)}
                </List.Item>
              )}
            />
          </div>
        ))}
      {value && !open && (
        <>
          <Typography.Text type="secondary" data-testid="handling-region-chosen">
            {t('intake.routing.chosen', { region: regionName(value, language) })}
          </Typography.Text>
          <NoRouteWarning regionCode={value} />
        </>
      )}
    </Form.Item>
  );
}
