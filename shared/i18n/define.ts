import type { Language } from '../languages.ts';

export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** A feature's messages: zh-CN gives the shape, the other languages must match it. */
export function defineMessages<T extends object>(
  zhCN: T,
  others: { 'zh-TW': Strings<T>; en: Strings<T> },
): Record<Language, Strings<T>> {
  return { 'zh-CN': zhCN as Strings<T>, ...others };
}
