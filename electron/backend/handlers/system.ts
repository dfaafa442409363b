// The backend's health and the device's UI language: public, asked before anyone logs in.
import type { systemMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function systemHandlers({ system, language, emit }: HandlerContext): DomainHandlers<typeof systemMethods> {
  return {
    'system.health': () => system.health(),
    'settings.getLanguage': () => ({ language: language.get() }),
    'settings.setLanguage': ({ language: chosen }) => {
      language.set(chosen);
      emit('settings.languageChanged', { language: chosen });
      return { language: chosen };
    },
  };
}
