import { z } from 'zod';

// zh-CN is the default; zh-TW serves Hong Kong, Macau and Taiwan applicants.
export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
