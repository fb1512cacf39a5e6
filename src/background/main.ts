// Service worker entry. The extension shell (messaging, auth, alarms) is wired in here.
chrome.runtime.onInstalled.addListener(() => {
  console.info('Labeldesk installed');
});
