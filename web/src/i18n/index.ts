// i18next with Bahasa Indonesia first. The choice is kept in the browser per user (localStorage, keyed by user id),
// and the page's lang attribute follows it.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import * as batch from './batch';
import { en } from './en';
import { id } from './id';
import { LANGUAGE_KEY as KEY, LANGUAGES, storedLanguage, type Language } from './language';
import * as notifications from './notifications';
import * as session from './session';
import * as slaDrafts from './sla-drafts';
import * as slaMove from './sla-move';
import * as slaremind from './slaremind';
import * as supervision from './supervision';
import * as walk from './walk';

// The words of a screen may live in a file of its own beside id.ts and en.ts (`export const id = { screen: {…} }`
// and `export const en: Shape<typeof id>`), listed here; their top-level keys must not repeat another file's.
// The words of the case page (casefile, action-forms) come with its script instead (addWords in CaseView.tsx): the
// first script, which a phone waits for before it shows anything, does not carry them.
export { LANGUAGES, storedLanguage, type Language };

type Words = { id: object; en: object };
const FEATURES: readonly Words[] = [session, supervision, batch, walk, notifications, slaDrafts, slaremind, slaMove];
const merged = (lang: 'id' | 'en', core: object) => Object.assign({}, core, ...FEATURES.map((f) => f[lang]));

export function setLanguage(lang: Language, userId?: string): void {
  localStorage.setItem(KEY, lang);
  if (userId) localStorage.setItem(`${KEY}.${userId}`, lang);
  void i18n.changeLanguage(lang);
}

// The words of a screen loaded on first opening, added by its module when it loads (before it draws anything);
// merged deeply, so a screen's words may add to a key of the first script's (nav).
export function addWords(...features: Words[]): void {
  for (const f of features) for (const lang of LANGUAGES) i18n.addResourceBundle(lang, 'translation', f[lang], true);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { id: { translation: merged('id', id) }, en: { translation: merged('en', en) } },
  lng: storedLanguage(),
  fallbackLng: 'id',
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

export default i18n;
