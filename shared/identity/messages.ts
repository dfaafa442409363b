// What the clerk reads for each validation code, in every UI language.
import type { Language } from '../languages.ts';
import type { IdentityErrorCode, IdentityKind, IdentityWarningCode } from './validate.ts';

export interface IdentityMessages {
  kinds: Record<IdentityKind, string>;
  errors: Record<IdentityErrorCode, string>;
  warnings: Record<IdentityWarningCode, string>;
  gender: { male: string; female: string };
}

export const identityMessages: Record<Language, IdentityMessages> = {
  'zh-CN': {
    kinds: {
      resident_id: '居民身份证',
      hkmo_residence_permit: '港澳居民居住证',
      tw_residence_permit: '台湾居民居住证',
      foreign_permanent_resident_id: '外国人永久居留身份证',
      hkmo_travel_permit: '港澳居民来往内地通行证',
      tw_travel_permit: '台湾居民来往大陆通行证',
      passport: '护照',
      uscc: '统一社会信用代码',
      mobile: '联系电话',
    },
    errors: {
      empty: '请输入号码',
      bad_characters: '号码中有不应出现的字符，请只输入证件上的字母和数字',
      bad_length: '号码位数不正确，请对照证件核对后重新输入',
      bad_format: '号码格式不正确，请对照证件核对后重新输入',
      bad_checksum: '证件号码校验位不正确，可能有数字输错，请核对后重新输入',
      bad_birth_date: '号码中的出生日期不是有效日期，请核对后重新输入',
      future_birth_date: '号码中的出生日期晚于今天，请核对后重新输入',
      birth_date_too_early: '号码中的出生日期早于1900年，请核对后重新输入',
      legacy_15_digit_id: '这是15位的第一代身份证号码，已停止使用，请申请人出示18位的居民身份证',
      bad_permit_prefix: '居住证号码前6位应为810000（香港）、820000（澳门）或830000（台湾），请核对后重新输入',
      kind_is_resident_id: '这是居民身份证号码，请将证件类型改为“居民身份证”',
      kind_is_hkmo_residence_permit: '这是港澳居民居住证号码，请将证件类型改为“港澳居民居住证”',
      kind_is_tw_residence_permit: '这是台湾居民居住证号码，请将证件类型改为“台湾居民居住证”',
      kind_is_foreign_permanent_resident_id: '这是外国人永久居留身份证号码，请将证件类型改为“外国人永久居留身份证”',
      phone_unknown_plan:
        '无法识别的电话号码。可登记：内地手机号码（如 13812348000）；内地固定电话，区号加号码（如 010-62345678、0791-8612345，分机写作 0791-86123456-8001）；香港 +852 加8位（如 +852 91234567）；澳门 +853 加8位（如 +853 28123456）；台湾 +886 加9位（如 +886 912345678）；其他国家和地区以“+”加国家代码和号码，共不超过15位（如 +44 2071234567）',
      phone_mainland_mobile: '内地手机号码为11位数字，以13至19开头（如 13812348000），请核对后重新输入',
      phone_mainland_landline:
        '内地固定电话为区号加号码：区号010或02X后接8位，其他区号（4位）后接7或8位，号码不以0或1开头（如 010-62345678、0791-8612345）；分机最多6位，写在号码后（如 0791-86123456-8001）',
      phone_hong_kong: '香港电话为 +852 加8位数字（如 +852 91234567）',
      phone_macao: '澳门电话为 +853 加8位数字（如 +853 28123456）',
      phone_taiwan:
        '台湾电话为 +886 加号码，不含开头的0：手机为9开头的9位，固定电话连区号8或9位（如 +886 912345678、+886 71234567）',
      phone_international:
        '境外电话请以“+”开头，加国家或地区代码（不以0开头）和号码，共7至15位数字（如 +44 2071234567）',
    },
    warnings: {
      unknown_region: '号码中的地区代码不是已知的省级行政区划，请对照证件核对；确认无误可继续办理',
      uscc_checksum:
        '统一社会信用代码校验位不符，可能是输入错误，也可能是早期试点代码；请对照营业执照核对，确认无误可继续办理',
      foreign_pr_checksum: '永居证号码最后一位与常用校验规则不符，请对照证件核对；确认无误可继续办理',
    },
    gender: { male: '男', female: '女' },
  },
  'zh-TW': {
    kinds: {
      resident_id: '居民身份證',
      hkmo_residence_permit: '港澳居民居住證',
      tw_residence_permit: '臺灣居民居住證',
      foreign_permanent_resident_id: '外國人永久居留身份證',
      hkmo_travel_permit: '港澳居民來往內地通行證',
      tw_travel_permit: '臺灣居民來往大陸通行證',
      passport: '護照',
      uscc: '統一社會信用代碼',
      mobile: '聯絡電話',
    },
    errors: {
      empty: '請輸入號碼',
      bad_characters: '號碼中有不應出現的字元，請只輸入證件上的字母和數字',
      bad_length: '號碼位數不正確，請對照證件核對後重新輸入',
      bad_format: '號碼格式不正確，請對照證件核對後重新輸入',
      bad_checksum: '證件號碼檢查碼不正確，可能有數字輸錯，請核對後重新輸入',
      bad_birth_date: '號碼中的出生日期不是有效日期，請核對後重新輸入',
      future_birth_date: '號碼中的出生日期晚於今天，請核對後重新輸入',
      birth_date_too_early: '號碼中的出生日期早於1900年，請核對後重新輸入',
      legacy_15_digit_id: '這是15位的第一代身份證號碼，已停止使用，請申請人出示18位的居民身份證',
      bad_permit_prefix: '居住證號碼前6位應為810000（香港）、820000（澳門）或830000（臺灣），請核對後重新輸入',
      kind_is_resident_id: '這是居民身份證號碼，請將證件類型改為「居民身份證」',
      kind_is_hkmo_residence_permit: '這是港澳居民居住證號碼，請將證件類型改為「港澳居民居住證」',
      kind_is_tw_residence_permit: '這是臺灣居民居住證號碼，請將證件類型改為「臺灣居民居住證」',
      kind_is_foreign_permanent_resident_id: '這是外國人永久居留身份證號碼，請將證件類型改為「外國人永久居留身份證」',
      phone_unknown_plan:
        '無法識別的電話號碼。可登記：內地手機號碼（如 13812348000）；內地固定電話，區號加號碼（如 010-62345678、0791-8612345，分機寫作 0791-86123456-8001）；香港 +852 加8位（如 +852 91234567）；澳門 +853 加8位（如 +853 28123456）；臺灣 +886 加9位（如 +886 912345678）；其他國家和地區以「+」加國家代碼和號碼，共不超過15位（如 +44 2071234567）',
      phone_mainland_mobile: '內地手機號碼為11位數字，以13至19開頭（如 13812348000），請核對後重新輸入',
      phone_mainland_landline:
        '內地固定電話為區號加號碼：區號010或02X後接8位，其他區號（4位）後接7或8位，號碼不以0或1開頭（如 010-62345678、0791-8612345）；分機最多6位，寫在號碼後（如 0791-86123456-8001）',
      phone_hong_kong: '香港電話為 +852 加8位數字（如 +852 91234567）',
      phone_macao: '澳門電話為 +853 加8位數字（如 +853 28123456）',
      phone_taiwan:
        '臺灣電話為 +886 加號碼，不含開頭的0：手機為9開頭的9位，市話連區號8或9位（如 +886 912345678、+886 71234567）',
      phone_international:
        '境外電話請以「+」開頭，加國家或地區代碼（不以0開頭）和號碼，共7至15位數字（如 +44 2071234567）',
    },
    warnings: {
      unknown_region: '號碼中的地區代碼不是已知的省級行政區劃，請對照證件核對；確認無誤可繼續辦理',
      uscc_checksum:
        '統一社會信用代碼檢查碼不符，可能是輸入錯誤，也可能是早期試點代碼；請對照營業執照核對，確認無誤可繼續辦理',
      foreign_pr_checksum: '永居證號碼最後一位與常用檢查規則不符，請對照證件核對；確認無誤可繼續辦理',
    },
    gender: { male: '男', female: '女' },
  },
  en: {
    kinds: {
      resident_id: 'Resident Identity Card',
      hkmo_residence_permit: 'Residence Permit for Hong Kong and Macao Residents',
      tw_residence_permit: 'Residence Permit for Taiwan Residents',
      foreign_permanent_resident_id: 'Foreign Permanent Resident ID Card',
      hkmo_travel_permit: 'Mainland Travel Permit for Hong Kong and Macao Residents',
      tw_travel_permit: 'Mainland Travel Permit for Taiwan Residents',
      passport: 'Passport',
      uscc: 'Unified Social Credit Code',
      mobile: 'Phone number',
    },
    errors: {
      empty: 'Enter the number.',
      bad_characters:
        'The number contains characters that do not belong in it. Type only the letters and digits on the document.',
      bad_length: 'The number has the wrong number of characters. Check it against the document and enter it again.',
      bad_format: 'The number is not in the right format. Check it against the document and enter it again.',
      bad_checksum:
        'The check character (the last one) does not match; a digit may be mistyped. Check the number and enter it again.',
      bad_birth_date: 'The date of birth in the number is not a real date. Check the number and enter it again.',
      future_birth_date: 'The date of birth in the number is after today. Check the number and enter it again.',
      birth_date_too_early: 'The date of birth in the number is before 1900. Check the number and enter it again.',
      legacy_15_digit_id:
        'This is a 15-digit first-generation ID number, which is no longer valid. Ask the applicant for the 18-digit Resident Identity Card.',
      bad_permit_prefix:
        'A residence permit number starts with 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan). Check the number and enter it again.',
      kind_is_resident_id:
        'This is a Resident Identity Card number. Change the document type to "Resident Identity Card".',
      kind_is_hkmo_residence_permit:
        'This is a Hong Kong/Macao residence permit number. Change the document type to "Residence Permit for Hong Kong and Macao Residents".',
      kind_is_tw_residence_permit:
        'This is a Taiwan residence permit number. Change the document type to "Residence Permit for Taiwan Residents".',
      kind_is_foreign_permanent_resident_id:
        'This is a Foreign Permanent Resident ID number. Change the document type to "Foreign Permanent Resident ID Card".',
      phone_unknown_plan:
        'This is not a phone number that can be recorded. Accepted: a mainland mobile (e.g. 13812348000); a mainland landline with its area code (e.g. 010-62345678, 0791-8612345; an extension as 0791-86123456-8001); Hong Kong, +852 and 8 digits (e.g. +852 91234567); Macao, +853 and 8 digits (e.g. +853 28123456); Taiwan, +886 and 9 digits (e.g. +886 912345678); elsewhere, + with the country code and the number, at most 15 digits (e.g. +44 2071234567).',
      phone_mainland_mobile:
        'A mainland mobile number has 11 digits and starts with 13 to 19 (e.g. 13812348000). Check it and enter it again.',
      phone_mainland_landline:
        'A mainland landline is the area code and the number: 010 or 02X and 8 digits, any other (4-digit) area code and 7 or 8 digits, the number not starting with 0 or 1 (e.g. 010-62345678, 0791-8612345); an extension of up to 6 digits follows it (e.g. 0791-86123456-8001).',
      phone_hong_kong: 'A Hong Kong number is +852 and 8 digits (e.g. +852 91234567).',
      phone_macao: 'A Macao number is +853 and 8 digits (e.g. +853 28123456).',
      phone_taiwan:
        'A Taiwan number is +886 and the number without its leading 0: a mobile is 9 digits starting with 9, a landline 8 or 9 digits with its area code (e.g. +886 912345678, +886 71234567).',
      phone_international:
        'A number outside the mainland starts with +, then the country code (not starting with 0) and the number: 7 to 15 digits in all (e.g. +44 2071234567).',
    },
    warnings: {
      unknown_region:
        'The region code in the number is not a known province. Check it against the document; if it is correct, you may continue.',
      uscc_checksum:
        'The check character of the credit code does not match. It may be a typing error or an early pilot code; check it against the business licence and continue if it is correct.',
      foreign_pr_checksum:
        'The last character does not match the usual check rule for this card. Check it against the card; if it is correct, you may continue.',
    },
    gender: { male: 'Male', female: 'Female' },
  },
};
