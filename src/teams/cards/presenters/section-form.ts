import { t } from '../../../i18n';
import type { FormField, SectionFormView } from '../../../core/views/types';
import { renderCard, type AdaptiveCard } from '../render-card';
import { formatDays } from '../../../core/views/format';
import { choiceValue, keepLeadingNumber } from './shared';

/**
 * One section of the questionnaire as one card: a dimension (optional global judgement, every
 * statement as an expanded choice set of the scale's points, the two open questions) or the
 * reflection questions (texts, the days-per-domain allocation as four choice sets, the role grid
 * as short texts per domain). Which fields, which are required and every error come from the
 * core's view; this only lays them out. Input ids are the flat field ids the core expects back.
 */
type FieldData =
  | { kind: 'scale'; id: string; label: string; required: boolean; value: string; error: string; choices: { title: string; value: string }[] }
  | { kind: 'text'; id: string; label: string; value: string; error: string; maxLength: number; hint: string }
  | {
      kind: 'allocation';
      id: string;
      label: string;
      hint: string;
      error: string;
      domains: { id: string; label: string; value: string; error: string; choices: { title: string; value: string }[] }[];
      /**
       * Cards have no live expressions: a button shows the running total of the typed days. The
       * playground, which runs its own script, updates the total as the person chooses: `inputs`
       * names the days' inputs, `hint` and `total` ("… {total} …") are the wording it fills in.
       */
      updateTotal: { title: string; inputs: string; hint: string; total: string };
    }
  | {
      kind: 'roleGrid';
      id: string;
      label: string;
      hint: string;
      error: string;
      domains: { label: string; cells: { id: string; label: string; value: string; error: string; maxLength: number }[] }[];
    }
  | { kind: 'group'; id: string; label: string; value: string; error: string; choices: { title: string; value: string }[] };

function optionalLabel(label: string, required: boolean, view: SectionFormView): string {
  return required ? label : `${label} (${view.labels.optional})`;
}

function fieldData(field: FormField, view: SectionFormView): FieldData {
  switch (field.type) {
    case 'scale':
      return {
        kind: 'scale',
        id: field.id,
        label: optionalLabel(field.label, field.required, view),
        required: field.required,
        value: choiceValue(field.value),
        error: field.error ?? '',
        // "Geen zicht op" comes last and set apart by a dash: it is not a point on the scale.
        choices: [...view.scale.points.map((p) => ({ title: `${p.value} · ${p.label}`, value: String(p.value) })), ...(field.noView ? [{ title: `— ${field.noView.label}`, value: field.noView.value }] : [])],
      };
    case 'text':
      return { kind: 'text', id: field.id, label: optionalLabel(field.label, field.required, view), value: field.value ?? '', error: field.error ?? '', maxLength: field.maxLength, hint: field.hint };
    case 'allocation':
      return {
        kind: 'allocation',
        id: field.id,
        // A TextBlock, not an Input label: Markdown would renumber "3." as "1.".
        label: keepLeadingNumber(optionalLabel(field.label, field.required, view)),
        hint: field.hint,
        error: field.error ?? '',
        domains: field.domains.map((d) => ({
          id: `${field.id}.${d.id}`,
          label: d.label,
          value: choiceValue(d.value),
          error: d.error ?? '',
          choices: field.options.map((o) => ({ title: o.label, value: String(o.value) })),
        })),
        updateTotal: {
          title: t(view.lang, 'cards:form.updateTotal'),
          inputs: field.domains.map((d) => `${field.id}.${d.id}`).join(','),
          hint: t(view.lang, 'survey:allocationHint', { max: field.max }),
          total: t(view.lang, 'survey:allocationTotal', { total: '{total}', max: formatDays(field.max, view.lang) }),
        },
      };
    case 'roleGrid': {
      const roleLabel = new Map(field.roles.map((r) => [r.id, r.label]));
      return {
        kind: 'roleGrid',
        id: field.id,
        label: keepLeadingNumber(optionalLabel(field.label, field.required, view)),
        hint: field.hint,
        error: field.error ?? '',
        domains: field.domains.map((d) => ({
          label: d.label,
          cells: d.cells.map((c) => ({ id: `${field.id}.${d.id}.${c.roleId}`, label: roleLabel.get(c.roleId) ?? c.roleId, value: c.value ?? '', error: c.error ?? '', maxLength: field.maxLength })),
        })),
      };
    }
    case 'group':
      return {
        kind: 'group',
        id: field.id,
        // The core's wording of this question already says it is optional and why.
        label: field.label,
        value: field.value ?? '',
        error: field.error ?? '',
        choices: field.options.map((o) => ({ title: o.label, value: o.id })),
      };
  }
}

export interface SectionFormExtras {
  /** The previous section was just saved: the card says so above the next one. */
  justSaved?: boolean;
}

export function sectionFormCard(view: SectionFormView, extras: SectionFormExtras = {}): AdaptiveCard {
  const { lang } = view;
  // Errors the core could not pin on a field of this card (e.g. an unknown item) still show.
  const fieldIds = new Set(view.fields.map((f) => f.id));
  const formErrors = Object.entries(view.errors)
    .filter(([id]) => !fieldIds.has(id.split('.')[0]!))
    .map(([, text]) => ({ text }));
  return renderCard('section-form', {
    roundId: view.roundId,
    section: view.section,
    kind: view.kind,
    progress: view.progress.label,
    title: view.title,
    intro: view.intro,
    stem: view.stem ?? '',
    savedBanner: extras.justSaved ? t(lang, 'survey:saved') : '',
    savedBefore: view.saved && !view.hasErrors ? t(lang, 'survey:saved') : '',
    draftNote: view.draft && !view.hasErrors ? view.draft.note : '',
    errorSummary: view.hasErrors ? view.labels.errorSummary : '',
    formErrors,
    choose: t(lang, 'cards:form.choose'),
    groupPlaceholder: t(lang, 'cards:form.groupPlaceholder'),
    fields: view.fields.map((f) => fieldData(f, view)),
    scale: { title: view.scale.title, points: view.scale.points.map((p) => ({ heading: `${p.value} · ${p.label} (${p.band})`, meaning: p.meaning })) },
    labels: { submit: view.labels.submit, later: view.labels.cancel, scaleHelp: view.labels.scaleHelp },
  });
}
