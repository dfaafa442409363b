import type { Migration } from './types.ts';

// The register of authorities that issue and seal the notices, one per region
// and category of matter (the body is the shared authority schema's JSON). A
// new install starts with those of the shipped catalog's region, so its
// notices print at once. The rows are written out here, not read from the
// seed catalog, so that this migration does the same on every install.
const HUANGMEI_BUREAU = {
  'zh-CN': '黄梅县人力资源和社会保障局',
  'zh-TW': '黃梅縣人力資源和社會保障局',
  en: 'Huangmei County Human Resources and Social Security Bureau',
};
const HUANGMEI_GOVERNMENT = {
  'zh-CN': '黄梅县人民政府',
  'zh-TW': '黃梅縣人民政府',
  en: 'the People’s Government of Huangmei County',
};
const HUANGMEI_COURT = {
  'zh-CN': '黄梅县人民法院',
  'zh-TW': '黃梅縣人民法院',
  en: 'the People’s Court of Huangmei County',
};
const bureau = (category: string) => ({
  region: '421127',
  category,
  names: HUANGMEI_BUREAU,
  sealName: HUANGMEI_BUREAU['zh-CN'],
  reconsiderationBody: HUANGMEI_GOVERNMENT,
  court: HUANGMEI_COURT,
});
const SHIPPED = [
  bureau('social_insurance'),
  bureau('employment'),
  bureau('talent'),
  {
    region: '421127',
    category: 'labour_arbitration',
    names: {
      'zh-CN': '黄梅县劳动人事争议仲裁委员会',
      'zh-TW': '黃梅縣勞動人事爭議仲裁委員會',
      en: 'Huangmei County Labour and Personnel Dispute Arbitration Committee',
    },
    sealName: '黄梅县劳动人事争议仲裁委员会',
    // Its refusal is challenged by a suit at the court, not by administrative reconsideration.
    reconsiderationBody: null,
    court: HUANGMEI_COURT,
  },
];

export const migration0008: Migration = {
  version: 8,
  name: 'authorities',
  up(db) {
    db.exec(`
      CREATE TABLE authorities (
        region TEXT NOT NULL,
        category TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (region, category)
      ) STRICT;
    `);
    const insert = db.prepare('INSERT INTO authorities (region, category, body, updated_at) VALUES (?, ?, ?, ?)');
    const at = new Date().toISOString();
    for (const authority of SHIPPED) insert.run(authority.region, authority.category, JSON.stringify(authority), at);
  },
};
