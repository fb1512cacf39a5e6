/** The knowledge base's words outside its components, in the UI language. */
import type { ExportLabels } from '../../core/knowledge/export';
import { t } from '../i18n';

/** The words around the articles in an exported file. */
export function exportLabels(): ExportLabels {
  return {
    knowledgeBase: t('kbPageTitle'),
    exported: t('kbExportExported'),
    contents: t('kbExportContents'),
    language: t('kbPageFieldLanguage'),
    owner: t('kbPageFieldOwner'),
    lastReviewed: t('kbExportLastReviewed'),
    tags: t('kbPageFieldTags'),
    publicUrl: t('kbExportPublicPage'),
  };
}
