// Builds the AsyncAPI 3 document of every event and request in the contract catalog, with JSON
// Schemas derived from the class-validator decorators, so the document cannot drift from the
// classes that validate the messages.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { EVENT_CATALOG, REQUEST_CATALOG } from '@retail-sync/contracts';
import { stringify } from 'yaml';

const channelId = (subject) => subject.replaceAll('.', '-');

export function buildAsyncApiDocument() {
  const schemas = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
  });
  const channels = {};
  const operations = {};
  const messages = {};

  for (const [subject, entry] of Object.entries(EVENT_CATALOG)) {
    const id = channelId(subject);
    messages[id] = {
      name: subject,
      title: entry.payload.name,
      contentType: 'application/cloudevents+json',
      headers: { $ref: '#/components/schemas/TraceHeaders' },
      payload: envelopeOf(entry.payload.name),
    };
    channels[id] = {
      address: `{namespace}.${subject}`,
      parameters: { namespace: { $ref: '#/components/parameters/namespace' } },
      description: `JetStream stream {NAMESPACE}_${entry.stream}.`,
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
    };
    operations[`publish-${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
    };
  }

  for (const [subject, entry] of Object.entries(REQUEST_CATALOG)) {
    const id = channelId(subject);
    messages[`${id}-request`] = {
      name: subject,
      title: entry.request.name,
      contentType: 'application/json',
      payload: { $ref: `#/components/schemas/${entry.request.name}` },
    };
    messages[`${id}-reply`] = {
      name: `${subject} reply`,
      title: entry.reply.name,
      contentType: 'application/json',
      payload: replyOf(entry.reply.name),
    };
    channels[id] = {
      address: `{namespace}.rpc.${subject}`,
      parameters: { namespace: { $ref: '#/components/parameters/namespace' } },
      description: 'Core NATS request-reply, outside every stream.',
      messages: {
        [`${id}-request`]: { $ref: `#/components/messages/${id}-request` },
        [`${id}-reply`]: { $ref: `#/components/messages/${id}-reply` },
      },
    };
    operations[`request-${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${id}-request` }],
      reply: { messages: [{ $ref: `#/channels/${id}/messages/${id}-reply` }] },
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'retail-sync messages',
      version: '1.0.0',
      description:
        'Events on NATS JetStream (CloudEvents 1.0, structured mode) and request-reply ' +
        'capabilities on core NATS. Generated from libs/contracts by `npm run asyncapi`.',
    },
    defaultContentType: 'application/json',
    channels: sortKeys(channels),
    operations: sortKeys(operations),
    components: {
      parameters: {
        namespace: { description: 'Deployment namespace that isolates subjects and streams.' },
      },
      messages: sortKeys(messages),
      schemas: sortKeys({
        ...schemas,
        TraceHeaders: {
          type: 'object',
          properties: {
            traceparent: { type: 'string', description: 'W3C trace context' },
            tracestate: { type: 'string' },
            'Nats-Msg-Id': { type: 'string', description: 'Equals the CloudEvents id' },
          },
        },
      }),
    },
  };
}

export function renderAsyncApiDocument() {
  return stringify(buildAsyncApiDocument(), { lineWidth: 0, sortMapEntries: false });
}

function envelopeOf(payloadName) {
  return {
    allOf: [
      { $ref: '#/components/schemas/CloudEventEnvelope' },
      {
        type: 'object',
        required: ['data'],
        properties: { data: { $ref: `#/components/schemas/${payloadName}` } },
      },
    ],
  };
}

function replyOf(replyName) {
  return {
    oneOf: [
      {
        type: 'object',
        required: ['ok', 'data'],
        properties: { ok: { const: true }, data: { $ref: `#/components/schemas/${replyName}` } },
      },
      {
        type: 'object',
        required: ['ok', 'error'],
        properties: {
          ok: { const: false },
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    ],
  };
}

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}
