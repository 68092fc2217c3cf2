import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { documentPath, formatDate, languageName, markCurrentPath, type DocumentTranslation } from '../api';

type PanelProps = {
  model: string;
  documentId?: string;
  document?: { locale?: string; updatedAt?: string } | null;
  collectionType: string;
};

/** The current locale of the edit view: the document's, else the URL's (a locale not written yet). */
const localeOf = (document: PanelProps['document']): string | undefined => {
  if (document?.locale) return document.locale;
  const match = /plugins\[i18n\]\[locale\]=([\w-]+)/.exec(decodeURIComponent(window.location.search));
  return match?.[1];
};

const Notice = ({
  translation,
  onConfirm,
  confirming,
}: {
  translation: DocumentTranslation;
  onConfirm: () => void;
  confirming: boolean;
}) => {
  const source = languageName(translation.source);
  if (translation.state === 'current') {
    return (
      <Typography variant="omega" textColor="success600" data-testid="translation-notice">
        La traduction est à jour avec la version en {source}
        {translation.sourceUpdatedAt ? ` (modifiée le ${formatDate(translation.sourceUpdatedAt)})` : ''}.
      </Typography>
    );
  }
  if (translation.state === 'missing') {
    return (
      <Typography variant="omega" data-testid="translation-notice">
        Cette version n’est pas encore publiée : les lecteurs reçoivent la version en {source}.
      </Typography>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="translation-notice">
      <Box background="warning100" borderColor="warning200" hasRadius padding={3}>
        <Typography variant="omega" fontWeight="bold" textColor="warning700">
          Cette traduction est en retard sur la version en {source}
          {translation.since ? ` depuis le ${formatDate(translation.since)}` : ''}.
        </Typography>
      </Box>
      {translation.changes.length > 0 ? (
        <Typography variant="pi" textColor="neutral600">
          Champs modifiés dans la version en {source} :
        </Typography>
      ) : null}
      {translation.changes.map((change) => (
        <Box key={change.field} background="neutral100" hasRadius padding={2}>
          <Typography variant="sigma" textColor="neutral700" tag="p">
            {change.field}
          </Typography>
          <Typography variant="pi" textColor="neutral800" style={{ whiteSpace: 'pre-wrap' }}>
            {change.source || '(vide)'}
          </Typography>
        </Box>
      ))}
      <Button variant="secondary" onClick={onConfirm} loading={confirming} fullWidth>
        La traduction reste valable
      </Button>
    </Flex>
  );
};

/**
 * The side panel of the edit view (content-manager `addEditViewSidePanel`): in a translation, says
 * whether it is behind its source, since when, which fields changed with the source's new text, and
 * lets staff confirm it without editing it.
 */
export const TranslationPanel = ({ model, documentId, document }: PanelProps) => {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const locale = localeOf(document);
  const [translation, setTranslation] = React.useState<DocumentTranslation | null>(null);
  const [confirming, setConfirming] = React.useState(false);

  React.useEffect(() => {
    let cancelled = false;
    setTranslation(null);
    if (!documentId || !locale) return;
    get<{ data: DocumentTranslation }>(documentPath(model, documentId, locale))
      .then(({ data }) => !cancelled && setTranslation(data.data))
      // A type the plugin does not follow answers 400: no panel.
      .catch(() => !cancelled && setTranslation(null));
    return () => {
      cancelled = true;
    };
  }, [get, model, documentId, locale, document?.updatedAt]);

  if (!translation || translation.isSource || !documentId || !locale) return null;

  const confirm = async () => {
    setConfirming(true);
    try {
      await post(markCurrentPath(model, documentId, locale));
      const { data } = await get<{ data: DocumentTranslation }>(documentPath(model, documentId, locale));
      setTranslation(data.data);
      toggleNotification({ type: 'success', message: 'La traduction est marquée à jour.' });
    } catch {
      toggleNotification({ type: 'danger', message: 'La traduction n’a pas pu être marquée à jour.' });
    } finally {
      setConfirming(false);
    }
  };

  return {
    title: 'Traduction',
    content: <Notice translation={translation} onConfirm={confirm} confirming={confirming} />,
  };
};
