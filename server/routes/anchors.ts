// /v1/anchors: a device pushes the head of each day it closed (日结) and reads
// back its own. The server checks each anchor's signature against the key
// the device enrolled with, keeps a day's first anchor and refuses another
// head for that day, so a device whose database was rewritten afterwards
// cannot make the server's copy agree with it.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import {
  anchorPushRequest,
  anchorQuery,
  anchorSigningText,
  MAX_LIST_ANCHORS,
  type Anchor,
  type AnchorResult,
} from '../../shared/sync/protocol.ts';
import { parseJson, valid } from '../http/request.ts';
import type { Handlers, RouteContext } from './context.ts';

function signedByDevice(anchor: Anchor, key: KeyObject | null): boolean {
  if (!key) return false;
  try {
    return verify(null, Buffer.from(anchorSigningText(anchor)), key, Buffer.from(anchor.signature, 'base64'));
  } catch {
    return false;
  }
}

function enrolledKey(spkiBase64: string): KeyObject | null {
  try {
    return createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

export function anchorRoutes({ store }: RouteContext): Handlers<'pushAnchors' | 'listAnchors'> {
  return {
    async pushAnchors(request, _reply, signed) {
      const { device } = signed!;
      const { anchors } = valid(anchorPushRequest, parseJson(request.body), 'anchors');
      const key = enrolledKey(device.publicKey);
      const receivedAt = new Date().toISOString();
      const results: AnchorResult[] = [];
      for (const anchor of anchors) {
        if (!signedByDevice(anchor, key)) {
          results.push({ day: anchor.day, status: 'refused', reason: 'bad_signature' });
          continue;
        }
        const outcome = await store.putAnchor({ ...anchor, serverDeviceId: device.deviceId, receivedAt });
        results.push(
          outcome === 'conflict'
            ? { day: anchor.day, status: 'refused', reason: 'day_rewritten' }
            : { day: anchor.day, status: outcome },
        );
      }
      const count = (status: AnchorResult['status']) => results.filter((r) => r.status === status).length;
      request.log.info(
        {
          event: 'anchors',
          device: device.deviceId,
          accepted: count('accepted'),
          duplicate: count('duplicate'),
          refused: count('refused'),
        },
        'anchors pushed',
      );
      return { results };
    },

    async listAnchors(request, _reply, signed) {
      const { device } = signed!;
      const { from, to } = valid(anchorQuery, request.query, 'query');
      const kept = await store.anchors(device.deviceId, from ?? null, to ?? null, MAX_LIST_ANCHORS);
      return {
        publicKey: device.publicKey,
        highestDay: kept.highestDay,
        anchors: kept.anchors.map(({ serverDeviceId: _, ...anchor }) => anchor),
      };
    },
  };
}
