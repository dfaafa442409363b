// The document camera (高拍仪) this window's clerks capture pages with: which
// one, remembered for the device. The camera itself is driven by the window
// (getUserMedia); the backend keeps only the choice.
import { z } from 'zod';
import { noInput, type MethodSpec } from './common.ts';

/**
 * A camera as the window's media devices name it. The id is what the browser
 * gives this page (it changes with the page's address, as browser mode's port
 * does), so the label is kept beside it to find the same camera again.
 */
export const documentCameraSchema = z.object({
  deviceId: z.string().trim().min(1).max(200),
  label: z.string().trim().max(200),
});
export type DocumentCamera = z.infer<typeof documentCameraSchema>;

const chosenCamera = z.object({ camera: documentCameraSchema.nullable() });

export const documentCameraMethods = {
  // The camera the clerk chose last at this window; null before any choice.
  'devices.documentCamera': { permission: 'scans.upload', input: noInput, output: chosenCamera },
  // Chosen in the scans step by whoever captures there; null forgets the choice.
  'devices.setDocumentCamera': { permission: 'scans.upload', input: chosenCamera, output: chosenCamera },
} as const satisfies Record<string, MethodSpec>;
