// Files the API gives only with the bearer token (documents, letters): fetched through the typed client as a blob,
// then opened in a new tab or saved from a blob URL, so the token never goes into a link.
import { ApiFailure } from '../../api/client';

// The tab is opened at the click, before the bytes arrive, so the browser counts it as the user's own; it is pointed
// at the file once fetched, or closed on a failure.
export async function openInNewTab(load: () => Promise<Blob>): Promise<void> {
  const tab = window.open('', '_blank');
  if (!tab) throw new ApiFailure(0, { error: 'POPUP_BLOCKED', message: '' });
  try {
    const url = URL.createObjectURL(await load());
    tab.location.href = url;
    // the tab has loaded it by then; the bytes (personal data) do not stay in the console's memory
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    tab.close();
    throw err;
  }
}

export async function saveAs(load: () => Promise<Blob>, filename: string): Promise<void> {
  const url = URL.createObjectURL(await load());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// "85 KB", "2,4 MB": a size as people read it.
export function sizeWords(t: (k: string, o: Record<string, unknown>) => string, bytes: number, lang: string): string {
  const n = (v: number) =>
    new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 }).format(v);
  if (bytes < 1024) return t('casefile.size.b', { n: n(bytes) });
  if (bytes < 1024 * 1024) return t('casefile.size.kb', { n: n(bytes / 1024) });
  return t('casefile.size.mb', { n: n(bytes / 1024 / 1024) });
}
