import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may go. Decrypted case data leaves the back office in them, so by default
 * only over HTTPS and only to public addresses: never this machine, a private network, a
 * link-local or cloud metadata address. The name is resolved when the endpoint is
 * registered and again on every delivery, and the connection is made to the very address
 * that was checked (so a name that re-resolves to a private address later — DNS
 * rebinding — is refused). Private and loopback addresses, and plain HTTP, are for
 * development and tests, with an explicit setting.
 */
export interface DestinationRules {
  allowPrivateNetworks: boolean;
}

const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 of IPv4 addresses
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is on the public internet. */
export const isPublicAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 0) return false;
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

const resolveAll = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

const hostOf = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, '');
const notPublic = (host: string) =>
  `${host} is not a public address: webhooks go only to public HTTPS endpoints`;

/**
 * What is wrong with the URL as written, if anything: its scheme, or an address written in
 * it (a connection to an IP address looks nothing up, so `publicOnlyLookup` never sees it).
 * What a name resolves to is checked by `destinationProblem`, and by the lookup on delivery.
 */
export const urlProblem = (url: string, rules: DestinationRules): string | undefined => {
  if (rules.allowPrivateNetworks) return undefined;
  if (new URL(url).protocol !== 'https:') return 'Use an https URL';
  const host = hostOf(url);
  return isIP(host) && !isPublicAddress(host) ? notPublic(host) : undefined;
};

/** What is wrong with sending webhooks to this URL, if anything (resolving its host now). */
export const destinationProblem = async (
  url: string,
  rules: DestinationRules,
): Promise<string | undefined> => {
  const problem = urlProblem(url, rules);
  const host = hostOf(url);
  if (problem || rules.allowPrivateNetworks || isIP(host)) return problem;
  const addresses = await resolveAll(host).catch(() => undefined);
  if (!addresses?.length) return `${host} cannot be found`;
  return addresses.some((a) => !isPublicAddress(a.address)) ? notPublic(host) : undefined;
};

/**
 * A `lookup` for http(s).request that refuses, at connection time, any address that is not
 * public: the address connected to is the address checked.
 */
export const publicOnlyLookup =
  (rules: DestinationRules) =>
  (
    hostname: string,
    options: { all?: boolean },
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const allowed = rules.allowPrivateNetworks
        ? addresses
        : addresses.filter((a) => isPublicAddress(a.address));
      if (allowed.length === 0) {
        return callback(new Error(`${hostname} is not a public address`), []);
      }
      if (options.all) return callback(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
