// React.lazy for a named export, which does not suspend when its module has already arrived (it
// was preloaded): then the component renders at once, without a fallback first and a second pass.
import { createElement, lazy, useState } from 'react';
import type { ComponentType } from 'react';

export interface LazyNamed<P extends object> {
  Component: ComponentType<P>;
  /** starts loading the module; resolves to the component */
  preload: () => Promise<ComponentType<P>>;
}

export function lazyNamed<P extends object>(load: () => Promise<ComponentType<P>>): LazyNamed<P> {
  let loaded: ComponentType<P> | null = null;
  const track = () => load().then((c) => { loaded = c; return c; });
  // a failed load is remembered by React.lazy until the page is reloaded
  const Lazy = lazy(async () => ({ default: await track() }));
  function Preloaded(props: P) {
    // decided once per mount: switching from one to the other would remount what it shows
    const [direct] = useState(() => loaded);
    return direct ? createElement(direct, props) : createElement(Lazy as ComponentType<P>, props);
  }
  return { Component: Preloaded, preload: track };
}
