// The application form signed by the applicant — on the pad, or on the
// applicant's own screen — drawn with the signature and kept as a scan of the
// draft, on the matter's own application-form material where its checklist has one.
import type { Matter } from '../../../shared/catalog/schema.ts';
import { drawSignedForm, type ApplicationFormModel } from './application-form.ts';
import { uploadScan } from './upload.ts';
import type { WizardState } from './wizard-state.ts';

export function base64Bytes(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function keepSignedForm(
  matter: Matter,
  model: ApplicationFormModel,
  png: string,
  fileName: string,
  update: (change: (draft: WizardState) => WizardState) => void,
): Promise<void> {
  // The checklist's form the system prints for signing (《申请表》), if the matter lists one.
  const formMaterial = matter.materials.find((m) => m.systemGenerated) ?? null;
  const page = await drawSignedForm(model, new Blob([base64Bytes(png)], { type: 'image/png' }));
  const file = new File([page], fileName, { type: 'image/png' });
  const { scan, thumbnail } = await uploadScan(file, () => undefined);
  update((s) => {
    const kept = formMaterial ? s.materials[formMaterial.id] : undefined;
    return {
      ...s,
      scans: [
        ...s.scans,
        {
          sha256: scan.sha256,
          mediaType: scan.mediaType,
          size: scan.size,
          name: file.name,
          materialId: formMaterial?.id ?? null,
          thumbnail,
        },
      ],
      // The signed form is in hand: its material is received, in the forms the checklist expects.
      materials:
        formMaterial && kept && kept.outcome === 'not_provided'
          ? { ...s.materials, [formMaterial.id]: { ...kept, outcome: 'received' } }
          : s.materials,
    };
  });
}
