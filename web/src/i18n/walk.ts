// Words the console's walk-through found missing: a duration under a minute, a file not chosen yet, and the details
// a timeline entry shows under its title.
import type { Shape } from './id';

export const id = {
  walk: {
    underMinute: 'kurang dari 1 menit',
    chooseFile: 'Pilih berkas…',
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
    detail: {
      escalation: 'Level {{level}}: {{kind}}',
      tier: 'Risk tier: {{tier}}',
      agency: 'Agency: {{agency}}',
    },
  },
};
