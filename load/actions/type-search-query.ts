// Action: type into the search box. The storefront asks for suggestions as the person types,
// debounced: one request per pause, for a few growing prefixes of the term, never per keystroke.
import { check, group } from 'k6';
import { send, json, think, type Session } from '../lib/http.ts';
import { contractHeaders } from '../lib/checks.ts';
import { settings } from '../config.ts';

interface Suggestions {
  query: string;
  suggestions: { text: string; type: string }[];
}

/** The prefixes a debounced search box sends: 2 letters, 4 letters, then the whole term. */
export function typedPrefixes(term: string): string[] {
  const lengths = [2, 4, term.length].filter((n, i, all) => n <= term.length && all.indexOf(n) === i);
  return lengths.map((n) => term.slice(0, n));
}

export function typeSearchQuery(s: Session, term: string): void {
  group('Type a search query', () => {
    typedPrefixes(term).forEach((prefix, i) => {
      if (i > 0) think(settings.thinkTime * 0.4); // the pause that lets the debounce fire
      const res = send(s, 'GET', 'suggest', '/search/suggestions', { query: { query: prefix } });
      const body = json<Suggestions>(res);
      check(res, {
        'there are at most 10 suggestions': () => !!body && Array.isArray(body.suggestions) && body.suggestions.length <= 10,
        ...contractHeaders(s.correlationId),
      });
    });
  });
}
