// All UI text: the shell's resources plus one module per feature, each under
// its own key (t('intake.…'), t('cases.…')). Every language has the same keys (tested).
import { identityMessages } from '../identity/messages.ts';
import type { Language } from '../languages.ts';
import { en } from './en.ts';
import { actionMessages } from './features/actions.ts';
import { adminMessages } from './features/admin.ts';
import { applicantScreenMessages } from './features/applicant-screen.ts';
import { authMessages } from './features/auth.ts';
import { backupMessages } from './features/backup.ts';
import { casesMessages } from './features/cases.ts';
import { commitmentsMessages } from './features/commitments.ts';
import { deliveryMessages } from './features/delivery.ts';
import { documentCameraMessages } from './features/document-camera.ts';
import { firstStepsMessages } from './features/first-steps.ts';
import { formChangeMessages } from './features/form-changes.ts';
import { idCardMessages, idCardReasonMessages } from './features/id-card.ts';
import { intakeMessages } from './features/intake.ts';
import { keyStoreMessages } from './features/key-store.ts';
import { noticesMessages } from './features/notices.ts';
import { queuePrivacyMessages, queuePrivacyReasonMessages } from './features/queue-privacy.ts';
import { paperworkMessages } from './features/paperwork.ts';
import { reasonMessages } from './features/reasons.ts';
import { receiptMessages } from './features/receipt.ts';
import { rectificationMessages, rectificationReasonMessages } from './features/rectification.ts';
import { statusPageMessages } from './features/status-page.ts';
import { supervisionMessages } from './features/supervision.ts';
import { syncMessages } from './features/sync.ts';
import { withdrawalMessages } from './features/withdrawal.ts';
import { zhCN, type Resources as ShellResources } from './zh-CN.ts';
import { zhTW } from './zh-TW.ts';

const SHELL: Record<Language, ShellResources> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

function resources(language: Language) {
  return {
    ...SHELL[language],
    reasons: {
      ...reasonMessages[language],
      ...queuePrivacyReasonMessages[language],
      ...rectificationReasonMessages[language],
      ...idCardReasonMessages[language],
    },
    identity: identityMessages[language],
    auth: authMessages[language],
    intake: intakeMessages[language],
    receipt: receiptMessages[language],
    notices: noticesMessages[language],
    cases: casesMessages[language],
    actions: actionMessages[language],
    admin: adminMessages[language],
    firstSteps: firstStepsMessages[language],
    keyStore: keyStoreMessages[language],
    sync: syncMessages[language],
    supervision: supervisionMessages[language],
    backup: backupMessages[language],
    commitments: commitmentsMessages[language],
    withdrawal: withdrawalMessages[language],
    queuePrivacy: queuePrivacyMessages[language],
    delivery: deliveryMessages[language],
    paperwork: paperworkMessages[language],
    formChanges: formChangeMessages[language],
    statusPage: statusPageMessages[language],
    documentCamera: documentCameraMessages[language],
    rectification: rectificationMessages[language],
    idCard: idCardMessages[language],
    applicantScreen: applicantScreenMessages[language],
  };
}

export type Resources = ReturnType<typeof resources>;
export const RESOURCES: Record<Language, Resources> = {
  'zh-CN': resources('zh-CN'),
  'zh-TW': resources('zh-TW'),
  en: resources('en'),
};
