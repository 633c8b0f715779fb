// The controllers the controller manager runs, by name.
import { ForeignClusterController } from '../foreigncluster/foreigncluster-controller.js';
import { ResourceOfferController } from '../resource-negotiation/resourceoffer-controller.js';
import { ResourceRequestController } from '../resource-negotiation/resourcerequest-controller.js';
import type { LiqoControllerFactory } from './context.js';

export const LIQO_CONTROLLERS: Record<string, LiqoControllerFactory> = {
  foreigncluster: (ctx) => new ForeignClusterController(ctx),
  resourcerequest: (ctx) => new ResourceRequestController(ctx),
  resourceoffer: (ctx) => new ResourceOfferController(ctx),
};
