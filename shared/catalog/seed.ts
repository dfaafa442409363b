// The nineteen seed matters, as published by the partner
// region Huangmei (421127) of the 三省六地 alliance. National item codes are left
// out on purpose: each region fills in its own from its 实施清单.
import type { Authority, Catalog, Matter, MatterRemedy } from './schema.ts';
import {
  ADMINISTRATIVE_LICENSING_REMEDIES,
  agentMaterials,
  field,
  HUANGMEI,
  ID_CARD,
  ID_OR_SSC,
  material,
  regionField,
  t,
} from './seed-parts.ts';
import { CROSS_REGION_INSURANCE_MATTERS } from './seed-cross-region.ts';

const FACE_CAPTURE = material('face_capture', t('现场人像采集', '現場人像採集', 'Live face capture at the window'), [
  'electronic',
]);

const TRANSFER_OUT = regionField(
  'transfer_out_region',
  t('转出地（省、市、县）', '轉出地（省、市、縣）', 'Transferring-out place (province, city, county)'),
);
const TRANSFER_IN = regionField(
  'transfer_in_region',
  t('转入地（省、市、县）', '轉入地（省、市、縣）', 'Receiving place (province, city, county)'),
);

const LABOUR_PLACE = t(
  '劳动合同履行地或用人单位所在地',
  '勞動合同履行地或用人單位所在地',
  'Where the labour contract is performed or the employer is located',
);
const RESPONDENT_NAME = field(
  'respondent_name',
  t('被申请人（用人单位）名称', '被申請人（用人單位）名稱', 'Respondent (employer) name'),
  'text',
  true,
  { maxLength: 100 },
);
// The employer's code is public (企业信用信息公示), so it is shown as typed; so are the claims, the case itself.
const RESPONDENT_USCC = field(
  'respondent_uscc',
  t('被申请人统一社会信用代码', '被申請人統一社會信用代碼', "Respondent's unified social credit code"),
  'text',
  false,
  { maxLength: 18 },
);
const RESPONDENT_ADDRESS = field(
  'respondent_address',
  t('被申请人住所', '被申請人住所', "Respondent's address"),
  'text',
  true,
  { maxLength: 200 },
);
const CLAIMS = field(
  'claims',
  t('请求事项及事实理由', '請求事項及事實理由', 'Claims, facts and reasons'),
  'textarea',
  true,
  { maxLength: 2000 },
);

/**
 * 劳动争议调解仲裁法 art. 29: an application the committee does not accept
 * leaves the applicant a suit at the people's court, and no 行政复议; the law
 * sets no period for it.
 */
const LABOUR_ARBITRATION_REMEDIES: MatterRemedy[] = [{ kind: 'civil_litigation' }];
/**
 * A mediation request not taken up leaves the parties the way to arbitration
 * (劳动争议调解仲裁法 arts. 5, 14), not to court: arbitration comes first. Its
 * limitation period (one year, art. 27) runs from the dispute, not from this
 * notice, so none is stated.
 */
const LABOUR_MEDIATION_REMEDIES: MatterRemedy[] = [{ kind: 'labour_arbitration' }];

const matters: Matter[] = [
  {
    id: 'KST-SI-001',
    names: t('社会保险政策咨询', '社會保險政策諮詢', 'Social-insurance consultation'),
    handlingRegion: HUANGMEI,
    handlingPlaceRule: t(
      '任一跨省通办窗口（现场解答）',
      '任一跨省通辦窗口（現場解答）',
      'Any cross-province service window (answered on the spot)',
    ),
    modes: ['on_the_spot'],
    createsCase: false,
    limits: { immediate: true },
    clockExcludesMail: false,
    requiresOriginalsMail: false,
    // The answer is given across the counter.
    resultDelivery: ['pickup_at_intake'],
    materials: [material('identity', ID_OR_SSC, ['original_checked'], { requirement: 'optional' })],
    formFields: [
      field('question', t('咨询内容', '諮詢內容', 'Question'), 'textarea', true, { maxLength: 1000 }),
      field('answer_summary', t('答复要点', '答覆要點', 'Summary of the answer'), 'textarea', false, {
        maxLength: 1000,
      }),
    ],
    agentAllowed: false,
    category: 'social_insurance',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-SI-002',
    names: t(
      '个人社保参保缴费凭证（权益记录）查询打印',
      '個人社保參保繳費憑證（權益記錄）查詢打印',
      'Personal social-insurance record / contribution certificate query & print',
    ),
    handlingRegion: HUANGMEI,
    handlingRegionFrom: 'insured_place',
    handlingPlaceRule: t('参保地', '參保地', 'Place of insurance'),
    modes: ['online', 'on_the_spot'],
    createsCase: true,
    limits: { immediate: true },
    clockExcludesMail: false,
    requiresOriginalsMail: false,
    resultDelivery: ['pickup_at_intake', 'electronic'],
    materials: [material('identity', ID_OR_SSC, ['original_checked']), ...agentMaterials()],
    formFields: [
      regionField(
        'insured_region',
        t('参保地（省、市、县）', '參保地（省、市、縣）', 'Place of insurance (province, city, county)'),
      ),
      field('insurance_type', t('险种', '險種', 'Insurance type'), 'select', true, {
        options: [
          { value: 'all', label: t('全部险种', '全部險種', 'All types') },
          { value: 'pension', label: t('养老保险', '養老保險', 'Pension insurance') },
          { value: 'medical', label: t('医疗保险', '醫療保險', 'Medical insurance') },
          { value: 'unemployment', label: t('失业保险', '失業保險', 'Unemployment insurance') },
          { value: 'injury', label: t('工伤保险', '工傷保險', 'Work-injury insurance') },
        ],
      }),
    ],
    agentAllowed: true,
    category: 'social_insurance',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-SI-003',
    names: t(
      '领取养老金人员待遇资格认证',
      '領取養老金人員待遇資格認證',
      'Pension-recipient eligibility (proof-of-life) certification',
    ),
    handlingRegion: HUANGMEI,
    handlingRegionFrom: 'insured_place',
    handlingPlaceRule: t(
      '待遇领取地（参保地）',
      '待遇領取地（參保地）',
      'Where the pension is paid (place of insurance)',
    ),
    modes: ['online', 'on_the_spot', 'proxy_intake'],
    createsCase: true,
    // Valid for 12 months; the renewal reminder belongs to the case, not the catalog.
    limits: { immediate: true },
    clockExcludesMail: false,
    requiresOriginalsMail: false,
    resultDelivery: ['electronic', 'pickup_at_intake'],
    materials: [
      material(
        'identity',
        t(
          '本人有效身份证件（居民身份证、港澳居民来往内地通行证或护照）',
          '本人有效身份證件（居民身份證、港澳居民來往內地通行證或護照）',
          "Applicant's valid identity document (resident ID card, Mainland travel permit for HK/Macau residents, or passport)",
        ),
        ['original_checked'],
      ),
      FACE_CAPTURE,
    ],
    formFields: [
      regionField(
        'pension_region',
        t('待遇领取地（省、市、县）', '待遇領取地（省、市、縣）', 'Where the pension is paid (province, city, county)'),
      ),
    ],
    // Proof of life: the recipient must appear in person.
    agentAllowed: false,
    category: 'social_insurance',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-SI-004',
    names: t(
      '企业职工基本养老保险关系转移接续申请',
      '企業職工基本養老保險關係轉移接續申請',
      'Transfer of urban-employee basic pension insurance relationship',
    ),
    handlingRegion: HUANGMEI,
    handlingRegionFrom: 'transfer_in_place',
    handlingPlaceRule: t(
      '转入地（新参保地）社会保险经办机构',
      '轉入地（新參保地）社會保險經辦機構',
      'Social-insurance agency of the receiving place (new place of insurance)',
    ),
    modes: ['joint', 'proxy_intake'],
    createsCase: true,
    // 45 is the overall period cited in practice; a statutory split into 3 × 15 days
    // could not be verified, so only the total is promised.
    limits: { promisedDays: 45, immediate: false },
    clockExcludesMail: true,
    requiresOriginalsMail: true,
    resultDelivery: ['mail', 'electronic', 'pickup_at_intake'],
    materials: [
      material('id_card', ID_CARD, ['original_checked', 'copy_kept'], { copies: 1 }),
      material(
        'contribution_certificate',
        t(
          '《基本养老保险参保缴费凭证》（转出地开具）',
          '《基本養老保險參保繳費憑證》（轉出地開具）',
          'Basic pension insurance contribution certificate (issued by the transferring-out place)',
        ),
        ['original_kept'],
        { originalMustBeMailed: true },
      ),
      material(
        'application_form',
        t('《转移接续申请表》', '《轉移接續申請表》', 'Transfer application form'),
        ['original_kept'],
        { systemGenerated: true, originalMustBeMailed: true },
      ),
      ...agentMaterials(),
    ],
    formFields: [TRANSFER_OUT, TRANSFER_IN],
    agentAllowed: true,
    category: 'social_insurance',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-SI-005',
    names: t(
      '城乡居民基本养老保险关系转移接续',
      '城鄉居民基本養老保險關係轉移接續',
      "Transfer of urban-rural residents' basic pension insurance",
    ),
    handlingRegion: HUANGMEI,
    handlingRegionFrom: 'transfer_in_place',
    handlingPlaceRule: t(
      '转入地（迁入后户籍地）县级社会保险经办机构',
      '轉入地（遷入後戶籍地）縣級社會保險經辦機構',
      'County social-insurance agency of the receiving place (new household registration)',
    ),
    modes: ['joint', 'proxy_intake'],
    createsCase: true,
    limits: { promisedDays: 45, immediate: false },
    clockExcludesMail: true,
    requiresOriginalsMail: false,
    resultDelivery: ['mail', 'electronic', 'pickup_at_intake'],
    materials: [
      material('id_card', ID_CARD, ['original_checked', 'copy_kept'], { copies: 1 }),
      material(
        'household_proof',
        t(
          '户口迁移证明或迁入后户口簿',
          '戶口遷移證明或遷入後戶口簿',
          'Household-registration transfer certificate or the new household register',
        ),
        ['copy_kept'],
        { copies: 1 },
      ),
      material('application_form', t('转入申请表', '轉入申請表', 'Transfer-in application form'), ['original_kept'], {
        systemGenerated: true,
      }),
      ...agentMaterials(),
    ],
    formFields: [TRANSFER_OUT, TRANSFER_IN],
    agentAllowed: true,
    category: 'social_insurance',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-SI-006',
    names: t(
      '社会保障卡申领 / 补换 / 临时挂失',
      '社會保障卡申領 / 補換 / 臨時掛失',
      'Social security card application / replacement / temporary loss report',
    ),
    handlingRegion: HUANGMEI,
    handlingRegionFrom: 'insured_place',
    handlingPlaceRule: t('参保地', '參保地', 'Place of insurance'),
    modes: ['online', 'on_the_spot', 'proxy_intake'],
    createsCase: true,
    // Loss reports and instant cards on the spot; cards made in batches take up to 20 days.
    limits: { promisedDays: 20, immediate: true },
    clockExcludesMail: true,
    requiresOriginalsMail: false,
    resultDelivery: ['pickup_at_intake', 'mail'],
    materials: [
      material('id_card', ID_CARD, ['original_checked']),
      material(
        'photo',
        t('符合标准的数码照片', '符合標準的數碼照片', 'Digital photo meeting the card standard'),
        ['electronic'],
        {
          requirement: 'conditional',
          condition: t('申领或补换时', '申領或補換時', 'When applying for or replacing a card'),
        },
      ),
      material('old_card', t('原社会保障卡', '原社會保障卡', 'The old social security card'), ['original_kept'], {
        requirement: 'conditional',
        condition: t('补换且原卡仍在时', '補換且原卡仍在時', 'When replacing a card that is still at hand'),
      }),
      ...agentMaterials(),
    ],
    formFields: [
      field('service', t('办理业务', '辦理業務', 'Service'), 'select', true, {
        options: [
          { value: 'apply', label: t('申领', '申領', 'Application') },
          { value: 'replace', label: t('补换', '補換', 'Replacement') },
          { value: 'temporary_loss', label: t('临时挂失', '臨時掛失', 'Temporary loss report') },
        ],
      }),
    ],
    agentAllowed: true,
    category: 'social_insurance',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-EMP-001',
    names: t('失业登记', '失業登記', 'Unemployment registration'),
    handlingRegion: HUANGMEI,
    // 常住地 is the applicant's: registered where they live.
    handlingRegionFrom: 'residence_place',
    handlingPlaceRule: t(
      '常住地（户籍地或居住证所在地）',
      '常住地（戶籍地或居住證所在地）',
      'Place of habitual residence (household registration or residence permit)',
    ),
    modes: ['online', 'proxy_intake'],
    createsCase: true,
    limits: { immediate: true },
    clockExcludesMail: true,
    requiresOriginalsMail: false,
    resultDelivery: ['electronic', 'pickup_at_intake'],
    materials: [
      material('identity', ID_OR_SSC, ['original_checked']),
      material(
        'separation_proof',
        t(
          '解除或终止劳动关系证明',
          '解除或終止勞動關係證明',
          'Proof of termination or expiry of the employment relationship',
        ),
        ['copy_kept'],
        { requirement: 'conditional', condition: t('有此证明时', '有此證明時', 'When the applicant has one') },
      ),
    ],
    formFields: [
      field('last_employer', t('原工作单位', '原工作單位', 'Last employer'), 'text', false, { maxLength: 100 }),
      field('separation_date', t('离职日期', '離職日期', 'Date employment ended'), 'date', false),
    ],
    agentAllowed: false,
    category: 'employment',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-EMP-002',
    names: t(
      '就业创业证申领 / 查询核验',
      '就業創業證申領 / 查詢核驗',
      'Employment & Entrepreneurship Certificate issuance / verification',
    ),
    handlingRegion: HUANGMEI,
    // 常住地 is the applicant's: registered where they live.
    handlingRegionFrom: 'residence_place',
    handlingPlaceRule: t(
      '常住地（户籍地或居住证所在地）',
      '常住地（戶籍地或居住證所在地）',
      'Place of habitual residence (household registration or residence permit)',
    ),
    modes: ['online', 'on_the_spot', 'proxy_intake'],
    createsCase: true,
    limits: { promisedDays: 3, immediate: true },
    clockExcludesMail: true,
    requiresOriginalsMail: false,
    resultDelivery: ['pickup_at_intake', 'mail', 'electronic'],
    // The photo goes on the paper certificate alone.
    deferralConsequence: t(
      '照片补交前不制发纸质《就业创业证》，电子证照的办理不受影响。',
      '照片補交前不製發紙質《就業創業證》，電子證照的辦理不受影響。',
      'Until the photo is brought in, no paper certificate is made; the electronic certificate is not affected.',
    ),
    materials: [
      material('identity', ID_OR_SSC, ['original_checked', 'copy_kept'], { copies: 1 }),
      material(
        'household_or_residence',
        t('户口簿或居住证', '戶口簿或居住證', 'Household register or residence permit'),
        ['original_checked'],
      ),
      // Deferrable: only the paper certificate needs the photos; issuance can go ahead without them.
      material('photo', t('2寸近期免冠照片', '2寸近期免冠照片', 'Recent 2-inch bareheaded photo'), ['original_kept'], {
        requirement: 'conditional',
        condition: t('发放纸质证时', '發放紙質證時', 'When a paper certificate is issued'),
        copies: 2,
        deferrable: true,
      }),
      material(
        'graduation_certificate',
        t('毕业证书', '畢業證書', 'Graduation certificate'),
        ['original_checked', 'copy_kept'],
        {
          requirement: 'conditional',
          condition: t('高校毕业生申领时', '高校畢業生申領時', 'When a graduate applies'),
          copies: 1,
        },
      ),
      material(
        'employment_proof',
        t('劳动合同或营业执照', '勞動合同或營業執照', 'Labour contract or business licence'),
        ['original_checked', 'copy_kept'],
        {
          requirement: 'conditional',
          condition: t(
            '办理就业或创业登记时',
            '辦理就業或創業登記時',
            'When registering employment or self-employment',
          ),
        },
      ),
    ],
    formFields: [
      field('service', t('办理业务', '辦理業務', 'Service'), 'select', true, {
        options: [
          { value: 'issue', label: t('申领', '申領', 'Issuance') },
          { value: 'verify', label: t('查询核验', '查詢核驗', 'Query and verification') },
        ],
      }),
      // The 就业创业证 number follows its holder from place to place, as an ID number does.
      field('certificate_no', t('就业创业证编号', '就業創業證編號', 'Certificate number'), 'text', false, {
        maxLength: 40,
        sensitive: 'document_number',
      }),
    ],
    agentAllowed: false,
    category: 'employment',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-EMP-003',
    names: t('失业保险金申领', '失業保險金申領', 'Unemployment insurance benefit claim'),
    handlingRegion: HUANGMEI,
    handlingRegionFrom: 'insured_place',
    handlingPlaceRule: t('失业保险参保地', '失業保險參保地', 'Place of unemployment-insurance contributions'),
    modes: ['online', 'proxy_intake'],
    createsCase: true,
    limits: { promisedDays: 10, immediate: false },
    clockExcludesMail: true,
    requiresOriginalsMail: false,
    resultDelivery: ['electronic', 'mail'],
    materials: [
      material('identity', ID_OR_SSC, ['original_checked']),
      material(
        'separation_proof',
        t('解除或终止劳动合同证明', '解除或終止勞動合同證明', 'Proof of termination or expiry of the labour contract'),
        ['original_checked', 'copy_kept'],
        { copies: 1 },
      ),
      material(
        'bank_account',
        t(
          '本人银行卡（或社会保障卡金融账户）',
          '本人銀行卡（或社會保障卡金融賬戶）',
          "Applicant's bank card (or the social security card's financial account)",
        ),
        ['original_checked'],
      ),
    ],
    formFields: [
      field('last_employer', t('原工作单位', '原工作單位', 'Last employer'), 'text', true, { maxLength: 100 }),
      field('separation_date', t('离职日期', '離職日期', 'Date employment ended'), 'date', true),
      field('bank_account_no', t('收款账号', '收款賬號', 'Account for payment'), 'text', true, {
        maxLength: 32,
        sensitive: 'bank_account',
      }),
    ],
    agentAllowed: false,
    category: 'employment',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-TAL-001',
    names: t(
      '省外（跨省）专业技术职称资格确认',
      '省外（跨省）專業技術職稱資格確認',
      'Confirmation of professional-title qualifications obtained in another province',
    ),
    handlingRegion: HUANGMEI,
    // The current employer's place is the applicant's, like 用人单位所在地.
    handlingRegionFrom: 'labour_contract_or_employer_place',
    handlingPlaceRule: t(
      '现工作单位所在地人力资源社会保障部门',
      '現工作單位所在地人力資源社會保障部門',
      'Human-resources and social-security department where the current employer is located',
    ),
    modes: ['proxy_intake'],
    createsCase: true,
    limits: { promisedDays: 20, immediate: false },
    clockExcludesMail: true,
    // Originals are checked at intake and scans forwarded; they go by mail only if the handling place asks.
    requiresOriginalsMail: false,
    resultDelivery: ['mail', 'electronic', 'pickup_at_intake'],
    // The photo goes on the senior-title certificate alone.
    deferralConsequence: t(
      '照片补交前，高级职称证书暂不制发。',
      '照片補交前，高級職稱證書暫不製發。',
      'Until the photo is brought in, the senior-title certificate is not made.',
    ),
    materials: [
      material('declaration_form', t('确认申报表', '確認申報表', 'Confirmation declaration form'), ['original_kept'], {
        systemGenerated: true,
      }),
      material('info_entry_form', t('信息录入表', '信息錄入表', 'Information entry form'), ['original_kept'], {
        systemGenerated: true,
      }),
      material('publicity_form', t('公示表', '公示表', 'Publicity form'), ['original_kept'], {
        systemGenerated: true,
      }),
      // Verified in the national title system instead: the clerk records the verification reference.
      // Only junior and intermediate titles may be verified so; a senior (副高/正高) certificate is presented.
      material(
        'title_certificate',
        t('职称证书', '職稱證書', 'Professional-title certificate'),
        ['original_checked', 'copy_kept'],
        {
          waivableByOnlineVerification: true,
          waivableWhen: { field: 'title_level', values: ['junior', 'intermediate'] },
        },
      ),
      material(
        'review_form',
        t('档案中的《评审表》', '檔案中的《評審表》', 'Title review form from the personnel file'),
        ['original_checked', 'copy_kept'],
        { waivableByOnlineVerification: true },
      ),
      material(
        'approval_document',
        t('职称评审通过文件', '職稱評審通過文件', 'Title approval document'),
        ['original_checked', 'copy_kept'],
        { waivableByOnlineVerification: true },
      ),
      material(
        'degree_certificate',
        t('学历（学位）证书', '學歷（學位）證書', 'Diploma or degree certificate'),
        ['original_checked', 'copy_kept'],
        { waivableByOnlineVerification: true },
      ),
      material(
        'employment_proof',
        t(
          '劳动（聘用）合同或本地社会保险缴费记录',
          '勞動（聘用）合同或本地社會保險繳費記錄',
          'Labour (employment) contract or local social-insurance contribution record',
        ),
        ['original_checked', 'copy_kept'],
      ),
      // 不验原件，收复印件.
      material('id_card', ID_CARD, ['copy_kept'], { copies: 1 }),
      // Deferrable: the photo only goes on the senior-title certificate, printed at the end.
      material('photo', t('1寸彩色照片', '1寸彩色照片', '1-inch colour photo'), ['original_kept', 'electronic'], {
        requirement: 'conditional',
        condition: t('确认高级职称时', '確認高級職稱時', 'When a senior title is confirmed'),
        deferrable: true,
      }),
      ...agentMaterials(),
    ],
    formFields: [
      field('title_name', t('职称名称', '職稱名稱', 'Title'), 'text', true, { maxLength: 60 }),
      field('title_level', t('职称级别', '職稱級別', 'Title level'), 'select', true, {
        options: [
          { value: 'junior', label: t('初级', '初級', 'Junior') },
          { value: 'intermediate', label: t('中级', '中級', 'Intermediate') },
          { value: 'deputy_senior', label: t('副高级', '副高級', 'Deputy senior') },
          { value: 'senior', label: t('正高级', '正高級', 'Senior') },
        ],
      }),
      regionField('issuing_province', t('原评审省份', '原評審省份', 'Province that awarded the title')),
    ],
    agentAllowed: true,
    category: 'talent',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-TAL-002',
    names: t(
      '职称评审信息查询核验',
      '職稱評審信息查詢核驗',
      'Professional-title record query / verification (national platform)',
    ),
    handlingRegion: HUANGMEI,
    // 职称评审地 stays fixed: only the awarding body holds the record, and it publishes this matter for its own titles.
    handlingPlaceRule: t('职称评审地', '職稱評審地', 'Place where the title was awarded'),
    modes: ['online', 'on_the_spot'],
    createsCase: true,
    limits: { immediate: true },
    clockExcludesMail: false,
    requiresOriginalsMail: false,
    resultDelivery: ['pickup_at_intake', 'electronic'],
    materials: [
      material(
        'identity',
        t(
          '居民身份证（或申报所用证件）',
          '居民身份證（或申報所用證件）',
          'Resident ID card (or the document used to apply)',
        ),
        ['original_checked'],
      ),
    ],
    formFields: [
      field('certificate_no', t('职称证书编号', '職稱證書編號', 'Title certificate number'), 'text', false, {
        maxLength: 40,
        sensitive: 'document_number',
      }),
    ],
    agentAllowed: false,
    category: 'talent',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-TAL-003',
    names: t('职业资格证书核验', '職業資格證書核驗', 'Vocational/professional qualification certificate verification'),
    handlingRegion: HUANGMEI,
    // 证书核发地 stays fixed: only the issuer holds the record, and it publishes this matter for its own certificates.
    handlingPlaceRule: t('证书核发地', '證書核發地', 'Place where the certificate was issued'),
    modes: ['online', 'on_the_spot'],
    createsCase: true,
    limits: { immediate: true },
    clockExcludesMail: false,
    requiresOriginalsMail: false,
    resultDelivery: ['pickup_at_intake', 'electronic'],
    materials: [
      material('id_card', ID_CARD, ['original_checked']),
      material(
        'certificate',
        t(
          '职业资格证书（或电子证照）',
          '職業資格證書（或電子證照）',
          'Qualification certificate (or its e-certificate)',
        ),
        ['original_checked', 'electronic'],
      ),
    ],
    formFields: [
      field('certificate_no', t('证书编号', '證書編號', 'Certificate number'), 'text', true, {
        maxLength: 40,
        sensitive: 'document_number',
      }),
    ],
    agentAllowed: false,
    category: 'talent',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-LAB-001',
    names: t(
      '劳动人事争议调解网上申请（窗口协助预申请）',
      '勞動人事爭議調解網上申請（窗口協助預申請）',
      'Online (pre-)application for labour & personnel dispute mediation',
    ),
    handlingRegion: HUANGMEI,
    handlingRegionFrom: 'labour_contract_or_employer_place',
    handlingPlaceRule: LABOUR_PLACE,
    modes: ['online'],
    createsCase: true,
    // Art. 14: 15 calendar days from receipt of the request without agreement, the parties may go to arbitration.
    limits: { statutoryDays: 15, unit: 'calendar_days', startsFrom: 'receipt', immediate: false },
    clockExcludesMail: false,
    requiresOriginalsMail: false,
    resultDelivery: ['electronic'],
    materials: [
      material('identity', t('申请人身份证件', '申請人身份證件', "Applicant's identity document"), [
        'original_checked',
      ]),
      material(
        'evidence',
        t(
          '证据材料（劳动合同、工资记录等）',
          '證據材料（勞動合同、工資記錄等）',
          'Evidence (labour contract, wage records, etc.)',
        ),
        ['electronic'],
        { requirement: 'optional' },
      ),
    ],
    formFields: [RESPONDENT_NAME, RESPONDENT_USCC, RESPONDENT_ADDRESS, CLAIMS],
    agentAllowed: false,
    category: 'labour_arbitration',
    refusalRemedies: LABOUR_MEDIATION_REMEDIES,
  },
  {
    id: 'KST-LAB-002',
    names: t(
      '劳动人事争议仲裁申请（代收）',
      '勞動人事爭議仲裁申請（代收）',
      'Labour-dispute arbitration application (intake on behalf of the competent committee)',
    ),
    handlingRegion: HUANGMEI,
    handlingRegionFrom: 'labour_contract_or_employer_place',
    handlingPlaceRule: LABOUR_PLACE,
    modes: ['proxy_intake'],
    createsCase: true,
    // In calendar days: acceptance decided within 5 days of receipt (art. 29); the award within 45 days of
    // acceptance (art. 43), extendable once by at most 15 with the committee chair's approval.
    limits: {
      statutoryDays: 45,
      unit: 'calendar_days',
      acceptanceDecisionDays: 5,
      extension: { count: 15, times: 1 },
      immediate: false,
    },
    clockExcludesMail: true,
    requiresOriginalsMail: true,
    resultDelivery: ['mail', 'pickup_at_intake'],
    // 劳动争议调解仲裁法 art. 6: whoever makes a claim proves it.
    deferralConsequence: t(
      '逾期未补充证据的，仲裁委员会依已有证据审理，申请人承担举证不能的后果（劳动争议调解仲裁法第六条）。',
      '逾期未補充證據的，仲裁委員會依已有證據審理，申請人承擔舉證不能的後果（勞動爭議調解仲裁法第六條）。',
      'Evidence not supplied in time: the committee decides on the evidence it has, and the applicant bears the want of proof (Labour Dispute Mediation and Arbitration Law, art. 6).',
    ),
    materials: [
      material(
        'application',
        t('仲裁申请书（正本）', '仲裁申請書（正本）', 'Arbitration application (original)'),
        ['original_kept'],
        { copies: 1, originalMustBeMailed: true },
      ),
      // The committee serves one duplicate on each respondent, so the paper goes with the original.
      material(
        'application_duplicates',
        t(
          '仲裁申请书副本（按被申请人人数）',
          '仲裁申請書副本（按被申請人人數）',
          'Duplicates of the application (one per respondent)',
        ),
        ['original_kept'],
        { originalMustBeMailed: true },
      ),
      material(
        'applicant_id',
        t('申请人身份证件复印件', '申請人身份證件複印件', "Copy of the applicant's identity document"),
        ['copy_kept'],
        { copies: 1 },
      ),
      material(
        'respondent_registration',
        t(
          '被申请人主体资格信息（如企业登记信息）',
          '被申請人主體資格信息（如企業登記信息）',
          "Respondent's legal-entity information (e.g. business registration record)",
        ),
        ['copy_kept', 'electronic'],
      ),
      // Deferrable: evidence may be supplemented within the evidence period the committee sets.
      material(
        'evidence',
        t(
          '证据材料及来源、证人姓名和住所',
          '證據材料及來源、證人姓名和住所',
          "Evidence with its sources, and witnesses' names and addresses",
        ),
        ['copy_kept', 'electronic'],
        { deferrable: true },
      ),
      ...agentMaterials(true),
    ],
    formFields: [
      RESPONDENT_NAME,
      RESPONDENT_USCC,
      RESPONDENT_ADDRESS,
      field('respondent_count', t('被申请人人数', '被申請人人數', 'Number of respondents'), 'number', true),
      CLAIMS,
    ],
    agentAllowed: true,
    category: 'labour_arbitration',
    refusalRemedies: LABOUR_ARBITRATION_REMEDIES,
  },
  {
    id: 'KST-HKM-001',
    names: t(
      '港澳居民养老待遇查询及资格认证（自助/协助）',
      '港澳居民養老待遇查詢及資格認證（自助/協助）',
      'Pension query & face-recognition eligibility certification for HK/Macau residents (self-service point)',
    ),
    handlingRegion: HUANGMEI,
    handlingRegionFrom: 'insured_place',
    handlingPlaceRule: t(
      '待遇领取地（参保地）',
      '待遇領取地（參保地）',
      'Where the pension is paid (place of insurance)',
    ),
    modes: ['self_service', 'on_the_spot'],
    createsCase: true,
    limits: { immediate: true },
    clockExcludesMail: false,
    requiresOriginalsMail: false,
    resultDelivery: ['electronic', 'pickup_at_intake'],
    materials: [
      material(
        'identity',
        t(
          '港澳居民来往内地通行证或港澳居民居住证',
          '港澳居民來往內地通行證或港澳居民居住證',
          'Mainland travel permit for HK/Macau residents or HK/Macau residence permit',
        ),
        ['original_checked'],
      ),
      FACE_CAPTURE,
    ],
    formFields: [
      field('service', t('办理业务', '辦理業務', 'Service'), 'select', true, {
        options: [
          { value: 'query', label: t('待遇查询', '待遇查詢', 'Pension query') },
          { value: 'certification', label: t('资格认证', '資格認證', 'Eligibility certification') },
        ],
      }),
    ],
    agentAllowed: false,
    category: 'social_insurance',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  ...CROSS_REGION_INSURANCE_MATTERS,
];

const HUANGMEI_GOVERNMENT = t('黄梅县人民政府', '黃梅縣人民政府', 'the People’s Government of Huangmei County');
const HUANGMEI_COURT = t('黄梅县人民法院', '黃梅縣人民法院', 'the People’s Court of Huangmei County');
const HUANGMEI_HRSS = t(
  '黄梅县人力资源和社会保障局',
  '黃梅縣人力資源和社會保障局',
  'Huangmei County Human Resources and Social Security Bureau',
);

/**
 * Who decides Huangmei's matters. The county bureau's decisions are reviewed
 * by the county government (行政复议法 art. 24); the arbitration committee's
 * refusals go to the court alone.
 */
const authorities: Authority[] = [
  ...(['social_insurance', 'employment', 'talent'] as const).map((category) => ({
    region: HUANGMEI,
    category,
    names: HUANGMEI_HRSS,
    sealName: '黄梅县人力资源和社会保障局',
    reconsiderationBody: HUANGMEI_GOVERNMENT,
    court: HUANGMEI_COURT,
  })),
  {
    region: HUANGMEI,
    category: 'labour_arbitration',
    names: t(
      '黄梅县劳动人事争议仲裁委员会',
      '黃梅縣勞動人事爭議仲裁委員會',
      'Huangmei County Labour and Personnel Dispute Arbitration Committee',
    ),
    sealName: '黄梅县劳动人事争议仲裁委员会',
    reconsiderationBody: null,
    court: HUANGMEI_COURT,
  },
];

/** Parsed through catalogSchema in seed.test.ts. */
export const SEED_CATALOG: Catalog = {
  schemaVersion: 1,
  version: '2026.1',
  issuer: HUANGMEI,
  publishedAt: '2026-01-01T00:00:00+08:00',
  matters,
  authorities,
};
