// Sets the colour theme before the first paint, so a dark screen does not flash white. A file, not
// an inline script: the Content-Security-Policy allows only same-origin scripts. The app
// (renderer/src/theme.ts) keeps it current; both use the localStorage key "outpost-theme".
(function () {
  var choice = null;
  try { choice = localStorage.getItem('outpost-theme'); } catch (e) { /* storage blocked: follow the system */ }
  var dark = choice === 'dark' || (choice !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
})();
