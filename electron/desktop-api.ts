// The API the preload exposes to the UI as `window.outpost` (desktop only; undefined in a browser).
// Deliberately tiny: the UI talks to core over HTTP like any browser does.

export interface OutpostDesktopApi {
  /** The app's version (package.json "version"). */
  readonly version: string;
  /** Node's platform name: 'linux', 'darwin', 'win32', ... */
  readonly platform: string;
}

/** Passed from main to the preload through webPreferences.additionalArguments. */
export const VERSION_ARGUMENT = '--outpost-version=';

declare global {
  interface Window {
    readonly outpost?: OutpostDesktopApi;
  }
}
