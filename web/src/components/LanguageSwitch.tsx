// ID / EN in the header: a radio group (arrow keys move between the two, as in any radio group), kept per user.
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

const LANGUAGES: { value: Language; label: string; name: string }[] = [
  { value: 'id', label: 'ID', name: 'Bahasa Indonesia' },
  { value: 'en', label: 'EN', name: 'English' },
];

export function LanguageSwitch({ userId }: { userId: string | undefined }) {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="language-switch" aria-label={t('nav.language')}>
      {LANGUAGES.map((l) => (
        <label key={l.value} title={l.name}>
          <input
            type="radio"
            name="console-language"
            value={l.value}
            checked={i18n.language === l.value}
            onChange={() => setLanguage(l.value, userId)}
          />
          <span>{l.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
