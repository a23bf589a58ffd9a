// Sets the colour theme before the first paint, so a dark screen does not flash white. A file, not
// an inline script: the Content-Security-Policy allows only same-origin scripts. The app
// (renderer/src/theme.ts) keeps it current; both use the localStorage key "outpost-theme".
// On a device page's Telemetry tab it also has the browser load its date formats (ICU locale data:
// some 30 ms the first time in each tab), in a task of its own while the app's code is still being
// fetched and compiled and the page has nothing else to do, instead of in the middle of drawing the
// chart, whose time axis names the day with Intl.DateTimeFormat (renderer/src/chart/time-ticks.ts).
(function () {
  var choice = null;
  try { choice = localStorage.getItem('outpost-theme'); } catch (e) { /* storage blocked: follow the system */ }
  var dark = choice === 'dark' || (choice !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
})();
(function () {
  if (!/^#\/devices\/[^/]+(\/telemetry)?\/?$/.test(window.location.hash) || typeof Intl === 'undefined') return;
  setTimeout(function () {
    try { new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }).format(new Date()); } catch (e) { /* the chart reports its own failures */ }
  }, 0);
})();
