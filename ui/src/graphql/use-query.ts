import { useCallback, useEffect, useRef, useState } from 'react';
import { graphql, GraphQLRequestError } from './client';

export interface QueryState<T> {
  data: T | null;
  error: GraphQLRequestError | null;
  loading: boolean;
  /** Fetches again, keeping what is shown until the answer arrives (for live updates). */
  reload: () => Promise<void>;
}

export const asRequestError = (error: unknown) =>
  error instanceof GraphQLRequestError
    ? error
    : new GraphQLRequestError('INTERNAL', 'Something went wrong: try again');

/** Runs a query when the variables change (null: not yet); only the latest answer is kept. */
export const useQuery = <T>(
  query: string,
  variables: Record<string, unknown> | null = {},
): QueryState<T> => {
  const key = variables ? JSON.stringify(variables) : null;
  const [state, setState] = useState<Omit<QueryState<T>, 'reload'>>({
    data: null,
    error: null,
    loading: key !== null,
  });
  const latest = useRef(0);
  const run = useCallback(async () => {
    if (key === null) return;
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await graphql<T>(query, JSON.parse(key) as Record<string, unknown>);
      if (ticket === latest.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (ticket === latest.current)
        setState((s) => ({ ...s, error: asRequestError(error), loading: false }));
    }
  }, [query, key]);
  useEffect(() => {
    void run();
  }, [run]);
  return { ...state, reload: run };
};
