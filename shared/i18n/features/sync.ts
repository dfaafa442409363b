import { defineMessages } from '../define.ts';

export const syncMessages = defineMessages({}, { 'zh-TW': {}, en: {} });
