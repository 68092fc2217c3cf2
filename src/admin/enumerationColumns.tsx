import * as React from 'react';
import { useIntl } from 'react-intl';

/** The stored value of an enumeration, shown with its label (see enumerationLabels.ts). */
const EnumerationLabel = ({ value }: { value: unknown }) => {
  const { formatMessage } = useIntl();
  if (typeof value !== 'string' || value === '') return <>-</>;
  return <>{formatMessage({ id: value, defaultMessage: value })}</>;
};

type Header = { name: string; attribute?: { type?: string }; cellFormatter?: unknown; [key: string]: unknown };
type ColumnsHookArgs = { displayedHeaders: Header[]; layout: unknown };

/** For the content manager's `Admin/CM/pages/ListView/inject-column-in-table` hook (Strapi 5.54). */
export const labelEnumerationColumns = ({ displayedHeaders, layout }: ColumnsHookArgs): ColumnsHookArgs => ({
  layout,
  displayedHeaders: displayedHeaders.map((header) =>
    header.attribute?.type === 'enumeration' && !header.cellFormatter
      ? { ...header, cellFormatter: (row: Record<string, unknown>) => <EnumerationLabel value={row[header.name]} /> }
      : header
  ),
});
