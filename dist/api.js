import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 785:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
// This is an empty module that is served up when outside of a workerd environment
// See the `exports` field in package.json
exports["default"] = {};
//# sourceMappingURL=empty.js.map

/***/ }),

/***/ 6122:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



//Parse method copied from https://github.com/brianc/node-postgres
//Copyright (c) 2010-2014 Brian Carlson (brian.m.carlson@gmail.com)
//MIT License

//parses a connection string
function parse(str, options = {}) {
  //unix socket
  if (str.charAt(0) === '/') {
    const config = str.split(' ')
    return { host: config[0], database: config[1] }
  }

  // Check for empty host in URL

  const config = Object.create(null)
  let result
  let dummyHost = false
  if (/ |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(str)) {
    // Ensure spaces are encoded as %20
    str = encodeURI(str).replace(/%25(\d\d)/g, '%$1')
  }

  try {
    try {
      result = new URL(str, 'postgres://base')
    } catch (e) {
      // The URL is invalid so try again with a dummy host
      result = new URL(str.replace('@/', '@___DUMMY___/'), 'postgres://base')
      dummyHost = true
    }
  } catch (err) {
    // Remove the input from the error message to avoid leaking sensitive information
    err.input && (err.input = '*****REDACTED*****')
    throw err
  }

  // We'd like to use Object.fromEntries() here but Node.js 10 does not support it
  for (const entry of result.searchParams.entries()) {
    config[entry[0]] = entry[1]
  }

  config.user = config.user || decodeURIComponent(result.username)
  config.password = config.password || decodeURIComponent(result.password)

  if (result.protocol == 'socket:') {
    config.host = decodeURI(result.pathname)
    config.database = result.searchParams.get('db')
    config.client_encoding = result.searchParams.get('encoding')
    return config
  }
  const hostname = (dummyHost ? '' : result.hostname).replace(/^\[(.+)\]$/, '$1')
  if (!config.host) {
    // Only set the host if there is no equivalent query param.
    config.host = decodeURIComponent(hostname)
  } else if (hostname && /^%2f/i.test(hostname)) {
    // Only prepend the hostname to the pathname if it is not a URL encoded Unix socket host.
    result.pathname = hostname + result.pathname
  }
  if (!config.port) {
    // Only set the port if there is no equivalent query param.
    config.port = result.port
  }

  const pathname = result.pathname.slice(1) || null
  config.database = pathname ? decodeURI(pathname) : null

  if (config.ssl === 'true' || config.ssl === '1') {
    config.ssl = true
  }

  if (config.ssl === '0') {
    config.ssl = false
  }

  if (config.sslcert || config.sslkey || config.sslrootcert || config.sslmode) {
    config.ssl = {}
  }

  // sslnegotiation=direct implies SSL is in use (libpq requires sslmode>=require),
  // so enable SSL if the connection string did not otherwise configure it.
  if (config.sslnegotiation === 'direct' && config.ssl === undefined) {
    config.ssl = true
  }

  // Only try to load fs if we expect to read from the disk
  const fs = config.sslcert || config.sslkey || config.sslrootcert ? __nccwpck_require__(9896) : null

  if (config.sslcert) {
    config.ssl.cert = fs.readFileSync(config.sslcert).toString()
  }

  if (config.sslkey) {
    config.ssl.key = fs.readFileSync(config.sslkey).toString()
  }

  if (config.sslrootcert) {
    config.ssl.ca = fs.readFileSync(config.sslrootcert).toString()
  }

  if (options.useLibpqCompat && config.uselibpqcompat) {
    throw new Error('Both useLibpqCompat and uselibpqcompat are set. Please use only one of them.')
  }

  if (config.uselibpqcompat === 'true' || options.useLibpqCompat) {
    switch (config.sslmode) {
      case 'disable': {
        config.ssl = false
        break
      }
      case 'prefer': {
        config.ssl.rejectUnauthorized = false
        break
      }
      case 'require': {
        if (config.sslrootcert) {
          // If a root CA is specified, behavior of `sslmode=require` will be the same as that of `verify-ca`
          config.ssl.checkServerIdentity = function () {}
        } else {
          config.ssl.rejectUnauthorized = false
        }
        break
      }
      case 'verify-ca': {
        if (!config.ssl.ca) {
          throw new Error(
            'SECURITY WARNING: Using sslmode=verify-ca requires specifying a CA with sslrootcert. If a public CA is used, verify-ca allows connections to a server that somebody else may have registered with the CA, making you vulnerable to Man-in-the-Middle attacks. Either specify a custom CA certificate with sslrootcert parameter or use sslmode=verify-full for proper security.'
          )
        }
        config.ssl.checkServerIdentity = function () {}
        break
      }
      case 'verify-full': {
        break
      }
    }
  } else {
    switch (config.sslmode) {
      case 'disable': {
        config.ssl = false
        break
      }
      case 'prefer':
      case 'require':
      case 'verify-ca':
      case 'verify-full': {
        if (config.sslmode !== 'verify-full') {
          deprecatedSslModeWarning(config.sslmode)
        }
        break
      }
      case 'no-verify': {
        config.ssl.rejectUnauthorized = false
        break
      }
    }
  }

  return config
}

// convert pg-connection-string ssl config to a ClientConfig.ConnectionOptions
function toConnectionOptions(sslConfig) {
  const connectionOptions = Object.entries(sslConfig).reduce((c, [key, value]) => {
    // we explicitly check for undefined and null instead of `if (value)` because some
    // options accept falsy values. Example: `ssl.rejectUnauthorized = false`
    if (value !== undefined && value !== null) {
      c[key] = value
    }

    return c
  }, Object.create(null))

  return connectionOptions
}

// convert pg-connection-string config to a ClientConfig
function toClientConfig(config) {
  const poolConfig = Object.entries(config).reduce((c, [key, value]) => {
    if (key === 'ssl') {
      const sslConfig = value

      if (typeof sslConfig === 'boolean') {
        c[key] = sslConfig
      }

      if (typeof sslConfig === 'object') {
        c[key] = toConnectionOptions(sslConfig)
      }
    } else if (value !== undefined && value !== null) {
      if (key === 'port') {
        // when port is not specified, it is converted into an empty string
        // we want to avoid NaN or empty string as a values in ClientConfig
        if (value !== '') {
          const v = parseInt(value, 10)
          if (isNaN(v)) {
            throw new Error(`Invalid ${key}: ${value}`)
          }

          c[key] = v
        }
      } else {
        c[key] = value
      }
    }

    return c
  }, Object.create(null))

  return poolConfig
}

// parses a connection string into ClientConfig
function parseIntoClientConfig(str) {
  return toClientConfig(parse(str))
}

function deprecatedSslModeWarning(sslmode) {
  if (!deprecatedSslModeWarning.warned && typeof process !== 'undefined' && process.emitWarning) {
    deprecatedSslModeWarning.warned = true
    process.emitWarning(`SECURITY WARNING: The SSL modes 'prefer', 'require', and 'verify-ca' are treated as aliases for 'verify-full'.
In the next major version (pg-connection-string v3.0.0 and pg v9.0.0), these modes will adopt standard libpq semantics, which have weaker security guarantees.

To prepare for this change:
- If you want the current behavior, explicitly use 'sslmode=verify-full'
- If you want libpq compatibility now, use 'uselibpqcompat=true&sslmode=${sslmode}'

See https://www.postgresql.org/docs/current/libpq-ssl.html for libpq SSL mode definitions.`)
  }
}

module.exports = parse

parse.parse = parse
parse.toClientConfig = toClientConfig
parse.parseIntoClientConfig = parseIntoClientConfig


/***/ }),

/***/ 2299:
/***/ ((module) => {



// selected so (BASE - 1) * 0x100000000 + 0xffffffff is a safe integer
var BASE = 1000000;

function readInt8(buffer) {
	var high = buffer.readInt32BE(0);
	var low = buffer.readUInt32BE(4);
	var sign = '';

	if (high < 0) {
		high = ~high + (low === 0);
		low = (~low + 1) >>> 0;
		sign = '-';
	}

	var result = '';
	var carry;
	var t;
	var digits;
	var pad;
	var l;
	var i;

	{
		carry = high % BASE;
		high = high / BASE >>> 0;

		t = 0x100000000 * carry + low;
		low = t / BASE >>> 0;
		digits = '' + (t - BASE * low);

		if (low === 0 && high === 0) {
			return sign + digits + result;
		}

		pad = '';
		l = 6 - digits.length;

		for (i = 0; i < l; i++) {
			pad += '0';
		}

		result = pad + digits + result;
	}

	{
		carry = high % BASE;
		high = high / BASE >>> 0;

		t = 0x100000000 * carry + low;
		low = t / BASE >>> 0;
		digits = '' + (t - BASE * low);

		if (low === 0 && high === 0) {
			return sign + digits + result;
		}

		pad = '';
		l = 6 - digits.length;

		for (i = 0; i < l; i++) {
			pad += '0';
		}

		result = pad + digits + result;
	}

	{
		carry = high % BASE;
		high = high / BASE >>> 0;

		t = 0x100000000 * carry + low;
		low = t / BASE >>> 0;
		digits = '' + (t - BASE * low);

		if (low === 0 && high === 0) {
			return sign + digits + result;
		}

		pad = '';
		l = 6 - digits.length;

		for (i = 0; i < l; i++) {
			pad += '0';
		}

		result = pad + digits + result;
	}

	{
		carry = high % BASE;
		t = 0x100000000 * carry + low;
		digits = '' + t % BASE;

		return sign + digits + result;
	}
}

module.exports = readInt8;


/***/ }),

/***/ 7558:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const EventEmitter = (__nccwpck_require__(4434).EventEmitter)

const NOOP = function () {}

const removeWhere = (list, predicate) => {
  const i = list.findIndex(predicate)

  return i === -1 ? undefined : list.splice(i, 1)[0]
}

class IdleItem {
  constructor(client, idleListener, timeoutId) {
    this.client = client
    this.idleListener = idleListener
    this.timeoutId = timeoutId
  }
}

class PendingItem {
  constructor(callback) {
    this.callback = callback
  }
}

function throwOnDoubleRelease() {
  throw new Error('Release called on client which has already been released to the pool.')
}

function promisify(Promise, callback) {
  if (callback) {
    return { callback: callback, result: undefined }
  }
  let rej
  let res
  const cb = function (err, client) {
    err ? rej(err) : res(client)
  }
  const result = new Promise(function (resolve, reject) {
    res = resolve
    rej = reject
  }).catch((err) => {
    // replace the stack trace that leads to `TCP.onStreamRead` with one that leads back to the
    // application that created the query
    Error.captureStackTrace(err)
    throw err
  })
  return { callback: cb, result: result }
}

function makeIdleListener(pool, client) {
  return function idleListener(err) {
    err.client = client

    client.removeListener('error', idleListener)
    client.on('error', () => {
      pool.log('additional client error after disconnection due to error', err)
    })
    pool._remove(client)
    // TODO - document that once the pool emits an error
    // the client has already been closed & purged and is unusable
    pool.emit('error', err, client)
  }
}

class Pool extends EventEmitter {
  constructor(options, Client) {
    super()
    this.options = Object.assign({}, options)

    if (options != null && 'password' in options) {
      // "hiding" the password so it doesn't show up in stack traces
      // or if the client is console.logged
      Object.defineProperty(this.options, 'password', {
        configurable: true,
        enumerable: false,
        writable: true,
        value: options.password,
      })
    }
    if (options != null && options.ssl && options.ssl.key) {
      // "hiding" the ssl->key so it doesn't show up in stack traces
      // or if the client is console.logged
      Object.defineProperty(this.options.ssl, 'key', {
        enumerable: false,
      })
    }

    this.options.max = this.options.max || this.options.poolSize || 10
    this.options.min = this.options.min || 0
    this.options.maxUses = this.options.maxUses || Infinity
    this.options.allowExitOnIdle = this.options.allowExitOnIdle || false
    this.options.maxLifetimeSeconds = this.options.maxLifetimeSeconds || 0
    this.log = this.options.log || function () {}
    this.Client = this.options.Client || Client || (__nccwpck_require__(3273).Client)
    this.Promise = this.options.Promise || global.Promise

    if (typeof this.options.idleTimeoutMillis === 'undefined') {
      this.options.idleTimeoutMillis = 10000
    }

    this._clients = []
    this._idle = []
    this._expired = new WeakSet()
    this._pendingQueue = []
    this._endCallback = undefined
    this.ending = false
    this.ended = false
  }

  _promiseTry(f) {
    const Promise = this.Promise
    if (typeof Promise.try === 'function') {
      return Promise.try(f)
    }
    return new Promise((resolve) => resolve(f()))
  }

  _isFull() {
    return this._clients.length >= this.options.max
  }

  _isAboveMin() {
    return this._clients.length > this.options.min
  }

  _pulseQueue() {
    this.log('pulse queue')
    if (this.ended) {
      this.log('pulse queue ended')
      return
    }
    if (this.ending) {
      this.log('pulse queue on ending')
      if (this._idle.length) {
        this._idle.slice().map((item) => {
          this._remove(item.client)
        })
      }
      if (!this._clients.length) {
        this.ended = true
        this._endCallback()
      }
      return
    }

    // if we don't have any waiting, do nothing
    if (!this._pendingQueue.length) {
      this.log('no queued requests')
      return
    }
    // if we don't have any idle clients and we have no more room do nothing
    if (!this._idle.length && this._isFull()) {
      return
    }
    const pendingItem = this._pendingQueue.shift()
    if (this._idle.length) {
      const idleItem = this._idle.pop()
      clearTimeout(idleItem.timeoutId)
      const client = idleItem.client
      client.ref && client.ref()
      const idleListener = idleItem.idleListener

      return this._acquireClient(client, pendingItem, idleListener, false)
    }
    if (!this._isFull()) {
      return this.newClient(pendingItem)
    }
    throw new Error('unexpected condition')
  }

  _remove(client, callback) {
    const removed = removeWhere(this._idle, (item) => item.client === client)

    if (removed !== undefined) {
      clearTimeout(removed.timeoutId)
    }

    this._clients = this._clients.filter((c) => c !== client)
    const context = this
    client.end(() => {
      context.emit('remove', client)

      if (typeof callback === 'function') {
        callback()
      }
    })
  }

  connect(cb) {
    if (this.ending) {
      const err = new Error('Cannot use a pool after calling end on the pool')
      return cb ? cb(err) : this.Promise.reject(err)
    }

    const response = promisify(this.Promise, cb)
    const result = response.result

    // if we don't have to connect a new client, don't do so
    if (this._isFull() || this._idle.length) {
      // if we have idle clients schedule a pulse immediately
      if (this._idle.length) {
        process.nextTick(() => this._pulseQueue())
      }

      if (!this.options.connectionTimeoutMillis) {
        this._pendingQueue.push(new PendingItem(response.callback))
        return result
      }

      const queueCallback = (err, res, done) => {
        clearTimeout(tid)
        response.callback(err, res, done)
      }

      const pendingItem = new PendingItem(queueCallback)

      // set connection timeout on checking out an existing client
      const tid = setTimeout(() => {
        // remove the callback from pending waiters because
        // we're going to call it with a timeout error
        removeWhere(this._pendingQueue, (i) => i.callback === queueCallback)
        pendingItem.timedOut = true
        response.callback(new Error('timeout exceeded when trying to connect'))
      }, this.options.connectionTimeoutMillis)

      if (tid.unref) {
        tid.unref()
      }

      this._pendingQueue.push(pendingItem)
      return result
    }

    this.newClient(new PendingItem(response.callback))

    return result
  }

  newClient(pendingItem) {
    const client = new this.Client(this.options)
    this._clients.push(client)
    const idleListener = makeIdleListener(this, client)

    this.log('checking client timeout')

    // connection timeout logic
    let tid
    let timeoutHit = false
    if (this.options.connectionTimeoutMillis) {
      tid = setTimeout(() => {
        if (client.connection) {
          this.log('ending client due to timeout')
          timeoutHit = true
          client.connection.stream.destroy()
        } else if (!client.isConnected()) {
          this.log('ending client due to timeout')
          timeoutHit = true
          // force kill the node driver, and let libpq do its teardown
          client.end()
        }
      }, this.options.connectionTimeoutMillis)
    }

    this.log('connecting new client')
    client.connect((err) => {
      if (tid) {
        clearTimeout(tid)
      }
      client.on('error', idleListener)
      if (err) {
        this.log('client failed to connect', err)
        // remove the dead client from our list of clients
        this._clients = this._clients.filter((c) => c !== client)
        if (timeoutHit) {
          err = new Error('Connection terminated due to connection timeout', { cause: err })
        }

        // this client won’t be released, so move on immediately
        this._pulseQueue()

        if (!pendingItem.timedOut) {
          pendingItem.callback(err, undefined, NOOP)
        }
      } else {
        this.log('new client connected')

        if (this.options.onConnect) {
          this._promiseTry(() => this.options.onConnect(client)).then(
            () => {
              this._afterConnect(client, pendingItem, idleListener)
            },
            (hookErr) => {
              this._clients = this._clients.filter((c) => c !== client)
              client.end(() => {
                this._pulseQueue()
                if (!pendingItem.timedOut) {
                  pendingItem.callback(hookErr, undefined, NOOP)
                }
              })
            }
          )
          return
        }

        return this._afterConnect(client, pendingItem, idleListener)
      }
    })
  }

  _afterConnect(client, pendingItem, idleListener) {
    if (this.options.maxLifetimeSeconds !== 0) {
      const maxLifetimeTimeout = setTimeout(() => {
        this.log('ending client due to expired lifetime')
        this._expired.add(client)
        const idleIndex = this._idle.findIndex((idleItem) => idleItem.client === client)
        if (idleIndex !== -1) {
          this._acquireClient(
            client,
            new PendingItem((err, client, clientRelease) => clientRelease()),
            idleListener,
            false
          )
        }
      }, this.options.maxLifetimeSeconds * 1000)

      maxLifetimeTimeout.unref()
      client.once('end', () => clearTimeout(maxLifetimeTimeout))
    }

    return this._acquireClient(client, pendingItem, idleListener, true)
  }

  // acquire a client for a pending work item
  _acquireClient(client, pendingItem, idleListener, isNew) {
    if (isNew) {
      this.emit('connect', client)
    }

    this.emit('acquire', client)

    client.release = this._releaseOnce(client, idleListener)

    client.removeListener('error', idleListener)

    if (!pendingItem.timedOut) {
      if (isNew && this.options.verify) {
        this.options.verify(client, (err) => {
          if (err) {
            client.release(err)
            return pendingItem.callback(err, undefined, NOOP)
          }

          pendingItem.callback(undefined, client, client.release)
        })
      } else {
        pendingItem.callback(undefined, client, client.release)
      }
    } else {
      if (isNew && this.options.verify) {
        this.options.verify(client, client.release)
      } else {
        client.release()
      }
    }
  }

  // returns a function that wraps _release and throws if called more than once
  _releaseOnce(client, idleListener) {
    let released = false

    return (err) => {
      if (released) {
        throwOnDoubleRelease()
      }

      released = true
      this._release(client, idleListener, err)
    }
  }

  // release a client back to the poll, include an error
  // to remove it from the pool
  _release(client, idleListener, err) {
    client.on('error', idleListener)

    client._poolUseCount = (client._poolUseCount || 0) + 1

    this.emit('release', err, client)

    // TODO(bmc): expose a proper, public interface _queryable and _ending
    if (err || this.ending || !client._queryable || client._ending || client._poolUseCount >= this.options.maxUses) {
      if (client._poolUseCount >= this.options.maxUses) {
        this.log('remove expended client')
      }

      return this._remove(client, this._pulseQueue.bind(this))
    }

    const isExpired = this._expired.has(client)
    if (isExpired) {
      this.log('remove expired client')
      this._expired.delete(client)
      return this._remove(client, this._pulseQueue.bind(this))
    }

    // idle timeout
    let tid
    if (this.options.idleTimeoutMillis && this._isAboveMin()) {
      tid = setTimeout(() => {
        if (this._isAboveMin()) {
          this.log('remove idle client')
          this._remove(client, this._pulseQueue.bind(this))
        }
      }, this.options.idleTimeoutMillis)

      if (this.options.allowExitOnIdle) {
        // allow Node to exit if this is all that's left
        tid.unref()
      }
    }

    if (this.options.allowExitOnIdle) {
      client.unref()
    }

    this._idle.push(new IdleItem(client, idleListener, tid))
    this._pulseQueue()
  }

  query(text, values, cb) {
    // guard clause against passing a function as the first parameter
    if (typeof text === 'function') {
      const response = promisify(this.Promise, text)
      setImmediate(function () {
        return response.callback(new Error('Passing a function as the first parameter to pool.query is not supported'))
      })
      return response.result
    }

    // allow plain text query without values, but callback
    if (typeof values === 'function') {
      cb = values
      values = undefined
    }
    const response = promisify(this.Promise, cb)
    cb = response.callback

    this.connect((err, client) => {
      if (err) {
        return cb(err)
      }

      let clientReleased = false
      const onError = (err) => {
        if (clientReleased) {
          return
        }
        clientReleased = true
        client.release(err)
        cb(err)
      }

      client.once('error', onError)
      this.log('dispatching query')
      try {
        client.query(text, values, (err, res) => {
          this.log('query dispatched')
          client.removeListener('error', onError)
          if (clientReleased) {
            return
          }
          clientReleased = true
          client.release(err)
          if (err) {
            return cb(err)
          }
          return cb(undefined, res)
        })
      } catch (err) {
        client.release(err)
        return cb(err)
      }
    })
    return response.result
  }

  end(cb) {
    this.log('ending')
    if (this.ending) {
      const err = new Error('Called end on pool more than once')
      return cb ? cb(err) : this.Promise.reject(err)
    }
    this.ending = true
    const promised = promisify(this.Promise, cb)
    this._endCallback = promised.callback
    this._pulseQueue()
    return promised.result
  }

  get waitingCount() {
    return this._pendingQueue.length
  }

  get idleCount() {
    return this._idle.length
  }

  get expiredCount() {
    return this._clients.reduce((acc, client) => acc + (this._expired.has(client) ? 1 : 0), 0)
  }

  get totalCount() {
    return this._clients.length
  }
}
module.exports = Pool


/***/ }),

/***/ 9971:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.BufferReader = void 0;
class BufferReader {
    constructor(offset = 0) {
        this.offset = offset;
        this.buffer = Buffer.allocUnsafe(0);
        // TODO(bmc): support non-utf8 encoding?
        this.encoding = 'utf-8';
    }
    setBuffer(offset, buffer) {
        this.offset = offset;
        this.buffer = buffer;
    }
    int16() {
        const result = this.buffer.readInt16BE(this.offset);
        this.offset += 2;
        return result;
    }
    byte() {
        const result = this.buffer[this.offset];
        this.offset++;
        return result;
    }
    int32() {
        const result = this.buffer.readInt32BE(this.offset);
        this.offset += 4;
        return result;
    }
    uint32() {
        const result = this.buffer.readUInt32BE(this.offset);
        this.offset += 4;
        return result;
    }
    string(length) {
        const result = this.buffer.toString(this.encoding, this.offset, this.offset + length);
        this.offset += length;
        return result;
    }
    cstring() {
        const start = this.offset;
        let end = start;
        // eslint-disable-next-line no-empty
        while (this.buffer[end++]) { }
        this.offset = end;
        return this.buffer.toString(this.encoding, start, end - 1);
    }
    bytes(length) {
        const result = this.buffer.slice(this.offset, this.offset + length);
        this.offset += length;
        return result;
    }
}
exports.BufferReader = BufferReader;
//# sourceMappingURL=buffer-reader.js.map

/***/ }),

/***/ 9315:
/***/ ((__unused_webpack_module, exports) => {


//binary data writer tuned for encoding binary specific to the postgres binary protocol
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.Writer = void 0;
class Writer {
    constructor(size = 256) {
        this.size = size;
        this.offset = 5;
        this.headerPosition = 0;
        this.buffer = Buffer.allocUnsafe(size);
    }
    ensure(size) {
        const remaining = this.buffer.length - this.offset;
        if (remaining < size) {
            const oldBuffer = this.buffer;
            // exponential growth factor of around ~ 1.5
            // https://stackoverflow.com/questions/2269063/buffer-growth-strategy
            const newSize = oldBuffer.length + (oldBuffer.length >> 1) + size;
            this.buffer = Buffer.allocUnsafe(newSize);
            oldBuffer.copy(this.buffer, 0, 0, this.offset);
        }
    }
    addInt32(num) {
        this.ensure(4);
        this.buffer[this.offset++] = (num >>> 24) & 0xff;
        this.buffer[this.offset++] = (num >>> 16) & 0xff;
        this.buffer[this.offset++] = (num >>> 8) & 0xff;
        this.buffer[this.offset++] = (num >>> 0) & 0xff;
        return this;
    }
    addInt16(num) {
        this.ensure(2);
        this.buffer[this.offset++] = (num >>> 8) & 0xff;
        this.buffer[this.offset++] = (num >>> 0) & 0xff;
        return this;
    }
    addCString(string) {
        if (!string) {
            this.ensure(1);
        }
        else {
            const len = Buffer.byteLength(string);
            this.ensure(len + 1); // +1 for null terminator
            this.buffer.write(string, this.offset, 'utf-8');
            this.offset += len;
        }
        this.buffer[this.offset++] = 0; // null terminator
        return this;
    }
    addString(string = '') {
        const len = Buffer.byteLength(string);
        this.ensure(len);
        this.buffer.write(string, this.offset);
        this.offset += len;
        return this;
    }
    // Write an Int32 byte-length prefix immediately followed by the string's UTF-8
    // bytes. Postgres' Bind wire format prefixes every parameter with its length,
    // and doing it in one method computes Buffer.byteLength ONCE — the previous
    // `addInt32(Buffer.byteLength(s)).addString(s)` pairing scanned the string
    // three times (byteLength for the prefix, byteLength again inside addString,
    // then the encode), which is costly for large text parameters.
    addInt32PrefixedString(string) {
        const len = Buffer.byteLength(string);
        this.ensure(4 + len);
        const buffer = this.buffer;
        let offset = this.offset;
        buffer[offset++] = (len >>> 24) & 0xff;
        buffer[offset++] = (len >>> 16) & 0xff;
        buffer[offset++] = (len >>> 8) & 0xff;
        buffer[offset++] = (len >>> 0) & 0xff;
        buffer.write(string, offset, 'utf-8');
        this.offset = offset + len;
        return this;
    }
    add(otherBuffer) {
        this.ensure(otherBuffer.length);
        otherBuffer.copy(this.buffer, this.offset);
        this.offset += otherBuffer.length;
        return this;
    }
    /**
     * Appends an uninitialized block of {@link size} bytes to the buffer and returns its offset.
     */
    reserveUnsafe(size) {
        const offset = this.offset;
        this.ensure(size);
        this.offset += size;
        return offset;
    }
    join(code) {
        if (code) {
            this.buffer[this.headerPosition] = code;
            //length is everything in this packet minus the code
            const length = this.offset - (this.headerPosition + 1);
            this.buffer.writeInt32BE(length, this.headerPosition + 1);
        }
        return this.buffer.slice(code ? 0 : 5, this.offset);
    }
    flush(code) {
        const result = this.join(code);
        this.offset = 5;
        this.headerPosition = 0;
        this.buffer = Buffer.allocUnsafe(this.size);
        return result;
    }
    clear() {
        this.offset = 5;
        this.headerPosition = 0;
    }
}
exports.Writer = Writer;
//# sourceMappingURL=buffer-writer.js.map

/***/ }),

/***/ 4233:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DatabaseError = exports.serialize = void 0;
exports.parse = parse;
const messages_1 = __nccwpck_require__(5809);
Object.defineProperty(exports, "DatabaseError", ({ enumerable: true, get: function () { return messages_1.DatabaseError; } }));
const serializer_1 = __nccwpck_require__(6513);
Object.defineProperty(exports, "serialize", ({ enumerable: true, get: function () { return serializer_1.serialize; } }));
const parser_1 = __nccwpck_require__(3318);
function parse(stream, callback) {
    const parser = new parser_1.Parser();
    stream.on('data', (buffer) => parser.parse(buffer, callback));
    return new Promise((resolve) => stream.on('end', () => resolve()));
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 5809:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.NoticeMessage = exports.DataRowMessage = exports.CommandCompleteMessage = exports.ReadyForQueryMessage = exports.NotificationResponseMessage = exports.BackendKeyDataMessage = exports.AuthenticationMD5Password = exports.ParameterStatusMessage = exports.ParameterDescriptionMessage = exports.RowDescriptionMessage = exports.Field = exports.CopyResponse = exports.CopyDataMessage = exports.DatabaseError = exports.copyDone = exports.emptyQuery = exports.replicationStart = exports.portalSuspended = exports.noData = exports.closeComplete = exports.bindComplete = exports.parseComplete = void 0;
exports.parseComplete = {
    name: 'parseComplete',
    length: 5,
};
exports.bindComplete = {
    name: 'bindComplete',
    length: 5,
};
exports.closeComplete = {
    name: 'closeComplete',
    length: 5,
};
exports.noData = {
    name: 'noData',
    length: 5,
};
exports.portalSuspended = {
    name: 'portalSuspended',
    length: 5,
};
exports.replicationStart = {
    name: 'replicationStart',
    length: 4,
};
exports.emptyQuery = {
    name: 'emptyQuery',
    length: 4,
};
exports.copyDone = {
    name: 'copyDone',
    length: 4,
};
class DatabaseError extends Error {
    constructor(message, length, name) {
        super(message);
        this.length = length;
        this.name = name;
    }
}
exports.DatabaseError = DatabaseError;
class CopyDataMessage {
    constructor(length, chunk) {
        this.length = length;
        this.chunk = chunk;
        this.name = 'copyData';
    }
}
exports.CopyDataMessage = CopyDataMessage;
class CopyResponse {
    constructor(length, name, binary, columnCount) {
        this.length = length;
        this.name = name;
        this.binary = binary;
        this.columnTypes = new Array(columnCount);
    }
}
exports.CopyResponse = CopyResponse;
class Field {
    constructor(name, tableID, columnID, dataTypeID, dataTypeSize, dataTypeModifier, format) {
        this.name = name;
        this.tableID = tableID;
        this.columnID = columnID;
        this.dataTypeID = dataTypeID;
        this.dataTypeSize = dataTypeSize;
        this.dataTypeModifier = dataTypeModifier;
        this.format = format;
    }
}
exports.Field = Field;
class RowDescriptionMessage {
    constructor(length, fieldCount) {
        this.length = length;
        this.fieldCount = fieldCount;
        this.name = 'rowDescription';
        this.fields = new Array(this.fieldCount);
    }
}
exports.RowDescriptionMessage = RowDescriptionMessage;
class ParameterDescriptionMessage {
    constructor(length, parameterCount) {
        this.length = length;
        this.parameterCount = parameterCount;
        this.name = 'parameterDescription';
        this.dataTypeIDs = new Array(this.parameterCount);
    }
}
exports.ParameterDescriptionMessage = ParameterDescriptionMessage;
class ParameterStatusMessage {
    constructor(length, parameterName, parameterValue) {
        this.length = length;
        this.parameterName = parameterName;
        this.parameterValue = parameterValue;
        this.name = 'parameterStatus';
    }
}
exports.ParameterStatusMessage = ParameterStatusMessage;
class AuthenticationMD5Password {
    constructor(length, salt) {
        this.length = length;
        this.salt = salt;
        this.name = 'authenticationMD5Password';
    }
}
exports.AuthenticationMD5Password = AuthenticationMD5Password;
class BackendKeyDataMessage {
    constructor(length, processID, secretKey) {
        this.length = length;
        this.processID = processID;
        this.secretKey = secretKey;
        this.name = 'backendKeyData';
    }
}
exports.BackendKeyDataMessage = BackendKeyDataMessage;
class NotificationResponseMessage {
    constructor(length, processId, channel, payload) {
        this.length = length;
        this.processId = processId;
        this.channel = channel;
        this.payload = payload;
        this.name = 'notification';
    }
}
exports.NotificationResponseMessage = NotificationResponseMessage;
class ReadyForQueryMessage {
    constructor(length, status) {
        this.length = length;
        this.status = status;
        this.name = 'readyForQuery';
    }
}
exports.ReadyForQueryMessage = ReadyForQueryMessage;
class CommandCompleteMessage {
    constructor(length, text) {
        this.length = length;
        this.text = text;
        this.name = 'commandComplete';
    }
}
exports.CommandCompleteMessage = CommandCompleteMessage;
class DataRowMessage {
    constructor(length, fields) {
        this.length = length;
        this.fields = fields;
        this.name = 'dataRow';
        this.fieldCount = fields.length;
    }
}
exports.DataRowMessage = DataRowMessage;
class NoticeMessage {
    constructor(length, message) {
        this.length = length;
        this.message = message;
        this.name = 'notice';
    }
}
exports.NoticeMessage = NoticeMessage;
//# sourceMappingURL=messages.js.map

/***/ }),

/***/ 3318:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.Parser = void 0;
const messages_1 = __nccwpck_require__(5809);
const buffer_reader_1 = __nccwpck_require__(9971);
// every message is prefixed with a single byte
const CODE_LENGTH = 1;
// every message has an int32 length which includes itself but does
// NOT include the code in the length
const LEN_LENGTH = 4;
const HEADER_LENGTH = CODE_LENGTH + LEN_LENGTH;
// A placeholder for a `BackendMessage`’s length value that will be set after construction.
const LATEINIT_LENGTH = -1;
const emptyBuffer = Buffer.allocUnsafe(0);
class Parser {
    constructor(opts) {
        this.buffer = emptyBuffer;
        this.bufferLength = 0;
        this.bufferOffset = 0;
        this.reader = new buffer_reader_1.BufferReader();
        if ((opts === null || opts === void 0 ? void 0 : opts.mode) === 'binary') {
            throw new Error('Binary mode not supported yet');
        }
        this.mode = (opts === null || opts === void 0 ? void 0 : opts.mode) || 'text';
    }
    parse(buffer, callback) {
        this.mergeBuffer(buffer);
        const bufferFullLength = this.bufferOffset + this.bufferLength;
        let offset = this.bufferOffset;
        while (offset + HEADER_LENGTH <= bufferFullLength) {
            // code is 1 byte long - it identifies the message type
            const code = this.buffer[offset];
            // length is 1 Uint32BE - it is the length of the message EXCLUDING the code
            const length = this.buffer.readUInt32BE(offset + CODE_LENGTH);
            const fullMessageLength = CODE_LENGTH + length;
            if (fullMessageLength + offset <= bufferFullLength) {
                const message = this.handlePacket(offset + HEADER_LENGTH, code, length, this.buffer);
                callback(message);
                offset += fullMessageLength;
            }
            else {
                break;
            }
        }
        if (offset === bufferFullLength) {
            // No more use for the buffer
            this.buffer = emptyBuffer;
            this.bufferLength = 0;
            this.bufferOffset = 0;
        }
        else {
            // Adjust the cursors of remainingBuffer
            this.bufferLength = bufferFullLength - offset;
            this.bufferOffset = offset;
        }
    }
    mergeBuffer(buffer) {
        if (this.bufferLength > 0) {
            const newLength = this.bufferLength + buffer.byteLength;
            const newFullLength = newLength + this.bufferOffset;
            if (newFullLength > this.buffer.byteLength) {
                // We can't concat the new buffer with the remaining one
                let newBuffer;
                if (newLength <= this.buffer.byteLength && this.bufferOffset >= this.bufferLength) {
                    // We can move the relevant part to the beginning of the buffer instead of allocating a new buffer
                    newBuffer = this.buffer;
                }
                else {
                    // Allocate a new larger buffer
                    let newBufferLength = this.buffer.byteLength * 2;
                    while (newLength >= newBufferLength) {
                        newBufferLength *= 2;
                    }
                    newBuffer = Buffer.allocUnsafe(newBufferLength);
                }
                // Move the remaining buffer to the new one
                this.buffer.copy(newBuffer, 0, this.bufferOffset, this.bufferOffset + this.bufferLength);
                this.buffer = newBuffer;
                this.bufferOffset = 0;
            }
            // Concat the new buffer with the remaining one
            buffer.copy(this.buffer, this.bufferOffset + this.bufferLength);
            this.bufferLength = newLength;
        }
        else {
            this.buffer = buffer;
            this.bufferOffset = 0;
            this.bufferLength = buffer.byteLength;
        }
    }
    handlePacket(offset, code, length, bytes) {
        const { reader } = this;
        // NOTE: This undesirably retains the buffer in `this.reader` if the `parse*Message` calls below throw. However, those should only throw in the case of a protocol error, which normally results in the reader being discarded.
        reader.setBuffer(offset, bytes);
        let message;
        switch (code) {
            case 50 /* MessageCodes.BindComplete */:
                message = messages_1.bindComplete;
                break;
            case 49 /* MessageCodes.ParseComplete */:
                message = messages_1.parseComplete;
                break;
            case 51 /* MessageCodes.CloseComplete */:
                message = messages_1.closeComplete;
                break;
            case 110 /* MessageCodes.NoData */:
                message = messages_1.noData;
                break;
            case 115 /* MessageCodes.PortalSuspended */:
                message = messages_1.portalSuspended;
                break;
            case 99 /* MessageCodes.CopyDone */:
                message = messages_1.copyDone;
                break;
            case 87 /* MessageCodes.ReplicationStart */:
                message = messages_1.replicationStart;
                break;
            case 73 /* MessageCodes.EmptyQuery */:
                message = messages_1.emptyQuery;
                break;
            case 68 /* MessageCodes.DataRow */:
                message = parseDataRowMessage(reader);
                break;
            case 67 /* MessageCodes.CommandComplete */:
                message = parseCommandCompleteMessage(reader);
                break;
            case 90 /* MessageCodes.ReadyForQuery */:
                message = parseReadyForQueryMessage(reader);
                break;
            case 65 /* MessageCodes.NotificationResponse */:
                message = parseNotificationMessage(reader);
                break;
            case 82 /* MessageCodes.AuthenticationResponse */:
                message = parseAuthenticationResponse(reader, length);
                break;
            case 83 /* MessageCodes.ParameterStatus */:
                message = parseParameterStatusMessage(reader);
                break;
            case 75 /* MessageCodes.BackendKeyData */:
                message = parseBackendKeyData(reader);
                break;
            case 69 /* MessageCodes.ErrorMessage */:
                message = parseErrorMessage(reader, 'error');
                break;
            case 78 /* MessageCodes.NoticeMessage */:
                message = parseErrorMessage(reader, 'notice');
                break;
            case 84 /* MessageCodes.RowDescriptionMessage */:
                message = parseRowDescriptionMessage(reader);
                break;
            case 116 /* MessageCodes.ParameterDescriptionMessage */:
                message = parseParameterDescriptionMessage(reader);
                break;
            case 71 /* MessageCodes.CopyIn */:
                message = parseCopyInMessage(reader);
                break;
            case 72 /* MessageCodes.CopyOut */:
                message = parseCopyOutMessage(reader);
                break;
            case 100 /* MessageCodes.CopyData */:
                message = parseCopyData(reader, length);
                break;
            default:
                return new messages_1.DatabaseError('received invalid response: ' + code.toString(16), length, 'error');
        }
        reader.setBuffer(0, emptyBuffer);
        message.length = length;
        return message;
    }
}
exports.Parser = Parser;
const parseReadyForQueryMessage = (reader) => {
    const status = reader.string(1);
    return new messages_1.ReadyForQueryMessage(LATEINIT_LENGTH, status);
};
const parseCommandCompleteMessage = (reader) => {
    const text = reader.cstring();
    return new messages_1.CommandCompleteMessage(LATEINIT_LENGTH, text);
};
const parseCopyData = (reader, length) => {
    const chunk = reader.bytes(length - 4);
    return new messages_1.CopyDataMessage(LATEINIT_LENGTH, chunk);
};
const parseCopyInMessage = (reader) => parseCopyMessage(reader, 'copyInResponse');
const parseCopyOutMessage = (reader) => parseCopyMessage(reader, 'copyOutResponse');
const parseCopyMessage = (reader, messageName) => {
    const isBinary = reader.byte() !== 0;
    const columnCount = reader.int16();
    const message = new messages_1.CopyResponse(LATEINIT_LENGTH, messageName, isBinary, columnCount);
    for (let i = 0; i < columnCount; i++) {
        message.columnTypes[i] = reader.int16();
    }
    return message;
};
const parseNotificationMessage = (reader) => {
    const processId = reader.int32();
    const channel = reader.cstring();
    const payload = reader.cstring();
    return new messages_1.NotificationResponseMessage(LATEINIT_LENGTH, processId, channel, payload);
};
const parseRowDescriptionMessage = (reader) => {
    const fieldCount = reader.int16();
    const message = new messages_1.RowDescriptionMessage(LATEINIT_LENGTH, fieldCount);
    for (let i = 0; i < fieldCount; i++) {
        message.fields[i] = parseField(reader);
    }
    return message;
};
const parseField = (reader) => {
    const name = reader.cstring();
    const tableID = reader.uint32();
    const columnID = reader.int16();
    const dataTypeID = reader.uint32();
    const dataTypeSize = reader.int16();
    const dataTypeModifier = reader.int32();
    const mode = reader.int16() === 0 ? 'text' : 'binary';
    return new messages_1.Field(name, tableID, columnID, dataTypeID, dataTypeSize, dataTypeModifier, mode);
};
const parseParameterDescriptionMessage = (reader) => {
    const parameterCount = reader.int16();
    const message = new messages_1.ParameterDescriptionMessage(LATEINIT_LENGTH, parameterCount);
    for (let i = 0; i < parameterCount; i++) {
        // OIDs are unsigned, same as dataTypeID in parseField above
        message.dataTypeIDs[i] = reader.uint32();
    }
    return message;
};
const parseDataRowMessage = (reader) => {
    const fieldCount = reader.int16();
    const fields = new Array(fieldCount);
    for (let i = 0; i < fieldCount; i++) {
        const len = reader.int32();
        // a -1 for length means the value of the field is null
        fields[i] = len === -1 ? null : reader.string(len);
    }
    return new messages_1.DataRowMessage(LATEINIT_LENGTH, fields);
};
const parseParameterStatusMessage = (reader) => {
    const name = reader.cstring();
    const value = reader.cstring();
    return new messages_1.ParameterStatusMessage(LATEINIT_LENGTH, name, value);
};
const parseBackendKeyData = (reader) => {
    const processID = reader.int32();
    const secretKey = reader.int32();
    return new messages_1.BackendKeyDataMessage(LATEINIT_LENGTH, processID, secretKey);
};
const parseAuthenticationResponse = (reader, length) => {
    const code = reader.int32();
    // TODO(bmc): maybe better types here
    const message = {
        name: 'authenticationOk',
        length,
    };
    switch (code) {
        case 0: // AuthenticationOk
            break;
        case 3: // AuthenticationCleartextPassword
            if (message.length === 8) {
                message.name = 'authenticationCleartextPassword';
            }
            break;
        case 5: // AuthenticationMD5Password
            if (message.length === 12) {
                message.name = 'authenticationMD5Password';
                const salt = reader.bytes(4);
                return new messages_1.AuthenticationMD5Password(LATEINIT_LENGTH, salt);
            }
            break;
        case 10: // AuthenticationSASL
            {
                message.name = 'authenticationSASL';
                message.mechanisms = [];
                let mechanism;
                do {
                    mechanism = reader.cstring();
                    if (mechanism) {
                        message.mechanisms.push(mechanism);
                    }
                } while (mechanism);
            }
            break;
        case 11: // AuthenticationSASLContinue
            message.name = 'authenticationSASLContinue';
            message.data = reader.string(length - 8);
            break;
        case 12: // AuthenticationSASLFinal
            message.name = 'authenticationSASLFinal';
            message.data = reader.string(length - 8);
            break;
        default:
            throw new Error('Unknown authenticationOk message type ' + code);
    }
    return message;
};
const parseErrorMessage = (reader, name) => {
    const fields = {};
    let fieldType = reader.string(1);
    while (fieldType !== '\0') {
        fields[fieldType] = reader.cstring();
        fieldType = reader.string(1);
    }
    const messageValue = fields.M;
    const message = name === 'notice'
        ? new messages_1.NoticeMessage(LATEINIT_LENGTH, messageValue)
        : new messages_1.DatabaseError(messageValue, LATEINIT_LENGTH, name);
    message.severity = fields.S;
    message.code = fields.C;
    message.detail = fields.D;
    message.hint = fields.H;
    message.position = fields.P;
    message.internalPosition = fields.p;
    message.internalQuery = fields.q;
    message.where = fields.W;
    message.schema = fields.s;
    message.table = fields.t;
    message.column = fields.c;
    message.dataType = fields.d;
    message.constraint = fields.n;
    message.file = fields.F;
    message.line = fields.L;
    message.routine = fields.R;
    return message;
};
//# sourceMappingURL=parser.js.map

/***/ }),

/***/ 6513:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.serialize = void 0;
const buffer_writer_1 = __nccwpck_require__(9315);
const writer = new buffer_writer_1.Writer();
const startup = (opts) => {
    // protocol version
    writer.addInt16(3).addInt16(0);
    for (const key of Object.keys(opts)) {
        writer.addCString(key).addCString(opts[key]);
    }
    writer.addCString('client_encoding').addCString('UTF8');
    const bodyBuffer = writer.addCString('').flush();
    // this message is sent without a code
    const length = bodyBuffer.length + 4;
    return new buffer_writer_1.Writer().addInt32(length).add(bodyBuffer).flush();
};
const requestSsl = () => {
    const response = Buffer.allocUnsafe(8);
    response.writeInt32BE(8, 0);
    response.writeInt32BE(80877103, 4);
    return response;
};
const password = (password) => {
    return writer.addCString(password).flush(112 /* code.startup */);
};
const sendSASLInitialResponseMessage = function (mechanism, initialResponse) {
    // 0x70 = 'p'
    writer.addCString(mechanism).addInt32PrefixedString(initialResponse);
    return writer.flush(112 /* code.startup */);
};
const sendSCRAMClientFinalMessage = function (additionalData) {
    return writer.addString(additionalData).flush(112 /* code.startup */);
};
const query = (text) => {
    return writer.addCString(text).flush(81 /* code.query */);
};
const emptyArray = [];
const parse = (query) => {
    // expect something like this:
    // { name: 'queryName',
    //   text: 'select * from blah',
    //   types: ['int8', 'bool'] }
    // normalize missing query names to allow for null
    const name = query.name || '';
    if (name.length > 63) {
        console.error('Warning! Postgres only supports 63 characters for query names.');
        console.error('You supplied %s (%s)', name, name.length);
        console.error('This can cause conflicts and silent errors executing queries');
    }
    const types = query.types || emptyArray;
    const len = types.length;
    const buffer = writer
        .addCString(name) // name of query
        .addCString(query.text) // actual query text
        .addInt16(len);
    for (let i = 0; i < len; i++) {
        buffer.addInt32(types[i]);
    }
    return writer.flush(80 /* code.parse */);
};
const writeValues = function (values, valueMapper, formatsOffset) {
    const len = values.length;
    for (let i = 0; i < len; i++) {
        const mappedVal = valueMapper ? valueMapper(values[i], i) : values[i];
        let formatByte = 0 /* ParamType.STRING */;
        if (mappedVal == null) {
            // write -1 to indicate null
            writer.addInt32(-1);
        }
        else if (mappedVal instanceof Buffer) {
            formatByte = 1 /* ParamType.BINARY */;
            // add the buffer to the param writer
            writer.addInt32(mappedVal.length);
            writer.add(mappedVal);
        }
        else {
            // length prefix + UTF-8 bytes in one pass (Buffer.byteLength computed once)
            writer.addInt32PrefixedString(mappedVal);
        }
        // beware: `writer` operations can replace `writer.buffer` with a new buffer
        const buf = writer.buffer;
        buf[formatsOffset++] = 0;
        buf[formatsOffset++] = formatByte;
    }
};
const bind = (config = {}) => {
    // normalize config
    const portal = config.portal || '';
    const statement = config.statement || '';
    const binary = config.binary || false;
    const values = config.values || emptyArray;
    const len = values.length;
    writer.addCString(portal).addCString(statement);
    // number of parameter format codes
    writer.addInt16(len);
    // space for those codes, filled by `writeValues`
    const formatsOffset = writer.reserveUnsafe(len * 2);
    // number of parameter values
    writer.addInt16(len);
    try {
        writeValues(values, config.valueMapper, formatsOffset);
    }
    catch (err) {
        writer.clear();
        throw err;
    }
    // all results use the same format code
    writer.addInt16(1);
    // format code
    writer.addInt16(binary ? 1 /* ParamType.BINARY */ : 0 /* ParamType.STRING */);
    return writer.flush(66 /* code.bind */);
};
const emptyExecute = Buffer.from([69 /* code.execute */, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00]);
const execute = (config) => {
    // this is the happy path for most queries
    if (!config || (!config.portal && !config.rows)) {
        return emptyExecute;
    }
    const portal = config.portal || '';
    const rows = config.rows || 0;
    const portalLength = Buffer.byteLength(portal);
    const len = 4 + portalLength + 1 + 4;
    // one extra bit for code
    const buff = Buffer.allocUnsafe(1 + len);
    buff[0] = 69 /* code.execute */;
    buff.writeInt32BE(len, 1);
    buff.write(portal, 5, 'utf-8');
    buff[portalLength + 5] = 0; // null terminate portal cString
    buff.writeUInt32BE(rows, buff.length - 4);
    return buff;
};
const cancel = (processID, secretKey) => {
    const buffer = Buffer.allocUnsafe(16);
    buffer.writeInt32BE(16, 0);
    buffer.writeInt16BE(1234, 4);
    buffer.writeInt16BE(5678, 6);
    buffer.writeInt32BE(processID, 8);
    buffer.writeInt32BE(secretKey, 12);
    return buffer;
};
const cstringMessage = (code, string) => {
    const stringLen = Buffer.byteLength(string);
    const len = 4 + stringLen + 1;
    // one extra bit for code
    const buffer = Buffer.allocUnsafe(1 + len);
    buffer[0] = code;
    buffer.writeInt32BE(len, 1);
    buffer.write(string, 5, 'utf-8');
    buffer[len] = 0; // null terminate cString
    return buffer;
};
const emptyDescribePortal = writer.addCString('P').flush(68 /* code.describe */);
const emptyDescribeStatement = writer.addCString('S').flush(68 /* code.describe */);
const describe = (msg) => {
    return msg.name
        ? cstringMessage(68 /* code.describe */, `${msg.type}${msg.name || ''}`)
        : msg.type === 'P'
            ? emptyDescribePortal
            : emptyDescribeStatement;
};
const close = (msg) => {
    const text = `${msg.type}${msg.name || ''}`;
    return cstringMessage(67 /* code.close */, text);
};
const copyData = (chunk) => {
    return writer.add(chunk).flush(100 /* code.copyFromChunk */);
};
const copyFail = (message) => {
    return cstringMessage(102 /* code.copyFail */, message);
};
const codeOnlyBuffer = (code) => Buffer.from([code, 0x00, 0x00, 0x00, 0x04]);
const flushBuffer = codeOnlyBuffer(72 /* code.flush */);
const syncBuffer = codeOnlyBuffer(83 /* code.sync */);
const endBuffer = codeOnlyBuffer(88 /* code.end */);
const copyDoneBuffer = codeOnlyBuffer(99 /* code.copyDone */);
const serialize = {
    startup,
    password,
    requestSsl,
    sendSASLInitialResponseMessage,
    sendSCRAMClientFinalMessage,
    query,
    parse,
    bind,
    execute,
    describe,
    close,
    flush: () => flushBuffer,
    sync: () => syncBuffer,
    end: () => endBuffer,
    copyData,
    copyDone: () => copyDoneBuffer,
    copyFail,
    cancel,
};
exports.serialize = serialize;
//# sourceMappingURL=serializer.js.map

/***/ }),

/***/ 1549:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var textParsers = __nccwpck_require__(4784);
var binaryParsers = __nccwpck_require__(7522);
var arrayParser = __nccwpck_require__(6471);
var builtinTypes = __nccwpck_require__(6345);

exports.getTypeParser = getTypeParser;
exports.setTypeParser = setTypeParser;
exports.arrayParser = arrayParser;
exports.builtins = builtinTypes;

var typeParsers = {
  text: {},
  binary: {}
};

//the empty parse function
function noParse (val) {
  return String(val);
};

//returns a function used to convert a specific type (specified by
//oid) into a result javascript type
//note: the oid can be obtained via the following sql query:
//SELECT oid FROM pg_type WHERE typname = 'TYPE_NAME_HERE';
function getTypeParser (oid, format) {
  format = format || 'text';
  if (!typeParsers[format]) {
    return noParse;
  }
  return typeParsers[format][oid] || noParse;
};

function setTypeParser (oid, format, parseFn) {
  if(typeof format == 'function') {
    parseFn = format;
    format = 'text';
  }
  typeParsers[format][oid] = parseFn;
};

textParsers.init(function(oid, converter) {
  typeParsers.text[oid] = converter;
});

binaryParsers.init(function(oid, converter) {
  typeParsers.binary[oid] = converter;
});


/***/ }),

/***/ 6471:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var array = __nccwpck_require__(3879);

module.exports = {
  create: function (source, transform) {
    return {
      parse: function() {
        return array.parse(source, transform);
      }
    };
  }
};


/***/ }),

/***/ 7522:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var parseInt64 = __nccwpck_require__(2299);

var parseBits = function(data, bits, offset, invert, callback) {
  offset = offset || 0;
  invert = invert || false;
  callback = callback || function(lastValue, newValue, bits) { return (lastValue * Math.pow(2, bits)) + newValue; };
  var offsetBytes = offset >> 3;

  var inv = function(value) {
    if (invert) {
      return ~value & 0xff;
    }

    return value;
  };

  // read first (maybe partial) byte
  var mask = 0xff;
  var firstBits = 8 - (offset % 8);
  if (bits < firstBits) {
    mask = (0xff << (8 - bits)) & 0xff;
    firstBits = bits;
  }

  if (offset) {
    mask = mask >> (offset % 8);
  }

  var result = 0;
  if ((offset % 8) + bits >= 8) {
    result = callback(0, inv(data[offsetBytes]) & mask, firstBits);
  }

  // read bytes
  var bytes = (bits + offset) >> 3;
  for (var i = offsetBytes + 1; i < bytes; i++) {
    result = callback(result, inv(data[i]), 8);
  }

  // bits to read, that are not a complete byte
  var lastBits = (bits + offset) % 8;
  if (lastBits > 0) {
    result = callback(result, inv(data[bytes]) >> (8 - lastBits), lastBits);
  }

  return result;
};

var parseFloatFromBits = function(data, precisionBits, exponentBits) {
  var bias = Math.pow(2, exponentBits - 1) - 1;
  var sign = parseBits(data, 1);
  var exponent = parseBits(data, exponentBits, 1);

  if (exponent === 0) {
    return 0;
  }

  // parse mantissa
  var precisionBitsCounter = 1;
  var parsePrecisionBits = function(lastValue, newValue, bits) {
    if (lastValue === 0) {
      lastValue = 1;
    }

    for (var i = 1; i <= bits; i++) {
      precisionBitsCounter /= 2;
      if ((newValue & (0x1 << (bits - i))) > 0) {
        lastValue += precisionBitsCounter;
      }
    }

    return lastValue;
  };

  var mantissa = parseBits(data, precisionBits, exponentBits + 1, false, parsePrecisionBits);

  // special cases
  if (exponent == (Math.pow(2, exponentBits + 1) - 1)) {
    if (mantissa === 0) {
      return (sign === 0) ? Infinity : -Infinity;
    }

    return NaN;
  }

  // normale number
  return ((sign === 0) ? 1 : -1) * Math.pow(2, exponent - bias) * mantissa;
};

var parseInt16 = function(value) {
  if (parseBits(value, 1) == 1) {
    return -1 * (parseBits(value, 15, 1, true) + 1);
  }

  return parseBits(value, 15, 1);
};

var parseInt32 = function(value) {
  if (parseBits(value, 1) == 1) {
    return -1 * (parseBits(value, 31, 1, true) + 1);
  }

  return parseBits(value, 31, 1);
};

var parseFloat32 = function(value) {
  return parseFloatFromBits(value, 23, 8);
};

var parseFloat64 = function(value) {
  return parseFloatFromBits(value, 52, 11);
};

var parseNumeric = function(value) {
  var sign = parseBits(value, 16, 32);
  if (sign == 0xc000) {
    return NaN;
  }

  var weight = Math.pow(10000, parseBits(value, 16, 16));
  var result = 0;

  var digits = [];
  var ndigits = parseBits(value, 16);
  for (var i = 0; i < ndigits; i++) {
    result += parseBits(value, 16, 64 + (16 * i)) * weight;
    weight /= 10000;
  }

  var scale = Math.pow(10, parseBits(value, 16, 48));
  return ((sign === 0) ? 1 : -1) * Math.round(result * scale) / scale;
};

var parseDate = function(isUTC, value) {
  var sign = parseBits(value, 1);
  var rawValue = parseBits(value, 63, 1);

  // discard usecs and shift from 2000 to 1970
  var result = new Date((((sign === 0) ? 1 : -1) * rawValue / 1000) + 946684800000);

  if (!isUTC) {
    result.setTime(result.getTime() + result.getTimezoneOffset() * 60000);
  }

  // add microseconds to the date
  result.usec = rawValue % 1000;
  result.getMicroSeconds = function() {
    return this.usec;
  };
  result.setMicroSeconds = function(value) {
    this.usec = value;
  };
  result.getUTCMicroSeconds = function() {
    return this.usec;
  };

  return result;
};

var parseArray = function(value) {
  var dim = parseBits(value, 32);

  var flags = parseBits(value, 32, 32);
  var elementType = parseBits(value, 32, 64);

  var offset = 96;
  var dims = [];
  for (var i = 0; i < dim; i++) {
    // parse dimension
    dims[i] = parseBits(value, 32, offset);
    offset += 32;

    // ignore lower bounds
    offset += 32;
  }

  var parseElement = function(elementType) {
    // parse content length
    var length = parseBits(value, 32, offset);
    offset += 32;

    // parse null values
    if (length == 0xffffffff) {
      return null;
    }

    var result;
    if ((elementType == 0x17) || (elementType == 0x14)) {
      // int/bigint
      result = parseBits(value, length * 8, offset);
      offset += length * 8;
      return result;
    }
    else if (elementType == 0x19) {
      // string
      result = value.toString(this.encoding, offset >> 3, (offset += (length << 3)) >> 3);
      return result;
    }
    else {
      console.log("ERROR: ElementType not implemented: " + elementType);
    }
  };

  var parse = function(dimension, elementType) {
    var array = [];
    var i;

    if (dimension.length > 1) {
      var count = dimension.shift();
      for (i = 0; i < count; i++) {
        array[i] = parse(dimension, elementType);
      }
      dimension.unshift(count);
    }
    else {
      for (i = 0; i < dimension[0]; i++) {
        array[i] = parseElement(elementType);
      }
    }

    return array;
  };

  return parse(dims, elementType);
};

var parseText = function(value) {
  return value.toString('utf8');
};

var parseBool = function(value) {
  if(value === null) return null;
  return (parseBits(value, 8) > 0);
};

var init = function(register) {
  register(20, parseInt64);
  register(21, parseInt16);
  register(23, parseInt32);
  register(26, parseInt32);
  register(1700, parseNumeric);
  register(700, parseFloat32);
  register(701, parseFloat64);
  register(16, parseBool);
  register(1114, parseDate.bind(null, false));
  register(1184, parseDate.bind(null, true));
  register(1000, parseArray);
  register(1007, parseArray);
  register(1016, parseArray);
  register(1008, parseArray);
  register(1009, parseArray);
  register(25, parseText);
};

module.exports = {
  init: init
};


/***/ }),

/***/ 6345:
/***/ ((module) => {

/**
 * Following query was used to generate this file:

 SELECT json_object_agg(UPPER(PT.typname), PT.oid::int4 ORDER BY pt.oid)
 FROM pg_type PT
 WHERE typnamespace = (SELECT pgn.oid FROM pg_namespace pgn WHERE nspname = 'pg_catalog') -- Take only builting Postgres types with stable OID (extension types are not guaranted to be stable)
 AND typtype = 'b' -- Only basic types
 AND typelem = 0 -- Ignore aliases
 AND typisdefined -- Ignore undefined types
 */

module.exports = {
    BOOL: 16,
    BYTEA: 17,
    CHAR: 18,
    INT8: 20,
    INT2: 21,
    INT4: 23,
    REGPROC: 24,
    TEXT: 25,
    OID: 26,
    TID: 27,
    XID: 28,
    CID: 29,
    JSON: 114,
    XML: 142,
    PG_NODE_TREE: 194,
    SMGR: 210,
    PATH: 602,
    POLYGON: 604,
    CIDR: 650,
    FLOAT4: 700,
    FLOAT8: 701,
    ABSTIME: 702,
    RELTIME: 703,
    TINTERVAL: 704,
    CIRCLE: 718,
    MACADDR8: 774,
    MONEY: 790,
    MACADDR: 829,
    INET: 869,
    ACLITEM: 1033,
    BPCHAR: 1042,
    VARCHAR: 1043,
    DATE: 1082,
    TIME: 1083,
    TIMESTAMP: 1114,
    TIMESTAMPTZ: 1184,
    INTERVAL: 1186,
    TIMETZ: 1266,
    BIT: 1560,
    VARBIT: 1562,
    NUMERIC: 1700,
    REFCURSOR: 1790,
    REGPROCEDURE: 2202,
    REGOPER: 2203,
    REGOPERATOR: 2204,
    REGCLASS: 2205,
    REGTYPE: 2206,
    UUID: 2950,
    TXID_SNAPSHOT: 2970,
    PG_LSN: 3220,
    PG_NDISTINCT: 3361,
    PG_DEPENDENCIES: 3402,
    TSVECTOR: 3614,
    TSQUERY: 3615,
    GTSVECTOR: 3642,
    REGCONFIG: 3734,
    REGDICTIONARY: 3769,
    JSONB: 3802,
    REGNAMESPACE: 4089,
    REGROLE: 4096
};


/***/ }),

/***/ 4784:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var array = __nccwpck_require__(3879)
var arrayParser = __nccwpck_require__(6471);
var parseDate = __nccwpck_require__(2690);
var parseInterval = __nccwpck_require__(8755);
var parseByteA = __nccwpck_require__(463);

function allowNull (fn) {
  return function nullAllowed (value) {
    if (value === null) return value
    return fn(value)
  }
}

function parseBool (value) {
  if (value === null) return value
  return value === 'TRUE' ||
    value === 't' ||
    value === 'true' ||
    value === 'y' ||
    value === 'yes' ||
    value === 'on' ||
    value === '1';
}

function parseBoolArray (value) {
  if (!value) return null
  return array.parse(value, parseBool)
}

function parseBaseTenInt (string) {
  return parseInt(string, 10)
}

function parseIntegerArray (value) {
  if (!value) return null
  return array.parse(value, allowNull(parseBaseTenInt))
}

function parseBigIntegerArray (value) {
  if (!value) return null
  return array.parse(value, allowNull(function (entry) {
    return parseBigInteger(entry).trim()
  }))
}

var parsePointArray = function(value) {
  if(!value) { return null; }
  var p = arrayParser.create(value, function(entry) {
    if(entry !== null) {
      entry = parsePoint(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseFloatArray = function(value) {
  if(!value) { return null; }
  var p = arrayParser.create(value, function(entry) {
    if(entry !== null) {
      entry = parseFloat(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseStringArray = function(value) {
  if(!value) { return null; }

  var p = arrayParser.create(value);
  return p.parse();
};

var parseDateArray = function(value) {
  if (!value) { return null; }

  var p = arrayParser.create(value, function(entry) {
    if (entry !== null) {
      entry = parseDate(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseIntervalArray = function(value) {
  if (!value) { return null; }

  var p = arrayParser.create(value, function(entry) {
    if (entry !== null) {
      entry = parseInterval(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseByteAArray = function(value) {
  if (!value) { return null; }

  return array.parse(value, allowNull(parseByteA));
};

var parseInteger = function(value) {
  return parseInt(value, 10);
};

var parseBigInteger = function(value) {
  var valStr = String(value);
  if (/^\d+$/.test(valStr)) { return valStr; }
  return value;
};

var parseJsonArray = function(value) {
  if (!value) { return null; }

  return array.parse(value, allowNull(JSON.parse));
};

var parsePoint = function(value) {
  if (value[0] !== '(') { return null; }

  value = value.substring( 1, value.length - 1 ).split(',');

  return {
    x: parseFloat(value[0])
  , y: parseFloat(value[1])
  };
};

var parseCircle = function(value) {
  if (value[0] !== '<' && value[1] !== '(') { return null; }

  var point = '(';
  var radius = '';
  var pointParsed = false;
  for (var i = 2; i < value.length - 1; i++){
    if (!pointParsed) {
      point += value[i];
    }

    if (value[i] === ')') {
      pointParsed = true;
      continue;
    } else if (!pointParsed) {
      continue;
    }

    if (value[i] === ','){
      continue;
    }

    radius += value[i];
  }
  var result = parsePoint(point);
  result.radius = parseFloat(radius);

  return result;
};

var init = function(register) {
  register(20, parseBigInteger); // int8
  register(21, parseInteger); // int2
  register(23, parseInteger); // int4
  register(26, parseInteger); // oid
  register(700, parseFloat); // float4/real
  register(701, parseFloat); // float8/double
  register(16, parseBool);
  register(1082, parseDate); // date
  register(1114, parseDate); // timestamp without timezone
  register(1184, parseDate); // timestamp
  register(600, parsePoint); // point
  register(651, parseStringArray); // cidr[]
  register(718, parseCircle); // circle
  register(1000, parseBoolArray);
  register(1001, parseByteAArray);
  register(1005, parseIntegerArray); // _int2
  register(1007, parseIntegerArray); // _int4
  register(1028, parseIntegerArray); // oid[]
  register(1016, parseBigIntegerArray); // _int8
  register(1017, parsePointArray); // point[]
  register(1021, parseFloatArray); // _float4
  register(1022, parseFloatArray); // _float8
  register(1231, parseFloatArray); // _numeric
  register(1014, parseStringArray); //char
  register(1015, parseStringArray); //varchar
  register(1008, parseStringArray);
  register(1009, parseStringArray);
  register(1040, parseStringArray); // macaddr[]
  register(1041, parseStringArray); // inet[]
  register(1115, parseDateArray); // timestamp without time zone[]
  register(1182, parseDateArray); // _date
  register(1185, parseDateArray); // timestamp with time zone[]
  register(1186, parseInterval);
  register(1187, parseIntervalArray);
  register(17, parseByteA);
  register(114, JSON.parse.bind(JSON)); // json
  register(3802, JSON.parse.bind(JSON)); // jsonb
  register(199, parseJsonArray); // json[]
  register(3807, parseJsonArray); // jsonb[]
  register(3907, parseStringArray); // numrange[]
  register(2951, parseStringArray); // uuid[]
  register(791, parseStringArray); // money[]
  register(1183, parseStringArray); // time[]
  register(1270, parseStringArray); // timetz[]
};

module.exports = {
  init: init
};


/***/ }),

/***/ 5042:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const EventEmitter = (__nccwpck_require__(4434).EventEmitter)
const utils = __nccwpck_require__(9652)
const nodeUtils = __nccwpck_require__(9023)
const sasl = __nccwpck_require__(948)
const TypeOverrides = __nccwpck_require__(365)

const ConnectionParameters = __nccwpck_require__(646)
const Query = __nccwpck_require__(4473)
const defaults = __nccwpck_require__(8995)
const Connection = __nccwpck_require__(9809)
const crypto = __nccwpck_require__(4150)

const activeQueryDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Client.activeQuery is deprecated and will be removed in pg@9.0'
)

const queryQueueDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Client.queryQueue is deprecated and will be removed in pg@9.0.'
)

const pgPassDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'pgpass support is deprecated and will be removed in pg@9.0. ' +
    'You can provide an async function as the password property to the Client/Pool constructor that returns a password instead. Within this function you can call the pgpass module in your own code.'
)

const byoPromiseDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Passing a custom Promise implementation to the Client/Pool constructor is deprecated and will be removed in pg@9.0.'
)

const queryQueueLengthDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Calling client.query() when the client is already executing a query is deprecated and will be removed in pg@9.0. Use async/await or an external async flow control mechanism instead.'
)

function coerceNumberOrDefault(value, defaultValue) {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : defaultValue
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value)
    return Number.isFinite(n) ? n : defaultValue
  }
  return defaultValue
}

class Client extends EventEmitter {
  constructor(config) {
    super()

    this.connectionParameters = new ConnectionParameters(config)
    this.user = this.connectionParameters.user
    this.database = this.connectionParameters.database
    this.port = this.connectionParameters.port
    this.host = this.connectionParameters.host

    // "hiding" the password so it doesn't show up in stack traces
    // or if the client is console.logged
    Object.defineProperty(this, 'password', {
      configurable: true,
      enumerable: false,
      writable: true,
      value: this.connectionParameters.password,
    })

    this.replication = this.connectionParameters.replication

    const c = config || {}

    if (c.Promise) {
      byoPromiseDeprecationNotice()
    }
    this._Promise = c.Promise || global.Promise
    this._types = new TypeOverrides(c.types)
    this._ending = false
    this._ended = false
    this._connecting = false
    this._connected = false
    this._connectionError = false
    this._queryable = true
    this._activeQuery = null
    this._txStatus = null

    this.enableChannelBinding = Boolean(c.enableChannelBinding) // set true to use SCRAM-SHA-256-PLUS when offered
    this.scramMaxIterations = coerceNumberOrDefault(c.scramMaxIterations, sasl.DEFAULT_MAX_SCRAM_ITERATIONS)
    this.connection =
      c.connection ||
      new Connection({
        stream: c.stream,
        ssl: this.connectionParameters.ssl,
        sslNegotiation: this.connectionParameters.sslnegotiation,
        keepAlive: c.keepAlive || false,
        keepAliveInitialDelayMillis: c.keepAliveInitialDelayMillis || 0,
        encoding: this.connectionParameters.client_encoding || 'utf8',
      })
    this._queryQueue = []
    this._sentQueryQueue = []
    this.pipeline = Boolean(c.pipeline)
    this.binary = c.binary || defaults.binary
    this.processID = null
    this.secretKey = null
    this.ssl = this.connectionParameters.ssl || false
    this.sslNegotiation = this.connectionParameters.sslnegotiation || 'postgres'
    // As with Password, make SSL->Key (the private key) non-enumerable.
    // It won't show up in stack traces
    // or if the client is console.logged
    if (this.ssl && this.ssl.key) {
      Object.defineProperty(this.ssl, 'key', {
        enumerable: false,
      })
    }

    this._connectionTimeoutMillis = c.connectionTimeoutMillis || 0
  }

  get activeQuery() {
    activeQueryDeprecationNotice()
    return this._activeQuery
  }

  set activeQuery(val) {
    activeQueryDeprecationNotice()
    this._activeQuery = val
  }

  _getActiveQuery() {
    return this._activeQuery
  }

  _errorAllQueries(err) {
    const enqueueError = (query) => {
      process.nextTick(() => {
        query.handleError(err, this.connection)
      })
    }

    const activeQuery = this._getActiveQuery()
    if (activeQuery) {
      enqueueError(activeQuery)
      this._activeQuery = null
    }

    this._sentQueryQueue.forEach(enqueueError)
    this._sentQueryQueue.length = 0

    this._queryQueue.forEach(enqueueError)
    this._queryQueue.length = 0
  }

  _connect(callback) {
    const self = this
    const con = this.connection
    this._connectionCallback = callback

    if (this._connecting || this._connected) {
      const err = new Error('Client has already been connected. You cannot reuse a client.')
      process.nextTick(() => {
        callback(err)
      })
      return
    }
    this._connecting = true

    if (this._connectionTimeoutMillis > 0) {
      this.connectionTimeoutHandle = setTimeout(() => {
        con._ending = true
        con.stream.destroy(new Error('timeout expired'))
      }, this._connectionTimeoutMillis)

      if (this.connectionTimeoutHandle.unref) {
        this.connectionTimeoutHandle.unref()
      }
    }

    if (this.host && this.host.indexOf('/') === 0) {
      con.connect(this.host + '/.s.PGSQL.' + this.port)
    } else {
      con.connect(this.port, this.host)
    }

    // once connection is established send startup message
    con.on('connect', function () {
      if (self.ssl) {
        // With direct SSL negotiation the connection upgrades to TLS without an
        // SSLRequest packet, so the startup message is sent after 'sslconnect'.
        if (self.sslNegotiation !== 'direct') {
          con.requestSsl()
        }
      } else {
        con.startup(self.getStartupConf())
      }
    })

    con.on('sslconnect', function () {
      con.startup(self.getStartupConf())
    })

    this._attachListeners(con)

    con.once('end', () => {
      const error = this._ending ? new Error('Connection terminated') : new Error('Connection terminated unexpectedly')

      clearTimeout(this.connectionTimeoutHandle)
      this._errorAllQueries(error)
      this._ended = true

      if (!this._ending) {
        // if the connection is ended without us calling .end()
        // on this client then we have an unexpected disconnection
        // treat this as an error unless we've already emitted an error
        // during connection.
        if (this._connecting && !this._connectionError) {
          if (this._connectionCallback) {
            this._connectionCallback(error)
          } else {
            this._handleErrorEvent(error)
          }
        } else if (!this._connectionError) {
          this._handleErrorEvent(error)
        }
      }

      process.nextTick(() => {
        this.emit('end')
      })
    })
  }

  connect(callback) {
    if (callback) {
      this._connect(callback)
      return
    }

    return new this._Promise((resolve, reject) => {
      this._connect((error) => {
        if (error) {
          reject(error)
        } else {
          resolve(this)
        }
      })
    })
  }

  _attachListeners(con) {
    // password request handling
    con.on('authenticationCleartextPassword', this._handleAuthCleartextPassword.bind(this))
    // password request handling
    con.on('authenticationMD5Password', this._handleAuthMD5Password.bind(this))
    // password request handling (SASL)
    con.on('authenticationSASL', this._handleAuthSASL.bind(this))
    con.on('authenticationSASLContinue', this._handleAuthSASLContinue.bind(this))
    con.on('authenticationSASLFinal', this._handleAuthSASLFinal.bind(this))
    con.on('backendKeyData', this._handleBackendKeyData.bind(this))
    con.on('error', this._handleErrorEvent.bind(this))
    con.on('errorMessage', this._handleErrorMessage.bind(this))
    con.on('readyForQuery', this._handleReadyForQuery.bind(this))
    con.on('notice', this._handleNotice.bind(this))
    con.on('rowDescription', this._handleRowDescription.bind(this))
    con.on('dataRow', this._handleDataRow.bind(this))
    con.on('portalSuspended', this._handlePortalSuspended.bind(this))
    con.on('emptyQuery', this._handleEmptyQuery.bind(this))
    con.on('commandComplete', this._handleCommandComplete.bind(this))
    con.on('parseComplete', this._handleParseComplete.bind(this))
    con.on('copyInResponse', this._handleCopyInResponse.bind(this))
    con.on('copyData', this._handleCopyData.bind(this))
    con.on('notification', this._handleNotification.bind(this))
  }

  _getPassword(cb) {
    const con = this.connection
    if (typeof this.password === 'function') {
      this._Promise
        .resolve()
        .then(() => this.password(this.connectionParameters))
        .then((pass) => {
          if (pass !== undefined) {
            if (typeof pass !== 'string') {
              con.emit('error', new TypeError('Password must be a string'))
              return
            }
            this.connectionParameters.password = this.password = pass
          } else {
            this.connectionParameters.password = this.password = null
          }
          cb()
        })
        .catch((err) => {
          con.emit('error', err)
        })
    } else if (this.password !== null) {
      cb()
    } else {
      try {
        const pgPass = __nccwpck_require__(3272)
        pgPass(this.connectionParameters, (pass) => {
          if (undefined !== pass) {
            pgPassDeprecationNotice()
            this.connectionParameters.password = this.password = pass
          }
          cb()
        })
      } catch (e) {
        this.emit('error', e)
      }
    }
  }

  _handleAuthCleartextPassword(msg) {
    this._getPassword(() => {
      this.connection.password(this.password)
    })
  }

  _handleAuthMD5Password(msg) {
    this._getPassword(async () => {
      try {
        const hashedPassword = await crypto.postgresMd5PasswordHash(this.user, this.password, msg.salt)
        this.connection.password(hashedPassword)
      } catch (e) {
        this.emit('error', e)
      }
    })
  }

  _handleAuthSASL(msg) {
    this._getPassword(() => {
      try {
        this.saslSession = sasl.startSession(
          msg.mechanisms,
          this.enableChannelBinding && this.connection.stream,
          this.scramMaxIterations
        )
        this.connection.sendSASLInitialResponseMessage(this.saslSession.mechanism, this.saslSession.response)
      } catch (err) {
        this.connection.emit('error', err)
      }
    })
  }

  async _handleAuthSASLContinue(msg) {
    try {
      await sasl.continueSession(
        this.saslSession,
        this.password,
        msg.data,
        this.enableChannelBinding && this.connection.stream
      )
      this.connection.sendSCRAMClientFinalMessage(this.saslSession.response)
    } catch (err) {
      this.connection.emit('error', err)
    }
  }

  _handleAuthSASLFinal(msg) {
    try {
      sasl.finalizeSession(this.saslSession, msg.data)
      this.saslSession = null
    } catch (err) {
      this.connection.emit('error', err)
    }
  }

  _handleBackendKeyData(msg) {
    this.processID = msg.processID
    this.secretKey = msg.secretKey
  }

  _handleReadyForQuery(msg) {
    if (this._connecting) {
      this._connecting = false
      this._connected = true
      clearTimeout(this.connectionTimeoutHandle)

      // process possible callback argument to Client#connect
      if (this._connectionCallback) {
        this._connectionCallback(null, this)
        // remove callback for proper error handling
        // after the connect event
        this._connectionCallback = null
      }
      this.emit('connect')
    }
    const activeQuery = this._getActiveQuery()
    this._activeQuery = null
    this._txStatus = msg?.status ?? null
    this.readyForQuery = true
    if (activeQuery) {
      activeQuery.handleReadyForQuery(this.connection)
    }
    this._pulseQueryQueue()
  }

  // if we receive an error event or error message
  // during the connection process we handle it here
  _handleErrorWhileConnecting(err) {
    if (this._connectionError) {
      // TODO(bmc): this is swallowing errors - we shouldn't do this
      return
    }
    this._connectionError = true
    clearTimeout(this.connectionTimeoutHandle)
    if (this._connectionCallback) {
      return this._connectionCallback(err)
    }
    this.emit('error', err)
  }

  // if we're connected and we receive an error event from the connection
  // this means the socket is dead - do a hard abort of all queries and emit
  // the socket error on the client as well
  _handleErrorEvent(err) {
    if (this._connecting) {
      return this._handleErrorWhileConnecting(err)
    }
    this._queryable = false
    this._errorAllQueries(err)
    this.emit('error', err)
  }

  // handle error messages from the postgres backend
  _handleErrorMessage(msg) {
    if (this._connecting) {
      return this._handleErrorWhileConnecting(msg)
    }
    const activeQuery = this._getActiveQuery()

    if (!activeQuery) {
      this._handleErrorEvent(msg)
      return
    }

    this._activeQuery = null
    if (activeQuery.name) {
      delete this.connection.submittedNamedStatements[activeQuery.name]
    }
    activeQuery.handleError(msg, this.connection)
  }

  _handleRowDescription(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected rowDescription message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate rowDescription to active query
    activeQuery.handleRowDescription(msg)
  }

  _handleDataRow(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected dataRow message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate dataRow to active query
    activeQuery.handleDataRow(msg)
  }

  _handlePortalSuspended(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected portalSuspended message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate portalSuspended to active query
    activeQuery.handlePortalSuspended(this.connection)
  }

  _handleEmptyQuery(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected emptyQuery message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate emptyQuery to active query
    activeQuery.handleEmptyQuery(this.connection)
  }

  _handleCommandComplete(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected commandComplete message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate commandComplete to active query
    activeQuery.handleCommandComplete(msg, this.connection)
  }

  _handleParseComplete() {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected parseComplete message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // if a prepared statement has a name and properly parses
    // we track that its already been executed so we don't parse
    // it again on the same client
    if (activeQuery.name) {
      this.connection.parsedStatements[activeQuery.name] = activeQuery.text
      delete this.connection.submittedNamedStatements[activeQuery.name]
    }
  }

  _handleCopyInResponse(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected copyInResponse message from backend.')
      this._handleErrorEvent(error)
      return
    }
    activeQuery.handleCopyInResponse(this.connection)
  }

  _handleCopyData(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected copyData message from backend.')
      this._handleErrorEvent(error)
      return
    }
    activeQuery.handleCopyData(msg, this.connection)
  }

  _handleNotification(msg) {
    this.emit('notification', msg)
  }

  _handleNotice(msg) {
    this.emit('notice', msg)
  }

  getStartupConf() {
    const params = this.connectionParameters

    const data = {
      user: params.user,
      database: params.database,
    }

    const appName = params.application_name || params.fallback_application_name
    if (appName) {
      data.application_name = appName
    }
    if (params.replication) {
      data.replication = '' + params.replication
    }
    if (params.statement_timeout) {
      data.statement_timeout = String(parseInt(params.statement_timeout, 10))
    }
    if (params.lock_timeout) {
      data.lock_timeout = String(parseInt(params.lock_timeout, 10))
    }
    if (params.idle_in_transaction_session_timeout) {
      data.idle_in_transaction_session_timeout = String(parseInt(params.idle_in_transaction_session_timeout, 10))
    }
    if (params.options) {
      data.options = params.options
    }

    return data
  }

  cancel(client, query) {
    if (client.activeQuery === query) {
      const con = this.connection

      if (this.host && this.host.indexOf('/') === 0) {
        con.connect(this.host + '/.s.PGSQL.' + this.port)
      } else {
        con.connect(this.port, this.host)
      }

      // once connection is established send cancel message
      con.on('connect', function () {
        con.cancel(client.processID, client.secretKey)
      })
    } else if (client._queryQueue.indexOf(query) !== -1) {
      client._queryQueue.splice(client._queryQueue.indexOf(query), 1)
    } else if (client._sentQueryQueue.indexOf(query) !== -1) {
      // Query already sent on wire — can't remove it without corrupting the
      // pipeline. No-op the callback so the result is silently discarded.
      query.callback = () => {}
    }
  }

  setTypeParser(oid, format, parseFn) {
    return this._types.setTypeParser(oid, format, parseFn)
  }

  getTypeParser(oid, format) {
    return this._types.getTypeParser(oid, format)
  }

  // escapeIdentifier and escapeLiteral moved to utility functions & exported
  // on PG
  // re-exported here for backwards compatibility
  escapeIdentifier(str) {
    return utils.escapeIdentifier(str)
  }

  escapeLiteral(str) {
    return utils.escapeLiteral(str)
  }

  _pulseQueryQueue() {
    if (this.pipeline) {
      this._pulsePipelinedQueryQueue()
      return
    }
    if (this.readyForQuery === true) {
      this._activeQuery = this._queryQueue.shift()
      const activeQuery = this._getActiveQuery()
      if (activeQuery) {
        this.readyForQuery = false
        this.hasExecuted = true

        const queryError = activeQuery.submit(this.connection)
        if (queryError) {
          process.nextTick(() => {
            activeQuery.handleError(queryError, this.connection)
            this.readyForQuery = true
            this._pulseQueryQueue()
          })
        }
      } else if (this.hasExecuted) {
        this._activeQuery = null
        this.emit('drain')
      }
    }
  }

  _pulsePipelinedQueryQueue() {
    if (!this._connected || !this._queryable) {
      return
    }
    while (this._queryQueue.length > 0) {
      const query = this._queryQueue.shift()
      this.hasExecuted = true
      const queryError = query.submit(this.connection)
      if (queryError) {
        process.nextTick(() => {
          query.handleError(queryError, this.connection)
        })
        continue
      }
      this._sentQueryQueue.push(query)
    }
    if (this.readyForQuery && !this._activeQuery && this._sentQueryQueue.length > 0) {
      this._activeQuery = this._sentQueryQueue.shift()
      this.readyForQuery = false
    }
    if (!this._activeQuery && this._sentQueryQueue.length === 0 && this._queryQueue.length === 0 && this.hasExecuted) {
      this.emit('drain')
    }
  }

  query(config, values, callback) {
    // can take in strings, config object or query object
    let query
    let result

    if (config == null) {
      throw new TypeError('Client was passed a null or undefined query')
    }

    if (typeof config.submit === 'function') {
      result = query = config
      if (!query.callback) {
        if (typeof values === 'function') {
          query.callback = values
        } else if (callback) {
          query.callback = callback
        }
      }
    } else {
      query = new Query(config, values, callback)
      if (!query.callback) {
        result = new this._Promise((resolve, reject) => {
          query.callback = (err, res) => (err ? reject(err) : resolve(res))
        }).catch((err) => {
          // replace the stack trace that leads to `TCP.onStreamRead` with one that leads back to the
          // application that created the query
          Error.captureStackTrace(err)
          throw err
        })
      } else if (typeof query.callback !== 'function') {
        throw new TypeError('callback is not a function')
      }
    }

    const readTimeout = config.query_timeout || this.connectionParameters.query_timeout
    if (readTimeout) {
      const queryCallback = query.callback || (() => {})

      const readTimeoutTimer = setTimeout(() => {
        const error = new Error('Query read timeout')

        process.nextTick(() => {
          query.handleError(error, this.connection)
        })

        queryCallback(error)

        // we already returned an error,
        // just do nothing if query completes
        query.callback = () => {}

        // Remove from queue (only safe if not yet sent)
        const index = this._queryQueue.indexOf(query)
        if (index > -1) {
          this._queryQueue.splice(index, 1)
        } else if (this.pipeline) {
          // Query already sent — the pipeline is blocked until it completes.
          // Destroy the connection to unblock all remaining pipelined queries.
          this.connection.stream.destroy()
          return
        }

        this._pulseQueryQueue()
      }, readTimeout)

      query.callback = (err, res) => {
        clearTimeout(readTimeoutTimer)
        queryCallback(err, res)
      }
    }

    if (this.binary && !query.binary) {
      query.binary = true
    }

    if (query._result && !query._result._types) {
      query._result._types = this._types
    }

    // A query that keeps a portal open across round trips cannot share a pipelined connection: the
    // queries written behind it are answered out of its portal, so rows land on the wrong query and
    // the reads that follow fail with 'portal does not exist'. Refuse it instead of corrupting.
    if (this.pipeline) {
      const portalQuery =
        typeof config.submit === 'function' && !(query instanceof Query)
          ? 'Custom query classes such as pg-cursor and pg-query-stream are'
          : query.rows
          ? 'The `rows` option is'
          : null
      if (portalQuery) {
        process.nextTick(() => {
          query.handleError(new Error(`${portalQuery} not supported in pipeline mode`), this.connection)
        })
        return result
      }
    }

    if (!this._queryable) {
      process.nextTick(() => {
        query.handleError(new Error('Client has encountered a connection error and is not queryable'), this.connection)
      })
      return result
    }

    if (this._ending) {
      process.nextTick(() => {
        query.handleError(new Error('Client was closed and is not queryable'), this.connection)
      })
      return result
    }

    if (this._queryQueue.length > 0 && !this.pipeline) {
      queryQueueLengthDeprecationNotice()
    }
    this._queryQueue.push(query)
    this._pulseQueryQueue()
    return result
  }

  ref() {
    this.connection.ref()
  }

  unref() {
    this.connection.unref()
  }

  getTransactionStatus() {
    return this._txStatus
  }

  end(cb) {
    this._ending = true

    // if we have never connected, then end is a noop, callback immediately
    if (!this.connection._connecting || this._ended) {
      if (cb) {
        cb()
        return
      } else {
        return this._Promise.resolve()
      }
    }

    if (!this._queryable) {
      // socket is dead — force close
      this.connection.stream.destroy()
    } else if (
      this.pipeline &&
      (this._getActiveQuery() || this._sentQueryQueue.length > 0 || this._queryQueue.length > 0)
    ) {
      // pipelined queries are already on the wire (or queued to send) and will
      // complete normally; wait for drain then do a graceful goodbye
      this.once('drain', () => this.connection.end())
    } else if (this._getActiveQuery()) {
      // non-pipeline: a hung query could block end forever — force disconnect
      this.connection.stream.destroy()
    } else {
      this.connection.end()
    }

    if (cb) {
      this.connection.once('end', cb)
    } else {
      return new this._Promise((resolve) => {
        this.connection.once('end', resolve)
      })
    }
  }
  get queryQueue() {
    queryQueueDeprecationNotice()
    return this._queryQueue
  }
}

// expose a Query constructor
Client.Query = Query

module.exports = Client


/***/ }),

/***/ 646:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const dns = __nccwpck_require__(2250)

const defaults = __nccwpck_require__(8995)

const parse = (__nccwpck_require__(6122).parse) // parses a connection string

const val = function (key, config, envVar) {
  if (config[key]) {
    return config[key]
  }

  if (envVar === undefined) {
    envVar = process.env['PG' + key.toUpperCase()]
  } else if (envVar === false) {
    // do nothing ... use false
  } else {
    envVar = process.env[envVar]
  }

  return envVar || defaults[key]
}

const readSSLConfigFromEnvironment = function () {
  switch (process.env.PGSSLMODE) {
    case 'disable':
      return false
    case 'prefer':
    case 'require':
    case 'verify-ca':
    case 'verify-full':
      return true
    case 'no-verify':
      return { rejectUnauthorized: false }
  }
  return defaults.ssl
}

// Convert arg to a string, surround in single quotes, and escape single quotes and backslashes
const quoteParamValue = function (value) {
  return "'" + ('' + value).replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'"
}

const add = function (params, config, paramName) {
  const value = config[paramName]
  if (value !== undefined && value !== null) {
    params.push(paramName + '=' + quoteParamValue(value))
  }
}

class ConnectionParameters {
  constructor(config) {
    // if a string is passed, it is a raw connection string so we parse it into a config
    config = typeof config === 'string' ? parse(config) : config || {}

    // if the config has a connectionString defined, parse IT into the config we use
    // this will override other default values with what is stored in connectionString
    if (config.connectionString) {
      config = Object.assign({}, config, parse(config.connectionString))
    }

    this.user = val('user', config)
    this.database = val('database', config)

    if (this.database === undefined) {
      this.database = this.user
    }

    this.port = parseInt(val('port', config), 10)
    this.host = val('host', config)

    // "hiding" the password so it doesn't show up in stack traces
    // or if the client is console.logged
    Object.defineProperty(this, 'password', {
      configurable: true,
      enumerable: false,
      writable: true,
      value: val('password', config),
    })

    this.binary = val('binary', config)
    this.options = val('options', config)

    this.ssl = typeof config.ssl === 'undefined' ? readSSLConfigFromEnvironment() : config.ssl

    if (typeof this.ssl === 'string') {
      if (this.ssl === 'true') {
        this.ssl = true
      }
    }
    // support passing in ssl=no-verify via connection string
    if (this.ssl === 'no-verify') {
      this.ssl = { rejectUnauthorized: false }
    }
    if (this.ssl && this.ssl.key) {
      Object.defineProperty(this.ssl, 'key', {
        enumerable: false,
      })
    }

    // How to negotiate SSL: 'postgres' (default, the traditional SSLRequest
    // handshake) or 'direct' (start the TLS handshake immediately on connect).
    this.sslnegotiation = val('sslnegotiation', config, 'PGSSLNEGOTIATION')
    if (this.sslnegotiation !== undefined && this.sslnegotiation !== 'postgres' && this.sslnegotiation !== 'direct') {
      throw new Error(
        `Invalid sslnegotiation value: "${this.sslnegotiation}". Valid values are "postgres" and "direct".`
      )
    }
    if (this.sslnegotiation === 'direct' && !this.ssl) {
      throw new Error('sslnegotiation=direct requires SSL to be enabled')
    }

    this.client_encoding = val('client_encoding', config)
    this.replication = val('replication', config)
    // a domain socket begins with '/'
    this.isDomainSocket = !(this.host || '').indexOf('/')

    this.application_name = val('application_name', config, 'PGAPPNAME')
    this.fallback_application_name = val('fallback_application_name', config, false)
    this.statement_timeout = val('statement_timeout', config, false)
    this.lock_timeout = val('lock_timeout', config, false)
    this.idle_in_transaction_session_timeout = val('idle_in_transaction_session_timeout', config, false)
    this.query_timeout = val('query_timeout', config, false)

    if (config.connectionTimeoutMillis === undefined) {
      this.connect_timeout = process.env.PGCONNECT_TIMEOUT || 0
    } else {
      this.connect_timeout = Math.floor(config.connectionTimeoutMillis / 1000)
    }

    if (config.keepAlive === false) {
      this.keepalives = 0
    } else if (config.keepAlive === true) {
      this.keepalives = 1
    }

    if (typeof config.keepAliveInitialDelayMillis === 'number') {
      this.keepalives_idle = Math.floor(config.keepAliveInitialDelayMillis / 1000)
    }
  }

  getLibpqConnectionString(cb) {
    const params = []
    add(params, this, 'user')
    add(params, this, 'password')
    add(params, this, 'port')
    add(params, this, 'application_name')
    add(params, this, 'fallback_application_name')
    add(params, this, 'connect_timeout')
    add(params, this, 'options')

    const ssl = typeof this.ssl === 'object' ? this.ssl : this.ssl ? { sslmode: this.ssl } : {}
    add(params, ssl, 'sslmode')
    add(params, ssl, 'sslca')
    add(params, ssl, 'sslkey')
    add(params, ssl, 'sslcert')
    add(params, ssl, 'sslrootcert')
    add(params, this, 'sslnegotiation')

    if (this.database) {
      params.push('dbname=' + quoteParamValue(this.database))
    }
    if (this.replication) {
      params.push('replication=' + quoteParamValue(this.replication))
    }
    if (this.host) {
      params.push('host=' + quoteParamValue(this.host))
    }
    if (this.isDomainSocket) {
      return cb(null, params.join(' '))
    }
    if (this.client_encoding) {
      params.push('client_encoding=' + quoteParamValue(this.client_encoding))
    }
    dns.lookup(this.host, function (err, address) {
      if (err) return cb(err, null)
      params.push('hostaddr=' + quoteParamValue(address))
      return cb(null, params.join(' '))
    })
  }
}

module.exports = ConnectionParameters


/***/ }),

/***/ 9809:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const EventEmitter = (__nccwpck_require__(4434).EventEmitter)

const { parse, serialize } = __nccwpck_require__(4233)
const stream = __nccwpck_require__(829)
const { getStream } = stream

const flushBuffer = serialize.flush()
const syncBuffer = serialize.sync()
const endBuffer = serialize.end()

// TODO(bmc) support binary mode at some point
class Connection extends EventEmitter {
  constructor(config) {
    super()
    config = config || {}

    this.stream = config.stream || getStream(config.ssl)
    if (typeof this.stream === 'function') {
      this.stream = this.stream(config)
    }

    this._keepAlive = config.keepAlive
    this._keepAliveInitialDelayMillis = config.keepAliveInitialDelayMillis
    this.parsedStatements = {}
    this.submittedNamedStatements = {}
    this.ssl = config.ssl || false
    this.sslNegotiation = config.sslNegotiation || 'postgres'
    this._ending = false
    this._emitMessage = false
    const self = this
    this.on('newListener', function (eventName) {
      if (eventName === 'message') {
        self._emitMessage = true
      }
    })
  }

  connect(port, host) {
    const self = this

    this._connecting = true
    this.stream.setNoDelay(true)
    this.stream.connect(port, host)

    this.stream.once('connect', function () {
      if (self._keepAlive) {
        self.stream.setKeepAlive(true, self._keepAliveInitialDelayMillis)
      }
      self.emit('connect')
    })

    const reportStreamError = function (error) {
      // errors about disconnections should be ignored during disconnect
      if (self._ending && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        return
      }
      self.emit('error', error)
    }
    this.stream.on('error', reportStreamError)

    this.stream.on('close', function () {
      self.emit('end')
    })

    if (!this.ssl) {
      return this.attachListeners(this.stream)
    }

    // With direct SSL negotiation the TLS handshake starts immediately on the
    // raw socket, skipping the SSLRequest packet and the server's 'S'/'N' reply.
    if (this.sslNegotiation === 'direct') {
      return this.stream.once('connect', function () {
        self.upgradeToSSL(host, reportStreamError)
      })
    }

    this.stream.once('data', function (buffer) {
      const responseCode = buffer.toString('utf8')
      switch (responseCode) {
        case 'S': // Server supports SSL connections, continue with a secure connection
          break
        case 'N': // Server does not support SSL connections
          self.stream.end()
          return self.emit('error', new Error('The server does not support SSL connections'))
        default:
          // Any other response byte, including 'E' (ErrorResponse) indicating a server error
          self.stream.end()
          return self.emit('error', new Error('There was an error establishing an SSL connection'))
      }
      self.upgradeToSSL(host, reportStreamError)
    })
  }

  upgradeToSSL(host, reportStreamError) {
    const self = this
    const options = {
      socket: self.stream,
      // tls.connect checks the server identity against `servername`, falling
      // back to `host` and then to 'localhost'. `servername` must stay unset
      // for IP addresses (see below), so `host` is needed to keep certificate
      // validation working when connecting to an IP address.
      host,
    }

    if (self.ssl !== true) {
      Object.assign(options, self.ssl)

      if ('key' in self.ssl) {
        options.key = self.ssl.key
      }
    }

    // Direct SSL negotiation requires ALPN so the server can confirm it is
    // speaking the PostgreSQL protocol over the TLS connection.
    if (self.sslNegotiation === 'direct') {
      options.ALPNProtocols = ['postgresql']
    }

    // SNI must not be set to an IP address (RFC 6066 section 3)
    const net = __nccwpck_require__(9278)
    if (net.isIP && net.isIP(host) === 0) {
      options.servername = host
    }
    try {
      self.stream = stream.getSecureStream(options)
    } catch (err) {
      return self.emit('error', err)
    }
    self.attachListeners(self.stream)
    self.stream.on('error', reportStreamError)

    self.emit('sslconnect')
  }

  attachListeners(stream) {
    parse(stream, (msg) => {
      const eventName = msg.name === 'error' ? 'errorMessage' : msg.name
      if (this._emitMessage) {
        this.emit('message', msg)
      }
      this.emit(eventName, msg)
    })
  }

  requestSsl() {
    this.stream.write(serialize.requestSsl())
  }

  startup(config) {
    this.stream.write(serialize.startup(config))
  }

  cancel(processID, secretKey) {
    this._send(serialize.cancel(processID, secretKey))
  }

  password(password) {
    this._send(serialize.password(password))
  }

  sendSASLInitialResponseMessage(mechanism, initialResponse) {
    this._send(serialize.sendSASLInitialResponseMessage(mechanism, initialResponse))
  }

  sendSCRAMClientFinalMessage(additionalData) {
    this._send(serialize.sendSCRAMClientFinalMessage(additionalData))
  }

  _send(buffer) {
    if (!this.stream.writable) {
      return false
    }
    return this.stream.write(buffer)
  }

  query(text) {
    this._send(serialize.query(text))
  }

  // send parse message
  parse(query) {
    this._send(serialize.parse(query))
  }

  // send bind message
  bind(config) {
    this._send(serialize.bind(config))
  }

  // send execute message
  execute(config) {
    this._send(serialize.execute(config))
  }

  flush() {
    if (this.stream.writable) {
      this.stream.write(flushBuffer)
    }
  }

  sync() {
    // Sync is the extended-query protocol barrier, not a disconnect.
    // Only end()/Terminate (and connect-timeout teardown) should set _ending.
    this._send(syncBuffer)
  }

  ref() {
    this.stream.ref()
  }

  unref() {
    this.stream.unref()
  }

  end() {
    // 0x58 = 'X'
    this._ending = true
    if (!this._connecting || !this.stream.writable) {
      this.stream.end()
      return
    }
    return this.stream.write(endBuffer, () => {
      this.stream.end()
    })
  }

  close(msg) {
    this._send(serialize.close(msg))
  }

  describe(msg) {
    this._send(serialize.describe(msg))
  }

  sendCopyFromChunk(chunk) {
    this._send(serialize.copyData(chunk))
  }

  endCopyFrom() {
    this._send(serialize.copyDone())
  }

  sendCopyFail(msg) {
    this._send(serialize.copyFail(msg))
  }
}

module.exports = Connection


/***/ }),

/***/ 9765:
/***/ ((module) => {

function x509Error(msg, cert) {
  return new Error('SASL channel binding: ' + msg + ' when parsing public certificate ' + cert.toString('base64'))
}

function readASN1Length(data, index) {
  let length = data[index++]
  if (length < 0x80) return { length, index }

  const lengthBytes = length & 0x7f
  if (lengthBytes > 4) throw x509Error('bad length', data)

  length = 0
  for (let i = 0; i < lengthBytes; i++) {
    length = (length << 8) | data[index++]
  }

  return { length, index }
}

function readASN1OID(data, index) {
  if (data[index++] !== 0x6) throw x509Error('non-OID data', data) // 6 = OID

  const { length: OIDLength, index: indexAfterOIDLength } = readASN1Length(data, index)
  index = indexAfterOIDLength
  const lastIndex = index + OIDLength

  const byte1 = data[index++]
  let oid = ((byte1 / 40) >> 0) + '.' + (byte1 % 40)

  while (index < lastIndex) {
    // loop over numbers in OID
    let value = 0
    while (index < lastIndex) {
      // loop over bytes in number
      const nextByte = data[index++]
      value = (value << 7) | (nextByte & 0x7f)
      if (nextByte < 0x80) break
    }
    oid += '.' + value
  }

  return { oid, index }
}

function expectASN1Seq(data, index) {
  if (data[index++] !== 0x30) throw x509Error('non-sequence data', data) // 30 = Sequence
  return readASN1Length(data, index)
}

function signatureAlgorithmHashFromCertificate(data, index) {
  // read this thread: https://www.postgresql.org/message-id/17760-b6c61e752ec07060%40postgresql.org
  if (index === undefined) index = 0
  index = expectASN1Seq(data, index).index
  const { length: certInfoLength, index: indexAfterCertInfoLength } = expectASN1Seq(data, index)
  index = indexAfterCertInfoLength + certInfoLength // skip over certificate info
  index = expectASN1Seq(data, index).index // skip over signature length field
  const { oid, index: indexAfterOID } = readASN1OID(data, index)
  switch (oid) {
    // RSA
    case '1.2.840.113549.1.1.4':
      return 'MD5'
    case '1.2.840.113549.1.1.5':
      return 'SHA-1'
    case '1.2.840.113549.1.1.11':
      return 'SHA-256'
    case '1.2.840.113549.1.1.12':
      return 'SHA-384'
    case '1.2.840.113549.1.1.13':
      return 'SHA-512'
    case '1.2.840.113549.1.1.14':
      return 'SHA-224'
    case '1.2.840.113549.1.1.15':
      return 'SHA512-224'
    case '1.2.840.113549.1.1.16':
      return 'SHA512-256'
    // ECDSA
    case '1.2.840.10045.4.1':
      return 'SHA-1'
    case '1.2.840.10045.4.3.1':
      return 'SHA-224'
    case '1.2.840.10045.4.3.2':
      return 'SHA-256'
    case '1.2.840.10045.4.3.3':
      return 'SHA-384'
    case '1.2.840.10045.4.3.4':
      return 'SHA-512'
    // RSASSA-PSS: hash is indicated separately
    case '1.2.840.113549.1.1.10': {
      index = indexAfterOID
      index = expectASN1Seq(data, index).index
      if (data[index++] !== 0xa0) throw x509Error('non-tag data', data) // a0 = constructed tag 0
      index = readASN1Length(data, index).index // skip over tag length field
      index = expectASN1Seq(data, index).index // skip over sequence length field
      const { oid: hashOID } = readASN1OID(data, index)
      switch (hashOID) {
        // standalone hash OIDs
        case '1.2.840.113549.2.5':
          return 'MD5'
        case '1.3.14.3.2.26':
          return 'SHA-1'
        case '2.16.840.1.101.3.4.2.1':
          return 'SHA-256'
        case '2.16.840.1.101.3.4.2.2':
          return 'SHA-384'
        case '2.16.840.1.101.3.4.2.3':
          return 'SHA-512'
      }
      throw x509Error('unknown hash OID ' + hashOID, data)
    }
    // Ed25519 -- see https://github.com/openssl/openssl/issues/15477
    case '1.3.101.110':
    case '1.3.101.112': // ph
      return 'SHA-512'
    // Ed448 -- still not in pg 17.2 (if supported, digest would be SHAKE256 x 64 bytes)
    case '1.3.101.111':
    case '1.3.101.113': // ph
      throw x509Error('Ed448 certificate channel binding is not currently supported by Postgres')
  }
  throw x509Error('unknown OID ' + oid, data)
}

module.exports = { signatureAlgorithmHashFromCertificate }


/***/ }),

/***/ 948:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const crypto = __nccwpck_require__(4150)
const { signatureAlgorithmHashFromCertificate } = __nccwpck_require__(9765)

// SASLprep (RFC 4013) — minimal in-tree implementation.
//
// Per RFC 5802 §2.2, the SCRAM-SHA-256 client must normalize the password via
// SASLprep before feeding it into PBKDF2. PostgreSQL's server applies the same
// SASLprep when computing the stored verifier, and libpq does the same client
// side, so passwords whose NFKC form differs from the raw form
// would otherwise authenticate against psql/libpq but fail against pg with `28P01`.
//
// We deliberately implement only the three steps that change the byte content:
//   1. RFC 3454 Table C.1.2 (non-ASCII space) → U+0020 SPACE.
//   2. RFC 3454 Table B.1 (commonly mapped to nothing) → empty.
//   3. NFKC normalization.
// We skip the prohibition (RFC 4013 §2.3) and bidi (RFC 3454 §6) checks.
// libpq is forgiving on those paths and Postgres's own SASLprep matches that
// leniency for legacy roles, so omitting the rejection logic keeps existing
// roles working without adding complexity.
function saslprep(password) {
  // RFC 3454 Table C.1.2 — non-ASCII space characters, mapped to U+0020.
  const nonAsciiSpace = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g
  // RFC 3454 Table B.1 — "commonly mapped to nothing". The set intentionally
  // contains zero-width joiners and variation selectors — the very characters
  // ESLint's no-misleading-character-class warns about — because they combine
  // with their neighbors and the RFC strips them for that reason.
  // eslint-disable-next-line no-misleading-character-class
  const mappedToNothing = /[\u00AD\u034F\u1806\u180B\u180C\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g
  return password.replace(nonAsciiSpace, ' ').replace(mappedToNothing, '').normalize('NFKC')
}

const DEFAULT_MAX_SCRAM_ITERATIONS = 100000

function startSession(mechanisms, stream, scramMaxIterations = DEFAULT_MAX_SCRAM_ITERATIONS) {
  const candidates = ['SCRAM-SHA-256']
  if (stream) candidates.unshift('SCRAM-SHA-256-PLUS') // higher-priority, so placed first

  const mechanism = candidates.find((candidate) => mechanisms.includes(candidate))

  if (!mechanism) {
    throw new Error('SASL: Only mechanism(s) ' + candidates.join(' and ') + ' are supported')
  }

  if (mechanism === 'SCRAM-SHA-256-PLUS' && typeof stream.getPeerCertificate !== 'function') {
    // this should never happen if we are really talking to a Postgres server
    throw new Error('SASL: Mechanism SCRAM-SHA-256-PLUS requires a certificate')
  }

  const clientNonce = crypto.randomBytes(18).toString('base64')
  const gs2Header = mechanism === 'SCRAM-SHA-256-PLUS' ? 'p=tls-server-end-point' : stream ? 'y' : 'n'

  return {
    mechanism,
    clientNonce,
    response: gs2Header + ',,n=*,r=' + clientNonce,
    message: 'SASLInitialResponse',
    scramMaxIterations,
  }
}

async function continueSession(session, password, serverData, stream) {
  if (session.message !== 'SASLInitialResponse') {
    throw new Error('SASL: Last message was not SASLInitialResponse')
  }
  if (typeof password !== 'string') {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string')
  }
  if (password === '') {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a non-empty string')
  }
  if (typeof serverData !== 'string') {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: serverData must be a string')
  }

  const sv = parseServerFirstMessage(serverData)

  if (!sv.nonce.startsWith(session.clientNonce)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: server nonce does not start with client nonce')
  } else if (sv.nonce.length === session.clientNonce.length) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: server nonce is too short')
  }

  const scramMaxIterations =
    typeof session.scramMaxIterations === 'number' ? session.scramMaxIterations : DEFAULT_MAX_SCRAM_ITERATIONS
  // a value of 0 disables the iteration count check
  if (scramMaxIterations !== 0 && sv.iteration > scramMaxIterations) {
    throw new Error(
      'SASL: SCRAM-SERVER-FIRST-MESSAGE: iteration count ' +
        sv.iteration +
        ' exceeds scramMaxIterations of ' +
        scramMaxIterations
    )
  }

  const clientFirstMessageBare = 'n=*,r=' + session.clientNonce
  const serverFirstMessage = 'r=' + sv.nonce + ',s=' + sv.salt + ',i=' + sv.iteration

  // without channel binding:
  let channelBinding = stream ? 'eSws' : 'biws' // 'y,,' or 'n,,', base64-encoded

  // override if channel binding is in use:
  if (session.mechanism === 'SCRAM-SHA-256-PLUS') {
    const peerCert = stream.getPeerCertificate().raw
    let hashName = signatureAlgorithmHashFromCertificate(peerCert)
    if (hashName === 'MD5' || hashName === 'SHA-1') hashName = 'SHA-256'
    const certHash = await crypto.hashByName(hashName, peerCert)
    const bindingData = Buffer.concat([Buffer.from('p=tls-server-end-point,,'), Buffer.from(certHash)])
    channelBinding = bindingData.toString('base64')
  }

  const clientFinalMessageWithoutProof = 'c=' + channelBinding + ',r=' + sv.nonce
  const authMessage = clientFirstMessageBare + ',' + serverFirstMessage + ',' + clientFinalMessageWithoutProof

  const saltBytes = Buffer.from(sv.salt, 'base64')
  const saltedPassword = await crypto.deriveKey(saslprep(password), saltBytes, sv.iteration)
  const clientKey = await crypto.hmacSha256(saltedPassword, 'Client Key')
  const storedKey = await crypto.sha256(clientKey)
  const clientSignature = await crypto.hmacSha256(storedKey, authMessage)
  const clientProof = xorBuffers(Buffer.from(clientKey), Buffer.from(clientSignature)).toString('base64')
  const serverKey = await crypto.hmacSha256(saltedPassword, 'Server Key')
  const serverSignatureBytes = await crypto.hmacSha256(serverKey, authMessage)

  session.message = 'SASLResponse'
  session.serverSignature = Buffer.from(serverSignatureBytes).toString('base64')
  session.response = clientFinalMessageWithoutProof + ',p=' + clientProof
}

function finalizeSession(session, serverData) {
  if (session.message !== 'SASLResponse') {
    throw new Error('SASL: Last message was not SASLResponse')
  }
  if (typeof serverData !== 'string') {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: serverData must be a string')
  }

  const { serverSignature } = parseServerFinalMessage(serverData)

  if (serverSignature !== session.serverSignature) {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: server signature does not match')
  }
}

/**
 * printable       = %x21-2B / %x2D-7E
 *                   ;; Printable ASCII except ",".
 *                   ;; Note that any "printable" is also
 *                   ;; a valid "value".
 */
function isPrintableChars(text) {
  if (typeof text !== 'string') {
    throw new TypeError('SASL: text must be a string')
  }
  return text
    .split('')
    .map((_, i) => text.charCodeAt(i))
    .every((c) => (c >= 0x21 && c <= 0x2b) || (c >= 0x2d && c <= 0x7e))
}

/**
 * base64-char     = ALPHA / DIGIT / "/" / "+"
 *
 * base64-4        = 4base64-char
 *
 * base64-3        = 3base64-char "="
 *
 * base64-2        = 2base64-char "=="
 *
 * base64          = *base64-4 [base64-3 / base64-2]
 */
function isBase64(text) {
  return /^(?:[a-zA-Z0-9+/]{4})*(?:[a-zA-Z0-9+/]{2}==|[a-zA-Z0-9+/]{3}=)?$/.test(text)
}

function parseAttributePairs(text) {
  if (typeof text !== 'string') {
    throw new TypeError('SASL: attribute pairs text must be a string')
  }

  return new Map(
    text.split(',').map((attrValue) => {
      if (!/^.=/.test(attrValue)) {
        throw new Error('SASL: Invalid attribute pair entry')
      }
      const name = attrValue[0]
      const value = attrValue.substring(2)
      return [name, value]
    })
  )
}

function parseServerFirstMessage(data) {
  const attrPairs = parseAttributePairs(data)

  const nonce = attrPairs.get('r')
  if (!nonce) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: nonce missing')
  } else if (!isPrintableChars(nonce)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: nonce must only contain printable characters')
  }
  const salt = attrPairs.get('s')
  if (!salt) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: salt missing')
  } else if (!isBase64(salt)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: salt must be base64')
  }
  const iterationText = attrPairs.get('i')
  if (!iterationText) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: iteration missing')
  } else if (!/^[1-9][0-9]*$/.test(iterationText)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: invalid iteration count')
  }
  const iteration = parseInt(iterationText, 10)

  return {
    nonce,
    salt,
    iteration,
  }
}

function parseServerFinalMessage(serverData) {
  const attrPairs = parseAttributePairs(serverData)
  const error = attrPairs.get('e')
  const serverSignature = attrPairs.get('v')

  if (error) {
    throw new Error(`SASL: SCRAM-SERVER-FINAL-MESSAGE: server returned error: "${error}"`)
  }

  if (!serverSignature) {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: server signature is missing')
  } else if (!isBase64(serverSignature)) {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: server signature must be base64')
  }
  return {
    serverSignature,
  }
}

function xorBuffers(a, b) {
  if (!Buffer.isBuffer(a)) {
    throw new TypeError('first argument must be a Buffer')
  }
  if (!Buffer.isBuffer(b)) {
    throw new TypeError('second argument must be a Buffer')
  }
  if (a.length !== b.length) {
    throw new Error('Buffer lengths must match')
  }
  if (a.length === 0) {
    throw new Error('Buffers cannot be empty')
  }
  return Buffer.from(a.map((_, i) => a[i] ^ b[i]))
}

module.exports = {
  startSession,
  continueSession,
  finalizeSession,
  DEFAULT_MAX_SCRAM_ITERATIONS,
}


/***/ }),

/***/ 4150:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const nodeCrypto = __nccwpck_require__(6982)

module.exports = {
  postgresMd5PasswordHash,
  randomBytes,
  deriveKey,
  sha256,
  hashByName,
  hmacSha256,
  md5,
}

/**
 * The Web Crypto API - grabbed from the Node.js library or the global
 * @type Crypto
 */
// eslint-disable-next-line no-undef
const webCrypto = nodeCrypto.webcrypto || globalThis.crypto
/**
 * The SubtleCrypto API for low level crypto operations.
 * @type SubtleCrypto
 */
const subtleCrypto = webCrypto.subtle
const textEncoder = new TextEncoder()

/**
 *
 * @param {*} length
 * @returns
 */
function randomBytes(length) {
  return webCrypto.getRandomValues(Buffer.alloc(length))
}

async function md5(string) {
  try {
    return nodeCrypto.createHash('md5').update(string, 'utf-8').digest('hex')
  } catch (e) {
    // `createHash()` failed so we are probably not in Node.js, use the WebCrypto API instead.
    // Note that the MD5 algorithm on WebCrypto is not available in Node.js.
    // This is why we cannot just use WebCrypto in all environments.
    const data = typeof string === 'string' ? textEncoder.encode(string) : string
    const hash = await subtleCrypto.digest('MD5', data)
    return Array.from(new Uint8Array(hash))
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
  }
}

// See AuthenticationMD5Password at https://www.postgresql.org/docs/current/static/protocol-flow.html
async function postgresMd5PasswordHash(user, password, salt) {
  const inner = await md5(password + user)
  const outer = await md5(Buffer.concat([Buffer.from(inner), salt]))
  return 'md5' + outer
}

/**
 * Create a SHA-256 digest of the given data
 * @param {Buffer} data
 */
async function sha256(text) {
  return await subtleCrypto.digest('SHA-256', text)
}

async function hashByName(hashName, text) {
  return await subtleCrypto.digest(hashName, text)
}

/**
 * Sign the message with the given key
 * @param {ArrayBuffer} keyBuffer
 * @param {string} msg
 */
async function hmacSha256(keyBuffer, msg) {
  const key = await subtleCrypto.importKey('raw', keyBuffer, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return await subtleCrypto.sign('HMAC', key, textEncoder.encode(msg))
}

/**
 * Derive a key from the password and salt
 * @param {string} password
 * @param {Uint8Array} salt
 * @param {number} iterations
 */
async function deriveKey(password, salt, iterations) {
  const key = await subtleCrypto.importKey('raw', textEncoder.encode(password), 'PBKDF2', false, ['deriveBits'])
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: iterations }
  return await subtleCrypto.deriveBits(params, key, 32 * 8, ['deriveBits'])
}


/***/ }),

/***/ 8995:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



let user
try {
  user = process.platform === 'win32' ? process.env.USERNAME : process.env.USER
} catch {
  // ignore, e.g., Deno without --allow-env
}

module.exports = {
  // database host. defaults to localhost
  host: 'localhost',

  // database user's name
  user,

  // name of database to connect
  database: undefined,

  // database user's password
  password: null,

  // a Postgres connection string to be used instead of setting individual connection items
  // NOTE:  Setting this value will cause it to override any other value (such as database or user) defined
  // in the defaults object.
  connectionString: undefined,

  // database port
  port: 5432,

  // number of rows to return at a time from a prepared statement's
  // portal. 0 will return all rows at once
  rows: 0,

  // binary result mode
  binary: false,

  // Connection pool options - see https://github.com/brianc/node-pg-pool

  // number of connections to use in connection pool
  // 0 will disable connection pooling
  max: 10,

  // max milliseconds a client can go unused before it is removed
  // from the pool and destroyed
  idleTimeoutMillis: 30000,

  client_encoding: '',

  ssl: false,

  // SSL negotiation style: 'postgres' (traditional SSLRequest) or 'direct'
  sslnegotiation: undefined,

  application_name: undefined,

  fallback_application_name: undefined,

  options: undefined,

  parseInputDatesAsUTC: false,

  // max milliseconds any query using this connection will execute for before timing out in error.
  // false=unlimited
  statement_timeout: false,

  // Abort any statement that waits longer than the specified duration in milliseconds while attempting to acquire a lock.
  // false=unlimited
  lock_timeout: false,

  // Terminate any session with an open transaction that has been idle for longer than the specified duration in milliseconds
  // false=unlimited
  idle_in_transaction_session_timeout: false,

  // max milliseconds to wait for query to complete (client side)
  query_timeout: false,

  connect_timeout: 0,

  keepalives: 1,

  keepalives_idle: 0,
}

const pgTypes = __nccwpck_require__(1549)
// save default parsers
const parseBigInteger = pgTypes.getTypeParser(20, 'text')
const parseBigIntegerArray = pgTypes.getTypeParser(1016, 'text')

// parse int8 so you can get your count values as actual numbers
module.exports.__defineSetter__('parseInt8', function (val) {
  pgTypes.setTypeParser(20, 'text', val ? pgTypes.getTypeParser(23, 'text') : parseBigInteger)
  pgTypes.setTypeParser(1016, 'text', val ? pgTypes.getTypeParser(1007, 'text') : parseBigIntegerArray)
})


/***/ }),

/***/ 3273:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Client = __nccwpck_require__(5042)
const defaults = __nccwpck_require__(8995)
const Connection = __nccwpck_require__(9809)
const Result = __nccwpck_require__(6424)
const utils = __nccwpck_require__(9652)
const Pool = __nccwpck_require__(7558)
const TypeOverrides = __nccwpck_require__(365)
const { DatabaseError } = __nccwpck_require__(4233)
const { escapeIdentifier, escapeLiteral } = __nccwpck_require__(9652)

const poolFactory = (Client) => {
  return class BoundPool extends Pool {
    constructor(options) {
      super(options, Client)
    }
  }
}

const PG = function (clientConstructor) {
  this.defaults = defaults
  this.Client = clientConstructor
  this.Query = this.Client.Query
  this.Pool = poolFactory(this.Client)
  this._pools = []
  this.Connection = Connection
  this.types = __nccwpck_require__(1549)
  this.DatabaseError = DatabaseError
  this.TypeOverrides = TypeOverrides
  this.escapeIdentifier = escapeIdentifier
  this.escapeLiteral = escapeLiteral
  this.Result = Result
  this.utils = utils
}

let clientConstructor = Client

let forceNative = false
try {
  forceNative = !!process.env.NODE_PG_FORCE_NATIVE
} catch {
  // ignore, e.g., Deno without --allow-env
}

if (forceNative) {
  clientConstructor = __nccwpck_require__(5301)
}

module.exports = new PG(clientConstructor)

// lazy require native module...the native module may not have installed
Object.defineProperty(module.exports, "native", ({
  configurable: true,
  enumerable: false,
  get() {
    let native = null
    try {
      native = new PG(__nccwpck_require__(5301))
    } catch (err) {
      if (err.code !== 'MODULE_NOT_FOUND') {
        throw err
      }
    }

    // overwrite module.exports.native so that getter is never called again
    Object.defineProperty(module.exports, "native", ({
      value: native,
    }))

    return native
  },
}))


/***/ }),

/***/ 8942:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const nodeUtils = __nccwpck_require__(9023)
// eslint-disable-next-line
var Native
// eslint-disable-next-line no-useless-catch
try {
  // Wrap this `require()` in a try-catch to avoid upstream bundlers from complaining that this might not be available since it is an optional import
  Native = __nccwpck_require__(4390)
} catch (e) {
  throw e
}
const TypeOverrides = __nccwpck_require__(365)
const EventEmitter = (__nccwpck_require__(4434).EventEmitter)
const util = __nccwpck_require__(9023)
const ConnectionParameters = __nccwpck_require__(646)

const NativeQuery = __nccwpck_require__(7581)

const queryQueueLengthDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Calling client.query() when the client is already executing a query is deprecated and will be removed in pg@9.0. Use async/await or an external async flow control mechanism instead.'
)

const Client = (module.exports = function (config) {
  EventEmitter.call(this)
  config = config || {}

  this._Promise = config.Promise || global.Promise
  this._types = new TypeOverrides(config.types)

  this.native = new Native({
    types: this._types,
  })

  this._queryQueue = []
  this._ending = false
  this._connecting = false
  this._connected = false
  this._queryable = true
  this.pipeline = Boolean(config.pipeline)
  this._pipelineInFlight = false

  // keep these on the object for legacy reasons
  // for the time being. TODO: deprecate all this jazz
  const cp = (this.connectionParameters = new ConnectionParameters(config))
  if (config.nativeConnectionString) cp.nativeConnectionString = config.nativeConnectionString
  this.user = cp.user

  // "hiding" the password so it doesn't show up in stack traces
  // or if the client is console.logged
  Object.defineProperty(this, 'password', {
    configurable: true,
    enumerable: false,
    writable: true,
    value: cp.password,
  })
  this.database = cp.database
  this.host = cp.host
  this.port = cp.port

  // a hash to hold named queries
  this.namedQueries = {}
})

Client.Query = NativeQuery

util.inherits(Client, EventEmitter)

Client.prototype._errorAllQueries = function (err) {
  const enqueueError = (query) => {
    process.nextTick(() => {
      query.native = this.native
      query.handleError(err)
    })
  }

  if (this._hasActiveQuery()) {
    enqueueError(this._activeQuery)
    this._activeQuery = null
  }

  this._queryQueue.forEach(enqueueError)
  this._queryQueue.length = 0
}

// connect to the backend
// pass an optional callback to be called once connected
// or with an error if there was a connection error
Client.prototype._connect = function (cb) {
  const self = this

  if (this._connecting) {
    process.nextTick(() => cb(new Error('Client has already been connected. You cannot reuse a client.')))
    return
  }

  this._connecting = true

  this.connectionParameters.getLibpqConnectionString(function (err, conString) {
    if (self.connectionParameters.nativeConnectionString) conString = self.connectionParameters.nativeConnectionString
    if (err) return cb(err)
    self.native.connect(conString, function (err) {
      if (err) {
        self.native.end()
        return cb(err)
      }

      // set internal states to connected
      self._connected = true

      // handle connection errors from the native layer
      self.native.on('error', function (err) {
        self._queryable = false
        self._errorAllQueries(err)
        self.emit('error', err)
      })

      self.native.on('notification', function (msg) {
        self.emit('notification', {
          channel: msg.relname,
          payload: msg.extra,
        })
      })

      // signal we are connected now
      self.emit('connect')
      self._pulseQueryQueue(true)

      cb(null, this)
    })
  })
}

Client.prototype.connect = function (callback) {
  if (callback) {
    this._connect(callback)
    return
  }

  return new this._Promise((resolve, reject) => {
    this._connect((error) => {
      if (error) {
        reject(error)
      } else {
        resolve(this)
      }
    })
  })
}

// send a query to the server
// this method is highly overloaded to take
// 1) string query, optional array of parameters, optional function callback
// 2) object query with {
//    string query
//    optional array values,
//    optional function callback instead of as a separate parameter
//    optional string name to name & cache the query plan
//    optional string rowMode = 'array' for an array of results
//  }
Client.prototype.query = function (config, values, callback) {
  let query
  let result
  let readTimeout
  let readTimeoutTimer
  let queryCallback

  if (config === null || config === undefined) {
    throw new TypeError('Client was passed a null or undefined query')
  } else if (typeof config.submit === 'function') {
    readTimeout = config.query_timeout || this.connectionParameters.query_timeout
    result = query = config
    // accept query(new Query(...), (err, res) => { }) style
    if (typeof values === 'function') {
      config.callback = values
    }
  } else {
    readTimeout = config.query_timeout || this.connectionParameters.query_timeout
    query = new NativeQuery(config, values, callback)
    if (!query.callback) {
      let resolveOut, rejectOut
      result = new this._Promise((resolve, reject) => {
        resolveOut = resolve
        rejectOut = reject
      }).catch((err) => {
        Error.captureStackTrace(err)
        throw err
      })
      query.callback = (err, res) => (err ? rejectOut(err) : resolveOut(res))
    }
  }

  if (readTimeout) {
    queryCallback = query.callback || (() => {})

    readTimeoutTimer = setTimeout(() => {
      const error = new Error('Query read timeout')

      process.nextTick(() => {
        query.handleError(error, this.connection)
      })

      queryCallback(error)

      // we already returned an error,
      // just do nothing if query completes
      query.callback = () => {}

      // Remove from queue
      const index = this._queryQueue.indexOf(query)
      if (index > -1) {
        this._queryQueue.splice(index, 1)
      }

      this._pulseQueryQueue()
    }, readTimeout)

    query.callback = (err, res) => {
      clearTimeout(readTimeoutTimer)
      queryCallback(err, res)
    }
  }

  if (!this._queryable) {
    query.native = this.native
    process.nextTick(() => {
      query.handleError(new Error('Client has encountered a connection error and is not queryable'))
    })
    return result
  }

  if (this._ending) {
    query.native = this.native
    process.nextTick(() => {
      query.handleError(new Error('Client was closed and is not queryable'))
    })
    return result
  }

  if (this._queryQueue.length > 0 && !this.pipeline) {
    queryQueueLengthDeprecationNotice()
  }

  this._queryQueue.push(query)
  this._pulseQueryQueue()
  return result
}

// disconnect from the backend server
Client.prototype.end = function (cb) {
  const self = this

  this._ending = true

  if (this._connecting && !this._connected) {
    this.once('connect', () => {
      this.end(() => {})
    })
  }
  let result
  if (!cb) {
    result = new this._Promise(function (resolve, reject) {
      cb = (err) => (err ? reject(err) : resolve())
    })
  }

  const doEnd = function () {
    self.native.end(function () {
      self._connected = false

      self._errorAllQueries(new Error('Connection terminated'))

      process.nextTick(() => {
        self.emit('end')
        if (cb) cb()
      })
    })
  }

  // If pipeline has in-flight or queued queries, wait for them to drain before closing
  if (this.pipeline && (this._pipelineInFlight || this._queryQueue.length > 0)) {
    this.once('drain', doEnd)
  } else {
    doEnd()
  }
  return result
}

Client.prototype._hasActiveQuery = function () {
  return this._activeQuery && this._activeQuery.state !== 'error' && this._activeQuery.state !== 'end'
}

Client.prototype._pulseQueryQueue = function (initialConnection) {
  if (!this._connected) {
    return
  }
  if (this.pipeline && !initialConnection) {
    return this._pulsePipelinedQueryQueue()
  }
  if (this._hasActiveQuery()) {
    return
  }
  const query = this._queryQueue.shift()
  if (!query) {
    if (!initialConnection) {
      this.emit('drain')
    }
    return
  }
  this._activeQuery = query
  query.submit(this)
  const self = this
  query.once('_done', function () {
    self._pulseQueryQueue()
  })
}

Client.prototype._pulsePipelinedQueryQueue = function () {
  if (!this._connected || this._pipelineInFlight) {
    return
  }
  if (this._queryQueue.length === 0) {
    if (this.hasExecuted) {
      this.emit('drain')
    }
    return
  }

  this._pipelineInFlight = true
  const self = this
  const queries = []
  const nativeQueries = []
  const utils = __nccwpck_require__(9652)

  while (this._queryQueue.length > 0) {
    const query = this._queryQueue.shift()
    this.hasExecuted = true
    nativeQueries.push(query)

    const values = query.values ? query.values.map(utils.prepareValue) : null
    const pipelineEntry = { text: query.text, name: query.name, arrayMode: query._arrayMode }
    if (values) {
      pipelineEntry.values = values
    }
    if (query.name && this.namedQueries[query.name]) {
      pipelineEntry._alreadyPrepared = true
    }
    queries.push(pipelineEntry)
  }

  this.native.pipeline(queries, function (err, results) {
    self._pipelineInFlight = false

    if (err) {
      // Total pipeline failure. Per-query errors arrive on results[i].err, so reaching here means
      // the connection itself is gone: mark it unusable and say so, the way the JS client and the
      // non-pipelined native path both do. Without this the client looks healthy after losing its
      // backend, a Pool never discards it, and everything routed to it fails one query at a time
      // for the life of the process.
      self._connected = false
      self._queryable = false
      for (let i = 0; i < nativeQueries.length; i++) {
        const q = nativeQueries[i]
        q.native = self.native
        q.handleError(err)
      }
      self._errorAllQueries(err)
      self.emit('error', err)
      self.emit('end')
      return
    }

    // Deliver results to each query
    for (let i = 0; i < nativeQueries.length; i++) {
      const q = nativeQueries[i]
      const r = results[i]
      q.native = self.native

      if (r.err) {
        q.handleError(r.err)
      } else {
        // Track named queries on success
        if (q.name) {
          self.namedQueries[q.name] = q.text
        }
        q.state = 'end'
        q.emit('end', r.result)
        if (q.callback) {
          q.callback(null, r.result)
        }
      }

      setImmediate(function () {
        q.emit('_done')
      })
    }

    // Process any queries that arrived while we were reading
    self._pulsePipelinedQueryQueue()
  })
}

// attempt to cancel an in-progress query
Client.prototype.cancel = function (query) {
  if (this._activeQuery === query) {
    this.native.cancel(function () {})
  } else if (this._queryQueue.indexOf(query) !== -1) {
    this._queryQueue.splice(this._queryQueue.indexOf(query), 1)
  }
}

Client.prototype.ref = function () {}
Client.prototype.unref = function () {}

Client.prototype.setTypeParser = function (oid, format, parseFn) {
  return this._types.setTypeParser(oid, format, parseFn)
}

Client.prototype.getTypeParser = function (oid, format) {
  return this._types.getTypeParser(oid, format)
}

Client.prototype.isConnected = function () {
  return this._connected
}

Client.prototype.getTransactionStatus = function () {
  return this.native.getTransactionStatus()
}


/***/ }),

/***/ 5301:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


module.exports = __nccwpck_require__(8942)


/***/ }),

/***/ 7581:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const EventEmitter = (__nccwpck_require__(4434).EventEmitter)
const util = __nccwpck_require__(9023)
const utils = __nccwpck_require__(9652)

const NativeQuery = (module.exports = function (config, values, callback) {
  EventEmitter.call(this)
  config = utils.normalizeQueryConfig(config, values, callback)
  this.text = config.text
  this.values = config.values
  this.name = config.name
  this.queryMode = config.queryMode
  this.callback = config.callback
  this.state = 'new'
  this._arrayMode = config.rowMode === 'array'

  // if the 'row' event is listened for
  // then emit them as they come in
  // without setting singleRowMode to true
  // this has almost no meaning because libpq
  // reads all rows into memory before returning any
  this._emitRowEvents = false
  this.on(
    'newListener',
    function (event) {
      if (event === 'row') this._emitRowEvents = true
    }.bind(this)
  )
})

util.inherits(NativeQuery, EventEmitter)

const errorFieldMap = {
  sqlState: 'code',
  statementPosition: 'position',
  messagePrimary: 'message',
  messageDetail: 'detail',
  messageHint: 'hint',
  context: 'where',
  schemaName: 'schema',
  tableName: 'table',
  columnName: 'column',
  dataTypeName: 'dataType',
  constraintName: 'constraint',
  sourceFile: 'file',
  sourceLine: 'line',
  sourceFunction: 'routine',
}

NativeQuery.prototype.handleError = function (err) {
  // copy pq error fields into the error object
  const fields = this.native && this.native.pq.resultErrorFields()
  if (fields) {
    for (const key in fields) {
      const normalizedFieldName = errorFieldMap[key] || key
      err[normalizedFieldName] = fields[key]
    }
  }
  if (this.callback) {
    this.callback(err)
  } else {
    this.emit('error', err)
  }
  this.state = 'error'
}

NativeQuery.prototype.then = function (onSuccess, onFailure) {
  return this._getPromise().then(onSuccess, onFailure)
}

NativeQuery.prototype.catch = function (callback) {
  return this._getPromise().catch(callback)
}

NativeQuery.prototype._getPromise = function () {
  if (this._promise) return this._promise
  this._promise = new Promise(
    function (resolve, reject) {
      this._once('end', resolve)
      this._once('error', reject)
    }.bind(this)
  )
  return this._promise
}

NativeQuery.prototype.submit = function (client) {
  this.state = 'running'
  const self = this
  this.native = client.native
  client.native.arrayMode = this._arrayMode

  let after = function (err, rows, results) {
    client.native.arrayMode = false
    setImmediate(function () {
      self.emit('_done')
    })

    // handle possible query error
    if (err) {
      return self.handleError(err)
    }

    // emit row events for each row in the result
    if (self._emitRowEvents) {
      if (results.length > 1) {
        rows.forEach((rowOfRows, i) => {
          rowOfRows.forEach((row) => {
            self.emit('row', row, results[i])
          })
        })
      } else {
        rows.forEach(function (row) {
          self.emit('row', row, results)
        })
      }
    }

    // handle successful result
    self.state = 'end'
    self.emit('end', results)
    if (self.callback) {
      self.callback(null, results)
    }
  }

  if (process.domain) {
    after = process.domain.bind(after)
  }

  // named query
  if (this.name) {
    if (this.name.length > 63) {
      console.error('Warning! Postgres only supports 63 characters for query names.')
      console.error('You supplied %s (%s)', this.name, this.name.length)
      console.error('This can cause conflicts and silent errors executing queries')
    }
    const values = (this.values || []).map(utils.prepareValue)

    // check if the client has already executed this named query
    // if so...just execute it again - skip the planning phase
    if (client.namedQueries[this.name] !== undefined) {
      if (this.text && client.namedQueries[this.name] !== this.text) {
        const err = new Error(`Prepared statements must be unique - '${this.name}' was used for a different statement`)
        return after(err)
      }
      return client.native.execute(this.name, values, after)
    }
    // plan the named query the first time, then execute it
    return client.native.prepare(this.name, this.text, values.length, function (err) {
      if (err) return after(err)
      client.namedQueries[self.name] = self.text
      return self.native.execute(self.name, values, after)
    })
  } else if (this.values) {
    if (!Array.isArray(this.values)) {
      const err = new Error('Query values must be an array')
      return after(err)
    }
    const vals = this.values.map(utils.prepareValue)
    client.native.query(this.text, vals, after)
  } else if (this.queryMode === 'extended') {
    client.native.query(this.text, [], after)
  } else {
    client.native.query(this.text, after)
  }
}


/***/ }),

/***/ 4473:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { EventEmitter } = __nccwpck_require__(4434)

const Result = __nccwpck_require__(6424)
const utils = __nccwpck_require__(9652)

class Query extends EventEmitter {
  constructor(config, values, callback) {
    super()

    config = utils.normalizeQueryConfig(config, values, callback)

    this.text = config.text
    this.values = config.values
    this.rows = config.rows
    this.types = config.types
    this.name = config.name
    this.queryMode = config.queryMode
    this.binary = config.binary
    // use unique portal name each time
    this.portal = config.portal || ''
    this.callback = config.callback
    this._rowMode = config.rowMode
    if (process.domain && config.callback) {
      this.callback = process.domain.bind(config.callback)
    }
    this._result = new Result(this._rowMode, this.types)

    // potential for multiple results
    this._results = this._result
    this._canceledDueToError = false
  }

  requiresPreparation() {
    if (this.queryMode === 'extended') {
      return true
    }

    // named queries must always be prepared
    if (this.name) {
      return true
    }
    // always prepare if there are max number of rows expected per
    // portal execution
    if (this.rows) {
      return true
    }
    // don't prepare empty text queries
    if (!this.text) {
      return false
    }
    // prepare if there are values
    if (!this.values) {
      return false
    }
    return this.values.length > 0
  }

  _checkForMultirow() {
    // if we already have a result with a command property
    // then we've already executed one query in a multi-statement simple query
    // turn our results into an array of results
    if (this._result.command) {
      if (!Array.isArray(this._results)) {
        this._results = [this._result]
      }
      this._result = new Result(this._rowMode, this._result._types)
      this._results.push(this._result)
    }
  }

  // associates row metadata from the supplied
  // message with this query object
  // metadata used when parsing row results
  handleRowDescription(msg) {
    this._checkForMultirow()
    this._result.addFields(msg.fields)
    this._accumulateRows = this.callback || !this.listeners('row').length
  }

  handleDataRow(msg) {
    let row

    if (this._canceledDueToError) {
      return
    }

    try {
      row = this._result.parseRow(msg.fields)
    } catch (err) {
      this._canceledDueToError = err
      return
    }

    this.emit('row', row, this._result)
    if (this._accumulateRows) {
      this._result.addRow(row)
    }
  }

  handleCommandComplete(msg, connection) {
    this._checkForMultirow()
    this._result.addCommandComplete(msg)
    // need to sync after each command complete of a prepared statement
    // if we were using a row count which results in multiple calls to _getRows
    if (this.rows) {
      connection.sync()
    }
  }

  // if a named prepared statement is created with empty query text
  // the backend will send an emptyQuery message but *not* a command complete message
  // since we pipeline sync immediately after execute we don't need to do anything here
  // unless we have rows specified, in which case we did not pipeline the initial sync call
  handleEmptyQuery(connection) {
    if (this.rows) {
      connection.sync()
    }
  }

  handleError(err, connection) {
    // need to sync after error during a prepared statement
    if (this._canceledDueToError) {
      err = this._canceledDueToError
      this._canceledDueToError = false
    }
    // if callback supplied do not emit error event as uncaught error
    // events will bubble up to node process
    if (this.callback) {
      return this.callback(err)
    }
    this.emit('error', err)
  }

  handleReadyForQuery(con) {
    if (this._canceledDueToError) {
      return this.handleError(this._canceledDueToError, con)
    }
    if (this.callback) {
      try {
        this.callback(null, this._results)
      } catch (err) {
        process.nextTick(() => {
          throw err
        })
      }
    }
    this.emit('end', this._results)
  }

  submit(connection) {
    if (typeof this.text !== 'string' && typeof this.name !== 'string') {
      return new Error('A query must have either text or a name. Supplying neither is unsupported.')
    }
    const previous = connection.parsedStatements[this.name] || connection.submittedNamedStatements[this.name]
    if (this.text && previous && this.text !== previous) {
      return new Error(`Prepared statements must be unique - '${this.name}' was used for a different statement`)
    }
    if (this.values && !Array.isArray(this.values)) {
      return new Error('Query values must be an array')
    }
    if (this.requiresPreparation()) {
      // If we're using the extended query protocol we fire off several separate commands
      // to the backend. On some versions of node & some operating system versions
      // the network stack writes each message separately instead of buffering them together
      // causing the client & network to send more slowly. Corking & uncorking the stream
      // allows node to buffer up the messages internally before sending them all off at once.
      // note: we're checking for existence of cork/uncork because some versions of streams
      // might not have this (cloudflare?)
      connection.stream.cork && connection.stream.cork()
      try {
        this.prepare(connection)
      } finally {
        // while unlikely for this.prepare to throw, if it does & we don't uncork this stream
        // this client becomes unresponsive, so put in finally block "just in case"
        connection.stream.uncork && connection.stream.uncork()
      }
    } else {
      connection.query(this.text)
    }
    return null
  }

  hasBeenParsed(connection) {
    return (
      this.name &&
      (connection.parsedStatements[this.name] !== undefined ||
        connection.submittedNamedStatements[this.name] !== undefined)
    )
  }

  handlePortalSuspended(connection) {
    this._getRows(connection, this.rows)
  }

  _getRows(connection, rows) {
    connection.execute({
      portal: this.portal,
      rows: rows,
    })
    // if we're not reading pages of rows send the sync command
    // to indicate the pipeline is finished
    if (!rows) {
      connection.sync()
    } else {
      // otherwise flush the call out to read more rows
      connection.flush()
    }
  }

  // http://developer.postgresql.org/pgdocs/postgres/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY
  prepare(connection) {
    // TODO refactor this poor encapsulation
    if (!this.hasBeenParsed(connection)) {
      connection.parse({
        text: this.text,
        name: this.name,
        types: this.types,
      })
      if (this.name) {
        connection.submittedNamedStatements[this.name] = this.text
      }
    }

    // because we're mapping user supplied values to
    // postgres wire protocol compatible values it could
    // throw an exception, so try/catch this section
    try {
      connection.bind({
        portal: this.portal,
        statement: this.name,
        values: this.values,
        binary: this.binary,
        valueMapper: utils.prepareValue,
      })
    } catch (err) {
      // we should close parse to avoid leaking connections
      connection.close({ type: 'S', name: this.name })
      connection.sync()

      this.handleError(err, connection)
      return
    }

    connection.describe({
      type: 'P',
      name: this.portal || '',
    })

    this._getRows(connection, this.rows)
  }

  handleCopyInResponse(connection) {
    connection.sendCopyFail('No source stream defined')
  }

  handleCopyData(msg, connection) {
    // noop
  }
}

module.exports = Query


/***/ }),

/***/ 6424:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const types = __nccwpck_require__(1549)

const matchRegexp = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/

// result object returned from query
// in the 'end' event and also
// passed as second argument to provided callback
class Result {
  constructor(rowMode, types) {
    this.command = null
    this.rowCount = null
    this.oid = null
    this.rows = []
    this.fields = []
    this._parsers = undefined
    this._types = types
    this.RowCtor = null
    this.rowAsArray = rowMode === 'array'
    if (this.rowAsArray) {
      this.parseRow = this._parseRowAsArray
    }
    this._prebuiltEmptyResultObject = null
  }

  // adds a command complete message
  addCommandComplete(msg) {
    let match
    if (msg.text) {
      // pure javascript
      match = matchRegexp.exec(msg.text)
    } else {
      // native bindings
      match = matchRegexp.exec(msg.command)
    }
    if (match) {
      this.command = match[1]
      if (match[3]) {
        // COMMAND OID ROWS
        this.oid = parseInt(match[2], 10)
        this.rowCount = parseInt(match[3], 10)
      } else if (match[2]) {
        // COMMAND ROWS
        this.rowCount = parseInt(match[2], 10)
      }
    }
  }

  _parseRowAsArray(rowData) {
    const row = new Array(rowData.length)
    for (let i = 0, len = rowData.length; i < len; i++) {
      const rawValue = rowData[i]
      if (rawValue !== null) {
        row[i] = this._parsers[i](rawValue)
      } else {
        row[i] = null
      }
    }
    return row
  }

  parseRow(rowData) {
    const row = { ...this._prebuiltEmptyResultObject }
    for (let i = 0, len = rowData.length; i < len; i++) {
      const rawValue = rowData[i]
      const field = this.fields[i].name
      if (rawValue !== null) {
        const v = this.fields[i].format === 'binary' ? Buffer.from(rawValue) : rawValue
        row[field] = this._parsers[i](v)
      } else {
        row[field] = null
      }
    }
    return row
  }

  addRow(row) {
    this.rows.push(row)
  }

  addFields(fieldDescriptions) {
    // clears field definitions
    // multiple query statements in 1 action can result in multiple sets
    // of rowDescriptions...eg: 'select NOW(); select 1::int;'
    // you need to reset the fields
    this.fields = fieldDescriptions
    if (this.fields.length) {
      this._parsers = new Array(fieldDescriptions.length)
    }

    const row = Object.create(null)

    for (let i = 0; i < fieldDescriptions.length; i++) {
      const desc = fieldDescriptions[i]
      row[desc.name] = null

      if (this._types) {
        this._parsers[i] = this._types.getTypeParser(desc.dataTypeID, desc.format || 'text')
      } else {
        this._parsers[i] = types.getTypeParser(desc.dataTypeID, desc.format || 'text')
      }
    }

    this._prebuiltEmptyResultObject = { ...row }
  }
}

module.exports = Result


/***/ }),

/***/ 829:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { getStream, getSecureStream } = getStreamFuncs()

module.exports = {
  /**
   * Get a socket stream compatible with the current runtime environment.
   * @returns {Duplex}
   */
  getStream,
  /**
   * Get a TLS secured socket, compatible with the current environment,
   * using the socket and other settings given in `options`.
   * @returns {Duplex}
   */
  getSecureStream,
}

/**
 * The stream functions that work in Node.js
 */
function getNodejsStreamFuncs() {
  function getStream(ssl) {
    const net = __nccwpck_require__(9278)
    return new net.Socket()
  }

  function getSecureStream(options) {
    const tls = __nccwpck_require__(4756)
    return tls.connect(options)
  }
  return {
    getStream,
    getSecureStream,
  }
}

/**
 * The stream functions that work in Cloudflare Workers
 */
function getCloudflareStreamFuncs() {
  function getStream(ssl) {
    const { CloudflareSocket } = __nccwpck_require__(785)
    return new CloudflareSocket(ssl)
  }

  function getSecureStream(options) {
    options.socket.startTls(options)
    return options.socket
  }
  return {
    getStream,
    getSecureStream,
  }
}

/**
 * Are we running in a Cloudflare Worker?
 *
 * @returns true if the code is currently running inside a Cloudflare Worker.
 */
function isCloudflareRuntime() {
  // Since 2022-03-21 the `global_navigator` compatibility flag is on for Cloudflare Workers
  // which means that `navigator.userAgent` will be defined.
  // eslint-disable-next-line no-undef
  if (typeof navigator === 'object' && navigator !== null && typeof navigator.userAgent === 'string') {
    // eslint-disable-next-line no-undef
    return navigator.userAgent === 'Cloudflare-Workers'
  }
  // In case `navigator` or `navigator.userAgent` is not defined then try a more sneaky approach
  if (typeof Response === 'function') {
    const resp = new Response(null, { cf: { thing: true } })
    if (typeof resp.cf === 'object' && resp.cf !== null && resp.cf.thing) {
      return true
    }
  }
  return false
}

function getStreamFuncs() {
  if (isCloudflareRuntime()) {
    return getCloudflareStreamFuncs()
  }
  return getNodejsStreamFuncs()
}


/***/ }),

/***/ 365:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const types = __nccwpck_require__(1549)

function TypeOverrides(userTypes) {
  this._types = userTypes || types
  this.text = {}
  this.binary = {}
}

TypeOverrides.prototype.getOverrides = function (format) {
  switch (format) {
    case 'text':
      return this.text
    case 'binary':
      return this.binary
    default:
      return {}
  }
}

TypeOverrides.prototype.setTypeParser = function (oid, format, parseFn) {
  if (typeof format === 'function') {
    parseFn = format
    format = 'text'
  }
  this.getOverrides(format)[oid] = parseFn
}

TypeOverrides.prototype.getTypeParser = function (oid, format) {
  format = format || 'text'
  return this.getOverrides(format)[oid] || this._types.getTypeParser(oid, format)
}

module.exports = TypeOverrides


/***/ }),

/***/ 9652:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const defaults = __nccwpck_require__(8995)
const nodeUtils = __nccwpck_require__(9023)

const { isDate } = __nccwpck_require__(8253)

const invalidDateDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Sending an invalid date to Postgres is deprecated and will throw an error in the next major version of pg. Ensure any Date object passed as a query parameter is valid.',
  'PG_INVALID_DATE'
)

function escapeElement(elementRepresentation) {
  const escaped = elementRepresentation.replace(/\\/g, '\\\\').replace(/"/g, '\\"')

  return '"' + escaped + '"'
}

// convert a JS array to a postgres array literal
// uses comma separator so won't work for types like box that use
// a different array separator.
function arrayString(val) {
  let result = '{'
  for (let i = 0; i < val.length; i++) {
    if (i > 0) {
      result += ','
    }
    let item = val[i]
    if (item == null) {
      result += 'NULL'
    } else if (Array.isArray(item)) {
      result += arrayString(item)
    } else if (ArrayBuffer.isView(item)) {
      if (!(item instanceof Buffer)) {
        item = Buffer.from(item.buffer, item.byteOffset, item.byteLength)
      }
      result += '\\\\x' + item.toString('hex')
    } else {
      result += escapeElement(prepareValue(item))
    }
  }
  result += '}'
  return result
}

// converts values from javascript types
// to their 'raw' counterparts for use as a postgres parameter
// note: you can override this function to provide your own conversion mechanism
// for complex types, etc...
const prepareValue = function (val, seen) {
  // null and undefined are both null for postgres
  if (val == null) {
    return null
  }
  if (typeof val === 'object') {
    if (val instanceof Buffer) {
      return val
    }
    if (ArrayBuffer.isView(val)) {
      return Buffer.from(val.buffer, val.byteOffset, val.byteLength)
    }
    if (isDate(val)) {
      if (isNaN(val.getTime())) {
        invalidDateDeprecationNotice()
      }
      if (defaults.parseInputDatesAsUTC) {
        return dateToStringUTC(val)
      } else {
        return dateToString(val)
      }
    }
    if (Array.isArray(val)) {
      return arrayString(val)
    }

    return prepareObject(val, seen)
  }
  return val.toString()
}

function prepareObject(val, seen) {
  if (val && typeof val.toPostgres === 'function') {
    seen = seen || []
    if (seen.indexOf(val) !== -1) {
      throw new Error('circular reference detected while preparing "' + val + '" for query')
    }
    seen.push(val)

    return prepareValue(val.toPostgres(prepareValue), seen)
  }
  return JSON.stringify(val)
}

function dateToString(date) {
  let offset = -date.getTimezoneOffset()

  let year = date.getFullYear()
  const isBCYear = year < 1
  if (isBCYear) year = Math.abs(year) + 1 // negative years are 1 off their BC representation

  let ret =
    String(year).padStart(4, '0') +
    '-' +
    String(date.getMonth() + 1).padStart(2, '0') +
    '-' +
    String(date.getDate()).padStart(2, '0') +
    'T' +
    String(date.getHours()).padStart(2, '0') +
    ':' +
    String(date.getMinutes()).padStart(2, '0') +
    ':' +
    String(date.getSeconds()).padStart(2, '0') +
    '.' +
    String(date.getMilliseconds()).padStart(3, '0')

  if (offset < 0) {
    ret += '-'
    offset *= -1
  } else {
    ret += '+'
  }

  ret += String(Math.floor(offset / 60)).padStart(2, '0') + ':' + String(offset % 60).padStart(2, '0')
  if (isBCYear) ret += ' BC'
  return ret
}

function dateToStringUTC(date) {
  let year = date.getUTCFullYear()
  const isBCYear = year < 1
  if (isBCYear) year = Math.abs(year) + 1 // negative years are 1 off their BC representation

  let ret =
    String(year).padStart(4, '0') +
    '-' +
    String(date.getUTCMonth() + 1).padStart(2, '0') +
    '-' +
    String(date.getUTCDate()).padStart(2, '0') +
    'T' +
    String(date.getUTCHours()).padStart(2, '0') +
    ':' +
    String(date.getUTCMinutes()).padStart(2, '0') +
    ':' +
    String(date.getUTCSeconds()).padStart(2, '0') +
    '.' +
    String(date.getUTCMilliseconds()).padStart(3, '0')

  ret += '+00:00'
  if (isBCYear) ret += ' BC'
  return ret
}

function normalizeQueryConfig(config, values, callback) {
  // can take in strings or config objects
  // Copy config so normalization does not mutate the caller's object.
  config = typeof config === 'string' ? { text: config } : cloneQueryConfig(config)
  if (values) {
    if (typeof values === 'function') {
      config.callback = values
    } else {
      config.values = values
    }
  }
  if (callback) {
    config.callback = callback
  }
  return config
}

function cloneQueryConfig(config) {
  if (config == null) {
    return config
  }
  return Object.defineProperties(Object.create(Object.getPrototypeOf(config)), Object.getOwnPropertyDescriptors(config))
}

// Ported from PostgreSQL 9.2.4 source code in src/interfaces/libpq/fe-exec.c
const escapeIdentifier = function (str) {
  return '"' + str.replace(/"/g, '""') + '"'
}

const escapeLiteral = function (str) {
  let hasBackslash = false
  let escaped = "'"

  if (str == null) {
    return "''"
  }

  if (typeof str !== 'string') {
    return "''"
  }

  for (let i = 0; i < str.length; i++) {
    const c = str[i]
    if (c === "'") {
      escaped += c + c
    } else if (c === '\\') {
      escaped += c + c
      hasBackslash = true
    } else {
      escaped += c
    }
  }

  escaped += "'"

  if (hasBackslash === true) {
    escaped = ' E' + escaped
  }

  return escaped
}

module.exports = {
  prepareValue: function prepareValueWrapper(value) {
    // this ensures that extra arguments do not get passed into prepareValue
    // by accident, eg: from calling values.map(utils.prepareValue)
    return prepareValue(value)
  },
  normalizeQueryConfig,
  escapeIdentifier,
  escapeLiteral,
}


/***/ }),

/***/ 8702:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var path = __nccwpck_require__(6928)
  , Stream = (__nccwpck_require__(2203).Stream)
  , split = __nccwpck_require__(5286)
  , util = __nccwpck_require__(9023)
  , defaultPort = 5432
  , isWin = (process.platform === 'win32')
  , warnStream = process.stderr
;


var S_IRWXG = 56     //    00070(8)
  , S_IRWXO = 7      //    00007(8)
  , S_IFMT  = 61440  // 00170000(8)
  , S_IFREG = 32768  //  0100000(8)
;
function isRegFile(mode) {
    return ((mode & S_IFMT) == S_IFREG);
}

var fieldNames = [ 'host', 'port', 'database', 'user', 'password' ];
var nrOfFields = fieldNames.length;
var passKey = fieldNames[ nrOfFields -1 ];


function warn() {
    var isWritable = (
        warnStream instanceof Stream &&
          true === warnStream.writable
    );

    if (isWritable) {
        var args = Array.prototype.slice.call(arguments).concat("\n");
        warnStream.write( util.format.apply(util, args) );
    }
}


Object.defineProperty(module.exports, "isWin", ({
    get : function() {
        return isWin;
    } ,
    set : function(val) {
        isWin = val;
    }
}));


module.exports.warnTo = function(stream) {
    var old = warnStream;
    warnStream = stream;
    return old;
};

module.exports.getFileName = function(rawEnv){
    var env = rawEnv || process.env;
    var file = env.PGPASSFILE || (
        isWin ?
          path.join( env.APPDATA || './' , 'postgresql', 'pgpass.conf' ) :
          path.join( env.HOME || './', '.pgpass' )
    );
    return file;
};

module.exports.usePgPass = function(stats, fname) {
    if (Object.prototype.hasOwnProperty.call(process.env, 'PGPASSWORD')) {
        return false;
    }

    if (isWin) {
        return true;
    }

    fname = fname || '<unkn>';

    if (! isRegFile(stats.mode)) {
        warn('WARNING: password file "%s" is not a plain file', fname);
        return false;
    }

    if (stats.mode & (S_IRWXG | S_IRWXO)) {
        /* If password file is insecure, alert the user and ignore it. */
        warn('WARNING: password file "%s" has group or world access; permissions should be u=rw (0600) or less', fname);
        return false;
    }

    return true;
};


var matcher = module.exports.match = function(connInfo, entry) {
    return fieldNames.slice(0, -1).reduce(function(prev, field, idx){
        if (idx == 1) {
            // the port
            if ( Number( connInfo[field] || defaultPort ) === Number( entry[field] ) ) {
                return prev && true;
            }
        }
        return prev && (
            entry[field] === '*' ||
              entry[field] === connInfo[field]
        );
    }, true);
};


module.exports.getPassword = function(connInfo, stream, cb) {
    var pass;
    var lineStream = stream.pipe(split());

    function onLine(line) {
        var entry = parseLine(line);
        if (entry && isValidEntry(entry) && matcher(connInfo, entry)) {
            pass = entry[passKey];
            lineStream.end(); // -> calls onEnd(), but pass is set now
        }
    }

    var onEnd = function() {
        stream.destroy();
        cb(pass);
    };

    var onErr = function(err) {
        stream.destroy();
        warn('WARNING: error on reading file: %s', err);
        cb(undefined);
    };

    stream.on('error', onErr);
    lineStream
        .on('data', onLine)
        .on('end', onEnd)
        .on('error', onErr)
    ;

};


var parseLine = module.exports.parseLine = function(line) {
    if (line.length < 11 || line.match(/^\s+#/)) {
        return null;
    }

    var curChar = '';
    var prevChar = '';
    var fieldIdx = 0;
    var startIdx = 0;
    var endIdx = 0;
    var obj = {};
    var isLastField = false;
    var addToObj = function(idx, i0, i1) {
        var field = line.substring(i0, i1);

        if (! Object.hasOwnProperty.call(process.env, 'PGPASS_NO_DEESCAPE')) {
            field = field.replace(/\\([:\\])/g, '$1');
        }

        obj[ fieldNames[idx] ] = field;
    };

    for (var i = 0 ; i < line.length-1 ; i += 1) {
        curChar = line.charAt(i+1);
        prevChar = line.charAt(i);

        isLastField = (fieldIdx == nrOfFields-1);

        if (isLastField) {
            addToObj(fieldIdx, startIdx);
            break;
        }

        if (i >= 0 && curChar == ':' && prevChar !== '\\') {
            addToObj(fieldIdx, startIdx, i+1);

            startIdx = i+2;
            fieldIdx += 1;
        }
    }

    obj = ( Object.keys(obj).length === nrOfFields ) ? obj : null;

    return obj;
};


var isValidEntry = module.exports.isValidEntry = function(entry){
    var rules = {
        // host
        0 : function(x){
            return x.length > 0;
        } ,
        // port
        1 : function(x){
            if (x === '*') {
                return true;
            }
            x = Number(x);
            return (
                isFinite(x) &&
                  x > 0 &&
                  x < 9007199254740992 &&
                  Math.floor(x) === x
            );
        } ,
        // database
        2 : function(x){
            return x.length > 0;
        } ,
        // username
        3 : function(x){
            return x.length > 0;
        } ,
        // password
        4 : function(x){
            return x.length > 0;
        }
    };

    for (var idx = 0 ; idx < fieldNames.length ; idx += 1) {
        var rule = rules[idx];
        var value = entry[ fieldNames[idx] ] || '';

        var res = rule(value);
        if (!res) {
            return false;
        }
    }

    return true;
};



/***/ }),

/***/ 3272:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var path = __nccwpck_require__(6928)
  , fs = __nccwpck_require__(9896)
  , helper = __nccwpck_require__(8702)
;


module.exports = function(connInfo, cb) {
    var file = helper.getFileName();
    
    fs.stat(file, function(err, stat){
        if (err || !helper.usePgPass(stat, file)) {
            return cb(undefined);
        }

        var st = fs.createReadStream(file);

        helper.getPassword(connInfo, st, cb);
    });
};

module.exports.warnTo = helper.warnTo;


/***/ }),

/***/ 3879:
/***/ ((__unused_webpack_module, exports) => {



exports.parse = function (source, transform) {
  return new ArrayParser(source, transform).parse()
}

class ArrayParser {
  constructor (source, transform) {
    this.source = source
    this.transform = transform || identity
    this.position = 0
    this.entries = []
    this.recorded = []
    this.dimension = 0
  }

  isEof () {
    return this.position >= this.source.length
  }

  nextCharacter () {
    var character = this.source[this.position++]
    if (character === '\\') {
      return {
        value: this.source[this.position++],
        escaped: true
      }
    }
    return {
      value: character,
      escaped: false
    }
  }

  record (character) {
    this.recorded.push(character)
  }

  newEntry (includeEmpty) {
    var entry
    if (this.recorded.length > 0 || includeEmpty) {
      entry = this.recorded.join('')
      if (entry === 'NULL' && !includeEmpty) {
        entry = null
      }
      if (entry !== null) entry = this.transform(entry)
      this.entries.push(entry)
      this.recorded = []
    }
  }

  consumeDimensions () {
    if (this.source[0] === '[') {
      while (!this.isEof()) {
        var char = this.nextCharacter()
        if (char.value === '=') break
      }
    }
  }

  parse (nested) {
    var character, parser, quote
    this.consumeDimensions()
    while (!this.isEof()) {
      character = this.nextCharacter()
      if (character.value === '{' && !quote) {
        this.dimension++
        if (this.dimension > 1) {
          parser = new ArrayParser(this.source.substr(this.position - 1), this.transform)
          this.entries.push(parser.parse(true))
          this.position += parser.position - 2
        }
      } else if (character.value === '}' && !quote) {
        this.dimension--
        if (!this.dimension) {
          this.newEntry()
          if (nested) return this.entries
        }
      } else if (character.value === '"' && !character.escaped) {
        if (quote) this.newEntry(true)
        quote = !quote
      } else if (character.value === ',' && !quote) {
        this.newEntry()
      } else {
        this.record(character.value)
      }
    }
    if (this.dimension !== 0) {
      throw new Error('array dimension not balanced')
    }
    return this.entries
  }
}

function identity (value) {
  return value
}


/***/ }),

/***/ 463:
/***/ ((module) => {



var bufferFrom = Buffer.from || Buffer

module.exports = function parseBytea (input) {
  if (/^\\x/.test(input)) {
    // new 'hex' style response (pg >9.0)
    return bufferFrom(input.substr(2), 'hex')
  }
  var output = ''
  var i = 0
  while (i < input.length) {
    if (input[i] !== '\\') {
      output += input[i]
      ++i
    } else {
      if (/[0-7]{3}/.test(input.substr(i + 1, 3))) {
        output += String.fromCharCode(parseInt(input.substr(i + 1, 3), 8))
        i += 4
      } else {
        var backslashes = 1
        while (i + backslashes < input.length && input[i + backslashes] === '\\') {
          backslashes++
        }
        for (var k = 0; k < Math.floor(backslashes / 2); ++k) {
          output += '\\'
        }
        i += Math.floor(backslashes / 2) * 2
      }
    }
  }
  return bufferFrom(output, 'binary')
}


/***/ }),

/***/ 2690:
/***/ ((module) => {



var DATE_TIME = /(\d{1,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,})?.*?( BC)?$/
var DATE = /^(\d{1,})-(\d{2})-(\d{2})( BC)?$/
var TIME_ZONE = /([Z+-])(\d{2})?:?(\d{2})?:?(\d{2})?/
var INFINITY = /^-?infinity$/

module.exports = function parseDate (isoDate) {
  if (INFINITY.test(isoDate)) {
    // Capitalize to Infinity before passing to Number
    return Number(isoDate.replace('i', 'I'))
  }
  var matches = DATE_TIME.exec(isoDate)

  if (!matches) {
    // Force YYYY-MM-DD dates to be parsed as local time
    return getDate(isoDate) || null
  }

  var isBC = !!matches[8]
  var year = parseInt(matches[1], 10)
  if (isBC) {
    year = bcYearToNegativeYear(year)
  }

  var month = parseInt(matches[2], 10) - 1
  var day = matches[3]
  var hour = parseInt(matches[4], 10)
  var minute = parseInt(matches[5], 10)
  var second = parseInt(matches[6], 10)

  var ms = matches[7]
  ms = ms ? 1000 * parseFloat(ms) : 0

  var date
  var offset = timeZoneOffset(isoDate)
  if (offset != null) {
    date = new Date(Date.UTC(year, month, day, hour, minute, second, ms))

    // Account for years from 0 to 99 being interpreted as 1900-1999
    // by Date.UTC / the multi-argument form of the Date constructor
    if (is0To99(year)) {
      date.setUTCFullYear(year)
    }

    if (offset !== 0) {
      date.setTime(date.getTime() - offset)
    }
  } else {
    date = new Date(year, month, day, hour, minute, second, ms)

    if (is0To99(year)) {
      date.setFullYear(year)
    }
  }

  return date
}

function getDate (isoDate) {
  var matches = DATE.exec(isoDate)
  if (!matches) {
    return
  }

  var year = parseInt(matches[1], 10)
  var isBC = !!matches[4]
  if (isBC) {
    year = bcYearToNegativeYear(year)
  }

  var month = parseInt(matches[2], 10) - 1
  var day = matches[3]
  // YYYY-MM-DD will be parsed as local time
  var date = new Date(year, month, day)

  if (is0To99(year)) {
    date.setFullYear(year)
  }

  return date
}

// match timezones:
// Z (UTC)
// -05
// +06:30
function timeZoneOffset (isoDate) {
  if (isoDate.endsWith('+00')) {
    return 0
  }

  var zone = TIME_ZONE.exec(isoDate.split(' ')[1])
  if (!zone) return
  var type = zone[1]

  if (type === 'Z') {
    return 0
  }
  var sign = type === '-' ? -1 : 1
  var offset = parseInt(zone[2], 10) * 3600 +
    parseInt(zone[3] || 0, 10) * 60 +
    parseInt(zone[4] || 0, 10)

  return offset * sign * 1000
}

function bcYearToNegativeYear (year) {
  // Account for numerical difference between representations of BC years
  // See: https://github.com/bendrucker/postgres-date/issues/5
  return -(year - 1)
}

function is0To99 (num) {
  return num >= 0 && num < 100
}


/***/ }),

/***/ 8755:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var extend = __nccwpck_require__(223)

module.exports = PostgresInterval

function PostgresInterval (raw) {
  if (!(this instanceof PostgresInterval)) {
    return new PostgresInterval(raw)
  }
  extend(this, parse(raw))
}
var properties = ['seconds', 'minutes', 'hours', 'days', 'months', 'years']
PostgresInterval.prototype.toPostgres = function () {
  var filtered = properties.filter(this.hasOwnProperty, this)

  // In addition to `properties`, we need to account for fractions of seconds.
  if (this.milliseconds && filtered.indexOf('seconds') < 0) {
    filtered.push('seconds')
  }

  if (filtered.length === 0) return '0'
  return filtered
    .map(function (property) {
      var value = this[property] || 0

      // Account for fractional part of seconds,
      // remove trailing zeroes.
      if (property === 'seconds' && this.milliseconds) {
        value = (value + this.milliseconds / 1000).toFixed(6).replace(/\.?0+$/, '')
      }

      return value + ' ' + property
    }, this)
    .join(' ')
}

var propertiesISOEquivalent = {
  years: 'Y',
  months: 'M',
  days: 'D',
  hours: 'H',
  minutes: 'M',
  seconds: 'S'
}
var dateProperties = ['years', 'months', 'days']
var timeProperties = ['hours', 'minutes', 'seconds']
// according to ISO 8601
PostgresInterval.prototype.toISOString = PostgresInterval.prototype.toISO = function () {
  var datePart = dateProperties
    .map(buildProperty, this)
    .join('')

  var timePart = timeProperties
    .map(buildProperty, this)
    .join('')

  return 'P' + datePart + 'T' + timePart

  function buildProperty (property) {
    var value = this[property] || 0

    // Account for fractional part of seconds,
    // remove trailing zeroes.
    if (property === 'seconds' && this.milliseconds) {
      value = (value + this.milliseconds / 1000).toFixed(6).replace(/0+$/, '')
    }

    return value + propertiesISOEquivalent[property]
  }
}

var NUMBER = '([+-]?\\d+)'
var YEAR = NUMBER + '\\s+years?'
var MONTH = NUMBER + '\\s+mons?'
var DAY = NUMBER + '\\s+days?'
var TIME = '([+-])?([\\d]*):(\\d\\d):(\\d\\d)\\.?(\\d{1,6})?'
var INTERVAL = new RegExp([YEAR, MONTH, DAY, TIME].map(function (regexString) {
  return '(' + regexString + ')?'
})
  .join('\\s*'))

// Positions of values in regex match
var positions = {
  years: 2,
  months: 4,
  days: 6,
  hours: 9,
  minutes: 10,
  seconds: 11,
  milliseconds: 12
}
// We can use negative time
var negatives = ['hours', 'minutes', 'seconds', 'milliseconds']

function parseMilliseconds (fraction) {
  // add omitted zeroes
  var microseconds = fraction + '000000'.slice(fraction.length)
  return parseInt(microseconds, 10) / 1000
}

function parse (interval) {
  if (!interval) return {}
  var matches = INTERVAL.exec(interval)
  var isNegative = matches[8] === '-'
  return Object.keys(positions)
    .reduce(function (parsed, property) {
      var position = positions[property]
      var value = matches[position]
      // no empty string
      if (!value) return parsed
      // milliseconds are actually microseconds (up to 6 digits)
      // with omitted trailing zeroes.
      value = property === 'milliseconds'
        ? parseMilliseconds(value)
        : parseInt(value, 10)
      // no zeros
      if (!value) return parsed
      if (isNegative && ~negatives.indexOf(property)) {
        value *= -1
      }
      parsed[property] = value
      return parsed
    }, {})
}


/***/ }),

/***/ 5286:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/*
Copyright (c) 2014-2021, Matteo Collina <hello@matteocollina.com>

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR
IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
*/



const { Transform } = __nccwpck_require__(2203)
const { StringDecoder } = __nccwpck_require__(3193)
const kLast = Symbol('last')
const kDecoder = Symbol('decoder')

function transform (chunk, enc, cb) {
  let list
  if (this.overflow) { // Line buffer is full. Skip to start of next line.
    const buf = this[kDecoder].write(chunk)
    list = buf.split(this.matcher)

    if (list.length === 1) return cb() // Line ending not found. Discard entire chunk.

    // Line ending found. Discard trailing fragment of previous line and reset overflow state.
    list.shift()
    this.overflow = false
  } else {
    this[kLast] += this[kDecoder].write(chunk)
    list = this[kLast].split(this.matcher)
  }

  this[kLast] = list.pop()

  for (let i = 0; i < list.length; i++) {
    try {
      push(this, this.mapper(list[i]))
    } catch (error) {
      return cb(error)
    }
  }

  this.overflow = this[kLast].length > this.maxLength
  if (this.overflow && !this.skipOverflow) {
    cb(new Error('maximum buffer reached'))
    return
  }

  cb()
}

function flush (cb) {
  // forward any gibberish left in there
  this[kLast] += this[kDecoder].end()

  if (this[kLast]) {
    try {
      push(this, this.mapper(this[kLast]))
    } catch (error) {
      return cb(error)
    }
  }

  cb()
}

function push (self, val) {
  if (val !== undefined) {
    self.push(val)
  }
}

function noop (incoming) {
  return incoming
}

function split (matcher, mapper, options) {
  // Set defaults for any arguments not supplied.
  matcher = matcher || /\r?\n/
  mapper = mapper || noop
  options = options || {}

  // Test arguments explicitly.
  switch (arguments.length) {
    case 1:
      // If mapper is only argument.
      if (typeof matcher === 'function') {
        mapper = matcher
        matcher = /\r?\n/
      // If options is only argument.
      } else if (typeof matcher === 'object' && !(matcher instanceof RegExp) && !matcher[Symbol.split]) {
        options = matcher
        matcher = /\r?\n/
      }
      break

    case 2:
      // If mapper and options are arguments.
      if (typeof matcher === 'function') {
        options = mapper
        mapper = matcher
        matcher = /\r?\n/
      // If matcher and options are arguments.
      } else if (typeof mapper === 'object') {
        options = mapper
        mapper = noop
      }
  }

  options = Object.assign({}, options)
  options.autoDestroy = true
  options.transform = transform
  options.flush = flush
  options.readableObjectMode = true

  const stream = new Transform(options)

  stream[kLast] = ''
  stream[kDecoder] = new StringDecoder('utf8')
  stream.matcher = matcher
  stream.mapper = mapper
  stream.maxLength = options.maxLength
  stream.skipOverflow = options.skipOverflow || false
  stream.overflow = false
  stream._destroy = function (err, cb) {
    // Weird Node v12 bug that we need to work around
    this._writableState.errorEmitted = false
    cb(err)
  }

  return stream
}

module.exports = split


/***/ }),

/***/ 223:
/***/ ((module) => {

module.exports = extend

var hasOwnProperty = Object.prototype.hasOwnProperty;

function extend(target) {
    for (var i = 1; i < arguments.length; i++) {
        var source = arguments[i]

        for (var key in source) {
            if (hasOwnProperty.call(source, key)) {
                target[key] = source[key]
            }
        }
    }

    return target
}


/***/ }),

/***/ 4390:
/***/ ((module) => {

module.exports = eval("require")("pg-native");


/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8253:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util/types");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  d: () => (/* reexport */ PgDriftError),
  z: () => (/* binding */ api_check)
});

;// CONCATENATED MODULE: ./src/core/errors.ts
/**
 * The one error hierarchy of pgdrift. Every error carries a stable `code` that scripts may rely on;
 * only the two entry points (CLI, action) catch and map these to exit codes or `setFailed`.
 * A message is always one line (line breaks from server messages are folded into spaces), so that
 * the CLI prints exactly one line per error.
 */
class PgDriftError extends Error {
    code;
    constructor(code, message, options) {
        super(oneLine(message), options);
        this.name = 'PgDriftError';
        this.code = code;
    }
}
/** Bad command-line flags or action inputs. */
class errors_UsageError extends PgDriftError {
    constructor(message) {
        super('usage', message);
        this.name = 'UsageError';
    }
}
/** A spec that cannot be read or is invalid; `path` is the JSON path of the bad value. */
class SpecError extends PgDriftError {
    file;
    path;
    constructor(message, path, file) {
        super('spec', `${file ? `${file}: ` : ''}${path ? `${path}: ` : ''}${message}`);
        this.name = 'SpecError';
        this.file = file;
        this.path = path;
    }
}
/** A failure talking to PostgreSQL; keeps the server's SQLSTATE, detail and hint. */
class errors_DatabaseError extends PgDriftError {
    sqlState;
    detail;
    hint;
    constructor(message, fields = {}) {
        super('database', message, { cause: fields.cause });
        this.name = 'DatabaseError';
        this.sqlState = fields.sqlState;
        this.detail = fields.detail;
        this.hint = fields.hint;
    }
}
/**
 * The migration transaction committed, but a step that must run after it (a concurrent index
 * build) failed: the database changed, and is not yet at the spec. The CLI exits 3 for it.
 */
class errors_PartiallyAppliedError extends PgDriftError {
    constructor(message) {
        super('partially-applied', message);
        this.name = 'PartiallyAppliedError';
    }
}
/** The plan cannot be carried out safely (for example a NOT NULL column with no default on rows). */
class PlanError extends PgDriftError {
    constructor(message) {
        super('plan', message);
        this.name = 'PlanError';
    }
}
/** The longest server message pgdrift relays. */
const SERVER_MESSAGE_LIMIT = 300;
/** No identifier is longer (NAMEDATALEN - 1 bytes): a longer quoted text is a value. */
const MAX_NAME = 63;
/** Messages of data errors (SQLSTATE class 22), which quote the value at fault. */
const DATA_MESSAGE = /^(invalid input syntax|invalid input value|malformed|value .* is out of range|.*\bout of range\b|invalid (hexadecimal|value|byte sequence|escape|regular expression)|numeric field overflow|could not parse|unterminated|character with byte sequence)/i;
/**
 * A PostgreSQL error message as pgdrift relays it: one line, at most SERVER_MESSAGE_LIMIT
 * characters, and no quoted text too long to be a name: the value a data error quotes
 * (`invalid input syntax for type integer: "…"`) may be a whole table rendered as XML by an
 * expression of the spec. With `values: 'none'` (errors of a spec's own expressions, which a pull
 * request controls), a data error's value is dropped however short; otherwise a short one is kept
 * (`invalid input value for enum status: "stale"` tells an operator which rows are in the way).
 * Without `sqlState` (an error caught in SQL), the wording tells a data error.
 */
function serverMessage(message, sqlState, values = 'short') {
    let text = oneLine(message);
    const data = sqlState ? sqlState.startsWith('22') : DATA_MESSAGE.test(text);
    // From the first quote to the last: a value may itself hold quotes (XML, JSON).
    if (data)
        text = text.replace(/"[\s\S]*"/, (quoted) => (values === 'none' || quoted.length - 2 > MAX_NAME ? '"…"' : quoted));
    text = text.replace(/"([^"]*)"/g, (whole, inner) => (inner.length > MAX_NAME ? '"…"' : whole));
    return text.length > SERVER_MESSAGE_LIMIT ? `${text.slice(0, SERVER_MESSAGE_LIMIT - 1)}…` : text;
}
/** Folds line breaks (and the indentation after them) into single spaces. */
function oneLine(text) {
    return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

;// CONCATENATED MODULE: ./src/defaults.ts
/**
 * Every default of pgdrift, in one place: the CLI's flags and help text, the action's inputs (and
 * action.yml's `default:`s, which a unit test checks against this object) and the engine use these.
 */
const DEFAULTS = {
    /** The spec file. */
    spec: 'pgdrift.json',
    /** The action's mode. */
    mode: 'check',
    /** Keeps the pull request comments of several databases or specs apart (action). */
    id: 'default',
    allowDestructive: false,
    dryRun: false,
    /** Post one sticky pull request comment (action). */
    comment: true,
    /** Fail the step when drift is found or remains (action). */
    failOnDrift: true,
    /** Schemas to compare: none named means the schemas the spec uses. */
    schemas: [],
    /** The pull request label that approves its destructive changes (action). */
    destructiveLabel: 'pgdrift:destructive',
    /** mode apply on a pull request: only for a per-pull-request preview database (action). */
    applyOnPullRequest: false,
    /** Seconds a migration statement may wait for a table lock (lock_timeout). */
    lockTimeout: 5,
    /** Seconds one migration statement may run (statement_timeout); 0 for no limit. */
    statementTimeout: 300,
    /** Further attempts of the whole transaction after a lock time-out. */
    lockRetries: 3,
    /** Seconds to wait for another pgdrift apply on the same database, or a concurrent index build. */
    lockWait: 60,
    /** Seconds to wait for one connection attempt (a connect_timeout in the URL wins). */
    connectTimeout: 10,
    /** Further attempts of a connection that failed in a way that may pass (a Neon compute waking up). */
    connectRetries: 3,
};

;// CONCATENATED MODULE: ./src/core/json.ts
/**
 * A strict JSON reader for text that comes from a pull request. Unlike `JSON.parse` it places every
 * syntax error at the character where the text stops being JSON (a trailing comma is reported at
 * the comma), refuses a key repeated in one object (naming both places and the key's JSON path,
 * where `JSON.parse` silently keeps the last), refuses nesting deeper than `MAX_DEPTH`, and keeps
 * `"__proto__"` an ordinary key.
 */
/** Deeper nesting than any spec needs; it bounds the reader's recursion on hostile input. */
const MAX_DEPTH = 256;
/** A JSON text that cannot be read: its message says where (line, column) and why; `path` is the JSON path, if any. */
class JsonTextError extends Error {
    offset;
    path;
    constructor(message, offset, path) {
        super(message);
        this.offset = offset;
        this.path = path;
        this.name = 'JsonTextError';
    }
}
/** 1-based line and column (in characters, not UTF-16 units) of `offset` in `text`. */
function lineColumn(text, offset) {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
        line += 1;
        lineStart = i + 1;
    }
    let column = 1;
    for (let i = lineStart; i < offset; i += 1) {
        const code = text.charCodeAt(i);
        // The second half of a surrogate pair is not a character of its own.
        if (code < 0xdc00 || code > 0xdfff || i === lineStart || text.charCodeAt(i - 1) < 0xd800 || text.charCodeAt(i - 1) > 0xdbff)
            column += 1;
    }
    return { line, column };
}
function where(text, offset) {
    const { line, column } = lineColumn(text, offset);
    return `line ${line}, column ${column}`;
}
/** `.name` when simple, `["odd name"]` otherwise (the same spelling as spec paths). */
function pathStep(path, key) {
    if (typeof key === 'number')
        return `${path}[${key}]`;
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/**
 * Parses JSON text (RFC 8259; a leading byte-order mark is skipped). Throws JsonTextError whose
 * message says `invalid JSON at line L, column C: why`.
 */
function parseJsonText(text) {
    // The native parser reads valid text several times faster; this reader runs only to place an
    // error, or when the text has more keys than the parsed objects (a key was repeated).
    let value;
    try {
        value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    }
    catch {
        return new JsonReader(text).document();
    }
    const members = countMembers(value, 0);
    if (members < 0 || members !== countKeys(text))
        return new JsonReader(text).document();
    return value;
}
/** The keys of all objects in `value`; -1 when it is nested deeper than MAX_DEPTH. */
function countMembers(value, depth) {
    if (value === null || typeof value !== 'object')
        return 0;
    if (depth >= MAX_DEPTH)
        return -1;
    let n = 0;
    if (Array.isArray(value)) {
        for (const item of value) {
            const inner = countMembers(item, depth + 1);
            if (inner < 0)
                return -1;
            n += inner;
        }
        return n;
    }
    for (const key of Object.keys(value)) {
        const inner = countMembers(value[key], depth + 1);
        if (inner < 0)
            return -1;
        n += inner + 1;
    }
    return n;
}
/**
 * The keys written in a valid JSON text: strings followed by a colon. Outside strings JSON has no
 * quote, so matching string tokens one after another from the start never loses step.
 */
function countKeys(text) {
    const token = /"[^"\\]*(?:\\.[^"\\]*)*"([ \t\r\n]*:)?/g;
    let n = 0;
    for (let match = token.exec(text); match; match = token.exec(text))
        if (match[1] !== undefined)
            n += 1;
    return n;
}
class JsonReader {
    text;
    pos = 0;
    depth = 0;
    /** The path to the value being read, one step per enclosing array or object. */
    steps = [];
    constructor(text) {
        this.text = text;
    }
    document() {
        if (this.text.charCodeAt(0) === 0xfeff)
            this.pos = 1;
        this.space();
        const value = this.value();
        this.space();
        if (this.pos < this.text.length)
            this.fail(this.pos, `${this.describe(this.pos)} after the end of the JSON value`);
        return value;
    }
    fail(offset, reason, path = '') {
        throw new JsonTextError(`invalid JSON at ${where(this.text, offset)}: ${reason}`, offset, path);
    }
    path() {
        return this.steps.reduce((path, step) => pathStep(path, step), '$');
    }
    describe(offset) {
        if (offset >= this.text.length)
            return 'the end of the text';
        const code = this.text.codePointAt(offset);
        if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0))
            return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
        return `unexpected ${JSON.stringify(String.fromCodePoint(code))}`;
    }
    space() {
        const t = this.text;
        let p = this.pos;
        for (;;) {
            const c = t.charCodeAt(p);
            if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)
                p += 1;
            else
                break;
        }
        this.pos = p;
    }
    value() {
        const t = this.text;
        const c = t[this.pos];
        if (c === '{')
            return this.object();
        if (c === '[')
            return this.array();
        if (c === '"')
            return this.string();
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9'))
            return this.number();
        for (const [word, value] of [
            ['true', true],
            ['false', false],
            ['null', null],
        ]) {
            if (t.startsWith(word, this.pos)) {
                this.pos += word.length;
                return value;
            }
        }
        return this.fail(this.pos, `expected a value, found ${this.describe(this.pos).replace(/^unexpected /, '')}`);
    }
    enter() {
        this.depth += 1;
        if (this.depth > MAX_DEPTH)
            this.fail(this.pos, `nested deeper than ${MAX_DEPTH} levels`);
    }
    array() {
        this.enter();
        const out = [];
        this.pos += 1;
        this.space();
        if (this.text[this.pos] === ']') {
            this.pos += 1;
            this.depth -= 1;
            return out;
        }
        this.steps.push(0);
        for (;;) {
            this.steps[this.steps.length - 1] = out.length;
            out.push(this.value());
            this.space();
            const c = this.text[this.pos];
            if (c === ']')
                break;
            if (c !== ',')
                this.fail(this.pos, `expected "," or "]" after an array element, found ${this.describe(this.pos).replace(/^unexpected /, '')}`);
            const comma = this.pos;
            this.pos += 1;
            this.space();
            if (this.text[this.pos] === ']')
                this.fail(comma, 'a comma after the last element of an array (JSON allows no trailing comma)');
        }
        this.pos += 1;
        this.steps.pop();
        this.depth -= 1;
        return out;
    }
    object() {
        this.enter();
        const start = this.pos;
        const out = {};
        this.pos += 1;
        this.space();
        if (this.text[this.pos] === '}') {
            this.pos += 1;
            this.depth -= 1;
            return out;
        }
        this.steps.push('');
        for (;;) {
            if (this.text[this.pos] !== '"')
                this.fail(this.pos, `expected a double-quoted key, found ${this.describe(this.pos).replace(/^unexpected /, '')}`);
            const keyAt = this.pos;
            const key = this.string();
            this.steps[this.steps.length - 1] = key;
            if (Object.prototype.hasOwnProperty.call(out, key)) {
                const first = this.firstKey(start, key);
                const message = `the key ${JSON.stringify(key)} appears twice in one object: at ${where(this.text, first)} and at ${where(this.text, keyAt)}`;
                throw new JsonTextError(message, keyAt, this.path());
            }
            this.space();
            if (this.text[this.pos] !== ':')
                this.fail(this.pos, `expected ":" after the key ${JSON.stringify(key)}, found ${this.describe(this.pos).replace(/^unexpected /, '')}`);
            this.pos += 1;
            this.space();
            const value = this.value();
            // A plain assignment of "__proto__" would set the prototype instead of adding a key.
            if (key === '__proto__')
                Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
            else
                out[key] = value;
            this.space();
            const c = this.text[this.pos];
            if (c === '}')
                break;
            if (c !== ',')
                this.fail(this.pos, `expected "," or "}" after the value of ${JSON.stringify(key)}, found ${this.describe(this.pos).replace(/^unexpected /, '')}`);
            const comma = this.pos;
            this.pos += 1;
            this.space();
            if (this.text[this.pos] === '}')
                this.fail(comma, 'a comma after the last member of an object (JSON allows no trailing comma)');
        }
        this.pos += 1;
        this.steps.pop();
        this.depth -= 1;
        return out;
    }
    /** The offset of the first occurrence of `key` among the members of the object at `start`. */
    firstKey(start, key) {
        const reader = new JsonReader(this.text);
        reader.pos = start + 1;
        for (;;) {
            reader.space();
            const at = reader.pos;
            if (reader.string() === key)
                return at;
            reader.space();
            reader.pos += 1;
            reader.space();
            reader.value();
            reader.space();
            reader.pos += 1;
        }
    }
    string() {
        const t = this.text;
        const open = this.pos;
        let p = open + 1;
        let out = '';
        let chunk = p;
        for (;;) {
            const c = t.charCodeAt(p);
            if (c === 0x22)
                break;
            if (Number.isNaN(c))
                this.fail(open, 'a string that is never closed');
            if (c < 0x20)
                this.fail(p, `${this.describe(p)} inside a string (write it as an escape such as \\n)`);
            if (c === 0x5c) {
                out += t.slice(chunk, p);
                const e = t[p + 1];
                if (e === 'u') {
                    const hex = t.slice(p + 2, p + 6);
                    if (!/^[0-9A-Fa-f]{4}$/.test(hex))
                        this.fail(p, 'a \\u escape needs four hexadecimal digits');
                    out += String.fromCharCode(parseInt(hex, 16));
                    p += 6;
                }
                else if (e !== undefined && ESCAPES[e] !== undefined) {
                    out += ESCAPES[e];
                    p += 2;
                }
                else {
                    this.fail(p, e === undefined ? 'a string that is never closed' : `the escape \\${e} is not JSON`);
                }
                chunk = p;
                continue;
            }
            p += 1;
        }
        out += t.slice(chunk, p);
        this.pos = p + 1;
        return out;
    }
    number() {
        NUMBER.lastIndex = this.pos;
        const match = NUMBER.exec(this.text);
        if (!match)
            return this.fail(this.pos, 'a malformed number');
        this.pos += match[0].length;
        const next = this.text[this.pos];
        if (next !== undefined && /[0-9.eE+-]/.test(next))
            this.fail(this.pos, 'a malformed number (no leading zeros, digits after "." and after "e")');
        return Number(match[0]);
    }
}

;// CONCATENATED MODULE: ./src/core/ident.ts
/**
 * Identifier and literal quoting. Every piece of SQL that pgdrift writes takes names through
 * `quoteIdent` and values through `quoteLiteral`; nothing else builds SQL from strings.
 */
/** Quotes an identifier for SQL, always, so that case, spaces, quotes and keywords are safe. */
function ident_quoteIdent(name) {
    if (name.includes('\u0000'))
        throw new Error('identifier contains a NUL character');
    return `"${name.replace(/"/g, '""')}"`;
}
/** `"schema"."name"` */
function ident_quoteQualified(schema, name) {
    return `${ident_quoteIdent(schema)}.${ident_quoteIdent(name)}`;
}
/** The bytes PostgreSQL keeps of a name (NAMEDATALEN - 1); it truncates longer ones. */
const MAX_NAME_BYTES = 63;
/**
 * Truncates a generated name to what PostgreSQL keeps (63 bytes), on a character boundary, and
 * appends `suffix` within those bytes (so names that differ only past byte 63 still differ).
 */
function fitName(name, suffix = '') {
    const encoder = new TextEncoder();
    const room = MAX_NAME_BYTES - encoder.encode(suffix).length;
    let out = name;
    while (encoder.encode(out).length > room)
        out = [...out].slice(0, -1).join('');
    return out + suffix;
}
/**
 * Quotes a string literal so that it reads the same whatever `standard_conforming_strings` is: a
 * value with a backslash is written in the escape form (`E'…'`, backslashes doubled), which
 * PostgreSQL lexes the same way under either setting; any other value in the standard form.
 */
function ident_quoteLiteral(value) {
    if (value.includes('\u0000'))
        throw new Error('literal contains a NUL character');
    const quoted = value.replace(/'/g, "''");
    return value.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}
const SIMPLE = /^[a-z_][a-z0-9_$]*$/;
/** A readable name for reports and spec keys: bare when simple, double-quoted otherwise. */
function displayIdent(name) {
    return SIMPLE.test(name) ? name : ident_quoteIdent(name);
}
/** `schema.name` for reports and spec keys; the inverse of `parseQualifiedName`. */
function displayQualified(schema, name) {
    return `${displayIdent(schema)}.${displayIdent(name)}`;
}
/**
 * Splits `name`, `schema.name`, `"My Schema"."My Table"` into parts. Unquoted parts are taken as
 * written (pgdrift does not fold case: a spec says the name it means). Returns null when the text
 * is not one or two identifiers separated by a dot.
 */
function parseQualifiedName(text) {
    const parts = [];
    let i = 0;
    while (i <= text.length) {
        if (text[i] === '"') {
            let j = i + 1;
            let part = '';
            for (;;) {
                if (j >= text.length)
                    return null;
                if (text[j] === '"') {
                    if (text[j + 1] === '"') {
                        part += '"';
                        j += 2;
                        continue;
                    }
                    break;
                }
                part += text[j];
                j += 1;
            }
            parts.push(part);
            i = j + 1;
        }
        else {
            let j = i;
            while (j < text.length && text[j] !== '.') {
                if (text[j] === '"')
                    return null;
                j += 1;
            }
            parts.push(text.slice(i, j));
            i = j;
        }
        if (i === text.length)
            break;
        if (text[i] !== '.')
            return null;
        i += 1;
    }
    const [first, second, ...rest] = parts;
    if (first === undefined || rest.length > 0 || parts.some((p) => p.length === 0))
        return null;
    return second === undefined ? { schema: undefined, name: first } : { schema: first, name: second };
}
/**
 * Checks that a piece of SQL text supplied by a user (a default, a check, an index expression, a
 * view query) is one self-contained fragment: quotes, dollar quotes and comments are closed,
 * parentheses never close more than they open, and there is no statement separator outside of
 * them. pgdrift wraps such fragments in parentheses, so a fragment that passes cannot end the
 * surrounding statement or start another one. Returns a reason, or null when the text is safe.
 *
 * The text is split into tokens the way PostgreSQL's lexer splits it (with
 * standard_conforming_strings on), because every place where the two disagree is a way to hide a
 * separator: a name runs on through letters, digits, `$` and every non-ASCII character (so `é$$`
 * and `x$$t$` are names, not dollar quotes), an E string is only the one-letter name `e` glued to a
 * quote (so `ée'\'` is a name and a standard string), and a string continued on the next line keeps
 * the escaping of its first part. Where the lexers of PostgreSQL versions differ (a number running
 * into a name: `1e'…'`), the fragment is refused.
 */
function fragmentProblem(text, allowTrailingSemicolon = false) {
    const body = allowTrailingSemicolon ? text.replace(/;\s*$/, '') : text;
    let depth = 0;
    let i = 0;
    while (i < body.length) {
        const c = body.charAt(i);
        const next = body[i + 1];
        if (isIdentStart(c)) {
            const start = i;
            while (i < body.length && isIdentCont(body.charAt(i)))
                i += 1;
            if (body[i] === "'") {
                const escapes = i - start === 1 && (c === 'e' || c === 'E');
                const end = stringEnd(body, i, escapes);
                if (end < 0)
                    return 'a string literal is not closed';
                i = end;
            }
        }
        else if (isDigit(c) || (c === '.' && isDigit(next ?? ''))) {
            i = numberEnd(body, i);
            if (i < body.length && isIdentStart(body.charAt(i)))
                return `a number runs into a name (${body.slice(0, i + 1).slice(-20)}): put a space between them`;
        }
        else if (c === "'") {
            const end = stringEnd(body, i, false);
            if (end < 0)
                return 'a string literal is not closed';
            i = end;
        }
        else if (c === '"') {
            const end = quotedEnd(body, i);
            if (end < 0)
                return 'a quoted identifier is not closed';
            i = end;
        }
        else if (c === '$') {
            const tag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(body.slice(i))?.[0];
            if (tag) {
                const end = body.indexOf(tag, i + tag.length);
                if (end < 0)
                    return 'a dollar-quoted string is not closed';
                i = end + tag.length;
            }
            else {
                // A parameter ($1) or a lone dollar.
                i += 1;
                while (i < body.length && isDigit(body.charAt(i)))
                    i += 1;
            }
        }
        else if (c === '-' && next === '-') {
            while (i < body.length && body[i] !== '\n' && body[i] !== '\r')
                i += 1;
        }
        else if (c === '/' && next === '*') {
            const end = commentEnd(body, i);
            if (end < 0)
                return 'a comment is not closed';
            i = end;
        }
        else if (c === '(') {
            depth += 1;
            i += 1;
        }
        else if (c === ')') {
            depth -= 1;
            if (depth < 0)
                return 'it closes a parenthesis it did not open';
            i += 1;
        }
        else if (c === ';') {
            return 'it contains a statement separator (;)';
        }
        else {
            i += 1;
        }
    }
    if (depth !== 0)
        return 'a parenthesis is not closed';
    if (body.trim().length === 0)
        return 'it is empty';
    return null;
}
const isDigit = (c) => c >= '0' && c <= '9';
/** PostgreSQL: ident_start [A-Za-z\200-\377_], ident_cont adds digits and $. */
const isIdentStart = (c) => /[A-Za-z_]/.test(c) || c.charCodeAt(0) >= 0x80;
const isIdentCont = (c) => isIdentStart(c) || isDigit(c) || c === '$';
/** End (exclusive) of a number: digits with `_`, a fraction, an exponent, or 0x / 0o / 0b digits. */
function numberEnd(body, start) {
    let i = start;
    const radix = /^0[xXoObB][0-9A-Fa-f_]+/.exec(body.slice(i));
    if (radix)
        return i + radix[0].length;
    while (i < body.length && (isDigit(body.charAt(i)) || body[i] === '_'))
        i += 1;
    if (body[i] === '.' && body[i + 1] !== '.') {
        i += 1;
        while (i < body.length && (isDigit(body.charAt(i)) || body[i] === '_'))
            i += 1;
    }
    const exponent = /^[eE][+-]?[0-9]/.exec(body.slice(i));
    if (exponent) {
        i += exponent[0].length;
        while (i < body.length && (isDigit(body.charAt(i)) || body[i] === '_'))
            i += 1;
    }
    return i;
}
/**
 * End (exclusive) of the string starting at the quote `start`, or -1. Quotes are doubled; in an
 * E string a backslash escapes the next character. A quote that follows the closing one across
 * whitespace holding a newline (and perhaps `--` comments) continues the same string.
 */
function stringEnd(body, start, escapes) {
    let j = start + 1;
    for (;;) {
        if (j >= body.length)
            return -1;
        const ch = body[j];
        if (escapes && ch === '\\') {
            j += 2;
            continue;
        }
        if (ch === "'") {
            if (body[j + 1] === "'") {
                j += 2;
                continue;
            }
            const continued = /^(?:[ \t\f]|--[^\n\r]*)*(?:\r\n|\r|\n)(?:[ \t\n\r\f\v]|--[^\n\r]*)*'/.exec(body.slice(j + 1));
            if (continued) {
                j += 1 + continued[0].length;
                continue;
            }
            return j + 1;
        }
        j += 1;
    }
}
function quotedEnd(body, start) {
    let j = start + 1;
    for (;;) {
        const end = body.indexOf('"', j);
        if (end < 0)
            return -1;
        if (body[end + 1] === '"') {
            j = end + 2;
            continue;
        }
        return end + 1;
    }
}
function commentEnd(body, start) {
    let level = 1;
    let j = start + 2;
    while (level > 0) {
        if (j >= body.length)
            return -1;
        if (body[j] === '/' && body[j + 1] === '*') {
            level += 1;
            j += 2;
        }
        else if (body[j] === '*' && body[j + 1] === '/') {
            level -= 1;
            j += 2;
        }
        else
            j += 1;
    }
    return j;
}

;// CONCATENATED MODULE: ./src/core/model.ts
/**
 * The one schema model. The spec is parsed into it and the live database is introspected into it;
 * the diff only ever compares two values of this type. Expressions and types are held in
 * PostgreSQL's own canonical spelling (format_type, pg_get_expr, pg_get_indexdef) once the
 * canonicaliser has run, so comparing them is comparing catalog to catalog.
 *
 * Maps are keyed by display names (`public.conversations`, see ident.displayQualified) and kept
 * sorted so every rendering is deterministic.
 */
/** The serial pseudo-type that makes a column of `type` with its own sequence: serial, smallserial, bigserial. */
function model_serialType(type) {
    return type === 'smallint' ? 'smallserial' : type === 'bigint' ? 'bigserial' : 'serial';
}
function emptySchema() {
    return { schemas: {}, extensions: {}, enums: {}, sequences: {}, tables: {}, views: {} };
}
/** Returns a copy of `record` with keys in code-point order. */
function sortRecord(record) {
    const out = {};
    for (const key of Object.keys(record).sort(model_compareText))
        out[key] = record[key];
    return out;
}
/** Locale-independent ordering used everywhere output order matters. */
function model_compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/**
 * True when two values of the model are the same: equal primitives, arrays of the same values in
 * the same order, objects with the same keys (in any order) holding the same values. Two tables
 * that are the same have nothing to compare; checks of a large schema, almost all of whose tables
 * are unchanged, take this short way before comparing piece by piece.
 */
function sameValue(a, b) {
    if (a === b)
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return false;
    if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length)
            return false;
        for (let i = 0; i < a.length; i += 1)
            if (!sameValue(a[i], b[i]))
                return false;
        return true;
    }
    if (Array.isArray(b))
        return false;
    const x = a;
    const y = b;
    let keys = 0;
    for (const key in x) {
        if (!Object.hasOwn(y, key) || !sameValue(x[key], y[key]))
            return false;
        keys += 1;
    }
    for (const key in y)
        if (Object.hasOwn(y, key))
            keys -= 1;
    return keys === 0;
}

;// CONCATENATED MODULE: ./src/core/spec.ts
/**
 * The JSON spec, format version 1: parsing (with a JSON path for every complaint) into the schema
 * model, and writing a model back out as a spec (what `pgdrift snapshot` prints).
 *
 * Parsing checks shape only. Types and expressions are validated and canonicalised by PostgreSQL
 * itself afterwards (see db/canonicalize), so a spec may spell them however SQL allows.
 */




const SPEC_VERSION = 1;
/** Where the published JSON Schema lives, relative to a spec at the root of a repository. */
const SPEC_SCHEMA_URL = 'https://raw.githubusercontent.com/pgdrift/pgdrift/main/schema/pgdrift.schema.json';
const DEFAULT_SCHEMA = 'public';
/** PostgreSQL truncates longer names (NAMEDATALEN - 1 bytes), which would be drift forever. */
const MAX_IDENT_BYTES = 63;
const at = (parent, key) => ({ parent, key });
function pathText(path) {
    return typeof path === 'string' ? path : join(pathText(path.parent), path.key);
}
class Reader {
    file;
    /** Problems of fragment and type texts already checked: a large spec repeats the same few. */
    fragments = new Map();
    types = new Map();
    constructor(file) {
        this.file = file;
    }
    fail(path, message) {
        throw new SpecError(message, pathText(path), this.file);
    }
    object(value, path, allowed) {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
            this.fail(path, `expected an object, got ${describe(value)}`);
        }
        for (const key of Object.keys(value)) {
            if (!allowed.includes(key)) {
                this.fail(at(path, key), `unknown key "${key}" (expected one of: ${allowed.join(', ')})`);
            }
        }
        return value;
    }
    map(value, path) {
        if (value === undefined)
            return {};
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
            this.fail(path, `expected an object keyed by name, got ${describe(value)}`);
        }
        return value;
    }
    array(value, path) {
        if (value === undefined)
            return [];
        if (!Array.isArray(value))
            this.fail(path, `expected an array, got ${describe(value)}`);
        return value;
    }
    string(value, path) {
        if (typeof value !== 'string')
            this.fail(path, `expected a string, got ${describe(value)}`);
        if (value.includes('\u0000'))
            this.fail(path, 'contains a NUL character');
        return value;
    }
    optString(value, path) {
        return value === undefined || value === null ? undefined : this.string(value, path);
    }
    bool(value, path, fallback) {
        if (value === undefined)
            return fallback;
        if (typeof value !== 'boolean')
            this.fail(path, `expected true or false, got ${describe(value)}`);
        return value;
    }
    integerText(value, path) {
        if (value === undefined || value === null)
            return undefined;
        if (typeof value === 'number' && Number.isSafeInteger(value))
            return String(value);
        if (typeof value === 'string' && /^-?\d+$/.test(value))
            return BigInt(value).toString();
        return this.fail(path, `expected an integer (a number, or a string of digits for large values), got ${describe(value)}`);
    }
    oneOf(value, path, options, fallback) {
        if (value === undefined)
            return fallback;
        const text = typeof value === 'string' ? value.toLowerCase() : value;
        if (typeof text !== 'string' || !options.includes(text)) {
            this.fail(path, `expected one of ${options.map((o) => `"${o}"`).join(', ')}, got ${describe(value)}`);
        }
        return text;
    }
    ident(value, path) {
        const name = this.string(value, path);
        checkIdent(this, name, path);
        return name;
    }
    identList(value, path, required) {
        const items = this.array(value, path);
        if (required && items.length === 0)
            this.fail(path, 'expected at least one column');
        return items.map((item, i) => this.ident(item, at(path, i)));
    }
    fragment(value, path, what, statement = false) {
        const text = this.string(value, path).trim();
        const key = statement ? `;${text}` : text;
        let problem = this.fragments.get(key);
        if (problem === undefined)
            this.fragments.set(key, (problem = fragmentProblem(text, statement)));
        if (problem)
            this.fail(path, `${what} is not a single SQL ${statement ? 'query' : 'expression'}: ${problem}`);
        return statement ? text.replace(/;\s*$/, '') : text;
    }
    qualified(key, path) {
        const parsed = parseQualifiedName(key);
        if (!parsed)
            this.fail(path, `"${key}" is not a name: write name, schema.name or "Quoted Name"`);
        const schema = parsed.schema ?? DEFAULT_SCHEMA;
        checkIdent(this, schema, path);
        checkIdent(this, parsed.name, path);
        return { schema, name: parsed.name };
    }
}
function checkIdent(reader, name, path) {
    if (name.length === 0)
        reader.fail(path, 'a name cannot be empty');
    if (name.includes('\u0000'))
        reader.fail(path, 'a name cannot contain a NUL character');
    if (utf8Length(name) > MAX_IDENT_BYTES) {
        reader.fail(path, `"${name}" is longer than ${MAX_IDENT_BYTES} bytes, which PostgreSQL would truncate`);
    }
}
/** Bytes of `text` in UTF-8. A name of up to 21 UTF-16 units cannot pass 63 bytes: skip counting. */
function utf8Length(text) {
    if (text.length * 3 <= MAX_IDENT_BYTES)
        return text.length;
    let bytes = 0;
    for (let i = 0; i < text.length; i += 1) {
        const code = text.charCodeAt(i);
        if (code < 0x80)
            bytes += 1;
        else if (code < 0x800)
            bytes += 2;
        else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            bytes += 4;
            i += 1;
        }
        else
            bytes += 3;
    }
    return bytes;
}
function describe(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'an array';
    if (typeof value === 'object')
        return 'an object';
    return `${typeof value} ${JSON.stringify(value)}`;
}
/** JSON path segment: `.name` when simple, `["odd name"]` otherwise. */
function join(path, key) {
    if (typeof key === 'number')
        return `${path}[${key}]`;
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
/**
 * Parses JSON text strictly (see core/json): a syntax error names its line and column, a key
 * repeated in one object names both places and its JSON path.
 */
function parseJson(text, file) {
    try {
        return parseJsonText(text);
    }
    catch (error) {
        if (error instanceof JsonTextError)
            throw new SpecError(error.message, error.path, file);
        throw error;
    }
}
const TOP_KEYS = ['$schema', 'version', 'schemas', 'ignore', 'extensions', 'enums', 'sequences', 'tables', 'views'];
const TABLE_KEYS = ['comment', 'columns', 'primaryKey', 'unique', 'foreignKeys', 'checks', 'exclusions', 'indexes'];
/**
 * An operator of an exclusion constraint goes into SQL as written: operator characters only (no
 * comment start), or OPERATOR(schema.op).
 */
const OPERATOR = /^(?:[+\-*/<>=~!@#%^&|`?]{1,63}|OPERATOR\(\s*(?:"[^"]+"|[A-Za-z_][A-Za-z0-9_$]*)\s*\.\s*[+\-*/<>=~!@#%^&|`?]{1,63}\s*\))$/;
const COLUMN_KEYS = ['type', 'nullable', 'default', 'identity', 'generated', 'collation', 'comment', 'using', 'virtual'];
const FK_ACTIONS = ['no action', 'restrict', 'cascade', 'set null', 'set default'];
const FK_MATCH = ['simple', 'full', 'partial'];
const SERIAL_TYPES = {
    smallserial: 'smallint',
    serial2: 'smallint',
    serial: 'integer',
    serial4: 'integer',
    bigserial: 'bigint',
    serial8: 'bigint',
};
/**
 * Parses spec text into the schema model and the scope it manages. Throws SpecError naming the
 * file, the JSON path of the bad value and what was expected.
 */
function parseSpec(text, file) {
    return parseSpecJson(parseJson(text, file), file);
}
/**
 * The schemas a spec manages: those it lists under "schemas" and those its enums, sequences,
 * tables and views are in (public when it names none). It reads the JSON as it is, unchecked, so
 * that the live catalog can be read while the spec is being checked; parseSpecJson takes the
 * spec's schemas from here too, so both always agree on a valid spec.
 */
function specSchemas(json) {
    const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
    const names = new Set();
    if (!isObject(json))
        return [DEFAULT_SCHEMA];
    if (isObject(json.schemas))
        for (const name of Object.keys(json.schemas))
            names.add(name);
    for (const section of [json.enums, json.sequences, json.tables, json.views]) {
        if (!isObject(section))
            continue;
        for (const key of Object.keys(section)) {
            const parsed = parseQualifiedName(key);
            if (parsed)
                names.add(parsed.schema ?? DEFAULT_SCHEMA);
        }
    }
    if (names.size === 0)
        names.add(DEFAULT_SCHEMA);
    return [...names].sort(model_compareText);
}
/** parseSpec of JSON already parsed (by parseJson, whose syntax errors carry line and column). */
function parseSpecJson(json, file) {
    const r = new Reader(file);
    const root = r.object(json, '$', TOP_KEYS);
    if (root.version === undefined)
        r.fail('$.version', `missing; this pgdrift reads spec version ${SPEC_VERSION}`);
    if (root.version !== SPEC_VERSION) {
        r.fail('$.version', `unsupported spec version ${JSON.stringify(root.version)}; this pgdrift reads version ${SPEC_VERSION}`);
    }
    if (root.$schema !== undefined)
        r.string(root.$schema, '$.$schema');
    const schema = emptySchema();
    const tablePaths = new Map();
    for (const [name, value] of Object.entries(r.map(root.schemas, '$.schemas'))) {
        const path = at('$.schemas', name);
        checkIdent(r, name, path);
        const body = r.object(value, path, ['comment']);
        const comment = r.optString(body.comment, at(path, 'comment'));
        schema.schemas[name] = comment === undefined ? {} : { comment };
    }
    for (const [name, value] of Object.entries(r.map(root.extensions, '$.extensions'))) {
        const path = at('$.extensions', name);
        checkIdent(r, name, path);
        const body = r.object(value, path, ['schema', 'version']);
        const extSchema = body.schema === undefined ? DEFAULT_SCHEMA : r.ident(body.schema, at(path, 'schema'));
        const version = r.optString(body.version, at(path, 'version'));
        schema.extensions[name] = version === undefined ? { name, schema: extSchema } : { name, schema: extSchema, version };
    }
    for (const [key, value] of Object.entries(r.map(root.enums, '$.enums'))) {
        const path = at('$.enums', key);
        const q = r.qualified(key, path);
        const body = r.object(value, path, ['values', 'comment']);
        const values = r.array(body.values, at(path, 'values')).map((v, i) => r.string(v, at(at(path, 'values'), i)));
        if (values.length === 0)
            r.fail(at(path, 'values'), 'an enum needs at least one value');
        const dup = values.find((v, i) => values.indexOf(v) !== i);
        if (dup !== undefined)
            r.fail(at(path, 'values'), `value "${dup}" is listed twice`);
        const comment = r.optString(body.comment, at(path, 'comment'));
        const display = displayQualified(q.schema, q.name);
        if (schema.enums[display])
            r.fail(path, `enum ${display} is listed twice`);
        schema.enums[display] = { ...q, values, ...(comment === undefined ? {} : { comment }) };
    }
    for (const [key, value] of Object.entries(r.map(root.sequences, '$.sequences'))) {
        const path = at('$.sequences', key);
        const q = r.qualified(key, path);
        const display = displayQualified(q.schema, q.name);
        if (schema.sequences[display])
            r.fail(path, `sequence ${display} is listed twice`);
        schema.sequences[display] = parseSequence(r, q, value, path);
    }
    for (const [key, value] of Object.entries(r.map(root.tables, '$.tables'))) {
        const path = at('$.tables', key);
        const q = r.qualified(key, path);
        const display = displayQualified(q.schema, q.name);
        if (schema.tables[display])
            r.fail(path, `table ${display} is listed twice`);
        schema.tables[display] = parseTable(r, q, value, path);
        tablePaths.set(display, path);
    }
    for (const [key, value] of Object.entries(r.map(root.views, '$.views'))) {
        const path = at('$.views', key);
        const q = r.qualified(key, path);
        const body = r.object(value, path, ['query', 'materialized', 'comment']);
        const definition = r.fragment(body.query, at(path, 'query'), 'the view query', true);
        const comment = r.optString(body.comment, at(path, 'comment'));
        const display = displayQualified(q.schema, q.name);
        if (schema.tables[display])
            r.fail(path, `${display} is both a table and a view`);
        if (schema.views[display])
            r.fail(path, `view ${display} is listed twice`);
        schema.views[display] = {
            ...q,
            materialized: r.bool(body.materialized, at(path, 'materialized'), false),
            definition,
            ...(comment === undefined ? {} : { comment }),
        };
    }
    // Schemas the spec uses are schemas it manages, whether or not it lists them.
    for (const name of specSchemas(root))
        schema.schemas[name] ??= {};
    schema.schemas = sortRecord(schema.schemas);
    resolveEnumTypes(schema);
    for (const [display, table] of Object.entries(schema.tables)) {
        table.foreignKeys.forEach((fk, i) => {
            const target = schema.tables[fk.refTable];
            fk.refColumns.forEach((col, j) => {
                if (target && !target.columns.some((c) => c.name === col)) {
                    r.fail(at(at(at(at(at(tablePaths.get(display) ?? '$.tables', 'foreignKeys'), i), 'references'), 'columns'), j), `references column "${col}" that ${fk.refTable} does not have`);
                }
            });
        });
    }
    const ignore = r.array(root.ignore, '$.ignore').map((item, i) => {
        const pattern = r.string(item, `$.ignore[${i}]`);
        if (!/^[^.]+(\.[^.]+)?$/.test(pattern.replace(/"[^"]*"/g, 'x'))) {
            r.fail(`$.ignore[${i}]`, `"${pattern}" is not a pattern: write schema.name, schema.* or name`);
        }
        return pattern;
    });
    return {
        schema: {
            ...schema,
            enums: sortRecord(schema.enums),
            sequences: sortRecord(schema.sequences),
            tables: sortRecord(schema.tables),
            views: sortRecord(schema.views),
            extensions: sortRecord(schema.extensions),
        },
        scope: { schemas: Object.keys(schema.schemas), ignore },
    };
}
/**
 * Gives a column typed with a spec enum's own name, unquoted and not in lower case (`Role`,
 * `app.Role[]`, as Prisma names its enums), that enum's quoted name. SQL would fold the text to
 * `role` and miss the enum whether or not the database has it yet; the spec says the name it means
 * (its keys are not folded either). A bare name is looked for in the spec's schemas, then public:
 * the search_path PostgreSQL reads the spec with (see plan.specSearchPath).
 */
function resolveEnumTypes(schema) {
    const enums = new Set(Object.values(schema.enums).map((e) => displayQualified(e.schema, e.name)));
    if (enums.size === 0)
        return;
    const order = [...new Set([...Object.keys(schema.schemas), DEFAULT_SCHEMA])];
    const resolved = new Map();
    const resolve = (type) => {
        const match = /^(.*?)((?:\s*\[\s*\d*\s*\])*)$/s.exec(type);
        const base = (match?.[1] ?? type).trim();
        if (base.includes('"') || base === base.toLowerCase())
            return type;
        const parsed = parseQualifiedName(base);
        if (!parsed)
            return type;
        const schemaName = parsed.schema === undefined ? order.find((s) => enums.has(displayQualified(s, parsed.name))) : parsed.schema;
        if (schemaName === undefined || !enums.has(displayQualified(schemaName, parsed.name)))
            return type;
        return `${ident_quoteQualified(schemaName, parsed.name)}${(match?.[2] ?? '').replace(/\s+/g, '')}`;
    };
    for (const table of Object.values(schema.tables)) {
        for (const column of table.columns) {
            let type = resolved.get(column.type);
            if (type === undefined)
                resolved.set(column.type, (type = resolve(column.type)));
            column.type = type;
        }
    }
}
const TYPE_LIMITS = {
    smallint: ['-32768', '32767'],
    integer: ['-2147483648', '2147483647'],
    bigint: ['-9223372036854775808', '9223372036854775807'],
};
const TYPE_ALIASES = { int2: 'smallint', int4: 'integer', int: 'integer', int8: 'bigint' };
function parseSequence(r, q, value, path) {
    const body = r.object(value, path, ['type', 'start', 'increment', 'min', 'max', 'cache', 'cycle', 'comment']);
    const rawType = (r.optString(body.type, at(path, 'type')) ?? 'bigint').toLowerCase();
    const type = TYPE_ALIASES[rawType] ?? rawType;
    const limits = TYPE_LIMITS[type];
    if (!limits)
        r.fail(at(path, 'type'), `expected smallint, integer or bigint, got "${rawType}"`);
    const increment = r.integerText(body.increment, at(path, 'increment')) ?? '1';
    if (increment === '0')
        r.fail(at(path, 'increment'), 'a sequence cannot step by 0');
    const ascending = !increment.startsWith('-');
    const min = r.integerText(body.min, at(path, 'min')) ?? (ascending ? '1' : limits[0]);
    const max = r.integerText(body.max, at(path, 'max')) ?? (ascending ? limits[1] : '-1');
    const start = r.integerText(body.start, at(path, 'start')) ?? (ascending ? min : max);
    const cache = r.integerText(body.cache, at(path, 'cache')) ?? '1';
    const comment = r.optString(body.comment, at(path, 'comment'));
    return {
        ...q,
        type,
        start,
        increment,
        min,
        max,
        cache,
        cycle: r.bool(body.cycle, at(path, 'cycle'), false),
        ...(comment === undefined ? {} : { comment }),
    };
}
function parseTable(r, q, value, path) {
    const body = r.object(value, path, TABLE_KEYS);
    const columnsPath = at(path, 'columns');
    const columns = Object.entries(r.map(body.columns, columnsPath)).map(([name, spec]) => parseColumn(r, name, spec, at(columnsPath, name)));
    const names = new Set(columns.map((c) => c.name));
    const known = (list, where) => {
        for (const [i, col] of list.entries()) {
            if (!names.has(col))
                r.fail(at(where, i), `column "${col}" is not a column of this table`);
        }
        return list;
    };
    const table = { ...q, columns, uniques: [], foreignKeys: [], checks: [], indexes: {} };
    const comment = r.optString(body.comment, at(path, 'comment'));
    if (comment !== undefined)
        table.comment = comment;
    if (body.primaryKey !== undefined) {
        const pkPath = at(path, 'primaryKey');
        const pk = Array.isArray(body.primaryKey) ? { columns: body.primaryKey } : r.object(body.primaryKey, pkPath, ['name', 'columns']);
        const pkCols = known(r.identList(pk.columns, at(pkPath, 'columns'), true), at(pkPath, 'columns'));
        const name = pk.name === undefined ? undefined : r.ident(pk.name, at(pkPath, 'name'));
        table.primaryKey = name === undefined ? { columns: pkCols } : { name, columns: pkCols };
        // PostgreSQL makes primary key columns NOT NULL.
        for (const col of columns)
            if (pkCols.includes(col.name))
                col.notNull = true;
    }
    table.uniques = r.array(body.unique, at(path, 'unique')).map((item, i) => {
        const p = at(at(path, 'unique'), i);
        const u = Array.isArray(item)
            ? { columns: item }
            : r.object(item, p, ['name', 'columns', 'include', 'nullsNotDistinct', 'deferrable', 'initiallyDeferred']);
        const unique = {
            columns: known(r.identList(u.columns, at(p, 'columns'), true), at(p, 'columns')),
            nullsNotDistinct: r.bool(u.nullsNotDistinct, at(p, 'nullsNotDistinct'), false),
            deferrable: r.bool(u.deferrable, at(p, 'deferrable'), false),
            initiallyDeferred: r.bool(u.initiallyDeferred, at(p, 'initiallyDeferred'), false),
        };
        const include = known(r.identList(u.include, at(p, 'include'), false), at(p, 'include'));
        if (include.length)
            unique.include = include;
        if (u.name !== undefined)
            unique.name = r.ident(u.name, at(p, 'name'));
        return unique;
    });
    table.foreignKeys = r.array(body.foreignKeys, at(path, 'foreignKeys')).map((item, i) => {
        const p = at(at(path, 'foreignKeys'), i);
        const f = r.object(item, p, ['name', 'columns', 'references', 'onDelete', 'onUpdate', 'match', 'deferrable', 'initiallyDeferred']);
        const ref = r.object(f.references, at(p, 'references'), ['table', 'columns']);
        const refPath = at(p, 'references');
        const refTarget = r.qualified(r.string(ref.table, at(refPath, 'table')), at(refPath, 'table'));
        const fkCols = known(r.identList(f.columns, at(p, 'columns'), true), at(p, 'columns'));
        const refCols = r.identList(ref.columns, at(refPath, 'columns'), true);
        if (refCols.length !== fkCols.length) {
            r.fail(at(refPath, 'columns'), `lists ${refCols.length} columns for ${fkCols.length} referencing columns`);
        }
        const fk = {
            columns: fkCols,
            refTable: displayQualified(refTarget.schema, refTarget.name),
            refColumns: refCols,
            onDelete: r.oneOf(f.onDelete, at(p, 'onDelete'), FK_ACTIONS, 'no action'),
            onUpdate: r.oneOf(f.onUpdate, at(p, 'onUpdate'), FK_ACTIONS, 'no action'),
            match: r.oneOf(f.match, at(p, 'match'), FK_MATCH, 'simple'),
            deferrable: r.bool(f.deferrable, at(p, 'deferrable'), false),
            initiallyDeferred: r.bool(f.initiallyDeferred, at(p, 'initiallyDeferred'), false),
        };
        if (f.name !== undefined)
            fk.name = r.ident(f.name, at(p, 'name'));
        return fk;
    });
    table.checks = r.array(body.checks, at(path, 'checks')).map((item, i) => {
        const p = at(at(path, 'checks'), i);
        const c = typeof item === 'string' ? { expression: item } : r.object(item, p, ['name', 'expression', 'noInherit']);
        const check = {
            expression: r.fragment(c.expression, typeof item === 'string' ? p : at(p, 'expression'), 'the check'),
            noInherit: r.bool(c.noInherit, at(p, 'noInherit'), false),
        };
        if (c.name !== undefined)
            check.name = r.ident(c.name, at(p, 'name'));
        return check;
    });
    const exclusions = r
        .array(body.exclusions, at(path, 'exclusions'))
        .map((item, i) => parseExclusion(r, item, at(at(path, 'exclusions'), i), names));
    if (exclusions.length)
        table.exclusions = exclusions;
    const indexesPath = at(path, 'indexes');
    for (const [name, spec] of Object.entries(r.map(body.indexes, indexesPath))) {
        const p = at(indexesPath, name);
        checkIdent(r, name, p);
        table.indexes[name] = parseIndex(r, name, spec, p, names);
    }
    table.indexes = sortRecord(table.indexes);
    return table;
}
/** Column clauses a type text must not carry: each has its own key, where it is checked and diffed. */
const TYPE_CLAUSES = [
    [/--|\/\*/, 'it contains a comment'],
    [/\bdefault\b/i, 'write a default under "default"'],
    [/\b(not\s+)?null\b/i, 'write nullability under "nullable"'],
    [/\bprimary\b/i, 'write the key under the table\'s "primaryKey"'],
    [/\bunique\b/i, 'write it under the table\'s "unique"'],
    [/\breferences\b/i, 'write it under the table\'s "foreignKeys"'],
    [/\bcheck\b/i, 'write it under the table\'s "checks"'],
    [/\bcollate\b/i, 'write the collation under "collation"'],
    [/\bgenerated\b/i, 'write it under "identity" or "generated" (a type named generated must be quoted)'],
    [/\b(constraint|deferrable|initially)\b/i, 'constraints go under the table'],
];
/** Why a column's type text is more than a type (`int DEFAULT 5`), or null. Quoted names are exempt. */
function typeClauseProblem(type) {
    const bare = type.replace(/"(?:[^"]|"")*"/g, '""');
    for (const [pattern, advice] of TYPE_CLAUSES)
        if (pattern.test(bare))
            return advice;
    return null;
}
/** Why a column's type text is refused, or null. */
function typeComplaint(rawType) {
    const typeProblem = fragmentProblem(rawType) ?? typeClauseProblem(rawType);
    if (typeProblem || /[,]/.test(rawType.replace(/\([^)]*\)/g, '')))
        return `"${rawType}" is not a type name${typeProblem ? `: ${typeProblem}` : ''}`;
    return null;
}
function parseColumn(r, name, value, path) {
    checkIdent(r, name, path);
    const body = typeof value === 'string' ? { type: value } : r.object(value, path, COLUMN_KEYS);
    const rawType = r.string(body.type, at(path, 'type')).trim();
    let complaint = r.types.get(rawType);
    if (complaint === undefined)
        r.types.set(rawType, (complaint = typeComplaint(rawType)));
    if (complaint !== null)
        r.fail(at(path, 'type'), complaint);
    const serialBase = SERIAL_TYPES[rawType.toLowerCase()];
    const column = {
        name,
        type: serialBase ?? rawType,
        notNull: !r.bool(body.nullable, at(path, 'nullable'), true),
    };
    if (serialBase) {
        column.serial = true;
        column.notNull = body.nullable !== true;
    }
    if (body.default !== undefined && body.default !== null) {
        if (serialBase)
            r.fail(at(path, 'default'), 'a serial column takes its default from its sequence');
        column.default = r.fragment(body.default, at(path, 'default'), 'the default');
    }
    if (body.identity !== undefined && body.identity !== null) {
        column.identity = r.oneOf(body.identity, at(path, 'identity'), ['always', 'by default'], 'always');
        if (column.default !== undefined || serialBase)
            r.fail(at(path, 'identity'), 'an identity column cannot also have a default or be serial');
        column.notNull = true;
    }
    if (body.generated !== undefined && body.generated !== null) {
        column.generated = r.fragment(body.generated, at(path, 'generated'), 'the generated expression');
        if (column.default !== undefined || column.identity)
            r.fail(at(path, 'generated'), 'a generated column cannot also have a default or identity');
        if (r.bool(body.virtual, at(path, 'virtual'), false))
            column.virtual = true;
    }
    else if (body.virtual !== undefined) {
        r.fail(at(path, 'virtual'), 'only a generated column can be virtual');
    }
    const collation = r.optString(body.collation, at(path, 'collation'));
    if (collation !== undefined) {
        checkIdent(r, collation, at(path, 'collation'));
        column.collation = collation;
    }
    const comment = r.optString(body.comment, at(path, 'comment'));
    if (comment !== undefined)
        column.comment = comment;
    if (body.using !== undefined && body.using !== null)
        column.using = r.fragment(body.using, at(path, 'using'), 'the conversion expression');
    return column;
}
function parseExclusion(r, value, path, columns) {
    const body = r.object(value, path, ['name', 'using', 'elements', 'include', 'where', 'deferrable', 'initiallyDeferred']);
    const elementsPath = at(path, 'elements');
    const items = r.array(body.elements, elementsPath);
    if (items.length === 0)
        r.fail(elementsPath, 'an exclusion constraint needs at least one element');
    const elements = items.map((item, i) => {
        const p = at(elementsPath, i);
        const fields = r.object(item, p, ['column', 'expression', 'order', 'nulls', 'opclass', 'collation', 'operator']);
        const { operator, ...key } = fields;
        const op = r.string(operator, at(p, 'operator')).trim();
        if (!OPERATOR.test(op) || op.includes('--') || op.includes('/*'))
            r.fail(at(p, 'operator'), `"${op}" is not an operator: write it as in SQL, e.g. "&&", "=", or OPERATOR(schema.op)`);
        return { ...parseKey(r, key, p, columns), operator: op };
    });
    const include = r.identList(body.include, at(path, 'include'), false);
    for (const [i, col] of include.entries()) {
        if (!columns.has(col))
            r.fail(at(at(path, 'include'), i), `column "${col}" is not a column of this table`);
    }
    const exclusion = {
        method: (r.optString(body.using, at(path, 'using')) ?? 'gist').toLowerCase(),
        elements,
        include,
        deferrable: r.bool(body.deferrable, at(path, 'deferrable'), false),
        initiallyDeferred: r.bool(body.initiallyDeferred, at(path, 'initiallyDeferred'), false),
    };
    if (body.name !== undefined)
        exclusion.name = r.ident(body.name, at(path, 'name'));
    if (body.where !== undefined && body.where !== null)
        exclusion.where = r.fragment(body.where, at(path, 'where'), 'the predicate');
    return exclusion;
}
/** One key of an index or element of an exclusion constraint: a column name or an object. */
function parseKey(r, item, p, columns) {
    if (typeof item === 'string') {
        if (!columns.has(item))
            r.fail(p, `column "${item}" is not a column of this table (write {"expression": "…"} for an expression)`);
        return { expression: item, column: true, descending: false, nullsFirst: false };
    }
    const k = r.object(item, p, ['column', 'expression', 'order', 'nulls', 'opclass', 'collation']);
    if ((k.column === undefined) === (k.expression === undefined))
        r.fail(p, 'give exactly one of "column" or "expression"');
    const isColumn = k.column !== undefined;
    const expression = isColumn ? r.ident(k.column, at(p, 'column')) : r.fragment(k.expression, at(p, 'expression'), 'the index expression');
    if (isColumn && !columns.has(expression))
        r.fail(at(p, 'column'), `column "${expression}" is not a column of this table`);
    const descending = r.oneOf(k.order, at(p, 'order'), ['asc', 'desc'], 'asc') === 'desc';
    const nulls = r.oneOf(k.nulls, at(p, 'nulls'), ['first', 'last'], descending ? 'first' : 'last');
    const key = { expression, column: isColumn, descending, nullsFirst: nulls === 'first' };
    const opclass = r.optString(k.opclass, at(p, 'opclass'));
    if (opclass !== undefined)
        key.opclass = opclass;
    const collation = r.optString(k.collation, at(p, 'collation'));
    if (collation !== undefined)
        key.collation = collation;
    return key;
}
function parseIndex(r, name, value, path, columns) {
    const body = r.object(value, path, ['columns', 'unique', 'method', 'where', 'include', 'nullsNotDistinct']);
    const keysPath = at(path, 'columns');
    const items = r.array(body.columns, keysPath);
    if (items.length === 0)
        r.fail(keysPath, 'an index needs at least one column or expression');
    const keys = items.map((item, i) => parseKey(r, item, at(keysPath, i), columns));
    const include = r.identList(body.include, at(path, 'include'), false);
    for (const [i, col] of include.entries()) {
        if (!columns.has(col))
            r.fail(at(at(path, 'include'), i), `column "${col}" is not a column of this table`);
    }
    const index = {
        name,
        unique: r.bool(body.unique, at(path, 'unique'), false),
        method: (r.optString(body.method, at(path, 'method')) ?? 'btree').toLowerCase(),
        keys,
        include,
        nullsNotDistinct: r.bool(body.nullsNotDistinct, at(path, 'nullsNotDistinct'), false),
    };
    if (body.where !== undefined && body.where !== null)
        index.where = r.fragment(body.where, at(path, 'where'), 'the index predicate');
    return index;
}
/**
 * Writes a schema as a spec: stable key order, defaults omitted, so that a snapshot reviews well
 * in a diff and `snapshot` → `check` on the same database is clean.
 */
function toSpec(schema, schemaUrl = SPEC_SCHEMA_URL) {
    const out = { $schema: schemaUrl, version: SPEC_VERSION };
    out.schemas = Object.fromEntries(Object.keys(schema.schemas)
        .sort(compareText)
        .map((name) => [name, withOptional({}, 'comment', schema.schemas[name]?.comment)]));
    if (Object.keys(schema.extensions).length) {
        out.extensions = mapSorted(schema.extensions, (e) => ({ schema: e.schema, ...(e.version ? { version: e.version } : {}) }));
    }
    if (Object.keys(schema.enums).length) {
        out.enums = mapSorted(schema.enums, (e) => withOptional({ values: e.values }, 'comment', e.comment));
    }
    if (Object.keys(schema.sequences).length) {
        out.sequences = mapSorted(schema.sequences, (s) => withOptional({
            type: s.type,
            start: num(s.start),
            increment: num(s.increment),
            min: num(s.min),
            max: num(s.max),
            cache: num(s.cache),
            cycle: s.cycle,
        }, 'comment', s.comment));
    }
    out.tables = mapSorted(schema.tables, tableSpec);
    if (Object.keys(schema.views).length) {
        out.views = mapSorted(schema.views, (v) => withOptional({ query: v.definition, ...(v.materialized ? { materialized: true } : {}) }, 'comment', v.comment));
    }
    return out;
}
function tableSpec(t) {
    const pkCols = new Set(t.primaryKey?.columns ?? []);
    const out = {};
    if (t.comment !== undefined)
        out.comment = t.comment;
    out.columns = Object.fromEntries(t.columns.map((c) => [c.name, columnSpec(c, pkCols.has(c.name))]));
    if (t.primaryKey)
        out.primaryKey = withOptional({}, 'name', t.primaryKey.name, { columns: t.primaryKey.columns });
    if (t.uniques.length) {
        out.unique = sortByName(t.uniques).map((u) => ({
            ...(u.name ? { name: u.name } : {}),
            columns: u.columns,
            ...(u.include?.length ? { include: u.include } : {}),
            ...(u.nullsNotDistinct ? { nullsNotDistinct: true } : {}),
            ...(u.deferrable ? { deferrable: true } : {}),
            ...(u.initiallyDeferred ? { initiallyDeferred: true } : {}),
        }));
    }
    if (t.foreignKeys.length) {
        out.foreignKeys = sortByName(t.foreignKeys).map((f) => ({
            ...(f.name ? { name: f.name } : {}),
            columns: f.columns,
            references: { table: f.refTable, columns: f.refColumns },
            ...(f.onDelete !== 'no action' ? { onDelete: f.onDelete } : {}),
            ...(f.onUpdate !== 'no action' ? { onUpdate: f.onUpdate } : {}),
            ...(f.match !== 'simple' ? { match: f.match } : {}),
            ...(f.deferrable ? { deferrable: true } : {}),
            ...(f.initiallyDeferred ? { initiallyDeferred: true } : {}),
        }));
    }
    if (t.checks.length) {
        out.checks = sortByName(t.checks).map((c) => ({
            ...(c.name ? { name: c.name } : {}),
            expression: c.expression,
            ...(c.noInherit ? { noInherit: true } : {}),
        }));
    }
    if (t.exclusions?.length) {
        out.exclusions = sortByName(t.exclusions).map((x) => ({
            ...(x.name ? { name: x.name } : {}),
            using: x.method,
            elements: x.elements.map((e) => ({ ...keySpec(e, true), operator: e.operator })),
            ...(x.include.length ? { include: x.include } : {}),
            ...(x.where !== undefined ? { where: x.where } : {}),
            ...(x.deferrable ? { deferrable: true } : {}),
            ...(x.initiallyDeferred ? { initiallyDeferred: true } : {}),
        }));
    }
    if (Object.keys(t.indexes).length)
        out.indexes = mapSorted(t.indexes, indexSpec);
    return out;
}
function columnSpec(c, inPrimaryKey) {
    const out = { type: c.serial ? serialType(c.type) : c.type };
    const impliedNotNull = inPrimaryKey || c.serial === true || c.identity !== undefined;
    if (c.notNull && !impliedNotNull)
        out.nullable = false;
    if (!c.notNull && impliedNotNull)
        out.nullable = true;
    if (c.default !== undefined)
        out.default = c.default;
    if (c.identity)
        out.identity = c.identity;
    if (c.generated !== undefined)
        out.generated = c.generated;
    if (c.virtual)
        out.virtual = true;
    if (c.collation !== undefined)
        out.collation = c.collation;
    if (c.comment !== undefined)
        out.comment = c.comment;
    return out;
}
/** A key as the spec writes it: a plain column as its name, unless `asObject`. */
function keySpec(k, asObject = false) {
    const simple = k.column && !k.descending && !k.nullsFirst && !k.opclass && !k.collation;
    if (simple && !asObject)
        return k.expression;
    return {
        [k.column ? 'column' : 'expression']: k.expression,
        ...(k.descending ? { order: 'desc' } : {}),
        ...(k.nullsFirst !== k.descending ? { nulls: k.nullsFirst ? 'first' : 'last' } : {}),
        ...(k.opclass ? { opclass: k.opclass } : {}),
        ...(k.collation ? { collation: k.collation } : {}),
    };
}
function indexSpec(i) {
    const out = {
        columns: i.keys.map((k) => keySpec(k)),
    };
    if (i.unique)
        out.unique = true;
    if (i.method !== 'btree')
        out.method = i.method;
    if (i.include.length)
        out.include = i.include;
    if (i.where !== undefined)
        out.where = i.where;
    if (i.nullsNotDistinct)
        out.nullsNotDistinct = true;
    return out;
}
function withOptional(base, key, value, rest = {}) {
    return value === undefined ? { ...base, ...rest } : { ...base, [key]: value, ...rest };
}
function mapSorted(record, fn) {
    const out = {};
    for (const key of Object.keys(record).sort(compareText))
        out[key] = fn(record[key]);
    return out;
}
function sortByName(items) {
    return [...items].sort((a, b) => compareText(a.name ?? '', b.name ?? ''));
}
function num(text) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
}
/**
 * True when `schemaName.name` is matched by one of the scope's ignore patterns: `schema.name`,
 * `name` (in public), with `*` standing for any run of characters (`audit.*`, `public.knex_*`).
 */
function isIgnored(scope, schemaName, name) {
    return scope.ignore.some((pattern) => {
        const parsed = parseQualifiedName(pattern);
        if (!parsed)
            return false;
        return globMatch(parsed.schema ?? DEFAULT_SCHEMA, schemaName) && globMatch(parsed.name, name);
    });
}
/**
 * Whether `text` is matched by `pattern`, where `*` stands for any run of characters (none
 * included) and every other character for itself. Greedy with one backtrack point (the last `*`),
 * so it takes at most O(pattern × text) steps whatever the pattern: a spec's pattern of many `*`
 * cannot stall a check the way a backtracking regular expression would.
 */
function globMatch(pattern, text) {
    let p = 0;
    let t = 0;
    let star = -1;
    let resume = 0;
    while (t < text.length) {
        if (p < pattern.length && pattern[p] === '*') {
            star = p;
            p += 1;
            resume = t;
        }
        else if (p < pattern.length && pattern[p] === text[t]) {
            p += 1;
            t += 1;
        }
        else if (star >= 0) {
            p = star + 1;
            resume += 1;
            t = resume;
        }
        else {
            return false;
        }
    }
    while (p < pattern.length && pattern[p] === '*')
        p += 1;
    return p === pattern.length;
}

;// CONCATENATED MODULE: ./src/core/diff.ts



const CHANGE_KINDS = (/* unused pure expression or super */ null && ([
    'add-schema',
    'add-extension',
    'alter-extension',
    'drop-extension',
    'add-enum',
    'add-enum-value',
    'alter-enum',
    'drop-enum',
    'add-sequence',
    'alter-sequence',
    'drop-sequence',
    'add-table',
    'drop-table',
    'add-column',
    'drop-column',
    'alter-column-type',
    'set-not-null',
    'drop-not-null',
    'set-default',
    'drop-default',
    'alter-column-identity',
    'alter-column-serial',
    'alter-column-generated',
    'alter-column-collation',
    'add-primary-key',
    'drop-primary-key',
    'alter-primary-key',
    'add-unique',
    'drop-unique',
    'add-foreign-key',
    'drop-foreign-key',
    'add-check',
    'drop-check',
    'add-exclusion',
    'drop-exclusion',
    'rename-constraint',
    'validate-constraint',
    'add-index',
    'drop-index',
    'alter-index',
    'rename-index',
    'add-view',
    'alter-view',
    'drop-view',
    'set-comment',
]));
/** Fails to compile when a switch over change kinds misses one. */
function unreachable(value) {
    throw new Error(`unhandled change kind ${JSON.stringify(value.kind)}`);
}
/** The display name of an object: `app`, `public.messages`, `public.messages.role`. */
function refName(ref) {
    if ('table' in ref)
        return `${displayQualified(ref.schema, ref.table)}.${displayIdent(ref.name)}`;
    if ('schema' in ref)
        return displayQualified(ref.schema, ref.name);
    return displayIdent(ref.name);
}
/** The display name of a change's object (the report's `object`). */
function diff_objectName(c) {
    return refName(c.object);
}
/**
 * The display key of the table a change belongs to (`public.messages`, the report's `table`), for
 * grouping; undefined for changes of objects outside tables (schemas, extensions, enums, sequences,
 * views).
 */
function tableName(c) {
    if (c.objectType === 'table')
        return displayQualified(c.object.schema, c.object.name);
    if (c.objectType === 'column' || c.objectType === 'constraint' || c.objectType === 'index')
        return displayQualified(c.object.schema, c.object.table);
    return undefined;
}
/** The same instant: PostgreSQL documents these as equivalent spellings of now(). */
const NOW_SPELLINGS = new Set(['now()', 'CURRENT_TIMESTAMP', 'transaction_timestamp()']);
function sameDefault(a, b) {
    if (a === b)
        return true;
    return a !== undefined && b !== undefined && NOW_SPELLINGS.has(a) && NOW_SPELLINGS.has(b);
}
/** Lists the changes that turn `current` into `desired`. Pure and deterministic. */
function diffSchemas(current, desired, options) {
    const scope = options.scope;
    const managed = new Set(scope.schemas);
    const inScope = (schema, name) => managed.has(schema) && !isIgnored(scope, schema, name);
    const changes = [];
    const push = (change) => {
        changes.push(change);
    };
    for (const name of sortedKeys(desired.schemas)) {
        if (!current.schemas[name])
            push({ kind: 'add-schema', objectType: 'schema', object: { name }, destructive: false, hazards: [] });
        else
            commentChange(push, { objectType: 'schema', object: { name } }, current.schemas[name]?.comment, desired.schemas[name]?.comment);
    }
    const manageExtensions = options.manageExtensions ?? Object.keys(desired.extensions).length > 0;
    for (const name of union(current.extensions, desired.extensions)) {
        const live = current.extensions[name];
        const want = desired.extensions[name];
        const object = { name };
        // Every database has plpgsql (introspection leaves it out): a spec that lists it asks for nothing.
        if (name === 'plpgsql' && !live)
            continue;
        if (want && !live)
            push({ kind: 'add-extension', objectType: 'extension', object, after: want, destructive: false, hazards: [] });
        else if (live && !want && manageExtensions)
            push({
                kind: 'drop-extension',
                objectType: 'extension',
                object,
                before: live,
                destructive: true,
                hazards: ['deletes-data', 'dependent-objects'],
            });
        else if (live && want && ((want.version !== undefined && want.version !== live.version) || want.schema !== live.schema)) {
            push({ kind: 'alter-extension', objectType: 'extension', object, before: live, after: want, destructive: false, hazards: [] });
        }
    }
    for (const key of union(current.enums, desired.enums)) {
        const live = current.enums[key];
        const want = desired.enums[key];
        const sample = (live ?? want);
        if (!inScope(sample.schema, sample.name))
            continue;
        const object = { schema: sample.schema, name: sample.name };
        if (want && !live)
            push({ kind: 'add-enum', objectType: 'enum', object, after: want.values, destructive: false, hazards: [] });
        else if (live && !want)
            push({ kind: 'drop-enum', objectType: 'enum', object, before: live.values, destructive: true, hazards: ['dependent-objects'] });
        else if (live && want) {
            if (!arraysEqual(live.values, want.values)) {
                const onlyAdded = isSubsequence(live.values, want.values);
                if (onlyAdded) {
                    for (const value of want.values.filter((v) => !live.values.includes(v))) {
                        const index = want.values.indexOf(value);
                        push({
                            kind: 'add-enum-value',
                            objectType: 'enum',
                            object,
                            after: { value, ...positionOf(want.values, live.values, index) },
                            destructive: false,
                            hazards: ['enum-value-usable-after-commit'],
                        });
                    }
                }
                else {
                    const comment = want.comment ?? live.comment;
                    push({
                        kind: 'alter-enum',
                        objectType: 'enum',
                        object,
                        before: live.values,
                        after: want.values,
                        uses: enumUses(key, current, desired),
                        ...(comment ? { comment } : {}),
                        destructive: true,
                        hazards: ['deletes-data', 'rewrites-table', 'dependent-objects'],
                    });
                }
            }
            commentChange(push, { objectType: 'enum', object }, live.comment, want.comment);
        }
    }
    for (const key of union(current.sequences, desired.sequences)) {
        const live = current.sequences[key];
        const want = desired.sequences[key];
        const sample = (live ?? want);
        if (!inScope(sample.schema, sample.name))
            continue;
        const object = { schema: sample.schema, name: sample.name };
        if (want && !live)
            push({ kind: 'add-sequence', objectType: 'sequence', object, after: want, destructive: false, hazards: [] });
        else if (live && !want)
            push({
                kind: 'drop-sequence',
                objectType: 'sequence',
                object,
                before: live,
                destructive: true,
                hazards: ['deletes-data', 'dependent-objects'],
            });
        else if (live && want) {
            // A sequence's start value is only its initial value; the live counter is not drift.
            const { start: _a, ...restA } = sequenceOptions(live);
            const { start: _b, ...restB } = sequenceOptions(want);
            if (JSON.stringify(restA) !== JSON.stringify(restB))
                push({ kind: 'alter-sequence', objectType: 'sequence', object, before: live, after: want, destructive: false, hazards: [] });
            commentChange(push, { objectType: 'sequence', object }, live.comment, want.comment);
        }
    }
    for (const key of union(current.tables, desired.tables)) {
        const live = current.tables[key];
        const want = desired.tables[key];
        const sample = (live ?? want);
        if (!inScope(sample.schema, sample.name))
            continue;
        const object = { schema: sample.schema, name: sample.name };
        if (want && !live)
            push({ kind: 'add-table', objectType: 'table', object, after: want, destructive: false, hazards: [] });
        else if (live && !want)
            push({
                kind: 'drop-table',
                objectType: 'table',
                object,
                before: live,
                destructive: true,
                hazards: ['deletes-data', 'access-exclusive-lock', 'dependent-objects'],
            });
        else if (live && want)
            diffTable(push, live, want);
    }
    for (const key of union(current.views, desired.views)) {
        const live = current.views[key];
        const want = desired.views[key];
        const sample = (live ?? want);
        if (!inScope(sample.schema, sample.name))
            continue;
        const object = { schema: sample.schema, name: sample.name };
        if (want && !live)
            push({ kind: 'add-view', objectType: 'view', object, after: want, destructive: false, hazards: [] });
        else if (live && !want)
            push({ kind: 'drop-view', objectType: 'view', object, before: live, destructive: true, hazards: ['dependent-objects'] });
        else if (live && want) {
            if (live.definition !== want.definition || live.materialized !== want.materialized) {
                push({
                    kind: 'alter-view',
                    objectType: 'view',
                    object,
                    before: live,
                    after: want,
                    destructive: false,
                    hazards: live.materialized || want.materialized ? ['access-exclusive-lock'] : [],
                });
            }
            commentChange(push, { objectType: 'view', object }, live.comment, want.comment, want.materialized);
        }
    }
    return changes;
}
/**
 * The names of a table's constraints and indexes, so that a constraint the spec leaves unnamed
 * gets, once, the name PostgreSQL would give it: the base name cut to 63 bytes, with a number
 * appended while the name is taken. The diff shows that name and the plan uses it.
 */
class ConstraintNames {
    live;
    used;
    constructor(live) {
        this.live = live;
    }
    take(base) {
        const t = this.live;
        this.used ??= new Set([
            t.primaryKey?.name,
            ...t.uniques.map((u) => u.name),
            ...t.foreignKeys.map((f) => f.name),
            ...t.checks.map((c) => c.name),
            ...(t.exclusions ?? []).map((x) => x.name),
            ...Object.keys(t.indexes),
        ].filter((n) => Boolean(n)));
        let name = fitName(base);
        for (let i = 1; this.used.has(name); i++)
            name = fitName(base, String(i));
        this.used.add(name);
        return name;
    }
}
function diffTable(push, live, want) {
    if (sameValue(live, want))
        return;
    const names = new ConstraintNames(live);
    const on = (name) => ({ schema: want.schema, table: want.name, name });
    const liveColumns = new Map(live.columns.map((c) => [c.name, c]));
    for (const column of want.columns) {
        const other = liveColumns.get(column.name);
        if (!other) {
            const hazards = column.notNull && column.default === undefined && !column.serial && !column.identity && column.generated === undefined
                ? ['may-fail-on-existing-rows']
                : [];
            if (column.generated !== undefined || column.identity)
                hazards.push('rewrites-table');
            push({ kind: 'add-column', objectType: 'column', object: on(column.name), after: column, destructive: false, hazards });
        }
        else
            diffColumn(push, on(column.name), names, want.name, other, column);
    }
    const wantColumns = new Set(want.columns.map((c) => c.name));
    for (const column of live.columns) {
        if (!wantColumns.has(column.name)) {
            push({
                kind: 'drop-column',
                objectType: 'column',
                object: on(column.name),
                before: column,
                destructive: true,
                hazards: ['deletes-data', 'dependent-objects'],
            });
        }
    }
    if (want.primaryKey && !live.primaryKey) {
        const name = want.primaryKey.name ?? names.take(`${want.name}_pkey`);
        push({
            kind: 'add-primary-key',
            objectType: 'constraint',
            object: on(name),
            after: want.primaryKey,
            destructive: false,
            hazards: ['may-fail-on-existing-rows', 'blocks-writes'],
        });
    }
    else if (!want.primaryKey && live.primaryKey) {
        push({
            kind: 'drop-primary-key',
            objectType: 'constraint',
            object: on(live.primaryKey.name ?? ''),
            before: live.primaryKey,
            destructive: true,
            hazards: ['dependent-objects'],
        });
    }
    else if (want.primaryKey && live.primaryKey) {
        if (!arraysEqual(want.primaryKey.columns, live.primaryKey.columns)) {
            push({
                kind: 'alter-primary-key',
                objectType: 'constraint',
                object: on(live.primaryKey.name ?? ''),
                before: live.primaryKey,
                after: want.primaryKey,
                destructive: true,
                hazards: ['may-fail-on-existing-rows', 'blocks-writes', 'dependent-objects'],
            });
        }
        else if (want.primaryKey.name !== undefined && want.primaryKey.name !== live.primaryKey.name) {
            push({
                kind: 'rename-constraint',
                objectType: 'constraint',
                object: on(live.primaryKey.name ?? ''),
                before: live.primaryKey.name ?? '',
                after: want.primaryKey.name,
                destructive: false,
                hazards: [],
            });
        }
    }
    // An unnamed constraint is shown and added under the name PostgreSQL's own pattern gives it.
    const constraints = { push, on, names };
    diffConstraints(constraints, live.uniques, want.uniques, uniqueSignature, (u) => `${want.name}_${[...u.columns, ...(u.include ?? [])].join('_')}_key`, {
        add: (object, after) => ({
            kind: 'add-unique',
            objectType: 'constraint',
            object,
            after,
            destructive: false,
            hazards: ['may-fail-on-existing-rows', 'blocks-writes'],
        }),
        drop: (object, before) => ({ kind: 'drop-unique', objectType: 'constraint', object, before, destructive: true, hazards: [] }),
    });
    diffConstraints(constraints, live.foreignKeys, want.foreignKeys, fkSignature, (f) => `${want.name}_${f.columns.join('_')}_fkey`, {
        add: (object, after) => ({
            kind: 'add-foreign-key',
            objectType: 'constraint',
            object,
            after,
            destructive: false,
            hazards: ['may-fail-on-existing-rows'],
        }),
        drop: (object, before) => ({ kind: 'drop-foreign-key', objectType: 'constraint', object, before, destructive: true, hazards: [] }),
        validate: (object, before) => ({
            kind: 'validate-constraint',
            objectType: 'constraint',
            object,
            constraint: 'foreign-key',
            before,
            destructive: false,
            hazards: ['may-fail-on-existing-rows'],
        }),
    });
    diffConstraints(constraints, live.checks, want.checks, (c) => `${c.expression}|${c.noInherit}`, (c) => checkName(want, c.expression), {
        add: (object, after) => ({
            kind: 'add-check',
            objectType: 'constraint',
            object,
            after,
            destructive: false,
            hazards: ['may-fail-on-existing-rows'],
        }),
        drop: (object, before) => ({ kind: 'drop-check', objectType: 'constraint', object, before, destructive: true, hazards: [] }),
        validate: (object, before) => ({
            kind: 'validate-constraint',
            objectType: 'constraint',
            object,
            constraint: 'check',
            before,
            destructive: false,
            hazards: ['may-fail-on-existing-rows'],
        }),
    });
    diffConstraints(constraints, live.exclusions ?? [], want.exclusions ?? [], exclusionSignature, (x) => `${want.name}_${[...x.elements.map(keyName), ...x.include].join('_')}_excl`, {
        add: (object, after) => ({
            kind: 'add-exclusion',
            objectType: 'constraint',
            object,
            after,
            destructive: false,
            hazards: ['may-fail-on-existing-rows', 'blocks-writes'],
        }),
        drop: (object, before) => ({ kind: 'drop-exclusion', objectType: 'constraint', object, before, destructive: true, hazards: [] }),
    });
    const liveIndexes = Object.values(live.indexes);
    const unmatchedLive = new Set(liveIndexes.map((i) => i.name));
    const signatures = new Map();
    const signature = (i) => {
        let text = signatures.get(i);
        if (text === undefined)
            signatures.set(i, (text = indexSignature(i)));
        return text;
    };
    const indexHazards = (index) => (index.unique ? ['blocks-writes', 'may-fail-on-existing-rows'] : ['blocks-writes']);
    const renames = [];
    const added = [];
    for (const index of Object.values(want.indexes)) {
        const other = live.indexes[index.name];
        if (other) {
            unmatchedLive.delete(index.name);
            if (signature(other) !== signature(index)) {
                push({
                    kind: 'alter-index',
                    objectType: 'index',
                    object: on(index.name),
                    before: other,
                    after: index,
                    destructive: false,
                    hazards: indexHazards(index),
                });
            }
        }
        else
            added.push(index);
    }
    for (const index of added) {
        const twin = liveIndexes.find((l) => unmatchedLive.has(l.name) && !want.indexes[l.name] && signature(l) === signature(index));
        if (twin) {
            unmatchedLive.delete(twin.name);
            renames.push([twin, index]);
        }
        else {
            push({
                kind: 'add-index',
                objectType: 'index',
                object: on(index.name),
                after: index,
                destructive: false,
                hazards: indexHazards(index),
            });
        }
    }
    for (const [from, to] of renames) {
        push({
            kind: 'rename-index',
            objectType: 'index',
            object: on(from.name),
            before: from.name,
            after: to.name,
            destructive: false,
            hazards: [],
        });
    }
    for (const index of liveIndexes.filter((i) => unmatchedLive.has(i.name)).sort((a, b) => model_compareText(a.name, b.name))) {
        push({ kind: 'drop-index', objectType: 'index', object: on(index.name), before: index, destructive: true, hazards: [] });
    }
    commentChange(push, { objectType: 'table', object: { schema: want.schema, name: want.name } }, live.comment, want.comment);
    for (const column of want.columns) {
        const other = liveColumns.get(column.name);
        if (other)
            commentChange(push, { objectType: 'column', object: on(column.name) }, other.comment, column.comment);
    }
}
/**
 * The changes of one column, in the order their statements must run: a generated column whose
 * expression changes (or appears, or goes) is dropped and added whole; otherwise what the old
 * definition has and the new one has not goes first (identity, the serial sequence, the default:
 * an identity column cannot change type or take a default, and a new sequence may want the old
 * one's name), then the type, then what the new one adds, then NOT NULL.
 */
function diffColumn(push, object, names, table, live, want) {
    const column = { objectType: 'column', object };
    if (live.generated !== want.generated || Boolean(live.virtual) !== Boolean(want.virtual)) {
        push({
            ...column,
            kind: 'alter-column-generated',
            before: live.generated ?? null,
            after: want.generated ?? null,
            column: want,
            destructive: true,
            hazards: ['deletes-data', 'rewrites-table'],
        });
        return;
    }
    const identityChanges = (live.identity ?? null) !== (want.identity ?? null);
    const identity = () => {
        const notNullFirst = live.identity === undefined && want.identity !== undefined && !live.notNull;
        push({
            ...column,
            kind: 'alter-column-identity',
            before: live.identity ?? null,
            after: want.identity ?? null,
            notNullFirst,
            destructive: false,
            hazards: [],
        });
    };
    const serial = () => {
        push({
            ...column,
            kind: 'alter-column-serial',
            before: Boolean(live.serial),
            after: Boolean(want.serial),
            column: want,
            destructive: false,
            hazards: [],
        });
    };
    // The default of a serial column is its sequence's: compared only when neither side is serial,
    // and a serial column that stops being one loses its default with its sequence.
    const liveDefault = live.serial ? undefined : live.default;
    const defaultChanges = !want.serial && live.generated === undefined && !sameDefault(liveDefault, want.default);
    if (identityChanges && want.identity === undefined)
        identity();
    if (live.serial && !want.serial)
        serial();
    if (defaultChanges && want.default === undefined && liveDefault !== undefined)
        push({ ...column, kind: 'drop-default', before: liveDefault, destructive: false, hazards: [] });
    if (live.type !== want.type || (live.collation ?? '') !== (want.collation ?? '')) {
        if (live.type !== want.type) {
            const safety = typeChangeSafety(live.type, want.type);
            const hazards = safety === 'widening-in-place'
                ? ['access-exclusive-lock']
                : safety === 'widening'
                    ? ['rewrites-table']
                    : ['rewrites-table', 'may-lose-precision'];
            const keptDefault = defaultChanges && want.default === undefined ? undefined : liveDefault;
            push({
                ...column,
                kind: 'alter-column-type',
                before: live.type,
                after: want.type,
                column: want,
                ...(keptDefault !== undefined ? { liveDefault: keptDefault } : {}),
                destructive: safety === 'narrowing',
                hazards,
            });
        }
        else {
            push({
                ...column,
                kind: 'alter-column-collation',
                before: live.collation ?? null,
                after: want.collation ?? null,
                type: want.type,
                destructive: false,
                hazards: ['rewrites-table'],
            });
        }
    }
    if (!live.serial && want.serial)
        serial();
    if (identityChanges && want.identity !== undefined)
        identity();
    if (defaultChanges && want.default !== undefined)
        push({ ...column, kind: 'set-default', before: liveDefault ?? null, after: want.default, destructive: false, hazards: [] });
    if (live.notNull !== want.notNull) {
        // Through a validated CHECK (col IS NOT NULL): the scan runs without blocking writes, and
        // SET NOT NULL then only takes its ACCESS EXCLUSIVE lock for a moment.
        if (want.notNull)
            push({
                ...column,
                kind: 'set-not-null',
                check: names.take(`${table}_${want.name}_not_null_check`),
                destructive: false,
                hazards: ['may-fail-on-existing-rows', 'access-exclusive-lock'],
            });
        else
            push({ ...column, kind: 'drop-not-null', destructive: false, hazards: [] });
    }
}
function commentChange(push, on, live, want, materialized) {
    // A spec that says nothing about a comment leaves it alone; "" asks for no comment.
    if (want === undefined || (live ?? '') === want)
        return;
    push({
        kind: 'set-comment',
        ...on,
        before: live ?? null,
        after: want === '' ? null : want,
        ...(materialized ? { materialized } : {}),
        destructive: false,
        hazards: [],
    });
}
/** The live tables whose columns have the type of enum `key` (or an array of it). */
function enumUses(key, current, desired) {
    const uses = [];
    for (const [tableKey, table] of Object.entries(current.tables)) {
        const columns = table.columns.filter((col) => col.type.replace(/(\[\])+$/, '') === key);
        if (columns.length === 0)
            continue;
        const wanted = desired.tables[tableKey];
        // A check comparing the column with a value of the renamed type has no operator for the new
        // one: such checks (any that names the column) are dropped first and added back after.
        const checks = table.checks.filter((ch) => ch.name !== undefined && columns.some((col) => ch.expression.includes(col.name)));
        uses.push({
            table: { schema: table.schema, name: table.name },
            columns: columns.map((col) => {
                const desiredDefault = wanted?.columns.find((x) => x.name === col.name)?.default ?? col.default;
                return {
                    name: col.name,
                    type: col.type,
                    ...(col.default !== undefined ? { liveDefault: col.default } : {}),
                    ...(desiredDefault !== undefined ? { default: desiredDefault } : {}),
                };
            }),
            checks,
        });
    }
    return uses;
}
/**
 * Matches constraints: a spec constraint with a name is matched by name first, then one without a
 * name (or whose name is not found) by definition. A named match with another definition is a
 * drop and an add; a definition match under another name is a rename.
 */
function diffConstraints({ push, on, names }, live, want, signatureOf, defaultName, make) {
    if (live.length === 0 && want.length === 0)
        return;
    const signatures = new Map();
    const signature = (c) => {
        let text = signatures.get(c);
        if (text === undefined)
            signatures.set(c, (text = signatureOf(c)));
        return text;
    };
    const remaining = [...live];
    const take = (matches) => {
        const i = remaining.findIndex(matches);
        return i < 0 ? undefined : remaining.splice(i, 1)[0];
    };
    const pending = [];
    // Live constraints the spec keeps that are NOT VALID, under the name they end up with.
    const validate = [];
    const needsValidation = (l) => make.validate !== undefined && l.notValid === true;
    for (const c of want) {
        const byName = c.name !== undefined ? take((l) => l.name === c.name && signature(l) === signature(c)) : undefined;
        if (!byName)
            pending.push(c);
        else if (needsValidation(byName))
            validate.push([byName.name ?? '', byName]);
    }
    const adds = [];
    for (const c of pending) {
        const twin = take((l) => signature(l) === signature(c) && (c.name === undefined || !want.some((w) => w.name === l.name)));
        if (!twin)
            adds.push(c);
        else if (c.name !== undefined && twin.name !== c.name) {
            push({
                kind: 'rename-constraint',
                objectType: 'constraint',
                object: on(twin.name ?? ''),
                before: twin.name ?? '',
                after: c.name,
                destructive: false,
                hazards: [],
            });
        }
        if (twin && needsValidation(twin))
            validate.push([c.name ?? twin.name ?? '', twin]);
    }
    for (const [name, l] of validate)
        push(make.validate(on(name), l));
    for (const c of remaining.sort((a, b) => model_compareText(a.name ?? '', b.name ?? '')))
        push(make.drop(on(c.name ?? ''), c));
    // An unnamed constraint whose default name is that of a live one being dropped replaces it under
    // that name (as the table built from the spec would have it), so the two go or stay together.
    const freed = new Set(remaining.map((c) => c.name).filter((n) => n !== undefined && !want.some((w) => w.name === n)));
    for (const c of adds) {
        const reuse = c.name === undefined ? fitName(defaultName(c)) : undefined;
        const name = reuse !== undefined && freed.delete(reuse) ? reuse : (c.name ?? names.take(defaultName(c)));
        push(make.add(on(name), c));
    }
}
/**
 * The part of PostgreSQL's name for an index or constraint that a key gives: a column's name, the
 * function an expression calls (`lower(email)` → `lower`), or `expr`.
 */
function keyName(k) {
    if (k.column)
        return k.expression;
    return /^([a-z_][a-z0-9_]*)\s*\(/.exec(k.expression)?.[1] ?? 'expr';
}
function uniqueSignature(u) {
    return JSON.stringify([u.columns, u.nullsNotDistinct, u.deferrable, u.initiallyDeferred, u.include ?? []]);
}
function exclusionSignature(x) {
    return JSON.stringify([
        x.method,
        x.elements.map((e) => [e.expression, e.column, e.operator, e.descending, e.nullsFirst, e.opclass ?? null, e.collation ?? null]),
        x.include,
        x.where ?? null,
        x.deferrable,
        x.initiallyDeferred,
    ]);
}
function fkSignature(f) {
    return JSON.stringify([f.columns, f.refTable, f.refColumns, f.onDelete, f.onUpdate, f.match, f.deferrable, f.initiallyDeferred]);
}
function indexSignature(i) {
    return JSON.stringify([
        i.unique,
        i.method,
        i.keys.map((k) => [k.expression, k.descending, k.nullsFirst, k.opclass ?? null, k.collation ?? null]),
        i.include,
        i.where ?? null,
        i.nullsNotDistinct,
    ]);
}
const INTEGER_RANK = { smallint: 1, integer: 2, bigint: 3 };
/**
 * Classifies a type change. In place: varchar(n) → varchar(m ≥ n), varchar → text, numeric(p,s)
 * → numeric(p' ≥ p, s), no typmod; bit varying likewise; a timestamp, time or interval precision
 * raised or dropped (PostgreSQL changes only the catalog when no value can change). A rewrite that
 * cannot lose values: smallint → integer → bigint, integer → numeric. Anything else may fail or
 * change values: narrowing.
 */
function typeChangeSafety(from, to) {
    const lengthOrPrecision = (x, y) => y[1] === undefined || (x[1] !== undefined && Number(y[1]) >= Number(x[1])) ? 'widening-in-place' : 'narrowing';
    const varchar = /^character varying(?:\((\d+)\))?$/;
    const a = varchar.exec(from);
    const b = varchar.exec(to);
    if (a && b)
        return lengthOrPrecision(a, b);
    const varbit = /^bit varying(?:\((\d+)\))?$/;
    const va = varbit.exec(from);
    const vb = varbit.exec(to);
    if (va && vb)
        return lengthOrPrecision(va, vb);
    // The same date/time type with another precision; 6 (microseconds) is the most there is.
    const temporal = /^(timestamp|time|interval)(?:\((\d+)\))?((?: with(?:out)? time zone)?)$/;
    const ta = temporal.exec(from);
    const tb = temporal.exec(to);
    if (ta && tb && ta[1] === tb[1] && ta[3] === tb[3]) {
        const precision = (m) => (m[2] === undefined ? 6 : Math.min(Number(m[2]), 6));
        return precision(tb) >= precision(ta) ? 'widening-in-place' : 'narrowing';
    }
    if (a && to === 'text')
        return 'widening-in-place';
    if ((from === 'text' && to === 'character varying') || (/^character\(\d+\)$/.test(from) && to === 'text'))
        return 'widening-in-place';
    const numeric = /^numeric(?:\((\d+),(\d+)\))?$/;
    const na = numeric.exec(from);
    const nb = numeric.exec(to);
    if (na && nb) {
        if (nb[1] === undefined)
            return 'widening-in-place';
        if (na[1] !== undefined && na[2] === nb[2] && Number(nb[1]) >= Number(na[1]))
            return 'widening-in-place';
        return 'narrowing';
    }
    const ia = INTEGER_RANK[from];
    const ib = INTEGER_RANK[to];
    if (ia !== undefined && ib !== undefined)
        return ib > ia ? 'widening' : 'narrowing';
    if (ia !== undefined && (to === 'numeric' || (to === 'double precision' && ia < 3)))
        return 'widening';
    if (from === 'real' && to === 'double precision')
        return 'widening';
    return 'narrowing';
}
/** The options of a sequence, as the report shows them. */
function sequenceOptions(s) {
    return { type: s.type, start: s.start, increment: s.increment, min: s.min, max: s.max, cache: s.cache, cycle: s.cycle };
}
function positionOf(want, live, index) {
    const next = want.slice(index + 1).find((v) => live.includes(v));
    if (next !== undefined)
        return { before: next };
    const previous = want
        .slice(0, index)
        .reverse()
        .find((v) => live.includes(v));
    return previous !== undefined ? { after: previous } : {};
}
function isSubsequence(small, big) {
    let i = 0;
    for (const v of big)
        if (v === small[i])
            i += 1;
    return i === small.length;
}
function arraysEqual(a, b) {
    return a.length === b.length && a.every((v, i) => v === b[i]);
}
function union(a, b) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(model_compareText);
}
function sortedKeys(a) {
    return Object.keys(a).sort(model_compareText);
}
/** The name PostgreSQL gives an unnamed check of `table` (before making it unique). */
function checkName(table, expression) {
    const only = checkColumns(expression, table.columns.map((col) => col.name));
    return `${table.name}${only.length === 1 ? `_${only[0]}` : ''}_check`;
}
/**
 * The table's columns a check expression (as PostgreSQL prints it) refers to, in order of first
 * use. PostgreSQL names an unnamed check `<table>_<column>_check` when it refers to exactly one
 * column, `<table>_check` otherwise. Names inside string literals, after `::` (types) and before
 * `(` (functions) are not column references; keywords are printed in capitals, columns are not.
 */
function checkColumns(expression, columns) {
    const known = new Set(columns);
    const found = [];
    const token = /'(?:[^']|'')*'|"((?:[^"]|"")*)"|([A-Za-z_][A-Za-z0-9_$]*)|::\s*|\S/g;
    // A name followed by `(` is a function, by `.` a table or schema.
    const callOrQualifier = /\s*[(.]/y;
    let afterCast = false;
    for (let m = token.exec(expression); m; m = token.exec(expression)) {
        const text = m[0];
        if (text.startsWith('::')) {
            afterCast = true;
            continue;
        }
        const name = m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2];
        if (name === undefined) {
            // A type name ends at anything but a dot or a further word of it (`character varying`).
            if (text !== '.')
                afterCast = false;
            continue;
        }
        // Type names print in lower case (or quoted); a keyword in capitals ends one.
        if (afterCast && (m[1] !== undefined || name === name.toLowerCase()))
            continue;
        afterCast = false;
        callOrQualifier.lastIndex = token.lastIndex;
        if (callOrQualifier.test(expression))
            continue;
        if (known.has(name) && !found.includes(name))
            found.push(name);
    }
    return found;
}

;// CONCATENATED MODULE: ./src/core/hazards.ts
/**
 * The one catalogue of hazards. Changes and planned statements carry hazard codes; the PR comment,
 * the CLI text and the JSON report all take their wording from here.
 */
const HAZARDS = {
    'deletes-data': 'Deletes data: the rows or values it removes cannot be recovered.',
    'rewrites-table': 'Rewrites the whole table while holding an ACCESS EXCLUSIVE lock; slow on large tables.',
    'access-exclusive-lock': 'Takes an ACCESS EXCLUSIVE lock: reads and writes of the table wait until it finishes.',
    'may-fail-on-existing-rows': 'May fail if existing rows violate it; nothing is changed if it does.',
    'may-lose-precision': 'Narrows or converts a type: existing values that do not fit make it fail, or are changed.',
    'blocks-writes': 'Blocks writes to the table while it runs (an index build or a validation scan).',
    'not-transactional': 'Cannot run inside a transaction: it runs on its own, and is not rolled back with the rest.',
    'dependent-objects': 'Objects that depend on it (views, foreign keys, defaults) may have to be dropped or changed as well.',
    'enum-value-usable-after-commit': 'A new enum value cannot be used until the transaction that adds it commits.',
    unverified: 'PostgreSQL could not check this part of the spec yet (it refers to objects that do not exist); its text is compared as written.',
};
function hazards_hazard(code) {
    return { code, message: HAZARDS[code] };
}

;// CONCATENATED MODULE: ./src/core/report.ts
/**
 * Renders a list of changes as the JSON report (a public contract), plain text for terminals and
 * Markdown for pull requests. All three read the same Change data and the same hazard catalogue.
 */




const REPORT_VERSION = 1;
/** Builds the JSON report: `{ version, drift, summary, changes, unverified }`. */
function buildReport(changes, unverified = []) {
    const byKind = {};
    for (const c of changes)
        byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
    return {
        version: REPORT_VERSION,
        drift: changes.length > 0,
        summary: {
            changes: changes.length,
            destructive: changes.filter((c) => c.destructive).length,
            tables: new Set(changes.map(tableName).filter(Boolean)).size,
            byKind,
        },
        changes: changes.map((c) => {
            const table = tableName(c);
            const { before, after } = reportValues(c);
            return {
                kind: c.kind,
                objectType: c.objectType,
                object: diff_objectName(c),
                ...(table ? { table } : {}),
                description: report_describeChange(c),
                destructive: c.destructive,
                hazards: c.hazards.map(hazards_hazard),
                ...(before !== undefined ? { before } : {}),
                ...(after !== undefined ? { after } : {}),
            };
        }),
        unverified,
    };
}
/**
 * The `before` and `after` of a change as the report shows them: the object or value on each side
 * (what planning needs besides, such as the desired column of a type change, is left out).
 */
function reportValues(c) {
    switch (c.kind) {
        case 'add-schema':
        case 'set-not-null':
        case 'drop-not-null':
            return {};
        case 'add-sequence':
            return { after: sequenceOptions(c.after) };
        case 'alter-sequence':
            return { before: sequenceOptions(c.before), after: sequenceOptions(c.after) };
        case 'drop-sequence':
            return { before: sequenceOptions(c.before) };
        case 'add-extension':
        case 'add-enum':
        case 'add-enum-value':
        case 'add-table':
        case 'add-column':
        case 'add-primary-key':
        case 'add-unique':
        case 'add-foreign-key':
        case 'add-check':
        case 'add-exclusion':
        case 'add-view':
            return { after: c.after };
        case 'drop-extension':
        case 'drop-enum':
        case 'drop-table':
        case 'drop-column':
        case 'drop-default':
        case 'drop-primary-key':
        case 'drop-unique':
        case 'drop-foreign-key':
        case 'drop-check':
        case 'drop-exclusion':
        case 'drop-index':
        case 'drop-view':
        case 'validate-constraint':
            return { before: c.before };
        case 'add-index':
            return c.before === undefined ? { after: c.after } : { before: c.before, after: c.after };
        case 'alter-extension':
        case 'alter-enum':
        case 'alter-column-type':
        case 'alter-column-collation':
        case 'set-default':
        case 'alter-column-identity':
        case 'alter-column-serial':
        case 'alter-column-generated':
        case 'alter-primary-key':
        case 'rename-constraint':
        case 'alter-index':
        case 'rename-index':
        case 'alter-view':
        case 'set-comment':
            return { before: c.before, after: c.after };
        default:
            return unreachable(c);
    }
}
function columnText(c) {
    const parts = [c.serial ? `${c.type} (serial)` : c.type];
    if (c.collation)
        parts.push(`COLLATE ${ident_quoteIdent(c.collation)}`);
    if (c.notNull)
        parts.push('NOT NULL');
    if (c.default !== undefined)
        parts.push(`DEFAULT ${c.default}`);
    if (c.identity)
        parts.push(`GENERATED ${c.identity.toUpperCase()} AS IDENTITY`);
    if (c.generated !== undefined)
        parts.push(`GENERATED ALWAYS AS (${c.generated}) ${c.virtual ? 'VIRTUAL' : 'STORED'}`);
    return parts.join(' ');
}
function keyText(k) {
    return `${k.column ? k.expression : `(${k.expression})`}${k.collation ? ` COLLATE ${ident_quoteIdent(k.collation)}` : ''}${k.opclass ? ` ${k.opclass}` : ''}${k.descending ? ' DESC' : ''}${k.nullsFirst !== k.descending ? (k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST') : ''}`;
}
function indexText(i) {
    const keys = i.keys.map(keyText).join(', ');
    return `${i.unique ? 'UNIQUE ' : ''}${i.method} (${keys})${i.include.length ? ` INCLUDE (${i.include.join(', ')})` : ''}${i.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}${i.where !== undefined ? ` WHERE ${i.where}` : ''}`;
}
/** `DEFERRABLE`, `DEFERRABLE INITIALLY DEFERRED` or nothing, with a leading space. */
function deferrableText(c) {
    return c.deferrable ? (c.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE') : '';
}
function fkText(f) {
    return `(${f.columns.join(', ')}) REFERENCES ${f.refTable} (${f.refColumns.join(', ')})${f.match !== 'simple' ? ` MATCH ${f.match.toUpperCase()}` : ''}${f.onDelete !== 'no action' ? ` ON DELETE ${f.onDelete.toUpperCase()}` : ''}${f.onUpdate !== 'no action' ? ` ON UPDATE ${f.onUpdate.toUpperCase()}` : ''}${deferrableText(f)}`;
}
/** A unique constraint's definition with every option, so that a replaced one shows what differs. */
function uniqueText(u) {
    return `${u.nullsNotDistinct ? 'NULLS NOT DISTINCT ' : ''}(${u.columns.join(', ')})${u.include?.length ? ` INCLUDE (${u.include.join(', ')})` : ''}${deferrableText(u)}`;
}
function exclusionText(x) {
    const elements = x.elements.map((e) => `${keyText(e)} WITH ${e.operator}`).join(', ');
    return `USING ${x.method} (${elements})${x.include.length ? ` INCLUDE (${x.include.join(', ')})` : ''}${x.where !== undefined ? ` WHERE ${x.where}` : ''}${deferrableText(x)}`;
}
/** What changes of a view besides (or instead of) its query. */
function viewChangeText(c, object) {
    if (c.before.materialized === c.after.materialized)
        return `replace the query of ${c.after.materialized ? 'materialized view' : 'view'} ${object}`;
    const turned = c.before.materialized
        ? `turn materialized view ${object} into a plain view`
        : `turn view ${object} into a materialized view`;
    return `${c.before.definition === c.after.definition ? turned : `${turned}, with another query`} (dropped and created again)`;
}
function tableSummary(t) {
    const count = (n, word) => (n ? `${n} ${word}${n === 1 ? '' : 's'}` : null);
    return [
        count(t.columns.length, 'column'),
        count(Object.keys(t.indexes).length, 'index'),
        count(t.foreignKeys.length, 'foreign key'),
        count(t.checks.length, 'check'),
        count(t.uniques.length, 'unique constraint'),
        count(t.exclusions?.length ?? 0, 'exclusion constraint'),
    ]
        .filter(Boolean)
        .join(', ');
}
/** One line that says what the change does, in SQL terms. */
function report_describeChange(c) {
    const object = diff_objectName(c);
    // The column, constraint or index, under the name a report shows it by.
    const own = (ref) => displayIdent(ref.name);
    switch (c.kind) {
        case 'add-schema':
            return `create schema ${object}`;
        case 'add-extension':
            return `create extension ${object}`;
        case 'alter-extension':
            return `change extension ${object}`;
        case 'drop-extension':
            return `drop extension ${object}`;
        case 'add-enum':
            return `create enum ${object} (${c.after.join(', ')})`;
        case 'add-enum-value': {
            const v = c.after;
            return `add value '${v.value}' to enum ${object}${v.before ? ` before '${v.before}'` : v.after ? ` after '${v.after}'` : ''}`;
        }
        case 'alter-enum':
            return `change enum ${object} values from (${c.before.join(', ')}) to (${c.after.join(', ')})`;
        case 'drop-enum':
            return `drop enum ${object}`;
        case 'add-sequence':
            return `create sequence ${object}`;
        case 'alter-sequence':
            return `change sequence ${object} options`;
        case 'drop-sequence':
            return `drop sequence ${object}`;
        case 'add-table':
            return `create table ${object} (${tableSummary(c.after)})`;
        case 'drop-table':
            return `drop table ${object}`;
        case 'add-column':
            return `add column ${own(c.object)} ${columnText(c.after)}`;
        case 'drop-column':
            return `drop column ${own(c.object)}`;
        case 'alter-column-type':
            return `change type of ${own(c.object)} from ${c.before} to ${c.after}`;
        case 'alter-column-collation':
            return `change collation of ${own(c.object)} from ${c.before ?? 'default'} to ${c.after ?? 'default'}`;
        case 'set-not-null':
            return `set ${own(c.object)} NOT NULL`;
        case 'drop-not-null':
            return `drop NOT NULL on ${own(c.object)}`;
        case 'set-default':
            return `set default of ${own(c.object)} to ${c.after}${c.before !== null ? ` (was ${c.before})` : ''}`;
        case 'drop-default':
            return `drop default of ${own(c.object)} (was ${c.before})`;
        case 'alter-column-identity':
            return `change identity of ${own(c.object)} from ${c.before ?? 'none'} to ${c.after ?? 'none'}`;
        case 'alter-column-serial':
            return c.after ? `make ${own(c.object)} serial` : `make ${own(c.object)} no longer serial`;
        case 'alter-column-generated':
            return `change generated expression of ${own(c.object)} to ${c.after ?? 'none'}`;
        case 'add-primary-key':
            return `add primary key (${c.after.columns.join(', ')})`;
        case 'drop-primary-key':
            return `drop primary key ${own(c.object)}`;
        case 'alter-primary-key':
            return `change primary key to (${c.after.columns.join(', ')})`;
        case 'add-unique':
            return `add unique ${uniqueText(c.after)}`;
        case 'drop-unique':
            return `drop unique constraint ${own(c.object)} ${uniqueText(c.before)}`;
        case 'add-foreign-key':
            return `add foreign key ${fkText(c.after)}`;
        case 'drop-foreign-key':
            return `drop foreign key ${own(c.object)} ${fkText(c.before)}`;
        case 'add-check':
            return `add check (${c.after.expression})`;
        case 'drop-check':
            return `drop check ${own(c.object)} (${c.before.expression})`;
        case 'add-exclusion':
            return `add exclusion constraint ${exclusionText(c.after)}`;
        case 'drop-exclusion':
            return `drop exclusion constraint ${own(c.object)} ${exclusionText(c.before)}`;
        case 'rename-constraint':
            return `rename constraint ${c.before} to ${c.after}`;
        case 'validate-constraint':
            return `validate ${c.constraint === 'check' ? `check ${own(c.object)} (${c.before.expression})` : `foreign key ${own(c.object)} ${fkText(c.before)}`}: the database has it NOT VALID`;
        case 'add-index':
            return c.before
                ? `rebuild index ${c.after.name} ${indexText(c.after)} (PostgreSQL marks it invalid: a concurrent build failed)`
                : `create index ${c.after.name} ${indexText(c.after)}`;
        case 'drop-index':
            return `drop index ${own(c.object)}`;
        case 'alter-index':
            return `rebuild index ${own(c.object)} as ${indexText(c.after)}`;
        case 'rename-index':
            return `rename index ${c.before} to ${c.after}`;
        case 'add-view':
            return `create ${c.after.materialized ? 'materialized view' : 'view'} ${object}`;
        case 'alter-view':
            return viewChangeText(c, object);
        case 'drop-view':
            return `drop view ${object}`;
        case 'set-comment':
            return c.after === null ? `remove the comment on ${c.objectType} ${object}` : `set the comment on ${c.objectType} ${object}`;
        default:
            return unreachable(c);
    }
}
const GLOBAL = '(database)';
function groups(report) {
    const map = new Map();
    for (const c of report.changes) {
        const key = c.table ?? GLOBAL;
        map.set(key, [...(map.get(key) ?? []), c]);
    }
    return [...map];
}
function headline(report, noun = 'Drift') {
    if (!report.drift)
        return 'No drift: the database matches the spec.';
    const s = report.summary;
    return `${noun}: ${s.changes} change${s.changes === 1 ? '' : 's'} (${s.destructive} destructive)${s.tables ? ` in ${s.tables} table${s.tables === 1 ? '' : 's'}` : ''}.`;
}
/** Plain text for terminals: a headline, then the changes grouped by table. */
function renderText(report) {
    const lines = [headline(report)];
    for (const [table, changes] of groups(report)) {
        lines.push('', table);
        for (const c of changes) {
            const mark = c.destructive ? '!' : c.kind.startsWith('add') ? '+' : c.kind.startsWith('drop') ? '-' : '~';
            lines.push(`  ${mark} ${c.description}`);
            for (const h of c.hazards)
                lines.push(`      hazard ${h.code}: ${h.message}`);
        }
    }
    if (report.unverified.length)
        lines.push('', `Not checked by PostgreSQL yet (compared as written): ${report.unverified.join(', ')}`);
    return `${lines.join('\n')}\n`;
}
/**
 * A Markdown code span that holds any text: the fence is longer than the longest run of backticks
 * inside, and line breaks become spaces, so a table named ``a`b`` or "x\n# y" cannot end the span
 * and have the rest read as Markdown or HTML.
 */
function codeSpan(text) {
    const flat = text.replace(/[\r\n]+/g, ' ');
    const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ')) ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}
function mdEscape(text) {
    return escapeMarkdown(text);
}
/** Markdown for pull requests and job summaries: one table per group of changes. */
function renderMarkdown(report, noun = 'Drift') {
    const lines = [`**${headline(report, noun)}**`];
    for (const [table, changes] of groups(report)) {
        lines.push('', `#### ${codeSpan(table)}`, '', '| | change | hazards |', '|---|---|---|');
        for (const c of changes) {
            const mark = c.destructive ? '⚠️' : c.kind.startsWith('add') ? '➕' : c.kind.startsWith('drop') ? '➖' : '✏️';
            lines.push(`| ${mark} | ${mdEscape(c.description)} | ${c.hazards.map((h) => `\`${h.code}\``).join(' ') || '—'} |`);
        }
    }
    const used = [...new Set(report.changes.flatMap((c) => c.hazards.map((h) => h.code)))].sort();
    if (used.length) {
        lines.push('', '<details><summary>What the hazards mean</summary>', '');
        for (const code of used)
            lines.push(`- \`${code}\`: ${hazard(code).message}`);
        lines.push('', '</details>');
    }
    if (report.unverified.length)
        lines.push('', `_Not checked by PostgreSQL yet (compared as written): ${report.unverified.map(mdEscape).join(', ')}_`);
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/core/plan.ts
/**
 * Turns changes into an ordered migration. Pure: the SQL text comes only from quoted identifiers,
 * quoted literals and expressions PostgreSQL itself printed (or that passed the fragment guard).
 *
 * Ordering lives here, in one fixed phase list; statements keep the diff's order inside a phase.
 * Destructive changes are withheld unless allowed. Risky changes use the online pattern: foreign
 * keys and checks are added NOT VALID and validated after, SET NOT NULL goes through a validated
 * check, and a NOT NULL column without a default is refused on a table that has rows.
 */




/** Phases in the order a migration runs them. */
const PHASES = [
    'schemas',
    // Foreign keys go first: nothing depends on one, and a key or unique constraint it references
    // cannot be dropped or changed while it exists.
    'drop-foreign-keys',
    // A constraint the spec replaces by one of the same name (another definition or options) is
    // dropped before the new one is added.
    'drop-replaced',
    'types',
    'tables',
    'columns',
    'constraints',
    'indexes',
    // After primary keys, unique constraints and indexes: a foreign key needs the key it references.
    'foreign-keys',
    'views',
    'comments',
    // Drops last, dependents first.
    'drop-views',
    'drop-constraints',
    'drop-columns',
    'drop-tables',
    'drop-types',
];
/**
 * The search_path of the spec's fragments: the spec's schemas first, then public and the schemas
 * of extensions (citext, uuid_generate_v4() where they were installed). pg_catalog comes first
 * anyway, as it is not listed. Quoted, comma-separated.
 */
function specSearchPath(desired, live) {
    const schemas = [
        ...Object.keys(desired.schemas),
        'public',
        ...Object.values(desired.extensions).map((e) => e.schema),
        ...Object.values(live.extensions).map((e) => e.schema),
    ];
    return [...new Set(schemas)].map(ident_quoteIdent).join(', ');
}
/**
 * `"schema"."name"` from a display key such as `public.messages` or `"My Schema".t`: for the keys
 * the model holds (a foreign key's referenced table); changes name their objects by parts.
 */
function qualifiedSql(key) {
    const parsed = parseQualifiedName(key);
    if (!parsed)
        throw new PlanError(`"${key}" is not a qualified name`);
    return parsed.schema === undefined ? ident_quoteIdent(parsed.name) : ident_quoteQualified(parsed.schema, parsed.name);
}
/**
 * A user's SQL fragment as it goes into a statement. Text PostgreSQL printed has no comments, but
 * a fragment compared as written (unverified) may end in a `--` comment, which would swallow
 * whatever follows on its line: such a fragment gets a line break after it.
 */
function fragmentSql(text) {
    return text.includes('--') ? `${text}\n` : text;
}
function columnDefinition(c) {
    const parts = [ident_quoteIdent(c.name), c.type];
    if (c.collation !== undefined)
        parts.push(`COLLATE ${ident_quoteIdent(c.collation)}`);
    if (c.default !== undefined)
        parts.push(`DEFAULT ${fragmentSql(c.default)}`);
    if (c.identity)
        parts.push(`GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`);
    if (c.generated !== undefined)
        parts.push(`GENERATED ALWAYS AS (${fragmentSql(c.generated)}) ${c.virtual ? 'VIRTUAL' : 'STORED'}`);
    if (c.notNull && !c.identity)
        parts.push('NOT NULL');
    return parts.join(' ');
}
/** The column of ADD COLUMN: a serial column by its pseudo-type, which makes and owns its sequence. */
function addedColumn(c) {
    return c.serial ? `${ident_quoteIdent(c.name)} ${model_serialType(c.type)}` : columnDefinition(c);
}
/** One key of CREATE INDEX: the column or parenthesised expression, then COLLATE, operator class and order. */
function keySql(k) {
    let sql = k.column ? ident_quoteIdent(k.expression) : `(${fragmentSql(k.expression)})`;
    if (k.collation)
        sql += ` COLLATE ${ident_quoteIdent(k.collation)}`;
    if (k.opclass)
        sql += ` ${ident_quoteIdent(k.opclass)}`;
    if (k.descending)
        sql += ' DESC';
    if (k.nullsFirst !== k.descending)
        sql += k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST';
    return sql;
}
/** CREATE INDEX for `index` on `table` (already quoted). */
function indexSql(index, table, concurrently) {
    return (`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${ident_quoteIdent(index.name)} ON ${table}` +
        (index.method !== 'btree' ? ` USING ${ident_quoteIdent(index.method)}` : '') +
        ` (${index.keys.map(keySql).join(', ')})` +
        (index.include.length ? ` INCLUDE (${index.include.map(ident_quoteIdent).join(', ')})` : '') +
        (index.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '') +
        (index.where !== undefined ? ` WHERE (${fragmentSql(index.where)})` : ''));
}
const FK_ACTION_SQL = {
    'no action': 'NO ACTION',
    restrict: 'RESTRICT',
    cascade: 'CASCADE',
    'set null': 'SET NULL',
    'set default': 'SET DEFAULT',
};
function fkBody(f) {
    let sql = `FOREIGN KEY (${f.columns.map(ident_quoteIdent).join(', ')}) REFERENCES ${qualifiedSql(f.refTable)} (${f.refColumns.map(ident_quoteIdent).join(', ')})`;
    if (f.match !== 'simple')
        sql += ` MATCH ${f.match.toUpperCase()}`;
    if (f.onUpdate !== 'no action')
        sql += ` ON UPDATE ${FK_ACTION_SQL[f.onUpdate]}`;
    if (f.onDelete !== 'no action')
        sql += ` ON DELETE ${FK_ACTION_SQL[f.onDelete]}`;
    if (f.deferrable)
        sql += f.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
    return sql;
}
function uniqueBody(u) {
    let sql = `UNIQUE${u.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${u.columns.map(ident_quoteIdent).join(', ')})`;
    if (u.include?.length)
        sql += ` INCLUDE (${u.include.map(ident_quoteIdent).join(', ')})`;
    if (u.deferrable)
        sql += u.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
    return sql;
}
/** EXCLUDE USING … for `x`; also how the canonicaliser creates the spec's. */
function exclusionBody(x) {
    let sql = `EXCLUDE USING ${ident_quoteIdent(x.method)} (${x.elements.map((e) => `${keySql(e)} WITH ${e.operator}`).join(', ')})`;
    if (x.include.length)
        sql += ` INCLUDE (${x.include.map(ident_quoteIdent).join(', ')})`;
    if (x.where !== undefined)
        sql += ` WHERE (${fragmentSql(x.where)})`;
    if (x.deferrable)
        sql += x.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
    return sql;
}
function checkBody(c) {
    return `CHECK (${fragmentSql(c.expression)})${c.noInherit ? ' NO INHERIT' : ''}`;
}
function plan_sequenceOptions(s) {
    return `AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} CACHE ${s.cache} ${s.cycle ? 'CYCLE' : 'NO CYCLE'}`;
}
function viewSql(v, replace) {
    const name = ident_quoteQualified(v.schema, v.name);
    if (v.materialized)
        return `CREATE MATERIALIZED VIEW ${name} AS\n${fragmentSql(v.definition)}`;
    return `CREATE ${replace ? 'OR REPLACE ' : ''}VIEW ${name} AS\n${fragmentSql(v.definition)}`;
}
const COMMENT_TARGET = {
    schema: 'SCHEMA',
    table: 'TABLE',
    column: 'COLUMN',
    view: 'VIEW',
    enum: 'TYPE',
    sequence: 'SEQUENCE',
};
/** `"schema"."table"` of a column, constraint or index. */
const tableSql = (ref) => ident_quoteQualified(ref.schema, ref.table);
const relationSql = (ref) => ident_quoteQualified(ref.schema, ref.name);
/** The display key (`public.messages`) of the table of a column, constraint or index. */
const tableKey = (ref) => displayQualified(ref.schema, ref.table);
/**
 * The hazards among `codes` that change `c` has: a statement carries only hazards of the change it
 * carries out, so that what a report says of a change and what its statements say agree.
 */
function hazardsOf(c, ...codes) {
    return codes.filter((code) => c.hazards.includes(code));
}
/** The kinds of change that add a constraint; one named like a constraint it drops replaces it. */
const ADDS_CONSTRAINT = ['add-check', 'add-unique', 'add-foreign-key', 'add-primary-key', 'add-exclusion'];
class Builder {
    changes;
    options;
    statements = [];
    /** Columns whose default is dropped before a type change with USING and set after it. */
    movedDefaults = new Set();
    /** Tables this plan drops. */
    droppedTables = new Set();
    /** `table\u0000name` of constraints added under a name that a dropped constraint has. */
    replaced = new Set();
    /**
     * Columns made identity while nullable, with the index of their set-not-null change: PostgreSQL
     * makes a column identity only once it is NOT NULL, so the identity change runs it first.
     */
    notNullForIdentity = new Map();
    constructor(changes, options) {
        this.changes = changes;
        this.options = options;
    }
    add(change, phase, sql, hazards = [], transactional = true) {
        this.statements.push({ sql, phase, hazards, change, stage: transactional ? 'main' : 'after' });
    }
    /** The phase of a constraint's drop: early when the spec adds another under its name. */
    dropPhase(c, phase) {
        return this.replaced.has(`${tableKey(c.object)}\u0000${c.object.name}`) ? 'drop-replaced' : phase;
    }
    /** SET NOT NULL through a validated CHECK (col IS NOT NULL), which spares it a full scan under lock. */
    setNotNull(i, c, phase) {
        const column = ident_quoteIdent(c.object.name);
        const alter = (sql) => `ALTER TABLE ${tableSql(c.object)} ${sql}`;
        const check = ident_quoteIdent(c.check);
        this.add(i, phase, alter(`ADD CONSTRAINT ${check} CHECK (${column} IS NOT NULL) NOT VALID`), hazardsOf(c, 'may-fail-on-existing-rows'));
        this.add(i, phase, alter(`VALIDATE CONSTRAINT ${check}`), hazardsOf(c, 'may-fail-on-existing-rows'));
        this.add(i, phase, alter(`ALTER COLUMN ${column} SET NOT NULL`), hazardsOf(c, 'access-exclusive-lock'));
        this.add(i, phase, alter(`DROP CONSTRAINT ${check}`));
    }
    build() {
        const setNotNull = new Map();
        this.changes.forEach((c, i) => {
            if (c.kind === 'set-not-null')
                setNotNull.set(diff_objectName(c), i);
        });
        for (const c of this.changes) {
            if (c.kind === 'drop-table')
                this.droppedTables.add(diff_objectName(c));
            if (c.kind === 'alter-column-type' && c.column.using !== undefined && c.liveDefault !== undefined)
                this.movedDefaults.add(diff_objectName(c));
            if (c.kind === 'alter-column-identity' && c.notNullFirst) {
                const index = setNotNull.get(diff_objectName(c));
                if (index === undefined)
                    throw new PlanError(`cannot make ${diff_objectName(c)} an identity column: it is nullable, and the plan does not make it NOT NULL`);
                this.notNullForIdentity.set(diff_objectName(c), index);
            }
            if (isAddConstraint(c) && c.after.name !== undefined)
                this.replaced.add(`${tableKey(c.object)}\u0000${c.after.name}`);
        }
        this.changes.forEach((change, i) => this.plan(change, i));
    }
    plan(c, i) {
        switch (c.kind) {
            case 'add-schema':
                return this.add(i, 'schemas', `CREATE SCHEMA ${ident_quoteIdent(c.object.name)}`);
            case 'add-extension': {
                const e = c.after;
                return this.add(i, 'schemas', `CREATE EXTENSION ${ident_quoteIdent(e.name)} SCHEMA ${ident_quoteIdent(e.schema)}${e.version ? ` VERSION ${ident_quoteLiteral(e.version)}` : ''}`);
            }
            case 'alter-extension': {
                const e = c.after;
                if (e.version !== undefined && e.version !== c.before.version)
                    this.add(i, 'schemas', `ALTER EXTENSION ${ident_quoteIdent(e.name)} UPDATE TO ${ident_quoteLiteral(e.version)}`);
                if (e.schema !== c.before.schema)
                    this.add(i, 'schemas', `ALTER EXTENSION ${ident_quoteIdent(e.name)} SET SCHEMA ${ident_quoteIdent(e.schema)}`);
                return;
            }
            case 'drop-extension':
                return this.add(i, 'drop-types', `DROP EXTENSION ${ident_quoteIdent(c.before.name)}`, c.hazards);
            case 'add-enum':
                return this.add(i, 'types', `CREATE TYPE ${relationSql(c.object)} AS ENUM (${c.after.map(ident_quoteLiteral).join(', ')})`);
            case 'add-enum-value': {
                const v = c.after;
                const where = v.before !== undefined ? ` BEFORE ${ident_quoteLiteral(v.before)}` : v.after !== undefined ? ` AFTER ${ident_quoteLiteral(v.after)}` : '';
                return this.add(i, 'types', `ALTER TYPE ${relationSql(c.object)} ADD VALUE ${ident_quoteLiteral(v.value)}${where}`, c.hazards);
            }
            case 'alter-enum':
                return this.recreateEnum(i, c);
            case 'drop-enum':
                return this.add(i, 'drop-types', `DROP TYPE ${relationSql(c.object)}`, c.hazards);
            case 'add-sequence':
                return this.add(i, 'types', `CREATE SEQUENCE ${relationSql(c.object)} ${plan_sequenceOptions(c.after)}`);
            case 'alter-sequence': {
                const s = c.after;
                return this.add(i, 'types', `ALTER SEQUENCE ${relationSql(c.object)} AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} CACHE ${s.cache} ${s.cycle ? 'CYCLE' : 'NO CYCLE'}`);
            }
            case 'drop-sequence':
                return this.add(i, 'drop-types', `DROP SEQUENCE ${relationSql(c.object)}`, c.hazards);
            case 'add-table':
                return this.createTable(i, c.after);
            case 'drop-table': {
                const key = diff_objectName(c);
                // Its keys that reference other dropped tables go first, or the order of the drops matters.
                for (const f of c.before.foreignKeys) {
                    if (f.refTable !== key && this.droppedTables.has(f.refTable) && f.name)
                        this.add(i, 'drop-foreign-keys', `ALTER TABLE ${relationSql(c.object)} DROP CONSTRAINT ${ident_quoteIdent(f.name)}`, c.hazards);
                }
                return this.add(i, 'drop-tables', `DROP TABLE ${relationSql(c.object)}`, c.hazards);
            }
            case 'add-column': {
                const col = c.after;
                const table = tableSql(c.object);
                const needsValue = col.notNull && col.default === undefined && !col.identity && !col.serial && col.generated === undefined;
                if (needsValue && this.options.tablesWithRows.has(tableKey(c.object))) {
                    throw new PlanError(`cannot add column ${diff_objectName(c)}: it is NOT NULL without a default and ${tableKey(c.object)} has rows. Give it a default in the spec, or add it as nullable, fill it, then make it NOT NULL.`);
                }
                this.add(i, 'columns', `ALTER TABLE ${table} ADD COLUMN ${addedColumn(col)}`, c.hazards);
                if (col.comment !== undefined && col.comment !== '')
                    this.add(i, 'comments', `COMMENT ON COLUMN ${table}.${ident_quoteIdent(col.name)} IS ${ident_quoteLiteral(col.comment)}`);
                return;
            }
            case 'drop-column':
                return this.add(i, 'drop-columns', this.alterColumn(c, 'DROP COLUMN'), c.hazards);
            case 'alter-column-type': {
                const col = c.column;
                const using = col.using !== undefined ? ` USING (${fragmentSql(col.using)})` : '';
                const collate = col.collation !== undefined ? ` COLLATE ${ident_quoteIdent(col.collation)}` : '';
                // PostgreSQL converts the default along with the values, but USING does not apply to it:
                // a default with no cast to the new type ('0'::text to integer) fails the statement.
                const moved = this.movedDefaults.has(diff_objectName(c));
                if (moved)
                    this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', 'DROP DEFAULT'));
                this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', `TYPE ${c.after}${collate}${using}`), c.hazards);
                if (moved && col.default !== undefined)
                    this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', `SET DEFAULT ${fragmentSql(col.default)}`));
                return;
            }
            case 'alter-column-collation':
                return this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', `TYPE ${c.type} COLLATE ${ident_quoteIdent(c.after ?? 'default')}`), c.hazards);
            case 'set-not-null':
                // A column made identity has its NOT NULL set by the identity change (PostgreSQL requires it first).
                if (this.notNullForIdentity.has(diff_objectName(c)))
                    return;
                return this.setNotNull(i, c, 'constraints');
            case 'drop-not-null':
                return this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', 'DROP NOT NULL'));
            case 'set-default':
                if (this.movedDefaults.has(diff_objectName(c)))
                    return;
                return this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', `SET DEFAULT ${fragmentSql(c.after)}`));
            case 'drop-default':
                if (this.movedDefaults.has(diff_objectName(c)))
                    return;
                return this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', 'DROP DEFAULT'));
            case 'alter-column-identity': {
                const generated = (kind) => (kind === 'always' ? 'ALWAYS' : 'BY DEFAULT');
                if (c.before === null && c.after !== null) {
                    const notNull = this.notNullForIdentity.get(diff_objectName(c));
                    const setNotNull = notNull === undefined ? undefined : this.changes[notNull];
                    if (notNull !== undefined && setNotNull?.kind === 'set-not-null')
                        this.setNotNull(notNull, setNotNull, 'columns');
                    this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', `ADD GENERATED ${generated(c.after)} AS IDENTITY`), c.hazards);
                    // The new sequence starts at 1: move it past the values the column already holds.
                    const table = tableSql(c.object);
                    const column = ident_quoteIdent(c.object.name);
                    return this.add(i, 'columns', `SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(${ident_quoteLiteral(table)}, ${ident_quoteLiteral(c.object.name)}), COALESCE(max(${column}), 0) + 1, false) FROM ${table}`);
                }
                if (c.after === null)
                    return this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', 'DROP IDENTITY'), c.hazards);
                return this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', `SET GENERATED ${generated(c.after)}`), c.hazards);
            }
            case 'alter-column-serial': {
                if (!c.after) {
                    this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', 'DROP DEFAULT'));
                    return this.add(i, 'columns', dropOwnedSequence(c.object));
                }
                const table = tableSql(c.object);
                const column = ident_quoteIdent(c.object.name);
                const seq = ident_quoteQualified(c.object.schema, fitName(`${c.object.table}_${c.column.name}_seq`));
                this.add(i, 'columns', `CREATE SEQUENCE ${seq} AS ${c.column.type} OWNED BY ${table}.${column}`);
                this.add(i, 'columns', `SELECT pg_catalog.setval(${ident_quoteLiteral(seq)}, COALESCE(max(${column}), 0) + 1, false) FROM ${table}`);
                return this.add(i, 'columns', this.alterColumn(c, 'ALTER COLUMN', `SET DEFAULT nextval(${ident_quoteLiteral(seq)}::regclass)`));
            }
            case 'alter-column-generated':
                this.add(i, 'columns', this.alterColumn(c, 'DROP COLUMN'), c.hazards);
                return this.add(i, 'columns', `ALTER TABLE ${tableSql(c.object)} ADD COLUMN ${addedColumn(c.column)}`, c.hazards);
            case 'add-primary-key':
                return this.add(i, 'constraints', this.alterTable(c, `ADD CONSTRAINT ${ident_quoteIdent(c.object.name)} PRIMARY KEY (${c.after.columns.map(ident_quoteIdent).join(', ')})`), c.hazards);
            case 'drop-primary-key':
                return this.add(i, this.dropPhase(c, 'drop-constraints'), this.alterTable(c, `DROP CONSTRAINT ${ident_quoteIdent(c.object.name)}`), c.hazards);
            case 'alter-primary-key': {
                this.add(i, 'constraints', this.alterTable(c, `DROP CONSTRAINT ${ident_quoteIdent(c.object.name)}`), c.hazards);
                const name = c.after.name ?? c.before.name ?? `${c.object.table}_pkey`;
                return this.add(i, 'constraints', this.alterTable(c, `ADD CONSTRAINT ${ident_quoteIdent(name)} PRIMARY KEY (${c.after.columns.map(ident_quoteIdent).join(', ')})`), c.hazards);
            }
            case 'add-unique':
                return this.add(i, 'constraints', this.alterTable(c, `ADD CONSTRAINT ${ident_quoteIdent(c.object.name)} ${uniqueBody(c.after)}`), c.hazards);
            case 'add-foreign-key': {
                const name = ident_quoteIdent(c.object.name);
                this.add(i, 'foreign-keys', this.alterTable(c, `ADD CONSTRAINT ${name} ${fkBody(c.after)} NOT VALID`));
                return this.add(i, 'foreign-keys', this.alterTable(c, `VALIDATE CONSTRAINT ${name}`), hazardsOf(c, 'may-fail-on-existing-rows'));
            }
            case 'add-check': {
                const name = ident_quoteIdent(c.object.name);
                if (c.after.noInherit)
                    return this.add(i, 'constraints', this.alterTable(c, `ADD CONSTRAINT ${name} ${checkBody(c.after)}`), c.hazards);
                this.add(i, 'constraints', this.alterTable(c, `ADD CONSTRAINT ${name} ${checkBody(c.after)} NOT VALID`));
                return this.add(i, 'constraints', this.alterTable(c, `VALIDATE CONSTRAINT ${name}`), hazardsOf(c, 'may-fail-on-existing-rows'));
            }
            case 'drop-foreign-key':
                return this.add(i, this.dropPhase(c, 'drop-foreign-keys'), this.alterTable(c, `DROP CONSTRAINT ${ident_quoteIdent(c.object.name)}`), c.hazards);
            case 'add-exclusion':
                return this.add(i, 'constraints', this.alterTable(c, `ADD CONSTRAINT ${ident_quoteIdent(c.object.name)} ${exclusionBody(c.after)}`), c.hazards);
            case 'drop-unique':
            case 'drop-check':
            case 'drop-exclusion':
                return this.add(i, this.dropPhase(c, 'drop-constraints'), this.alterTable(c, `DROP CONSTRAINT ${ident_quoteIdent(c.object.name)}`), c.hazards);
            case 'rename-constraint':
                return this.add(i, 'constraints', this.alterTable(c, `RENAME CONSTRAINT ${ident_quoteIdent(c.before)} TO ${ident_quoteIdent(c.after)}`));
            case 'validate-constraint':
                // After renames (constraints phase); takes a SHARE UPDATE EXCLUSIVE lock, so writes go on.
                return this.add(i, 'foreign-keys', this.alterTable(c, `VALIDATE CONSTRAINT ${ident_quoteIdent(c.object.name)}`), c.hazards);
            case 'add-index': {
                const concurrently = this.options.concurrently;
                // An invalid index of the same name (a failed concurrent build) is dropped first.
                if (c.before)
                    this.add(i, 'indexes', `DROP INDEX ${ident_quoteQualified(c.object.schema, c.before.name)}`);
                return this.add(i, 'indexes', indexSql(c.after, tableSql(c.object), concurrently), concurrently ? [...c.hazards.filter((h) => h !== 'blocks-writes'), 'not-transactional'] : c.hazards, !concurrently);
            }
            case 'alter-index':
                this.add(i, 'indexes', `DROP INDEX ${ident_quoteQualified(c.object.schema, c.after.name)}`, c.hazards);
                return this.add(i, 'indexes', indexSql(c.after, tableSql(c.object), false), c.hazards);
            case 'rename-index':
                return this.add(i, 'indexes', `ALTER INDEX ${ident_quoteQualified(c.object.schema, c.before)} RENAME TO ${ident_quoteIdent(c.after)}`);
            case 'drop-index':
                return this.add(i, 'drop-constraints', `DROP INDEX ${ident_quoteQualified(c.object.schema, c.before.name)}`, c.hazards);
            case 'add-view':
                return this.add(i, 'views', viewSql(c.after, false));
            case 'alter-view': {
                const v = c.after;
                const old = c.before;
                if (v.materialized || old.materialized) {
                    this.add(i, 'views', `DROP ${old.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${relationSql(c.object)}`, c.hazards);
                    return this.add(i, 'views', viewSql(v, false), c.hazards);
                }
                return this.add(i, 'views', viewSql(v, true), c.hazards);
            }
            case 'drop-view':
                return this.add(i, 'drop-views', `DROP ${c.before.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${relationSql(c.object)}`, c.hazards);
            case 'set-comment':
                return this.add(i, 'comments', `COMMENT ON ${commentTarget(c)} IS ${c.after === null ? 'NULL' : ident_quoteLiteral(c.after)}`);
            default:
                return unreachable(c);
        }
    }
    /** `ALTER TABLE t` followed by `sql`, for a change of a table's column, constraint or index. */
    alterTable(c, sql) {
        return `ALTER TABLE ${tableSql(c.object)} ${sql}`;
    }
    /** `ALTER TABLE t <action> "column" <rest>` for a change of a column. */
    alterColumn(c, action, rest) {
        return this.alterTable(c, `${action} ${ident_quoteIdent(c.object.name)}${rest === undefined ? '' : ` ${rest}`}`);
    }
    createTable(i, t) {
        const name = ident_quoteQualified(t.schema, t.name);
        const parts = t.columns.map((c) => c.serial ? `${ident_quoteIdent(c.name)} ${model_serialType(c.type)}${c.notNull ? '' : ' NULL'}` : columnDefinition(c));
        if (t.primaryKey)
            parts.push(`${t.primaryKey.name ? `CONSTRAINT ${ident_quoteIdent(t.primaryKey.name)} ` : ''}PRIMARY KEY (${t.primaryKey.columns.map(ident_quoteIdent).join(', ')})`);
        for (const u of t.uniques)
            parts.push(`${u.name ? `CONSTRAINT ${ident_quoteIdent(u.name)} ` : ''}${uniqueBody(u)}`);
        for (const c of t.checks)
            parts.push(`${c.name ? `CONSTRAINT ${ident_quoteIdent(c.name)} ` : ''}${checkBody(c)}`);
        for (const x of t.exclusions ?? [])
            parts.push(`${x.name ? `CONSTRAINT ${ident_quoteIdent(x.name)} ` : ''}${exclusionBody(x)}`);
        this.add(i, 'tables', `CREATE TABLE ${name} (\n  ${parts.join(',\n  ')}\n)`);
        // Foreign keys after every table exists, so tables may reference each other in any order.
        for (const f of t.foreignKeys) {
            const constraint = f.name ? `CONSTRAINT ${ident_quoteIdent(f.name)} ` : '';
            this.add(i, 'foreign-keys', `ALTER TABLE ${name} ADD ${constraint}${fkBody(f)}`);
        }
        for (const index of Object.values(t.indexes))
            this.add(i, 'indexes', indexSql(index, name, false));
        if (t.comment !== undefined && t.comment !== '')
            this.add(i, 'comments', `COMMENT ON TABLE ${name} IS ${ident_quoteLiteral(t.comment)}`);
        for (const c of t.columns) {
            if (c.comment !== undefined && c.comment !== '')
                this.add(i, 'comments', `COMMENT ON COLUMN ${name}.${ident_quoteIdent(c.name)} IS ${ident_quoteLiteral(c.comment)}`);
        }
    }
    /** Enum values cannot be removed or reordered in place: rename, recreate, convert, drop. */
    recreateEnum(i, c) {
        const type = relationSql(c.object);
        const oldName = fitName(`${c.object.name}__pgdrift_old`);
        const hazards = c.hazards;
        this.add(i, 'types', `ALTER TYPE ${type} RENAME TO ${ident_quoteIdent(oldName)}`, hazards);
        this.add(i, 'types', `CREATE TYPE ${type} AS ENUM (${c.after.map(ident_quoteLiteral).join(', ')})`, hazards);
        if (c.comment !== undefined)
            this.add(i, 'types', `COMMENT ON TYPE ${type} IS ${ident_quoteLiteral(c.comment)}`);
        for (const use of c.uses) {
            const table = relationSql(use.table);
            for (const ch of use.checks)
                this.add(i, 'types', `ALTER TABLE ${table} DROP CONSTRAINT ${ident_quoteIdent(ch.name)}`, hazards);
            for (const col of use.columns) {
                const suffix = col.type.slice(col.type.replace(/(\[\])+$/, '').length);
                const target = `${type}${suffix}`;
                const alterColumn = `ALTER TABLE ${table} ALTER COLUMN ${ident_quoteIdent(col.name)}`;
                if (col.liveDefault !== undefined)
                    this.add(i, 'types', `${alterColumn} DROP DEFAULT`, hazards);
                this.add(i, 'types', `${alterColumn} TYPE ${target} USING ${ident_quoteIdent(col.name)}::text${suffix}::${target}`, hazards);
                if (col.default !== undefined)
                    this.add(i, 'types', `${alterColumn} SET DEFAULT ${fragmentSql(col.default)}`, hazards);
            }
            for (const ch of use.checks)
                this.add(i, 'types', `ALTER TABLE ${table} ADD CONSTRAINT ${ident_quoteIdent(ch.name)} ${checkBody(ch)}`, hazards);
        }
        this.add(i, 'types', `DROP TYPE ${ident_quoteQualified(c.object.schema, oldName)}`, hazards);
    }
}
/**
 * Drops the sequence a serial column owns. Its name is not in the model (PostgreSQL names it
 * `<table>_<column>_seq`, or with a number when that was taken, and it may have been renamed
 * since), so the statement asks PostgreSQL: pg_get_serial_sequence names the sequence the column
 * owns. Left in place, it would keep the column's name for a sequence the spec does not have, and
 * hold pg_get_serial_sequence on it when the column becomes an identity column.
 */
function dropOwnedSequence(ref) {
    const owned = `pg_catalog.pg_get_serial_sequence(${ident_quoteLiteral(tableSql(ref))}, ${ident_quoteLiteral(ref.name)})`;
    return `DO $pgdrift$ BEGIN IF ${owned} IS NOT NULL THEN EXECUTE 'DROP SEQUENCE ' || ${owned}; END IF; END $pgdrift$`;
}
/**
 * The changes not allowed (destructive ones not approved), and with each withheld drop of a constraint the add of the constraint
 * that replaces it under its name: a constraint is replaced whole or left whole, never half (the
 * new one beside the old, or a name still taken).
 */
function withheldChanges(changes, allowed) {
    const dropped = new Set(changes.filter((c) => !allowed(c) && isDropConstraint(c)).map((c) => diff_objectName(c)));
    return changes.filter((c) => !allowed(c) || (isAddConstraint(c) && dropped.has(diff_objectName(c))));
}
const DROPS_CONSTRAINT = ['drop-check', 'drop-unique', 'drop-foreign-key', 'drop-primary-key', 'drop-exclusion'];
function isDropConstraint(c) {
    return DROPS_CONSTRAINT.includes(c.kind);
}
function isAddConstraint(c) {
    return ADDS_CONSTRAINT.includes(c.kind);
}
/** `TABLE "s"."t"`, `COLUMN "s"."t"."c"`, `MATERIALIZED VIEW "s"."v"` … for COMMENT ON. */
function commentTarget(c) {
    switch (c.objectType) {
        case 'schema':
            return `${COMMENT_TARGET.schema} ${ident_quoteIdent(c.object.name)}`;
        case 'column':
            return `${COMMENT_TARGET.column} ${tableSql(c.object)}.${ident_quoteIdent(c.object.name)}`;
        case 'view':
            return `${c.materialized ? 'MATERIALIZED VIEW' : COMMENT_TARGET.view} ${relationSql(c.object)}`;
        case 'table':
        case 'enum':
        case 'sequence':
            return `${COMMENT_TARGET[c.objectType]} ${relationSql(c.object)}`;
        default:
            return unreachable(c);
    }
}
/**
 * Plans the changes. Destructive ones are withheld unless `allowDestructive` or `approved`; the statements of
 * the rest come out phase by phase, in the diff's order inside each phase. Throws PlanError for a
 * change that cannot be carried out safely. Everything it needs is in the changes and `options`.
 */
function planMigration(changes, options) {
    const allowed = (c) => !c.destructive || options.allowDestructive || (options.approved?.(c) ?? false);
    const withheld = withheldChanges(changes, allowed);
    const planned = changes.filter((c) => !withheld.includes(c));
    const builder = new Builder(planned, options);
    builder.build();
    const rank = (s) => PHASES.indexOf(s.phase);
    const statements = builder.statements
        .map((s, order) => ({ s, order }))
        .sort((a, b) => rank(a.s) - rank(b.s) || a.order - b.order)
        .map(({ s }) => s);
    markCommitFirst(planned, statements);
    // New enum values that other statements use commit first; concurrent index builds go after.
    const stage = (name) => statements.filter((s) => s.stage === name);
    return {
        changes: planned,
        statements: [...stage('first'), ...stage('main'), ...stage('after')],
        withheld,
        searchPath: options.searchPath,
    };
}
/**
 * Moves to the `first` stage each new enum value that another statement of the main transaction
 * uses: names it as a literal (a default, a check, an index predicate, a view, a USING), or turns
 * a column into the enum (its values may hold the new one). Other new values stay in the main
 * transaction, so that a plan without such a use is still one transaction.
 */
function markCommitFirst(changes, statements) {
    const added = statements.filter((s) => changes[s.change]?.kind === 'add-enum-value');
    if (added.length === 0)
        return;
    const main = statements.filter((s) => s.stage === 'main' && changes[s.change]?.kind !== 'add-enum-value');
    for (const statement of added) {
        const change = changes[statement.change];
        if (change?.kind !== 'add-enum-value')
            continue;
        const value = ident_quoteLiteral(change.after.value);
        const key = diff_objectName(change);
        const isEnum = (type) => {
            const base = type.replace(/(\[\])+$/, '');
            return base === key || base === change.object.name || base === ident_quoteIdent(change.object.name);
        };
        const used = main.some((s) => {
            if (s.sql.includes(value))
                return true;
            const c = changes[s.change];
            return c?.kind === 'alter-column-type' && isEnum(c.after);
        });
        if (used)
            statement.stage = 'first';
    }
}

;// CONCATENATED MODULE: ./src/db/catalog-sql.ts
// Generated by scripts/gen-sql.mjs from sql/*.sql. Do not edit: edit the .sql files.
/** The catalog queries as they run on every supported version (14 on). */
const catalogSql = {
    "columns": "-- Columns of the tables above, by table oid and in attribute order. The default is printed by\n-- PostgreSQL. A plain default cannot name a column, so it is printed without its table: with one,\n-- pg_get_expr opens the table (about 0.4 s of backend CPU at 70,000 columns, and it waits for a\n-- session that holds the table exclusively). A generated column's expression needs its table, and\n-- so does every default read inside apply's transaction (\"open\" scope), whose read then waits for\n-- such a session within its lock_timeout, as its ALTER TABLE statements would.\n-- serial_default tells a serial column: its default is nextval() of a sequence the column owns.\n-- The literal is built as pg_get_expr prints it (quotes doubled; quote_literal would switch to\n-- E'' for a name with a backslash). The owned sequences are read once and joined (a correlated\n-- subquery per column cost about 0.4 s of server CPU at 70,000 columns), and the default is\n-- printed a second time only for a column that owns a sequence.\n-- generated is 's' (stored) or 'v' (virtual, PostgreSQL 18); identity is 'a' (always) or 'd'.\n-- default_tree, in the temporary schema only, is the expression as PostgreSQL stored it.\nSELECT a.attrelid AS table_oid, a.attname AS name,\n  pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,\n  a.attnotnull AS not_null,\n  pg_catalog.pg_get_expr(ad.adbin, CASE WHEN a.attgenerated <> '' OR s.open THEN ad.adrelid ELSE 0 END, true) AS \"default\",\n  a.attidentity AS identity,\n  a.attgenerated AS generated,\n  CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0\n    THEN co.collname END AS collation,\n  CASE WHEN own.nextvals IS NULL OR ad.adbin IS NULL THEN false\n    ELSE pg_catalog.pg_get_expr(ad.adbin, 0) = ANY (own.nextvals) END AS serial_default,\n  d.description AS comment,\n  CASE WHEN s.temp THEN ad.adbin::text END AS default_tree\nFROM pg_catalog.pg_attribute a\nJOIN pg_catalog.pg_class c ON c.oid = a.attrelid\nJOIN scope s ON s.oid = c.relnamespace\nJOIN pg_catalog.pg_type t ON t.oid = a.atttypid\nLEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation\nLEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum\nLEFT JOIN (\n  SELECT sd.refobjid, sd.refobjsubid,\n    pg_catalog.array_agg('nextval(''' || pg_catalog.replace(sd.objid::regclass::text, '''', '''''') || '''::regclass)') AS nextvals\n  FROM pg_catalog.pg_depend sd\n  JOIN pg_catalog.pg_class seq ON seq.oid = sd.objid AND seq.relkind = 'S'\n  JOIN pg_catalog.pg_class tc ON tc.oid = sd.refobjid\n  JOIN scope ts ON ts.oid = tc.relnamespace\n  WHERE sd.classid = 'pg_catalog.pg_class'::regclass AND sd.refclassid = 'pg_catalog.pg_class'::regclass\n    AND sd.deptype = 'a'\n  GROUP BY sd.refobjid, sd.refobjsubid\n) own ON own.refobjid = a.attrelid AND own.refobjsubid = a.attnum\nLEFT JOIN pg_catalog.pg_description d\n  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'\nWHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped\n  AND x.objid IS NULL\nORDER BY a.attrelid, a.attnum\n",
    "constraints": "-- Primary key, unique, foreign key and check constraints. NOT NULL constraints (contype 'n',\n-- PostgreSQL 18) are read from pg_attribute.attnotnull instead. Column lists keep key order (a\n-- check has none: its model does not list columns); each name is one lookup on pg_attribute's\n-- (attrelid, attnum) index, which costs about a quarter less server CPU than joining the table's\n-- attributes per constraint (0.60 s -> 0.45 s at 15,000).\n-- indnullsnotdistinct exists from PostgreSQL 15 on; before 15 it is read through to_jsonb, which\n-- keeps the query valid on 14, where it is absent and so false (scripts/gen-sql.mjs makes both\n-- versions from the \"before 15\" / \"from 15\" comments around it). Only a unique constraint has it\n-- (converting the whole pg_index row of every primary key too cost about 40 ms at 5,000 tables).\n-- tree, in the temporary schema only, is a check's expression as PostgreSQL stored it. include:\n-- the INCLUDE columns of a unique constraint's index (conkey lists only its key columns).\n-- Exclusion constraints are read with their indexes (indexes.sql).\nSELECT k.conrelid AS table_oid, k.conname AS name, k.contype AS type,\n  CASE WHEN k.contype <> 'c' THEN pg_catalog.to_json(ARRAY(\n    SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = u.attnum)\n    FROM pg_catalog.unnest(k.conkey) WITH ORDINALITY u(attnum, ord) ORDER BY u.ord)) END AS columns,\n  rs.nspname AS ref_schema, rc.relname AS ref_table,\n  pg_catalog.to_json(ARRAY(\n    SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = k.confrelid AND a.attnum = u.attnum)\n    FROM pg_catalog.unnest(k.confkey) WITH ORDINALITY u(attnum, ord) ORDER BY u.ord)) AS ref_columns,\n  k.confupdtype AS on_update, k.confdeltype AS on_delete, k.confmatchtype AS match,\n  k.condeferrable AS deferrable, k.condeferred AS deferred, k.connoinherit AS no_inherit, k.convalidated AS validated,\n  CASE WHEN k.contype = 'c' THEN pg_catalog.pg_get_expr(k.conbin, k.conrelid, true) END AS expression,\n  COALESCE((pg_catalog.to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false) AS nulls_not_distinct,\n  CASE WHEN s.temp AND k.contype = 'c' THEN k.conbin::text END AS tree,\n  CASE WHEN k.contype = 'u' AND i.indnatts > i.indnkeyatts THEN pg_catalog.to_json(ARRAY(\n    SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[g.k])\n    FROM pg_catalog.generate_series(i.indnkeyatts, i.indnatts - 1) g(k)\n    ORDER BY g.k)) END AS include\nFROM pg_catalog.pg_constraint k\nJOIN pg_catalog.pg_class c ON c.oid = k.conrelid\nJOIN scope s ON s.oid = c.relnamespace\nLEFT JOIN pg_catalog.pg_class rc ON rc.oid = k.confrelid\nLEFT JOIN pg_catalog.pg_namespace rs ON rs.oid = rc.relnamespace\nLEFT JOIN pg_catalog.pg_index i ON i.indexrelid = k.conindid AND k.contype = 'u'\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'\nWHERE k.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p') AND NOT c.relispartition\n  AND x.objid IS NULL\nORDER BY k.conrelid, k.contype, k.conname\n",
    "enums": "-- Enum types with their labels in sort order. Types owned by an extension are left out.\nSELECT s.nspname AS schema, t.typname AS name,\n  pg_catalog.to_json(ARRAY(\n    SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder\n  )) AS values,\n  d.description AS comment\nFROM pg_catalog.pg_type t\nJOIN scope s ON s.oid = t.typnamespace\nLEFT JOIN pg_catalog.pg_description d\n  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = t.oid AND x.classid = 'pg_catalog.pg_type'::regclass AND x.deptype = 'e'\nWHERE t.typtype = 'e' AND x.objid IS NULL\nORDER BY s.nspname, t.typname\n",
    "extensions": "-- Installed extensions (database-wide), except the procedural language every database has.\nSELECT x.extname AS name, n.nspname AS schema, x.extversion AS version\nFROM pg_catalog.pg_extension x\nJOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace\nWHERE x.extname <> 'plpgsql'\nORDER BY x.extname\n",
    "indexes": "-- Secondary indexes, and the indexes of exclusion constraints (exclusion names the constraint; its\n-- operators, deferrable and deferred come with it): those that back a primary key or unique\n-- constraint are part of the constraint. An operator outside pg_catalog is OPERATOR(schema.op). A column key is its column's name as stored (pg_get_indexdef would quote it:\n-- \"order\", \"Email\"); an expression key is printed by PostgreSQL (pg_get_indexdef with a column\n-- number). indoption bit 1 is DESC, bit 2 is NULLS FIRST. An operator class is named only when it\n-- is not the default one for its type, a collation only when it is not the one the key has anyway\n-- (the column's own, or the default of an expression's type). A key's column is looked up by its\n-- number (a join read all the table's columns into a hash for every index: ~0.15 s at 10,000).\n-- An invalid index (left by a failed CREATE INDEX CONCURRENTLY, or being built by one) gives its\n-- oid and whether a build is under way; a valid one gives neither, so the common row stays short.\n-- nulls_not_distinct is read one way before PostgreSQL 15 and another from 15 on: see constraints.sql.\n-- In the temporary schema only, exprs_tree and where_tree are the expressions and the predicate\n-- as PostgreSQL stored them.\nSELECT i.indrelid AS table_oid, ic.relname AS name, am.amname AS method,\n  i.indisunique AS \"unique\",\n  CASE WHEN NOT i.indisvalid THEN i.indexrelid END AS invalid_oid,\n  CASE WHEN NOT i.indisvalid THEN EXISTS (\n    SELECT 1 FROM pg_catalog.pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid) END AS building,\n  COALESCE((pg_catalog.to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false) AS nulls_not_distinct,\n  pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS \"where\",\n  pg_catalog.to_json(ARRAY(\n    SELECT pg_catalog.json_build_object(\n      'expression', CASE WHEN i.indkey[g.k] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, g.k + 1, true)\n        ELSE (SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[g.k]) END,\n      'column', i.indkey[g.k] <> 0,\n      'descending', (i.indoption[g.k] & 1) <> 0,\n      'nullsFirst', (i.indoption[g.k] & 2) <> 0,\n      'opclass', CASE WHEN NOT oc.opcdefault THEN oc.opcname END,\n      'collation', CASE\n        WHEN i.indcollation[g.k] = 0 THEN NULL\n        WHEN i.indkey[g.k] <> 0 THEN (\n          SELECT kc.collname FROM pg_catalog.pg_attribute a\n          JOIN pg_catalog.pg_collation kc ON kc.oid = i.indcollation[g.k]\n          WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[g.k] AND a.attcollation <> i.indcollation[g.k])\n        WHEN i.indcollation[g.k] <> (\n          SELECT kt.typcollation FROM pg_catalog.pg_attribute ka\n          JOIN pg_catalog.pg_type kt ON kt.oid = ka.atttypid\n          WHERE ka.attrelid = i.indexrelid AND ka.attnum = g.k + 1)\n        THEN (SELECT kc.collname FROM pg_catalog.pg_collation kc WHERE kc.oid = i.indcollation[g.k]) END)\n    FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) g(k)\n    JOIN pg_catalog.pg_opclass oc ON oc.oid = i.indclass[g.k]\n    ORDER BY g.k)) AS keys,\n  pg_catalog.to_json(ARRAY(\n    SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[g.k])\n    FROM pg_catalog.generate_series(i.indnkeyatts, i.indnatts - 1) g(k)\n    ORDER BY g.k)) AS include,\n  x_k.conname AS exclusion,\n  CASE WHEN x_k.oid IS NOT NULL THEN pg_catalog.to_json(ARRAY(\n    SELECT CASE WHEN o.oprnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN o.oprname::text\n      ELSE pg_catalog.format('OPERATOR(%I.%s)', (SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid = o.oprnamespace), o.oprname) END\n    FROM pg_catalog.unnest(x_k.conexclop) WITH ORDINALITY u(op, ord)\n    JOIN pg_catalog.pg_operator o ON o.oid = u.op\n    ORDER BY u.ord)) END AS operators,\n  x_k.condeferrable AS deferrable, x_k.condeferred AS deferred,\n  CASE WHEN s.temp THEN i.indexprs::text END AS exprs_tree,\n  CASE WHEN s.temp THEN i.indpred::text END AS where_tree\nFROM pg_catalog.pg_index i\nJOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid\nJOIN pg_catalog.pg_class c ON c.oid = i.indrelid\nJOIN scope s ON s.oid = c.relnamespace\nJOIN pg_catalog.pg_am am ON am.oid = ic.relam\nLEFT JOIN pg_catalog.pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid\n  AND k.contype IN ('p', 'u')\nLEFT JOIN pg_catalog.pg_constraint x_k ON x_k.conindid = i.indexrelid AND x_k.conrelid = i.indrelid\n  AND x_k.contype = 'x'\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'\nWHERE k.oid IS NULL AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND x.objid IS NULL\nORDER BY i.indrelid, ic.relname\n",
    "schemas": "-- Schemas in scope, with their comments. Schemas created by an extension are left out.\nSELECT s.nspname AS name, d.description AS comment\nFROM scope s\nLEFT JOIN pg_catalog.pg_description d\n  ON d.objoid = s.oid AND d.classoid = 'pg_catalog.pg_namespace'::regclass AND d.objsubid = 0\nLEFT JOIN pg_catalog.pg_depend e\n  ON e.objid = s.oid AND e.classid = 'pg_catalog.pg_namespace'::regclass AND e.deptype = 'e'\nWHERE e.objid IS NULL\nORDER BY s.nspname\n",
    "scope": "-- The schemas one introspection reads. Every catalog query below is run as\n--   WITH scope AS (<this query>) <the query>\n-- The setting pgdrift.scope is set (transaction-locally) by the caller to one of\n--   {\"temp\": true}              the session's own temporary schema (spec canonicalisation)\n--   {\"schemas\": [\"public\", …]}  exactly these schemas\n--   {}                          every schema but the system ones\n-- with \"open\": true when the read runs inside apply's transaction (see columns.sql). Reading the\n-- temporary schema also reads the stored expression trees (temp), which the spec's canonical\n-- form is compared by where PostgreSQL prints two equal expressions differently (src/db/reprint.ts).\nSELECT n.oid, n.nspname, cfg.s ? 'open' AS open, cfg.s ? 'temp' AS temp\nFROM pg_catalog.pg_namespace n\nCROSS JOIN (SELECT pg_catalog.current_setting('pgdrift.scope')::jsonb AS s) cfg\nWHERE CASE\n  WHEN cfg.s ? 'temp' THEN n.oid = pg_catalog.pg_my_temp_schema()\n  WHEN cfg.s ? 'schemas' THEN n.nspname IN (SELECT pg_catalog.jsonb_array_elements_text(cfg.s -> 'schemas'))\n  ELSE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')\n    AND n.nspname !~ '^pg_(toast_)?temp_'\nEND\n",
    "sequences": "-- Free-standing sequences. Sequences behind serial columns (deptype 'a') and identity columns\n-- (deptype 'i') belong to their column and are left out, as are extension-owned ones ('e').\nSELECT s.nspname AS schema, c.relname AS name,\n  pg_catalog.format_type(q.seqtypid, NULL) AS type,\n  q.seqstart::text AS start, q.seqincrement::text AS increment,\n  q.seqmin::text AS min, q.seqmax::text AS max, q.seqcache::text AS cache, q.seqcycle AS cycle,\n  d.description AS comment\nFROM pg_catalog.pg_sequence q\nJOIN pg_catalog.pg_class c ON c.oid = q.seqrelid\nJOIN scope s ON s.oid = c.relnamespace\nLEFT JOIN pg_catalog.pg_description d\n  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype IN ('a', 'i', 'e')\nWHERE x.objid IS NULL\nORDER BY s.nspname, c.relname\n",
    "tables": "-- Ordinary and partitioned tables (not the partitions themselves), with their comments. The\n-- queries of columns, constraints and indexes name their table by this oid.\nSELECT c.oid, s.nspname AS schema, c.relname AS name, d.description AS comment\nFROM pg_catalog.pg_class c\nJOIN scope s ON s.oid = c.relnamespace\nLEFT JOIN pg_catalog.pg_description d\n  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'\nWHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND x.objid IS NULL\nORDER BY s.nspname, c.relname\n",
    "views": "-- Views and materialized views, their query as PostgreSQL prints it, and their comments. In the\n-- temporary schema only, tree is the query as PostgreSQL stored it, with the view's own oid (which\n-- the rule's OLD and NEW entries name before PostgreSQL 16) written as 0.\nSELECT s.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,\n  pg_catalog.pg_get_viewdef(c.oid, true) AS definition, d.description AS comment,\n  CASE WHEN s.temp THEN (\n    SELECT pg_catalog.regexp_replace(r.ev_action::text, ':relid ' || c.oid || '(?![0-9])', ':relid 0', 'g')\n    FROM pg_catalog.pg_rewrite r WHERE r.ev_class = c.oid AND r.rulename = '_RETURN') END AS tree\nFROM pg_catalog.pg_class c\nJOIN scope s ON s.oid = c.relnamespace\nLEFT JOIN pg_catalog.pg_description d\n  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'\nWHERE c.relkind IN ('v', 'm') AND x.objid IS NULL\nORDER BY s.nspname, c.relname\n",
};
/** The same queries as they run on PostgreSQL 15 and later. */
const catalogSqlFrom15 = {
    "columns": "-- Columns of the tables above, by table oid and in attribute order. The default is printed by\n-- PostgreSQL. A plain default cannot name a column, so it is printed without its table: with one,\n-- pg_get_expr opens the table (about 0.4 s of backend CPU at 70,000 columns, and it waits for a\n-- session that holds the table exclusively). A generated column's expression needs its table, and\n-- so does every default read inside apply's transaction (\"open\" scope), whose read then waits for\n-- such a session within its lock_timeout, as its ALTER TABLE statements would.\n-- serial_default tells a serial column: its default is nextval() of a sequence the column owns.\n-- The literal is built as pg_get_expr prints it (quotes doubled; quote_literal would switch to\n-- E'' for a name with a backslash). The owned sequences are read once and joined (a correlated\n-- subquery per column cost about 0.4 s of server CPU at 70,000 columns), and the default is\n-- printed a second time only for a column that owns a sequence.\n-- generated is 's' (stored) or 'v' (virtual, PostgreSQL 18); identity is 'a' (always) or 'd'.\n-- default_tree, in the temporary schema only, is the expression as PostgreSQL stored it.\nSELECT a.attrelid AS table_oid, a.attname AS name,\n  pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,\n  a.attnotnull AS not_null,\n  pg_catalog.pg_get_expr(ad.adbin, CASE WHEN a.attgenerated <> '' OR s.open THEN ad.adrelid ELSE 0 END, true) AS \"default\",\n  a.attidentity AS identity,\n  a.attgenerated AS generated,\n  CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0\n    THEN co.collname END AS collation,\n  CASE WHEN own.nextvals IS NULL OR ad.adbin IS NULL THEN false\n    ELSE pg_catalog.pg_get_expr(ad.adbin, 0) = ANY (own.nextvals) END AS serial_default,\n  d.description AS comment,\n  CASE WHEN s.temp THEN ad.adbin::text END AS default_tree\nFROM pg_catalog.pg_attribute a\nJOIN pg_catalog.pg_class c ON c.oid = a.attrelid\nJOIN scope s ON s.oid = c.relnamespace\nJOIN pg_catalog.pg_type t ON t.oid = a.atttypid\nLEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation\nLEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum\nLEFT JOIN (\n  SELECT sd.refobjid, sd.refobjsubid,\n    pg_catalog.array_agg('nextval(''' || pg_catalog.replace(sd.objid::regclass::text, '''', '''''') || '''::regclass)') AS nextvals\n  FROM pg_catalog.pg_depend sd\n  JOIN pg_catalog.pg_class seq ON seq.oid = sd.objid AND seq.relkind = 'S'\n  JOIN pg_catalog.pg_class tc ON tc.oid = sd.refobjid\n  JOIN scope ts ON ts.oid = tc.relnamespace\n  WHERE sd.classid = 'pg_catalog.pg_class'::regclass AND sd.refclassid = 'pg_catalog.pg_class'::regclass\n    AND sd.deptype = 'a'\n  GROUP BY sd.refobjid, sd.refobjsubid\n) own ON own.refobjid = a.attrelid AND own.refobjsubid = a.attnum\nLEFT JOIN pg_catalog.pg_description d\n  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'\nWHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped\n  AND x.objid IS NULL\nORDER BY a.attrelid, a.attnum\n",
    "constraints": "-- Primary key, unique, foreign key and check constraints. NOT NULL constraints (contype 'n',\n-- PostgreSQL 18) are read from pg_attribute.attnotnull instead. Column lists keep key order (a\n-- check has none: its model does not list columns); each name is one lookup on pg_attribute's\n-- (attrelid, attnum) index, which costs about a quarter less server CPU than joining the table's\n-- attributes per constraint (0.60 s -> 0.45 s at 15,000).\n-- indnullsnotdistinct exists from PostgreSQL 15 on; before 15 it is read through to_jsonb, which\n-- keeps the query valid on 14, where it is absent and so false (scripts/gen-sql.mjs makes both\n-- versions from the \"before 15\" / \"from 15\" comments around it). Only a unique constraint has it\n-- (converting the whole pg_index row of every primary key too cost about 40 ms at 5,000 tables).\n-- tree, in the temporary schema only, is a check's expression as PostgreSQL stored it. include:\n-- the INCLUDE columns of a unique constraint's index (conkey lists only its key columns).\n-- Exclusion constraints are read with their indexes (indexes.sql).\nSELECT k.conrelid AS table_oid, k.conname AS name, k.contype AS type,\n  CASE WHEN k.contype <> 'c' THEN pg_catalog.to_json(ARRAY(\n    SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = u.attnum)\n    FROM pg_catalog.unnest(k.conkey) WITH ORDINALITY u(attnum, ord) ORDER BY u.ord)) END AS columns,\n  rs.nspname AS ref_schema, rc.relname AS ref_table,\n  pg_catalog.to_json(ARRAY(\n    SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = k.confrelid AND a.attnum = u.attnum)\n    FROM pg_catalog.unnest(k.confkey) WITH ORDINALITY u(attnum, ord) ORDER BY u.ord)) AS ref_columns,\n  k.confupdtype AS on_update, k.confdeltype AS on_delete, k.confmatchtype AS match,\n  k.condeferrable AS deferrable, k.condeferred AS deferred, k.connoinherit AS no_inherit, k.convalidated AS validated,\n  CASE WHEN k.contype = 'c' THEN pg_catalog.pg_get_expr(k.conbin, k.conrelid, true) END AS expression,\n  i.indnullsnotdistinct AS nulls_not_distinct,\n  CASE WHEN s.temp AND k.contype = 'c' THEN k.conbin::text END AS tree,\n  CASE WHEN k.contype = 'u' AND i.indnatts > i.indnkeyatts THEN pg_catalog.to_json(ARRAY(\n    SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[g.k])\n    FROM pg_catalog.generate_series(i.indnkeyatts, i.indnatts - 1) g(k)\n    ORDER BY g.k)) END AS include\nFROM pg_catalog.pg_constraint k\nJOIN pg_catalog.pg_class c ON c.oid = k.conrelid\nJOIN scope s ON s.oid = c.relnamespace\nLEFT JOIN pg_catalog.pg_class rc ON rc.oid = k.confrelid\nLEFT JOIN pg_catalog.pg_namespace rs ON rs.oid = rc.relnamespace\nLEFT JOIN pg_catalog.pg_index i ON i.indexrelid = k.conindid AND k.contype = 'u'\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'\nWHERE k.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p') AND NOT c.relispartition\n  AND x.objid IS NULL\nORDER BY k.conrelid, k.contype, k.conname\n",
    "enums": "-- Enum types with their labels in sort order. Types owned by an extension are left out.\nSELECT s.nspname AS schema, t.typname AS name,\n  pg_catalog.to_json(ARRAY(\n    SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder\n  )) AS values,\n  d.description AS comment\nFROM pg_catalog.pg_type t\nJOIN scope s ON s.oid = t.typnamespace\nLEFT JOIN pg_catalog.pg_description d\n  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = t.oid AND x.classid = 'pg_catalog.pg_type'::regclass AND x.deptype = 'e'\nWHERE t.typtype = 'e' AND x.objid IS NULL\nORDER BY s.nspname, t.typname\n",
    "extensions": "-- Installed extensions (database-wide), except the procedural language every database has.\nSELECT x.extname AS name, n.nspname AS schema, x.extversion AS version\nFROM pg_catalog.pg_extension x\nJOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace\nWHERE x.extname <> 'plpgsql'\nORDER BY x.extname\n",
    "indexes": "-- Secondary indexes, and the indexes of exclusion constraints (exclusion names the constraint; its\n-- operators, deferrable and deferred come with it): those that back a primary key or unique\n-- constraint are part of the constraint. An operator outside pg_catalog is OPERATOR(schema.op). A column key is its column's name as stored (pg_get_indexdef would quote it:\n-- \"order\", \"Email\"); an expression key is printed by PostgreSQL (pg_get_indexdef with a column\n-- number). indoption bit 1 is DESC, bit 2 is NULLS FIRST. An operator class is named only when it\n-- is not the default one for its type, a collation only when it is not the one the key has anyway\n-- (the column's own, or the default of an expression's type). A key's column is looked up by its\n-- number (a join read all the table's columns into a hash for every index: ~0.15 s at 10,000).\n-- An invalid index (left by a failed CREATE INDEX CONCURRENTLY, or being built by one) gives its\n-- oid and whether a build is under way; a valid one gives neither, so the common row stays short.\n-- nulls_not_distinct is read one way before PostgreSQL 15 and another from 15 on: see constraints.sql.\n-- In the temporary schema only, exprs_tree and where_tree are the expressions and the predicate\n-- as PostgreSQL stored them.\nSELECT i.indrelid AS table_oid, ic.relname AS name, am.amname AS method,\n  i.indisunique AS \"unique\",\n  CASE WHEN NOT i.indisvalid THEN i.indexrelid END AS invalid_oid,\n  CASE WHEN NOT i.indisvalid THEN EXISTS (\n    SELECT 1 FROM pg_catalog.pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid) END AS building,\n  i.indnullsnotdistinct AS nulls_not_distinct,\n  pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS \"where\",\n  pg_catalog.to_json(ARRAY(\n    SELECT pg_catalog.json_build_object(\n      'expression', CASE WHEN i.indkey[g.k] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, g.k + 1, true)\n        ELSE (SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[g.k]) END,\n      'column', i.indkey[g.k] <> 0,\n      'descending', (i.indoption[g.k] & 1) <> 0,\n      'nullsFirst', (i.indoption[g.k] & 2) <> 0,\n      'opclass', CASE WHEN NOT oc.opcdefault THEN oc.opcname END,\n      'collation', CASE\n        WHEN i.indcollation[g.k] = 0 THEN NULL\n        WHEN i.indkey[g.k] <> 0 THEN (\n          SELECT kc.collname FROM pg_catalog.pg_attribute a\n          JOIN pg_catalog.pg_collation kc ON kc.oid = i.indcollation[g.k]\n          WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[g.k] AND a.attcollation <> i.indcollation[g.k])\n        WHEN i.indcollation[g.k] <> (\n          SELECT kt.typcollation FROM pg_catalog.pg_attribute ka\n          JOIN pg_catalog.pg_type kt ON kt.oid = ka.atttypid\n          WHERE ka.attrelid = i.indexrelid AND ka.attnum = g.k + 1)\n        THEN (SELECT kc.collname FROM pg_catalog.pg_collation kc WHERE kc.oid = i.indcollation[g.k]) END)\n    FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) g(k)\n    JOIN pg_catalog.pg_opclass oc ON oc.oid = i.indclass[g.k]\n    ORDER BY g.k)) AS keys,\n  pg_catalog.to_json(ARRAY(\n    SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[g.k])\n    FROM pg_catalog.generate_series(i.indnkeyatts, i.indnatts - 1) g(k)\n    ORDER BY g.k)) AS include,\n  x_k.conname AS exclusion,\n  CASE WHEN x_k.oid IS NOT NULL THEN pg_catalog.to_json(ARRAY(\n    SELECT CASE WHEN o.oprnamespace = 'pg_catalog'::pg_catalog.regnamespace THEN o.oprname::text\n      ELSE pg_catalog.format('OPERATOR(%I.%s)', (SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid = o.oprnamespace), o.oprname) END\n    FROM pg_catalog.unnest(x_k.conexclop) WITH ORDINALITY u(op, ord)\n    JOIN pg_catalog.pg_operator o ON o.oid = u.op\n    ORDER BY u.ord)) END AS operators,\n  x_k.condeferrable AS deferrable, x_k.condeferred AS deferred,\n  CASE WHEN s.temp THEN i.indexprs::text END AS exprs_tree,\n  CASE WHEN s.temp THEN i.indpred::text END AS where_tree\nFROM pg_catalog.pg_index i\nJOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid\nJOIN pg_catalog.pg_class c ON c.oid = i.indrelid\nJOIN scope s ON s.oid = c.relnamespace\nJOIN pg_catalog.pg_am am ON am.oid = ic.relam\nLEFT JOIN pg_catalog.pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid\n  AND k.contype IN ('p', 'u')\nLEFT JOIN pg_catalog.pg_constraint x_k ON x_k.conindid = i.indexrelid AND x_k.conrelid = i.indrelid\n  AND x_k.contype = 'x'\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'\nWHERE k.oid IS NULL AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND x.objid IS NULL\nORDER BY i.indrelid, ic.relname\n",
    "schemas": "-- Schemas in scope, with their comments. Schemas created by an extension are left out.\nSELECT s.nspname AS name, d.description AS comment\nFROM scope s\nLEFT JOIN pg_catalog.pg_description d\n  ON d.objoid = s.oid AND d.classoid = 'pg_catalog.pg_namespace'::regclass AND d.objsubid = 0\nLEFT JOIN pg_catalog.pg_depend e\n  ON e.objid = s.oid AND e.classid = 'pg_catalog.pg_namespace'::regclass AND e.deptype = 'e'\nWHERE e.objid IS NULL\nORDER BY s.nspname\n",
    "scope": "-- The schemas one introspection reads. Every catalog query below is run as\n--   WITH scope AS (<this query>) <the query>\n-- The setting pgdrift.scope is set (transaction-locally) by the caller to one of\n--   {\"temp\": true}              the session's own temporary schema (spec canonicalisation)\n--   {\"schemas\": [\"public\", …]}  exactly these schemas\n--   {}                          every schema but the system ones\n-- with \"open\": true when the read runs inside apply's transaction (see columns.sql). Reading the\n-- temporary schema also reads the stored expression trees (temp), which the spec's canonical\n-- form is compared by where PostgreSQL prints two equal expressions differently (src/db/reprint.ts).\nSELECT n.oid, n.nspname, cfg.s ? 'open' AS open, cfg.s ? 'temp' AS temp\nFROM pg_catalog.pg_namespace n\nCROSS JOIN (SELECT pg_catalog.current_setting('pgdrift.scope')::jsonb AS s) cfg\nWHERE CASE\n  WHEN cfg.s ? 'temp' THEN n.oid = pg_catalog.pg_my_temp_schema()\n  WHEN cfg.s ? 'schemas' THEN n.nspname IN (SELECT pg_catalog.jsonb_array_elements_text(cfg.s -> 'schemas'))\n  ELSE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')\n    AND n.nspname !~ '^pg_(toast_)?temp_'\nEND\n",
    "sequences": "-- Free-standing sequences. Sequences behind serial columns (deptype 'a') and identity columns\n-- (deptype 'i') belong to their column and are left out, as are extension-owned ones ('e').\nSELECT s.nspname AS schema, c.relname AS name,\n  pg_catalog.format_type(q.seqtypid, NULL) AS type,\n  q.seqstart::text AS start, q.seqincrement::text AS increment,\n  q.seqmin::text AS min, q.seqmax::text AS max, q.seqcache::text AS cache, q.seqcycle AS cycle,\n  d.description AS comment\nFROM pg_catalog.pg_sequence q\nJOIN pg_catalog.pg_class c ON c.oid = q.seqrelid\nJOIN scope s ON s.oid = c.relnamespace\nLEFT JOIN pg_catalog.pg_description d\n  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype IN ('a', 'i', 'e')\nWHERE x.objid IS NULL\nORDER BY s.nspname, c.relname\n",
    "tables": "-- Ordinary and partitioned tables (not the partitions themselves), with their comments. The\n-- queries of columns, constraints and indexes name their table by this oid.\nSELECT c.oid, s.nspname AS schema, c.relname AS name, d.description AS comment\nFROM pg_catalog.pg_class c\nJOIN scope s ON s.oid = c.relnamespace\nLEFT JOIN pg_catalog.pg_description d\n  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'\nWHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND x.objid IS NULL\nORDER BY s.nspname, c.relname\n",
    "views": "-- Views and materialized views, their query as PostgreSQL prints it, and their comments. In the\n-- temporary schema only, tree is the query as PostgreSQL stored it, with the view's own oid (which\n-- the rule's OLD and NEW entries name before PostgreSQL 16) written as 0.\nSELECT s.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,\n  pg_catalog.pg_get_viewdef(c.oid, true) AS definition, d.description AS comment,\n  CASE WHEN s.temp THEN (\n    SELECT pg_catalog.regexp_replace(r.ev_action::text, ':relid ' || c.oid || '(?![0-9])', ':relid 0', 'g')\n    FROM pg_catalog.pg_rewrite r WHERE r.ev_class = c.oid AND r.rulename = '_RETURN') END AS tree\nFROM pg_catalog.pg_class c\nJOIN scope s ON s.oid = c.relnamespace\nLEFT JOIN pg_catalog.pg_description d\n  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0\nLEFT JOIN pg_catalog.pg_depend x\n  ON x.objid = c.oid AND x.classid = 'pg_catalog.pg_class'::regclass AND x.deptype = 'e'\nWHERE c.relkind IN ('v', 'm') AND x.objid IS NULL\nORDER BY s.nspname, c.relname\n",
};

;// CONCATENATED MODULE: ./src/db/node-tree.ts
/**
 * PostgreSQL stores every expression it has parsed (a default, a check, an index expression or
 * predicate, a view's query) as a `pg_node_tree`: the parse tree, written out. Two spellings
 * PostgreSQL parsed to the same tree mean the same thing, however differently they are printed.
 * `normalizeTree` reads that text and removes what only says how the expression was written, so
 * that such trees compare equal as strings:
 *
 * - where in the text a node was written (`:location`, `:stmt_location`, `:stmt_len`) and the
 *   syntactic aliases of a column reference (`:varnosyn`, `:varattnosyn`);
 * - how a call or a coercion is to be displayed (`:funcformat`, `:relabelformat`, `:coerceformat`,
 *   `:convertformat`): `0::numeric` and `0` on a numeric column call the same function, one shown
 *   as an explicit cast and one as an implicit one; `x AT TIME ZONE 'utc'` and `timezone('utc', x)`
 *   or `trim(x)` and `btrim(x)` call the same function, shown in SQL syntax or as a call;
 * - a binary coercion (`RelabelType`: same bits, another type) of a constant is that constant of
 *   the other type, and a binary coercion of an array is an array of coerced elements: `c IN
 *   ('a', 'b')` on a varchar column and `c = ANY (ARRAY['a', 'b'])` compare the same text values;
 * - an integer constant widened by PostgreSQL's own cast (int2 → int4 → int8, which keeps the
 *   value and its datum word) is the constant of the wider type: `0` and `'0'::bigint`;
 * - an `ARRAY[…]` of constants of a fixed-length type passed by value (integers, booleans, enum
 *   labels) is the array constant PostgreSQL would store for it (`ARRAY['member']::role[]` and
 *   `'{member}'`), laid out as PostgreSQL lays out a one-dimensional array without nulls;
 * - an empty array of a type, however it is made (`'{}'`, `ARRAY[]::text[]`, `'{}'::varchar(20)[]`
 *   on a `varchar(20)[]` column), is the empty array of that type;
 * - `CURRENT_TIMESTAMP` and `transaction_timestamp()` are `now()`, as PostgreSQL documents them.
 *
 * Nothing else is normalised: the functions, operators, types, collations and constant values
 * of both trees still have to be the same, so `<` is not `<=`, `now()` is not
 * `statement_timestamp()` and `'a'` is not `'A'`. Pure: no I/O, nothing is evaluated.
 */
const isNode = (v) => typeof v === 'object' && 'name' in v;
/** An `ARRAY[…]`: PostgreSQL 14 writes the node as ARRAY, later versions as ARRAYEXPR. */
const isArrayExpr = (v) => isNode(v) && (v.name === 'ARRAYEXPR' || v.name === 'ARRAY');
/** Splits pg_node_tree text into tokens; a backslash escapes the next character. */
function tokenize(text) {
    const tokens = [];
    let current = '';
    let has = false;
    const flush = () => {
        if (has)
            tokens.push(current);
        current = '';
        has = false;
    };
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (ch === '\\' && i + 1 < text.length) {
            current += ch + text[i + 1];
            has = true;
            i += 1;
        }
        else if (ch === ' ' || ch === '\n' || ch === '\t')
            flush();
        else if (ch === '{' || ch === '}' || ch === '(' || ch === ')') {
            flush();
            tokens.push(ch);
        }
        else {
            current += ch;
            has = true;
        }
    }
    flush();
    return tokens;
}
class Parser {
    tokens;
    at = 0;
    constructor(tokens) {
        this.tokens = tokens;
    }
    done() {
        return this.at >= this.tokens.length;
    }
    value() {
        const t = this.tokens[this.at++];
        if (t === '{')
            return this.node();
        if (t === '(')
            return this.list();
        if (t === undefined)
            throw new Error('unexpected end of node tree');
        return t;
    }
    node() {
        const name = this.tokens[this.at++] ?? '';
        const fields = [];
        while (this.at < this.tokens.length && this.tokens[this.at] !== '}') {
            const t = this.tokens[this.at];
            if (t.startsWith(':')) {
                this.at += 1;
                fields.push([t.slice(1), []]);
            }
            else {
                const v = this.value();
                const last = fields[fields.length - 1];
                if (last)
                    last[1].push(v);
                else
                    fields.push(['', [v]]);
            }
        }
        this.at += 1;
        return { name, fields };
    }
    list() {
        const list = [];
        while (this.at < this.tokens.length && this.tokens[this.at] !== ')')
            list.push(this.value());
        this.at += 1;
        return { list };
    }
}
function write(v) {
    if (typeof v === 'string')
        return v;
    if ('list' in v)
        return `(${v.list.map(write).join(' ')})`;
    return `{${[v.name, ...v.fields.map(([k, vs]) => [`:${k}`, ...vs.map(write)].join(' '))].join(' ')}}`;
}
/** Fields that only record how or where the expression was written. */
const DISPLAY_ONLY = new Set([
    'location',
    'stmt_location',
    'stmt_len',
    'varnosyn',
    'varattnosyn',
    'funcformat',
    'relabelformat',
    'coerceformat',
    'convertformat',
]);
const field = (n, name) => n.fields.find(([k]) => k === name)?.[1];
const scalar = (n, name) => {
    const v = field(n, name)?.[0];
    return typeof v === 'string' ? v : undefined;
};
const setField = (n, name, value) => {
    const f = n.fields.find(([k]) => k === name);
    if (f)
        f[1] = value;
};
/** now(), its documented aliases (transaction_timestamp(), and the CURRENT_TIMESTAMP keyword). */
const NOW_OID = '1299';
const TRANSACTION_TIMESTAMP_OID = '2647';
/** SQLValueFunctionOp SVFOP_CURRENT_TIMESTAMP (without a precision). */
const SVFOP_CURRENT_TIMESTAMP = '3';
const TIMESTAMPTZ_OID = '1184';
/**
 * The integer casts that keep the value (int2 → int4, int2 → int8, int4 → int8), and the type and
 * length of their result. A byval integer datum is sign-extended to a whole word, so the widened
 * constant has the same word.
 */
const INTEGER_WIDENING = {
    '313': { type: '23', len: '4' },
    '754': { type: '20', len: '8' },
    '481': { type: '20', len: '8' },
};
function nowCall() {
    return {
        name: 'FUNCEXPR',
        fields: [
            ['funcid', [NOW_OID]],
            ['funcresulttype', [TIMESTAMPTZ_OID]],
            ['funcretset', ['false']],
            ['funcvariadic', ['false']],
            ['funccollid', ['0']],
            ['inputcollid', ['0']],
            ['args', ['<>']],
        ],
    };
}
/** An empty one-dimensional-or-less array constant: a 16-byte value with 0 dimensions. */
function isEmptyArrayConst(n) {
    if (n.name !== 'CONST' || scalar(n, 'constlen') !== '-1' || scalar(n, 'constisnull') !== 'false')
        return false;
    const datum = field(n, 'constvalue') ?? [];
    // `16 [ b0 … b15 ]`: varlena header, ndim (int32), dataoffset (int32), element type.
    if (datum[0] !== '16' || datum[1] !== '[')
        return false;
    const bytes = datum.slice(2, 18);
    return bytes.slice(4, 12).every((b) => b === '0');
}
const emptyArray = (type, typmod, collation) => ({
    name: 'EMPTYARRAY',
    fields: [
        ['type', [type]],
        ['typmod', [typmod]],
        ['collid', [collation]],
    ],
});
/**
 * The constant of a one-dimensional `ARRAY[…]` whose elements are all non-null constants of one
 * fixed length passed by value, as PostgreSQL stores it: a 4-byte varlena header, ndim 1, data
 * offset 0 (no nulls), the element type, the length and lower bound 1, then the data from byte 24
 * (MAXALIGN of the 24-byte header), each element in its own length (its alignment, for every
 * by-value type). A datum word is written out least significant byte first, as on the platforms
 * PostgreSQL runs on; the first `len` bytes are the element.
 */
function arrayConst(n) {
    if (scalar(n, 'multidims') !== 'false')
        return undefined;
    const list = field(n, 'elements')?.[0];
    if (!list || typeof list !== 'object' || !('list' in list) || list.list.length === 0)
        return undefined;
    const elements = list.list;
    const first = elements[0];
    if (!isNode(first))
        return undefined;
    const len = Number(scalar(first, 'constlen'));
    if (![1, 2, 4, 8].includes(len))
        return undefined;
    const elemType = scalar(n, 'element_typeid') ?? '';
    const data = [];
    for (const e of elements) {
        if (!isNode(e) ||
            e.name !== 'CONST' ||
            scalar(e, 'constbyval') !== 'true' ||
            scalar(e, 'constisnull') !== 'false' ||
            Number(scalar(e, 'constlen')) !== len ||
            scalar(e, 'consttype') !== elemType)
            return undefined;
        const datum = field(e, 'constvalue') ?? [];
        const bytes = datum.slice(2, 2 + len).map(Number);
        if (bytes.length !== len || bytes.some((b) => !Number.isInteger(b)))
            return undefined;
        data.push(...bytes.map((b) => b & 0xff));
    }
    const word = (value) => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
    const size = 24 + data.length;
    const oid = Number(elemType);
    if (!Number.isInteger(oid))
        return undefined;
    // As outDatum prints bytes: signed chars.
    const signed = (b) => String(b > 127 ? b - 256 : b);
    const bytes = [...word(size << 2), ...word(1), ...word(0), ...word(oid), ...word(elements.length), ...word(1), ...data].map(signed);
    return {
        name: 'CONST',
        fields: [
            ['consttype', [scalar(n, 'array_typeid') ?? '']],
            ['consttypmod', ['-1']],
            ['constcollid', [scalar(n, 'array_collid') ?? '0']],
            ['constlen', ['-1']],
            ['constbyval', ['false']],
            ['constisnull', ['false']],
            ['constvalue', [String(size), '[', ...bytes, ']']],
        ],
    };
}
function retypeConst(c, type, typmod, collation) {
    const out = { name: c.name, fields: c.fields.map(([k, v]) => [k, [...v]]) };
    setField(out, 'consttype', [type]);
    setField(out, 'consttypmod', [typmod]);
    setField(out, 'constcollid', [collation]);
    return out;
}
/** The node with its children normalised, then itself rewritten (see the module comment). */
function normalizeValue(v) {
    if (typeof v === 'string')
        return v;
    if ('list' in v)
        return { list: v.list.map(normalizeValue) };
    const n = {
        name: v.name,
        fields: v.fields.filter(([k]) => !DISPLAY_ONLY.has(k)).map(([k, vs]) => [k, vs.map(normalizeValue)]),
    };
    return rewrite(n);
}
function rewrite(n) {
    switch (n.name) {
        case 'SQLVALUEFUNCTION':
            if (scalar(n, 'op') === SVFOP_CURRENT_TIMESTAMP && scalar(n, 'typmod') === '-1')
                return nowCall();
            return n;
        case 'FUNCEXPR': {
            const id = scalar(n, 'funcid') ?? '';
            if (id === TRANSACTION_TIMESTAMP_OID)
                return nowCall();
            const widening = INTEGER_WIDENING[id];
            const args = field(n, 'args')?.[0];
            const arg = args && typeof args === 'object' && 'list' in args && args.list.length === 1 ? args.list[0] : undefined;
            if (widening && isNode(arg) && arg.name === 'CONST') {
                const c = retypeConst(arg, widening.type, '-1', '0');
                setField(c, 'constlen', [widening.len]);
                const datum = field(c, 'constvalue');
                if (datum && datum[0] !== undefined)
                    setField(c, 'constvalue', [widening.len, ...datum.slice(1)]);
                return c;
            }
            return n;
        }
        case 'RELABELTYPE': {
            const arg = field(n, 'arg')?.[0];
            const type = scalar(n, 'resulttype') ?? '';
            const typmod = scalar(n, 'resulttypmod') ?? '-1';
            const collation = scalar(n, 'resultcollid') ?? '0';
            if (isNode(arg) && arg.name === 'CONST')
                return retypeConst(arg, type, typmod, collation);
            if (isNode(arg) && arg.name === 'EMPTYARRAY')
                return emptyArray(type, typmod, collation);
            return n;
        }
        case 'CONST':
            return isEmptyArrayConst(n)
                ? emptyArray(scalar(n, 'consttype') ?? '', scalar(n, 'consttypmod') ?? '-1', scalar(n, 'constcollid') ?? '0')
                : n;
        case 'ARRAY':
        case 'ARRAYEXPR': {
            const elements = field(n, 'elements')?.[0];
            if (elements === '<>')
                return emptyArray(scalar(n, 'array_typeid') ?? '', '-1', scalar(n, 'array_collid') ?? '0');
            return arrayConst(n) ?? n;
        }
        case 'ARRAYCOERCEEXPR': {
            const arg = field(n, 'arg')?.[0];
            const type = scalar(n, 'resulttype') ?? '';
            const typmod = scalar(n, 'resulttypmod') ?? '-1';
            const collation = scalar(n, 'resultcollid') ?? '0';
            // Nothing to convert: the empty array of the result type.
            if (isNode(arg) && arg.name === 'EMPTYARRAY')
                return emptyArray(type, typmod, collation);
            const elem = field(n, 'elemexpr')?.[0];
            // A binary coercion of each element of an ARRAY[…]: the ARRAY[…] of coerced elements.
            if (isArrayExpr(arg) &&
                isNode(elem) &&
                elem.name === 'RELABELTYPE' &&
                isNode(field(elem, 'arg')?.[0]) &&
                (field(elem, 'arg')?.[0]).name === 'CASETESTEXPR') {
                const list = field(arg, 'elements')?.[0];
                if (list && typeof list === 'object' && 'list' in list) {
                    const elemType = scalar(elem, 'resulttype') ?? '';
                    const elemTypmod = scalar(elem, 'resulttypmod') ?? '-1';
                    const elemColl = scalar(elem, 'resultcollid') ?? '0';
                    const elements = list.list.map((e) => rewrite({
                        name: 'RELABELTYPE',
                        fields: [
                            ['arg', [e]],
                            ['resulttype', [elemType]],
                            ['resulttypmod', [elemTypmod]],
                            ['resultcollid', [elemColl]],
                        ],
                    }));
                    return {
                        name: arg.name,
                        fields: [
                            ['array_typeid', [type]],
                            ['array_collid', [collation]],
                            ['element_typeid', [elemType]],
                            ['elements', [{ list: elements }]],
                            ['multidims', [scalar(arg, 'multidims') ?? 'false']],
                        ],
                    };
                }
            }
            return n;
        }
        default:
            return n;
    }
}
/**
 * The tree with what only records its spelling removed (see the module comment), as text; equal
 * texts are equal expressions. Text that is not a node tree comes back as it is.
 */
function normalizeTree(text) {
    try {
        const parser = new Parser(tokenize(text));
        const values = [];
        while (!parser.done())
            values.push(normalizeValue(parser.value()));
        return values.map(write).join(' ');
    }
    catch {
        return text;
    }
}

;// CONCATENATED MODULE: ./src/db/introspect.ts
/**
 * Reads a live schema from pg_catalog into the model: one batch, one round trip, one consistent
 * snapshot, whatever the number of tables. Definitions are printed by PostgreSQL with the
 * search_path fixed to pg_catalog, so every user object is printed schema-qualified and the output
 * does not depend on the session.
 */




const CATALOG_QUERIES = [
    'schemas',
    'extensions',
    'enums',
    'sequences',
    'tables',
    'columns',
    'constraints',
    'indexes',
    'views',
];
/**
 * The catalog queries a second connection runs when there is one (see `introspect`): the two that
 * print expressions in the context of their tables, which opens them, so that each table's
 * relation cache entry is built by one backend only.
 */
const HELPER_QUERIES = ['constraints', 'indexes'];
/**
 * The text of a catalog query for a server of `serverVersion`, when known. Some read a column
 * that PostgreSQL 15 added through to_jsonb of the whole row, which is valid on 14 too but costs
 * time (about 0.1 s for 10,000 indexes); from 15 on the column is read as a column. Both texts
 * come ready from sql/ (see scripts/gen-sql.mjs).
 */
function queryFor(name, serverVersion) {
    return (serverVersion !== undefined && serverVersion >= 150000 ? catalogSqlFrom15 : catalogSql)[name].trim();
}
/**
 * The statements that read a scope, the catalog queries last (all of them, or `queries` in
 * that order); the caller runs them inside a transaction. `serverVersion`, when known, lets the
 * queries use what that version has.
 */
function catalogStatements(scope, queries = CATALOG_QUERIES, serverVersion) {
    return [
        'SET LOCAL search_path = pg_catalog',
        // Catalog reads are short: compiling them with JIT costs more than it saves.
        'SET LOCAL jit = off',
        // Enough for the sort of the columns query to stay in memory (it spills at the default 4MB).
        "SET LOCAL work_mem = '64MB'",
        `SELECT pg_catalog.set_config('pgdrift.scope', ${ident_quoteLiteral(JSON.stringify(scope))}, true)`,
        ...queries.map((name) => `WITH scope AS (\n${catalogSql.scope.trim()}\n)\n${queryFor(name, serverVersion)}`),
    ];
}
const CONTEXT = 'introspecting the database';
/** Read with the server's version, for canonicalize (which batches its temporary objects by it). */
const MAX_LOCKS = "pg_catalog.current_setting('max_locks_per_transaction')::int AS max_locks";
const BEGIN_READ = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
/**
 * Reads the live schema in a read-only repeatable-read transaction: one round trip, or three
 * with a helper connection (export the snapshot, the reads, COMMIT) and one on the helper.
 * `schemas` limits it to those schemas; without it every user schema is read.
 */
async function introspect_introspect(session, schemas, options = {}) {
    const scope = schemas ? { schemas } : {};
    let dispatchedCalled = false;
    const dispatched = () => {
        if (dispatchedCalled)
            return;
        dispatchedCalled = true;
        options.dispatched?.();
    };
    try {
        if (options.inTransaction) {
            void options.helper?.then((helper) => helper.close(), () => undefined);
            // Inside a caller's transaction (apply), the reads join it and see its own changes.
            scope.open = true;
            return await readAlone(session, scope, ['SAVEPOINT pgdrift_introspect'], 'RELEASE SAVEPOINT pgdrift_introspect', true, dispatched);
        }
        if (options.helper)
            return await readInParallel(session, options.helper, scope, dispatched);
        return await readAlone(session, scope, [BEGIN_READ], 'COMMIT', false, dispatched);
    }
    finally {
        dispatched();
    }
}
/** The whole read as one batch on one connection: `begin`, the version, the catalog queries, `end`. */
async function readAlone(session, scope, begin, end, inTransaction, dispatched = () => undefined) {
    const catalog = catalogStatements(scope);
    const statements = [...begin, `SELECT pg_catalog.current_setting('server_version_num')::int AS version, ${MAX_LOCKS}`, ...catalog, end];
    const builder = new SchemaBuilder();
    const reader = catalogReader(builder, statements.length - 1 - CATALOG_QUERIES.length);
    let serverVersion = 0;
    try {
        const reading = session.stream(CONTEXT, statements, (statement, fields, values) => {
            if (statement === begin.length) {
                serverVersion = Number(values[0]);
                session.maxLocksPerTransaction = Number(values[1]);
            }
            else
                reader(statement, fields, values);
        });
        dispatched();
        await reading;
    }
    catch (error) {
        if (!inTransaction)
            await session.query('rolling back', 'ROLLBACK').catch(() => undefined);
        throw error;
    }
    return builder.result(serverVersion);
}
/** The read split over `session` and a helper connection that shares its snapshot. */
async function readInParallel(session, pending, scope, dispatched) {
    let connected;
    void pending.then((helper) => (connected = helper), () => undefined);
    let serverVersion = 0;
    let snapshot = '';
    try {
        await session.stream(CONTEXT, [
            BEGIN_READ,
            `SELECT pg_catalog.current_setting('server_version_num')::int AS version, pg_catalog.pg_export_snapshot() AS snapshot, ${MAX_LOCKS}`,
        ], (_, __, values) => {
            serverVersion = Number(values[0]);
            snapshot = values[1] ?? '';
            session.maxLocksPerTransaction = Number(values[2]);
        });
    }
    catch {
        // No snapshot to share: this session reads it all, after ending the failed transaction.
        void pending.then((helper) => helper.close(), () => undefined);
        return readAlone(session, scope, ['ROLLBACK', BEGIN_READ], 'COMMIT', false, dispatched);
    }
    const builder = new SchemaBuilder();
    const helperStatements = [
        BEGIN_READ,
        `SET TRANSACTION SNAPSHOT ${ident_quoteLiteral(snapshot)}`,
        ...catalogStatements(scope, HELPER_QUERIES, serverVersion),
        'COMMIT',
    ];
    const helperReader = catalogReader(builder, helperStatements.length - 1 - HELPER_QUERIES.length, HELPER_QUERIES);
    let helperRows = 0;
    // Changed by `run` as well as here: a holder, so that the checks below read it afresh.
    const helper = { state: 'waiting', ownSent: false };
    const run = async (connection) => {
        try {
            if (helper.state !== 'waiting')
                return false;
            helper.state = 'running';
            const reading = connection.stream(`${CONTEXT} (second connection)`, helperStatements, (statement, fields, values) => {
                helperRows += 1;
                helperReader(statement, fields, values);
            });
            if (helper.ownSent)
                dispatched();
            await reading;
            return true;
        }
        catch {
            return false;
        }
        finally {
            await connection.close();
        }
    };
    // Started now if the helper is connected, or as soon as it is, unless this session has moved on.
    const helped = connected ? run(connected) : pending.then(run, () => false);
    const own = CATALOG_QUERIES.filter((query) => !HELPER_QUERIES.includes(query));
    // The snapshot only has to outlive the helper's import, its first statement: when the helper
    // has started, this session's reads (which take far longer) may end the transaction too.
    const commitNow = helper.state === 'running';
    const statements = [...catalogStatements(scope, own, serverVersion), ...(commitNow ? ['COMMIT'] : [])];
    const ownReader = catalogReader(builder, statements.length - (commitNow ? 1 : 0) - own.length, own);
    try {
        const reading = session.stream(CONTEXT, statements, ownReader);
        helper.ownSent = true;
        if (helper.state === 'running')
            dispatched();
        await reading;
    }
    catch (error) {
        if (helper.state === 'waiting')
            helper.state = 'declined';
        await session.query('rolling back', 'ROLLBACK').catch(() => undefined);
        throw error;
    }
    if (helper.state === 'waiting')
        helper.state = 'declined';
    dispatched();
    const ok = helper.state === 'running' && (await helped);
    if (ok && commitNow)
        return builder.result(serverVersion);
    if (ok) {
        await session.query(CONTEXT, 'COMMIT');
        return builder.result(serverVersion);
    }
    if (helperRows > 0 || commitNow) {
        // The helper failed part-way, or after this transaction ended: read it all again here.
        return readAlone(session, scope, commitNow ? [BEGIN_READ] : ['ROLLBACK', BEGIN_READ], 'COMMIT', false, dispatched);
    }
    // The helper's queries run here instead, in the same transaction.
    const rest = [...catalogStatements(scope, HELPER_QUERIES, serverVersion), 'COMMIT'];
    try {
        await session.stream(CONTEXT, rest, catalogReader(builder, rest.length - 1 - HELPER_QUERIES.length, HELPER_QUERIES));
    }
    catch (error) {
        await session.query('rolling back', 'ROLLBACK').catch(() => undefined);
        throw error;
    }
    return builder.result(serverVersion);
}
/**
 * Routes the rows of a streamed batch to `builder`: the statements from `first` on are the
 * catalog queries `queries` (all of them, in CATALOG_QUERIES order, by default). Rows of other
 * statements are ignored.
 */
function catalogReader(builder, first, queries = CATALOG_QUERIES) {
    return (statement, fields, values) => {
        const query = queries[statement - first];
        if (query)
            builder.add(query, fields, values);
    };
}
const introspect_FK_ACTIONS = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };
const introspect_FK_MATCH = { s: 'simple', f: 'full', p: 'partial' };
// Values arrive as PostgreSQL's text output: booleans are t/f, arrays and records are JSON text.
const str = (v) => String(v);
const opt = (v) => (v === null || v === undefined ? undefined : v);
const bool = (v) => v === 't';
const json = (v) => JSON.parse(str(v));
/** Positions of the named columns in a row; a column the query does not return is a bug here. */
function positions(fields, ...names) {
    return names.map((name) => {
        const i = fields.indexOf(name);
        if (i < 0)
            throw new Error(`the catalog query returned no column "${name}"`);
        return i;
    });
}
/**
 * The key of an expression's tree in `SchemaBuilder.trees()`: the table or view key, then which
 * expression: `default, column`, `check, name`, `index, name, exprs | where`, or `view`.
 */
const treeKey = (object, ...part) => [object, ...part].join('\u0000');
/**
 * Builds the model from catalog rows as they stream in, row by row, so that no result set is
 * held. Columns, constraints and indexes name their table by oid; a table is part of the result
 * when the tables query returned it. Pure: no I/O.
 */
class SchemaBuilder {
    schema = emptySchema();
    tables = new Map();
    handlers = new Map();
    /** Adds one row of `query`, whose columns are named by `fields`. */
    add(query, fields, values) {
        let handler = this.handlers.get(query);
        if (handler?.fields !== fields) {
            handler = { fields, handle: this.handler(query, fields) };
            this.handlers.set(query, handler);
        }
        handler.handle(values);
    }
    invalid = [];
    /** The read's result: `finish()`'s schema and the invalid indexes of its tables. */
    result(serverVersion) {
        const schema = this.finish();
        const invalidIndexes = [];
        for (const x of this.invalid) {
            const row = this.tables.get(x.tableOid)?.row;
            if (!row)
                continue;
            const table = displayQualified(row.schema, row.name);
            invalidIndexes.push({ table, name: x.name, object: `${table}.${displayIdent(x.name)}`, oid: x.oid, building: x.building });
        }
        invalidIndexes.sort((a, b) => (a.object < b.object ? -1 : a.object > b.object ? 1 : 0));
        return { schema, serverVersion, invalidIndexes };
    }
    viewTrees = new Map();
    /**
     * The stored expression trees read (only a read of the temporary schema has them), normalised
     * (see node-tree.ts), by `treeKey`.
     */
    trees() {
        const out = new Map(this.viewTrees);
        for (const parts of this.tables.values()) {
            if (!parts.row || !parts.trees)
                continue;
            const key = displayQualified(parts.row.schema, parts.row.name);
            for (const [part, tree] of parts.trees)
                out.set(treeKey(key, part), tree);
        }
        return out;
    }
    tree(parts, part, text) {
        if (text === null || text === undefined)
            return;
        (parts.trees ??= new Map()).set(part, normalizeTree(text));
    }
    /** The schema read so far: tables in key order, each with its indexes in name order. */
    finish() {
        const tables = {};
        for (const parts of this.tables.values()) {
            if (!parts.row)
                continue;
            const { schema, name, comment } = parts.row;
            const table = {
                schema,
                name,
                columns: parts.columns,
                uniques: parts.uniques,
                foreignKeys: parts.foreignKeys,
                checks: parts.checks,
                indexes: sortRecord(parts.indexes),
            };
            if (comment !== undefined)
                table.comment = comment;
            if (parts.primaryKey)
                table.primaryKey = parts.primaryKey;
            if (parts.exclusions.length)
                table.exclusions = parts.exclusions.sort((a, b) => model_compareText(a.name ?? '', b.name ?? ''));
            tables[displayQualified(schema, name)] = table;
        }
        this.schema.tables = sortRecord(tables);
        return this.schema;
    }
    table(oid) {
        const key = str(oid);
        let parts = this.tables.get(key);
        if (!parts) {
            parts = { columns: [], uniques: [], foreignKeys: [], checks: [], exclusions: [], indexes: {} };
            this.tables.set(key, parts);
        }
        return parts;
    }
    handler(query, f) {
        const schema = this.schema;
        switch (query) {
            case 'schemas': {
                const [name, comment] = positions(f, 'name', 'comment');
                return (v) => {
                    const c = opt(v[comment]);
                    schema.schemas[str(v[name])] = c === undefined ? {} : { comment: c };
                };
            }
            case 'extensions': {
                const [name, ns, version] = positions(f, 'name', 'schema', 'version');
                return (v) => {
                    schema.extensions[str(v[name])] = { name: str(v[name]), schema: str(v[ns]), version: str(v[version]) };
                };
            }
            case 'enums': {
                const [ns, name, values, comment] = positions(f, 'schema', 'name', 'values', 'comment');
                return (v) => {
                    const c = opt(v[comment]);
                    schema.enums[displayQualified(str(v[ns]), str(v[name]))] = {
                        schema: str(v[ns]),
                        name: str(v[name]),
                        values: json(v[values]),
                        ...(c === undefined ? {} : { comment: c }),
                    };
                };
            }
            case 'sequences': {
                const [ns, name, type, start, increment, min, max, cache, cycle, comment] = positions(f, 'schema', 'name', 'type', 'start', 'increment', 'min', 'max', 'cache', 'cycle', 'comment');
                return (v) => {
                    const c = opt(v[comment]);
                    schema.sequences[displayQualified(str(v[ns]), str(v[name]))] = {
                        schema: str(v[ns]),
                        name: str(v[name]),
                        type: str(v[type]),
                        start: str(v[start]),
                        increment: str(v[increment]),
                        min: str(v[min]),
                        max: str(v[max]),
                        cache: str(v[cache]),
                        cycle: bool(v[cycle]),
                        ...(c === undefined ? {} : { comment: c }),
                    };
                };
            }
            case 'tables': {
                const [oid, ns, name, comment] = positions(f, 'oid', 'schema', 'name', 'comment');
                return (v) => {
                    this.table(v[oid]).row = { schema: str(v[ns]), name: str(v[name]), comment: opt(v[comment]) };
                };
            }
            case 'columns': {
                const [table, name, type, notNull, def, identity, generated, collation, serial, comment] = positions(f, 'table_oid', 'name', 'type', 'not_null', 'default', 'identity', 'generated', 'collation', 'serial_default', 'comment');
                const defaultTree = f.indexOf('default_tree');
                return (v) => {
                    const id = v[identity] ?? '';
                    const gen = v[generated] ?? '';
                    const column = { name: str(v[name]), type: str(v[type]), notNull: bool(v[notNull]) };
                    const d = opt(v[def]);
                    if (bool(v[serial]))
                        column.serial = true;
                    else if (gen === 's' || gen === 'v') {
                        if (d !== undefined)
                            column.generated = d;
                        if (gen === 'v')
                            column.virtual = true;
                    }
                    else if (d !== undefined)
                        column.default = d;
                    if (id === 'a')
                        column.identity = 'always';
                    if (id === 'd')
                        column.identity = 'by default';
                    const coll = opt(v[collation]);
                    if (coll !== undefined)
                        column.collation = coll;
                    const c = opt(v[comment]);
                    if (c !== undefined)
                        column.comment = c;
                    const parts = this.table(v[table]);
                    parts.columns.push(column);
                    if (defaultTree >= 0)
                        this.tree(parts, treeKey('default', column.name), v[defaultTree]);
                };
            }
            case 'constraints': {
                const [table, name, type, columns, refSchema, refTable, refColumns, onUpdate, onDelete, match, deferrable, deferred, noInherit, expression, nullsNotDistinct,] = positions(f, 'table_oid', 'name', 'type', 'columns', 'ref_schema', 'ref_table', 'ref_columns', 'on_update', 'on_delete', 'match', 'deferrable', 'deferred', 'no_inherit', 'expression', 'nulls_not_distinct');
                const tree = f.indexOf('tree');
                const validated = f.indexOf('validated');
                const includeAt = f.indexOf('include');
                return (v) => {
                    const parts = this.table(v[table]);
                    const n = str(v[name]);
                    // Only foreign keys and checks can be NOT VALID; absent unless they are.
                    const notValid = validated >= 0 && v[validated] === 'f' ? { notValid: true } : {};
                    // A check has no column list (null): it is only read for the other kinds.
                    const cols = () => json(v[columns]);
                    const isDeferrable = bool(v[deferrable]);
                    const initiallyDeferred = bool(v[deferred]);
                    switch (str(v[type])) {
                        case 'p':
                            parts.primaryKey = { name: n, columns: cols() };
                            break;
                        case 'u':
                            parts.uniques.push({
                                name: n,
                                columns: cols(),
                                ...(includeAt >= 0 && v[includeAt] !== null && v[includeAt] !== undefined ? { include: json(v[includeAt]) } : {}),
                                nullsNotDistinct: bool(v[nullsNotDistinct]),
                                deferrable: isDeferrable,
                                initiallyDeferred,
                            });
                            break;
                        case 'f':
                            parts.foreignKeys.push({
                                name: n,
                                columns: cols(),
                                refTable: displayQualified(str(v[refSchema]), str(v[refTable])),
                                refColumns: json(v[refColumns]),
                                onDelete: introspect_FK_ACTIONS[str(v[onDelete])] ?? 'no action',
                                onUpdate: introspect_FK_ACTIONS[str(v[onUpdate])] ?? 'no action',
                                match: introspect_FK_MATCH[str(v[match])] ?? 'simple',
                                deferrable: isDeferrable,
                                initiallyDeferred,
                                ...notValid,
                            });
                            break;
                        case 'c':
                            parts.checks.push({ name: n, expression: str(v[expression]), noInherit: bool(v[noInherit]), ...notValid });
                            if (tree >= 0)
                                this.tree(parts, treeKey('check', n), v[tree]);
                            break;
                    }
                };
            }
            case 'indexes': {
                const [table, name, method, unique, nullsNotDistinct, where, keys, include, invalidOid, building] = positions(f, 'table_oid', 'name', 'method', 'unique', 'nulls_not_distinct', 'where', 'keys', 'include', 'invalid_oid', 'building');
                const exprsTree = f.indexOf('exprs_tree');
                const whereTree = f.indexOf('where_tree');
                const [exclusion, operators, deferrable, deferred] = positions(f, 'exclusion', 'operators', 'deferrable', 'deferred');
                return (v) => {
                    const invalid = v[invalidOid];
                    if (invalid !== null && invalid !== undefined)
                        this.invalid.push({ tableOid: str(v[table]), name: str(v[name]), oid: Number(invalid), building: bool(v[building]) });
                    const parsed = json(v[keys]).map((k) => {
                        const key = { expression: k.expression, column: k.column, descending: k.descending, nullsFirst: k.nullsFirst };
                        if (k.opclass)
                            key.opclass = k.opclass;
                        if (k.collation)
                            key.collation = k.collation;
                        return key;
                    });
                    const w = opt(v[where]);
                    const n = str(v[name]);
                    const parts = this.table(v[table]);
                    const excl = opt(v[exclusion]);
                    if (excl !== undefined) {
                        const ops = json(v[operators]);
                        parts.exclusions.push({
                            name: excl,
                            method: str(v[method]),
                            elements: parsed.map((k, i) => ({ ...k, operator: ops[i] ?? '' })),
                            include: json(v[include]),
                            ...(w === undefined ? {} : { where: w }),
                            deferrable: bool(v[deferrable]),
                            initiallyDeferred: bool(v[deferred]),
                        });
                        return;
                    }
                    if (exprsTree >= 0)
                        this.tree(parts, treeKey('index', n, 'exprs'), v[exprsTree]);
                    if (whereTree >= 0)
                        this.tree(parts, treeKey('index', n, 'where'), v[whereTree]);
                    parts.indexes[n] = {
                        name: n,
                        unique: bool(v[unique]),
                        method: str(v[method]),
                        keys: parsed,
                        include: json(v[include]),
                        nullsNotDistinct: bool(v[nullsNotDistinct]),
                        ...(w === undefined ? {} : { where: w }),
                    };
                };
            }
            case 'views': {
                const [ns, name, materialized, definition, comment] = positions(f, 'schema', 'name', 'materialized', 'definition', 'comment');
                const tree = f.indexOf('tree');
                return (v) => {
                    const c = opt(v[comment]);
                    const key = displayQualified(str(v[ns]), str(v[name]));
                    const t = tree >= 0 ? v[tree] : null;
                    if (t !== null && t !== undefined)
                        this.viewTrees.set(treeKey(key, 'view'), normalizeTree(t));
                    schema.views[key] = {
                        schema: str(v[ns]),
                        name: str(v[name]),
                        materialized: bool(v[materialized]),
                        definition: str(v[definition]).trim().replace(/;$/, ''),
                        ...(c === undefined ? {} : { comment: c }),
                    };
                };
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/db/canonicalize.ts
/**
 * Lets PostgreSQL canonicalise the spec. The spec's tables, enums, sequences and views are created
 * as temporary objects inside a transaction that is always rolled back, then read back through the
 * very catalog queries used on the live database; so `int`, `NOW()`, `IN (...)` and `USING btree`
 * come back spelled exactly as the live catalog spells them. Needs only the TEMP privilege, which
 * every role has by default, and leaves nothing behind.
 *
 * Only what differs textually from the live database is sent (a spec made by `snapshot` sends
 * nothing), and everything goes in one round trip. Each fragment runs in its own subtransaction so
 * that a bad one is reported with its JSON path instead of aborting the rest.
 */







const RUNNER = `DO $pgdrift$
DECLARE
  item jsonb;
  step jsonb;
BEGIN
  CREATE TEMP TABLE pgdrift_errors (path text, message text, soft boolean, seq serial);
  FOR item IN SELECT value FROM pg_catalog.jsonb_array_elements(pg_catalog.current_setting('pgdrift.ddl')::jsonb) LOOP
    BEGIN
      EXECUTE item ->> 'sql';
    EXCEPTION WHEN others THEN
      IF item ? 'steps' THEN
        FOR step IN SELECT value FROM pg_catalog.jsonb_array_elements(item -> 'steps') LOOP
          BEGIN
            EXECUTE step ->> 'sql';
          EXCEPTION WHEN others THEN
            INSERT INTO pg_temp.pgdrift_errors (path, message, soft) VALUES (step ->> 'path', SQLERRM, COALESCE((step ->> 'soft')::boolean, (item ->> 'soft')::boolean, false));
            IF step ? 'fallback' THEN
              BEGIN
                EXECUTE step ->> 'fallback';
              EXCEPTION WHEN others THEN
                NULL;
              END;
            END IF;
          END;
        END LOOP;
      ELSE
        INSERT INTO pg_temp.pgdrift_errors (path, message, soft) VALUES (item ->> 'path', SQLERRM, COALESCE((item ->> 'soft')::boolean, false));
      END IF;
    END;
  END LOOP;
END
$pgdrift$`;
/**
 * Makes index `index_sql` of temporary table `tbl` on stand-in columns `<prefix>1`, `<prefix>2`…
 * of the types of `exprs` (see indexDdl), each key with its expression's collation unless it
 * names one. The expressions' types and collations are read from a view of them, which is made
 * and dropped without being queried.
 */
const INDEX_FUNCTION = `CREATE FUNCTION pg_temp.pgdrift_index(tbl text, prefix text, exprs text[], index_sql text) RETURNS void LANGUAGE plpgsql AS $pgdrift$
DECLARE
  k record;
  statement text := index_sql;
  view text := prefix || 'v';
BEGIN
  IF pg_catalog.cardinality(exprs) > 0 THEN
    EXECUTE pg_catalog.format('CREATE TEMP VIEW %I AS SELECT %s FROM pg_temp.%I', view,
      (SELECT pg_catalog.string_agg(pg_catalog.format(E'(%s\\n) AS %I', u.e, 'k' || u.i), ', ' ORDER BY u.i) FROM pg_catalog.unnest(exprs) WITH ORDINALITY u(e, i)), tbl);
    FOR k IN
      SELECT a.attnum, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
        CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN pg_catalog.format('%I.%I', cn.nspname, co.collname) END AS collation
      FROM pg_catalog.pg_attribute a
      JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
      LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
      WHERE a.attrelid = pg_catalog.format('pg_temp.%I', view)::pg_catalog.regclass AND a.attnum > 0
      ORDER BY a.attnum
    LOOP
      EXECUTE pg_catalog.format('ALTER TABLE pg_temp.%I ADD COLUMN %I %s', tbl, prefix || k.attnum, k.type);
      statement := pg_catalog.replace(statement, '/*pgdrift_collate_' || k.attnum || '*/', COALESCE(' COLLATE ' || k.collation, ''));
    END LOOP;
    EXECUTE pg_catalog.format('DROP VIEW pg_temp.%I', view);
  END IF;
  EXECUTE statement;
END
$pgdrift$`;
/**
 * Stores the generation expression `expr` of column `col` of temporary table `tbl` as statistics
 * object `stat` (see generatedDdl): as it is when its type is the column's, cast to the column's
 * type otherwise (then named `<stat>_c`). Its type is read from a view of it, never queried.
 */
const GENERATED_FUNCTION = `CREATE FUNCTION pg_temp.pgdrift_generated(tbl text, col text, expr text, stat text) RETURNS void LANGUAGE plpgsql AS $pgdrift$
DECLARE
  et oid;
  etm int;
  ct oid;
  ctm int;
BEGIN
  EXECUTE pg_catalog.format(E'CREATE TEMP VIEW %I AS SELECT (%s\\n) AS g FROM pg_temp.%I', stat || 'v', expr, tbl);
  SELECT a.atttypid, a.atttypmod INTO et, etm FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.format('pg_temp.%I', stat || 'v')::pg_catalog.regclass AND a.attnum = 1;
  SELECT a.atttypid, a.atttypmod INTO ct, ctm FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.format('pg_temp.%I', tbl)::pg_catalog.regclass AND a.attname = col;
  EXECUTE pg_catalog.format('DROP VIEW pg_temp.%I', stat || 'v');
  IF et = ct AND (ctm = -1 OR etm = ctm) THEN
    EXECUTE pg_catalog.format(E'CREATE STATISTICS pg_temp.%I ON (%s\\n), (0) FROM pg_temp.%I', stat, expr, tbl);
  ELSE
    EXECUTE pg_catalog.format(E'CREATE STATISTICS pg_temp.%I ON ((%s\\n)::%s), (0) FROM pg_temp.%I', stat || '_c', expr, pg_catalog.format_type(ct, ctm), tbl);
  END IF;
END
$pgdrift$`;
/** The statistics objects that stand for index expressions (see indexDdl), as PostgreSQL stored them. */
const STATISTICS_QUERY = `SELECT s.stxname, pg_catalog.pg_get_expr(s.stxexprs, s.stxrelid, true) AS printed, s.stxexprs::text AS tree,
  (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = s.stxrelid AND a.attnum = s.stxkeys[0]) AS column_name
FROM pg_catalog.pg_statistic_ext s WHERE s.stxnamespace = pg_catalog.pg_my_temp_schema()`;
/**
 * An index key as pg_get_indexdef prints it from a stand-in (see indexDdl): the expression as
 * pg_get_expr prints it, in parentheses unless it looks like a function call (ruleutils.c's
 * looks_like_function: a call shown as a call, COALESCE, NULLIF, GREATEST/LEAST, CURRENT_DATE
 * and the like, and XML functions).
 */
function standInKey(stat) {
    const printed = stat.printed.replace(/, 0$/, '');
    const top = /^\(\{(\w+)/.exec(stat.tree)?.[1] ?? '';
    const format = /:funcformat (\d+)/.exec(stat.tree)?.[1];
    const call = (top === 'FUNCEXPR' && (format === '0' || format === '3')) ||
        // PostgreSQL 14 names COALESCE and GREATEST/LEAST nodes COALESCE and MINMAX in its trees.
        ['NULLIFEXPR', 'COALESCEEXPR', 'COALESCE', 'MINMAXEXPR', 'MINMAX', 'SQLVALUEFUNCTION', 'XMLEXPR'].includes(top);
    return call ? printed : `(${printed})`;
}
const tablePath = (key) => join('$.tables', key);
const wrap = (fragment) => `(${fragment}\n)`;
/** The spec's type text, or the temporary stand-in of a spec enum the database does not have yet. */
function typeForDdl(column, standInOfEnum) {
    const match = /^(.*?)((?:\s*\[\s*\d*\s*\])*)$/s.exec(column.type);
    const base = match?.[1] ?? column.type;
    const suffix = (match?.[2] ?? '').replace(/\s+/g, '');
    const parsed = parseQualifiedName(base.trim());
    if (parsed) {
        const key = displayQualified(parsed.schema ?? 'public', parsed.name);
        const temp = standInOfEnum.get(key);
        if (temp)
            return `${temp}${suffix}`;
    }
    return column.type;
}
function columnDdl(column, standInOfEnum) {
    let sql = `${ident_quoteIdent(column.name)} ${typeForDdl(column, standInOfEnum)}`;
    if (column.collation !== undefined)
        sql += ` COLLATE ${ident_quoteIdent(column.collation)}`;
    if (column.default !== undefined)
        sql += ` DEFAULT ${wrap(column.default)}`;
    // A generated column is made plain: its expression is parsed apart (see generatedDdl).
    return sql;
}
/**
 * The statement that lets PostgreSQL check and spell the expression of generated column `column`
 * of temporary table `temp` without computing it: PostgreSQL plans a generation expression (to
 * test that it is immutable), which folds every call of an immutable function on constants. The
 * column is made plain, and its expression is stored unplanned as a statistics object, as an
 * index expression is (see indexDdl), cast to the column's type when its own type differs: the
 * column would hold it so converted (pgdrift_generated; restoreStandIns takes the cast off).
 * Like the statistics objects of indexes, it comes after the table's indexes.
 */
function generatedDdl(column, temp, n) {
    return `SELECT pg_temp.pgdrift_generated(${ident_quoteLiteral(temp)}, ${ident_quoteLiteral(column.name)}, ${ident_quoteLiteral(column.generated ?? '')}, ${ident_quoteLiteral(`${temp}_g${n}`)})`;
}
function sameKeys(a, b) {
    return a.length === b.length && a.every((k, i) => k.expression === b[i]?.expression);
}
/** True when every expression and type of the spec table is already spelled as the live one. */
function tableIsCanonical(spec, live) {
    if (!live)
        return false;
    for (const column of spec.columns) {
        const other = live.columns.find((c) => c.name === column.name);
        if (!other || other.type !== column.type || other.default !== column.default || other.generated !== column.generated)
            return false;
    }
    if (!spec.checks.every((c) => live.checks.some((l) => l.expression === c.expression)))
        return false;
    // An exclusion constraint's operators and expressions are checked whenever it is not the live one.
    const unnamed = (x) => ({ ...x, name: '' });
    if (!(spec.exclusions ?? []).every((x) => (live.exclusions ?? []).some((l) => sameValue(unnamed(l), unnamed(x)))))
        return false;
    return Object.values(spec.indexes).every((index) => {
        const other = live.indexes[index.name];
        return other !== undefined && other.where === index.where && sameKeys(other.keys, index.keys);
    });
}
/**
 * The statements that let PostgreSQL check and spell index `j` of temporary table `temp` without
 * computing anything of it. CREATE INDEX plans its expressions and predicate to test that they
 * are immutable, and planning folds every call of an immutable function on constants: it would
 * run `repeat('x', 900000000)`, or any function the spec marks IMMUTABLE, on the server. So an
 * index with expression keys or a predicate is made in three parts that are only parsed:
 *
 * - each expression key as an extended statistics object on `(expression), (0)`: parsed as an
 *   index expression is, with the same restrictions, and stored unplanned (the `(0)` makes a
 *   second expression, since an expression that is a bare column counts as a column);
 * - the predicate as a NOT VALID check (parsed as a predicate is, and not tested on rows);
 * - the index itself on stand-in columns of the expressions' types (read from a view of the
 *   expressions, which is never queried), so that PostgreSQL still spells its method, operator
 *   classes, collations and order (see pgdrift_index in RUNNER_SETUP).
 *
 * The statistics objects come after every index of the table (`parsed`): building an index plans
 * a query on the table (to choose parallel workers), and planning loads the table's statistics
 * objects, folding their expressions. Nothing plans a query on the table after that.
 *
 * PostgreSQL's test that the expressions are immutable is thereby skipped: an index PostgreSQL
 * would refuse for that reason is refused when applied, not by check.
 */
function indexDdl(index, temp, j) {
    const table = `pg_temp.${ident_quoteIdent(temp)}`;
    const base = `${temp}_x${j}`;
    const expressions = index.keys.filter((k) => !k.column).map((k) => k.expression);
    if (expressions.length === 0 && index.where === undefined)
        return { index: indexSql({ ...index, name: base }, table, false), parsed: [] };
    let position = 0;
    const keys = index.keys.map((k) => {
        if (k.column)
            return keySql(k);
        position += 1;
        const column = ident_quoteIdent(`${base}_k${position}`);
        const sql = keySql({ ...k, column: true, expression: `${base}_k${position}` });
        // Without a COLLATE of its own, an expression key has the expression's collation: the
        // function puts it in place of the marker.
        return k.collation === undefined ? sql.replace(column, `${column}/*pgdrift_collate_${position}*/`) : sql;
    });
    // indexSql renders the rest of the statement around one placeholder key.
    const placeholder = { column: true, expression: 'pgdrift_keys', descending: false, nullsFirst: false };
    const indexStatement = indexSql({ ...index, name: base, keys: [placeholder], where: undefined }, table, false).replace(`(${keySql(placeholder)})`, `(${keys.join(', ')})`);
    const parsed = expressions.map((e, n) => `CREATE STATISTICS pg_temp.${ident_quoteIdent(`${base}_s${n + 1}`)} ON ${wrap(e)}, (0) FROM ${table}`);
    if (index.where !== undefined)
        parsed.push(`ALTER TABLE ${table} ADD CONSTRAINT ${ident_quoteIdent(`${base}_w`)} CHECK ${wrap(index.where)} NOT VALID`);
    const create = `SELECT pg_temp.pgdrift_index(${ident_quoteLiteral(temp)}, ${ident_quoteLiteral(`${base}_k`)}, ARRAY[${expressions.map(ident_quoteLiteral).join(', ')}]::text[], ${ident_quoteLiteral(indexStatement)})`;
    return { index: create, parsed };
}
/** The prefix of the temporary stand-ins of enums (see buildItems). */
const STAND_IN = 'pgdrift_e';
/**
 * `expression` with each cast to a stand-in enum (`'meh'::pgdrift_e0`, as PostgreSQL prints a
 * visible temporary type) cast to the real enum instead, as PostgreSQL spells it (`spelled`:
 * stand-in name → `public.mood`), so that it compares with live text and is valid where the plan
 * runs it.
 */
function realCasts(expression, spelled) {
    if (spelled.size === 0 || !expression.includes(STAND_IN))
        return expression;
    return expression.replace(/::(?:pg_temp(?:_\d+)?\.)?"?(pgdrift_e\d+)"?(?![\w$])/g, (match, name) => {
        const real = spelled.get(name);
        return real ? `::${real}` : match;
    });
}
/**
 * Names of the spec's enums and sequences that the database does not have as the spec wants them
 * (missing, or an enum with other values). An expression that names one (`'new'::public.mood`,
 * `nextval('public.counter')`) cannot be checked by PostgreSQL yet: it is compared as written.
 */
const sameValues = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
function pendingNames(spec, live) {
    const names = [];
    for (const [key, e] of Object.entries(spec.enums)) {
        const other = live.enums[key];
        if (!other || !sameValues(other.values, e.values))
            names.push(e.name);
    }
    for (const [key, s] of Object.entries(spec.sequences))
        if (!live.sequences[key])
            names.push(s.name);
    return names;
}
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * True when `text` names `name` as an identifier: quoted (`"My Seq"`), or unquoted and not part of
 * a longer identifier (`s` in `nextval('s')` or `s.x`, but not in `nosuchfn()` or `'yes'`'s
 * letters inside a word). PostgreSQL folds an unquoted name to lower case, so an unquoted mention
 * is compared without regard to case; a quoted one exactly.
 */
function mentionsName(text, name) {
    if (text.includes(ident_quoteIdent(name)))
        return true;
    // A name that must be quoted is only ever named quoted.
    if (displayIdent(name) !== name)
        return false;
    return new RegExp(`(?<![\\p{L}\\p{N}_$"])${escapeRegExp(name)}(?![\\p{L}\\p{N}_$"])`, 'iu').test(text);
}
/**
 * Names of relations the spec adds or changes (tables it creates or whose column names differ,
 * views it creates or changes): a view over one of them cannot be checked against the live database yet.
 */
function pendingRelations(spec, live) {
    const names = [];
    // Names only: the spec's types are not in PostgreSQL's spelling yet.
    const columnsOf = (t) => t.columns.map((c) => c.name).join('\u0000');
    for (const [key, t] of Object.entries(spec.tables)) {
        const other = live.tables[key];
        if (!other || columnsOf(other) !== columnsOf(t))
            names.push(t.name);
    }
    for (const [key, v] of Object.entries(spec.views))
        if (live.views[key]?.definition !== v.definition || live.views[key]?.materialized !== v.materialized)
            names.push(v.name);
    return names;
}
/**
 * Whether `text` (SQL) names `name`: as a quoted identifier, or unquoted as a word (which SQL folds
 * to lower case, so only a lower-case name can be written that way).
 */
function mentions(text, name) {
    if (text.includes(ident_quoteIdent(name)) || text.includes(`"${name.replaceAll('"', '""')}"`))
        return true;
    if (name !== name.toLowerCase())
        return false;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\w$"])${escaped}($|[^\\w$"])`, 'i').test(text);
}
function buildItems(spec, live, strict) {
    const items = [];
    const standInOfEnum = new Map();
    const enumOfStandIn = new Map();
    const pending = pendingNames(spec, live);
    const mentionsPending = (text) => pending.some((name) => mentionsName(text, name));
    // Extensions the database lacks are created first (and rolled back with the rest), so that the
    // types, functions and operator classes they bring resolve (see canonicalize).
    for (const [name, e] of Object.entries(spec.extensions)) {
        if (live.extensions[name])
            continue;
        const schema = spec.schemas[e.schema] !== undefined && !live.schemas[e.schema] ? `CREATE SCHEMA IF NOT EXISTS ${ident_quoteIdent(e.schema)};\n` : '';
        items.push({
            path: join('$.extensions', name),
            sql: `${schema}CREATE EXTENSION IF NOT EXISTS ${ident_quoteIdent(name)} SCHEMA ${ident_quoteIdent(e.schema)}${e.version !== undefined ? ` VERSION ${ident_quoteLiteral(e.version)}` : ''}`,
            soft: true,
            locks: 20,
            shared: true,
        });
    }
    Object.entries(spec.enums).forEach(([key, e], i) => {
        // An enum the database has with other values gets a stand-in too, so that a default or check
        // may use a value the spec adds ('archived' of an enum that has only 'open' and 'closed').
        const other = live.enums[key];
        if (other && sameValues(other.values, e.values))
            return;
        // Named apart from every real type, so that expressions can be given the real name back.
        const name = `pg_temp.${ident_quoteIdent(`${STAND_IN}${i}`)}`;
        standInOfEnum.set(key, name);
        enumOfStandIn.set(`${STAND_IN}${i}`, { schema: e.schema, name: e.name });
        items.push({
            path: join('$.enums', key),
            sql: `CREATE TYPE ${name} AS ENUM (${e.values.map(ident_quoteLiteral).join(', ')})`,
            soft: true,
            locks: 2,
            shared: true,
        });
    });
    for (const [key, s] of Object.entries(spec.sequences)) {
        if (live.sequences[key])
            continue;
        items.push({ path: join('$.sequences', key), sql: `CREATE TEMP SEQUENCE ${ident_quoteIdent(s.name)}`, soft: true, locks: 2, shared: true });
    }
    const tables = new Map();
    Object.entries(spec.tables).forEach(([key, table], i) => {
        if (tableIsCanonical(table, live.tables[key]))
            return;
        const temp = `pgdrift_t${i}`;
        tables.set(temp, key);
        const path = tablePath(key);
        const checks = table.checks.map((c, j) => `CONSTRAINT ${ident_quoteIdent(`${temp}_c${j}`)} CHECK ${wrap(c.expression)}`);
        const create = `CREATE TEMP TABLE ${ident_quoteIdent(temp)} (${[...table.columns.map((c) => columnDdl(c, standInOfEnum)), ...checks].join(',\n')})`;
        const ddl = Object.values(table.indexes).map((index, j) => {
            const step = (sql) => ({
                path: join(join(path, 'indexes'), index.name),
                sql,
                ...(mentionsPending([...index.keys.map((k) => k.expression), index.where ?? ''].join(' ')) ? { soft: true } : {}),
            });
            const { index: create, parsed } = indexDdl(index, temp, j);
            return { create: step(create), parsed: parsed.map(step) };
        });
        // The indexes, then what stands for their expressions and predicates (see indexDdl).
        const indexes = [...ddl.map((x) => x.create), ...ddl.flatMap((x) => x.parsed)];
        const indexCount = ddl.length;
        const generated = table.columns.flatMap((c, n) => c.generated === undefined
            ? []
            : [
                {
                    path: join(join(path, 'columns'), c.name),
                    sql: generatedDdl(c, temp, n),
                    ...(mentionsPending(c.generated) ? { soft: true } : {}),
                },
            ]);
        const exclusions = (table.exclusions ?? []).map((x, j) => ({
            path: join(join(path, 'exclusions'), j),
            sql: `ALTER TABLE pg_temp.${ident_quoteIdent(temp)} ADD CONSTRAINT ${ident_quoteIdent(`${temp}_e${j}`)} ${exclusionBody(x)}`,
            ...(mentionsPending([...x.elements.map((e) => e.expression), x.where ?? ''].join(' ')) ? { soft: true } : {}),
        }));
        const steps = [
            { path, sql: `CREATE TEMP TABLE ${ident_quoteIdent(temp)} ()` },
            ...table.columns.flatMap((c) => {
                const columnPath = join(join(path, 'columns'), c.name);
                const plain = {
                    name: c.name,
                    type: c.type,
                    notNull: false,
                    ...(c.collation !== undefined ? { collation: c.collation } : {}),
                };
                const { default: _, generated: __, ...withoutDefault } = c;
                const add = {
                    path: columnPath,
                    sql: `ALTER TABLE pg_temp.${ident_quoteIdent(temp)} ADD COLUMN ${columnDdl(withoutDefault, standInOfEnum)}`,
                    fallback: `ALTER TABLE pg_temp.${ident_quoteIdent(temp)} ADD COLUMN ${columnDdl(plain, standInOfEnum)}`,
                };
                if (c.default === undefined)
                    return [add];
                // ADD COLUMN ... DEFAULT evaluates a default that is not volatile (to fill the rows the
                // table has); SET DEFAULT only stores it.
                const setDefault = {
                    path: columnPath,
                    sql: `ALTER TABLE pg_temp.${ident_quoteIdent(temp)} ALTER COLUMN ${ident_quoteIdent(c.name)} SET DEFAULT ${wrap(c.default)}`,
                };
                if (mentionsPending(c.default))
                    setDefault.soft = true;
                return [add, setDefault];
            }),
            // NOT VALID: ADD CONSTRAINT ... CHECK would plan the expression to test the table's rows,
            // folding its constant parts (evaluating them); the stored expression is the same.
            ...table.checks.map((c, j) => ({
                path: `${join(path, 'checks')}[${j}]`,
                sql: `ALTER TABLE pg_temp.${ident_quoteIdent(temp)} ADD CONSTRAINT ${ident_quoteIdent(`${temp}_c${j}`)} CHECK ${wrap(c.expression)} NOT VALID`,
                ...(mentionsPending(c.expression) ? { soft: true } : {}),
            })),
            ...indexes,
            ...generated,
            ...exclusions,
        ];
        // The table, its row type, a TOAST table and its index, and two per index (the index and the
        // share lock its build takes on the table), plus the objects its expressions name.
        const locks = 6 + 2 * (indexCount + exclusions.length) + indexes.length - indexCount + table.checks.length + Math.ceil(table.columns.length / 4);
        items.push({
            path,
            sql: [create, ...indexes.map((x) => x.sql), ...generated.map((x) => x.sql), ...exclusions.map((x) => x.sql)].join(';\n'),
            steps,
            locks,
        });
        // A foreign key's table must exist somewhere: in the spec, or in the database (perhaps in a
        // schema the spec does not manage, which was not read).
        if (strict) {
            table.foreignKeys.forEach((f, j) => {
                if (spec.tables[f.refTable] || live.tables[f.refTable])
                    return;
                items.push({
                    path: join(join(join(join(path, 'foreignKeys'), j), 'references'), 'table'),
                    sql: `SELECT ${ident_quoteLiteral(qualifiedSql(f.refTable))}::pg_catalog.regclass`,
                    locks: 1,
                });
            });
        }
    });
    const views = new Map();
    const relations = pendingRelations(spec, live);
    Object.entries(spec.views).forEach(([key, view], i) => {
        if (live.views[key]?.definition === view.definition)
            return;
        const temp = `pgdrift_v${i}`;
        views.set(temp, key);
        // A view over what the spec adds or changes is compared as written when PostgreSQL cannot
        // create it yet; any other query PostgreSQL rejects is a mistake of the spec.
        const soft = !strict || mentionsPending(view.definition) || relations.some((name) => name !== view.name && mentions(view.definition, name));
        items.push({
            path: join(join('$.views', key), 'query'),
            sql: `CREATE TEMP VIEW ${ident_quoteIdent(temp)} AS ${wrap(view.definition)}`,
            ...(soft ? { soft } : {}),
            locks: 8,
        });
    });
    return { items, tables, views, standInOfEnum, enumOfStandIn };
}
/**
 * How many times max_locks_per_transaction one batch may hold. The shared lock table has room for
 * max_locks_per_transaction × (max_connections + background and prepared slots) locks, 122 times
 * it with the defaults: four times is a small share of it, while batches of one time it made a
 * check of 700 new tables three times slower (each batch reads the temporary schema again).
 */
const LOCK_SHARE = 4;
/**
 * The items in batches whose objects hold no more than about `budget` locks (at least one item
 * each); the shared items (enum stand-ins, sequences) lead every batch.
 */
function batches(items, budget) {
    const shared = items.filter((i) => i.shared);
    const base = shared.reduce((n, i) => n + i.locks, 0);
    const out = [];
    let current = [];
    let used = base;
    for (const item of items) {
        if (item.shared)
            continue;
        if (current.length && used + item.locks > budget) {
            out.push([...shared, ...current]);
            current = [];
            used = base;
        }
        current.push(item);
        used += item.locks;
    }
    if (current.length || out.length === 0)
        out.push([...shared, ...current]);
    return out;
}
/**
 * Returns the spec with every type and expression in PostgreSQL's spelling. Throws SpecError for
 * the first fragment PostgreSQL rejects (unknown type, bad expression), naming its JSON path.
 * `strict` (the default) also refuses a view query PostgreSQL rejects over what the database
 * has, and a foreign key to a table that exists nowhere; a reprint (see reprint.ts), which sees
 * only part of the spec, is not strict.
 */
async function canonicalize(session, spec, live, file, options = {}) {
    const plan = buildItems(spec, live, options.strict ?? true);
    // Further statements run in the same transaction; one that fails is listed in `unverified`.
    for (const probe of options.probes ?? [])
        plan.items.push({ ...probe, soft: true, locks: 4 });
    if (plan.items.length === 0)
        return { schema: spec, unverified: [], trees: new Map() };
    // Names resolve as they would for someone writing SQL in the spec's schemas (see specSearchPath).
    const searchPath = specSearchPath(spec, live);
    // Inside a caller's transaction (apply) a savepoint plays the part of the transaction; the
    // search_path is restored by rolling back to it.
    const begin = options.inTransaction ? 'SAVEPOINT pgdrift_canonicalize' : 'BEGIN';
    const end = options.inTransaction
        ? ['ROLLBACK TO SAVEPOINT pgdrift_canonicalize', 'RELEASE SAVEPOINT pgdrift_canonicalize']
        : ['ROLLBACK'];
    const catalog = catalogStatements({ temp: true });
    // How PostgreSQL spells the enums the stand-ins stand for, as it prints them in expressions.
    const namesSql = `SELECT x.key, pg_catalog.format('%I.%I', x.schema, x.name) FROM pg_catalog.jsonb_to_recordset(${ident_quoteLiteral(JSON.stringify([...plan.enumOfStandIn].map(([key, q]) => ({ key, ...q }))))}::jsonb) AS x(key text, schema text, name text)`;
    const builder = new SchemaBuilder();
    const errors = [];
    const spelled = new Map();
    const stats = new Map();
    // Each batch is one transaction (or savepoint), rolled back before the next begins, so that the
    // locks its temporary objects hold are released: all at once, thousands of tables would fill
    // the server's shared lock table ("out of shared memory"). All batches go in one round trip.
    const statements = [];
    const handlers = [];
    const on = (sql, handler = () => undefined) => {
        statements.push(sql);
        handlers.push(handler);
    };
    batches(plan.items, LOCK_SHARE * Math.max(10, session.maxLocksPerTransaction ?? 64)).forEach((items, n) => {
        on(begin);
        on(`SET LOCAL search_path = ${searchPath}`);
        // The fragments run through EXECUTE, lexed after this: as the fragment guard read them.
        on('SET LOCAL standard_conforming_strings = on');
        on(`SELECT pg_catalog.set_config('pgdrift.ddl', ${ident_quoteLiteral(JSON.stringify(items.map(({ locks: _, shared: __, ...item }) => item)))}, true)`);
        on(INDEX_FUNCTION);
        on(GENERATED_FUNCTION);
        on(RUNNER);
        const reader = catalogReader(builder, statements.length + catalog.length - CATALOG_QUERIES.length);
        for (const sql of catalog) {
            const index = statements.length;
            on(sql, (fields, values) => reader(index, fields, values));
        }
        if (n === 0)
            on(namesSql, (_, values) => spelled.set(values[0] ?? '', values[1] ?? ''));
        on(STATISTICS_QUERY, (_, values) => stats.set(values[0] ?? '', { printed: values[1] ?? '', tree: values[2] ?? '', column: values[3] ?? null }));
        on('SELECT path, message, soft FROM pg_temp.pgdrift_errors ORDER BY seq', (_, values) => {
            const error = { path: values[0] ?? '', message: values[1] ?? '', soft: values[2] === 't' };
            // A shared item runs in every batch: its error is reported once.
            if (!errors.some((e) => e.path === error.path && e.message === error.message))
                errors.push(error);
        });
        for (const sql of end)
            on(sql);
    });
    try {
        await session.stream('canonicalising the spec', statements, (statement, fields, values) => handlers[statement]?.(fields, values));
    }
    catch (error) {
        await session
            .query('rolling back', options.inTransaction ? 'ROLLBACK TO SAVEPOINT pgdrift_canonicalize; RELEASE SAVEPOINT pgdrift_canonicalize' : 'ROLLBACK')
            .catch(() => undefined);
        const e = error;
        if (e.sqlState === '42501') {
            throw new SpecError(`${e.message}. pgdrift creates temporary objects (always rolled back) to let PostgreSQL check the spec: grant the role TEMP on the database`, '', file);
        }
        throw error;
    }
    // An extension the database lacks that this role cannot create here (not installed on the
    // server, no privilege): whatever PostgreSQL rejects may use it, so it is compared as written.
    const extensionMissing = errors.some((e) => e.path.startsWith('$.extensions'));
    const hard = extensionMissing ? undefined : errors.find((e) => !e.soft);
    if (hard)
        throw new SpecError(`PostgreSQL rejects it: ${serverMessage(hard.message, undefined, 'none')}`, hard.path, file);
    const read = builder.trees();
    const temp = restoreStandIns(builder.finish(), spec, plan, stats, read);
    return { schema: merge(spec, temp, plan, spelled), unverified: errors.map((e) => e.path), trees: specTrees(spec, temp, plan, read) };
}
/**
 * The temporary tables with each index made on stand-ins (see indexDdl) as PostgreSQL would have
 * made it: its expression keys and predicate in place of the stand-in columns, and their trees
 * in `read` where the index's own would be.
 */
function restoreStandIns(temp, spec, plan, stats, read) {
    for (const [tempKey, t] of Object.entries(temp.tables)) {
        const key = plan.tables.get(t.name);
        const original = key ? spec.tables[key] : undefined;
        if (!original)
            continue;
        original.columns.forEach((c, n) => {
            const column = t.columns.find((x) => x.name === c.name);
            if (c.generated === undefined || !column)
                return;
            const plain = stats.get(`${t.name}_g${n}`);
            const cast = stats.get(`${t.name}_g${n}_c`);
            const stat = plain ?? cast;
            if (!stat)
                return;
            // A bare column (PostgreSQL takes `a::int` on an int column for `a`) is not an expression
            // of the statistics object: it is its column.
            const printed = stat.column !== null ? displayIdent(stat.column) : stat.printed.replace(/, 0$/, '');
            // The cast added to the column's type is one PostgreSQL would make implicitly, and print
            // without the ::type (ruleutils.c prints an implicit and an explicit cast's argument alike).
            const suffix = `::${column.type}`;
            column.generated = cast && printed.endsWith(suffix) ? printed.slice(0, -suffix.length) : printed;
            read.set(treeKey(tempKey, 'default', c.name), normalizeTree(stat.tree));
        });
        Object.values(original.indexes).forEach((index, j) => {
            const base = `${t.name}_x${j}`;
            const canon = t.indexes[base];
            if (!canon || (index.keys.every((k) => k.column) && index.where === undefined))
                return;
            let position = 0;
            const trees = [];
            const keys = canon.keys.map((k, n) => {
                if (index.keys[n]?.column !== false)
                    return k;
                position += 1;
                const stat = stats.get(`${base}_s${position}`);
                if (!stat)
                    return k;
                if (stat.column !== null)
                    return { ...k, expression: stat.column };
                // CREATE INDEX takes `(x COLLATE "C")` for the column x with that collation (which the
                // stand-in key has already).
                const collated = /^\(\{COLLATEEXPR :arg \{VAR :varno 1 :varattno (\d+) [^{}]*\} :collOid/.exec(stat.tree);
                const column = collated ? t.columns[Number(collated[1]) - 1] : undefined;
                if (column)
                    return { ...k, expression: column.name };
                trees.push(normalizeTree(stat.tree));
                return { ...k, column: false, expression: standInKey(stat) };
            });
            const { where: _, ...rest } = canon;
            const where = t.checks.find((c) => c.name === `${base}_w`)?.expression;
            t.indexes[base] = { ...rest, keys, ...(where !== undefined ? { where } : {}) };
            if (trees.length)
                read.set(treeKey(tempKey, 'index', base, 'exprs'), trees.join('\n'));
            const whereTree = read.get(treeKey(tempKey, 'check', `${base}_w`));
            if (whereTree !== undefined)
                read.set(treeKey(tempKey, 'index', base, 'where'), whereTree);
        });
    }
    return temp;
}
/** The temporary objects' trees under the spec's keys and names. */
function specTrees(spec, temp, plan, read) {
    const out = new Map();
    const copy = (from, to) => {
        const tree = read.get(from);
        if (tree !== undefined)
            out.set(to, tree);
    };
    for (const [tempKey, t] of Object.entries(temp.tables)) {
        const key = plan.tables.get(t.name);
        const original = key ? spec.tables[key] : undefined;
        if (!key || !original)
            continue;
        for (const c of original.columns)
            copy(treeKey(tempKey, 'default', c.name), treeKey(key, 'default', c.name));
        original.checks.forEach((_, j) => copy(treeKey(tempKey, 'check', `${t.name}_c${j}`), treeKey(key, 'check', String(j))));
        Object.values(original.indexes).forEach((index, j) => {
            for (const part of ['exprs', 'where'])
                copy(treeKey(tempKey, 'index', `${t.name}_x${j}`, part), treeKey(key, 'index', index.name, part));
        });
    }
    for (const [tempKey, v] of Object.entries(temp.views)) {
        const key = plan.views.get(v.name);
        if (key)
            copy(treeKey(tempKey, 'view'), treeKey(key, 'view'));
    }
    return out;
}
/** Copies PostgreSQL's spelling from the temporary objects back onto the spec. */
function merge(spec, temp, plan, spelled) {
    const out = { ...spec, tables: { ...spec.tables }, views: { ...spec.views } };
    const real = (expression) => realCasts(expression, spelled);
    const restoreType = (type) => {
        const m = /^(.*?)((?:\[\])*)$/.exec(type);
        const enumType = plan.enumOfStandIn.get((m?.[1] ?? type).replace(/^"(.*)"$/, '$1'));
        return enumType ? `${displayQualified(enumType.schema, enumType.name)}${m?.[2] ?? ''}` : type;
    };
    for (const t of Object.values(temp.tables)) {
        const key = plan.tables.get(t.name);
        const original = key ? spec.tables[key] : undefined;
        if (!key || !original)
            continue;
        const columns = original.columns.map((c) => {
            const canon = t.columns.find((x) => x.name === c.name);
            if (!canon)
                return c;
            const next = { ...c, type: restoreType(canon.type) };
            if (c.default !== undefined && canon.default !== undefined)
                next.default = real(canon.default);
            if (c.generated !== undefined && canon.generated !== undefined)
                next.generated = real(canon.generated);
            return next;
        });
        const checks = original.checks.map((c, j) => {
            const canon = t.checks.find((x) => x.name === `${t.name}_c${j}`);
            return canon ? { ...c, expression: real(canon.expression) } : c;
        });
        const indexes = {};
        Object.values(original.indexes).forEach((index, j) => {
            const canon = t.indexes[`${t.name}_x${j}`];
            indexes[index.name] = canon
                ? {
                    ...index,
                    method: canon.method,
                    keys: canon.keys.map((k) => (k.column ? k : { ...k, expression: real(k.expression) })),
                    ...(canon.where !== undefined ? { where: real(canon.where) } : {}),
                }
                : index;
        });
        const exclusions = original.exclusions?.map((x, j) => {
            const canon = t.exclusions?.find((e) => e.name === `${t.name}_e${j}`);
            if (!canon)
                return x;
            const elements = canon.elements.map((e) => (e.column ? e : { ...e, expression: real(e.expression) }));
            return { ...x, method: canon.method, elements, ...(canon.where !== undefined ? { where: real(canon.where) } : {}) };
        });
        out.tables[key] = { ...original, columns, checks, indexes, ...(exclusions ? { exclusions } : {}) };
    }
    for (const v of Object.values(temp.views)) {
        const key = plan.views.get(v.name);
        const original = key ? spec.views[key] : undefined;
        if (key && original)
            out.views[key] = { ...original, definition: real(v.definition) };
    }
    return out;
}

;// CONCATENATED MODULE: ./src/db/reprint.ts
/**
 * PostgreSQL's printing of an expression is not always a fixed point: a check created from
 * `role IN ('a', 'b')` prints as `role::text = ANY (ARRAY['a'::character varying, …]::text[])`,
 * and a check created from that text prints with yet more casts. So the spelling of a live
 * expression depends on how it was first written, and comparing it with the spec's canonical
 * text can report drift where there is none (a snapshot checked against its own database, or a
 * database that pgdrift itself migrated).
 *
 * `reprintBothSides` resolves that: for each expression that still differs after canonicalisation, both
 * sides are printed once more by PostgreSQL (in one round trip); when the reprinted texts agree, or
 * the expression trees PostgreSQL stored for them are the same once what only records their
 * spelling is removed (see node-tree.ts), the expressions are the same and the spec takes the live
 * spelling. Nothing of either side is evaluated: both are only parsed, as temporary objects.
 *
 * A column whose type is spelled otherwise than the live one (`timestamptz(6)` against
 * `timestamptz`) has the live type when PostgreSQL shows the two to be the same: the same base
 * type, and a temporary column of either type changes to the other without a rewrite (PostgreSQL
 * drops a length coercion that cannot change a value, such as a precision of 6 on a timestamp).
 */



const SPEC = 'spec\u0000';
const LIVE = 'live\u0000';
function columnDiffers(a, b) {
    return b !== undefined && a.type === b.type && (!sameDefault(a.default, b.default) || a.generated !== b.generated);
}
function tableDiffers(spec, live) {
    if (spec.columns.some((c) => columnDiffers(c, live.columns.find((l) => l.name === c.name))))
        return true;
    if (spec.checks.some((c) => !live.checks.some((l) => l.expression === c.expression)))
        return true;
    return Object.values(spec.indexes).some((i) => live.indexes[i.name] !== undefined && indexSignature(live.indexes[i.name]) !== indexSignature(i));
}
/** A type's text without its modifiers: `timestamp(6) with time zone` → `timestamp with time zone`. */
const withoutTypmod = (type) => type.replace(/\(\s*\d+\s*(?:,\s*\d+\s*)?\)/g, '');
/**
 * A statement that fails unless a column of type `a` becomes one of type `b`, and back, without
 * changing its base type or rewriting the table (a temporary table, dropped again).
 */
function sameTypeProbe(n, a, b) {
    const table = `pg_temp.pgdrift_ty${n}`;
    const state = `(SELECT pg_catalog.format('%s %s', c.relfilenode, a.atttypid) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'c' WHERE c.oid = '${table}'::pg_catalog.regclass)`;
    return `DO $probe$
DECLARE before text;
BEGIN
  CREATE TEMP TABLE pgdrift_ty${n} (c ${a});
  before := ${state};
  ALTER TABLE ${table} ALTER COLUMN c TYPE ${b};
  IF ${state} <> before THEN RAISE EXCEPTION 'not the same type'; END IF;
  ALTER TABLE ${table} ALTER COLUMN c TYPE ${a};
  IF ${state} <> before THEN RAISE EXCEPTION 'not the same type'; END IF;
  DROP TABLE ${table};
END
$probe$`;
}
/** Returns `desired` with expressions that PostgreSQL shows to be equal to live ones spelled as live. */
async function reprintBothSides(session, desired, live, options = {}) {
    const tables = {};
    const views = {};
    for (const [key, spec] of Object.entries(desired.tables)) {
        const other = live.tables[key];
        if (other && tableDiffers(spec, other)) {
            // Only columns both sides have: the reprint must not depend on columns one side lacks.
            // In the spec's order on both sides, so that the trees name each column by the same number.
            const names = spec.columns.map((c) => c.name).filter((n) => other.columns.some((o) => o.name === n));
            const shared = (t) => ({ ...t, columns: names.map((n) => t.columns.find((c) => c.name === n)) });
            tables[SPEC + key] = shared(spec);
            tables[LIVE + key] = shared(other);
        }
    }
    for (const [key, spec] of Object.entries(desired.views)) {
        const other = live.views[key];
        if (other && other.definition !== spec.definition) {
            views[SPEC + key] = spec;
            views[LIVE + key] = other;
        }
    }
    // Columns typed otherwise on the two sides: path → [table key, column, live type].
    const typeProbes = [];
    const liveTypes = new Map();
    for (const [key, spec] of Object.entries(desired.tables)) {
        const other = live.tables[key];
        for (const c of spec.columns) {
            const lc = other?.columns.find((l) => l.name === c.name);
            // Only types that differ in their modifier alone (`(6)`), spelled without quotes: the
            // spec's text goes into the probe as it is.
            if (!lc || lc.type === c.type || withoutTypmod(lc.type) !== withoutTypmod(c.type) || !/^[\w .,()[\]]+$/.test(lc.type + c.type))
                continue;
            const path = `type probe ${typeProbes.length}`;
            typeProbes.push({ path, sql: sameTypeProbe(typeProbes.length, lc.type, c.type) });
            liveTypes.set(path, [key, c.name, lc.type]);
        }
    }
    if (Object.keys(tables).length === 0 && Object.keys(views).length === 0 && typeProbes.length === 0)
        return desired;
    const probe = { ...desired, tables, views };
    // Enums and sequences are the live ones, so no temporary stand-ins are made for them.
    const context = { ...live, tables: {}, views: {} };
    let reprinted;
    let trees;
    let failed;
    try {
        const result = await canonicalize(session, probe, context, options.file, {
            inTransaction: options.inTransaction ?? false,
            probes: typeProbes,
            strict: false,
        });
        ({ schema: reprinted, trees } = result);
        failed = new Set(result.unverified);
    }
    catch {
        // A reprint PostgreSQL refuses leaves the comparison as it was: the texts differ.
        return desired;
    }
    /** The same stored tree on both sides (`part` of the spec's, `livePart` of the live object). */
    const sameTree = (key, part, livePart = part) => {
        const a = trees.get(treeKey(SPEC + key, ...part));
        return a !== undefined && a === trees.get(treeKey(LIVE + key, ...livePart));
    };
    /** Both have a tree for `part` and they are the same, or neither has one. */
    const sameOptionalTree = (key, part) => {
        const a = trees.get(treeKey(SPEC + key, ...part));
        return a === trees.get(treeKey(LIVE + key, ...part));
    };
    const out = { ...desired, tables: { ...desired.tables }, views: { ...desired.views } };
    for (const [path, [key, name, type]] of liveTypes) {
        const table = out.tables[key];
        if (failed.has(path) || !table)
            continue;
        out.tables[key] = { ...table, columns: table.columns.map((c) => (c.name === name ? { ...c, type } : c)) };
    }
    for (const [key, spec] of Object.entries(out.tables)) {
        const a = reprinted.tables[SPEC + key];
        const b = reprinted.tables[LIVE + key];
        const other = live.tables[key];
        if (!a || !b || !other)
            continue;
        const columns = spec.columns.map((c) => {
            const ra = a.columns.find((x) => x.name === c.name);
            const rb = b.columns.find((x) => x.name === c.name);
            const lc = other.columns.find((x) => x.name === c.name);
            if (!ra || !rb || !lc || !columnDiffers(c, lc))
                return c;
            const next = { ...c };
            const sameStored = sameTree(key, ['default', c.name]);
            if (ra.default !== undefined && rb.default !== undefined && (ra.default === rb.default || sameStored))
                next.default = lc.default;
            if (ra.generated !== undefined && rb.generated !== undefined && (ra.generated === rb.generated || sameStored))
                next.generated = lc.generated;
            return next;
        });
        const taken = new Set();
        const checks = spec.checks.map((c, j) => {
            if (other.checks.some((l) => l.expression === c.expression))
                return c;
            const ra = a.checks[j];
            const k = b.checks.findIndex((x, n) => !taken.has(n) && (x.expression === ra?.expression || sameTree(key, ['check', String(j)], ['check', String(n)])));
            if (k < 0)
                return c;
            taken.add(k);
            return { ...c, expression: other.checks[k].expression };
        });
        const indexes = { ...spec.indexes };
        for (const [name, index] of Object.entries(spec.indexes)) {
            const li = other.indexes[name];
            const ra = a.indexes[name];
            const rb = b.indexes[name];
            if (li && ra && rb && (indexSignature(ra) === indexSignature(rb) || sameIndexTrees(key, name, ra, rb)))
                indexes[name] = { ...index, keys: li.keys, ...(li.where !== undefined ? { where: li.where } : {}) };
        }
        out.tables[key] = { ...spec, columns, checks, indexes };
    }
    for (const [key, spec] of Object.entries(desired.views)) {
        const a = reprinted.views[SPEC + key];
        const b = reprinted.views[LIVE + key];
        const other = live.views[key];
        if (a && b && other && (a.definition === b.definition || sameTree(key, ['view'])))
            out.views[key] = { ...spec, definition: other.definition };
    }
    return out;
    /** The same index but for how its expressions are printed: their stored trees are the same. */
    function sameIndexTrees(key, name, a, b) {
        const blank = (i) => indexSignature({
            ...i,
            keys: i.keys.map((k) => (k.column ? k : { ...k, expression: '' })),
            ...(i.where !== undefined ? { where: '' } : {}),
        });
        return blank(a) === blank(b) && sameOptionalTree(key, ['index', name, 'exprs']) && sameOptionalTree(key, ['index', name, 'where']);
    }
}

;// CONCATENATED MODULE: ./src/db/compare.ts
/**
 * One comparison of a catalog read with the spec, as check, plan, apply and its verification all
 * make it: let PostgreSQL spell the spec next to the live schema, diff, and plan. This is the one
 * place that calls the core's diff, planner and report builder; callers own the session and the
 * read (see src/engine.ts).
 */







/**
 * The spec as PostgreSQL spells it, next to `live`: canonicalised, then both sides reprinted
 * (expressions that PostgreSQL prints differently but shows to be equal take the live spelling).
 * A table the same as the live one is already spelled as PostgreSQL spells it; only the others
 * are worked on.
 */
async function desiredSchema(session, spec, live, options = {}) {
    const unchangedTables = new Set();
    for (const [key, table] of Object.entries(spec.schema.tables)) {
        const other = live.tables[key];
        if (other && sameValue(table, other))
            unchangedTables.add(key);
    }
    const specRest = withoutTables(spec.schema, unchangedTables);
    const liveRest = withoutTables(live, unchangedTables);
    const { schema, unverified } = await canonicalize(session, specRest, liveRest, options.file, {
        inTransaction: options.inTransaction ?? false,
    });
    const reprinted = await reprintBothSides(session, schema, liveRest, options);
    if (unchangedTables.size === 0)
        return { desired: reprinted, unverified, unchangedTables };
    const tables = {};
    for (const [key, table] of Object.entries(spec.schema.tables))
        tables[key] = unchangedTables.has(key) ? table : reprinted.tables[key];
    return { desired: { ...reprinted, tables }, unverified, unchangedTables };
}
/** `schema` without the tables `keys`. */
function withoutTables(schema, keys) {
    if (keys.size === 0)
        return schema;
    const tables = {};
    for (const [key, table] of Object.entries(schema.tables))
        if (!keys.has(key))
            tables[key] = table;
    return { ...schema, tables };
}
/**
 * An index PostgreSQL marks invalid (a failed CREATE INDEX CONCURRENTLY) is not used by queries
 * and does not enforce uniqueness: where the spec wants it, it counts as missing, and the plan
 * drops it before building it again. One that a concurrent build is still working on counts as
 * there. An invalid index the spec does not want is a drop-index either way.
 */
function liveToCompare(read, spec) {
    const wanted = read.invalidIndexes.filter((x) => spec.schema.tables[x.table]?.indexes[x.name] && read.schema.tables[x.table]?.indexes[x.name]);
    const rebuild = wanted.filter((x) => !x.building);
    const building = wanted.filter((x) => x.building);
    return { live: withoutIndexes(read.schema, rebuild), rebuild, building };
}
/** The add-index changes of invalid indexes carry the invalid definition as `before`. */
function markRebuilds(changes, rebuild, read) {
    if (rebuild.length === 0)
        return changes;
    const byObject = new Map(rebuild.map((x) => [x.object, x]));
    return changes.map((c) => {
        if (c.kind !== 'add-index')
            return c;
        const x = byObject.get(diff_objectName(c));
        const before = x ? read.tables[x.table]?.indexes[x.name] : undefined;
        return before ? { ...c, before } : c;
    });
}
function withoutIndexes(schema, drop) {
    if (drop.length === 0)
        return schema;
    const tables = { ...schema.tables };
    for (const { table, name } of drop) {
        const t = tables[table];
        if (!t)
            continue;
        const indexes = { ...t.indexes };
        delete indexes[name];
        tables[table] = { ...t, indexes };
    }
    return { ...schema, tables };
}
/**
 * Compares a catalog read with the spec. Reads only; anything it creates is rolled back (to a
 * savepoint when `inTransaction`: apply).
 */
async function compare_compare(session, spec, read, options = {}) {
    const { live, rebuild, building } = liveToCompare(read, spec);
    const { desired, unverified } = await desiredSchema(session, spec, live, options);
    // A table the same on both sides has no changes (the diff passes over it at once), but the diff
    // sees it: a recreated enum converts the columns of every table that uses it.
    const changes = markRebuilds(diffSchemas(live, desired, { scope: spec.scope }), rebuild, read.schema);
    return { live, desired, changes, unverified, serverVersion: read.serverVersion, rebuild, building };
}
/** The report of `changes` (the JSON report of check, and of apply afterwards). */
function compare_reportOf(changes, unverified = []) {
    return buildReport(changes, unverified);
}
/** What differs between two schemas, as a report: the pull request's base-branch comparisons. */
function driftBetween(current, desired, scope) {
    return compare_reportOf(diffSchemas(current, desired, { scope }));
}
/** Lists the tables among `keys` that hold at least one row: one round trip. */
async function tablesWithRows(session, keys, live) {
    const existing = keys.filter((k) => live.tables[k]);
    if (existing.length === 0)
        return new Set();
    const sql = existing.map((k) => `SELECT ${ident_quoteLiteral(k)} AS t WHERE EXISTS (SELECT 1 FROM ${qualifiedSql(k)})`).join('\nUNION ALL\n');
    const result = await session.query('looking for rows in tables that get NOT NULL columns', sql);
    return new Set(result.rows.map((r) => r.t));
}
/** Tables whose planning depends on whether they have rows. */
function tablesNeedingRowCheck(changes) {
    const keys = changes.flatMap((c) => {
        if (c.kind !== 'add-column')
            return [];
        const col = c.after;
        return col.notNull && col.default === undefined && !col.identity && !col.serial && col.generated === undefined
            ? [tableName(c) ?? '']
            : [];
    });
    return [...new Set(keys)];
}
/**
 * Plans the comparison's changes. Asks the database, in one round trip, which tables that get a
 * NOT NULL column without a default hold rows. Throws PlanError for a change it cannot plan.
 */
async function compare_planComparison(session, comparison, choices) {
    const rows = await tablesWithRows(session, tablesNeedingRowCheck(comparison.changes), comparison.live);
    return planMigration(comparison.changes, {
        allowDestructive: choices.allowDestructive,
        ...(choices.approved ? { approved: choices.approved } : {}),
        concurrently: choices.concurrently,
        tablesWithRows: rows,
        searchPath: specSearchPath(comparison.desired, comparison.live),
    });
}

;// CONCATENATED MODULE: ./src/db/apply.ts
/**
 * Applies a plan and proves the result, or changes nothing.
 *
 * Everything happens in one transaction: take the migration lock, read the live schema, plan,
 * run the statements, read the schema again and diff it against the spec, and commit only if what
 * remains is exactly the withheld destructive changes. lock_timeout and statement_timeout are set
 * per transaction; a lock time-out rolls back and retries a bounded number of times.
 */






/** The advisory lock every pgdrift apply takes: the bytes of "pgdrift" as a bigint. */
const MIGRATION_LOCK_KEY = '31654854846457460';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** The same change: the same kind of change to the same object. */
const sameKindAndObject = (a, b) => a.kind === b.kind && objectName(a) === objectName(b);
class LockTimeout extends (/* unused pure expression or super */ null && (Error)) {
}
/** Another session is building, concurrently, an index the spec wants. */
class BuildInProgress extends Error {
    indexes;
    constructor(indexes) {
        super(indexes.map((x) => x.object).join(', '));
        this.indexes = indexes;
    }
}
/** Applies the spec to the database. Throws PgDriftError (exit 2) with the database unchanged. */
async function apply_applySpec(session, spec, options) {
    const buildDeadline = Date.now() + options.lockWait * 1000;
    // New enum values committed before the main transaction (see Stage): an error after that is no
    // longer "nothing was changed".
    let committedFirst = [];
    for (let attempt = 0;; attempt++) {
        try {
            const result = await applyOnce(session, spec, options);
            if ('enumValuesCommitted' in result) {
                committedFirst = result.enumValuesCommitted;
                attempt -= 1;
                continue;
            }
            return committedFirst.length
                ? { ...result, applied: result.applied + committedFirst.length, committedFirst: committedFirst.length }
                : result;
        }
        catch (error) {
            const first = `the new enum values (${committedFirst.join('; ')}) were committed first, as PostgreSQL requires before they can be used`;
            if (committedFirst.length && error instanceof PartiallyAppliedError) {
                // The main transaction committed too: the error says what happened after it.
                throw new PartiallyAppliedError(`${first}; then ${error.message}`);
            }
            if (committedFirst.length &&
                !(error instanceof LockTimeout && attempt < options.lockRetries) &&
                !(error instanceof BuildInProgress)) {
                const why = error instanceof LockTimeout
                    ? `gave up after ${attempt + 1} attempts: ${error.message}`
                    : error instanceof RolledBack
                        ? error.afterCommittedFirst()
                        : error.message;
                throw new PartiallyAppliedError(`${first}, but the rest failed: ${why}${why.endsWith('.') ? '' : '.'} Fix the cause and run apply again: it goes on from there.`);
            }
            if (error instanceof BuildInProgress) {
                try {
                    await waitForBuilds(session, error, buildDeadline, options);
                }
                catch (waited) {
                    if (!committedFirst.length || !(waited instanceof RolledBack))
                        throw waited;
                    throw new PartiallyAppliedError(`${first}, but then: ${waited.afterCommittedFirst()}`);
                }
                attempt -= 1;
                continue;
            }
            if (error instanceof LockTimeout && attempt < options.lockRetries) {
                const wait = Math.min(8000, 500 * 2 ** attempt) * (0.5 + Math.random());
                options.log(`A lock was not granted within ${options.lockTimeout}s (${error.message}); rolled back, retrying in ${(wait / 1000).toFixed(1)}s (attempt ${attempt + 2} of ${options.lockRetries + 1}).`);
                await sleep(wait);
                continue;
            }
            if (error instanceof LockTimeout) {
                throw new DatabaseError(`gave up after ${attempt + 1} attempts: ${error.message}. Another session holds a lock on a table the plan changes; nothing was changed. Try again when it is done, or raise --lock-timeout.`, { sqlState: '55P03' });
            }
            throw error;
        }
    }
}
/**
 * Waits, outside any transaction (an open one would hold up the build), until no session builds
 * the indexes any more; all such waits of one apply end by `deadline` (--lock-wait).
 */
async function waitForBuilds(session, pending, deadline, options) {
    options.log(`Another session is building index ${pending.message} concurrently; waiting for it to finish.`);
    for (;;) {
        const { rows } = await session.query('waiting for a concurrent index build', 'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_progress_create_index WHERE index_relid = ANY ($1::oid[])) AS building', [pending.indexes.map((x) => x.oid)]);
        if (!rows[0]?.building)
            return;
        if (Date.now() >= deadline) {
            throw new RolledBack((first) => `another session is still building index ${pending.message} concurrently after ${options.lockWait}s; ${first ? 'the rest was not applied' : 'nothing was changed'}. Let it finish (or raise --lock-wait) and run apply again.`);
        }
        await sleep(250);
    }
}
function lostConnection(error) {
    const e = error;
    const code = e.sqlState ?? e.code ?? '';
    return (['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE'].includes(code) ||
        /Connection terminated|connection.*(closed|lost|terminated)|not queryable/i.test(e.message ?? ''));
}
async function rollback(session) {
    await session.query('rolling back', 'ROLLBACK').catch(() => undefined);
}
async function applyOnce(session, spec, options) {
    const ms = (s) => quoteLiteral(`${Math.round(s * 1000)}ms`);
    await session.batch('starting the transaction', [
        'BEGIN',
        `SET LOCAL lock_timeout = ${ms(options.lockTimeout)}`,
        `SET LOCAL statement_timeout = ${ms(options.statementTimeout)}`,
        'SET LOCAL search_path = pg_catalog',
        // The fragment guard reads user SQL the standard way; make the server read it so too.
        'SET LOCAL standard_conforming_strings = on',
    ]);
    let committing = false;
    /** The changes of the main transaction, once it has committed. */
    let committed;
    try {
        await takeMigrationLock(session, options);
        const before = await compare(session, spec, await introspect(session, spec.scope.schemas, { inTransaction: true }), {
            inTransaction: true,
            ...(options.file ? { file: options.file } : {}),
        });
        if (before.building.length)
            throw new BuildInProgress(before.building);
        const plan = await planComparison(session, before, options);
        const first = plan.statements.filter((s) => s.stage === 'first');
        if (first.length) {
            const values = first.map((s) => `${objectName(plan.changes[s.change])}: ${describeChange(plan.changes[s.change])}`);
            if (options.dryRun) {
                throw new DatabaseError(`--dry-run cannot try this plan: it adds enum values that later statements use (${values.join('; ')}), and PostgreSQL lets a new value be used only once the transaction that adds it has committed. Nothing was changed. Read the plan with pgdrift plan; apply without --dry-run commits the new values first.`);
            }
            options.log(`Target: ${options.target}. Committing ${first.length} new enum value${first.length === 1 ? '' : 's'} first (PostgreSQL lets a new value be used only once the transaction that adds it has committed): ${values.join('; ')}.`);
            for (const [i, statement] of first.entries()) {
                try {
                    await session.query(`enum value ${i + 1} of ${first.length}`, statement.sql);
                }
                catch (error) {
                    if (error.sqlState === '55P03')
                        throw new LockTimeout(`enum value ${i + 1} of ${first.length} waited for a lock: ${statement.sql}`);
                    throw failed(`enum value ${i + 1} of ${first.length} failed`, statement.sql, error);
                }
            }
            committing = true;
            await session.query('committing the new enum values', 'COMMIT');
            committing = false;
            return { enumValuesCommitted: values };
        }
        const inTx = plan.statements.filter((s) => s.stage === 'main');
        const outside = plan.statements.filter((s) => s.stage === 'after');
        options.log(`Target: ${options.target}. ${plan.statements.length} statement${plan.statements.length === 1 ? '' : 's'} to run${plan.withheld.length ? `, ${plan.withheld.length} destructive change${plan.withheld.length === 1 ? '' : 's'} withheld` : ''}${options.dryRun ? ' (dry run: everything is rolled back)' : ''}.`);
        // The reads above ran with search_path = pg_catalog; the plan's fragments run with the spec's.
        if (inTx.length)
            await session.query('setting the search_path', `SET LOCAL search_path = ${plan.searchPath}`);
        for (const [i, statement] of inTx.entries()) {
            try {
                await session.query(`statement ${i + 1} of ${inTx.length}`, statement.sql);
            }
            catch (error) {
                const e = error;
                if (e.sqlState === '55P03')
                    throw new LockTimeout(`statement ${i + 1} of ${inTx.length} waited for a lock: ${statement.sql.split('\n')[0]}`);
                const change = plan.changes[statement.change];
                throw failed(`statement ${i + 1} of ${inTx.length} failed${change ? ` (${objectName(change)}: ${describeChange(change)})` : ''}`, statement.sql, error);
            }
        }
        const after = await verifyInTransaction(session, spec, plan, options);
        if (after.unexpected.length) {
            const still = after.unexpected.map((c) => `${c.kind} ${objectName(c)}`).join('; ');
            throw new RolledBack((first) => `the database did not converge to the spec after the plan ran, so ${first ? 'the main transaction was not' : 'nothing was'} committed. Still different: ${still}`);
        }
        const sequences = await verifySequences(session, plan);
        if (sequences.length) {
            throw new RolledBack((first) => `the plan left a key column without a working sequence, so ${first ? 'the main transaction was not' : 'nothing was'} committed: ${sequences.join('; ')}`);
        }
        if (options.dryRun) {
            await rollback(session);
            return {
                status: 'dry-run',
                plan,
                applied: inTx.length,
                verified: true,
                invalidIndexes: [],
                report: reportOf(before.changes, before.unverified),
            };
        }
        committing = true;
        await session.query('committing', 'COMMIT');
        committing = false;
        committed = inTx.map((s) => plan.changes[s.change]);
        const invalidIndexes = await runOutsideTransaction(session, outside, spec.scope.schemas, options, committed);
        // The statements after the commit all ran (runOutsideTransaction throws otherwise): what the
        // verification read still saw of them is done now.
        const ranAfter = outside.map((s) => plan.changes[s.change]);
        const remaining = after.comparison.changes.filter((c) => !ranAfter.some((r) => sameKindAndObject(r, c)));
        return {
            status: plan.withheld.length ? 'withheld' : 'converged',
            plan,
            applied: inTx.length + outside.length,
            verified: true,
            invalidIndexes,
            report: reportOf(remaining, after.comparison.unverified),
        };
    }
    catch (error) {
        if (error instanceof PartiallyAppliedError)
            throw error;
        if (committed) {
            // After the commit nothing is rolled back: say what was committed, whatever failed next.
            throw new PartiallyAppliedError(`${committedText(committed)}, but then: ${error.message.replace(/\.$/, '')}. Run check to see where the database stands, and apply again.`);
        }
        await rollback(session);
        if (error instanceof LockTimeout || error instanceof BuildInProgress)
            throw error;
        // A lock time-out while reading the schema or the tables (before any statement) is retried too.
        if (error instanceof DatabaseError && error.sqlState === '55P03')
            throw new LockTimeout(error.message);
        if (lostConnection(error) && committing) {
            throw new DatabaseError(`the connection was lost while committing (${error.message.replace(/^[^:]*: /, '')}): PostgreSQL may or may not have committed. Run check to see where the database stands; apply again is safe either way.`, { cause: error });
        }
        if (lostConnection(error)) {
            const why = error.message.replace(/^[^:]*: /, '');
            throw new RolledBack((first) => `the connection was lost while applying (${why}). PostgreSQL rolled the ${first ? 'main transaction back' : 'transaction back: nothing was changed'}. Run apply again.`, { cause: error });
        }
        throw error;
    }
}
/**
 * A failure after which the transaction was rolled back. Its message says nothing was changed;
 * `afterCommittedFirst` says the same failure when new enum values had been committed first (the
 * main transaction was rolled back, but the database did change), so that no message says both.
 * `text` writes the message for either case.
 */
class RolledBack extends errors_DatabaseError {
    text;
    constructor(text, fields = {}) {
        super(text(false), fields);
        this.text = text;
    }
    afterCommittedFirst() {
        return this.text(true);
    }
}
/** A statement of the plan failed and its transaction was rolled back. */
class StatementFailed extends RolledBack {
    constructor(
    /** Which statement: `statement 2 of 5 failed (public.t.c: add column)`. */
    what, 
    /** PostgreSQL's message, and pgdrift's hint when it has one. */
    reason, sql, fields) {
        const outcome = (first) => first ? 'The main transaction was rolled back.' : 'Nothing was changed (the transaction was rolled back).';
        super((first) => `${what}: ${reason} ${outcome(first)} Statement: ${sql.replace(/\s+/g, ' ')}`, fields);
    }
}
/** `the transaction committed (2 statements: public.t.c: add column; …)`, at most ten listed. */
function committedText(changes) {
    if (changes.length === 0)
        return 'the transaction had nothing to commit';
    const listed = changes.slice(0, 10).map((c) => `${objectName(c)}: ${describeChange(c)}`);
    const more = changes.length > 10 ? `; and ${changes.length - 10} more` : '';
    return `the transaction committed (${changes.length} statement${changes.length === 1 ? '' : 's'}: ${listed.join('; ')}${more})`;
}
function failed(what, sql, error) {
    const e = error;
    const pgMessage = e.cause?.message ?? e.message;
    const hint = e.sqlState === '42804' ? ' The spec can say how to convert the values: add "using": "<expression>" to the column.' : '';
    return new StatementFailed(what, `${pgMessage}.${hint}`, sql, {
        ...(e.sqlState ? { sqlState: e.sqlState } : {}),
        ...(e.detail ? { detail: e.detail } : {}),
        ...(e.hint ? { hint: e.hint } : {}),
        cause: error,
    });
}
async function takeMigrationLock(session, options) {
    const deadline = Date.now() + options.lockWait * 1000;
    let announced = false;
    for (;;) {
        const { rows } = await session.query('taking the migration lock', `SELECT pg_catalog.pg_try_advisory_xact_lock(${MIGRATION_LOCK_KEY}) AS got`);
        if (rows[0]?.got)
            return;
        if (Date.now() >= deadline) {
            throw new RolledBack((first) => `another pgdrift apply is running on this database and still holds the migration lock after ${options.lockWait}s; ${first ? 'the rest was not applied' : 'nothing was changed'}. Let it finish (or raise --lock-wait) and run apply again.`);
        }
        if (!announced) {
            options.log('Another pgdrift apply holds the migration lock on this database; waiting for it to finish.');
            announced = true;
        }
        await sleep(250);
    }
}
/**
 * Re-reads the schema inside the transaction and compares it with the spec: what is left must be
 * exactly the withheld changes and those of the statements that run after the commit. Returns the
 * comparison (the report after apply comes from it) and whatever breaks that rule.
 */
async function verifyInTransaction(session, spec, plan, options) {
    const read = await introspect(session, spec.scope.schemas, { inTransaction: true });
    const comparison = await compare(session, spec, read, { inTransaction: true, ...(options.file ? { file: options.file } : {}) });
    const remaining = comparison.changes;
    const deferred = plan.statements.filter((s) => s.stage === 'after').map((s) => plan.changes[s.change]);
    const expected = [...plan.withheld, ...deferred];
    const unexpected = remaining.filter((c) => !expected.some((w) => sameKindAndObject(w, c)));
    const missing = plan.withheld.filter((w) => !remaining.some((c) => sameKindAndObject(w, c)));
    return { comparison, unexpected: [...unexpected, ...missing] };
}
/**
 * The serial and identity columns the plan made, changed the type of or added to a table that
 * was there: what the catalog text hides of them. Each must own its sequence, and the sequence's
 * next value must be above every value the column holds (or an insert that relies on the default
 * fails on the first key, or the key of a row that exists). One query for all of them; the next
 * value is read with nextval and set back with setval, which leaves the sequence as it was.
 */
async function verifySequences(session, plan) {
    const columns = new Map();
    for (const c of plan.changes) {
        const column = c.kind === 'alter-column-serial' || c.kind === 'alter-column-type' || c.kind === 'alter-column-generated'
            ? c.column
            : c.kind === 'add-column'
                ? c.after
                : c.kind === 'alter-column-identity' && c.after !== null
                    ? { serial: false, identity: c.after }
                    : undefined;
        if (column && (column.serial || column.identity))
            columns.set(objectName(c), c.object);
    }
    if (columns.size === 0)
        return [];
    const probes = [...columns].map(([name, ref]) => {
        const table = quoteQualified(ref.schema, ref.table);
        const owned = `pg_catalog.pg_get_serial_sequence(${quoteLiteral(table)}, ${quoteLiteral(ref.name)})`;
        return (`SELECT ${quoteLiteral(name)} AS name, ${owned} IS NOT NULL AS owned, ` +
            `(SELECT pg_catalog.setval(q, pg_catalog.nextval(q), false) FROM (SELECT ${owned}::regclass AS q) s WHERE q IS NOT NULL)::text AS next, ` +
            `(SELECT pg_catalog.max(${quoteIdent(ref.name)}) FROM ${table})::text AS max`);
    });
    const { rows } = await session.query('verifying the sequences of key columns', probes.join('\nUNION ALL\n'));
    const problems = [];
    for (const r of rows) {
        if (!r.owned)
            problems.push(`${r.name} owns no sequence`);
        else if (r.max !== null && r.next !== null && !(BigInt(r.next) > BigInt(r.max)))
            problems.push(`the next value of ${r.name}'s sequence is ${r.next}, not above the ${r.max} the column holds`);
    }
    return problems;
}
/**
 * Runs CREATE INDEX CONCURRENTLY and the like, then lists indexes PostgreSQL left invalid. The
 * main transaction (`committed`) has committed: a failure here is PartiallyAppliedError, saying
 * what was committed and which of these statements ran.
 */
async function runOutsideTransaction(session, statements, schemas, options, committed) {
    if (statements.length === 0)
        return [];
    const failures = [];
    let ran = 0;
    try {
        await session.query('setting the lock timeout', `SET lock_timeout = ${quoteLiteral(`${Math.round(options.lockTimeout * 1000)}ms`)}`);
    }
    catch (error) {
        throw new PartiallyAppliedError(`${committedText(committed)}, but none of the ${statements.length} statement(s) after it ran: ${error.message}. Run apply again: it runs them.`);
    }
    for (const [i, statement] of statements.entries()) {
        options.log(`Running outside the transaction (${i + 1} of ${statements.length}): ${statement.sql.split('\n')[0]}`);
        try {
            await session.query(`concurrent statement ${i + 1} of ${statements.length}`, statement.sql);
            ran += 1;
        }
        catch (error) {
            const detail = error.detail;
            failures.push(`${statement.sql.split('\n')[0]}: ${error.message}${detail ? ` (${detail})` : ''}`);
            if (lostConnection(error)) {
                // The connection is gone: the rest cannot run, and nothing can be read back.
                throw new PartiallyAppliedError(`${committedText(committed)}, but the connection was lost during the statements after it: ${failures.join('; ')}. ${ran} of the ${statements.length} ran; an index being built may be left invalid. Run apply again: it drops and rebuilds invalid indexes.`);
            }
        }
    }
    if (failures.length === 0)
        return invalidIndexesOf(session, schemas);
    let invalid = 'unknown (they could not be read)';
    try {
        invalid = (await invalidIndexesOf(session, schemas)).join(', ') || 'none';
    }
    catch {
        // Reported as unknown: the failures are what the message is about.
    }
    for (const f of failures)
        options.log(`Failed outside the transaction: ${f}`);
    throw new PartiallyAppliedError(`${committedText(committed)}, but ${failures.length} of the ${statements.length} statement(s) after it failed: ${failures.join('; ')}. Invalid indexes left behind: ${invalid}. Fix the cause and run apply again: it drops and rebuilds them.`);
}
/** The invalid indexes of `schemas`. */
async function invalidIndexesOf(session, schemas) {
    const { rows } = await session.query('looking for invalid indexes', `SELECT n.nspname || '.' || c.relname AS name FROM pg_catalog.pg_index i
     JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT i.indisvalid AND n.nspname = ANY ($1::text[]) ORDER BY 1`, [schemas]);
    return rows.map((r) => r.name);
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: ./node_modules/pg/lib/index.js
var lib = __nccwpck_require__(3273);
;// CONCATENATED MODULE: ./node_modules/pg/esm/index.mjs
// ESM wrapper for pg


// Re-export all the properties
const Client = lib.Client
const Pool = lib.Pool
const Connection = lib.Connection
const types = lib.types
const Query = lib.Query
const esm_DatabaseError = lib.DatabaseError
const escapeIdentifier = lib.escapeIdentifier
const escapeLiteral = lib.escapeLiteral
const Result = lib.Result
const TypeOverrides = lib.TypeOverrides

// Also export the defaults
const defaults = lib.defaults

// Re-export the default
/* harmony default export */ const esm = (lib);

;// CONCATENATED MODULE: ./src/db/connect.ts
/**
 * Connecting: libpq-style connection strings (sslmode as libpq users expect it), bounded retries
 * to ride out a Neon compute waking up, and errors that say what to fix without ever printing the
 * password.
 */



const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];
const defaultConnectOptions = { connectTimeout: 10, retries: 3 };
/** The limits of check and plan: far above what their catalog reads take on large schemas. */
const READ_SESSION_LIMITS = { statementTimeout: 300, idleInTransactionTimeout: 60, clientCheckInterval: 5 };
/** The startup `options` that set `limits`, after those the connection string gives. */
function limitOptions(given, limits, checkInterval) {
    const ms = (seconds) => Math.max(1, Math.round(seconds * 1000));
    const settings = [
        `-c statement_timeout=${ms(limits.statementTimeout)}`,
        `-c idle_in_transaction_session_timeout=${ms(limits.idleInTransactionTimeout)}`,
        ...(checkInterval ? [`-c client_connection_check_interval=${ms(limits.clientCheckInterval)}`] : []),
    ];
    return [given, ...settings].filter(Boolean).join(' ');
}
const KNOWN_PARAMS = new Set([
    'host',
    'port',
    'user',
    'dbname',
    'password',
    'sslmode',
    'sslrootcert',
    'application_name',
    'connect_timeout',
    'options',
    'channel_binding',
]);
const CHANNEL_BINDINGS = ['disable', 'prefer', 'require'];
/**
 * Reads a connection string the way libpq does, in either of its two forms: a URI
 * (`postgres://` or `postgresql://user:password@host:port/dbname?param=value`) or keyword/value
 * pairs (`host=localhost dbname=app sslmode=require`). The parameters libpq users reach for are
 * honoured: sslmode (default `prefer`), sslrootcert (a file or `system`), channel_binding,
 * connect_timeout, application_name, options; a host that is a folder means a Unix socket, where
 * sslmode does not apply. Unknown parameters are refused so that a typo is not silently ignored.
 * No error message contains the password.
 */
function parseDatabaseUrl(url) {
    const params = /^\s*postgres(ql)?:\/\//i.test(url) || !/^\s*[A-Za-z_]+\s*=/.test(url) ? uriParams(url) : keywordParams(url);
    for (const key of params.keys()) {
        if (!KNOWN_PARAMS.has(key))
            throw malformed(parameterName(key), `unknown parameter; expected one of ${[...KNOWN_PARAMS].join(', ')}`);
    }
    const rootCert = params.get('sslrootcert') || undefined;
    const rawMode = (params.get('sslmode') ?? (rootCert === 'system' ? 'verify-full' : 'prefer')).toLowerCase();
    if (!SSL_MODES.includes(rawMode))
        throw malformed('parameter sslmode', `expected one of ${SSL_MODES.join(', ')}`);
    const sslmode = rawMode;
    if (rootCert === 'system' && sslmode !== 'verify-full') {
        throw new errors_UsageError(`the database URL has sslrootcert=system with sslmode=${sslmode}; the system's CAs are only used with sslmode=verify-full`);
    }
    const rawBinding = (params.get('channel_binding') ?? 'prefer').toLowerCase();
    if (!CHANNEL_BINDINGS.includes(rawBinding))
        throw malformed('parameter channel_binding', `expected one of ${CHANNEL_BINDINGS.join(', ')}`);
    const channelBinding = rawBinding;
    if (channelBinding === 'require' && sslmode === 'disable') {
        throw new errors_UsageError('the database URL has channel_binding=require with sslmode=disable; channel binding needs TLS');
    }
    const host = params.get('host') || 'localhost';
    const rawPort = params.get('port') || '5432';
    const port = Number(rawPort);
    if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535)
        throw malformed('port', 'expected a number from 1 to 65535');
    const user = params.get('user') || 'postgres';
    const database = params.get('dbname') || user;
    const password = params.get('password') || undefined;
    const config = { host, port, user, database };
    if (password !== undefined)
        config.password = password;
    const appName = params.get('application_name');
    if (appName)
        config.application_name = appName;
    const options = params.get('options');
    if (options)
        config.options = options;
    const result = { target: { host, port, database, user, sslmode }, password, config, channelBinding };
    if (rootCert)
        result.sslrootcert = rootCert;
    const timeout = params.get('connect_timeout');
    if (timeout) {
        if (!/^-?\d+$/.test(timeout.trim()))
            throw malformed('parameter connect_timeout', 'expected whole seconds');
        // libpq: zero or less waits forever, and anything under 2 seconds means 2.
        const seconds = Number(timeout);
        result.connectTimeout = seconds <= 0 ? 0 : Math.max(2, seconds);
    }
    return result;
}
/**
 * A complaint about a connection string that names the part that is wrong and never quotes it: a
 * password typed in the wrong place (an unencoded `/` or `@`, a shifted keyword) would otherwise be
 * printed in a log.
 */
function malformed(component, why) {
    return new errors_UsageError(`the connection string is malformed at ${component}: ${why}`);
}
/** `parameter sslmode` for a name that is a plain identifier; a name that is not may be a secret. */
function parameterName(key) {
    return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key) ? `parameter ${key}` : 'a parameter name';
}
const NO_HOST = 'pgdrift-no-host.invalid';
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
const ENCODE_HINT = 'characters such as / ? # @ : in it must be percent-encoded (%2F %3F %23 %40 %3A)';
/**
 * Checks the layout of a URI connection string before the URL parser sees it, naming the component
 * that is malformed. WHATWG's parser takes `postgres://u:pa/ss@h/db` as host `u`, port `pa` … and
 * the password would come back in a later message as part of a database name.
 */
function checkUriLayout(text) {
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
    if (!scheme)
        throw malformed('scheme', 'expected postgres://user:password@host:port/database (or host=… dbname=… pairs)');
    if (!/^postgres(ql)?$/i.test(scheme[1]))
        throw malformed('scheme', 'expected postgres:// or postgresql://');
    const rest = text.slice(scheme[0].length);
    const authEnd = rest.search(/[/?#]/);
    const authority = authEnd < 0 ? rest : rest.slice(0, authEnd);
    const firstAt = rest.indexOf('@');
    // An @ after the first / ? or # (and not inside a query value): the user or password holds one.
    if (firstAt > authority.length && !rest.slice(authority.length, firstAt).includes('=')) {
        throw malformed(authority.includes(':') ? 'password' : 'user', ENCODE_HINT);
    }
    const at = authority.indexOf('@');
    const credentials = at < 0 ? null : authority.slice(0, at);
    const hostPort = at < 0 ? authority : authority.slice(at + 1);
    if (credentials !== null) {
        const colon = credentials.indexOf(':');
        if (hostPort.includes('@'))
            throw malformed(colon < 0 ? 'user' : 'password', ENCODE_HINT);
        const user = colon < 0 ? credentials : credentials.slice(0, colon);
        const password = colon < 0 ? '' : credentials.slice(colon + 1);
        if (!decodes(user))
            throw malformed('user', 'a % must start a percent-encoded byte (%XX) of UTF-8');
        if (!decodes(password))
            throw malformed('password', 'a % must start a percent-encoded byte (%XX) of UTF-8');
    }
    if (hostPort.includes(','))
        throw malformed('host', 'several hosts in one connection string are not supported');
    const bracketed = /^\[[0-9A-Za-z:.%]+\](?::(.*))?$/.exec(hostPort);
    let host = hostPort;
    let port;
    if (bracketed) {
        host = '';
        port = bracketed[1];
    }
    else if (hostPort.startsWith('[')) {
        throw malformed('host', 'an IPv6 address goes in brackets: [::1]');
    }
    else {
        const colon = hostPort.indexOf(':');
        if (colon >= 0) {
            host = hostPort.slice(0, colon);
            port = hostPort.slice(colon + 1);
        }
    }
    if (!/^[A-Za-z0-9._~%-]*$/.test(host) || !decodes(host))
        throw malformed('host', 'expected a host name, an IP address or a percent-encoded socket folder');
    if (port !== undefined && port !== '' && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535))
        throw malformed('port', 'expected a number from 1 to 65535');
    if (authEnd < 0)
        return;
    const tail = rest.slice(authEnd);
    if (tail.includes('#'))
        throw malformed(tail.indexOf('#') < tail.search(/\?|$/) ? 'database' : 'a parameter', 'a # in it must be percent-encoded (%23)');
    const query = tail.indexOf('?');
    const path = query < 0 ? tail : tail.slice(0, query);
    if (!decodes(path))
        throw malformed('database', 'a % must start a percent-encoded byte (%XX) of UTF-8');
    if (query < 0)
        return;
    for (const pair of tail.slice(query + 1).split('&')) {
        if (pair === '')
            continue;
        const eq = pair.indexOf('=');
        if (eq < 0)
            throw malformed('a parameter', 'expected name=value after ? and between &');
        const name = pair.slice(0, eq);
        if (!decodes(name))
            throw malformed('a parameter name', 'a % must start a percent-encoded byte (%XX) of UTF-8');
        if (!decodes(pair.slice(eq + 1)))
            throw malformed(parameterName(safeDecode(name)), 'a % in its value must start a percent-encoded byte (%XX) of UTF-8');
    }
}
function decodes(text) {
    if (BAD_PERCENT.test(text))
        return false;
    try {
        decodeURIComponent(text);
        return true;
    }
    catch {
        return false;
    }
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** The parameters of a URI connection string, its user, password, host, port and dbname included. */
function uriParams(url) {
    let parsed;
    checkUriLayout(url.trim());
    // libpq takes `postgres://user@/db?host=/socket/folder` (credentials, no host); WHATWG URL does
    // not, so a placeholder host stands in and is dropped again below.
    const text = url.trim().replace(/^(postgres(?:ql)?:\/\/[^/?#]*@)(?=[:/?#]|$)/i, `$1${NO_HOST}`);
    try {
        parsed = new URL(text);
    }
    catch {
        throw new errors_UsageError('the connection string is malformed: expected postgres://user:password@host:port/database (or host=… dbname=… pairs)');
    }
    const params = new Map();
    // A percent-encoded host that starts with a slash is a Unix socket folder (postgres://%2Ftmp/db).
    const host = safeDecode(parsed.hostname).replace(/^\[(.*)\]$/, '$1');
    if (host && host !== NO_HOST)
        params.set('host', host);
    if (parsed.port)
        params.set('port', parsed.port);
    if (parsed.username)
        params.set('user', safeDecode(parsed.username));
    if (parsed.password)
        params.set('password', safeDecode(parsed.password));
    const dbname = safeDecode(parsed.pathname.replace(/^\//, ''));
    if (dbname)
        params.set('dbname', dbname);
    // Query parameters override what the URI spelled before them, as in libpq.
    for (const [key, value] of parsed.searchParams)
        params.set(key, value);
    return params;
}
/** `key=value` pairs separated by spaces; a value may be single-quoted, `\'` and `\\` escape. */
function keywordParams(text) {
    const params = new Map();
    let i = 0;
    let previous;
    const skipSpace = () => {
        while (i < text.length && /\s/.test(text[i]))
            i += 1;
    };
    for (;;) {
        skipSpace();
        if (i >= text.length)
            return params;
        const keyStart = i;
        while (i < text.length && /[A-Za-z0-9_]/.test(text[i]))
            i += 1;
        const key = text.slice(keyStart, i);
        skipSpace();
        if (!key || text[i] !== '=') {
            // What stands here may be the rest of a value with a space in it: a password, so not quoted.
            const where = previous === undefined ? 'the first parameter' : `the parameter after ${previous}`;
            throw malformed(where, "expected keyword=value pairs separated by spaces (quote a value that holds spaces: key='a b')");
        }
        i += 1;
        skipSpace();
        let value = '';
        if (text[i] === "'") {
            i += 1;
            for (;;) {
                if (i >= text.length)
                    throw malformed(parameterName(key), 'its quoted value has no closing quote');
                const c = text[i];
                if (c === '\\' && i + 1 < text.length) {
                    value += text[i + 1];
                    i += 2;
                }
                else if (c === "'") {
                    i += 1;
                    break;
                }
                else {
                    value += c;
                    i += 1;
                }
            }
        }
        else {
            while (i < text.length && !/\s/.test(text[i])) {
                if (text[i] === '\\' && i + 1 < text.length)
                    i += 1;
                value += text[i];
                i += 1;
            }
        }
        params.set(key, value);
        previous = parameterName(key).replace(/^parameter /, '');
    }
}
/**
 * Every piece of a connection string pgdrift cannot read that might be its password: the runs of
 * text between `:`, `@`, `/`, `?`, `&`, `=`, `#` and spaces longer than three characters, as written
 * and percent-decoded. For masking in logs, where hiding too much is harmless and too little is not.
 */
function passwordCandidates(url) {
    const pieces = new Set();
    for (const piece of url.split(/[:@/?&=#\s]+/)) {
        if (piece.length <= 3)
            continue;
        pieces.add(piece);
        const decoded = safeDecode(piece);
        if (decoded.length > 3)
            pieces.add(decoded);
        // A quoted keyword value: its text without the quotes, as the server would get it.
        const unquoted = piece.replace(/^'|'$/g, '');
        if (unquoted.length > 3)
            pieces.add(unquoted);
    }
    return [...pieces];
}
/** `user@host:port/database` — never the password. */
function describeTarget(t) {
    return `${t.user}@${t.host}:${t.port}/${t.database}`;
}
/** Neon's pooled endpoints carry `-pooler` in the first label of the host name. */
function neonDirectHost(host) {
    const [first, ...rest] = host.split('.');
    if (!first || !first.endsWith('-pooler'))
        return null;
    return [first.slice(0, -'-pooler'.length), ...rest].join('.');
}
/** A host that is a folder names a Unix socket; libpq never uses TLS there, whatever the sslmode. */
function isSocketHost(host) {
    return host.startsWith('/');
}
/** The CA certificates named by sslrootcert: undefined for none or `system` (Node's trusted CAs). */
function readRootCert(url) {
    if (!url.sslrootcert || url.sslrootcert === 'system')
        return undefined;
    try {
        return (0,external_node_fs_namespaceObject.readFileSync)(url.sslrootcert, 'utf8');
    }
    catch (error) {
        const reason = error.code === 'ENOENT' ? 'no such file' : error.message;
        throw new errors_UsageError(`cannot read the sslrootcert file ${url.sslrootcert} named in the database URL: ${reason}`);
    }
}
function sslConfig(mode, ca, attemptTls) {
    if (!attemptTls || mode === 'disable')
        return false;
    if (mode === 'verify-full')
        return { rejectUnauthorized: true, ...(ca ? { ca } : {}) };
    if (mode === 'verify-ca')
        return { rejectUnauthorized: true, checkServerIdentity: () => undefined, ...(ca ? { ca } : {}) };
    // allow, prefer, require: encrypt, without verifying the certificate (libpq's meaning).
    return { rejectUnauthorized: false };
}
const RETRYABLE_CODES = new Set(['ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN', '57P03', '53300']);
function isRetryable(error) {
    const e = error;
    if (e.code && RETRYABLE_CODES.has(e.code))
        return true;
    return /timeout|terminated unexpectedly|Connection terminated/i.test(e.message ?? '');
}
/** A failure that means the server is not there or not ready yet, rather than a wrong setting. */
function notUpYet(error) {
    const e = error;
    return isRetryable(error) || ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENOENT', 'EHOSTUNREACH', '57P03'].includes(e.code ?? '');
}
/** Turns a connection failure into one line that names the target and says what to do. */
function connectionError(error, target) {
    const e = error;
    const where = describeTarget(target);
    const code = e.code ?? '';
    const fields = {
        ...(e.code ? { sqlState: e.code } : {}),
        ...(e.detail ? { detail: e.detail } : {}),
        ...(e.hint ? { hint: e.hint } : {}),
        cause: error,
    };
    let message;
    if (code === 'ECONNREFUSED')
        message = `could not connect to ${where}: connection refused. Is PostgreSQL running there, and are the host and port right?`;
    else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        message = `could not connect to ${where}: host "${target.host}" was not found. Check the host name in the database URL.`;
    else if (code === '28P01')
        message = `could not connect to ${where}: password authentication failed for user "${target.user}". Check the password in the database URL (or the secret it comes from).`;
    else if (code === '28000') {
        const tlsHint = /no encryption/i.test(e.message ?? '')
            ? ' The server requires TLS: use sslmode=require (or stronger) in the database URL.'
            : '';
        message = `could not connect to ${where}: the server refused this connection (${e.message ?? 'no pg_hba.conf entry'}).${tlsHint}`;
    }
    else if (/client password must be|no password supplied/i.test(e.message ?? ''))
        message = `could not connect to ${where}: the server asks for a password and the database URL has none. Add it to the URL (or set PGPASSWORD).`;
    else if (code === 'ENOENT' && isSocketHost(target.host))
        message = `could not connect to ${where}: there is no PostgreSQL socket in ${target.host} for port ${target.port}. Is the server running, and is that its socket folder?`;
    else if (code === '3D000')
        message = `could not connect to ${where}: database "${target.database}" does not exist. Check the database name at the end of the URL.`;
    else if (/does not support SSL/i.test(e.message ?? ''))
        message = `could not connect to ${where}: sslmode=${target.sslmode} requires TLS but the server does not offer it. Use sslmode=prefer or disable for a server without TLS.`;
    else if (/altnames|does not match certificate/i.test(e.message ?? ''))
        message = `could not connect to ${where}: the server's TLS certificate is not for host "${target.host}" (${e.message ?? ''}). Connect by the name the certificate carries, or use sslmode=verify-ca.`;
    else if (/self[- ]signed|certificate|unable to verify/i.test(e.message ?? ''))
        message = `could not connect to ${where}: the server's TLS certificate was not accepted (${e.message ?? ''}). With sslmode=${target.sslmode}, give its CA with sslrootcert=, or use sslmode=require.`;
    else if (/timeout/i.test(e.message ?? '') || code === 'ETIMEDOUT')
        message = `could not connect to ${where}: no answer in time. Check the host and port, or raise the connect timeout if the database is waking up.`;
    else
        message = `could not connect to ${where}: ${e.message ?? String(error)}`;
    return new errors_DatabaseError(message, fields);
}
const connect_sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Opens one client. With sslmode allow/prefer a server without TLS is retried in the clear, as
 * libpq does; over a Unix socket TLS is never tried. channel_binding=require fails unless the
 * server authenticated with SCRAM-SHA-256-PLUS. A connect_timeout in the connection string wins
 * over `options.connectTimeout`. Failures that may pass are retried with jittered backoff,
 * `options.retries` times.
 */
async function connect(url, options = defaultConnectOptions) {
    const mode = url.target.sslmode;
    const socket = isSocketHost(url.target.host);
    const ca = socket ? undefined : readRootCert(url);
    const timeoutSeconds = url.connectTimeout ?? options.connectTimeout;
    let attempt = 0;
    let tls = !socket && mode !== 'disable' && mode !== 'allow';
    const limits = options.limits && !neonDirectHost(url.target.host) ? options.limits : undefined;
    let checkInterval = true;
    for (;;) {
        const client = new esm.Client({
            ...url.config,
            ...(limits ? { options: limitOptions(url.config.options, limits, checkInterval) } : {}),
            ssl: sslConfig(mode, ca, tls),
            enableChannelBinding: tls && url.channelBinding !== 'disable',
            connectionTimeoutMillis: Math.round(timeoutSeconds * 1000),
            application_name: url.config.application_name ?? options.applicationName ?? 'pgdrift',
        });
        // An idle client whose server goes away emits 'error'; the query that follows reports it.
        client.on('error', () => undefined);
        let mechanisms;
        client.connection.once('authenticationSASL', (msg) => {
            mechanisms = msg.mechanisms ?? [];
        });
        try {
            await client.connect();
        }
        catch (error) {
            await client.end().catch(() => undefined);
            const message = error.message ?? '';
            if (tls && /does not support SSL/i.test(message) && mode === 'prefer') {
                tls = false;
                continue;
            }
            if (!tls && !socket && mode === 'allow' && error.code === '28000') {
                tls = true;
                continue;
            }
            // Before PostgreSQL 14, or on a platform without the check, the server refuses the setting.
            if (limits && checkInterval && /client_connection_check_interval/.test(message)) {
                checkInterval = false;
                continue;
            }
            if (attempt < options.retries && isRetryable(error)) {
                attempt += 1;
                await connect_sleep(Math.min(4000, 250 * 2 ** attempt) * (0.5 + Math.random()));
                continue;
            }
            if (options.waitUntil !== undefined && notUpYet(error) && Date.now() < options.waitUntil) {
                options.onWait?.(connectionError(error, url.target).message);
                await connect_sleep(Math.max(0, Math.min(1000, options.waitUntil - Date.now())));
                continue;
            }
            throw connectionError(error, url.target);
        }
        if (url.channelBinding === 'require' && !(tls && mechanisms?.includes('SCRAM-SHA-256-PLUS'))) {
            await client.end().catch(() => undefined);
            const how = mechanisms ? `it offered only ${mechanisms.join(', ')}` : 'it did not ask for a SCRAM password';
            throw new errors_DatabaseError(`could not connect to ${describeTarget(url.target)}: channel_binding=require, but the server did not authenticate with channel binding (${how}${socket ? ' over a Unix socket' : ''})`);
        }
        return client;
    }
}

;// CONCATENATED MODULE: ./src/db/session.ts

class Session {
    client;
    roundTrips = 0;
    /**
     * The server's max_locks_per_transaction, once a catalog read has asked (see introspect): how
     * many objects one transaction may lock on average before the shared lock table runs out.
     */
    maxLocksPerTransaction;
    constructor(client) {
        this.client = client;
    }
    /** One parameterised statement: one round trip. */
    async query(context, text, values = []) {
        this.roundTrips += 1;
        try {
            return await this.client.query(text, values);
        }
        catch (error) {
            throw wrapError(context, error);
        }
    }
    /**
     * Several statements without parameters, sent as one simple-protocol message: one round trip.
     * Returns one result per statement. On an error the server skips the rest of the batch.
     */
    async batch(context, statements) {
        this.roundTrips += 1;
        try {
            const result = (await this.client.query(statements.join(';\n')));
            return Array.isArray(result) ? result : [result];
        }
        catch (error) {
            throw wrapError(context, error);
        }
    }
    /**
     * Like `batch`, but each row is handed to `onRow` as it arrives instead of being collected: the
     * statement's index in `statements`, its column names, and the values as PostgreSQL sent them
     * (text, or null). Nothing is kept, so a large catalog read never sits in memory twice.
     */
    async stream(context, statements, onRow) {
        this.roundTrips += 1;
        const batch = new StreamedBatch(statements.join(';\n'), onRow);
        this.client.query(batch);
        try {
            await batch.done;
        }
        catch (error) {
            throw wrapError(context, error);
        }
    }
    async close() {
        await this.client.end().catch(() => undefined);
    }
}
/**
 * A simple-protocol query in node-postgres's submittable form (the interface pg-cursor uses): the
 * server ends each statement with CommandComplete, which is how a row is told to its statement.
 */
class StreamedBatch {
    text;
    onRow;
    done;
    resolve;
    reject;
    statement = 0;
    fields = [];
    failure;
    constructor(text, onRow) {
        this.text = text;
        this.onRow = onRow;
        this.done = new Promise((resolve, reject) => {
            this.resolve = resolve;
            this.reject = reject;
        });
    }
    submit(connection) {
        connection.query(this.text);
    }
    handleRowDescription(message) {
        this.fields = message.fields.map((f) => f.name);
    }
    handleDataRow(message) {
        if (this.failure !== undefined)
            return;
        try {
            this.onRow(this.statement, this.fields, message.fields);
        }
        catch (error) {
            // Kept until ReadyForQuery, so that the connection is idle again when the caller hears of it.
            this.failure = error;
        }
    }
    handleCommandComplete() {
        this.statement += 1;
    }
    handleEmptyQuery() { }
    handlePortalSuspended() { }
    handleCopyInResponse(connection) {
        connection.sendCopyFail('pgdrift does not send COPY data');
    }
    handleCopyData() { }
    handleError(error) {
        this.reject(error);
    }
    handleReadyForQuery() {
        if (this.failure !== undefined)
            this.reject(this.failure);
        else
            this.resolve();
    }
}
/**
 * `introspecting columns: permission denied for schema app`, keeping pg's code, detail and hint.
 * Every server error enters pgdrift here, so its message is made safe to relay here (one line,
 * capped, no long quoted value: see serverMessage), on the server's error itself too, as callers
 * quote `cause.message`.
 */
function wrapError(context, error) {
    if (error instanceof errors_DatabaseError)
        return error;
    const e = error;
    if (error instanceof Error)
        error.message = serverMessage(error.message, e.code);
    return new errors_DatabaseError(`${context}: ${e.message ?? String(error)}`, {
        ...(e.code ? { sqlState: e.code } : {}),
        ...(e.detail ? { detail: e.detail } : {}),
        ...(e.hint ? { hint: e.hint } : {}),
        cause: error,
    });
}

;// CONCATENATED MODULE: ./src/engine.ts
/**
 * The pipeline both entry points run, and its only owner: read the live catalog, compare it with
 * the spec, plan, apply. The CLI and the action translate their inputs into these calls and their
 * results into output; neither reads the catalog, diffs or plans itself.
 *
 * It lives above src/db (which it uses: connect, introspect, compare, apply) rather than in it,
 * because it decides how they are put together: how many connections read the catalog, what
 * overlaps with what, when the spec is checked.
 *
 * Reading: outside apply, the catalog is read on two connections sharing one snapshot (see
 * introspect), unless the host is a transaction-mode pooler, where one connection reads it all.
 * The catalog queries go out first, and the spec is checked while the server works on them.
 */







/**
 * The database a connection string names. Nothing connects yet. When the string is not valid and
 * `spec` is not either, the spec's error is the one thrown, as when it was checked first.
 */
function database(connectionString, options, spec) {
    let url;
    try {
        url = parseDatabaseUrl(connectionString);
    }
    catch (error) {
        spec?.parse();
        throw error;
    }
    if (options.timeoutOverridesUrl)
        url.connectTimeout = options.connectTimeout;
    const connectOptions = {
        connectTimeout: options.connectTimeout,
        retries: options.retries,
        ...(options.applicationName ? { applicationName: options.applicationName } : {}),
    };
    let waitUntil;
    let told = false;
    const waiting = (role) => {
        if (!options.wait || role === 'spare')
            return {};
        waitUntil ??= Date.now() + options.wait * 1000;
        const onWait = (reason) => {
            if (!told)
                options.onWait?.(reason);
            told = true;
        };
        return { waitUntil, onWait };
    };
    return {
        open: async (role, purpose = 'read') => new Session(await connect(url, {
            ...connectOptions,
            ...(role === 'spare' ? { retries: 0 } : {}),
            ...(purpose === 'read' ? { limits: READ_SESSION_LIMITS } : {}),
            ...waiting(role),
        })),
        target: describeTarget(url.target),
        host: url.target.host,
        directHost: neonDirectHost(url.target.host),
    };
}
/** The spec in `text`; `schemas`, when not empty, replace the schemas it manages. */
function specSource(text, file, schemas = []) {
    let json = parseJson(text, file);
    let spec;
    return {
        schemas: schemas.length ? [...schemas] : specSchemas(json),
        parse: () => {
            if (!spec) {
                spec = parseSpecJson(json ?? null, file);
                if (schemas.length)
                    spec.scope.schemas = [...schemas];
                json = undefined;
            }
            return spec;
        },
        ...(file === undefined ? {} : { file }),
    };
}
/** Compares the live database with the spec. Reads only; anything it creates is rolled back. */
async function check(db, spec, options = {}) {
    return withRead(db, spec, async (session, parsed, comparison) => {
        const result = { report: compare_reportOf(comparison.changes, comparison.unverified), serverVersion: comparison.serverVersion };
        if (options.plan) {
            try {
                result.plan = await compare_planComparison(session, comparison, options.plan);
            }
            catch (error) {
                if (!(error instanceof PlanError))
                    throw error;
                result.planError = error.message;
            }
        }
        if (options.base)
            result.base = await compareBase(session, options.base, parsed, comparison);
        return result;
    });
}
/** The plan that takes the live database to the spec. Throws PlanError for a change it cannot plan. */
async function plan(db, spec, choices) {
    return withRead(db, spec, async (session, _, comparison) => ({
        plan: await planComparison(session, comparison, choices),
        report: reportOf(comparison.changes, comparison.unverified),
    }));
}
/**
 * Applies the spec: plans and runs the statements in one transaction and commits only what the
 * re-read inside it verifies (see src/db/apply.ts). Refuses a transaction-mode pooler before
 * connecting. The result's report comes from that verifying read.
 */
async function apply(db, spec, options) {
    const parsed = spec.parse();
    if (db.directHost) {
        throw new UsageError(`${db.host} is a pooled Neon endpoint (PgBouncer in transaction mode), which is not safe for DDL: use the direct host ${db.directHost} in the database URL for apply`);
    }
    const session = await db.open('primary', 'write');
    try {
        return await applySpec(session, parsed, { ...options, target: db.target, ...(spec.file === undefined ? {} : { file: spec.file }) });
    }
    finally {
        await session.close();
    }
}
/** The live schema as a spec would hold it: `schemas`, or every user schema. */
async function snapshot(db, schemas = []) {
    const session = await db.open('primary');
    try {
        return (await introspect(session, schemas.length ? [...schemas] : undefined)).schema;
    }
    finally {
        await session.close();
    }
}
/**
 * Reads the catalog the one way check and plan read it, compares it with the spec, and hands
 * both to `use` on the session, which is closed afterwards.
 */
async function withRead(db, spec, use) {
    // Through a transaction-mode pooler a second connection cannot share the snapshot.
    const spare = db.directHost ? undefined : db.open('spare');
    spare?.catch(() => undefined);
    let session;
    try {
        session = await db.open('primary');
    }
    catch (error) {
        void spare?.then((extra) => extra.close(), () => undefined);
        // A bad spec is the error to report, as when it was checked before connecting.
        spec.parse();
        throw error;
    }
    try {
        // The catalog queries go out first and the spec is checked while the server works on them.
        let dispatched;
        const sent = new Promise((resolve) => (dispatched = resolve));
        const live = introspect_introspect(session, spec.schemas, { ...(spare ? { helper: spare } : {}), dispatched });
        live.catch(() => undefined);
        await sent;
        const parsed = spec.parse();
        const comparison = await compare_compare(session, parsed, await live, spec.file === undefined ? {} : { file: spec.file });
        return await use(session, parsed, comparison);
    }
    finally {
        await session.close();
    }
}
/** The base branch's spec against the live database and against the spec; failures are the result, not thrown. */
async function compareBase(session, base, spec, head) {
    try {
        const baseSpec = base.parse();
        const { desired } = await desiredSchema(session, baseSpec, head.live);
        return { baseDrift: driftBetween(head.live, desired, baseSpec.scope), specChanges: driftBetween(desired, head.desired, spec.scope) };
    }
    catch (error) {
        return { error: error.message };
    }
}

;// CONCATENATED MODULE: ./src/spec-file.ts
/**
 * Reading a spec file, which may come from a pull request and so may be anything: a size limit
 * checked before reading (and a byte cap while reading, for pipes and devices that never end),
 * binary content refused from its first bytes, and strict UTF-8 that names the offset of the first
 * bad byte instead of turning it into U+FFFD. A UTF-8 byte-order mark is accepted.
 */

/** The largest spec pgdrift reads: far above any real schema (40,000 tables take about 15 MB). */
const SPEC_SIZE_LIMIT = 20 * 1024 * 1024;
const CHUNK = 1024 * 1024;
const UTF16 = 'it is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8';
function megabytes(bytes) {
    const mb = bytes / (1024 * 1024);
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
/**
 * The text of the spec file at `path`. Throws an Error whose message says what is wrong in a few
 * words (the caller names the file); errors from the file system (ENOENT …) are thrown as they
 * are, with their `code`.
 */
function readSpecFile(path, limit = SPEC_SIZE_LIMIT) {
    // A FIFO is opened as any reader would (waiting for its writer); anything else without blocking.
    const fifo = (0,external_node_fs_namespaceObject.statSync)(path).isFIFO();
    const fd = (0,external_node_fs_namespaceObject.openSync)(path, fifo ? external_node_fs_namespaceObject.constants.O_RDONLY : external_node_fs_namespaceObject.constants.O_RDONLY | external_node_fs_namespaceObject.constants.O_NONBLOCK);
    try {
        const stat = (0,external_node_fs_namespaceObject.fstatSync)(fd);
        if (stat.isDirectory())
            throw new Error('it is a folder, not a file');
        if (stat.isFile() && stat.size > limit)
            throw new Error(`it is ${megabytes(stat.size)}, over the ${megabytes(limit)} limit for a spec`);
        const chunks = [];
        let total = 0;
        for (;;) {
            const chunk = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
            const n = (0,external_node_fs_namespaceObject.readSync)(fd, chunk, 0, chunk.length, null);
            if (n === 0)
                break;
            const bytes = chunk.subarray(0, n);
            if (total === 0 && n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
                throw new Error(UTF16);
            const nul = bytes.indexOf(0);
            if (nul >= 0)
                throw new Error(`it is not a text file (a NUL byte at offset ${total + nul})`);
            chunks.push(bytes);
            total += n;
            if (total > limit)
                throw new Error(`it is over the ${megabytes(limit)} limit for a spec`);
        }
        return decodeUtf8(Buffer.concat(chunks, total));
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
/** Strict UTF-8 (a leading byte-order mark dropped); an error names the offset of the first bad byte. */
function decodeUtf8(bytes) {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
        throw new Error(UTF16);
    }
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        const offset = firstInvalidUtf8(bytes);
        let line = 1;
        for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1))
            line += 1;
        const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
        throw new Error(`it is not valid UTF-8: byte 0x${byte} at offset ${offset} (line ${line}) does not start a UTF-8 character (save the file as UTF-8)`);
    }
}
/** The offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes) {
    let i = 0;
    while (i < bytes.length) {
        const b = bytes[i];
        if (b < 0x80) {
            i += 1;
            continue;
        }
        let length;
        let low = 0x80;
        let high = 0xbf;
        if (b >= 0xc2 && b <= 0xdf)
            length = 2;
        else if (b >= 0xe0 && b <= 0xef) {
            length = 3;
            if (b === 0xe0)
                low = 0xa0;
            if (b === 0xed)
                high = 0x9f;
        }
        else if (b >= 0xf0 && b <= 0xf4) {
            length = 4;
            if (b === 0xf0)
                low = 0x90;
            if (b === 0xf4)
                high = 0x8f;
        }
        else
            return i;
        for (let k = 1; k < length; k += 1) {
            const c = bytes[i + k];
            if (c === undefined)
                return i;
            if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf)
                return i;
        }
        i += length;
    }
    return bytes.length;
}

;// CONCATENATED MODULE: ./src/api.ts
/**
 * pgdrift as a library for Node backends: `import { check } from 'pgdrift'`. It runs the same
 * engine as the CLI and returns the same report as `pgdrift check --format json`, so a backend
 * can compare its database with its spec at start-up (or on a health endpoint) and decide what to
 * do: refuse to start, degrade, or log. It only reads; anything it creates is rolled back.
 *
 * Errors are thrown as PgDriftError, whose `code` says what kind ('usage', 'spec', 'database'…)
 * and whose message is one line that never holds the password.
 */





/**
 * Compares the live database with the spec: `report.drift` is true when they differ, and
 * `report.changes` says how (the JSON report of the CLI, version 1).
 */
async function api_check(options) {
    if (typeof options?.databaseUrl !== 'string' || options.databaseUrl === '')
        throw new errors_UsageError('check needs databaseUrl: the connection string of the database to compare');
    if (options.spec !== undefined && options.specJson !== undefined)
        throw new errors_UsageError('give check either spec (a file) or specJson (the spec itself), not both');
    const file = options.specJson === undefined ? (options.spec ?? DEFAULTS.spec) : undefined;
    const text = file !== undefined ? readSpec(file) : typeof options.specJson === 'string' ? options.specJson : JSON.stringify(options.specJson);
    const spec = specSource(text, file, options.schemas ?? []);
    const db = database(options.databaseUrl, {
        connectTimeout: options.connectTimeout ?? DEFAULTS.connectTimeout,
        retries: DEFAULTS.connectRetries,
        wait: options.wait ?? 0,
        applicationName: 'pgdrift-api',
    }, spec);
    return (await check(db, spec)).report;
}
function readSpec(file) {
    try {
        return readSpecFile(file);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            throw new errors_UsageError(`spec file ${file} does not exist (pass spec: the path of the JSON spec, or specJson)`);
        throw new errors_UsageError(`cannot read spec file ${file}: ${error.message}`);
    }
}

var __webpack_exports__PgDriftError = __webpack_exports__.d;
var __webpack_exports__check = __webpack_exports__.z;
export { __webpack_exports__PgDriftError as PgDriftError, __webpack_exports__check as check };
