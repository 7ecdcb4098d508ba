// Service worker of Retrain Playground: after the first visit the app runs
// offline (a classroom with flaky Wi-Fi keeps working).
//
// - On install it precaches every file of the build (the list, with an SRI hash
//   per file, is written into BUILD below by scripts/sw-manifest.mjs, a Trunk
//   post_build hook). The install fails, and is retried on the next visit, if
//   any file cannot be fetched or does not match its hash, so a cache never
//   mixes two builds.
// - It then answers same-origin GET requests for those files from the cache
//   (cache first), other same-origin GETs from the network (keeping a copy for
//   offline use). Requests to other origins are never touched or cached. The
//   data files (data/: the weather, 0.8 MB, and the Circle data, 40 KB; not
//   precached, they would add to every first visit) are such GETs: each
//   fetched when its data is first chosen, then kept, so it works offline too.
// - A new build (new BUILD) installs next to the old one and takes over once
//   no tab uses the old one any more; it then deletes the old cache.
// - Under `trunk serve` (live reload) the hook writes `dev: true`: the worker
//   then caches nothing and has no fetch handler, so development always sees
//   the latest build.
//
// All URLs are relative to this script, which sits next to index.html, so the
// same build works at / and under any sub-path.

/* The next line is rewritten at build time; keep it on one line. */
const BUILD = null; // @sw-manifest

const PREFIX = 'retrain-playground';
// One cache per deployment (scope) and build: two copies of the app on one
// origin (e.g. two GitHub Pages project sites) never touch each other's cache.
const SCOPE = self.registration.scope;
const CACHE_PREFIX = `${PREFIX}|${SCOPE}|`;
const CACHE = `${CACHE_PREFIX}${BUILD && !BUILD.dev ? BUILD.version : 'none'}`;
const PRECACHE = BUILD && !BUILD.dev && Array.isArray(BUILD.files) ? BUILD.files : null;

const abs = (path) => new URL(path, self.location.href).href;
const stripSearch = (href) => {
  const u = new URL(href);
  u.search = '';
  u.hash = '';
  return u.href;
};
const INDEX = abs('index.html');
const PRECACHED = new Set((PRECACHE ?? []).map((f) => abs(f.url)));

async function deleteOtherCaches(keep) {
  const names = await caches.keys();
  await Promise.all(
    names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== keep).map((n) => caches.delete(n)),
  );
}

self.addEventListener('install', (event) => {
  if (!PRECACHE) {
    // Development build (or a copy without a manifest): replace any caching
    // worker at once.
    event.waitUntil(self.skipWaiting());
    return;
  }
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' skips the HTTP cache (which may still hold files of the
      // previous build); integrity makes the fetch fail unless the file is
      // exactly the one this build lists.
      await Promise.all(
        PRECACHE.map(async (f) => {
          const url = abs(f.url);
          const response = await fetch(new Request(url, { cache: 'reload', integrity: f.integrity }));
          if (!response.ok) throw new Error(`precache ${url}: HTTP ${response.status}`);
          // Some hosts redirect index.html to the folder; a response marked as
          // redirected must not answer a navigation, so keep a clean copy.
          const clean = response.redirected
            ? new Response(await response.blob(), {
                status: response.status,
                statusText: response.statusText,
                headers: response.headers,
              })
            : response;
          await cache.put(url, clean);
        }),
      );
    })().catch(async (err) => {
      await caches.delete(CACHE);
      throw err;
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await deleteOtherCaches(PRECACHE ? CACHE : null);
      // Control the page that registered us right away (first visit), so its
      // next requests, and the next load, are served from the cache.
      await self.clients.claim();
    })(),
  );
});

async function respond(request) {
  const cache = await caches.open(CACHE);
  const key = stripSearch(request.url);
  const isNavigation = request.mode === 'navigate';

  // The app shell: index.html for the scope itself (…/retrain/ or …/retrain/index.html).
  if (isNavigation && (key === SCOPE || key === INDEX)) {
    const hit = await cache.match(INDEX);
    if (hit) return hit;
  }
  if (PRECACHED.has(key)) {
    const hit = await cache.match(key);
    if (hit) return hit;
  }
  // Anything else on this origin: network first, cached copy when offline.
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic' && !request.headers.has('range')) {
      await cache.put(request, response.clone()).catch(() => {});
    }
    return response;
  } catch (err) {
    const hit = (await cache.match(request)) ?? (isNavigation ? await cache.match(INDEX) : undefined);
    if (hit) return hit;
    throw err;
  }
}

if (PRECACHE) {
  self.addEventListener('fetch', (event) => {
    const { request } = event;
    if (request.method !== 'GET') return;
    let url;
    try {
      url = new URL(request.url);
    } catch {
      return;
    }
    // Only this origin, and only inside our scope; everything else goes to the
    // browser untouched (and is never cached).
    if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
    // If the cache itself fails (storage full, blocked…), behave as if there
    // were no service worker.
    event.respondWith(respond(request).catch(() => fetch(request)));
  });
}
