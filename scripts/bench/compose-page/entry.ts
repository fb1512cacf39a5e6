// The shortcut bench's page in Chromium (bundled by ../compose-browser.ts): the keystroke loop on the page's DOM.
import { typeInBody } from './typing';

declare global {
  interface Window {
    labeldeskComposeBench?: (withListeners: boolean) => ReturnType<typeof typeInBody>;
  }
}

window.labeldeskComposeBench = (withListeners) => typeInBody(document, withListeners);
