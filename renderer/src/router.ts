// A tiny hash router: the route the address names as React state, and navigation (the routes
// themselves are in route.ts).
import { useEffect, useState } from 'react';
import { href, parseHash, type Route } from './route.js';

export { parseHash, href, type Route } from './route.js';

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
