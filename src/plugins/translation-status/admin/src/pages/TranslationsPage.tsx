import * as React from 'react';
import { Box, Flex, SingleSelect, SingleSelectOption, Typography, Tabs, Link } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { adminRelativePath, formatDate, languageName, statusPath, type TranslationItem } from '../api';

type Locale = { code: string; name: string; isDefault: boolean };

const List = ({ items, empty }: { items: TranslationItem[]; empty: string }) =>
  items.length === 0 ? (
    <Typography variant="omega" textColor="neutral600">
      {empty}
    </Typography>
  ) : (
    <Flex direction="column" alignItems="stretch" gap={2} tag="ul">
      {items.map((item) => (
        <Box key={`${item.contentType}:${item.documentId}`} tag="li" background="neutral0" hasRadius padding={3} shadow="tableShadow">
          <Flex justifyContent="space-between" gap={4}>
            <Link tag={NavLink} to={adminRelativePath(item.adminUrl)}>
              {item.contentType.split('.').pop()} · {item.documentId}
            </Link>
            <Typography variant="pi" textColor="neutral600">
              {item.state === 'missing' ? 'en attente depuis le ' : 'en retard depuis le '}
              {formatDate(item.since)}
              {item.changedFields.length > 0 ? ` · champs modifiés : ${item.changedFields.join(', ')}` : ''}
            </Typography>
          </Flex>
        </Box>
      ))}
    </Flex>
  );

/** « Traductions »: what is left to translate (à traduire) and to update (à mettre à jour), oldest first. */
export const TranslationsPage = () => {
  const { get } = useFetchClient();
  const [locales, setLocales] = React.useState<Locale[]>([]);
  const [locale, setLocale] = React.useState<string>('');
  const [items, setItems] = React.useState<TranslationItem[] | null>(null);

  React.useEffect(() => {
    get<Locale[]>('/i18n/locales').then(({ data }) => {
      setLocales(data);
      const requested = new URLSearchParams(window.location.search).get('locale');
      setLocale(requested ?? data.find((candidate) => !candidate.isDefault)?.code ?? '');
    });
  }, [get]);

  React.useEffect(() => {
    if (!locale) return;
    setItems(null);
    get<{ data: TranslationItem[] }>(statusPath(locale)).then(({ data }) => setItems(data.data));
  }, [get, locale]);

  const missing = (items ?? []).filter((item) => item.state === 'missing');
  const outdated = (items ?? []).filter((item) => item.state === 'outdated');

  return (
    <Page.Main>
      <Page.Title>Traductions</Page.Title>
      <Layouts.Header title="Traductions" subtitle="Ce qui reste à traduire ou à mettre à jour, le plus ancien d’abord" />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box maxWidth="20rem">
            <SingleSelect aria-label="Langue" value={locale} onChange={(value: string | number) => setLocale(String(value))}>
              {locales
                .filter((candidate) => !candidate.isDefault)
                .map((candidate) => (
                  <SingleSelectOption key={candidate.code} value={candidate.code}>
                    {languageName(candidate.code)} ({candidate.code})
                  </SingleSelectOption>
                ))}
            </SingleSelect>
          </Box>
          {items === null ? (
            <Page.Loading />
          ) : (
            <Tabs.Root defaultValue="missing">
              <Tabs.List aria-label="Traductions">
                <Tabs.Trigger value="missing">À traduire ({missing.length})</Tabs.Trigger>
                <Tabs.Trigger value="outdated">À mettre à jour ({outdated.length})</Tabs.Trigger>
              </Tabs.List>
              <Tabs.Content value="missing">
                <Box paddingTop={4}>
                  <List items={missing} empty="Tout est traduit." />
                </Box>
              </Tabs.Content>
              <Tabs.Content value="outdated">
                <Box paddingTop={4}>
                  <List items={outdated} empty="Aucune traduction en retard." />
                </Box>
              </Tabs.Content>
            </Tabs.Root>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default TranslationsPage;
