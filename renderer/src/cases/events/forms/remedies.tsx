// A refusal's reasons and remedies, shared by 不予受理 and 办结（不通过）. The
// remedies and their periods are the law's (the matter's catalog entry); the
// officer names where each is sought, pre-filled from the authority register.
import { useTranslation } from 'react-i18next';
import { Alert, Form, Input } from 'antd';
import {
  DEFAULT_REFUSAL_REMEDIES,
  matterRefusalRemedies,
  REMEDY_KINDS,
  type Authority,
  type Matter,
  type MatterRemedy,
  type RemedyKind,
} from '../../../../../shared/catalog/index.ts';
import type { Language } from '../../../../../shared/languages.ts';
import { periodText } from '../../../notices/notices.ts';
import type { PayloadContext, PayloadInput, Placement } from '../types.ts';
import { AreaField, field, useFormFrame, useRules } from './fields.tsx';
import { lines, trimmed } from './values.ts';

export type RemedyValues = { reasons?: string } & { [K in RemedyKind as `remedyBody_${K}`]?: string };

const bodyField = <K extends RemedyKind>(kind: K): `remedyBody_${K}` => `remedyBody_${kind}`;

/** Reasons and every remedy body the law may ask for: the form shows those of the matter. */
export const REMEDY_REQUIRED = ['reasons', ...REMEDY_KINDS.map(bodyField)] as const;

/** The remedies the law gives against a refusal of the matter, as its catalog entry declares them. */
const lawRemedies = (matter: Matter | undefined): readonly MatterRemedy[] =>
  matter ? matterRefusalRemedies(matter) : DEFAULT_REFUSAL_REMEDIES;

/** Where each is sought: the register's reconsideration body, or its court, in the applicant's language. */
export function remedyBodies(authority: Authority, language: Language): RemedyValues {
  const court = authority.court[language];
  return {
    [bodyField('administrative_reconsideration')]: authority.reconsiderationBody?.[language],
    [bodyField('administrative_litigation')]: court,
    [bodyField('civil_litigation')]: court,
    // A mediation request not taken up goes to the arbitration committee, which the register names.
    [bodyField('labour_arbitration')]:
      authority.category === 'labour_arbitration' ? authority.names[language] : undefined,
  };
}

type Refusal = Pick<PayloadInput<'case.not_accepted'>, 'reasons' | 'remedies'>;

export function refusal(values: RemedyValues, matter: Matter | undefined): Refusal {
  return {
    reasons: lines(values.reasons),
    remedies: lawRemedies(matter).map((remedy) => ({
      kind: remedy.kind,
      body: trimmed(values[bodyField(remedy.kind)]),
      ...(remedy.period ? { period: remedy.period } : {}),
    })),
  };
}

/** What the reasons are called: 不予受理理由 on a refusal to accept, 不予批准理由 on a conclusion that refuses. */
export type ReasonsLabel = 'actions.notAcceptedReasons' | 'actions.refusedReasons';

export const refusalPlacements = (reasons: ReasonsLabel): { [K in keyof Refusal]: Placement } => ({
  reasons: field('reasons', reasons),
  // A remedy's body is the officer's; its kind and period come from the catalog, so they count as the list's.
  remedies: ([index, key]: readonly PropertyKey[], { matter }: PayloadContext) => {
    const remedy = typeof index === 'number' ? lawRemedies(matter)[index] : undefined;
    return remedy && key === 'body'
      ? field(bodyField(remedy.kind), `actions.remedyBodies.${remedy.kind}`)
      : { label: 'actions.remedies' };
  },
});

function RemedyBody({ remedy }: { remedy: MatterRemedy }) {
  const { t } = useTranslation();
  const { t: tNotices } = useTranslation(undefined, { keyPrefix: 'notices' });
  const name = bodyField(remedy.kind);
  return (
    <Form.Item
      name={name}
      label={`${t(`actions.remedyKinds.${remedy.kind}`)} · ${t(`actions.remedyBodies.${remedy.kind}`)}`}
      extra={
        remedy.period
          ? t('actions.remedyPeriod', { period: periodText(tNotices, remedy.period) })
          : t('actions.remedyNoPeriod')
      }
      rules={useRules(name, 'text', `actions.remedyBodies.${remedy.kind}`)}
      data-testid={`action-remedy-${remedy.kind}`}
    >
      <Input data-testid={`action-remedyBody-${remedy.kind}`} />
    </Form.Item>
  );
}

export function RefusalFields({ matter, reasonsLabel }: { matter: Matter | undefined; reasonsLabel: ReasonsLabel }) {
  const { t } = useTranslation();
  const { authorityMissing } = useFormFrame();
  return (
    <>
      <AreaField name="reasons" label={reasonsLabel} extra="actions.reasonsHint" />
      <div style={{ marginBottom: 8 }}>{t('actions.remedies')}</div>
      {authorityMissing && (
        <Alert type="warning" showIcon title={t('actions.authorityMissing')} style={{ marginBottom: 8 }} />
      )}
      {lawRemedies(matter).map((remedy) => (
        <RemedyBody key={remedy.kind} remedy={remedy} />
      ))}
    </>
  );
}
