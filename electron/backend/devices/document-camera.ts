// The window's document camera (高拍仪): the one its clerks chose, kept in the
// device's settings so the next clerk at this window finds it selected. The
// pages themselves are taken by the window and arrive as ordinary scans.
import type { DatabaseSync } from 'node:sqlite';
import { documentCameraSchema, type DocumentCamera } from '../../../shared/rpc/contract.ts';
import { getSetting, setSetting } from '../store/settings.ts';

/** Empty when no camera has been chosen, or the choice was forgotten. */
const CAMERA_SETTING = 'devices.document_camera';

export class DocumentCameraChoice {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** The stored choice; null when none, or when what is stored no longer reads as a camera. */
  get(): DocumentCamera | null {
    const stored = getSetting(this.db, CAMERA_SETTING);
    if (!stored) return null;
    try {
      const camera = documentCameraSchema.safeParse(JSON.parse(stored));
      return camera.success ? camera.data : null;
    } catch {
      return null;
    }
  }

  set(camera: DocumentCamera | null): DocumentCamera | null {
    setSetting(this.db, CAMERA_SETTING, camera === null ? '' : JSON.stringify(camera));
    return this.get();
  }
}
