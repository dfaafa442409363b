// Four social-insurance matters of the seed catalog that follow a person who
// lives, works or is insured across provinces: social-insurance registration
// of Hong Kong, Macau and Taiwan residents, the link between residents' and
// employees' basic pension insurance, the transfer of basic medical insurance,
// and registration for medical treatment in another province.
import type { Matter } from './schema.ts';
import {
  ADMINISTRATIVE_LICENSING_REMEDIES,
  agentMaterials,
  field,
  HUANGMEI,
  ID_CARD,
  material,
  regionField,
  t,
} from './seed-parts.ts';

/** 有效身份证件或医保电子凭证、社会保障卡: what a medical-insurance service asks for, one of them. */
const MEDICAL_IDENTITY = material(
  'identity',
  t(
    '有效身份证件或医保电子凭证、社会保障卡',
    '有效身份證件或醫保電子憑證、社會保障卡',
    'Valid identity document, or the medical-insurance e-credential or social security card',
  ),
  ['original_checked', 'electronic'],
);

const when = (zhCN: string, zhTW: string, en: string) => ({
  requirement: 'conditional' as const,
  condition: t(zhCN, zhTW, en),
});

export const CROSS_REGION_INSURANCE_MATTERS: Matter[] = [
  {
    id: 'KST-HKM-002',
    names: t(
      '港澳台居民参加社会保险登记',
      '港澳台居民參加社會保險登記',
      'Social-insurance registration of Hong Kong, Macau and Taiwan residents',
    ),
    handlingRegion: HUANGMEI,
    // 香港澳门台湾居民在内地（大陆）参加社会保险暂行办法 arts. 2 and 3: employees are registered where the
    // employer is, the self-employed where the business is registered, others where they live with a residence permit.
    handlingRegionFrom: 'residence_place',
    handlingPlaceRule: t(
      '居住地（港澳台居民居住证登记地）社会保险经办机构；随用人单位参保的在用人单位所在地，个体工商户在注册地',
      '居住地（港澳台居民居住證登記地）社會保險經辦機構；隨用人單位參保的在用人單位所在地，個體工商戶在註冊地',
      'Social-insurance agency where the applicant lives (per the residence permit); where the employer is for employees, where the business is registered for the self-employed',
    ),
    modes: ['on_the_spot', 'proxy_intake'],
    createsCase: true,
    limits: { immediate: true },
    clockExcludesMail: true,
    requiresOriginalsMail: false,
    resultDelivery: ['pickup_at_intake', 'electronic'],
    materials: [
      material(
        'identity',
        t(
          '港澳居民来往内地通行证、台湾居民来往大陆通行证或港澳台居民居住证',
          '港澳居民來往內地通行證、台灣居民來往大陸通行證或港澳台居民居住證',
          'Mainland travel permit for Hong Kong and Macau residents, Mainland travel permit for Taiwan residents, or residence permit for HK, Macau and Taiwan residents',
        ),
        ['original_checked', 'copy_kept'],
        { copies: 1 },
      ),
      material(
        'residence_permit',
        t('港澳台居民居住证', '港澳台居民居住證', 'Residence permit for HK, Macau and Taiwan residents'),
        ['original_checked', 'copy_kept'],
        when(
          '灵活就业或未就业人员参保时',
          '靈活就業或未就業人員參保時',
          'For the flexibly employed and the unemployed',
        ),
      ),
      material(
        'labour_contract',
        t('劳动合同或聘用合同', '勞動合同或聘用合同', 'Labour or employment contract'),
        ['original_checked', 'copy_kept'],
        when('随用人单位参保时', '隨用人單位參保時', 'When insured through an employer'),
      ),
      material(
        'business_licence',
        t('营业执照', '營業執照', 'Business licence'),
        ['original_checked', 'copy_kept'],
        when('个体工商户参保时', '個體工商戶參保時', 'For the self-employed'),
      ),
      material(
        'enrolment_proof',
        t('学生证或在读证明', '學生證或在讀證明', 'Student card or proof of enrolment'),
        ['original_checked', 'copy_kept'],
        when(
          '在内地（大陆）就读的大学生参加居民医保时',
          '在內地（大陸）就讀的大學生參加居民醫保時',
          "For university students joining residents' medical insurance",
        ),
      ),
      ...agentMaterials(),
    ],
    formFields: [
      field('applicant_category', t('参保身份', '參保身份', 'Applicant category'), 'select', true, {
        options: [
          { value: 'employee', label: t('用人单位职工', '用人單位職工', 'Employee') },
          { value: 'self_employed', label: t('个体工商户', '個體工商戶', 'Self-employed') },
          { value: 'flexible', label: t('灵活就业人员', '靈活就業人員', 'Flexibly employed') },
          { value: 'unemployed', label: t('未就业居民', '未就業居民', 'Not employed') },
          { value: 'student', label: t('在校大学生', '在校大學生', 'University student') },
        ],
      }),
      field('insurance_types', t('参保险种', '參保險種', 'Insurance types'), 'select', true, {
        options: [
          {
            value: 'employee_schemes',
            label: t(
              '职工养老、医疗、工伤、失业、生育保险',
              '職工養老、醫療、工傷、失業、生育保險',
              "Employees' pension, medical, work-injury, unemployment and maternity insurance",
            ),
          },
          {
            value: 'employee_pension_medical',
            label: t('职工养老、医疗保险', '職工養老、醫療保險', "Employees' pension and medical insurance"),
          },
          {
            value: 'resident_pension_medical',
            label: t(
              '城乡居民养老、医疗保险',
              '城鄉居民養老、醫療保險',
              "Urban and rural residents' pension and medical insurance",
            ),
          },
          {
            value: 'resident_medical',
            label: t('城乡居民医疗保险', '城鄉居民醫療保險', "Urban and rural residents' medical insurance"),
          },
        ],
      }),
      field('employer_name', t('用人单位名称', '用人單位名稱', 'Employer'), 'text', false, { maxLength: 100 }),
    ],
    agentAllowed: true,
    category: 'social_insurance',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-SI-007',
    names: t(
      '城乡居民基本养老保险与职工基本养老保险衔接',
      '城鄉居民基本養老保險與職工基本養老保險銜接',
      "Linking urban-rural residents' and employees' basic pension insurance",
    ),
    handlingRegion: HUANGMEI,
    // 城乡养老保险制度衔接暂行办法: the application goes to the agency where the pension will be paid.
    handlingRegionFrom: 'insured_place',
    handlingPlaceRule: t(
      '待遇领取地社会保险经办机构：职工养老保险缴费满15年的为职工养老保险待遇领取地，不满15年的为城乡居民养老保险参保地',
      '待遇領取地社會保險經辦機構：職工養老保險繳費滿15年的為職工養老保險待遇領取地，不滿15年的為城鄉居民養老保險參保地',
      "The agency where the pension is paid: the employees' scheme's paying place after 15 years of employee contributions, else the residents' scheme's place of insurance",
    ),
    modes: ['joint', 'proxy_intake'],
    createsCase: true,
    // Three steps of 15 working days each: the contact letter, the transfer of records and funds, and the
    // conclusion once the funds arrive. Only the whole is promised: the middle step is the other agency's.
    limits: { promisedDays: 45, immediate: false },
    clockExcludesMail: true,
    requiresOriginalsMail: false,
    resultDelivery: ['mail', 'pickup_at_intake'],
    materials: [
      material('id_card', ID_CARD, ['original_checked', 'copy_kept'], { copies: 1 }),
      material(
        'household_register',
        t('户口簿', '戶口簿', 'Household register'),
        ['original_checked', 'copy_kept'],
        when('转入城乡居民基本养老保险时', '轉入城鄉居民基本養老保險時', "When moving into the residents' scheme"),
      ),
      material(
        'application_form',
        t('《城乡养老保险制度衔接申请表》', '《城鄉養老保險制度銜接申請表》', 'Pension-scheme link application form'),
        ['original_kept'],
        { systemGenerated: true },
      ),
      ...agentMaterials(),
    ],
    formFields: [
      field('direction', t('衔接方向', '銜接方向', 'Direction'), 'select', true, {
        options: [
          {
            value: 'resident_to_employee',
            label: t(
              '城乡居民养老保险转入职工养老保险',
              '城鄉居民養老保險轉入職工養老保險',
              "Residents' into employees' scheme",
            ),
          },
          {
            value: 'employee_to_resident',
            label: t(
              '职工养老保险转入城乡居民养老保险',
              '職工養老保險轉入城鄉居民養老保險',
              "Employees' into residents' scheme",
            ),
          },
        ],
      }),
      field(
        'employee_contribution_years',
        t('职工养老保险缴费年限（年）', '職工養老保險繳費年限（年）', "Years of employees' pension contributions"),
        'number',
        true,
      ),
      regionField(
        'resident_insurance_region',
        t(
          '城乡居民养老保险参保地（省、市、县）',
          '城鄉居民養老保險參保地（省、市、縣）',
          "Residents' pension: place of insurance (province, city, county)",
        ),
      ),
      regionField(
        'employee_insurance_region',
        t(
          '职工养老保险参保地（省、市、县）',
          '職工養老保險參保地（省、市、縣）',
          "Employees' pension: place of insurance (province, city, county)",
        ),
      ),
    ],
    agentAllowed: true,
    category: 'social_insurance',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-MI-001',
    names: t(
      '基本医疗保险关系转移接续',
      '基本醫療保險關係轉移接續',
      'Transfer of basic medical insurance relationship',
    ),
    handlingRegion: HUANGMEI,
    handlingRegionFrom: 'transfer_in_place',
    handlingPlaceRule: t(
      '转入地（新参保地）医疗保障经办机构',
      '轉入地（新參保地）醫療保障經辦機構',
      'Medical-insurance agency of the receiving place (new place of insurance)',
    ),
    modes: ['online', 'joint', 'proxy_intake'],
    createsCase: true,
    // 基本医疗保险关系转移接续暂行办法: the transferring-out agency completes its part within 10 working days,
    // the receiving agency within 5 of receiving it.
    limits: { promisedDays: 15, immediate: false },
    clockExcludesMail: true,
    requiresOriginalsMail: false,
    resultDelivery: ['electronic', 'pickup_at_intake'],
    materials: [
      MEDICAL_IDENTITY,
      material(
        'application_form',
        t(
          '《基本医疗保险关系转移接续申请表》',
          '《基本醫療保險關係轉移接續申請表》',
          'Medical insurance transfer application form',
        ),
        ['original_kept'],
        { systemGenerated: true },
      ),
      ...agentMaterials(),
    ],
    formFields: [
      field('scheme_change', t('转移类型', '轉移類型', 'Kind of transfer'), 'select', true, {
        options: [
          { value: 'employee', label: t('职工医保转职工医保', '職工醫保轉職工醫保', "Employees' to employees'") },
          {
            value: 'employee_to_resident',
            label: t('职工医保转居民医保', '職工醫保轉居民醫保', "Employees' to residents'"),
          },
          {
            value: 'resident_to_employee',
            label: t('居民医保转职工医保', '居民醫保轉職工醫保', "Residents' to employees'"),
          },
          { value: 'resident', label: t('居民医保转居民医保', '居民醫保轉居民醫保', "Residents' to residents'") },
        ],
      }),
      regionField(
        'transfer_out_region',
        t('转出地（省、市、县）', '轉出地（省、市、縣）', 'Transferring-out place (province, city, county)'),
      ),
      regionField(
        'transfer_in_region',
        t('转入地（省、市、县）', '轉入地（省、市、縣）', 'Receiving place (province, city, county)'),
      ),
    ],
    agentAllowed: true,
    category: 'social_insurance',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
  {
    id: 'KST-MI-002',
    names: t('异地就医备案', '異地就醫備案', 'Registration for medical treatment in another province'),
    handlingRegion: HUANGMEI,
    handlingRegionFrom: 'insured_place',
    handlingPlaceRule: t(
      '参保地医疗保障经办机构',
      '參保地醫療保障經辦機構',
      'Medical-insurance agency of the place of insurance',
    ),
    modes: ['online', 'on_the_spot', 'proxy_intake'],
    createsCase: true,
    // Registered on the spot, on the applicant's own written promise in place of proof of residence.
    limits: { immediate: true },
    clockExcludesMail: false,
    requiresOriginalsMail: false,
    resultDelivery: ['electronic', 'pickup_at_intake'],
    materials: [
      MEDICAL_IDENTITY,
      material(
        'registration_form',
        t(
          '《跨省异地就医登记备案表》',
          '《跨省異地就醫登記備案表》',
          'Cross-province medical treatment registration form',
        ),
        ['original_kept'],
        { systemGenerated: true },
      ),
      material(
        'residence_proof',
        t(
          '居住证明（户口簿、居住证等）或个人承诺书',
          '居住證明（戶口簿、居住證等）或個人承諾書',
          'Proof of residence (household register, residence permit…) or a written personal promise',
        ),
        ['original_checked', 'copy_kept', 'original_kept'],
        when('异地长期居住人员备案时', '異地長期居住人員備案時', 'For a person living long-term in another province'),
      ),
      material(
        'referral',
        t(
          '参保地定点医疗机构开具的转诊证明',
          '參保地定點醫療機構開具的轉診證明',
          'Referral from a designated hospital of the place of insurance',
        ),
        ['original_checked', 'copy_kept', 'electronic'],
        when('异地转诊就医时', '異地轉診就醫時', 'For treatment on referral'),
      ),
      ...agentMaterials(),
    ],
    formFields: [
      field('registration_kind', t('备案类型', '備案類型', 'Kind of registration'), 'select', true, {
        options: [
          {
            value: 'resettled_retiree',
            label: t('异地安置退休人员', '異地安置退休人員', 'Retiree resettled in another province'),
          },
          {
            value: 'long_term_resident',
            label: t('异地长期居住人员', '異地長期居住人員', 'Living long-term in another province'),
          },
          {
            value: 'posted_worker',
            label: t('常驻异地工作人员', '常駐異地工作人員', 'Working long-term in another province'),
          },
          { value: 'referral', label: t('异地转诊就医人员', '異地轉診就醫人員', 'Treatment on referral') },
          {
            value: 'other_temporary',
            label: t('其他临时外出就医人员', '其他臨時外出就醫人員', 'Other temporary treatment away'),
          },
        ],
      }),
      regionField(
        'treatment_region',
        t('就医地（省、市、县）', '就醫地（省、市、縣）', 'Place of treatment (province, city, county)'),
      ),
      field('starts_on', t('备案开始日期', '備案開始日期', 'Registration starts on'), 'date', true),
    ],
    agentAllowed: true,
    category: 'social_insurance',
    refusalRemedies: ADMINISTRATIVE_LICENSING_REMEDIES,
  },
];
