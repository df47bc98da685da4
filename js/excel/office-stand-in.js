// A stand-in for the parts of Office.js that Rapport's functions script uses, for tests only
// (Office.js loads from Microsoft's CDN, which tests cannot reach). It is never shipped.
(function (g) {
  const ErrorCode = {
    invalidValue: '#VALUE!',
    notAvailable: '#N/A',
    divisionByZero: '#DIV/0!',
    invalidNumber: '#NUM!',
    nullReference: '#NULL!',
    invalidName: '#NAME?',
    invalidReference: '#REF!',
  };
  const messageCodes = new Set([ErrorCode.invalidValue, ErrorCode.notAvailable]);
  class CustomFunctionsError extends Error {
    constructor(code, message) {
      super(message);
      if (!Object.values(ErrorCode).includes(code)) throw new TypeError(`unknown error code ${code}`);
      if (message !== undefined && !messageCodes.has(code)) throw new TypeError(`${code} cannot carry a message`);
      this.code = code;
    }
  }
  const registry = new Map();
  g.CustomFunctions = {
    ErrorCode,
    Error: CustomFunctionsError,
    associate(id, fn) {
      if (typeof id !== 'string' || typeof fn !== 'function') throw new TypeError('associate(id, fn)');
      registry.set(id, fn);
    },
    __registry: registry,
  };
  g.Office = {
    onReady(cb) {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      return Promise.resolve().then(() => (cb ? cb(info) : info));
    },
  };
})(globalThis);
