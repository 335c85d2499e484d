// The words of the session (checking it on load) and of the connection banner.
import type { Shape } from './id';

export const id = {
  session: {
    checking: 'Memeriksa sesi Anda…',
  },
  connection: {
    unreachable: 'Server tidak bisa dihubungi.',
    unavailable: 'Server sedang sibuk atau dalam perbaikan.',
    retrying: 'Kami mencoba lagi otomatis; isian Anda tidak hilang.',
    retryNow: 'Coba sekarang',
  },
};

export const en: Shape<typeof id> = {
  session: {
    checking: 'Checking your session…',
  },
  connection: {
    unreachable: 'The server cannot be reached.',
    unavailable: 'The server is busy or under maintenance.',
    retrying: 'We keep trying automatically; what you have typed is kept.',
    retryNow: 'Try now',
  },
};
