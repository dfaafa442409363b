// A matter's materials and form fields named in the UI's language, for the
// problems and refusals that refer to them by id.
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { Language } from '../../../shared/languages.ts';

// A type, not an interface: describeError takes it as its map of namers.
export type MatterNames = {
  materialId(id: string): string | undefined;
  fieldId(id: string): string | undefined;
};

export function matterNames(matter: Matter | undefined, language: Language): MatterNames {
  return {
    materialId: (id) => matter?.materials.find((m) => m.id === id)?.names[language],
    fieldId: (id) => matter?.formFields.find((f) => f.id === id)?.label[language],
  };
}
