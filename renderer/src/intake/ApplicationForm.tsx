// 申请表 at the review step: the form made from what the clerk entered, shown
// masked, printed in full for the applicant to check and sign on paper (the
// signed paper is then scanned like any material), or signed on the pad, when
// the window has one: the form is then drawn with the signature and kept as a
// scan of the case, on the matter's own application-form material where its
// checklist has one.
import { useEffect, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Space } from 'antd';
import { EditOutlined, FileTextOutlined } from '@ant-design/icons';
import type { Matter } from '../../../shared/catalog/schema.ts';
import { cell, head, PrintPreview } from '../notices/print.tsx';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { applicationFormModel, type ApplicationFormModel } from './application-form.ts';
import { keepSignedForm } from './signed-form.ts';
import type { WizardState } from './wizard-state.ts';

export function ApplicationFormDocument({ model, testId }: { model: ApplicationFormModel; testId: string }) {
  return (
    <div lang={model.language} data-testid={testId} style={{ fontFamily: 'sans-serif', color: '#000', fontSize: 13 }}>
      <h1 style={{ fontSize: 24, margin: '0 0 12px', textAlign: 'center' }}>{model.title}</h1>
      {model.sections.map((section) => (
        <table key={section.heading} style={{ width: '100%', borderCollapse: 'collapse', marginTop: 10 }}>
          <caption style={{ textAlign: 'left', fontWeight: 600, padding: '4px 0' }}>{section.heading}</caption>
          <tbody>
            {section.rows.map(([label, value], index) => (
              <tr key={index}>
                <th style={head}>{label}</th>
                <td style={cell}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <p style={{ marginTop: 16 }}>{model.declaration}</p>
      <div style={{ ...cell, marginTop: 8, minHeight: 110, display: 'flex', justifyContent: 'space-between' }}>
        <div style={{ fontWeight: 600 }}>{model.signatureLabel}</div>
        <div style={{ alignSelf: 'flex-end' }}>{model.dateLine}</div>
      </div>
    </div>
  );
}

export function ApplicationFormButton({
  matter,
  state,
  update,
}: {
  matter: Matter;
  state: WizardState;
  update(change: (draft: WizardState) => WizardState): void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [pad, setPad] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [signed, setSigned] = useState(false);
  useEffect(() => {
    if (!open) return;
    void rpc('devices.signaturePad', {}).then(
      (answer) => setPad(answer.configured),
      () => setPad(false),
    );
  }, [open]);
  const device = session.info?.device;
  if (!device) return null;
  const place = { regionCode: device.regionCode, hall: device.hall, windowNo: device.windowNo };
  const model = (full: boolean): ApplicationFormModel => applicationFormModel(matter, state, place, full, new Date());

  const signOnPad = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      // The pad faces the applicant: it asks in the applicant's language.
      const prompt = i18next.getFixedT(state.language, undefined, 'paperwork')('form.padPrompt');
      const { png } = await rpc('paperwork.signForm', { prompt });
      await keepSignedForm(matter, model(true), png, `${t('paperwork.form.fileName')}.png`, update);
      setSigned(true);
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<FileTextOutlined />} onClick={() => setOpen(true)} data-testid="application-form-open">
        {t('paperwork.form.open')}
      </Button>
      {open && (
        <PrintPreview
          testId="application-form"
          title={t('paperwork.form.dialogTitle')}
          error={error}
          ready={{
            fileName: t('paperwork.form.fileName'),
            render: (copy) => (
              <ApplicationFormDocument
                model={model(copy === 'print')}
                testId={copy === 'screen' ? 'application-form' : 'application-form-print-copy'}
              />
            ),
          }}
          extra={
            <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
              <Alert type="info" showIcon title={t('paperwork.form.screenMasked')} />
              {signed && (
                <Alert
                  type="success"
                  showIcon
                  title={t('paperwork.form.signed')}
                  data-testid="application-form-signed"
                />
              )}
              {pad && (
                <Button
                  icon={<EditOutlined />}
                  loading={busy}
                  onClick={() => void signOnPad()}
                  data-testid="application-form-sign-pad"
                >
                  {t('paperwork.form.signOnPad')}
                </Button>
              )}
            </Space>
          }
          record={(output, outcome) =>
            rpc('paperwork.recordFormPrint', { draftId: state.draftId, matterId: matter.id, output, outcome })
          }
          onClose={() => {
            setOpen(false);
            setSigned(false);
            setError(null);
          }}
        />
      )}
    </>
  );
}
