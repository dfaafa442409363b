import type { Language } from '../languages.ts';
import { en } from './en.ts';
import { zhCN, type Resources } from './zh-CN.ts';
import { zhTW } from './zh-TW.ts';

export type { Resources };
export const RESOURCES: Record<Language, Resources> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
