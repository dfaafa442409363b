// 排队号 and 个人信息处理告知: the ticket at intake, the privacy notice the
// applicant is given (in their language, on paper), its settings, and the
// waiting and serving times of the ledger and statistics.
import { defineMessages } from '../define.ts';

/** Refusals of the backend (RpcError.reason), joined into `reasons`. */
export const queuePrivacyReasonMessages = defineMessages(
  {
    queue_ticket_invalid: '排队号“{{code}}”格式不对：应为 1–3 个字母后接 1–5 位数字，如 A023。',
    queue_ticket_taken_after_start: '取号时间不能晚于开始办理的时间，请核对排队号上的时间。',
    queue_ticket_taken_in_future: '取号时间不能晚于现在，请核对排队号上的时间。',
    intake_started_in_future: '开始办理的时间不能晚于现在，请检查本机时间。',
    privacy_notice_not_acknowledged: '申请人尚未确认已阅知个人信息处理告知（Alt+P），不能提交。',
    privacy_notice_outdated: '个人信息处理告知已更新为 {{code}} 版，请向申请人重新告知后再确认。',
    privacy_notice_not_configured: '管理员尚未设置个人信息的保存期限和咨询联系方式，告知不完整，暂不能收件。',
    privacy_retention_invalid: '保存期限应为 1 至 100 的整数年。',
    privacy_contact_invalid: '咨询联系方式应为 5 至 200 个字符，如电话号码、地址或电子邮箱。',
  },
  {
    'zh-TW': {
      queue_ticket_invalid: '排隊號「{{code}}」格式不對：應為 1–3 個字母後接 1–5 位數字，如 A023。',
      queue_ticket_taken_after_start: '取號時間不能晚於開始辦理的時間，請核對排隊號上的時間。',
      queue_ticket_taken_in_future: '取號時間不能晚於現在，請核對排隊號上的時間。',
      intake_started_in_future: '開始辦理的時間不能晚於現在，請檢查本機時間。',
      privacy_notice_not_acknowledged: '申請人尚未確認已閱知個人信息處理告知（Alt+P），不能提交。',
      privacy_notice_outdated: '個人信息處理告知已更新為 {{code}} 版，請向申請人重新告知後再確認。',
      privacy_notice_not_configured: '管理員尚未設定個人信息的保存期限和諮詢聯絡方式，告知不完整，暫不能收件。',
      privacy_retention_invalid: '保存期限應為 1 至 100 的整數年。',
      privacy_contact_invalid: '諮詢聯絡方式應為 5 至 200 個字元，如電話號碼、地址或電子郵箱。',
    },
    en: {
      queue_ticket_invalid:
        'Queue ticket “{{code}}” is not in the right form: 1–3 letters followed by 1–5 digits, e.g. A023.',
      queue_ticket_taken_after_start:
        'The ticket cannot have been taken after the intake started; check the time on the ticket.',
      queue_ticket_taken_in_future: 'The ticket time cannot be later than now; check the time on the ticket.',
      intake_started_in_future: 'The intake cannot start later than now; check this computer’s clock.',
      privacy_notice_not_acknowledged:
        'The applicant has not yet acknowledged the privacy notice (Alt+P); the intake cannot be submitted.',
      privacy_notice_outdated:
        'The privacy notice is now version {{code}}; give the applicant the new notice, then record the acknowledgement.',
      privacy_notice_not_configured:
        'The administrator has not set the retention period and contact of the privacy notice; no intake until they do.',
      privacy_retention_invalid: 'The retention period must be a whole number of years from 1 to 100.',
      privacy_contact_invalid: 'The contact must be 5 to 200 characters: a phone number, an address or a mailbox.',
    },
  },
);

export const queuePrivacyMessages = defineMessages(
  {
    ticket: {
      label: '排队号',
      placeholder: '输入或扫描，如 A023',
      takenAt: '取号时间',
      takenAtHint: '排队号上印的时间（时:分），可不填',
      badTime: '取号时间应为“时:分”，如 09:05。',
    },
    ack: {
      label: '申请人已阅知个人信息处理告知（{{version}} 版）',
      recordedAt: '已于 {{time}} 确认',
      notConfigured: '管理员尚未设置告知的保存期限和联系方式，暂不能收件。',
    },
    notice: {
      title: '个人信息处理告知书',
      version: '告知版本：{{version}}',
      intro: '根据《中华人民共和国个人信息保护法》第十七条、第二十三条，现将办理本事项时对您个人信息的处理告知如下。',
      handler: '个人信息处理者：{{hall}}（{{region}}，收件窗口 {{window}} 号），联系方式：{{contact}}。',
      purpose: '处理目的：受理您申请的跨省通办事项“{{matter}}”，转递办理地办理，并将结果告知您；不用于其他目的。',
      method: '处理方式：在窗口录入和扫描，加密保存在本机，经签名加密的通道提供给办理地。',
      categories: '处理的个人信息：{{categories}}。',
      categoryPerson: '{{who}}的姓名、证件类型和号码、联系电话、住址、国籍',
      categoryForm: '本事项申请表所填信息（{{fields}}）',
      categoryScans: '申请材料的扫描件（{{count}} 份）',
      sensitive:
        '其中证件号码等属于敏感个人信息；处理它是核验身份、办理本事项所必需的，仅在办理所需范围内使用并加密保存。',
      basis:
        '处理依据：为履行法定职责所必需（个人信息保护法第十三条第一款第三项），无需取得您的同意；您的签收表示已获告知。',
      recipient:
        '接收方：{{authority}}（办理地 {{region}}），以上述目的和方式处理上述全部信息；向接收方的询问可经本窗口联系方式转达。',
      retention:
        '保存期限：自办结之日起 {{years}} 年，期满删除或匿名化；法律、行政法规规定的保管期限更长的，从其规定。',
      rights:
        '您的权利：您可以查阅、复制、更正、补充您的个人信息，要求说明处理规则，在法律规定的情形下要求删除（第四十四条至第四十八条）。请联系：{{contact}}，或到本窗口提出。',
      acknowledged: '申请人已阅知本告知（{{version}} 版），时间：{{time}}。',
      signature: '申请人签名：',
      authorityFallback: '{{region}}的办理机关',
      applicant: '申请人',
      agent: '代理人',
    },
    settings: {
      title: '个人信息处理告知',
      hint: '告知书和回执上向申请人说明的保存期限和咨询方式；未设置时不能收件。',
      retentionYears: '保存期限（年，自办结之日起）',
      contact: '咨询和行使权利的联系方式',
      contactPlaceholder: '如：彭泽县政务服务中心 0792-4567890',
      save: '保存',
      saved: '已保存。',
    },
    receipt: { queueTicket: '排队号' },
    ledger: {
      queueTicket: '排队号',
      waiting: '等候（分钟）',
      serving: '办理（分钟）',
      waitingShort: '等候 {{minutes}} 分钟',
      servingShort: '办理 {{minutes}} 分钟',
    },
    stats: {
      title: '排队与办理时间',
      waiting: '等候时间（取号至开始办理）',
      serving: '办理时间（开始办理至提交）',
      count: '件数',
      average: '平均（分钟）',
      p90: '90% 不超过（分钟）',
      none: '无同时记录两端时间的办件',
    },
  },
  {
    'zh-TW': {
      ticket: {
        label: '排隊號',
        placeholder: '輸入或掃描，如 A023',
        takenAt: '取號時間',
        takenAtHint: '排隊號上印的時間（時:分），可不填',
        badTime: '取號時間應為「時:分」，如 09:05。',
      },
      ack: {
        label: '申請人已閱知個人信息處理告知（{{version}} 版）',
        recordedAt: '已於 {{time}} 確認',
        notConfigured: '管理員尚未設定告知的保存期限和聯絡方式，暫不能收件。',
      },
      notice: {
        title: '個人信息處理告知書',
        version: '告知版本：{{version}}',
        intro: '根據《中華人民共和國個人信息保護法》第十七條、第二十三條，現將辦理本事項時對您個人信息的處理告知如下。',
        handler: '個人信息處理者：{{hall}}（{{region}}，收件窗口 {{window}} 號），聯絡方式：{{contact}}。',
        purpose: '處理目的：受理您申請的跨省通辦事項「{{matter}}」，轉遞辦理地辦理，並將結果告知您；不用於其他目的。',
        method: '處理方式：在窗口錄入和掃描，加密保存在本機，經簽名加密的通道提供給辦理地。',
        categories: '處理的個人信息：{{categories}}。',
        categoryPerson: '{{who}}的姓名、證件類型和號碼、聯絡電話、住址、國籍',
        categoryForm: '本事項申請表所填信息（{{fields}}）',
        categoryScans: '申請材料的掃描件（{{count}} 份）',
        sensitive:
          '其中證件號碼等屬於敏感個人信息；處理它是核驗身份、辦理本事項所必需的，僅在辦理所需範圍內使用並加密保存。',
        basis:
          '處理依據：為履行法定職責所必需（個人信息保護法第十三條第一款第三項），無需取得您的同意；您的簽收表示已獲告知。',
        recipient:
          '接收方：{{authority}}（辦理地 {{region}}），以上述目的和方式處理上述全部信息；向接收方的詢問可經本窗口聯絡方式轉達。',
        retention:
          '保存期限：自辦結之日起 {{years}} 年，期滿刪除或匿名化；法律、行政法規規定的保管期限更長的，從其規定。',
        rights:
          '您的權利：您可以查閱、複製、更正、補充您的個人信息，要求說明處理規則，在法律規定的情形下要求刪除（第四十四條至第四十八條）。請聯絡：{{contact}}，或到本窗口提出。',
        acknowledged: '申請人已閱知本告知（{{version}} 版），時間：{{time}}。',
        signature: '申請人簽名：',
        authorityFallback: '{{region}}的辦理機關',
        applicant: '申請人',
        agent: '代理人',
      },
      settings: {
        title: '個人信息處理告知',
        hint: '告知書和回執上向申請人說明的保存期限和諮詢方式；未設定時不能收件。',
        retentionYears: '保存期限（年，自辦結之日起）',
        contact: '諮詢和行使權利的聯絡方式',
        contactPlaceholder: '如：彭澤縣政務服務中心 0792-4567890',
        save: '儲存',
        saved: '已儲存。',
      },
      receipt: { queueTicket: '排隊號' },
      ledger: {
        queueTicket: '排隊號',
        waiting: '等候（分鐘）',
        serving: '辦理（分鐘）',
        waitingShort: '等候 {{minutes}} 分鐘',
        servingShort: '辦理 {{minutes}} 分鐘',
      },
      stats: {
        title: '排隊與辦理時間',
        waiting: '等候時間（取號至開始辦理）',
        serving: '辦理時間（開始辦理至提交）',
        count: '件數',
        average: '平均（分鐘）',
        p90: '90% 不超過（分鐘）',
        none: '無同時記錄兩端時間的辦件',
      },
    },
    en: {
      ticket: {
        label: 'Queue ticket',
        placeholder: 'Type or scan, e.g. A023',
        takenAt: 'Taken at',
        takenAtHint: 'The time printed on the ticket (hh:mm), if any',
        badTime: 'The ticket time must be hh:mm, e.g. 09:05.',
      },
      ack: {
        label: 'The applicant has read the privacy notice (version {{version}})',
        recordedAt: 'Acknowledged at {{time}}',
        notConfigured: 'The administrator has not set the notice’s retention period and contact; no intake until then.',
      },
      notice: {
        title: 'Notice on the Processing of Personal Information',
        version: 'Notice version: {{version}}',
        intro:
          'Under Articles 17 and 23 of the Personal Information Protection Law of the People’s Republic of China, this is how your personal information is processed for this application.',
        handler:
          'Handler of your personal information: {{hall}} ({{region}}, intake window {{window}}); contact: {{contact}}.',
        purpose:
          'Purpose: to take in your cross-province application “{{matter}}”, pass it to the handling place and tell you the result; for no other purpose.',
        method:
          'Method: entered and scanned at the window, kept encrypted on this computer, and provided to the handling place over a signed, encrypted channel.',
        categories: 'Personal information processed: {{categories}}.',
        categoryPerson: 'the {{who}}’s name, ID type and number, phone, address and nationality',
        categoryForm: 'what the application form of this matter asks ({{fields}})',
        categoryScans: 'scans of the application materials ({{count}})',
        sensitive:
          'The ID number and similar data are sensitive personal information; processing them is necessary to verify identity and handle this application, and they are used only for it and kept encrypted.',
        basis:
          'Legal basis: necessary to perform statutory duties (PIPL Art. 13(1)(3)); your consent is not required, and your signature confirms that you were informed.',
        recipient:
          'Recipient: {{authority}} (handling place {{region}}), which processes all of the above for the same purpose and by the same method; questions to it can be passed on through the contact of this window.',
        retention:
          'Retention: {{years}} years from the conclusion of the case, then deleted or anonymised; where laws or administrative regulations require a longer archiving period, that period applies.',
        rights:
          'Your rights: you may access, copy, correct and complete your personal information, ask for the processing rules to be explained, and, where the law provides, ask for deletion (Articles 44–48). Contact: {{contact}}, or ask at this window.',
        acknowledged: 'The applicant has read this notice (version {{version}}) at {{time}}.',
        signature: 'Applicant’s signature:',
        authorityFallback: 'the handling authority of {{region}}',
        applicant: 'applicant',
        agent: 'agent',
      },
      settings: {
        title: 'Privacy notice',
        hint: 'The retention period and contact the notice and receipt state; no intake until both are set.',
        retentionYears: 'Retention (years from conclusion)',
        contact: 'Contact for questions and rights',
        contactPlaceholder: 'e.g. Pengze County Government Service Centre 0792-4567890',
        save: 'Save',
        saved: 'Saved.',
      },
      receipt: { queueTicket: 'Queue ticket' },
      ledger: {
        queueTicket: 'Ticket',
        waiting: 'Waiting (min)',
        serving: 'Serving (min)',
        waitingShort: 'waited {{minutes}} min',
        servingShort: 'served {{minutes}} min',
      },
      stats: {
        title: 'Waiting and serving times',
        waiting: 'Waiting (ticket to intake start)',
        serving: 'Serving (intake start to submission)',
        count: 'Cases',
        average: 'Average (min)',
        p90: '90% within (min)',
        none: 'No case with both times recorded',
      },
    },
  },
);
