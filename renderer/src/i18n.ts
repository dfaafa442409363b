import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { RESOURCES } from '../../shared/i18n/index.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../shared/languages.ts';

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: RESOURCES[lng] }])),
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    interpolation: { escapeValue: false }, // React escapes
  });
  return i18next;
}

export function applyLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
