// The Gmail-like page's client: hash routing, opening threads, the inline reply and the page title.
// The server renders every fragment (escaped); this script only swaps them in, like Gmail's single-page app.
(() => {
  const app = document.querySelector('.standin-app');
  const base = app?.getAttribute('data-standin-base') ?? '/mail/u/0/_standin/';
  // Gmail's settings the page was opened with (theme, density, reading pane, replies): every view keeps them.
  const layout = app?.getAttribute('data-standin-layout') ?? '';
  const composeWindows = document.querySelector('.standin-compose-windows');
  const nav = document.querySelector('.standin-nav');
  const main = document.querySelector('[role="main"]');
  const toast = document.querySelector('.standin-toast');
  const searchForm = document.querySelector('form[role="search"]');
  const searchInput = searchForm?.querySelector('input[name="q"]');
  let loadCount = 0;
  let toastTimer = 0;

  function showToast(text) {
    if (!toast) return;
    toast.textContent = text;
    toast.hidden = false;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(() => {
      toast.hidden = true;
    }, 5000);
  }

  function searchQueryOf(hash) {
    const match = /^#search\/([^/]*)/.exec(hash);
    if (!match) return '';
    try {
      return decodeURIComponent(match[1].replace(/\+/g, ' '));
    } catch {
      return '';
    }
  }

  async function loadView() {
    const load = ++loadCount;
    const hash = location.hash || '#inbox';
    const query = `${layout === '' ? '' : `${layout}&`}hash=${encodeURIComponent(hash)}`;
    const response = await fetch(`${base}view?${query}`, {
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`view ${response.status}`);
    const view = await response.json();
    // A newer navigation started while this one was loading: its view wins.
    if (load !== loadCount) return;
    if (nav) nav.innerHTML = view.nav;
    if (main) main.innerHTML = view.main;
    // A popped-out reply belongs to the thread it answers; leaving the thread closes it (a draft in Gmail).
    for (const reply of composeWindows?.querySelectorAll('[data-standin-reply="true"]') ?? []) reply.remove();
    document.title = view.title;
    if (searchInput) searchInput.value = searchQueryOf(hash);
    window.scrollTo(0, 0);
    document.dispatchEvent(new CustomEvent('standin:view', { detail: { hash } }));
  }

  function reload() {
    loadView().catch((error) => {
      showToast('Gmail could not load this view.');
      console.error(error);
    });
  }

  /** Opens a compose window from a template in the compose dock, as Gmail pops one out. */
  function openComposeWindow(template) {
    if (!(template instanceof HTMLTemplateElement) || !composeWindows) return;
    const fragment = template.content.cloneNode(true);
    const opened = fragment.firstElementChild;
    composeWindows.append(fragment);
    opened?.querySelector('[g_editable="true"]')?.focus();
  }

  function openReply() {
    const popout = main?.querySelector('[data-standin-reply-in="popout"]');
    if (popout) {
      const open = composeWindows?.querySelector('[data-standin-reply="true"] [g_editable="true"]');
      if (open) open.focus();
      else openComposeWindow(main?.querySelector('#standin-popout-reply-template'));
      return;
    }
    const existing = main?.querySelector('.M9 [g_editable="true"]');
    if (existing) {
      existing.focus();
      return;
    }
    const template = main?.querySelector('#standin-reply-template');
    const slot = main?.querySelector('.standin-reply-slot');
    if (!(template instanceof HTMLTemplateElement) || !slot) return;
    slot.append(template.content.cloneNode(true));
    const bar = main?.querySelector('.standin-reply-bar');
    if (bar instanceof HTMLElement) bar.hidden = true;
    slot.querySelector('[g_editable="true"]')?.focus();
  }

  function discardReply() {
    main?.querySelector('.standin-reply-slot')?.replaceChildren();
    const bar = main?.querySelector('.standin-reply-bar');
    if (bar instanceof HTMLElement) bar.hidden = false;
  }

  async function sendReply(button) {
    const form = button.closest('.M9, [role="dialog"]');
    const heading = main?.querySelector('h2.hP[data-legacy-thread-id]');
    const body = form?.querySelector('[g_editable="true"]');
    const threadId = heading?.getAttribute('data-legacy-thread-id');
    if (form?.matches('[role="dialog"]') && form.getAttribute('data-standin-reply') !== 'true') {
      showToast('The stand-in sends replies only.');
      return;
    }
    if (!threadId || !(body instanceof HTMLElement)) return;
    const text = body.innerText.trim();
    if (text === '') {
      showToast('Your message is empty.');
      return;
    }
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    showToast('Sending...');
    try {
      const response = await fetch(`${base}reply`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ threadId, text }),
      });
      if (!response.ok) throw new Error(`reply ${response.status}`);
      if (form?.matches('[role="dialog"]')) form.remove();
      await loadView();
      showToast('Message sent');
    } catch (error) {
      button.removeAttribute('aria-disabled');
      showToast('Message not sent. Try again.');
      console.error(error);
    }
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const action = target.closest('[data-standin-action]');
    if (action) {
      const name = action.getAttribute('data-standin-action');
      if (name === 'reply') openReply();
      else if (name === 'discard') discardReply();
      else if (name === 'refresh') reload();
      else if (name === 'send') sendReply(action);
      else if (name === 'close-compose') action.closest('[role="dialog"]')?.remove();
      event.preventDefault();
      return;
    }
    // The account button links to Google's account menu, which the stand-in does not serve.
    if (target.closest('a.standin-account')) {
      event.preventDefault();
      return;
    }
    const checkbox = target.closest('[role="checkbox"]');
    if (checkbox) {
      toggleCheckbox(checkbox);
      event.preventDefault();
      return;
    }
    if (target.closest('[gh="cm"]')) {
      openComposeWindow(document.querySelector('#standin-compose-template'));
      event.preventDefault();
      return;
    }
    const row = target.closest('tr.zA[data-standin-href]');
    if (row && !target.closest('a, [role="checkbox"], [role="button"]')) {
      location.hash = row.getAttribute('data-standin-href');
    }
  });

  function setChecked(checkbox, checked) {
    checkbox.setAttribute('aria-checked', checked ? 'true' : 'false');
    // Gmail marks a checked row with .x7 as well.
    checkbox.closest('tr.zA')?.classList.toggle('x7', checked);
  }

  /** A row's checkbox selects its row; the toolbar's selects every row (or none), as Gmail's do. */
  function toggleCheckbox(checkbox) {
    const checked = checkbox.getAttribute('aria-checked') !== 'true';
    const rows = main?.querySelectorAll('tr.zA [role="checkbox"]') ?? [];
    const all = main?.querySelector('[gh="mtb"] [role="checkbox"]');
    if (checkbox === all) {
      for (const box of rows) setChecked(box, checked);
      all.setAttribute('aria-checked', checked ? 'true' : 'false');
      return;
    }
    setChecked(checkbox, checked);
    const count = [...rows].filter((box) => box.getAttribute('aria-checked') === 'true').length;
    all?.setAttribute('aria-checked', count === 0 ? 'false' : count === rows.length ? 'true' : 'mixed');
  }

  document.addEventListener('keydown', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const form = target?.closest('.M9, [role="dialog"]');
    if (event.key === ' ' && target?.matches('[role="checkbox"]')) {
      toggleCheckbox(target);
      event.preventDefault();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && form) {
      const send = form.querySelector('[data-standin-action="send"]');
      if (send) sendReply(send);
      event.preventDefault();
    } else if (
      event.key === 'Enter' &&
      target?.matches('[role="link"][data-standin-action], [role="button"]')
    ) {
      target.click();
    }
  });

  searchForm?.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = searchInput?.value.trim() ?? '';
    const hash = query === '' ? '#inbox' : `#search/${encodeURIComponent(query).replace(/%20/g, '+')}`;
    if (location.hash === hash) reload();
    else location.hash = hash;
  });

  window.addEventListener('hashchange', reload);

  if (location.hash === '' || location.hash === '#') {
    history.replaceState(null, '', '#inbox');
  } else if (location.hash !== '#inbox') {
    reload();
  }
})();
