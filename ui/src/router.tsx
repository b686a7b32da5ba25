import { useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A small router over the History API: the address bar is the state, pages read it with
 * `useLocation` and change it with `navigate` or `<Link>`. Links are real `<a href>`s, so
 * they open in new tabs and work by keyboard like any other link.
 */
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
window.addEventListener('popstate', notify);

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};
const currentHref = () => window.location.pathname + window.location.search;

export const navigate = (href: string, { replace = false }: { replace?: boolean } = {}) => {
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  notify();
};

export interface Location {
  pathname: string;
  query: URLSearchParams;
  href: string;
}

export const useLocation = (): Location => {
  const href = useSyncExternalStore(subscribe, currentHref);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    return { pathname: url.pathname, query: url.searchParams, href };
  }, [href]);
};

/** The parameters of `pattern` (such as `/cases/:id`) in `pathname`, or null if it does not match. */
export const matchPath = (pattern: string, pathname: string): Record<string, string> | null => {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = have[i]!;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(actual);
    else if (segment !== actual) return null;
  }
  return params;
};

/** An address with these query parameters (empty values left out). */
export const withQuery = (
  pathname: string,
  query: Record<string, string | string[] | undefined>,
) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v) search.append(key, v);
  }
  const text = search.toString();
  return text ? `${pathname}?${text}` : pathname;
};

const opensElsewhere = (event: MouseEvent<HTMLAnchorElement>) =>
  event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;

export const Link = ({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) => (
  <a
    href={href}
    {...rest}
    onClick={(event) => {
      onClick?.(event);
      if (event.defaultPrevented || opensElsewhere(event) || rest.target) return;
      event.preventDefault();
      navigate(href);
    }}
  />
);
