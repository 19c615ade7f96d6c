import { Button, Center, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

/**
 * Loading and failure for a read; renders `children` with the data once it is there, or
 * `empty` in its place when the data is an empty list.
 */
export function QueryState<T>(props: {
  query: UseQueryResult<T, unknown>;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isError) {
    return (
      <ErrorAlert title="Could not load">
        {errorMessage(query.error)}
        <div>
          <Button mt="sm" size="xs" variant="default" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </div>
      </ErrorAlert>
    );
  }
  if (query.data === undefined) {
    return (
      <Center py={64} aria-busy="true">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    );
  }
  if (props.empty !== undefined && Array.isArray(query.data) && query.data.length === 0)
    return <>{props.empty}</>;
  return <>{props.children(query.data)}</>;
}
