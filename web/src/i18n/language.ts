// The language a user chose, kept in the browser per user: read by the console (i18n/index.ts) and by the first
// script's app shell (shell.ts), which must not bring i18next with it.
export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_KEY = 'rujukan.language';

export function storedLanguage(userId?: string): Language {
  const v = localStorage.getItem(userId ? `${LANGUAGE_KEY}.${userId}` : LANGUAGE_KEY);
  return v === 'en' ? 'en' : 'id';
}
