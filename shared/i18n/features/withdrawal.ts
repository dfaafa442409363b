// 撤件 (withdrawal) on screen and on paper, the new due date an extension (延期)
// gives, and the five-day correction mark (补正告知期限) on the case's clock.
import { defineMessages } from '../define.ts';

export const withdrawalMessages = defineMessages(
  {
    form: {
      reason: '撤件原因',
      requestedBy: '提出撤件的人',
      requestedBys: { applicant: '申请人本人', agent: '代理人' },
      hint: '撤件后办件终止办理，办理时限停止计算，不能恢复；已办结或不予受理的办件不能撤件。',
    },
    timeline: {
      requestedBy: '提出人：{{who}}',
      sides: { intake: '收件地窗口记录', handling: '办理地记录' },
    },
    notice: {
      fields: {
        withdrawnOn: '撤件日期',
        requestedBy: '提出人',
        reason: '撤件原因',
        recordedAt: '记录地',
        recordedBy: '经办人',
      },
      statement:
        '申请人于 {{date}} 申请撤回上述办件的申请，经核对已予记录。本件自撤回之日起终止办理，办理时限停止计算。',
      materials: '已提交的纸质材料原件，可持本确认书及身份证件到 {{place}} 领回；扫描件按档案管理规定留存。',
      again: '如需再次办理，请重新提出申请。',
      applicantSignature: '申请人（代理人）签名：',
      recordedOn: '记录日期：{{date}}',
    },
    extension: {
      preview: '延长后的法定期限：{{date}}',
      previewEmpty: '填写延长期限后，这里显示延长后的期满日。',
      previewUnknown: '本机没有该事项的目录，无法预先计算新的期满日。',
    },
    mark: {
      title: '补正告知期限',
      counting: '收件后第 {{day}} 个工作日；如需补正，最迟于 {{date}} 一次性告知',
      due: '即将届满：收件后第 {{day}} 个工作日，最迟于 {{date}} 一次性告知补正',
      passed: '{{date}} 前未一次性告知补正：依法自收件之日（{{received}}）起视为受理',
      tag: '视为受理',
      dueTag: '补正告知临期',
    },
  },
  {
    'zh-TW': {
      form: {
        reason: '撤件原因',
        requestedBy: '提出撤件的人',
        requestedBys: { applicant: '申請人本人', agent: '代理人' },
        hint: '撤件後辦件終止辦理，辦理時限停止計算，不能恢復；已辦結或不予受理的辦件不能撤件。',
      },
      timeline: {
        requestedBy: '提出人：{{who}}',
        sides: { intake: '收件地窗口記錄', handling: '辦理地記錄' },
      },
      notice: {
        fields: {
          withdrawnOn: '撤件日期',
          requestedBy: '提出人',
          reason: '撤件原因',
          recordedAt: '記錄地',
          recordedBy: '經辦人',
        },
        statement:
          '申請人於 {{date}} 申請撤回上述辦件的申請，經核對已予記錄。本件自撤回之日起終止辦理，辦理時限停止計算。',
        materials: '已提交的紙本材料原件，可持本確認書及身分證件到 {{place}} 領回；掃描檔按檔案管理規定留存。',
        again: '如需再次辦理，請重新提出申請。',
        applicantSignature: '申請人（代理人）簽名：',
        recordedOn: '記錄日期：{{date}}',
      },
      extension: {
        preview: '延長後的法定期限：{{date}}',
        previewEmpty: '填寫延長期限後，這裡顯示延長後的期滿日。',
        previewUnknown: '本機沒有該事項的目錄，無法預先計算新的期滿日。',
      },
      mark: {
        title: '補正告知期限',
        counting: '收件後第 {{day}} 個工作日；如需補正，最遲於 {{date}} 一次告知',
        due: '即將屆滿：收件後第 {{day}} 個工作日，最遲於 {{date}} 一次告知補正',
        passed: '{{date}} 前未一次告知補正：依法自收件之日（{{received}}）起視為受理',
        tag: '視為受理',
        dueTag: '補正告知臨期',
      },
    },
    en: {
      form: {
        reason: 'Reason for withdrawal',
        requestedBy: 'Asked by',
        requestedBys: { applicant: 'The applicant', agent: 'The agent' },
        hint: 'A withdrawn case is no longer handled and its clock stops for good; a concluded or refused case cannot be withdrawn.',
      },
      timeline: {
        requestedBy: 'Asked by: {{who}}',
        sides: { intake: 'Recorded at the intake window', handling: 'Recorded at the handling place' },
      },
      notice: {
        fields: {
          withdrawnOn: 'Withdrawn on',
          requestedBy: 'Asked by',
          reason: 'Reason',
          recordedAt: 'Recorded at',
          recordedBy: 'Recorded by',
        },
        statement:
          'On {{date}} the applicant asked to withdraw the application above, and the withdrawal has been recorded. The case is no longer handled from that day, and its time limit no longer runs.',
        materials:
          'Paper originals handed in may be collected at {{place}} on showing this confirmation and an identity document; scans are kept as the archive rules require.',
        again: 'To apply again, please make a new application.',
        applicantSignature: 'Signature of the applicant (or agent):',
        recordedOn: 'Recorded on {{date}}',
      },
      extension: {
        preview: 'Statutory time limit after the extension: {{date}}',
        previewEmpty: 'Enter the extension to see the new last day here.',
        previewUnknown: 'This device lacks the matter’s catalog and cannot work out the new last day.',
      },
      mark: {
        title: 'Correction notice due',
        counting: 'Working day {{day}} after receipt; any correction notice is due by {{date}}',
        due: 'Due soon: working day {{day}} after receipt; issue any correction notice by {{date}}',
        passed:
          'No correction notice by {{date}}: by law the application counts as accepted from the day of receipt ({{received}})',
        tag: 'Deemed accepted',
        dueTag: 'Notice due',
      },
    },
  },
);
