// Preloaded with `node --import` into a tool the tests run (Redocly's linter), to prove it sends
// nothing over the network: every DNS lookup and every TCP connection to anything but loopback
// is written to $NO_NETWORK_LOG and refused.
import dns from "node:dns";
import fs from "node:fs";
import net from "node:net";

const logFile = process.env.NO_NETWORK_LOG;

function refuse(what) {
  if (logFile) fs.appendFileSync(logFile, `${what}\n`);
  return new Error(`network access refused in this test: ${what}`);
}

const isLoopback = (host) =>
  !host || host === "localhost" || host === "::1" || String(host).startsWith("127.");

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const options = typeof args[0] === "object" && args[0] !== null ? args[0] : { host: args[1] };
  if (options.path === undefined && !isLoopback(options.host)) {
    const error = refuse(`connect ${options.host}:${options.port}`);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return originalConnect.apply(this, args);
};

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, ...rest) {
  if (!isLoopback(hostname)) {
    const callback = rest.at(-1);
    const error = refuse(`dns ${hostname}`);
    if (typeof callback === "function") process.nextTick(() => callback(error));
    return undefined;
  }
  return originalLookup.call(this, hostname, ...rest);
};
dns.promises.lookup = async (hostname) => {
  throw refuse(`dns ${hostname}`);
};
