// The contract is its domains' methods put together: each method declared by
// exactly one domain, none lost in the assembly.
import { describe, expect, it } from 'vitest';
import {
  applicantScreenMethods,
  accountMethods,
  auditMethods,
  backupMethods,
  caseActionMethods,
  caseMethods,
  catalogMethods,
  commitmentMethods,
  dayCloseMethods,
  deviceMethods,
  documentCameraMethods,
  idCardMethods,
  intakeMethods,
  methods,
  paperworkMethods,
  peripheralMethods,
  privacyMethods,
  rectificationMethods,
  scanMethods,
  supervisionMethods,
  syncMethods,
  systemMethods,
} from './contract.ts';

const METHODS_BY_AREA = {
  systemMethods,
  accountMethods,
  deviceMethods,
  catalogMethods,
  intakeMethods,
  scanMethods,
  caseMethods,
  caseActionMethods,
  syncMethods,
  supervisionMethods,
  dayCloseMethods,
  auditMethods,
  peripheralMethods,
  backupMethods,
  commitmentMethods,
  privacyMethods,
  paperworkMethods,
  idCardMethods,
  applicantScreenMethods,
  documentCameraMethods,
  rectificationMethods,
};

describe('the assembled contract', () => {
  it('declares each method in exactly one domain', () => {
    const declared = Object.values(METHODS_BY_AREA).flatMap((domain) => Object.keys(domain));
    expect(declared.filter((method, index) => declared.indexOf(method) !== index)).toEqual([]);
    expect(declared.sort()).toEqual(Object.keys(methods).sort());
  });

  it("keeps each domain's specification as declared", () => {
    for (const domain of Object.values(METHODS_BY_AREA)) {
      for (const [method, spec] of Object.entries(domain)) expect(methods[method as keyof typeof methods]).toBe(spec);
    }
  });
});
