// 申请表: the application form made from the intake's data, declared once as
// sections of label and value rows, and drawn from that either as the printed
// page (ApplicationForm.tsx) or onto a canvas with the signature taken on the
// pad, as the signed page kept with the case.
//
// Whose data is in full where: the form is the applicant's own declaration,
// which the applicant checks and signs, so the printed and the signed copies
// carry the full name, ID number, phone and address; the copy on the screen
// masks them, as every screen does, since others may see it.
import i18next from 'i18next';
import type { Matter } from '../../../shared/catalog/schema.ts';
import { handlingRegionOf } from '../../../shared/case/intake.ts';
import { maskIdentity, maskName, maskPhone, maskSensitive } from '../../../shared/identity/mask.ts';
import type { Language } from '../../../shared/languages.ts';
import { officialDate } from '../../../shared/official-date.ts';
import { regionName } from '../../../shared/regions.ts';
import { toSubmission, type DeliveryState, type PersonState, type WizardState } from './wizard-state.ts';

export interface FormSection {
  heading: string;
  rows: [string, string][];
}

export interface ApplicationFormModel {
  language: Language;
  title: string;
  sections: FormSection[];
  declaration: string;
  signatureLabel: string;
  dateLine: string;
}

export interface IntakePlace {
  regionCode: string;
  hall: string;
  windowNo: string;
}

/** An address on screen: its first characters, enough to tell two apart, and no more. */
const maskAddress = (v: string): string => ([...v].length <= 4 ? '****' : `${[...v].slice(0, 4).join('')}****`);

export function applicationFormModel(
  matter: Matter,
  state: WizardState,
  place: IntakePlace,
  full: boolean,
  today: Date,
): ApplicationFormModel {
  const language = state.language;
  const t = i18next.getFixedT(language, undefined, 'paperwork');
  const tIdentity = i18next.getFixedT(language, undefined, 'identity');
  const none = t('form.none');
  const person = (p: PersonState): [string, string][] => {
    const id = p.idNumber.trim().toUpperCase();
    const phone = p.phone.trim();
    const address = p.address.trim();
    return [
      [t('form.name'), full ? p.name.trim() : maskName(p.name.trim())],
      [t('form.idKind'), tIdentity(`kinds.${p.idKind}`)],
      [t('form.idNumber'), full ? id : maskIdentity(p.idKind, id)],
      [t('form.phone'), phone ? (full ? phone : maskPhone(phone)) : none],
      [t('form.address'), address ? (full ? address : maskAddress(address)) : none],
    ];
  };
  const details: [string, string][] = matter.formFields.flatMap((field): [string, string][] => {
    const value = state.formData[field.id]?.trim() ?? '';
    if (value === '') return [];
    const option = field.options?.find((o) => o.value === value);
    const shown = option
      ? option.label[language]
      : field.sensitive && !full
        ? maskSensitive(field.sensitive, value)
        : value;
    return [[field.label[language], shown]];
  });
  const materials: [string, string][] = matter.materials.flatMap((m): [string, string][] => {
    const outcome = state.materials[m.id]?.outcome;
    return outcome && outcome !== 'not_provided' ? [[m.names[language], t(`form.outcomes.${outcome}`)]] : [];
  });
  const handling = regionName(handlingRegionOf(matter, toSubmission(state)), language);
  const delivery = state.delivery ? deliveryText(state.delivery, language, full) : null;
  return {
    language,
    title: t('form.title'),
    sections: [
      {
        heading: t('form.matter'),
        rows: [
          [t('form.matter'), matter.names[language]],
          [t('form.handlingPlace'), `${handling} ${matter.handlingPlaceRule[language]}`],
          [t('form.intakePlace'), `${regionName(place.regionCode, language)} ${place.hall} ${place.windowNo}`],
        ],
      },
      { heading: t('form.applicant'), rows: person(state.applicant) },
      ...(state.hasAgent ? [{ heading: t('form.agent'), rows: person(state.agent) }] : []),
      ...(details.length > 0 ? [{ heading: t('form.details'), rows: details }] : []),
      { heading: t('form.materials'), rows: materials.length > 0 ? materials : [[none, '']] },
      ...(delivery
        ? [{ heading: t('form.delivery'), rows: [[t('form.delivery'), delivery]] as [string, string][] }]
        : []),
    ],
    declaration: t('form.declaration'),
    signatureLabel: t('form.signature'),
    dateLine: t('form.signedOn', { date: officialDate(today, language) }),
  };
}

/** How the result reaches the applicant; a post address and phone in full only where the applicant signs. */
function deliveryText(delivery: DeliveryState, language: Language, full: boolean): string {
  const method = i18next.getFixedT(language, undefined, 'delivery')(`methods.${delivery.method}`);
  if (delivery.method !== 'post') return method;
  const street = delivery.street.trim();
  const phone = delivery.phone.trim();
  return [
    method,
    delivery.county ? regionName(delivery.county, language) : '',
    full ? street : street && maskAddress(street),
    full ? phone : phone && maskPhone(phone),
  ]
    .filter((part) => part !== '')
    .join(' ');
}

/** A4 at 150 dpi: the width of a scanned page, so the signed form reads like one. */
const PAGE = { width: 1240, height: 1754, margin: 100 };
const FONT = 'sans-serif';

/** Splits text into lines no wider than `width` (by character, which suits Chinese and holds for English). */
function wrap(context: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (context.measureText(line + char).width > width && line !== '') {
      lines.push(line);
      line = char.trimStart();
    } else line += char;
  }
  return [...lines, line];
}

/** The form with the pad's signature in its box, drawn as one page (longer than A4 if it must be): a PNG. */
export async function drawSignedForm(model: ApplicationFormModel, signature: Blob): Promise<Blob> {
  const image = await createImageBitmap(signature);
  const canvas = document.createElement('canvas');
  canvas.width = PAGE.width;
  canvas.height = PAGE.height;
  // Laid out once to measure, then drawn on a page tall enough for all of it.
  const needed = layOut(canvas.getContext('2d')!, model, image, false);
  canvas.height = Math.max(PAGE.height, needed + PAGE.margin);
  layOut(canvas.getContext('2d')!, model, image, true);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas'))), 'image/png'),
  );
}

/** Where the form ends on the page; draws it when `draw`. */
function layOut(
  c: CanvasRenderingContext2D,
  model: ApplicationFormModel,
  signature: ImageBitmap,
  draw: boolean,
): number {
  const inner = PAGE.width - 2 * PAGE.margin;
  const labelWidth = Math.round(inner * 0.3);
  const text = (value: string, x: number, y: number): void => {
    if (draw) c.fillText(value, x, y);
  };
  if (draw) {
    c.fillStyle = '#fff';
    c.fillRect(0, 0, c.canvas.width, c.canvas.height);
  }
  c.fillStyle = '#000';
  c.strokeStyle = '#333';
  c.textBaseline = 'top';
  let y = PAGE.margin;
  c.font = `bold 44px ${FONT}`;
  c.textAlign = 'center';
  text(model.title, PAGE.width / 2, y);
  c.textAlign = 'left';
  y += 80;
  for (const section of model.sections) {
    c.font = `bold 26px ${FONT}`;
    text(section.heading, PAGE.margin, y);
    y += 40;
    c.font = `24px ${FONT}`;
    for (const [label, value] of section.rows) {
      const labelLines = wrap(c, label, labelWidth - 20);
      const valueLines = wrap(c, value, inner - labelWidth - 20);
      const height = Math.max(labelLines.length, valueLines.length) * 32 + 16;
      if (draw) {
        c.strokeRect(PAGE.margin, y, labelWidth, height);
        c.strokeRect(PAGE.margin + labelWidth, y, inner - labelWidth, height);
      }
      labelLines.forEach((l, i) => text(l, PAGE.margin + 10, y + 8 + i * 32));
      valueLines.forEach((l, i) => text(l, PAGE.margin + labelWidth + 10, y + 8 + i * 32));
      y += height;
    }
    y += 20;
  }
  c.font = `24px ${FONT}`;
  for (const line of wrap(c, model.declaration, inner)) {
    text(line, PAGE.margin, y);
    y += 34;
  }
  y += 20;
  text(model.signatureLabel, PAGE.margin, y);
  const boxHeight = 180;
  const scale = Math.min(1, (inner * 0.6) / signature.width, boxHeight / signature.height);
  if (draw) c.drawImage(signature, PAGE.margin, y + 40, signature.width * scale, signature.height * scale);
  text(model.dateLine, PAGE.margin + inner * 0.65, y + 40 + boxHeight - 30);
  return y + 40 + boxHeight;
}
