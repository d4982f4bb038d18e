import { publicIdKind } from '../../kernel/ids.ts';

/** `whe_…`: a webhook endpoint; `whd_…`: one delivery to it. */
export const endpointIds = publicIdKind('webhookEndpoint', 'whe');
export const deliveryIds = publicIdKind('webhookDelivery', 'whd');
