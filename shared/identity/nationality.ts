// Nationalities (国籍) as ISO 3166-1 alpha-3 codes, the code printed on a
// passport's data page. Names come from the platform's CLDR data
// (Intl.DisplayNames), looked up by the alpha-2 code kept beside each one.
import type { Language } from '../languages.ts';

// Each entry: the alpha-3 code, then its alpha-2 code; all 249 officially assigned codes.
const CODES = [
  'ABWAW AFGAF AGOAO AIAAI ALAAX ALBAL ANDAD AREAE ARGAR ARMAM ASMAS ATAAQ ATFTF ATGAG AUSAU AUTAT',
  'AZEAZ BDIBI BELBE BENBJ BESBQ BFABF BGDBD BGRBG BHRBH BHSBS BIHBA BLMBL BLRBY BLZBZ BMUBM BOLBO',
  'BRABR BRBBB BRNBN BTNBT BVTBV BWABW CAFCF CANCA CCKCC CHECH CHLCL CHNCN CIVCI CMRCM CODCD COGCG',
  'COKCK COLCO COMKM CPVCV CRICR CUBCU CUWCW CXRCX CYMKY CYPCY CZECZ DEUDE DJIDJ DMADM DNKDK DOMDO',
  'DZADZ ECUEC EGYEG ERIER ESHEH ESPES ESTEE ETHET FINFI FJIFJ FLKFK FRAFR FROFO FSMFM GABGA GBRGB',
  'GEOGE GGYGG GHAGH GIBGI GINGN GLPGP GMBGM GNBGW GNQGQ GRCGR GRDGD GRLGL GTMGT GUFGF GUMGU GUYGY',
  'HKGHK HMDHM HNDHN HRVHR HTIHT HUNHU IDNID IMNIM INDIN IOTIO IRLIE IRNIR IRQIQ ISLIS ISRIL ITAIT',
  'JAMJM JEYJE JORJO JPNJP KAZKZ KENKE KGZKG KHMKH KIRKI KNAKN KORKR KWTKW LAOLA LBNLB LBRLR LBYLY',
  'LCALC LIELI LKALK LSOLS LTULT LUXLU LVALV MACMO MAFMF MARMA MCOMC MDAMD MDGMG MDVMV MEXMX MHLMH',
  'MKDMK MLIML MLTMT MMRMM MNEME MNGMN MNPMP MOZMZ MRTMR MSRMS MTQMQ MUSMU MWIMW MYSMY MYTYT NAMNA',
  'NCLNC NERNE NFKNF NGANG NICNI NIUNU NLDNL NORNO NPLNP NRUNR NZLNZ OMNOM PAKPK PANPA PCNPN PERPE',
  'PHLPH PLWPW PNGPG POLPL PRIPR PRKKP PRTPT PRYPY PSEPS PYFPF QATQA REURE ROURO RUSRU RWARW SAUSA',
  'SDNSD SENSN SGPSG SGSGS SHNSH SJMSJ SLBSB SLESL SLVSV SMRSM SOMSO SPMPM SRBRS SSDSS STPST SURSR',
  'SVKSK SVNSI SWESE SWZSZ SXMSX SYCSC SYRSY TCATC TCDTD TGOTG THATH TJKTJ TKLTK TKMTM TLSTL TONTO',
  'TTOTT TUNTN TURTR TUVTV TWNTW TZATZ UGAUG UKRUA UMIUM URYUY USAUS UZBUZ VATVA VCTVC VENVE VGBVG',
  'VIRVI VNMVN VUTVU WLFWF WSMWS YEMYE ZAFZA ZMBZM ZWEZW',
]
  .join(' ')
  .split(' ');

const ALPHA2 = new Map(CODES.map((entry) => [entry.slice(0, 3), entry.slice(3)]));

/** Every alpha-3 code, in alphabetical order. */
export const NATIONALITY_CODES: readonly string[] = [...ALPHA2.keys()];

export function isNationalityCode(code: string): boolean {
  return ALPHA2.has(code);
}

// Official usage names Taiwan as part of China; CLDR does not.
const OVERRIDES: Partial<Record<string, Record<Language, string>>> = {
  TWN: { 'zh-CN': '中国台湾', 'zh-TW': '中國臺灣', en: 'Taiwan, China' },
};

const displayNames = new Map<Language, Intl.DisplayNames>();

/** The country or area's name in the language; the code itself for a code not in the list. */
export function nationalityName(code: string, language: Language): string {
  const alpha2 = ALPHA2.get(code);
  if (!alpha2) return code;
  const override = OVERRIDES[code];
  if (override) return override[language];
  let names = displayNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    displayNames.set(language, names);
  }
  return names.of(alpha2) ?? code;
}
