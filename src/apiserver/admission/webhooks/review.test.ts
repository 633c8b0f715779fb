import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyAdmissionResponse } from './review.js';

const review = (response: unknown) => ({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response });

test('a well-formed response is accepted', () => {
  const r = verifyAdmissionResponse('u1', true, review({ uid: 'u1', allowed: true, patch: 'W10=', patchType: 'JSONPatch' }));
  assert.equal(typeof r, 'object');
});

test('malformed responses are refused with the reason kube gives', () => {
  assert.equal(verifyAdmissionResponse('u1', true, { apiVersion: 'v1', kind: 'Status' }),
    'expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got v1, Kind=Status');
  assert.equal(verifyAdmissionResponse('u1', true, review(undefined)), 'webhook response was absent');
  assert.equal(verifyAdmissionResponse('u1', true, review({ uid: 'u2', allowed: true })), 'expected response.uid="u1", got "u2"');
  assert.equal(verifyAdmissionResponse('u1', true, review({ uid: 'u1', allowed: true, patch: 'W10=' })),
    'webhook returned response.patch but not response.patchType');
  assert.equal(verifyAdmissionResponse('u1', true, review({ uid: 'u1', allowed: true, patch: 'W10=', patchType: 'Merge' })),
    'webhook returned invalid response.patchType of "Merge"');
  assert.equal(verifyAdmissionResponse('u1', false, review({ uid: 'u1', allowed: true, patch: 'W10=', patchType: 'JSONPatch' })),
    'validating webhooks may not return patches');
});
