// Every route of CONTRACT.md section 3, rows 1-38, in catalogue order.

import type { RouteDef } from '../context.js';
import { authRoutes } from './auth.js';
import { cartRoutes } from './carts.js';
import { catalogRoutes } from './catalog.js';
import { checkoutRoutes } from './checkout.js';
import { contentRoutes } from './content.js';
import { customerRoutes } from './customers.js';
import { orderRoutes } from './orders.js';
import { searchRoutes } from './search.js';
import { systemRoutes } from './system.js';

export const routes: RouteDef[] = [
  ...authRoutes,
  ...catalogRoutes,
  ...searchRoutes,
  ...cartRoutes,
  ...checkoutRoutes,
  ...orderRoutes,
  ...customerRoutes,
  ...contentRoutes,
  ...systemRoutes,
];
