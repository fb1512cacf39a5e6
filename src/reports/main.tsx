// Being built (issue 7).
const app = document.getElementById('app');
if (app) app.textContent = document.title;

export {};
