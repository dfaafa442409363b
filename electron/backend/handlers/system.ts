// The backend's health and the device's UI language (public, asked before
// anyone logs in), and what keeps the master key (for the administrator).
import type { systemMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function systemHandlers({
  system,
  keyStore,
  language,
  emit,
}: HandlerContext): DomainHandlers<typeof systemMethods> {
  return {
    'system.health': () => system.health(),
    'system.keyStore': () => keyStore.get(),
    'system.storage': () => system.storage(),
    'settings.getLanguage': () => ({ language: language.get() }),
    'settings.setLanguage': ({ language: chosen }) => {
      language.set(chosen);
      emit('settings.languageChanged', { language: chosen });
      return { language: chosen };
    },
  };
}
