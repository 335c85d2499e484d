// Words the console's walk-through found missing: a duration under a minute, a file not chosen yet, why a search
// found nothing, and the details a timeline entry shows under its title.
import type { Shape } from './id';

export const id = {
  walk: {
    underMinute: 'kurang dari 1 menit',
    chooseFile: 'Pilih berkas…',
    filtersOn:
      'Pilihan Tahap, Tingkat risiko, atau Status ikut membatasi hasil. Kosongkan pilihan itu untuk mencari di semua kasus, termasuk yang sudah ditutup.',
    detail: {
      escalation: 'Level {{level}}: {{kind}}',
      tier: 'Tingkat risiko: {{tier}}',
      agency: 'Lembaga: {{agency}}',
    },
  },
};

export const en: Shape<typeof id> = {
  walk: {
    underMinute: 'under a minute',
    chooseFile: 'Choose a file…',
    filtersOn:
      'The Step, Risk tier or Status filter narrows the list too. Clear them to search every case, closed ones included.',
    detail: {
      escalation: 'Level {{level}}: {{kind}}',
      tier: 'Risk tier: {{tier}}',
      agency: 'Agency: {{agency}}',
    },
  },
};
