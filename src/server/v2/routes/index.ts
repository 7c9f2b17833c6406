// Every route of CONTRACT-v2 section 2, rows 1-44.

import type { V2RouteDef } from '../context.js';
import { accountRoutes } from './account.js';
import { basketRoutes } from './baskets.js';
import { catalogRoutes } from './catalog.js';
import { contentRoutes } from './content.js';
import { customerRoutes } from './customers.js';
import { orderRoutes } from './orders.js';
import { paymentRoutes } from './payments.js';
import { purchaseRoutes } from './purchases.js';

export const v2Routes: V2RouteDef[] = [
  ...contentRoutes,
  ...catalogRoutes,
  ...customerRoutes,
  ...accountRoutes,
  ...basketRoutes,
  ...orderRoutes,
  ...paymentRoutes,
  ...purchaseRoutes,
];
