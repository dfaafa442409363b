// The ID-card reader through the RPC: the administrator sets the reader (bad
// settings refused with nothing changed), the clerk reads a card from the
// simulator, each fault comes back as its own refusal, and a case records
// whether its identity was read from the chip (checked against the read) or
// typed, with the photo comparison audited and no card data in the audit log.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signaturePng } from '../../electron/backend/devices/signature-pad-simulator.ts';
import type { IdentitySource } from '../../shared/case/identity-source.ts';
import { localDay } from '../../shared/local-time.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { ChipIdentity, IdCardReaderSetting } from '../../shared/rpc/contract.ts';
import {
  call,
  pensionTransfer,
  refusal,
  setUpDevice,
  staffClient,
  startInProcess,
  withDb,
  type BackendUnderTest,
} from './harness.ts';
import { expectNothingWritten } from './intake-backend.ts';

describe('the ID-card reader', () => {
  let backend: BackendUnderTest;
  let admin: RpcClient;
  let clerk: RpcClient;
  let supervisor: RpcClient;

  const simulate = (card: string, fault = 'none'): Promise<unknown> =>
    call(admin, 'devices.setIdCardReader', {
      reader: { kind: 'simulator', card, fault } as IdCardReaderSetting,
      photoDecoder: null,
    });
  const chipSource = (identity: ChipIdentity, photoCompared: boolean): IdentitySource => ({
    source: 'chip',
    cardType: identity.cardType,
    validFrom: identity.validFrom,
    validTo: identity.validTo,
    expired: identity.expired,
    photoCompared,
  });
  const submissionOf = (identity: ChipIdentity, identitySource: IdentitySource) =>
    pensionTransfer({
      applicant: {
        name: identity.name,
        idKind: identity.idKind,
        idNumber: identity.idNumber,
        address: identity.address,
        phone: '13812348000',
      },
      identitySource,
    });
  const auditRows = () =>
    withDb(backend.dbFile, (db) =>
      db.prepare(`SELECT action, target, detail FROM audit_log WHERE action LIKE 'id_card.%' ORDER BY seq`).all(),
    ) as { action: string; target: string | null; detail: string }[];

  beforeAll(async () => {
    backend = startInProcess();
    ({ admin } = await setUpDevice(backend));
    clerk = await staffClient(backend, admin, ['intake_clerk']);
    supervisor = await staffClient(backend, admin, ['supervisor']);
  });
  afterAll(async () => {
    await backend.stop();
  });

  it('has no reader at first: a read says so', async () => {
    expect((await call(clerk, 'devices.idCardReader', {})).reader).toEqual({ kind: 'none' });
    expect(await refusal(clerk.request('devices.readIdCard', {}))).toMatchObject({
      code: 'REJECTED',
      reason: 'id_card_reader_not_configured',
    });
  });

  it('refuses bad settings, naming what is expected, and keeps the setting it had', async () => {
    const bad: [IdCardReaderSetting, string | null, string][] = [
      [{ kind: 'serial', path: 'ttyUSB0; rm -rf', baudRate: 115200 }, null, 'id_card_reader_port_invalid'],
      [{ kind: 'loopback', url: 'http://192.168.1.9:19196' }, null, 'id_card_reader_not_local'],
      [{ kind: 'loopback', url: 'http://localhost:19196' }, null, 'id_card_reader_not_local'],
      [{ kind: 'simulator', card: 'nobody', fault: 'none' }, null, 'id_card_simulator_card_unknown'],
      [{ kind: 'simulator', card: 'resident', fault: 'none' }, 'wlt2png', 'id_card_photo_decoder_invalid'],
    ];
    for (const [reader, photoDecoder, reason] of bad) {
      expect(await refusal(admin.request('devices.setIdCardReader', { reader, photoDecoder })), reason).toMatchObject({
        code: 'REJECTED',
        reason,
      });
    }
    expect(
      await refusal(
        admin.request('devices.setIdCardReader', { reader: { kind: 'serial' } as never, photoDecoder: null }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await call(admin, 'devices.idCardReader', {})).toMatchObject({
      reader: { kind: 'none' },
      photoDecoder: null,
    });
    expect(
      await refusal(clerk.request('devices.setIdCardReader', { reader: { kind: 'none' }, photoDecoder: null })),
    ).toMatchObject({ code: 'PERMISSION_DENIED' });
    const serial = await call(admin, 'devices.setIdCardReader', {
      reader: { kind: 'serial', path: 'COM3', baudRate: 57600 },
      photoDecoder: null,
    });
    expect(serial.reader).toEqual({ kind: 'serial', path: 'COM3', baudRate: 57600 });
  });

  it('reads a card for the clerk, and not for a supervisor', async () => {
    await simulate('resident');
    const identity = await call(clerk, 'devices.readIdCard', {});
    expect(identity).toMatchObject({
      cardType: 'resident',
      idKind: 'resident_id',
      name: '测试样',
      sex: 'female',
      ethnicity: '汉',
      validTo: '2036-03-01',
      expired: false,
      photo: { status: 'no_decoder' },
    });
    expect(await refusal(supervisor.request('devices.readIdCard', {}))).toMatchObject({ code: 'PERMISSION_DENIED' });
    const audited = auditRows().filter((row) => row.action === 'id_card.read');
    expect(audited.at(-1)).toMatchObject({ detail: JSON.stringify({ cardType: 'resident', expired: false }) });
  });

  it('says what went wrong on each fault, and reads again once it is gone', async () => {
    const faults: [string, string][] = [
      ['no_card', 'id_card_no_card'],
      ['lifted', 'id_card_lifted'],
      ['bad_checksum', 'id_card_bad_checksum'],
      ['wrong_status', 'id_card_bad_status'],
      ['unplugged', 'id_card_unplugged'],
    ];
    for (const [fault, reason] of faults) {
      await simulate('resident', fault);
      expect(await refusal(clerk.request('devices.readIdCard', {})), fault).toMatchObject({ code: 'REJECTED', reason });
    }
    await simulate('resident');
    expect((await call(clerk, 'devices.readIdCard', {})).name).toBe('测试样');
  });

  it('shows the photo through a configured decoder, never storing it, and says when the decoder fails', async () => {
    const png = join(backend.dataDir, 'decoded.png');
    writeFileSync(png, signaturePng(1, 102, 126));
    const decoder = join(backend.dataDir, 'wlt-decoder.sh');
    writeFileSync(decoder, `#!/bin/sh\ncat > /dev/null\ncat '${png}'\n`);
    chmodSync(decoder, 0o755);
    await call(admin, 'devices.setIdCardReader', {
      reader: { kind: 'simulator', card: 'hk_permit', fault: 'none' },
      photoDecoder: decoder,
    });
    const identity = await call(clerk, 'devices.readIdCard', {});
    expect(identity.photo).toEqual({
      status: 'shown',
      dataUrl: `data:image/png;base64,${signaturePng(1, 102, 126).toString('base64')}`,
    });
    const failing = join(backend.dataDir, 'failing-decoder.sh');
    writeFileSync(failing, '#!/bin/sh\nexit 3\n');
    chmodSync(failing, 0o755);
    await call(admin, 'devices.setIdCardReader', {
      reader: { kind: 'simulator', card: 'hk_permit', fault: 'none' },
      photoDecoder: failing,
    });
    expect((await call(clerk, 'devices.readIdCard', {})).photo).toEqual({ status: 'decoder_failed' });
    await simulate('resident');
  });

  it('takes a chip-read identity only with the photo compared, and records it on the case and the ledger', async () => {
    await simulate('resident_expired');
    const identity = await call(clerk, 'devices.readIdCard', {});
    expect(identity).toMatchObject({ expired: true, validTo: '2020-06-20' });
    await expectNothingWritten(backend, async () => {
      expect(
        await refusal(clerk.request('intake.submit', submissionOf(identity, chipSource(identity, false)))),
      ).toMatchObject({ code: 'REJECTED' });
    });
    const { caseId } = await call(clerk, 'intake.submit', submissionOf(identity, chipSource(identity, true)));
    const detail = await call(clerk, 'cases.get', { caseId });
    expect(detail.applicantIdentity).toEqual(chipSource(identity, true));
    const ledger = await call(supervisor, 'supervision.ledger', { day: localDay(new Date()) });
    expect(ledger.rows.find((row) => row.caseId === caseId)?.identitySource).toBe('chip');
    const compared = auditRows().filter((row) => row.action === 'id_card.photo_compared');
    expect(compared).toEqual([
      {
        action: 'id_card.photo_compared',
        target: caseId,
        detail: JSON.stringify({ cardType: 'resident', expired: true }),
      },
    ]);
    // Nothing of the card in the audit log: no number, no name.
    const everything = JSON.stringify(auditRows());
    expect(everything).not.toContain(identity.idNumber);
    expect(everything).not.toContain(identity.name);
  });

  it('refuses a chip claim the last read does not back, and takes a typed identity as typed', async () => {
    await simulate('resident');
    const identity = await call(clerk, 'devices.readIdCard', {});
    const edited = { ...identity, name: '改过名' };
    await expectNothingWritten(backend, async () => {
      expect(
        await refusal(clerk.request('intake.submit', submissionOf(edited, chipSource(identity, true)))),
      ).toMatchObject({ code: 'REJECTED', reason: 'id_card_read_mismatch' });
      const longer = { ...identity, validTo: '2046-03-01' };
      expect(
        await refusal(clerk.request('intake.submit', submissionOf(identity, chipSource(longer, true)))),
      ).toMatchObject({ code: 'REJECTED', reason: 'id_card_read_mismatch' });
    });
    const { caseId } = await call(clerk, 'intake.submit', submissionOf(edited, { source: 'typed' }));
    expect((await call(clerk, 'cases.get', { caseId })).applicantIdentity).toEqual({ source: 'typed' });
    const ledger = await call(supervisor, 'supervision.ledger', { day: localDay(new Date()) });
    expect(ledger.rows.find((row) => row.caseId === caseId)?.identitySource).toBe('typed');
  });
});
