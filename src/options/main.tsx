import { render } from 'preact';

render(<h1>Labeldesk</h1>, document.getElementById('app') as HTMLElement);
