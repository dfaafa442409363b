// The modal every thing staff record on a case after intake is recorded in.
// The event type's form (registry.ts) gives the fields and builds the
// payload; the modal uploads any files or the signature first, checks the
// payload against the event's schema and, where it is refused, says why at
// the field it came from instead of sending. The backend checks everything
// again; its refusal is shown here, translated, with nothing lost. Focus
// starts on the form's first field, and a submit refused for an empty or wrong
// field puts it on the first such field; every message names its field.
// Sync may change the case while the form is open: the form stays, says what
// arrived, and sends only on the submit after that (CaseChanged.tsx).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Form, Modal } from 'antd';
import type { Matter } from '../../../../shared/catalog/index.ts';
import { EVENT_PAYLOADS } from '../../../../shared/case/events.ts';
import type { CaseDetail } from '../../../../shared/rpc/contract.ts';
import { uploadScan } from '../../intake/upload.ts';
import { noticeAuthority } from '../../notices/notices.ts';
import { describeError, rpc } from '../../rpc.ts';
import { useLanguage } from '../format.ts';
import type { SignatureHandle } from '../SignatureCanvas.tsx';
import { useCaseChanges } from './CaseChanged.tsx';
import { FormFrameContext, type FormFrame } from './forms/fields.tsx';
import { fieldErrors } from './issues.ts';
import { EVENT_VIEWS, formOf } from './registry.ts';
import type {
  FieldName,
  FormValues,
  PayloadContext,
  RecordableEventType,
  SignatureRef,
  UploadedFile,
} from './types.ts';

class SignatureMissing extends Error {}

/** What a keyboard can land on in the form, first to last. */
const FOCUSABLE = [
  'input:not([type="hidden"]):not([disabled])',
  'textarea:not([disabled])',
  'button:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/** How antd's validateFields rejects: the fields in error, in the form's order. */
interface ValidationFailure {
  errorFields?: { name: FieldName }[];
}

async function uploadAll(files: FileList | null): Promise<UploadedFile[]> {
  const uploaded = [];
  for (const file of Array.from(files ?? [])) {
    const { scan } = await uploadScan(file, () => undefined);
    uploaded.push({ sha256: scan.sha256, mediaType: scan.mediaType });
  }
  return uploaded;
}

/** The pad's signature, or the one drawn on screen, uploaded as a PNG. */
async function signatureOf(padSignature: string | null, canvas: SignatureHandle | null): Promise<SignatureRef> {
  if (padSignature) return { sha256: padSignature, source: 'pad' };
  const png = await canvas?.png();
  if (!png) throw new SignatureMissing();
  const { scan } = await uploadScan(new File([png], 'signature.png', { type: 'image/png' }), () => undefined);
  return { sha256: scan.sha256, source: 'screen' };
}

export function ActionModal({
  detail,
  type,
  matter,
  onClose,
}: {
  detail: CaseDetail;
  type: RecordableEventType;
  matter: Matter | undefined;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const spec = formOf(type);
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<FileList | null>(null);
  const canvas = useRef<SignatureHandle>(null);
  const [padSignature, setPadSignature] = useState<string | null>(null);
  const [pad, setPad] = useState(false);
  const [authorityMissing, setAuthorityMissing] = useState(false);
  const fields = useRef<HTMLDivElement>(null);
  const { prefill, attachments } = spec;
  const { stopToConfirm, note: changedNote } = useCaseChanges(detail, type);

  const focusFirstField = (): void => fields.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  const focusFirstError = (names: readonly FieldName[]): void => {
    if (names[0] !== undefined) form.focusField(names[0]);
  };

  useEffect(() => {
    if (!prefill) return;
    void rpc('authorities.list', {}).then(
      (register) => {
        const { authority } = noticeAuthority(register, detail.row.handlingRegion, matter);
        setAuthorityMissing(!authority);
        if (!authority) return;
        // Pre-filled, not imposed: what the officer has typed already stays.
        const filled = Object.entries(prefill(authority, detail.language)).filter(
          ([name, value]) => value && !form.isFieldTouched(name),
        );
        form.setFieldsValue(Object.fromEntries(filled));
      },
      () => setAuthorityMissing(true),
    );
  }, [prefill, detail.row.handlingRegion, detail.language, matter, form]);
  useEffect(() => {
    if (attachments !== 'signature') return;
    void rpc('devices.signaturePad', {}).then(
      (answer) => setPad(answer.configured),
      () => setPad(false),
    );
  }, [attachments]);

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

  const submit = async (): Promise<void> => {
    if (stopToConfirm()) return;
    // Where a field is missing, antd has said so at the field; the rejection is the answer, not an error.
    const values = await form.validateFields().catch((failure: ValidationFailure) => {
      focusFirstError((failure.errorFields ?? []).map(({ name }) => name));
      return null;
    });
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      const context: PayloadContext = {
        matter,
        files: attachments === 'files' ? await uploadAll(files) : [],
        signature: attachments === 'signature' ? await signatureOf(padSignature, canvas.current) : null,
      };
      const payload = spec.toPayload(values, context);
      const checked = EVENT_PAYLOADS[type].safeParse(payload);
      if (!checked.success) {
        const errors = fieldErrors(spec, checked.error.issues, context, t);
        const placed = errors.flatMap(({ name, messages }) => (name === undefined ? [] : [{ name, errors: messages }]));
        form.setFields(placed);
        focusFirstError(placed.map(({ name }) => name));
        const unplaced = errors.filter(({ name }) => name === undefined).flatMap(({ messages }) => messages);
        setError(unplaced.length > 0 ? unplaced.join(' ') : null);
        return;
      }
      await rpc('cases.record', { caseId: detail.row.caseId, type, payload });
      onClose();
    } catch (e) {
      setError(e instanceof SignatureMissing ? t('actions.signatureMissing') : describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const frame: FormFrame = {
    required: new Set([...spec.required, ...(spec.alsoRequired ?? [])]),
    chooseFiles: setFiles,
    authorityMissing,
    signature:
      attachments === 'signature'
        ? {
            canvas,
            padAvailable: pad,
            padSigned: padSignature !== null,
            busy,
            signOnPad: () => void signOnPad(),
          }
        : null,
  };

  return (
    <Modal
      open
      title={t(EVENT_VIEWS[type].label)}
      onCancel={onClose}
      onOk={() => void submit()}
      afterOpenChange={(open) => open && focusFirstField()}
      okText={t('actions.submit')}
      cancelText={t('actions.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'action-submit' } as never}
      width={720}
      destroyOnHidden
      data-testid="action-modal"
    >
      {changedNote}
      <FormFrameContext value={frame}>
        <div ref={fields}>
          {/* Enter in a single-line field submits, as the button does; a refusal focuses the first field in error. */}
          <Form
            form={form}
            layout="vertical"
            initialValues={spec.initialValues?.(detail)}
            onFinish={() => void submit()}
            onFinishFailed={({ errorFields }) => focusFirstError(errorFields.map(({ name }) => name))}
          >
            <spec.Fields detail={detail} matter={matter} language={language} />
          </Form>
        </div>
      </FormFrameContext>
      {error && <Alert type="error" showIcon title={error} data-testid="action-error" />}
    </Modal>
  );
}
