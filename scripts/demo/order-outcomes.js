// Reads, through the services' HTTP APIs, whether each replayed order was posted or raised.

async function getJson(url) {
  const response = await fetch(url);

  return response.ok ? response.json() : undefined;
}

/** Lists open exception records of every service, with the service name added. */
export async function openExceptions(services) {
  const lists = await Promise.all(
    Object.values(services).map(async (service) => {
      const body = await getJson(`${service.url}/admin/exceptions?status=open&limit=500`);

      return (body?.items ?? []).map((item) => ({ ...item, service: service.name }));
    }),
  );

  return lists.flat();
}

/**
 * Returns the state of one replayed order: `posted` with its journal entries, `exception` with the
 * record that stopped it, or `pending`.
 */
export async function orderOutcome(services, sample, deliveryId, exceptions) {
  const externalId = String(sample.order.id);
  const ordersUrl = services.orders.url;
  const order = await getJson(
    `${ordersUrl}/orders?channel=shopify&shopId=demo-shop.myshopify.com&externalId=${externalId}`,
  );
  if (order?.id) {
    const entries = await getJson(
      `${services['erp-posting'].url}/journal-entries?orderId=${order.id}`,
    );
    const list = Array.isArray(entries) ? entries : (entries?.entries ?? []);
    if (list.length > 0) {
      return { status: 'posted', orderId: order.id, entries: list };
    }
  }

  const record = exceptions.find((item) => {
    const text = JSON.stringify(item.envelope ?? {});

    return (
      text.includes(`"externalId":"${externalId}"`) ||
      (deliveryId && text.includes(deliveryId)) ||
      (order?.id && text.includes(order.id))
    );
  });
  if (record) {
    return { status: 'exception', orderId: order?.id, exception: record };
  }

  return { status: 'pending', orderId: order?.id };
}
