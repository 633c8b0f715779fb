// The controllers the controller manager runs, by name.
import { ForeignClusterController } from '../foreigncluster/foreigncluster-controller.js';
import type { LiqoControllerFactory } from './context.js';

export const LIQO_CONTROLLERS: Record<string, LiqoControllerFactory> = {
  foreigncluster: (ctx) => new ForeignClusterController(ctx),
};
