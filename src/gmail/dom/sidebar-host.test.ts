// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mountSidebarHost } from './sidebar-host';

describe('mountSidebarHost', () => {
  it('appends a shadow host to the body, outside Gmail trees, and docks it', () => {
    document.body.innerHTML = '<div role="main">Gmail</div>';
    const sidebar = mountSidebarHost(document, '.x{}');
    expect(sidebar.host.parentElement).toBe(document.body);
    expect(sidebar.shadowRoot.contains(sidebar.mount)).toBe(true);
    expect(document.querySelector('[role="main"]')?.contains(sidebar.host)).toBe(false);
    expect(document.documentElement.classList.contains('labeldesk-docked')).toBe(true);
    sidebar.remove();
    expect(document.querySelector('labeldesk-sidebar')).toBeNull();
    expect(document.documentElement.classList.contains('labeldesk-docked')).toBe(false);
  });

  it('replaces a host left by a previous instance of the content script', () => {
    mountSidebarHost(document, '');
    mountSidebarHost(document, '');
    expect(document.querySelectorAll('labeldesk-sidebar')).toHaveLength(1);
  });
});
