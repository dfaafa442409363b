// 高拍仪: Chromium's fake camera plays a page lying on a grey base (a video the
// test writes). The clerk opens the camera with F8 in the scans step, takes the
// page with F8, and the capture, cropped to the page, becomes a scan of the
// case: a thumbnail in the step, and after submitting a stored file whose
// SHA-256 is its name. A region dragged on the view crops the next page. The camera is off once the panel closes, the case list
// is shown or the step changes. Where there is no camera, the panel says so
// and a file still goes in.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test as base, expect } from './browser-mode.ts';
import { PAGE_VIDEO, writePageVideo } from './fake-camera.ts';
import { png } from './files.ts';
import { rpc } from './intake-rpc.ts';
import { CLERK } from './notice-desk.ts';
import { FULL_ID } from './notice-print.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

/** A region of the view, as fractions, taking in the base left of the page and the top half of the page. */
const REGION = { left: 0.1, top: 0.05, right: 0.5, bottom: 0.5 };

const videoDir = mkdtempSync(join(tmpdir(), 'tongban-camera-'));
const videoFile = join(videoDir, 'page.y4m');
writePageVideo(videoFile);

/** A browser with Chromium's fake capture devices, access granted without a prompt. */
function withFakeCamera(...flags: string[]) {
  return base.extend<object, object>({
    launchOptions: [
      async ({ launchOptions }, use) => {
        await use({
          ...launchOptions,
          args: [...(launchOptions.args ?? []), '--use-fake-ui-for-media-stream', ...flags],
        });
      },
      { scope: 'worker' },
    ],
  });
}

// The camera plays the page video.
const test = withFakeCamera('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${videoFile}`);
// Fake devices, but not one camera among them: whatever this machine has plugged in.
const withoutCamera = withFakeCamera('--use-fake-device-for-media-stream=device-count=0');

test.afterAll(() => rmSync(videoDir, { recursive: true, force: true }));

/** Every stream the page opens, kept so the test can see that its tracks were stopped. */
async function watchStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const opened: MediaStream[] = [];
    (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams = opened;
    const media = navigator.mediaDevices;
    const getUserMedia = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      opened.push(stream);
      return stream;
    };
  });
}

/** How many camera tracks are live in the page. */
function liveTracks(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams
        .flatMap((s) => s.getTracks())
        .filter((t) => t.readyState === 'live').length,
  );
}

/** The clerk, logged in, at the scans step of a KST-SI-004 intake with its materials received. */
async function atScansStep(page: Page, url: string): Promise<void> {
  await setUpDevice(page, url);
  await createUser(page, CLERK);
  await logOut(page);
  await logInWithKeyboard(page, CLERK.username, CLERK.password);
  const draftId = randomUUID();
  const person = { name: '欧阳娜娜', idKind: 'resident_id', idNumber: FULL_ID, phone: '13812348000', address: '' };
  await rpc(page, 'drafts.save', {
    draftId,
    state: {
      draftId,
      step: 'scans',
      matterId: 'KST-SI-004',
      applicant: person,
      hasAgent: false,
      agent: { ...person, name: '', idNumber: '', phone: '', powerOfAttorney: null },
      priority: false,
      formData: { transfer_out_region: '广东省深圳市', transfer_in_region: '湖北省黄冈市黄梅县' },
      materials: {
        id_card: { outcome: 'received', forms: ['original_checked', 'copy_kept'], verificationRef: '' },
        contribution_certificate: { outcome: 'received', forms: ['original_kept'], verificationRef: '' },
        application_form: { outcome: 'received', forms: ['original_kept'], verificationRef: '' },
      },
      scans: [],
      language: 'zh-CN',
      handlingRegion: '421127',
      delivery: { method: 'intake_window', county: null, street: '', phone: '' },
    },
  });
  await page.reload();
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByTestId('scan-drop-zone')).toBeVisible();
}

test('a page under the document camera becomes a scan of the case', async ({ page, host, consoleErrors }) => {
  await watchStreams(page);
  await atScansStep(page, host.url);

  // F8 opens the camera on the step; the live view plays the fake device.
  await page.keyboard.press('F8');
  await expect(page.getByTestId('camera-panel')).toBeVisible();
  await expect(page.getByTestId('camera-capture')).toBeEnabled();
  await expect
    .poll(() => page.getByTestId('camera-preview').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBe(PAGE_VIDEO.width);
  // The camera is remembered for the window, by its id and its name.
  const { camera } = await rpc(page, 'devices.documentCamera', {});
  expect(camera?.label).not.toBe('');
  await expect(page.getByTestId('camera-select')).toContainText(camera!.label);

  // F8 again takes the page: cropped to it, uploaded, assigned to the first material.
  await page.keyboard.press('F8');
  await expect(page.getByTestId('scan-item')).toHaveCount(1);
  await expect(page.getByTestId('scan-item').locator('img')).toBeVisible();
  await expect(page.getByTestId('scan-item')).toContainText('高拍仪第1页');
  await expect(page.getByTestId('camera-notice')).toHaveCount(0);

  // A region dragged on the view: the next page is cropped to it, base and all, and goes to the next material.
  const view = (await page.getByTestId('camera-preview').boundingBox())!;
  await page.mouse.move(view.x + REGION.left * view.width, view.y + REGION.top * view.height);
  await page.mouse.down();
  await page.mouse.move(view.x + REGION.right * view.width, view.y + REGION.bottom * view.height, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByTestId('camera-region')).toBeVisible();
  await page.keyboard.press('F8');
  await expect(page.getByTestId('scan-item')).toHaveCount(2);
  await expect(page.getByTestId('scan-item').nth(1)).toContainText('高拍仪第2页');

  // On the case list tab the camera is off, and on again back at the step.
  await page.getByRole('tab', { name: '办件列表' }).click();
  await expect.poll(() => liveTracks(page)).toBe(0);
  await page.getByRole('tab', { name: '新收件' }).click();
  await expect(page.getByTestId('camera-capture')).toBeEnabled();
  await expect.poll(() => liveTracks(page)).toBe(1);

  // Closed, the camera is off; opened again, then leaving the step turns it off too.
  await page.getByTestId('camera-close').click();
  await expect.poll(() => liveTracks(page)).toBe(0);
  await page.getByTestId('camera-open').click();
  await expect(page.getByTestId('camera-capture')).toBeEnabled();
  await expect.poll(() => liveTracks(page)).toBe(1);
  await page.getByTestId('scan-drop-zone').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('review')).toBeVisible();
  await expect.poll(() => liveTracks(page)).toBe(0);

  await page.keyboard.press('Alt+KeyP');
  await page.keyboard.press('Control+Enter');
  const caseNo = (await page.getByTestId('submitted-case-no').innerText()).trim();
  const { rows } = await rpc(page, 'cases.list', { query: caseNo, limit: 1 });
  const detail = await rpc(page, 'cases.get', { caseId: rows[0]!.caseId });
  expect(detail.scans).toHaveLength(2);
  const [pageScan, regionScan] = detail.scans;
  expect(pageScan).toMatchObject({ mediaType: 'image/jpeg', materialId: 'id_card', held: true });
  expect(regionScan).toMatchObject({ mediaType: 'image/jpeg', materialId: 'contribution_certificate', held: true });

  // Each stored file is the capture: its SHA-256 is the scan's; the first holds the page alone, the second the region.
  const picture = async (sha256: string) => {
    const file = await rpc(page, 'scans.get', { sha256, caseId: rows[0]!.caseId });
    expect(createHash('sha256').update(Buffer.from(file.data, 'base64')).digest('hex')).toBe(sha256);
    return page.evaluate(async (data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const corner = context.getImageData(2, 2, 1, 1).data;
      return { width: bitmap.width, height: bitmap.height, corner: corner[0]! };
    }, file.data);
  };
  const wholePage = await picture(pageScan!.sha256);
  expect(Math.abs(wholePage.width - PAGE_VIDEO.page.width)).toBeLessThanOrEqual(2);
  expect(Math.abs(wholePage.height - PAGE_VIDEO.page.height)).toBeLessThanOrEqual(2);
  expect(wholePage.corner).toBeGreaterThan(200);
  const region = await picture(regionScan!.sha256);
  expect(Math.abs(region.width - (REGION.right - REGION.left) * PAGE_VIDEO.width)).toBeLessThanOrEqual(3);
  expect(Math.abs(region.height - (REGION.bottom - REGION.top) * PAGE_VIDEO.height)).toBeLessThanOrEqual(3);
  // Its corner is the grey base beside the page.
  expect(region.corner).toBeLessThan(120);
  expect(consoleErrors).toEqual([]);
});

withoutCamera('no camera: the panel says so, and a file still goes in', async ({ page, host }) => {
  await atScansStep(page, host.url);
  await page.getByTestId('camera-open').click();
  await expect(page.getByTestId('camera-problem')).toHaveAttribute('data-problem', 'noCamera');
  await expect(page.getByTestId('camera-problem')).toContainText('未找到摄像头');
  await expect(page.getByTestId('camera-problem')).toContainText('添加文件（Alt+F）');
  await expect(page.getByTestId('camera-capture')).toHaveCount(0);

  const files = mkdtempSync(join(tmpdir(), 'tongban-scans-'));
  try {
    writeFileSync(join(files, 'id-card.png'), png(120, 80, [200, 30, 30]));
    await page.getByTestId('file-input').setInputFiles(join(files, 'id-card.png'));
    await expect(page.getByTestId('scan-item')).toHaveCount(1);
    await expect(page.getByTestId('camera-problem')).toBeVisible();
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
});
