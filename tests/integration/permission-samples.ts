// The inputs the permission test calls each method with, kept apart from the test itself.
import { randomUUID } from 'node:crypto';
import { localDay } from '../../shared/local-time.ts';
import type { MethodName } from '../../shared/rpc/contract.ts';
import { pensionTransfer, TEST_DEVICE } from './harness.ts';

/** What the samples refer to: made by the test before any call. */
export interface SampleFixture {
  readonly caseId: string;
  readonly scanSha: string;
  readonly spareUserId: string;
  /** A number not used before, for names that must be unique. */
  nextNumber(): number;
}

/** The local day, as the backend counts days. */
const today = (): string => localDay(new Date());

/**
 * Inputs each method accepts, so that an allowed call runs its handler for
 * real (it may still be refused for business reasons). A method missing here
 * is called with {} — a new method is still probed, only less deeply.
 */
export function sampleInputs(f: SampleFixture): Partial<Record<MethodName, () => unknown>> {
  return {
    'settings.setLanguage': () => ({ language: 'zh-CN' }),
    'devices.setDocumentCamera': () => ({ camera: null }),
    'setup.initialize': () => ({
      device: { ...TEST_DEVICE },
      admin: { username: 'second-admin', displayName: 'Second', password: 'second-admin-pw' },
    }),
    'auth.login': () => ({ username: 'nobody-here', password: 'wrong-password' }),
    'auth.unlock': () => ({ password: 'wrong-password' }),
    'auth.changePassword': () => ({ current: 'not-the-password', next: 'a-new-password-1' }),
    'users.create': () => ({
      username: `sample-${f.nextNumber()}`,
      displayName: 'Sample',
      password: 'sample-password',
      roles: ['auditor'],
    }),
    'users.update': () => ({ userId: f.spareUserId, displayName: `Renamed ${f.nextNumber()}` }),
    'users.resetPassword': () => ({ userId: f.spareUserId, password: 'spare-password-2' }),
    'device.update': () => ({ hall: `${TEST_DEVICE.hall}（东厅）` }),
    'catalog.search': () => ({ query: '养老' }),
    'calendar.import': () => ({ fileText: '{"not": "a calendar"}' }),
    'catalog.import': () => ({ fileText: '{"not": "a catalog"}' }),
    'authorities.save': () => ({
      region: '110101',
      category: 'general',
      names: { 'zh-CN': '测试局', 'zh-TW': '測試局', en: 'Test bureau' },
      sealName: '测试局',
      reconsiderationBody: null,
      court: { 'zh-CN': '测试法院', 'zh-TW': '測試法院', en: 'Test court' },
    }),
    'authorities.remove': () => ({ region: '110101', category: 'general' }),
    'authorities.import': () => ({ fileText: '{"not": "a catalog"}' }),
    'drafts.save': () => ({ draftId: randomUUID(), state: { step: 'applicant' } }),
    'drafts.discard': () => ({ draftId: randomUUID() }),
    'scans.begin': () => ({ mediaType: 'image/gif', size: 10 }),
    'scans.chunk': () => ({ uploadId: 'no-such-upload', index: 0, data: 'AAAA' }),
    'scans.finish': () => ({ uploadId: 'no-such-upload', thumbnail: null }),
    'scans.get': () => ({ sha256: f.scanSha, caseId: f.caseId }),
    'scans.thumbnail': () => ({ sha256: f.scanSha, caseId: f.caseId }),
    'intake.submit': () => pensionTransfer(),
    'cases.list': () => ({ query: '张三' }),
    'cases.get': () => ({ caseId: f.caseId }),
    'cases.reveal': () => ({ caseId: f.caseId, field: 'applicant.idNumber' }),
    'cases.revealField': () => ({ caseId: f.caseId, fieldId: 'transfer_in_region' }),
    'cases.recordPrint': () => ({ caseId: f.caseId, document: 'receipt', output: 'pdf', outcome: 'saved' }),
    'consultations.log': () => ({ matterId: 'KST-SI-004', note: '咨询养老保险关系转移', minutes: 5 }),
    'supervision.ledger': () => ({ day: today(), unmasked: true }),
    'supervision.exportLedger': () => ({ day: today(), format: 'xlsx', unmasked: true }),
    'supervision.recordLedgerPrint': () => ({ day: today(), output: 'pdf', outcome: 'saved', unmasked: false }),
    'supervision.setThresholds': () => ({ originalsDays: 4, collectionDays: 9 }),
    'supervision.stats': () => ({ from: '2026-01-01', to: today() }),
    'supervision.exportStats': () => ({ from: '2026-01-01', to: today(), format: 'csv' }),
    'supervision.closePreview': () => ({ day: today() }),
    // A day long past: closing it (when no warning is open) changes nothing the other methods read.
    'supervision.closeDay': () => ({ day: '2020-01-06', comments: [] }),
    'supervision.closedDays': () => ({ limit: 5 }),
    // No such rating: refused by the service, after the permission check.
    'rectifications.assign': () => ({ caseId: f.caseId, eventId: 'no-such-event', assigneeUserId: f.spareUserId }),
    'rectifications.answer': () => ({ caseId: f.caseId, eventId: 'no-such-event', findings: '核实', actions: '整改' }),
    'rectifications.contact': () => ({
      caseId: f.caseId,
      eventId: 'no-such-event',
      contactedAt: new Date().toISOString(),
      method: 'phone',
      response: 'satisfied',
    }),
    'rectifications.close': () => ({ caseId: f.caseId, eventId: 'no-such-event' }),
    'audit.list': () => ({ action: 'auth.login', limit: 10 }),
    'audit.export': () => ({ format: 'csv', action: 'personal.reveal' }),
    // No passphrase set and none given: refused by the service, after the permission check.
    'backup.configure': () => ({ folder: '/no-such-backup-folder', daily: false }),
    'backup.restore': () => ({ folder: '/no-such-backup-folder', passphrase: 'not-a-passphrase' }),
    'backup.restoreAtSetup': () => ({ folder: '/no-such-backup-folder', passphrase: 'not-a-passphrase' }),
    'privacy.setSettings': () => ({ retentionYears: 30, contact: '彭泽县政务服务中心 0792-1234567' }),
    'paperwork.issueOneTimeNotice': () => ({
      matterId: 'KST-SI-004',
      language: 'zh-CN',
      items: [{ materialId: 'id_card', problem: 'missing' }],
      note: '咨询养老保险关系转移',
      minutes: 5,
    }),
    // No such notice: refused by the service, after the permission check.
    'paperwork.recordNoticePrint': () => ({ noticeId: 'no-such-notice', output: 'pdf', outcome: 'saved' }),
    // No pad configured on the device under test: refused by the service, after the permission check.
    'paperwork.signForm': () => ({ prompt: '请签名' }),
    // Turns the reader off, as the device under test has it: allowed, and nothing changes.
    'devices.setIdCardReader': () => ({ reader: { kind: 'none' }, photoDecoder: null }),
    'paperwork.recordFormPrint': () => ({
      draftId: '00000000-0000-4000-8000-000000000000',
      matterId: 'KST-SI-004',
      output: 'pdf',
      outcome: 'saved',
    }),
    // The applicant's screen: a pairing of the caller's own, or none, refused by the service.
    'applicantScreen.open': () => ({ draftId: randomUUID() }),
    'applicantScreen.state': () => ({ pairingId: randomUUID() }),
    'applicantScreen.show': () => ({
      pairingId: randomUUID(),
      content: {
        matterId: 'KST-SI-004',
        language: 'zh-CN',
        handlingRegion: null,
        applicant: { name: '张三', idKind: 'resident_id', idNumber: '', phone: '', address: '' },
        agent: null,
        materials: [],
        delivery: null,
      },
    }),
    'applicantScreen.takeSignature': () => ({ pairingId: randomUUID() }),
    'applicantScreen.close': () => ({ pairingId: randomUUID() }),
    'applicantScreen.redeem': () => ({ code: '000000' }),
    'applicantScreen.sign': () => ({ png: '' }),
    'applicantScreen.flag': () => ({ field: 'matter' }),
    'applicantScreen.rate': () => ({ rating: 5 }),
  };
}
