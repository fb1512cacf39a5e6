import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { pageResults } from '../messaging/contract-automation';
import { callerFor } from '../messaging/sender';
import { t, uiLanguage } from '../ui/i18n';
import { KnowledgePage } from '../ui/knowledge/knowledge-page';
import { backgroundKnowledgeService } from '../ui/knowledge/knowledge-service';
import { KNOWLEDGE_CSS } from '../ui/knowledge/knowledge-styles';
import { OPTIONS_CSS } from '../ui/team/options-styles';
import { THEME_CSS } from '../ui/theme-styles';

// The articles go through the service worker, which owns the mailbox's records and validates every call.
const service = backgroundKnowledgeService(callerFor(pageResults));

const root = document.documentElement;
root.lang = uiLanguage();
root.classList.add('labeldesk-root');
document.title = t('kbPageTitle');

const style = document.createElement('style');
style.textContent = THEME_CSS + OPTIONS_CSS + KNOWLEDGE_CSS;
document.head.append(style);

// Extension pages follow the system's light or dark setting (Gmail's own theme is not visible from here).
const dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
const applyTheme = () => {
  root.dataset.theme = dark?.matches ? 'dark' : 'light';
};
applyTheme();
dark?.addEventListener('change', applyTheme);

function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked a little later: Chrome has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `#article=<id>`: the article the Gmail tab asked to open ('kb.open'), or the one last shown. */
function articleOfHash(): string | undefined {
  const match = /^#article=([0-9a-f-]{36})$/.exec(location.hash);
  return match?.[1];
}

/** Says which article is open in the address, without a new history entry (reload opens it again). */
function showInAddress(articleId: string | undefined): void {
  const hash = articleId === undefined ? '' : `#article=${articleId}`;
  if (location.hash !== hash) history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

function App() {
  const [articleId, setArticleId] = useState(articleOfHash);
  useEffect(() => {
    const follow = () => setArticleId(articleOfHash());
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return (
    <KnowledgePage
      service={service}
      language={uiLanguage()}
      download={download}
      initialMailbox={new URLSearchParams(location.search).get('mailbox') ?? undefined}
      {...(articleId !== undefined ? { articleId } : {})}
      onShow={showInAddress}
    />
  );
}

const app = document.getElementById('app');
if (app !== null) render(<App />, app);
