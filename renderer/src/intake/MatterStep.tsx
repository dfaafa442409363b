import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, Input, List, Tag, Typography, type InputRef } from 'antd';
import { searchMatters } from '../../../shared/catalog/search.ts';
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { Language } from '../../../shared/languages.ts';
import { regionName } from '../../../shared/regions.ts';
import { focusIsFree } from './step-focus.ts';

/** Type to search; ↑/↓ move, Enter chooses. */
export function MatterStep({
  matters,
  selected,
  onChoose,
}: {
  matters: Matter[];
  selected: string | null;
  onChoose(matter: Matter): void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [query, setQuery] = useState('');
  const results = useMemo(() => searchMatters(matters, query, 20), [matters, query]);
  // Coming back to this step, the matter chosen before is highlighted.
  const [active, setActive] = useState(() =>
    Math.max(
      0,
      results.findIndex((m) => m.id === selected),
    ),
  );
  const input = useRef<InputRef>(null);

  useEffect(() => {
    const box = input.current?.input;
    if (focusIsFree(box?.closest('[data-testid="intake-wizard"]'))) input.current?.focus();
  }, []);

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, results.length - 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter' && results[active]?.createsCase) onChoose(results[active]!);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div>
      <Input
        ref={input}
        size="large"
        placeholder={t('intake.matterSearch')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        data-testid="matter-search"
        aria-controls="matter-results"
      />
      {results.length === 0 ? (
        <Empty description={t('intake.matterNoResult')} />
      ) : (
        <div id="matter-results" role="listbox" style={{ marginTop: 12 }}>
          <List
            dataSource={results}
            renderItem={(matter, index) => (
              <List.Item
                role="option"
                aria-selected={index === active}
                data-testid={`matter-${matter.id}`}
                onClick={() => matter.createsCase && onChoose(matter)}
                style={{
                  cursor: matter.createsCase ? 'pointer' : 'not-allowed',
                  background: index === active ? '#fff1f0' : undefined,
                  padding: '8px 12px',
                  opacity: matter.createsCase ? 1 : 0.55,
                }}
              >
                <List.Item.Meta
                  title={
                    <span>
                      {matter.names[language]} <Typography.Text type="secondary">{matter.id}</Typography.Text>
                    </span>
                  }
                  description={
                    <>
                      {/* Where the applicant's place decides, the rule says which; the clerk chooses it later. */}
                      {matter.handlingRegionFrom
                        ? matter.handlingPlaceRule[language]
                        : regionName(matter.handlingRegion, language)}
                      {!matter.createsCase && <Tag style={{ marginLeft: 8 }}>{t('intake.matterConsultation')}</Tag>}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </div>
      )}
    </div>
  );
}
