import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { SESSION_COOKIE, type Ctx } from './context.js';

export function setSessionCookie(c: Ctx, token: string, expiresAt: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: new URL(c.req.url).protocol === 'https:',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(c: Ctx): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export const sessionToken = (c: Ctx): string | undefined => getCookie(c, SESSION_COOKIE);
