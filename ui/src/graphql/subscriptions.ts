import { useEffect, useRef } from 'react';
import { currentSession } from '../session';

/**
 * GraphQL subscriptions over one WebSocket speaking graphql-transport-ws. The socket
 * opens with the first subscription, authenticates with the bearer token in
 * connection_init, and reconnects with backoff while anything is subscribed; after a
 * reconnect each subscriber is told, since messages sent while it was away are lost.
 */
interface Subscriber {
  query: string;
  variables: Record<string, unknown>;
  onData: (data: unknown) => void;
  onReconnect: () => void;
}

type Message =
  | { type: 'connection_ack' | 'pong' }
  | { type: 'ping' }
  | { type: 'next'; id: string; payload: { data?: unknown } }
  | { type: 'error'; id: string; payload: unknown }
  | { type: 'complete'; id: string };

const subscribers = new Map<string, Subscriber>();
let socket: WebSocket | null = null;
let acknowledged = false;
let reconnecting = false;
let attempts = 0;
let nextId = 1;

const send = (message: object) => socket?.send(JSON.stringify(message));
const start = (id: string, s: Subscriber) =>
  send({ id, type: 'subscribe', payload: { query: s.query, variables: s.variables } });

const onMessage = (message: Message) => {
  switch (message.type) {
    case 'connection_ack':
      acknowledged = true;
      attempts = 0;
      subscribers.forEach((s, id) => start(id, s));
      if (reconnecting) subscribers.forEach((s) => s.onReconnect());
      reconnecting = false;
      return;
    case 'ping':
      return send({ type: 'pong' });
    case 'next':
      return subscribers.get(message.id)?.onData(message.payload.data);
    case 'error':
      return console.warn('Live updates refused a subscription', message.payload);
    default:
      return;
  }
};

const connect = () => {
  const token = currentSession()?.token;
  if (socket || !token || subscribers.size === 0) return;
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${window.location.host}/graphql`, 'graphql-transport-ws');
  socket = ws;
  ws.onopen = () =>
    send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
  ws.onmessage = (event) => onMessage(JSON.parse(String(event.data)) as Message);
  ws.onclose = () => {
    if (socket !== ws) return;
    socket = null;
    acknowledged = false;
    if (subscribers.size === 0) return;
    reconnecting = true;
    const delay = Math.min(30_000, 500 * 2 ** attempts++);
    window.setTimeout(connect, delay);
  };
};

export const subscribe = (
  query: string,
  variables: Record<string, unknown>,
  handlers: Pick<Subscriber, 'onData' | 'onReconnect'>,
): (() => void) => {
  const id = String(nextId++);
  const subscriber = { query, variables, ...handlers };
  subscribers.set(id, subscriber);
  if (acknowledged) start(id, subscriber);
  else connect();
  return () => {
    subscribers.delete(id);
    if (acknowledged) send({ id, type: 'complete' });
    if (subscribers.size === 0) {
      const closing = socket;
      socket = null;
      acknowledged = false;
      closing?.close(1000);
    }
  };
};

/**
 * Calls `refresh` whenever the subscription delivers a message and after a reconnect:
 * pages show live data by refetching what they show, rather than patching it.
 */
export const useLiveRefresh = (
  query: string,
  variables: Record<string, unknown> | null,
  refresh: () => void,
) => {
  const latest = useRef(refresh);
  latest.current = refresh;
  const key = variables ? JSON.stringify(variables) : null;
  useEffect(() => {
    if (key === null) return;
    const call = () => latest.current();
    return subscribe(query, JSON.parse(key) as Record<string, unknown>, {
      onData: call,
      onReconnect: call,
    });
  }, [query, key]);
};
