// The controllers the controller manager runs, by name.
import type { LiqoControllerFactory } from './context.js';

export const LIQO_CONTROLLERS: Record<string, LiqoControllerFactory> = {};
