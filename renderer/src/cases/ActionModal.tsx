// One form per thing staff record on a case after intake. The form collects
// what the event's payload schema (shared/case/events.ts) asks for, uploads
// any files first, and sends cases.record; the backend checks everything
// again, and its refusal is shown here, translated, with nothing lost.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Rate, Select, Space } from 'antd';
import {
  DEFAULT_REFUSAL_REMEDIES,
  matterRefusalRemedies,
  type Authority,
  type Matter,
  type MatterRemedy,
  type RemedyKind,
} from '../../../shared/catalog/index.ts';
import type { CaseDetail } from '../../../shared/rpc/contract.ts';
import { IDENTITY_KINDS } from '../../../shared/identity/validate.ts';
import { uploadScan } from '../intake/upload.ts';
import { limitWording, noticeAuthority, periodText } from '../notices/notices.ts';
import { describeError, rpc } from '../rpc.ts';
import { useLanguage } from './format.ts';
import { SignatureCanvas, type SignatureHandle } from './SignatureCanvas.tsx';

type Values = Record<string, unknown>;

function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const lines = (text: unknown): string[] =>
  String(text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const optional = (text: unknown): string | undefined => String(text ?? '').trim() || undefined;

async function uploadAll(files: FileList | null | undefined): Promise<{ sha256: string; mediaType: string }[]> {
  const uploaded = [];
  for (const file of Array.from(files ?? [])) {
    const { scan } = await uploadScan(file, () => undefined);
    uploaded.push({ sha256: scan.sha256, mediaType: scan.mediaType });
  }
  return uploaded;
}

/** The remedies the law gives against a refusal of the matter, as its catalog entry declares them. */
const lawRemedies = (matter: Matter | undefined): readonly MatterRemedy[] =>
  matter ? matterRefusalRemedies(matter) : DEFAULT_REFUSAL_REMEDIES;

const bodyField = (kind: RemedyKind): string => `remedyBody_${kind}`;

/** Where each is sought: the register's reconsideration body, or its court, in the applicant's language. */
function remedyBodies(authority: Authority, language: CaseDetail['language']): Values {
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

function remedies(values: Values, matter: Matter | undefined) {
  return lawRemedies(matter).map((remedy) => ({
    kind: remedy.kind,
    body: String(values[bodyField(remedy.kind)] ?? '').trim(),
    ...(remedy.period ? { period: remedy.period } : {}),
  }));
}

/** The payload of `type` from the form's values; files are uploaded on the way. */
async function payloadOf(
  type: string,
  values: Values,
  matter: Matter | undefined,
  files: FileList | null,
  signature: SignatureHandle | null,
  padSignature: string | null,
): Promise<unknown> {
  const mailing = {
    carrier: String(values.carrier ?? '').trim(),
    waybillNo: String(values.waybillNo ?? '').trim(),
    mailedOn: String(values.mailedOn ?? ''),
  };
  switch (type) {
    case 'case.originals_dispatched':
      return { ...mailing, materialIds: values.materialIds ?? [] };
    case 'case.signed_for':
      return { part: values.part, note: optional(values.note) };
    case 'case.accepted':
      return { acceptanceNo: String(values.acceptanceNo ?? '').trim() };
    case 'case.not_accepted':
      return { reasons: lines(values.reasons), remedies: remedies(values, matter) };
    case 'case.correction_requested':
      return {
        items: ((values.items as Values[] | undefined) ?? []).map((item) => ({
          materialId: item.materialId === '__other' ? null : (item.materialId ?? null),
          problem: item.problem,
          note: String(item.note ?? '').trim(),
        })),
        note: optional(values.note),
        deadline: values.deadline,
      };
    case 'case.correction_supplied': {
      const ids = (values.materialIds as string[] | undefined) ?? [];
      const scans = await uploadAll(files);
      return {
        materials: ids.map((materialId) => ({
          materialId,
          outcome: 'received',
          forms: [...(matter?.materials.find((m) => m.id === materialId)?.acceptedForms ?? ['original_kept'])],
        })),
        scans: scans.map((scan) => ({ ...scan, materialId: ids[0] ?? null })),
        note: optional(values.note),
      };
    }
    case 'case.special_procedure_started':
      return { kind: values.kind, reason: String(values.reason ?? '').trim() };
    case 'case.special_procedure_ended':
      return { note: optional(values.note) };
    case 'case.deadline_extended':
      return {
        count: Number(values.count),
        reason: String(values.reason ?? '').trim(),
        legalBasis: String(values.legalBasis ?? '').trim(),
      };
    case 'case.concluded_approved':
    case 'case.concluded_approved_deferred':
    case 'case.concluded_refused': {
      const title = String(values.documentTitle ?? '').trim();
      const resultDocuments = (await uploadAll(files)).map((doc) => ({ ...doc, materialId: null, title }));
      const base = { resultDocuments, note: optional(values.note) };
      if (type === 'case.concluded_approved_deferred')
        return { ...base, deferredMaterialIds: values.materialIds ?? [] };
      if (type === 'case.concluded_refused')
        return { ...base, reasons: lines(values.reasons), remedies: remedies(values, matter) };
      return base;
    }
    case 'case.result_mailed':
      return { ...mailing, to: values.to };
    case 'case.result_delivered_electronically':
      return { channel: String(values.channel ?? '').trim() };
    case 'case.result_arrived':
      return { waybillNo: optional(values.waybillNo) };
    case 'case.result_collected': {
      let signed = padSignature ? { sha256: padSignature, source: 'pad' } : null;
      if (!signed) {
        const png = await signature?.png();
        if (!png) throw new Error('signatureMissing');
        const { scan } = await uploadScan(new File([png], 'signature.png', { type: 'image/png' }), () => undefined);
        signed = { sha256: scan.sha256, source: 'screen' };
      }
      return {
        collector: {
          name: String(values.collectorName ?? '').trim(),
          idKind: values.collectorIdKind,
          idNumber: String(values.collectorId ?? '').trim(),
        },
        byApplicant: Boolean(values.byApplicant),
        signature: signed,
      };
    }
    case 'case.evaluated':
      return { rating: values.rating, comment: optional(values.comment) };
    default:
      return {};
  }
}

export function ActionModal({
  detail,
  type,
  matter,
  onClose,
}: {
  detail: CaseDetail;
  type: string;
  matter: Matter | undefined;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<FileList | null>(null);
  const signature = useRef<SignatureHandle>(null);
  const [padSignature, setPadSignature] = useState<string | null>(null);
  const [pad, setPad] = useState(false);
  const { t: tNotices } = useTranslation(undefined, { keyPrefix: 'notices' });
  const refusing = type === 'case.not_accepted' || type === 'case.concluded_refused';
  const [authorityMissing, setAuthorityMissing] = useState(false);
  useEffect(() => {
    if (!refusing) return;
    void rpc('authorities.list', {}).then(
      (register) => {
        const { authority } = noticeAuthority(register, detail.row.handlingRegion, matter);
        setAuthorityMissing(!authority);
        if (!authority) return;
        // Pre-filled, not imposed: what the officer has typed already stays.
        const prefill = Object.entries(remedyBodies(authority, detail.language)).filter(
          ([name, value]) => value && !form.isFieldTouched(name),
        );
        form.setFieldsValue(Object.fromEntries(prefill));
      },
      () => setAuthorityMissing(true),
    );
  }, [refusing, detail.row.handlingRegion, detail.language, matter, form]);
  useEffect(() => {
    if (type !== 'case.result_collected') return;
    void rpc('devices.signaturePad', {}).then(
      (answer) => setPad(answer.configured),
      () => setPad(false),
    );
  }, [type]);
  const signOnPad = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setPadSignature((await rpc('devices.captureSignature', { prompt: t('actions.signatureHint') })).sha256);
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, whitespace: true, message: t('actions.required') }];
  // whitespace applies to text only: a multiple choice is an array.
  const chosen = [{ required: true, message: t('actions.required') }];
  const materialOptions = (matter?.materials ?? []).map((m) => ({ value: m.id, label: m.names[language] }));

  const submit = async (): Promise<void> => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const payload = await payloadOf(type, values, matter, files, signature.current, padSignature);
      await rpc('cases.record', { caseId: detail.row.caseId, type: type as never, payload });
      onClose();
    } catch (e) {
      setError(
        e instanceof Error && e.message === 'signatureMissing' ? t('actions.signatureMissing') : describeError(e, t),
      );
    } finally {
      setBusy(false);
    }
  };

  const text = (name: string, label: string, rules = required) => (
    <Form.Item name={name} label={t(label)} rules={rules}>
      <Input data-testid={`action-${name}`} />
    </Form.Item>
  );
  const area = (name: string, label: string, rules: typeof required | [] = []) => (
    <Form.Item name={name} label={t(label)} rules={rules}>
      <Input.TextArea rows={3} data-testid={`action-${name}`} />
    </Form.Item>
  );
  const date = (name: string, label: string) => (
    <Form.Item name={name} label={t(label)} rules={required}>
      <Input type="date" data-testid={`action-${name}`} />
    </Form.Item>
  );
  const materials = (label: string, rules: typeof chosen = chosen) => (
    <Form.Item name="materialIds" label={t(label)} rules={rules}>
      <Select mode="multiple" options={materialOptions} data-testid="action-materialIds" />
    </Form.Item>
  );
  const fileInput = (label: string) => (
    <Form.Item label={t(label)}>
      <input
        type="file"
        multiple
        accept="image/jpeg,image/png,application/pdf"
        onChange={(event) => setFiles(event.target.files)}
        data-testid="action-files"
      />
    </Form.Item>
  );
  // The remedies and their periods are the law's (the catalog's); the officer names where each is sought.
  const remedyFields = (
    <>
      {area('reasons', 'actions.reasons', required)}
      <div style={{ marginBottom: 8 }}>{t('actions.remedies')}</div>
      {authorityMissing && (
        <Alert type="warning" showIcon title={t('actions.authorityMissing')} style={{ marginBottom: 8 }} />
      )}
      {lawRemedies(matter).map((remedy) => (
        <Form.Item
          key={remedy.kind}
          name={bodyField(remedy.kind)}
          label={`${t(`actions.remedyKinds.${remedy.kind}`)} · ${t(`actions.remedyBodies.${remedy.kind}`)}`}
          extra={
            remedy.period
              ? t('actions.remedyPeriod', { period: periodText(tNotices, remedy.period) })
              : t('actions.remedyNoPeriod')
          }
          rules={required}
          data-testid={`action-remedy-${remedy.kind}`}
        >
          <Input data-testid={`action-remedyBody-${remedy.kind}`} />
        </Form.Item>
      ))}
    </>
  );
  const mailingFields = (
    <Space wrap>
      {text('carrier', 'actions.carrier')}
      {text('waybillNo', 'actions.waybillNo')}
      {date('mailedOn', 'actions.mailedOn')}
    </Space>
  );

  const fields: Record<string, React.ReactNode> = {
    'case.originals_dispatched': (
      <>
        {mailingFields}
        {materials('actions.materials')}
      </>
    ),
    'case.signed_for': (
      <>
        <Form.Item name="part" label={t('actions.part')} rules={[{ required: true }]}>
          <Radio.Group
            options={(['electronic', 'originals'] as const).map((p) => ({ value: p, label: t(`actions.parts.${p}`) }))}
          />
        </Form.Item>
        {area('note', 'actions.note')}
      </>
    ),
    'case.accepted': text('acceptanceNo', 'actions.acceptanceNo'),
    'case.not_accepted': remedyFields,
    'case.correction_requested': (
      <>
        <Form.List name="items">
          {(items, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <span>{t('actions.items')}</span>
              {items.map((item) => (
                <Space key={item.key} align="start" wrap data-testid="action-item">
                  <Form.Item
                    name={[item.name, 'materialId']}
                    rules={[{ required: true, message: t('actions.required') }]}
                  >
                    <Select
                      style={{ width: 220 }}
                      options={[...materialOptions, { value: '__other', label: t('actions.otherItem') }]}
                      data-testid="action-item-material"
                    />
                  </Form.Item>
                  <Form.Item name={[item.name, 'problem']} initialValue="missing">
                    <Select
                      style={{ width: 130 }}
                      options={(['missing', 'incorrect'] as const).map((p) => ({
                        value: p,
                        label: t(`actions.problems.${p}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[item.name, 'note']} rules={required}>
                    <Input placeholder={t('actions.itemNote')} style={{ width: 260 }} data-testid="action-item-note" />
                  </Form.Item>
                  <Button onClick={() => remove(item.name)}>{t('actions.removeItem')}</Button>
                </Space>
              ))}
              <Button onClick={() => add()} data-testid="action-add-item">
                {t('actions.addItem')}
              </Button>
            </Space>
          )}
        </Form.List>
        {area('note', 'actions.note')}
        {date('deadline', 'actions.deadline')}
      </>
    ),
    'case.correction_supplied': (
      <>
        {materials('actions.materials')}
        {fileInput('actions.files')}
        {area('note', 'actions.note')}
      </>
    ),
    'case.special_procedure_started': (
      <>
        <Form.Item name="kind" label={t('actions.kind')} rules={[{ required: true }]}>
          <Select
            options={(['hearing', 'inspection', 'expert_review', 'other'] as const).map((k) => ({
              value: k,
              label: t(`actions.kinds.${k}`),
            }))}
          />
        </Form.Item>
        {area('reason', 'actions.reason', required)}
      </>
    ),
    'case.special_procedure_ended': area('note', 'actions.note'),
    // The law's ceiling is shown, not enforced here: the backend refuses beyond it, with the reason.
    'case.deadline_extended': (
      <>
        <Form.Item
          name="count"
          label={t('actions.extendBy')}
          rules={chosen}
          extra={
            matter?.limits.extension &&
            t('actions.extendByHint', {
              max: t('actions.period', { days: matter.limits.extension.count, context: limitWording(matter) }),
              times: matter.limits.extension.times,
            })
          }
        >
          <InputNumber min={1} max={365} precision={0} data-testid="action-count" />
        </Form.Item>
        {area('reason', 'actions.reason', required)}
        {text('legalBasis', 'actions.legalBasis')}
      </>
    ),
    'case.concluded_approved': (
      <>
        {fileInput('actions.resultDocuments')}
        {text('documentTitle', 'actions.documentTitle')}
        {area('note', 'actions.note')}
      </>
    ),
    'case.concluded_approved_deferred': (
      <>
        {fileInput('actions.resultDocuments')}
        {text('documentTitle', 'actions.documentTitle')}
        {materials('actions.deferredMaterials')}
        {area('note', 'actions.note')}
      </>
    ),
    'case.concluded_refused': (
      <>
        {fileInput('actions.resultDocuments')}
        {text('documentTitle', 'actions.documentTitle')}
        {remedyFields}
      </>
    ),
    'case.result_mailed': (
      <>
        {mailingFields}
        <Form.Item name="to" label={t('actions.to')} rules={[{ required: true }]}>
          <Radio.Group
            options={(['applicant', 'intake_window'] as const).map((to) => ({
              value: to,
              label: t(`actions.tos.${to}`),
            }))}
          />
        </Form.Item>
      </>
    ),
    'case.result_delivered_electronically': text('channel', 'actions.channel'),
    'case.result_arrived': text('waybillNo', 'actions.waybillNo', []),
    'case.result_collected': (
      <>
        <Form.Item name="byApplicant" valuePropName="checked">
          <Checkbox data-testid="action-byApplicant">{t('actions.byApplicant')}</Checkbox>
        </Form.Item>
        <Space wrap>
          {text('collectorName', 'actions.collectorName')}
          <Form.Item name="collectorIdKind" label={t('actions.collectorIdKind')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              options={IDENTITY_KINDS.filter((k) => k !== 'mobile').map((k) => ({
                value: k,
                label: t(`identity.kinds.${k}`),
              }))}
            />
          </Form.Item>
          {text('collectorId', 'actions.collectorId')}
        </Space>
        <Form.Item label={t('actions.signature')} extra={t('actions.signatureHint')}>
          {padSignature ? (
            <Alert type="success" showIcon title={t('actions.padSigned')} data-testid="action-pad-signed" />
          ) : (
            <SignatureCanvas ref={signature} />
          )}
          {pad && !padSignature && (
            <Button onClick={() => void signOnPad()} loading={busy} data-testid="action-sign-on-pad">
              {t('actions.fromPad')}
            </Button>
          )}
        </Form.Item>
      </>
    ),
    'case.evaluated': (
      <>
        <Form.Item name="rating" label={t('actions.rating')} rules={[{ required: true }]}>
          <Rate tooltips={[1, 2, 3, 4, 5].map((n) => t(`actions.ratings.${n}`))} data-testid="action-rating" />
        </Form.Item>
        {area('comment', 'actions.comment')}
      </>
    ),
  };

  return (
    <Modal
      open
      title={t(`cases.events.${type}`)}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('actions.submit')}
      cancelText={t('actions.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'action-submit' } as never}
      width={720}
      destroyOnHidden
      data-testid="action-modal"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          mailedOn: today(),
          part: 'electronic',
          items: [{}],
          collectorIdKind: detail.applicant.idKind,
          byApplicant: true,
        }}
      >
        {fields[type]}
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="action-error" />}
    </Modal>
  );
}
