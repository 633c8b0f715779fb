// The Liqo v1alpha1 API in one import: wire types per group, enum values and resource refs.
export * from './discovery.js';
export * from './sharing.js';
export * from './net.js';
export * from './offloading.js';
export * from './virtualkubelet.js';
export * from './resources.js';
