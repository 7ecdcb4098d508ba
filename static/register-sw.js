// Registers the service worker (sw.js, next to index.html) that lets the app
// run offline after the first visit. A separate file, not an inline script, so
// a Content-Security-Policy without 'unsafe-inline' allows it.
//
// sw.js is resolved against this script's own URL (Trunk writes both files to
// the root of dist/), so the app works under any sub-path; the worker's scope
// is that folder (the default scope).
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  var script = document.currentScript;
  var base = (script && script.src) || document.baseURI;
  var url = new URL('sw.js', base);
  var register = function () {
    navigator.serviceWorker.register(url.href).then(
      function (registration) {
        // Already installed: look for a new build now (browsers otherwise check
        // only now and then). It installs in the background and is used once no
        // tab shows the old one. Offline, the check just fails: ignore it.
        if (registration.active && navigator.onLine !== false) {
          registration.update().catch(function () {});
        }
      },
      function (err) {
        // Not fatal: the app works online without it.
        console.warn('Retrain Playground: offline mode unavailable:', err);
      },
    );
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
})();
