/**
 * The sidebar's place in Gmail's page: a host element appended to `document.body` (outside Gmail's own
 * trees, which Gmail re-renders), a Shadow DOM root so neither side's CSS leaks into the other, docked on
 * the right while Gmail's content gets out of its way.
 */

export const SIDEBAR_WIDTH_PX = 320;
const HOST_TAG = 'labeldesk-sidebar';
const DOCKED_CLASS = 'labeldesk-docked';
const DOCKING_STYLE_ID = 'labeldesk-docking-style';

export interface SidebarHost {
  host: HTMLElement;
  /** Where the sidebar's UI renders. */
  mount: HTMLElement;
  shadowRoot: ShadowRoot;
  remove(): void;
}

const HOST_CSS = `
:host {
  all: initial;
  position: fixed;
  top: 0;
  right: 0;
  bottom: 0;
  width: ${SIDEBAR_WIDTH_PX}px;
  z-index: 2147483000;
  box-sizing: border-box;
}
.labeldesk-mount { height: 100%; }
`;

// Gmail's layout fills the viewport; narrowing the body keeps its content clear of the docked sidebar.
const DOCKING_CSS = `
html.${DOCKED_CLASS} body {
  margin-right: ${SIDEBAR_WIDTH_PX}px !important;
  width: calc(100% - ${SIDEBAR_WIDTH_PX}px) !important;
  box-sizing: border-box !important;
}
`;

export function mountSidebarHost(doc: Document, uiCss: string): SidebarHost {
  doc.querySelector(HOST_TAG)?.remove(); // a previous instance of the content script (extension reloaded)
  const host = doc.createElement(HOST_TAG);
  const shadowRoot = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = HOST_CSS + uiCss;
  const mount = doc.createElement('div');
  mount.className = 'labeldesk-mount labeldesk-root';
  shadowRoot.append(style, mount);
  doc.body.append(host);

  let docking = doc.getElementById(DOCKING_STYLE_ID);
  if (docking === null) {
    docking = doc.createElement('style');
    docking.id = DOCKING_STYLE_ID;
    docking.textContent = DOCKING_CSS;
    doc.head.append(docking);
  }
  doc.documentElement.classList.add(DOCKED_CLASS);

  return {
    host,
    mount,
    shadowRoot,
    remove() {
      host.remove();
      doc.getElementById(DOCKING_STYLE_ID)?.remove();
      doc.documentElement.classList.remove(DOCKED_CLASS);
    },
  };
}
