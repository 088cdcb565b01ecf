// react-i18next set-up: zh-CN first (the default and the fallback), en second. Every
// user-visible string lives in locales/*.json; the site's language comes from siteInfo.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { messages } from './messages';
import type { Language } from '../kiosk-types';

export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const resources = { 'zh-CN': { translation: messages['zh-CN'] }, en: { translation: messages.en } } as const;

/** A fresh, fully initialised instance (resources are bundled, so init is synchronous). */
export function createI18n(language: Language = DEFAULT_LANGUAGE): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['zh-CN', 'en'],
    initAsync: false,
    // React escapes text itself.
    interpolation: { escapeValue: false },
    returnNull: false,
    // No vendor message in the kiosk's console.
    showSupportNotice: false,
  });
  return instance;
}
