// What went wrong with the camera, in the words the clerk is shown
// (documentCamera.problems.*). getUserMedia rejects with a DOMException whose
// name says why; a camera pulled out mid-capture ends its track instead.

export const CAMERA_PROBLEMS = ['noCamera', 'permissionDenied', 'busy', 'unplugged', 'failed'] as const;
export type CameraProblem = (typeof CAMERA_PROBLEMS)[number];

const BY_ERROR_NAME: Record<string, CameraProblem> = {
  NotFoundError: 'noCamera',
  // The camera chosen is gone, or cannot give what was asked.
  OverconstrainedError: 'noCamera',
  NotAllowedError: 'permissionDenied',
  SecurityError: 'permissionDenied',
  // Another program (the vendor's own capture tool, a video call) holds the camera.
  NotReadableError: 'busy',
  AbortError: 'busy',
};

export function cameraProblemOf(error: unknown): CameraProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  return BY_ERROR_NAME[name] ?? 'failed';
}
